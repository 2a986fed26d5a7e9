/*
 * Sourcelight content script. Injected on demand (toolbar click, keyboard shortcut) or, for sites
 * the reader set to "always on", by a registered content script.
 *
 * Reads the page's visible text, runs the wasm core on it (here, or in the background when the
 * page's Content-Security-Policy forbids WebAssembly in content scripts, or the text is very large)
 * and draws the findings with the CSS Custom Highlight API. It never writes to the page's DOM (except
 * the <mark> fallback where that API is missing) and listens to no page events or window messages:
 * only the extension itself can switch it.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  if (!NS || NS.content) return; // injected twice: the first instance stays in charge
  const api = globalThis.browser || globalThis.chrome;
  const { T } = NS.protocol;
  const SELF = { id: api.runtime.id, baseUrl: api.runtime.getURL('') };

  // Above this many characters the analysis runs in the background, off the page's main thread.
  const LOCAL_MAX_CHARS = 1_000_000;

  const state = {
    enabled: false,
    status: 'idle', // idle | working | done | error
    error: null,
    engine: null, // 'page' | 'background'
    mode: null, // 'highlight-api' | 'mark'
    result: null,
    drawn: [],
    dropped: 0,
    chars: 0,
    timings: {},
    run: 0,
  };
  let highlighter = null;

  /** Runs the core; returns the result and how long the analysis itself took (start-up excluded). */
  async function analyzeText(text) {
    if (text.length <= LOCAL_MAX_CHARS) {
      try {
        await NS.engine.ready();
        state.engine = 'page';
        const t0 = performance.now();
        const result = NS.engine.analyze(text);
        return { result, ms: performance.now() - t0 };
      } catch (e) {
        // Typically the page's CSP (`script-src` without 'wasm-unsafe-eval') blocking WebAssembly in
        // Chromium content scripts. The same core runs in the background instead.
      }
    }
    state.engine = 'background';
    const t0 = performance.now();
    const res = await api.runtime.sendMessage({ type: T.ANALYZE, text });
    if (!res || res.error) throw new Error((res && res.error) || 'no answer from the background');
    return { result: res.result, ms: performance.now() - t0 };
  }

  async function enable() {
    const run = ++state.run;
    state.enabled = true;
    state.status = 'working';
    state.error = null;
    try {
      const t0 = performance.now();
      const map = NS.textmap.snapshot(NS.textmap.collect(document.body || document.documentElement));
      const t1 = performance.now();
      const { result, ms: analyzeMs } = await analyzeText(map.text);
      const t2 = performance.now();
      if (run !== state.run || !state.enabled) return; // switched off meanwhile
      highlighter = highlighter || NS.highlighter.create(window);
      const drawn = highlighter.draw(map, result.findings);
      const t3 = performance.now();
      state.result = result;
      state.drawn = drawn.drawn;
      state.dropped = drawn.dropped;
      state.mode = drawn.mode;
      state.chars = map.text.length;
      state.timings = { collectMs: t1 - t0, analyzeMs, drawMs: t3 - t2, initMs: NS.engine.initMs() };
      state.status = 'done';
    } catch (e) {
      if (run !== state.run) return;
      state.status = 'error';
      state.error = String((e && e.message) || e);
    }
    reportStatus();
  }

  function disable() {
    state.run++;
    state.enabled = false;
    state.status = 'idle';
    if (highlighter) highlighter.clear();
    state.drawn = [];
    reportStatus();
  }

  function reportStatus() {
    const count = state.enabled ? state.drawn.length : 0;
    api.runtime.sendMessage({ type: T.STATUS, count, enabled: state.enabled }).catch(() => {});
  }

  function snapshotState() {
    const r = state.result;
    return {
      enabled: state.enabled,
      status: state.status,
      error: state.error,
      engine: state.engine,
      mode: state.mode,
      chars: state.chars,
      dropped: state.dropped,
      timings: state.timings,
      summary: state.enabled && r ? r.summary : null,
      highlights: state.enabled
        ? state.drawn.map((d) => ({
            index: d.index,
            key: d.key,
            kind: d.finding.kind,
            subtype: d.finding.subtype,
            text: d.range.toString().slice(0, 160),
            note: d.finding.note,
            rule: d.finding.rule,
            speaker: d.finding.speaker ? d.finding.speaker.name : null,
          }))
        : [],
    };
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (NS.protocol.checkAtContent(msg, sender, SELF)) return false;
    switch (msg.type) {
      case T.PING:
        sendResponse({ ok: true });
        return false;
      case T.STATE:
        sendResponse(snapshotState());
        return false;
      case T.ENABLE:
      case T.DISABLE:
      case T.TOGGLE: {
        const on = msg.type === T.ENABLE || (msg.type === T.TOGGLE && !state.enabled);
        (on ? enable() : Promise.resolve(disable())).then(() => sendResponse(snapshotState()));
        return true; // answer asynchronously
      }
    }
    return false;
  });

  NS.content = { enable, disable, state: snapshotState };
})();
