/*
 * The www demo's analysis thread: the page's main thread never runs the core, so even a 5 MB text
 * never freezes it. Loads the extension's own wasm-bindgen glue and lib/engine.js, instantiates the
 * wasm core from its URL, and answers the page:
 *
 *   {type: 'init', glue, engine, wasm}   URLs of the three files (their names carry content hashes)
 *   {type: 'analyze', id, text}          → {type: 'stage'}, {type: 'findings'}…, {type: 'done'}
 *   {type: 'report', id}                 → {type: 'report', id, json}: the core's report of that text
 *                                          as JSON, the same as the CLI's `analyze --json`
 *
 * Findings go back in pages: receiving tens of thousands in one message would cost the page's main
 * thread a long task of its own. The last text stays here for its report, which is only ever
 * asked for on export (for a long text it is tens of megabytes).
 */
'use strict';

const PAGE = 2000;

let ready = null;
let last = { id: null, text: null };

const post = (msg) => self.postMessage(msg);

function init(msg) {
  ready = (async () => {
    self.importScripts(msg.glue, msg.engine);
    // The glue declares `wasm_bindgen` as a global binding; lib/engine.js looks for it under Sourcelight.
    self.Sourcelight.wasm_bindgen = wasm_bindgen;
    return self.Sourcelight.engine.ready({ url: msg.wasm });
  })();
  // A failure is reported to the first request that needs the core.
  ready.catch(() => {});
}

async function analyze(msg) {
  if (!self.Sourcelight || !self.Sourcelight.engine.isReady()) post({ type: 'stage', id: msg.id, stage: 'loading' });
  await ready;
  const engine = self.Sourcelight.engine;
  post({ type: 'stage', id: msg.id, stage: 'analysing' });
  last = { id: msg.id, text: msg.text };
  const t0 = performance.now();
  const { findings, summary } = engine.analyze(msg.text);
  const ms = performance.now() - t0;
  for (let i = 0; i < findings.length; i += PAGE) post({ type: 'findings', id: msg.id, findings: findings.slice(i, i + PAGE) });
  post({ type: 'done', id: msg.id, summary, total: findings.length, ms, initMs: engine.initMs(), version: engine.version() });
}

async function report(msg) {
  await ready;
  if (msg.id !== last.id) throw new Error('that text is no longer here');
  post({ type: 'report', id: msg.id, json: JSON.stringify(self.Sourcelight.engine.report(last.text), null, 2) + '\n' });
}

self.onmessage = (ev) => {
  const msg = ev.data;
  Promise.resolve()
    .then(() => (msg.type === 'init' ? init(msg) : msg.type === 'analyze' ? analyze(msg) : report(msg)))
    .catch((e) => post({ type: 'error', id: msg.id, message: String((e && e.message) || e) }));
};
