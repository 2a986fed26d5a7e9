#!/usr/bin/env node
// `make eval-article`: how well the extension finds the article body, measured in headless
// Chromium on the saved real pages in ../shared/pages (others' pages, loaded from disk for
// measurement only, never copied into the project):
//   readability/<name>/source.html + expected.html   (the reader-mode article body)
//   zyte/html/<id>.html.gz + ground-truth.json        (hand-checked article text)
//
// For each page the extension's own code (extension/src/lib: article.js, textmap.js) picks the
// text it would analyse; the core (the built wasm, through lib/engine.js) then analyses it, exactly
// as the content script does. Reported, for the article finder and for the whole-body baseline:
//   - body-text precision and recall (words, as multisets) against the true article body;
//   - the share of highlights that fall inside the true body (a highlight counts as inside when
//     its text with up to 30 characters of its own paragraph on each side occurs in the true body,
//     whitespace ignored).
// Per-page rows go to test-artifacts/article-eval.tsv for error analysis.
//
// Usage: article-eval.mjs [--pages ../shared/pages] [--only substring]

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import http from 'node:http';
import { ROOT } from './server.mjs';
import { ARTIFACTS, launch } from './harness.mjs';
import { loadPages } from '../pages/corpus.mjs';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const PAGES = path.resolve(arg('--pages', path.join(ROOT, '..', 'shared', 'pages')));
const ONLY = arg('--only', '');
const EXT = path.join(ROOT, 'dist', 'chrome');
const LIBS = ['lib/slice.js', 'lib/textmap.js', 'lib/article.js'];

if (!fs.existsSync(PAGES)) {
  console.log(`eval-article: ${PAGES} not found; skipped (set PAGES_DIR to the shared pages)`);
  process.exit(0);
}

// ---- the core, through the extension's own engine.js ----

async function loadEngine() {
  for (const f of ['wasm/sourcelight.js', 'wasm/sourcelight_wasm.js', 'lib/engine.js']) {
    vm.runInThisContext(fs.readFileSync(path.join(EXT, f), 'utf8'), { filename: f });
  }
  await globalThis.Sourcelight.engine.ready();
  return globalThis.Sourcelight.engine;
}

// ---- measures ----

const WORD = /[\p{L}\p{N}]+/gu;
const wordsOf = (s) => (s.toLowerCase().match(WORD) || []);
function overlap(a, b) {
  const m = new Map();
  for (const w of b) m.set(w, (m.get(w) || 0) + 1);
  let n = 0;
  for (const w of a) {
    const c = m.get(w);
    if (c) {
      n++;
      m.set(w, c - 1);
    }
  }
  return n;
}
// Quote marks and dashes are written differently by different extractors; whitespace is ignored.
const squash = (s) => s.replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
  .replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, '');

function highlightsInside(text, findings, truthSquashed) {
  let inside = 0;
  const misses = [];
  for (const f of findings) {
    const lineStart = text.lastIndexOf('\n', f.span.start - 1) + 1;
    let lineEnd = text.indexOf('\n', f.span.start);
    if (lineEnd < 0) lineEnd = text.length;
    const a = Math.max(lineStart, f.span.start - 30);
    const b = Math.min(lineEnd, Math.max(f.span.end, f.span.start + 1) + 30);
    const win = squash(text.slice(a, b));
    if (win && truthSquashed.includes(win)) inside++;
    else misses.push(text.slice(f.span.start, Math.min(f.span.end, lineEnd)));
  }
  return { inside, total: findings.length, misses };
}

function measure(text, truthText, truthWords, truthSquashed, engine) {
  const words = wordsOf(text);
  const common = overlap(words, truthWords);
  const { findings } = engine.analyze(text);
  const h = highlightsInside(text, findings, truthSquashed);
  return {
    words: words.length,
    precision: words.length ? common / words.length : 0,
    recall: truthWords.length ? common / truthWords.length : 0,
    ...h,
  };
}

// ---- main ----

const pages = loadPages(PAGES, { only: ONLY });
const engine = await loadEngine();
const libCode = LIBS.map((f) => fs.readFileSync(path.join(EXT, f), 'utf8')).join('\n;\n');

