// `make bench`, browser part: the built extension's own scripts (dist/chrome: the wasm glue, the
// embedded wasm, lib/engine.js, lib/textmap.js, lib/highlighter.js) run in pages of Debian's
// headless Chromium, driven by puppeteer-core. Not the extension itself: the scripts are evaluated
// in the page's main world, which costs the same as a content script and lets every step be timed.
//
// - throughput: `analyze` over texts fetched from the local server, best of N rounds;
// - cold start: in a fresh browser, evaluating the content scripts (glue + embedded base64 wasm +
//   engine), `engine.ready()` (base64 decode, compile, instantiate) and the first analysis;
// - page cost: every page of ../shared/pages served from disk by the test server (others' pages,
//   read for measurement only), the page's own scripts kept off by a Content-Security-Policy and
//   every request outside the server refused:
//   text collection + analysis + drawing with the Highlight API, long tasks seen meanwhile, and
//   mark.js wrapping the same spans in <mark> elements;
// - memory: the wasm linear memory and the JS heap of a tab after the largest page.

import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from '../e2e/server.mjs';
import { launch as launchBrowser } from '../e2e/harness.mjs';
import { loadPages } from '../pages/corpus.mjs';

const DIST = path.join(ROOT, 'dist', 'chrome');
/** The content scripts that load and run the core, in injection order. */
const CORE_SCRIPTS = ['wasm/sourcelight.js', 'wasm/sourcelight_wasm.js', 'lib/engine.js'];
/** The scripts that read the page and draw; slice.js only exists once time-sliced drawing lands. */
const PAGE_SCRIPTS = ['lib/slice.js', 'lib/textmap.js', 'lib/highlighter.js'];

const read = (rel) => fs.readFileSync(path.join(DIST, rel), 'utf8');
const scripts = (list) => list.filter((rel) => fs.existsSync(path.join(DIST, rel))).map(read);

/** A headless Chromium as the tests start it, without the extension: the scripts run in the page. */
export async function launch() {
  return (await launchBrowser('chromium', { extension: false })).browser;
}

/** The pages of ../shared/pages as server routes, read (and unzipped) from disk when requested. */
export function sharedPages(pagesDir) {
  return loadPages(pagesDir).map((p) => ({ route: `/pages/${p.set}/${p.id}.html`, name: `${p.set}/${p.id.slice(0, 16)}`, html: p.html }));
}

/** Starts the test server with the blank bench page, the texts, dist/ and the shared pages. */
export async function serve({ texts = [], pages = [] } = {}) {
  const byRoute = new Map(pages.map((p) => [p.route, p]));
  const fixed = {
    '/bench.html': { body: '<!doctype html><meta charset="utf-8"><title>bench</title><body></body>', type: 'text/html; charset=utf-8' },
    '/bench/texts.json': { body: JSON.stringify(texts), type: 'application/json' },
  };
  // Looked up per request, so a page is read from disk only when the browser asks for it.
  const routes = new Proxy(fixed, {
    get(target, route) {
      if (route in target) return target[route];
      const p = byRoute.get(route);
      // The page's own scripts stay off (its DOM is measured as parsed); WebAssembly may compile.
      // Cross-origin isolation gives `performance.now()` 5 µs steps instead of 100 µs: a page's
      // drawing takes a few tenths of a millisecond, which 100 µs steps measured only roughly.
      const headers = { 'Content-Security-Policy': "script-src 'wasm-unsafe-eval'", 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
      return p && { body: p.html(), type: 'text/html; charset=utf-8', headers };
    },
  });
  return startServer(routes, { '/dist/': DIST, '/wasm/': path.join(ROOT, 'build', 'wasm') });
}

/** A page of `server` with nothing but the core loaded. */
async function corePage(browser, url) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  for (const src of scripts(CORE_SCRIPTS)) await page.evaluate(src);
  await page.evaluate(() => globalThis.Sourcelight.engine.ready());
  return page;
}

/** `analyze` over every text of /bench/texts.json, best of `rounds`. */
export async function throughput(browser, server, rounds) {
  const page = await corePage(browser, `${server.url}/bench.html`);
  const r = await page.evaluate(async (rounds) => {
    const texts = await (await fetch('/bench/texts.json')).json();
    const engine = globalThis.Sourcelight.engine;
    let best = Infinity;
    for (let k = 0; k < rounds; k++) {
      const t0 = performance.now();
      for (const t of texts) engine.analyze(t);
      best = Math.min(best, performance.now() - t0);
    }
    return { ms: best, chars: texts.reduce((n, t) => n + t.length, 0) };
  }, rounds);
  await page.close();
  return r;
}

