/*
 * Sourcelight background (service worker in Chrome, event page in Firefox).
 *
 * - Injects the content script into a tab on the reader's request (toolbar popup, keyboard
 *   shortcut): activeTab grants that tab for this gesture only; no host permission is needed.
 * - Runs the wasm core for content scripts that cannot (pages whose CSP forbids WebAssembly there).
 * - Shows the number of highlights on the toolbar badge.
 * - Registers the content script on sites the reader set to "always on" (host permission for those
 *   sites only, requested at that moment).
 */
if (typeof importScripts === 'function' && !(self.Sourcelight && self.Sourcelight.engine)) {
  // Chrome's service worker loads the shared code here; Firefox lists it in manifest background.scripts.
  importScripts('wasm/sourcelight.js', 'wasm/sourcelight_wasm.js', 'lib/engine.js', 'lib/protocol.js');
}

(function () {
  'use strict';
  const NS = self.Sourcelight;
  const api = self.browser || self.chrome;
  const { T } = NS.protocol;
  const SELF = { id: api.runtime.id, baseUrl: api.runtime.getURL('') };

  const CONTENT_JS = [
    'wasm/sourcelight.js',
    'wasm/sourcelight_wasm.js',
    'lib/protocol.js',
    'lib/engine.js',
    'lib/textmap.js',
    'lib/highlighter.js',
    'content.js',
  ];
  const CONTENT_CSS = ['highlights.css'];
  const AUTO_SCRIPT_ID = 'sourcelight-always-on';

  /** Injects the content script into a tab unless it is already there. */
  async function ensureInjected(tabId) {
    try {
      const pong = await api.tabs.sendMessage(tabId, { type: T.PING });
      if (pong && pong.ok) return;
    } catch (e) {
      // No content script yet.
    }
    await api.scripting.insertCSS({ target: { tabId }, files: CONTENT_CSS });
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

  async function toggleActiveTab() {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    if (!tab || tab.id === undefined) return;
    let state = null;
    try {
      state = await api.tabs.sendMessage(tab.id, { type: T.STATE });
    } catch (e) {
      state = null;
    }
    await setEnabled(tab.id, !(state && state.enabled));
  }

  function setBadge(tabId, count, enabled) {
    const text = enabled ? (count > 999 ? '999+' : String(count)) : '';
    api.action.setBadgeText({ tabId, text }).catch(() => {});
    api.action.setBadgeBackgroundColor({ tabId, color: '#1f2937' }).catch(() => {});
  }

  // ---- "always on" sites ----

  async function alwaysOnOrigins() {
    const { sites } = await api.storage.sync.get({ sites: {} });
    return Object.entries(sites || {})
      .filter(([, mode]) => mode === 'always')
      .map(([host]) => host);
  }

  /** Keeps the registered content script in step with the "always on" sites we hold permission for. */
  async function syncRegistration() {
    const hosts = await alwaysOnOrigins();
    const patterns = [];
    for (const h of hosts) {
      const origins = [`http://${h}/*`, `https://${h}/*`];
      for (const o of origins) {
        if (await api.permissions.contains({ origins: [o] })) patterns.push(o);
      }
    }
    const existing = await api.scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] }).catch(() => []);
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (!patterns.length) return;
    await api.scripting.registerContentScripts([
      {
        id: AUTO_SCRIPT_ID,
        matches: patterns,
        js: [...CONTENT_JS, 'autostart.js'],
        css: CONTENT_CSS,
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  }

  // ---- listeners (registered synchronously, as MV3 service workers require) ----

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    const err = NS.protocol.checkAtBackground(msg, sender, SELF);
    if (err) {
      sendResponse({ error: err });
      return false;
    }
    if (msg.type === T.ANALYZE) {
      NS.engine
        .ready()
        .then(() => sendResponse({ result: NS.engine.analyze(msg.text) }))
        .catch((e) => sendResponse({ error: String((e && e.message) || e) }));
      return true;
    }
    if (msg.type === T.STATUS) {
      setBadge(sender.tab.id, msg.count, msg.enabled === true);
      return false;
    }
    if (msg.type === T.SET_ENABLED) {
      setEnabled(msg.tabId, msg.enabled)
        .then((state) => sendResponse({ state }))
        .catch((e) => sendResponse({ error: String((e && e.message) || e) }));
      return true;
    }
    return false;
  });

  api.commands.onCommand.addListener((command) => {
    if (command === 'toggle-highlights') toggleActiveTab().catch(() => {});
  });

  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && changes.sites) syncRegistration().catch(() => {});
  });
  api.permissions.onAdded.addListener(() => syncRegistration().catch(() => {}));
  api.permissions.onRemoved.addListener(() => syncRegistration().catch(() => {}));

  api.runtime.onInstalled.addListener((details) => {
    syncRegistration().catch(() => {});
    if (details.reason === 'install') api.runtime.openOptionsPage().catch(() => {});
  });
})();
