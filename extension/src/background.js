/*
 * Sourcelight background (service worker in Chrome, event page in Firefox).
 *
 * - Injects the content script into a tab on the reader's request (toolbar popup, keyboard
 *   shortcuts): activeTab grants that tab for this gesture only; no host permission is needed.
 * - Runs the wasm core for content scripts that cannot (pages whose CSP forbids WebAssembly there,
 *   or long texts that should not hold up the page).
 * - Inserts the stylesheet of the reader's palette (light or dark, as the page is) into the tab.
 * - Shows the number of highlights on the toolbar badge.
 * - Registers the content script on sites the reader set to "always on" (host permission for those
 *   sites only, requested at that moment), and migrates the settings when the extension updates.
 */
if (typeof importScripts === 'function' && !(self.Sourcelight && self.Sourcelight.engine)) {
  // Chrome's service worker loads the shared code here; Firefox lists it in manifest background.scripts.
  importScripts('wasm/sourcelight.js', 'wasm/sourcelight_wasm.js', 'palette-data.js', 'lib/engine.js', 'lib/protocol.js', 'settings.js');
}

(function () {
  'use strict';
  const NS = self.Sourcelight;
  const api = self.browser || self.chrome;
  const { T } = NS.protocol;
  const S = NS.settings;
  const SELF = { id: api.runtime.id, baseUrl: api.runtime.getURL('') };

  const CONTENT_JS = [
    'wasm/sourcelight.js',
    'wasm/sourcelight_wasm.js',
    'palette-data.js',
    'lib/protocol.js',
    'lib/slice.js',
    'lib/engine.js',
    'lib/textmap.js',
    'lib/article.js',
    'lib/highlighter.js',
    'lib/i18n.js',
    'lib/palette.js',
    'lib/hovercard.js',
    'lib/report.js',
    'settings.js',
    'content.js',
  ];
  const AUTO_SCRIPT_ID = 'sourcelight-always-on';
  const SCHEMES = ['light', 'dark'];

  /** Injects the content script into a tab unless it is already there. */
  async function ensureInjected(tabId) {
    try {
      const pong = await api.tabs.sendMessage(tabId, { type: T.PING });
      if (pong && pong.ok) return;
    } catch (e) {
      // No content script yet.
    }
    await api.scripting.executeScript({ target: { tabId }, files: CONTENT_JS });
  }

  async function setEnabled(tabId, enabled) {
    if (enabled) await ensureInjected(tabId);
    try {
      return await api.tabs.sendMessage(tabId, { type: enabled ? T.ENABLE : T.DISABLE });
    } catch (e) {
      return null; // disabling a tab that never had the content script
    }
  }

  async function activeTab() {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab && tab.id !== undefined ? tab : null;
  }

  async function toggleActiveTab() {
    const tab = await activeTab();
    if (!tab) return;
    let state = null;
    try {
      state = await api.tabs.sendMessage(tab.id, { type: T.STATE });
    } catch (e) {
      state = null;
    }
    await setEnabled(tab.id, !(state && state.enabled));
  }

  /** Keyboard users: next or previous highlight (switching highlighting on first if needed). */
  async function stepActiveTab(dir) {
    const tab = await activeTab();
    if (!tab) return;
    await ensureInjected(tab.id);
    await api.tabs.sendMessage(tab.id, { type: T.STEP, dir });
  }

  function setBadge(tabId, count, enabled) {
    const text = enabled ? (count > 999 ? '999+' : String(count)) : '';
    api.action.setBadgeText({ tabId, text }).catch(() => {});
    api.action.setBadgeBackgroundColor({ tabId, color: '#1f2937' }).catch(() => {});
  }

  /** The palette stylesheet for a tab: the reader's palette, in the variant for the page's background. */
  async function insertStyle(tabId, frameId, scheme) {
    const settings = await S.load(api);
    const ids = Object.keys(NS.paletteData.palettes);
    const chosen = ids.includes(settings.palette) ? settings.palette : NS.paletteData.default;
    const target = { tabId, frameIds: [frameId || 0] };
    // Another palette (or this one, inserted before) must not stay underneath.
    for (const id of ids) {
      for (const s of SCHEMES) await api.scripting.removeCSS({ target, files: [`palettes/${id}-${s}.css`] }).catch(() => {});
    }
    await api.scripting.insertCSS({ target, files: [`palettes/${chosen}-${scheme}.css`] });
  }

  // ---- analysis for content scripts ----

  // Copying megabytes into or out of a message holds the page's main thread for a long task: a
  // long text comes in pieces (TEXT_PART, then ANALYZE with the last one), and tens of thousands
  // of findings go back in pages, the rest waiting here briefly.
  const PAGE = 2000;
  const KEEP_MS = 60_000;
  const MAX_PARTS_CHARS = 4 * NS.protocol.MAX_TEXT;
  const waiting = new Map(); // key → {tabId, findings, at}
  const uploads = new Map(); // key → {tabId, parts, chars, at}

  function putPart(tabId, key, text) {
    const now = Date.now();
    for (const [k, u] of uploads) if (now - u.at > KEEP_MS) uploads.delete(k);
    const u = uploads.get(key) || { tabId, parts: [], chars: 0, at: now };
    if (u.tabId !== tabId) return { error: 'not your text' };
    if (u.chars + text.length > MAX_PARTS_CHARS) return { error: 'text too large' };
    u.parts.push(text);
    u.chars += text.length;
    uploads.set(key, u);
    return { ok: true };
  }

  function takeParts(tabId, key) {
    const u = key && uploads.get(key);
    if (!u || u.tabId !== tabId) return '';
    uploads.delete(key);
    return u.parts.join('');
  }

  function analyzeFor(tabId, text, settings, publisher) {
    // The page draws findings and sums summaries; the list of attributions (tens of thousands in
    // a long text, all counted in the summary) would only hold the page's main thread while it is
    // copied in: 78 ms in Firefox for a 5 MB text. The core leaves it empty now; the page's
    // answer has no such field at all.
    const { findings, attributions: _unused, ...rest } = NS.engine.analyze(text, S.coreOptions(settings, publisher));
    const now = Date.now();
    for (const [k, w] of waiting) if (now - w.at > KEEP_MS) waiting.delete(k);
    let key = null;
    if (findings.length > PAGE) {
      key = `${tabId}:${now}:${Math.random().toString(36).slice(2)}`;
      waiting.set(key, { tabId, findings, at: now });
    }
    return { result: { ...rest, findings: findings.slice(0, PAGE) }, total: findings.length, key };
  }

  function moreFor(tabId, key, from) {
    const w = waiting.get(key);
    // Only the tab that asked gets its findings.
    if (!w || w.tabId !== tabId) return { error: 'findings expired' };
    const findings = w.findings.slice(from, from + PAGE);
    if (from + PAGE >= w.findings.length) waiting.delete(key);
    return { findings };
  }

  // ---- "always on" sites ----

  /** Keeps the registered content script in step with the sites (and permissions) set to "always". */
  async function syncRegistration() {
    const settings = await S.load(api);
    let matches = [];
    let excludeMatches = [];
    if (settings.defaultMode === 'always' && (await api.permissions.contains({ origins: S.ALL_SITES }))) {
      matches = S.ALL_SITES;
      for (const [host, mode] of Object.entries(settings.sites)) if (mode !== 'always') excludeMatches.push(...S.origins(host));
    } else {
      for (const [host, mode] of Object.entries(settings.sites)) {
        if (mode !== 'always') continue;
        for (const o of S.origins(host)) if (await api.permissions.contains({ origins: [o] })) matches.push(o);
      }
    }
    const wanted = {
      id: AUTO_SCRIPT_ID,
      matches,
      ...(excludeMatches.length ? { excludeMatches } : {}),
      js: [...CONTENT_JS, 'autostart.js'],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    };
    const [existing] = await api.scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] }).catch(() => []);
    // Left alone when nothing changed: a page loading while the script is re-registered (at
    // browser start-up, say) would otherwise miss it.
    const same = (a, b) => JSON.stringify([...(a || [])].sort()) === JSON.stringify([...(b || [])].sort());
    if (existing && same(existing.matches, wanted.matches) && same(existing.excludeMatches, wanted.excludeMatches) && same(existing.js, wanted.js)) return;
    if (existing) await api.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (!matches.length) return;
    await api.scripting.registerContentScripts([wanted]);
    await catchUp(settings, matches);
  }

  /**
   * A registered script runs only in pages loaded after it. Chrome drops registrations when the
   * extension updates, and the worker registers them again a moment after start-up, while restored
   * tabs may already be loading: every open tab of an "always" site that has no content script yet
   * gets it now. A tab that has one is left as it is (its reader may have switched it off).
   */
  async function catchUp(settings, matches) {
    const tabs = await api.tabs.query({ url: matches }).catch(() => []);
    for (const tab of tabs) {
      let host = null;
      try {
        host = new URL(tab.url).hostname;
      } catch (e) {
        continue;
      }
      if (S.modeFor(settings, host) !== 'always') continue;
      const pong = await api.tabs.sendMessage(tab.id, { type: T.PING }).catch(() => null);
      if (pong && pong.ok) continue;
      await api.scripting.executeScript({ target: { tabId: tab.id }, files: [...CONTENT_JS, 'autostart.js'] }).catch(() => {});
    }
  }

  const sync = () => syncRegistration().catch(() => {});

  // ---- listeners (registered synchronously, as MV3 service workers require) ----

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const err = NS.protocol.checkAtBackground(msg, sender, SELF);
    if (err) {
      sendResponse({ error: err });
      return false;
    }
    const answer = (p) => {
      p.then(sendResponse).catch((e) => sendResponse({ error: String((e && e.message) || e) }));
      return true;
    };
    switch (msg.type) {
      case T.TEXT_PART:
        return answer(Promise.resolve(putPart(sender.tab.id, msg.key, msg.text)));
      case T.ANALYZE:
        return answer(
          Promise.all([NS.engine.ready(), S.load(api)]).then(([, settings]) => analyzeFor(sender.tab.id, takeParts(sender.tab.id, msg.key) + msg.text, settings, msg.publisher)),
        );
      case T.ANALYZE_MORE:
        return answer(Promise.resolve(moreFor(sender.tab.id, msg.key, msg.from)));
      case T.STATUS:
        setBadge(sender.tab.id, msg.count, msg.enabled === true);
        return false;
      case T.STYLE:
        return answer(insertStyle(sender.tab.id, sender.frameId, msg.scheme).then(() => ({ ok: true })));
      case T.SET_ENABLED:
        return answer(setEnabled(msg.tabId, msg.enabled).then((state) => ({ state })));
    }
    return false;
  });

  api.commands.onCommand.addListener((command) => {
    if (command === 'toggle-highlights') toggleActiveTab().catch(() => {});
    else if (command === 'next-highlight') stepActiveTab(1).catch(() => {});
    else if (command === 'previous-highlight') stepActiveTab(-1).catch(() => {});
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && (changes.sites || changes.defaultMode)) sync();
  });
  api.permissions.onAdded.addListener(() => S.completePending(api).catch(() => null).then(sync));
  api.permissions.onRemoved.addListener(sync);
  api.runtime.onStartup.addListener(sync);

  api.runtime.onInstalled.addListener((details) => {
    // load() migrates settings stored by an older version, and saves them in the new schema.
    sync();
    if (details.reason === 'install') api.runtime.openOptionsPage().catch(() => {});
  });
})();