/** The median of each field of `runs` (objects of numbers). */
export function medians(runs) {
  const mid = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, mid(k)]));
}

/**
 * The steps of one cold start, run in a fresh page (a function for `page.evaluate`): evaluating the
 * content scripts `sources`, `engine.ready()`, then the first and a second analysis of `text`.
 */
export async function COLD_STEPS(sources, text) {
  const t0 = performance.now();
  for (const src of sources) (0, eval)(src);
  const t1 = performance.now();
  const NS = globalThis.Sourcelight;
  await NS.engine.ready();
  const t2 = performance.now();
  NS.engine.analyze(text);
  const t3 = performance.now();
  NS.engine.analyze(text);
  const t4 = performance.now();
  return { scriptsMs: t1 - t0, readyMs: t2 - t1, firstMs: t3 - t2, totalMs: t3 - t0, againMs: t4 - t3 };
}

/**
 * Cold start, `runs` times in a browser of its own each: evaluating the content scripts (glue +
 * base64 wasm + engine), `engine.ready()` (base64 decode, compile, instantiate), then the first and
 * a second analysis of `text`; also the same wasm fetched from the server and compiled as it
 * streams in (how the demo page loads it), for comparison. Medians of each step and of the total.
 */
export async function coldStart(server, text, runs) {
  const all = [];
  let version;
  for (let k = 0; k < runs; k++) {
    const browser = await launch();
    try {
      version = await browser.version();
      const page = await browser.newPage();
      await page.goto(`${server.url}/bench.html`, { waitUntil: 'load' });
      const r = await page.evaluate(COLD_STEPS, scripts(CORE_SCRIPTS), text);
      r.streamingMs = await streamingStart(server);
      all.push(r);
    } finally {
      await browser.close();
    }
  }
  return { version, runs, ...medians(all) };
}