let current = null;
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/page') && current) {
    // Page scripts stay off (the pages are saved, offline, and would only try the network); the
    // extension's code is evaluated through the debugging protocol, which the CSP does not govern.
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "script-src 'none'" });
    res.end(current);
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const { browser } = await launch('chromium', { extension: false });
const tab = await browser.newPage();
await tab.setRequestInterception(true);
tab.on('request', (r) => (r.url().startsWith(base) ? r.continue() : r.abort()));

const rows = [];
const t0 = Date.now();
for (const p of pages) {
  current = p.html();
  await tab.goto(`${base}/page/${encodeURIComponent(p.id)}`, { waitUntil: 'domcontentloaded', timeout: 30000 }).catch(() => {});
  const got = await tab.evaluate(`${libCode}
    ;(() => {
      const NS = globalThis.Sourcelight;
      const body = document.body || document.documentElement;
      const t0 = performance.now();
      const found = NS.article.find(body);
      const art = NS.textmap.collect(found.root, { skip: found.skip }).text;
      const ms = performance.now() - t0;
      const whole = NS.textmap.collect(body).text;
      return { art, whole, method: found.method, ms, rootTag: found.root.tagName + (found.root.id ? '#' + found.root.id : '') + (found.root.className && typeof found.root.className === 'string' ? '.' + found.root.className.trim().split(/\\s+/).slice(0, 2).join('.') : '') };
    })()`);
  const truthText = p.truthText !== undefined
    ? p.truthText
    : await tab.evaluate((h) => new DOMParser().parseFromString(h, 'text/html').body.textContent, p.truthHtml);
  const truthWords = wordsOf(truthText);
  const truthSquashed = squash(truthText);
  const article = measure(got.art, truthText, truthWords, truthSquashed, engine);
  const body = measure(got.whole, truthText, truthWords, truthSquashed, engine);
  rows.push({ set: p.set, id: p.id, method: got.method, root: got.rootTag, ms: got.ms, article, body });
}
await browser.close();
server.close();

// ---- report ----

const pct = (x) => (100 * x).toFixed(1).padStart(5) + '%';
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
function line(label, rs, which) {
  const ins = rs.reduce((n, r) => n + r[which].inside, 0);
  const tot = rs.reduce((n, r) => n + r[which].total, 0);
  return `| ${label.padEnd(24)} | ${String(rs.length).padStart(5)} | ${pct(mean(rs.map((r) => r[which].precision)))} | ${pct(mean(rs.map((r) => r[which].recall)))} | ${pct(tot ? ins / tot : 0)} | ${String(ins).padStart(6)} / ${String(tot).padEnd(6)} |`;
}
console.log(`\nArticle body extraction on ${rows.length} saved pages (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
console.log('| text analysed            | pages | word precision | word recall | highlights inside the body | inside / all |');
console.log('|--------------------------|-------|---------------:|------------:|---------------------------:|--------------|');
for (const set of [...new Set(rows.map((r) => r.set)), 'all']) {
  const rs = set === 'all' ? rows : rows.filter((r) => r.set === set);
  console.log(line(`${set}: article finder`, rs, 'article'));
  console.log(line(`${set}: whole body`, rs, 'body'));
}
const fallback = rows.filter((r) => r.method === 'body').length;
const slow = Math.max(...rows.map((r) => r.ms));
console.log(`\nWhole-body fallback on ${fallback} of ${rows.length} pages; slowest extraction ${slow.toFixed(0)} ms (find + collect, one go).`);
console.log('(word precision/recall: mean over pages; highlights inside: pooled over all pages)');

fs.mkdirSync(ARTIFACTS, { recursive: true });
const tsv = ['set\tid\tmethod\troot\tprecision\trecall\tinside\ttotal\tbody_inside\tbody_total\tms\tmisses'];
for (const r of rows) {
  tsv.push([r.set, r.id, r.method, r.root, r.article.precision.toFixed(3), r.article.recall.toFixed(3), r.article.inside, r.article.total,
    r.body.inside, r.body.total, r.ms.toFixed(1), r.article.misses.slice(0, 5).map((m) => m.slice(0, 40).replace(/\s+/g, ' ')).join(' | ')].join('\t'));
}
fs.writeFileSync(path.join(ARTIFACTS, 'article-eval.tsv'), tsv.join('\n') + '\n');
console.log(`Per-page rows: ${path.relative(process.cwd(), path.join(ARTIFACTS, 'article-eval.tsv'))}`);
