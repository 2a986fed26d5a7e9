/*
 * Sourcelight settings: one schema, validated and migrated wherever they are read (background,
 * content script, popup, options), stored in `storage.sync` so they follow the reader's browser
 * profile and survive restarts and updates.
 *
 *   schema       2 (absent in the first release, which stored only {sites: {host: 'always'}})
 *   defaultMode  'ask' | 'always' | 'never'  — for sites not in `sites`
 *   sites        {host: 'always' | 'ask' | 'never'}
 *   categories   {quote, anonymous_source, editorial: boolean}  — what is looked for at all
 *   palette      palette id (palette.json)
 *   phrases      [{kind, phrase, note?}]  — the reader's own phrases, passed to the core
 *
 * The pure functions here take and return plain objects; only load/save touch the storage API.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  const SCHEMA = 2;
  const MODES = ['always', 'ask', 'never'];
  const KINDS = ['quote', 'anonymous_source', 'editorial'];
  const KEYS = ['schema', 'defaultMode', 'sites', 'categories', 'palette', 'phrases'];
  // The core scans the text once per phrase; this keeps a long page fast.
  const MAX_PHRASES = 50;
  const MAX_PHRASE_CHARS = 60;
  const MAX_PHRASE_WORDS = 6;
  const MAX_NOTE_CHARS = 200;
  const MAX_SITES = 400; // storage.sync allows 8 KB per item

  function defaults() {
    return {
      schema: SCHEMA,
      defaultMode: 'ask',
      sites: {},
      categories: { quote: true, anonymous_source: true, editorial: true },
      palette: 'okabe-ito',
      phrases: [],
    };
  }

  /** A hostname from what the reader typed (`https://www.example.com/x` → `www.example.com`), or null. */
  function parseHost(input) {
    const s = String(input || '').trim().toLowerCase();
    if (!s) return null;
    try {
      const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(s) ? s : `https://${s}`);
      if (!/^https?:$/.test(u.protocol)) return null;
      const h = u.hostname;
      return /^[a-z0-9.-]+$/.test(h) && !h.startsWith('.') && !h.endsWith('.') && !h.includes('..') ? h : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * Checks a phrase the reader wants to add. Returns null when it is fine, else the message key
   * that says what is wrong (with its substitutions).
   * @returns {null | {key: string, subs?: string[]}}
   */
  function checkPhrase(entry, existing) {
    const kind = entry && entry.kind;
    const phrase = String((entry && entry.phrase) || '').trim().replace(/\s+/g, ' ');
    const note = String((entry && entry.note) || '').trim();
    if (!KINDS.includes(kind)) return { key: 'phraseBadKind' };
    if (!phrase) return { key: 'phraseEmpty' };
    if (phrase.length > MAX_PHRASE_CHARS) return { key: 'phraseTooLong', subs: [String(MAX_PHRASE_CHARS)] };
    if (!/[\p{L}\p{N}]/u.test(phrase)) return { key: 'phraseNoLetter' };
    if (!/^[\p{L}\p{M}\p{N} '’.&-]+$/u.test(phrase)) return { key: 'phraseBadChars' };
    if (phrase.split(' ').length > MAX_PHRASE_WORDS) return { key: 'phraseTooManyWords', subs: [String(MAX_PHRASE_WORDS)] };
    if (note.length > MAX_NOTE_CHARS) return { key: 'noteTooLong', subs: [String(MAX_NOTE_CHARS)] };
    const list = existing || [];
    if (list.some((p) => p.kind === kind && p.phrase.toLowerCase() === phrase.toLowerCase())) return { key: 'phraseDuplicate' };
    if (list.length >= MAX_PHRASES) return { key: 'phraseLimit', subs: [String(MAX_PHRASES)] };
    return null;
  }

  /** The phrase as stored (trimmed, single spaces; the note only when given). */
  function cleanPhrase(entry) {
    const out = { kind: entry.kind, phrase: String(entry.phrase).trim().replace(/\s+/g, ' ') };
    const note = String(entry.note || '').trim();
    if (note) out.note = note;
    return out;
  }

  /**
   * Brings stored (or imported) settings to the current schema. Anything invalid is dropped in
   * favour of the default, never allowed to break the extension. Returns {settings, changed}.
   */
  function migrate(raw) {
    const src = raw && typeof raw === 'object' ? raw : {};
    const out = defaults();
    // Schema 1 (no `schema` key) had only `sites`, with 'always' as the one mode; it reads the same.
    if (MODES.includes(src.defaultMode)) out.defaultMode = src.defaultMode;
    if (src.sites && typeof src.sites === 'object') {
      for (const [host, mode] of Object.entries(src.sites)) {
        const h = parseHost(host);
        if (h === host && MODES.includes(mode) && Object.keys(out.sites).length < MAX_SITES) out.sites[h] = mode;
      }
    }
    if (src.categories && typeof src.categories === 'object') {
      for (const k of KINDS) if (typeof src.categories[k] === 'boolean') out.categories[k] = src.categories[k];
    }
    if (typeof src.palette === 'string' && /^[a-z0-9-]{1,40}$/.test(src.palette)) out.palette = src.palette;
    if (Array.isArray(src.phrases)) {
      for (const p of src.phrases) if (!checkPhrase(p, out.phrases)) out.phrases.push(cleanPhrase(p));
    }
    const changed = src.schema !== SCHEMA || KEYS.some((k) => JSON.stringify(src[k]) !== JSON.stringify(out[k]));
    return { settings: out, changed };
  }

  /** The mode for a host: its own setting, else the default. */
  function modeFor(settings, host) {
    return (host && settings.sites[host]) || settings.defaultMode;
  }

  /**
   * The core's options for these settings. `publisher` names the site the page is from (its
   * og:site_name, or its host name): what a page credits to its own outlet is its own reporting.
   */
  function coreOptions(settings, publisher) {
    return {
      publisher: typeof publisher === 'string' && publisher.trim() ? publisher.trim() : null,
      quotes: settings.categories.quote,
      anonymous: settings.categories.anonymous_source,
      editorial: settings.categories.editorial,
      user_phrases: settings.phrases.filter((p) => settings.categories[p.kind]).map((p) => ({ kind: p.kind, phrase: p.phrase, note: p.note || null })),
    };
  }

  /** Settings as a file the reader can keep or move to another browser. */
  function toFile(settings) {
    return JSON.stringify({ sourcelight: 'settings', ...settings }, null, 2) + '\n';
  }

  /** Settings from such a file: {settings} or {error: message key}. */
  function fromFile(text) {
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { error: 'importNotJson' };
    }
    if (!raw || typeof raw !== 'object' || raw.sourcelight !== 'settings') return { error: 'importNotSettings' };
    return { settings: migrate(raw).settings };
  }

  // ---- storage ----

  /** Reads the settings, migrating (and saving the migration) when they are from an older version. */
  async function load(api) {
    const raw = await api.storage.sync.get(null);
    const { settings, changed } = migrate(raw);
    if (changed) await save(api, settings);
    return settings;
  }

  /**
   * Reads the settings without saving anything: for pages that follow changes made elsewhere, so
   * that one write never sets off writes in every page that listens (storage.sync takes only so
   * many a minute).
   */
  async function read(api) {
    return migrate(await api.storage.sync.get(null)).settings;
  }

  async function save(api, settings) {
    const { settings: clean } = migrate(settings);
    await api.storage.sync.set(clean);
    return clean;
  }

  /**
   * What to tell the reader when the browser refuses to store the settings: storage.sync allows
   * only so many writes a minute (Chrome: 120) and so many bytes; the browser's own reason follows.
   */
  function saveFailure(t, error) {
    const reason = String((error && error.message) || error || '').slice(0, 200);
    return t('saveFailed', [reason]);
  }

  /** Changes some fields (a function of the current settings) and saves. */
  async function update(api, change) {
    const cur = await load(api);
    return save(api, { ...cur, ...change(cur) });
  }

  /** storage.local key of a site the reader just set to "always", while the browser asks for access. */
  const PENDING_KEY = 'pendingAlways';
  const PENDING_MAX_AGE_MS = 10 * 60 * 1000;

  /**
   * Finishes a popup's "always" choice that the browser's permission prompt interrupted: when access
   * to the site has been granted since, the site is saved as "always".
   */
  async function completePending(api) {
    const pending = (await api.storage.local.get(PENDING_KEY))[PENDING_KEY];
    if (!pending) return null;
    if (!(Date.now() - pending.at < PENDING_MAX_AGE_MS) || parseHost(pending.host) !== pending.host) {
      await api.storage.local.remove(PENDING_KEY);
      return null;
    }
    if (!(await api.permissions.contains({ origins: origins(pending.host) }))) return null;
    await api.storage.local.remove(PENDING_KEY);
    return update(api, (cur) => ({ sites: { ...cur.sites, [pending.host]: 'always' } }));
  }

  /** Host permission patterns for a site. */
  const origins = (host) => [`http://${host}/*`, `https://${host}/*`];
  const ALL_SITES = ['http://*/*', 'https://*/*'];

  NS.settings = {
    SCHEMA, MODES, KINDS, MAX_PHRASES, defaults, parseHost, checkPhrase, cleanPhrase, migrate, modeFor, coreOptions,
    toFile, fromFile, load, read, save, update, saveFailure, origins, ALL_SITES, PENDING_KEY, completePending,
  };
})(typeof globalThis !== 'undefined' ? globalThis : self);