/** Fetching the optimised wasm and compiling it as it streams in, in a browser of its own. */
async function streamingStart(server) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/bench.html`, { waitUntil: 'load' });
    await page.evaluate(read('wasm/sourcelight.js'));
    return await page.evaluate(async () => {
      const t0 = performance.now();
      await globalThis.Sourcelight.wasm_bindgen({ module_or_path: '/wasm/sourcelight_bg.opt.wasm' });
      return performance.now() - t0;
    });
  } finally {
    await browser.close();
  }
}

/** Refuses every request that is not to the local server. */
async function isolate(page, server) {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith(server.url) || u.startsWith('data:')) req.continue();
    else req.abort('blockedbyclient');
  });
}

/** What one page costs: see the header. Returns one row per page. */
export async function pageCost(browser, server, pages, markJs, onRow) {
  const rows = [];
  const page = await browser.newPage();
  await isolate(page, server);
  const pageScripts = scripts([...CORE_SCRIPTS, ...PAGE_SCRIPTS]);
  for (const p of pages) {
    try {
      await page.goto(`${server.url}${p.route}`, { waitUntil: 'load', timeout: 60000 });
    } catch (e) {
      rows.push({ page: p.name, error: `load: ${e.message.split('\n')[0]}` });
      continue;
    }
    for (const src of pageScripts) await page.evaluate(src);
    await page.evaluate(markJs);
    await page.evaluate(() => globalThis.Sourcelight.engine.ready());
    const row = await page.evaluate(measurePage).catch((e) => ({ error: e.message.split('\n')[0] }));
    row.page = p.name;
    rows.push(row);
    if (onRow) onRow(row);
  }
  await page.close();
  return rows;
}

/** Runs in the page. */
async function measurePage() {
  const NS = globalThis.Sourcelight;
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const root = document.body || document.documentElement;
  // Forcing style and layout after drawing counts what the page pays for the change, not only the
  // script that made it.
  const settle = () => root.getBoundingClientRect();
  // `draw`: the name in highlighters built before `add`.
  const drawAll = (h, map, findings) => (h.add ? h.add(map, findings, 'bench') : h.draw(map, findings));
  settle();

  const t0 = performance.now();
  const map = NS.textmap.collect(root);
  const t1 = performance.now();
  const result = NS.engine.analyze(map.text);
  const t2 = performance.now();
  const hl = NS.highlighter.create(window);
  const drawn = drawAll(hl, map, result.findings);
  settle();
  const t3 = performance.now();
  // The same analysis again: what a later analysis of the tab costs, with the tables built.
  NS.engine.analyze(map.text);
  const againMs = performance.now() - t3;
  // Let the frame with the highlights be produced, and long-task entries be delivered.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  await new Promise((r) => setTimeout(r, 60));
  const longInWork = longTasks.filter((e) => e.startTime + e.duration >= t0);
  hl.clear();
  settle();
  // The same findings drawn again by a new highlighter: what a later drawing costs once the page has
  // paid the first use of the Highlight API (its registry, the first ranges) and of the drawing code.
  const r0 = performance.now();
  const again = NS.highlighter.create(window);
  drawAll(again, map, result.findings);
  settle();
  const redrawMs = performance.now() - r0;
  again.clear();

  // mark.js: the same spans, converted to the offsets mark.js counts (the text of every text node
  // under the root whose parent is not script, style, title, head or html, concatenated).
  const markStart = new Map();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentNode.matches && n.parentNode.matches('script, style, title, head, html') ? 2 : 1),
  });
  let total = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    markStart.set(n, total);
    total += n.data.length;
  }
  const ranges = [];
  for (const f of result.findings) {
    let { start, end } = f.span;
    let piece = null;
    for (let k = NS.textmap.nodeIndexAt(map, start); k < map.nodes.length && map.starts[k] < end; k++) {
      const node = map.nodes[k];
      const at = markStart.get(node);
      const s = Math.max(start, map.starts[k]) - map.starts[k];
      const e = Math.min(end, map.starts[k] + node.data.length) - map.starts[k];
      if (at === undefined || e <= s) continue;
      if (piece && piece.start + piece.length === at + s) piece.length += e - s;
      else {
        if (piece) ranges.push(piece);
        piece = { start: at + s, length: e - s };
      }
    }
    if (piece) ranges.push(piece);
  }
  const marker = new globalThis.Mark(root);
  const m0 = performance.now();
  const marks = await new Promise((resolve) => marker.markRanges(ranges, { done: resolve }));
  settle();
  const m1 = performance.now();
  await new Promise((r) => marker.unmark({ done: r }));
  observer.disconnect();

  const perKind = {};
  for (const f of result.findings) perKind[f.kind] = (perKind[f.kind] || 0) + 1;
  return {
    chars: map.text.length,
    findings: result.findings.length,
    perKind,
    drawnRanges: (drawn.drawn || []).length,
    collectMs: t1 - t0,
    analyzeMs: t2 - t1,
    againMs,
    drawMs: t3 - t2,
    redrawMs,
    isolated: globalThis.crossOriginIsolated === true,
    totalMs: t3 - t0,
    longTasks: longInWork.length,
    longestTaskMs: Math.max(0, ...longInWork.map((e) => e.duration)),
    markRanges: ranges.length,
    marks,
    markMs: m1 - m0,
  };
}

/** Memory of a tab that analysed and drew `p`: wasm linear memory, and the JS heap used (after GC). */
export async function memory(browser, server, p) {
  const page = await browser.newPage();
  await isolate(page, server);
  await page.goto(`${server.url}${p.route}`, { waitUntil: 'load', timeout: 60000 });
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  };
  const before = await heap();
  for (const src of scripts([...CORE_SCRIPTS, ...PAGE_SCRIPTS])) await page.evaluate(src);
  const r = await page.evaluate(async () => {
    const NS = globalThis.Sourcelight;
    await NS.engine.ready();
    const map = NS.textmap.collect(document.body || document.documentElement);
    const result = NS.engine.analyze(map.text);
    const hl = NS.highlighter.create(window);
    globalThis.__benchKeep = { map, result, drawn: hl.add ? hl.add(map, result.findings, 'bench') : hl.draw(map, result.findings) };
    const exports = await NS.wasm_bindgen();
    return { chars: map.text.length, wasmBytes: exports.memory.buffer.byteLength };
  });
  r.jsHeapBytes = (await heap()) - before;
  await page.close();
  return r;
}
