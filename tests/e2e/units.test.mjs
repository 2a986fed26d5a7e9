// The extension's browser-free parts in Node: settings (schema, migration, validation, the
// settings file), the page report and its exports, message formatting, and the two translations
// (same messages and placeholders, every message the code asks for exists). Fast; no browser.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from './server.mjs';

const SRC = path.join(ROOT, 'extension', 'src');

/** The extension's classic scripts, evaluated in a fresh context (as the browser would). */
function load(...files) {
  const ctx = vm.createContext({ URL, console });
  vm.runInContext('var globalThis = this;', ctx);
  for (const f of files) vm.runInContext(fs.readFileSync(path.join(SRC, f), 'utf8'), ctx, { filename: f });
  return ctx.Sourcelight;
}

const messages = (lang) => JSON.parse(fs.readFileSync(path.join(SRC, '_locales', lang, 'messages.json'), 'utf8'));
// Structured clone into this realm, so deepEqual compares values rather than prototypes.
const plain = (v) => JSON.parse(JSON.stringify(v));

describe('settings', () => {
  const { settings: S } = load('settings.js');

  it('migrates the first release’s settings (no schema, "always" sites only) to schema 2', () => {
    const { settings, changed } = S.migrate({ sites: { 'news.example': 'always', 'www.paper.example': 'always' } });
    assert.equal(changed, true);
    assert.deepEqual(plain(settings), {
      schema: 2,
      defaultMode: 'ask',
      sites: { 'news.example': 'always', 'www.paper.example': 'always' },
      categories: { quote: true, anonymous_source: true, editorial: true },
      palette: 'okabe-ito',
      phrases: [],
    });
  });

  it('saves a migration when a page loads the settings, never when a page only follows a change', async () => {
    const old = { sites: { 'news.example': 'always' } };
    const fake = () => {
      const writes = [];
      return { writes, api: { storage: { sync: { get: async () => JSON.parse(JSON.stringify(old)), set: async (v) => writes.push(v) } } } };
    };
    const loading = fake();
    assert.equal((await S.load(loading.api)).schema, 2);
    assert.equal(loading.writes.length, 1);
    const following = fake();
    const read = await S.read(following.api);
    assert.deepEqual(plain(read.sites), old.sites);
    assert.equal(read.schema, 2);
    assert.equal(following.writes.length, 0);
  });

  it('tells the reader why a change was not saved, in a message with the browser’s reason', () => {
    const seen = [];
    const t = (key, subs) => (seen.push([key, subs]), key);
    S.saveFailure(t, new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'));
    S.saveFailure(t, 'x'.repeat(500));
    assert.deepEqual(plain(seen[0]), ['saveFailed', ['This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.']]);
    assert.equal(seen[1][1][0].length, 200, 'a long reason is cut short');
  });

  it('leaves current settings as they are', () => {
    const current = { ...S.defaults(), sites: { 'a.example': 'never' }, palette: 'underline', phrases: [{ kind: 'editorial', phrase: 'so to speak' }] };
    const { settings, changed } = S.migrate(current);
    assert.equal(changed, false);
    assert.deepEqual(plain(settings), plain(current));
  });

  it('drops what is invalid in favour of the default, never letting it through', () => {
    const { settings } = S.migrate({
      schema: 2,
      defaultMode: 'sometimes',
      sites: { 'ok.example': 'never', 'Not A Host': 'always', 'evil.example': 'maybe', 'javascript:alert(1)': 'always' },
      categories: { quote: 'yes', editorial: false },
      palette: '../../etc/passwd',
      phrases: [{ kind: 'editorial', phrase: '<script>' }, { kind: 'nope', phrase: 'fine' }, { kind: 'quote', phrase: '  spaced   out  ' }],
    });
    assert.equal(settings.defaultMode, 'ask');
    assert.deepEqual(plain(settings.sites), { 'ok.example': 'never' });
    assert.deepEqual(plain(settings.categories), { quote: true, anonymous_source: true, editorial: false });
    assert.equal(settings.palette, 'okabe-ito');
    assert.deepEqual(plain(settings.phrases), [{ kind: 'quote', phrase: 'spaced out' }]);
  });

  it('says what is wrong with a phrase', () => {
    const k = (p, existing) => (S.checkPhrase(p, existing) || {}).key || null;
    assert.equal(k({ kind: 'editorial', phrase: 'so-called' }), null);
    assert.equal(k({ kind: 'editorial', phrase: 'l’État providence' }), null);
    assert.equal(k({ kind: 'editorial', phrase: '   ' }), 'phraseEmpty');
    assert.equal(k({ kind: 'editorial', phrase: '!!!' }), 'phraseNoLetter');
    assert.equal(k({ kind: 'editorial', phrase: 'a <b>' }), 'phraseBadChars');
    assert.equal(k({ kind: 'editorial', phrase: 'one two three four five six seven' }), 'phraseTooManyWords');
    assert.equal(k({ kind: 'editorial', phrase: 'x'.repeat(61) }), 'phraseTooLong');
    assert.equal(k({ kind: 'editorial', phrase: 'fine', note: 'n'.repeat(201) }), 'noteTooLong');
    assert.equal(k({ kind: 'weather', phrase: 'fine' }), 'phraseBadKind');
    assert.equal(k({ kind: 'editorial', phrase: 'So-Called' }, [{ kind: 'editorial', phrase: 'so-called' }]), 'phraseDuplicate');
    assert.equal(k({ kind: 'anonymous_source', phrase: 'so-called' }, [{ kind: 'editorial', phrase: 'so-called' }]), null);
    const full = Array.from({ length: S.MAX_PHRASES }, (_, i) => ({ kind: 'editorial', phrase: `phrase ${i}` }));
    assert.equal(k({ kind: 'editorial', phrase: 'one more' }, full), 'phraseLimit');
  });

  it('reads a site from what a reader types', () => {
    assert.equal(S.parseHost('https://www.Example.com/news/1?x=2'), 'www.example.com');
    assert.equal(S.parseHost(' example.org '), 'example.org');
    assert.equal(S.parseHost('127.0.0.1'), '127.0.0.1');
    assert.equal(S.parseHost('ftp://example.org'), null);
    assert.equal(S.parseHost('not a site!'), null);
    assert.equal(S.parseHost(''), null);
  });

  it('turns the settings into the core’s options, without phrases of switched-off categories', () => {
    const s = { ...S.defaults(), categories: { quote: true, anonymous_source: false, editorial: true }, phrases: [{ kind: 'editorial', phrase: 'so to speak', note: 'x' }, { kind: 'anonymous_source', phrase: 'a little bird' }] };
    assert.deepEqual(plain(S.coreOptions(s)), { publisher: null, quotes: true, anonymous: false, editorial: true, user_phrases: [{ kind: 'editorial', phrase: 'so to speak', note: 'x' }] });
  });

  it('passes the page’s outlet to the core as it names itself, and nothing for a blank name', () => {
    assert.equal(S.coreOptions(S.defaults(), '  Calvera Herald ').publisher, 'Calvera Herald');
    assert.equal(S.coreOptions(S.defaults(), '   ').publisher, null);
    assert.equal(S.coreOptions(S.defaults(), 42).publisher, null);
  });

  it('writes a settings file and reads it back; refuses other files', () => {
    const s = { ...S.defaults(), sites: { 'a.example': 'always' }, phrases: [{ kind: 'editorial', phrase: 'so to speak' }] };
    assert.deepEqual(plain(S.fromFile(S.toFile(s)).settings), plain(s));
    assert.equal(S.fromFile('not json').error, 'importNotJson');
    assert.equal(S.fromFile('{"sites": {}}').error, 'importNotSettings');
  });

  it('finishes an "always" the permission prompt interrupted, once access is granted', async () => {
    const store = { sync: {}, local: { [S.PENDING_KEY]: { host: 'news.example', at: Date.now() } } };
    let granted = false;
    const area = (name) => ({
      get: async (k) => (k === null ? { ...store[name] } : { [k]: store[name][k] }),
      set: async (o) => Object.assign(store[name], o),
      remove: async (k) => delete store[name][k],
    });
    const api = { storage: { sync: area('sync'), local: area('local') }, permissions: { contains: async () => granted } };
    assert.equal(await S.completePending(api), null, 'nothing before access is granted');
    assert.ok(store.local[S.PENDING_KEY], 'still waiting');
    granted = true;
    await S.completePending(api);
    assert.equal(store.sync.sites['news.example'], 'always');
    assert.equal(store.local[S.PENDING_KEY], undefined);
  });
});

describe('the page report', () => {
  const NS = load('lib/i18n.js', 'lib/report.js');
  const t = NS.i18n.fromMessages(messages('en'));
  const entry = (id, kind, subtype, text, extra = {}) => ({ id, key: kind, text, finding: { kind, subtype, note: `Note ${id}.`, rule: 'r', ...extra } });
  it('tells the reader whether a copy worked, since a page may refuse the clipboard', async () => {
    const status = { textContent: '' };
    const clipboard = (ok) => ({ defaultView: { navigator: { clipboard: { writeText: async () => { if (!ok) throw new Error('denied'); } } } } });
    await NS.report.exporter(clipboard(true), status, t).copy('x');
    assert.equal(status.textContent, t('copied'));
    await NS.report.exporter(clipboard(false), status, t).copy('x');
    assert.equal(status.textContent, t('copyFailed'));
    assert.notEqual(t('copied'), t('copyFailed'));
  });

  const report = NS.report.build({
    entries: [
      entry(1, 'quote', 'full', 'We won | <b>big</b> [link](http://x)', { speaker: { name: 'Ana *Beltrán*', source_type: 'named_person' } }),
      entry(2, 'quote', 'full', 'Never again', { speaker: { name: 'a senior official', source_type: 'anonymous' } }),
      entry(3, 'anonymous_source', 'unnamed_person', 'a senior official'),
      entry(4, 'quote', 'partial', 'final', { speaker: { name: 'Ana *Beltrán*', source_type: 'named_person' } }),
      entry(5, 'quote', 'full', 'We will appeal', { speaker: { name: 'it', source_type: 'unknown' } }),
    ],
    summaries: [
      { attributions: { named_person: 2, anonymous: 1 }, words: 100, quoted_words: 10, other_language_words: 30 },
      { attributions: { named_person: 1, vague: 1 }, words: 50, quoted_words: 5 },
    ],
    url: 'https://news.example/a?b=1',
    title: 'A | title',
    version: '0.1.0',
    generated: '2024-05-01T10:00:00.000Z',
  });

  it('counts what is drawn and adds up the parts of the page', () => {
    assert.deepEqual(plain(report.counts), { quote: 4, anonymous_source: 1, editorial: 0 });
    assert.deepEqual(plain(report.attributions), { named_person: 3, named_organisation: 0, anonymous: 1, secondhand: 0, vague: 1, unknown: 0 });
    assert.deepEqual(plain(report.speakers), [
      { name: 'Ana *Beltrán*', source_type: 'named_person', quotes: 2 },
      { name: 'a senior official', source_type: 'anonymous', quotes: 1 },
      { name: 'it', source_type: 'unknown', quotes: 1 },
    ]);
    assert.equal(report.words, 150);
    assert.equal(report.other_language_words, 30, 'words in other languages add up, a part without the count adds none');
    assert.equal(report.quoted_share, 0.1);
    assert.equal(report.anonymous_attribution_share, 0.2);
    assert.equal(report.anonymous_quote_share, 1 / 4);
  });

  it('exports Markdown in which page text stays text (no links, emphasis, tables or HTML)', () => {
    const md = NS.report.toMarkdown(report, t);
    assert.match(md, /^# Sourcelight report: A \\\| title$/m);
    assert.match(md, /^- “We won \\\| \\<b\\>big\\<\/b\\> \\\[link\\\]\\\(http:\/\/x\\\)” — Ana \\\*Beltrán\\\* — Full quote\. _Note 1\._$/m);
    assert.match(md, /^- “Never again” — anonymous \\\(a senior official\\\) — Full quote\./m);
    assert.match(md, /^\| Named person \| 3 \|$/m);
    assert.match(md, /^- unclear \\\(“it”\\\) \(Unclear\): quotes: 1$/m, 'an unresolved pronoun is not listed as a name');
    assert.match(md, /^- “We will appeal” — unclear \\\(“it”\\\) — Full quote\./m);
    assert.ok(!/<b>/.test(md));
  });

  it('lists only the first highlights of each kind when asked, still counting all', () => {
    const short = NS.report.build({
      entries: [
        entry(1, 'quote', 'full', 'one'),
        entry(2, 'quote', 'full', 'two'),
        entry(3, 'anonymous_source', 'unnamed_person', 'a source'),
        entry(4, 'quote', 'full', 'three'),
      ],
      summaries: [],
      maxPerKind: 1,
    });
    assert.deepEqual(plain(short.counts), { quote: 3, anonymous_source: 1, editorial: 0 });
    assert.deepEqual(plain(short.highlights.map((h) => h.text)), ['one', 'a source']);
  });

  it('exports JSON that reads back as the same report', () => {
    assert.deepEqual(JSON.parse(NS.report.toJson(report)), plain(report));
  });
});

describe('the messages between content scripts and the background', () => {
  const { protocol: P } = load('lib/protocol.js');
  const self = { id: 'ext', baseUrl: 'chrome-extension://ext/' };
  const page = { id: 'ext', tab: { id: 7 }, url: 'https://news.example/story' };
  const analyze = (extra) => P.checkAtBackground({ type: P.T.ANALYZE, text: 'Some words.', ...extra }, page, self);

  it('accepts a text to analyse with or without the name of the page’s outlet', () => {
    assert.equal(analyze({}), null);
    assert.equal(analyze({ publisher: 'Calvera Herald' }), null);
    assert.equal(analyze({ publisher: null }), null);
  });

  it('refuses an outlet name that is not a short string', () => {
    assert.equal(analyze({ publisher: 'x'.repeat(P.MAX_PUBLISHER + 1) }), 'bad publisher');
    assert.equal(analyze({ publisher: { name: 'x' } }), 'bad publisher');
  });
});

describe('messages', () => {
  it('fills placeholders as the browsers do', () => {
    const { i18n } = load('lib/i18n.js');
    const t = i18n.fromMessages({
      hi: { message: 'Hello $NAME$, $$5 for $WHAT$', placeholders: { name: { content: '$1' }, what: { content: '$2' } } },
    });
    assert.equal(t('hi', ['Ana', 'tea']), 'Hello Ana, $5 for tea');
    assert.equal(t('missing'), 'missing');
  });

  it('names a speaker left as a bare pronoun as unclear, and any other speaker by name', () => {
    const { i18n } = load('lib/i18n.js');
    const t = i18n.fromMessages(messages('en'));
    assert.equal(i18n.speakerName({ name: 'it', source_type: 'unknown' }, t), 'unclear (“it”)');
    assert.equal(i18n.speakerName({ name: 'They', source_type: 'unknown' }, t), 'unclear (“They”)');
    assert.equal(i18n.speakerName({ name: 'The ministry', source_type: 'unknown' }, t), 'The ministry', 'a body the article names stays named');
    assert.equal(i18n.speakerName({ name: 'a senior official', source_type: 'anonymous' }, t), 'anonymous (a senior official)');
    assert.equal(i18n.speakerName({ name: 'Ana Beltrán', source_type: 'named_person' }, t), 'Ana Beltrán');
  });

  it('has the same messages and placeholders in English and Spanish', () => {
    const en = messages('en');
    const es = messages('es');
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
    for (const k of Object.keys(en)) {
      assert.deepEqual(Object.keys(es[k].placeholders || {}).sort(), Object.keys(en[k].placeholders || {}).sort(), k);
      for (const name of Object.keys(en[k].placeholders || {})) assert.ok(es[k].message.toLowerCase().includes(`$${name}$`), `${k} uses $${name}$`);
    }
    assert.equal(es.lang.message, 'es');
  });

  it('has every message the code asks for, and names every category, subtype and source type', () => {
    const en = messages('en');
    const files = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (/\.(js|html|json)$/.test(e.name) && !e.name.endsWith('messages.json')) files.push(path.join(d, e.name));
      }
    };
    walk(SRC);
    const used = new Set();
    for (const f of files) {
      // Comments describe the mechanism ("data-i18n=\"key\""); only code asks for messages.
      const src = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const m of src.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
      for (const m of src.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)) used.add(m[1]);
      for (const m of src.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
      for (const m of src.matchAll(/key: '([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    }
    const palette = JSON.parse(fs.readFileSync(path.join(SRC, 'palette.json'), 'utf8'));
    for (const p of Object.values(palette.palettes)) used.add(p.label);
    for (const key of Object.keys(palette.styles)) {
      const [kind, sub] = key.split('.');
      used.add(sub ? `sub_${kind}_${sub}` : `kind_${kind}`);
    }
    for (const kind of ['quote', 'anonymous_source', 'editorial']) used.add(`kind_${kind}`).add(`kinds_${kind}`);
    for (const s of ['quote_full', 'quote_partial', 'anonymous_source_unnamed_person', 'anonymous_source_unnamed_document', 'anonymous_source_secondhand', 'anonymous_source_reference', 'anonymous_source_user']) used.add(`sub_${s}`);
    for (const s of ['named_person', 'named_organisation', 'anonymous', 'secondhand', 'vague', 'unknown']) used.add(`src_${s}`);
    for (const m of ['always', 'ask', 'never']) used.add(`mode_${m}`);
    const missing = [...used].filter((k) => !(k in en));
    assert.deepEqual(missing, []);
  });
});
