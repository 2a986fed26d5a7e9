/*
 * The toolbar popup: opening it highlights the current page (the click grants activeTab for it),
 * unless the reader chose "never" for the site. It shows the page report (lib/summary.js), lets the
 * reader hide categories on this page, jump to any highlight, export the report, and choose the
 * mode for the site: always / when I ask (the default) / never. "Always" asks the browser for
 * access to that one site, at that moment. Page text is only ever inserted as text.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  const api = globalThis.browser || globalThis.chrome;
  const { T } = NS.protocol;
  const S = NS.settings;
  const { t, dark } = NS.pages;
  const $ = (id) => document.getElementById(id);

  let tabId = null;
  let host = null;
  let settings = S.defaults();
  let lastState = null;
  let shownKey = '';

  const colors = () => NS.palette.resolve(NS.paletteData, settings.palette, dark() ? 'dark' : 'light');

  async function targetTab() {
    const param = new URLSearchParams(location.search).get('tab');
    if (param !== null && /^\d+$/.test(param)) return api.tabs.get(Number(param));
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab;
  }

  async function send(msg) {
    try {
      return await api.tabs.sendMessage(tabId, msg);
    } catch (e) {
      return null;
    }
  }

  const getState = () => send({ type: T.STATE });

  async function setEnabled(enabled) {
    const res = await api.runtime.sendMessage({ type: T.SET_ENABLED, tabId, enabled });
    if (!res || res.error) throw new Error((res && res.error) || 'no answer');
    return res.state;
  }

  // ---- rendering ----

  function setStatus(text, isError) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }

  function render(state) {
    lastState = state;
    // For tests and styling: what the popup is showing (idle, working, done, error).
    document.body.dataset.state = state ? state.status : 'idle';
    const on = !!(state && state.enabled);
    $('enabled').checked = on;
    const report = on && state.report;
    $('export').hidden = !report;
    if (!state || !on) {
      setStatus(S.modeFor(settings, host) === 'never' ? t('statusNever', [host || '']) : t('statusOff'));
    } else if (state.status === 'working') setStatus(t('statusWorking'));
    else if (state.status === 'error') setStatus(t('statusError', [state.error || '']), true);
    else setStatus(t('statusDone', [String(report ? report.highlights.filter((h) => !state.hidden.includes(h.kind)).length : 0)]));
    const box = $('summary');
    shownKey = report ? reportKey(state) : '';
    if (!report) {
      box.textContent = '';
      return;
    }
    NS.summary.render(box, report, {
      t,
      colors: colors(),
      hidden: new Set(state.hidden),
      onToggle: toggleKind,
      onJump: (id) => send({ type: T.JUMP, id }),
    });
  }

  /** What the panel shows; when the page changes, the panel is redrawn (unless the reader is in it). */
  const reportKey = (s) => JSON.stringify([s.status, s.hidden, s.report && s.report.highlights.map((h) => h.id)]);

  async function toggleKind(kind, visible) {
    const hidden = new Set(lastState ? lastState.hidden : []);
    if (visible) hidden.delete(kind);
    else hidden.add(kind);
    const state = await send({ type: T.SET_HIDDEN, kinds: [...hidden] });
    if (!state) return;
    // Keep the focus on the switch the reader used.
    render(state);
    const box = document.querySelector(`[data-toggle="${kind}"]`);
    if (box) box.focus();
  }

  function renderMode() {
    const mode = S.modeFor(settings, host);
    for (const m of S.MODES) $(`mode-${m}`).checked = m === mode;
    if (host) $('site-mode-legend').textContent = t('siteModeLegend', [host]);
  }

  function showUnavailable() {
    document.body.dataset.state = 'unavailable';
    $('enabled').disabled = true;
    $('site-mode').disabled = true;
    $('summary').textContent = '';
    setStatus(t('statusUnavailable'), true);
  }

  async function waitUntilSettled(state) {
    // Large pages are read in slices or in the background; poll briefly for the result.
    for (let i = 0; state && state.status === 'working' && i < 150; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await getState()) || state;
    }
    return state;
  }

  /** Dynamic pages keep changing while the popup is open: follow them, unless the reader is busy in the panel. */
  async function follow() {
    const state = await getState();
    if (state && reportKey(state) !== shownKey && !$('summary').contains(document.activeElement)) render(state);
    setTimeout(follow, 1500);
  }

  async function init() {
    NS.pages.start(document);
    settings = await S.load(api).catch(() => S.defaults());
    NS.summary.legend($('legend'), { t, colors: colors() });
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
    renderMode();
    let state = await getState();
    if ((!state || !state.enabled) && S.modeFor(settings, host) !== 'never') {
      try {
        state = await setEnabled(true);
      } catch (e) {
        showUnavailable();
        return;
      }
    }
    render(await waitUntilSettled(state));
    setTimeout(follow, 1500);
  }

  // ---- controls ----

  $('enabled').addEventListener('change', async (ev) => {
    try {
      const state = await setEnabled(ev.target.checked);
      render(await waitUntilSettled(state));
    } catch (e) {
      showUnavailable();
    }
  });

  $('site-mode').addEventListener('change', async (ev) => {
    const mode = ev.target.value;
    if (!host || !S.MODES.includes(mode)) return;
    const before = S.modeFor(settings, host);
    if (mode === 'always' && settings.defaultMode !== 'always') {
      // Chrome closes the popup when it shows its permission prompt, ending this handler: the
      // background finishes the change when the permission arrives (permissions.onAdded).
      api.storage.local.set({ [S.PENDING_KEY]: { host, at: Date.now() } });
      // Must come before any await in the change handler: the browser asks the reader, for this site only.
      const granted = await api.permissions.request({ origins: S.origins(host) }).catch(() => false);
      api.storage.local.remove(S.PENDING_KEY);
      if (!granted) {
        settings.sites[host] = before;
        renderMode();
        setStatus(t('sitePermissionDenied', [host]), true);
        return;
      }
    } else if (before === 'always' && settings.defaultMode !== 'always') {
      await api.permissions.remove({ origins: S.origins(host) }).catch(() => false);
    }
    try {
      settings = await S.update(api, (cur) => ({ sites: { ...cur.sites, [host]: mode } }));
    } catch (e) {
      settings.sites[host] = before;
      renderMode();
      setStatus(S.saveFailure(t, e), true);
      return;
    }
    renderMode();
    if (!lastState || !lastState.enabled) setStatus(mode === 'never' ? t('statusNever', [host]) : t('statusOff'));
  });

  /** The whole page report (the state the popup follows lists the first highlights only). */
  async function report() {
    return lastState && lastState.report ? send({ type: T.REPORT }) : null;
  }

  const fileBase = (r) => `sourcelight-${(host || 'page').replace(/[^a-z0-9.-]/gi, '_')}-${(r.generated || '').slice(0, 10)}`;

  const { copy, download } = NS.report.exporter(document, $('export-status'), t);

  /** Runs `fn` with the whole report, when there is one. */
  const withReport = (fn) => async () => {
    const r = await report();
    if (r) fn(r);
  };
  $('copy-md').addEventListener('click', withReport((r) => copy(NS.report.toMarkdown(r, t))));
  $('copy-json').addEventListener('click', withReport((r) => copy(NS.report.toJson(r))));
  $('download-md').addEventListener('click', withReport((r) => download(NS.report.toMarkdown(r, t), `${fileBase(r)}.md`, 'text/markdown')));
  $('download-json').addEventListener('click', withReport((r) => download(NS.report.toJson(r), `${fileBase(r)}.json`, 'application/json')));

  $('open-tab').addEventListener('click', (ev) => {
    ev.preventDefault();
    if (tabId !== null) api.tabs.create({ url: api.runtime.getURL(`popup.html?tab=${tabId}`) });
  });
  $('open-options').addEventListener('click', (ev) => {
    ev.preventDefault();
    api.runtime.openOptionsPage();
  });

  init().catch(() => showUnavailable());
})();
