/*
 * Sourcelight engine — loads the wasm core once and runs it. Shared by the content script, the
 * background, the popup-free pages and the www demo.
 *
 * The wasm bytes come either embedded (Sourcelight.wasmBase64, set by wasm/sourcelight_wasm.js in
 * the extension: no web-accessible resource, nothing a page can probe) or from a URL (the demo).
 * `wasm/sourcelight.js` (wasm-bindgen's no-modules glue, wrapped at build time) provides
 * Sourcelight.wasm_bindgen.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  let readyPromise = null;
  let api = null;
  let initMs = null;

  function base64ToBytes(b64) {
    // Native decoding where the browser has it: one call instead of a cold JS loop over 1 MB
    // (13 ms of a cold start in Chromium; BENCHMARKS.md, cold start).
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /**
   * Loads and instantiates the core. Rejects when the page's Content-Security-Policy forbids
   * WebAssembly in this context (Chromium content scripts on `script-src` pages without
   * 'wasm-unsafe-eval'); callers then run the core elsewhere.
   */
  function ready(opts) {
    if (readyPromise) return readyPromise;
    readyPromise = (async () => {
      const t0 = performance.now();
      const bindgen = NS.wasm_bindgen;
      if (!bindgen) throw new Error('sourcelight: wasm glue not loaded');
      let source;
      if (opts && opts.url) source = opts.url;
      else if (NS.wasmUrl) source = NS.wasmUrl;
      else if (NS.wasmBase64) source = base64ToBytes(NS.wasmBase64);
      else throw new Error('sourcelight: no wasm source');
      await bindgen({ module_or_path: source });
      api = bindgen;
      initMs = performance.now() - t0;
      return api;
    })();
    // A failed load may succeed elsewhere; let a later call try again in a fresh context only.
    readyPromise.catch(() => {});
    return readyPromise;
  }

  function need() {
    if (!api) throw new Error('sourcelight: engine not ready');
    return api;
  }

  NS.engine = {
    ready,
    isReady: () => !!api,
    /** Findings and summary; offsets in UTF-16 code units. */
    analyze: (text, options) => need().analyze(text, options || undefined),
    /** The page report (offsets in code points), the same as the CLI's --json report. */
    report: (text, options) => need().report(text, options || undefined),
    version: () => need().version(),
    initMs: () => initMs,
  };
})(typeof globalThis !== 'undefined' ? globalThis : self);
