/*
 * The toolbar popup: opening it highlights the current page (the click grants activeTab for it),
 * shows the counts per category, and lets the reader switch highlighting off or keep it on for the
 * whole site. Page text is only ever inserted as text (textContent), never as HTML.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  const api = globalThis.browser || globalThis.chrome;
  const { T } = NS.protocol;
  const t = NS.i18n.t;
  const $ = (id) => document.getElementById(id);

  const KINDS = [
    { kind: 'quote', label: 'kindQuote', palette: 'quote' },
    { kind: 'anonymous_source', label: 'kindAnonymous', palette: 'anonymous_source' },
    { kind: 'editorial', label: 'kindEditorial', palette: 'editorial.loaded' },
  ];

  let tabId = null;
  let host = null;
  let palette = {};

  async function targetTab() {
    const param = new URLSearchParams(location.search).get('tab');
    if (param !== null && /^\d+$/.test(param)) return api.tabs.get(Number(param));
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab;
  }

  async function getState() {
    try {
      return await api.tabs.sendMessage(tabId, { type: T.STATE });
    } catch (e) {
      return null;
    }
  }

  async function setEnabled(enabled) {
    const res = await api.runtime.sendMessage({ type: T.SET_ENABLED, tabId, enabled });
    if (!res || res.error) throw new Error((res && res.error) || 'no answer');
    return res.state;
  }

  function render(state) {
    const status = $('status');
    status.classList.remove('error');
    $('enabled').checked = !!(state && state.enabled);
    const counts = (state && state.summary && state.summary.counts) || {};
    const list = $('counts');
    list.textContent = '';
    for (const k of KINDS) {
      const li = document.createElement('li');
      li.dataset.kind = k.kind;
      const sw = document.createElement('span');
      sw.className = 'swatch';
      const p = palette[k.palette] || {};
      sw.style.background = p.color ? p.color + '33' : 'transparent';
      sw.style.borderBottomColor = p.color || 'currentColor';
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = t(k.label);
      const n = document.createElement('span');
      n.className = 'n';
      n.dataset.count = k.kind;
      n.textContent = state && state.enabled ? String(counts[k.kind] || 0) : '–';
      li.append(sw, label, n);
      list.append(li);
    }
    if (!state) status.textContent = t('statusOff');
    else if (state.status === 'working') status.textContent = t('statusWorking');
    else if (state.status === 'error') {
      status.textContent = t('statusError', [state.error || '']);
      status.classList.add('error');
    } else if (state.enabled) status.textContent = t('statusDone', [String(state.highlights.length)]);
    else status.textContent = t('statusOff');
  }

  function showUnavailable() {
    $('enabled').disabled = true;
    $('always').disabled = true;
    const status = $('status');
    status.textContent = t('statusUnavailable');
    status.classList.add('error');
    render(null);
    status.textContent = t('statusUnavailable');
  }

  async function waitUntilSettled(state) {
    // Large pages are analysed in slices or in the background; poll briefly for the result.
    for (let i = 0; state && state.status === 'working' && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await getState()) || state;
    }
    return state;
  }

  async function init() {
    NS.i18n.apply(document);
    palette = await fetch('palette.json').then((r) => r.json()).catch(() => ({}));
    const tab = await targetTab();
    if (!tab || tab.id === undefined || !/^https?:/.test(tab.url || 'https:')) {
      showUnavailable();
      return;
    }
    tabId = tab.id;
    try {
      host = new URL(tab.url).hostname;
    } catch (e) {
      host = null;
    }
    if (host) $('always-label').textContent = t('alwaysOnHost', [host]);
    const { sites } = await api.storage.sync.get({ sites: {} });
    $('always').checked = !!(host && sites[host] === 'always');

    let state = await getState();
    if (!state || !state.enabled) {
      try {
        state = await setEnabled(true);
      } catch (e) {
        showUnavailable();
        return;
      }
    }
    render(await waitUntilSettled(state));
  }

  $('enabled').addEventListener('change', async (ev) => {
    try {
      const state = await setEnabled(ev.target.checked);
      render(await waitUntilSettled(state));
    } catch (e) {
      showUnavailable();
    }
  });

  $('always').addEventListener('change', async (ev) => {
    if (!host) return;
    const origins = [`http://${host}/*`, `https://${host}/*`];
    const { sites } = await api.storage.sync.get({ sites: {} });
    if (ev.target.checked) {
      // Must run inside the click handler: the browser asks the reader for this one site only.
      const granted = await api.permissions.request({ origins });
      if (!granted) {
        ev.target.checked = false;
        return;
      }
      sites[host] = 'always';
    } else {
      delete sites[host];
      await api.permissions.remove({ origins }).catch(() => false);
    }
    await api.storage.sync.set({ sites });
  });

  $('open-tab').addEventListener('click', (ev) => {
    ev.preventDefault();
    if (tabId !== null) api.tabs.create({ url: api.runtime.getURL(`popup.html?tab=${tabId}`) });
  });

  init().catch(() => showUnavailable());
})();
