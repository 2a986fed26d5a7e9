#!/usr/bin/env node
// `make bench`: speed and size of Sourcelight, side by side with the tools a reader would otherwise
// reach for, in one run. Never a test: the figures depend on the machine, so every line says how it
// was measured and the ratios are what compare across machines.
//
//   core throughput   native (the core alone, and the CLI with its JSON), wasm in Node and in
//                     headless Chromium, on the texts of the annotated dev corpora; compromise.js
//                     `quotations()` on a sample of the same texts, against the wasm on that sample
//   cold start        content scripts + wasm compile + first analysis, in Chromium and in Node
//   page cost         text collection + analysis + drawing on every page of ../shared/pages in
//                     Chromium, p50/p95/max and long tasks; mark.js wrapping the same spans
//   memory            wasm linear memory and JS heap of a tab after the largest page
//
// The corpora and pages are others' texts, read from ../shared for measurement only. Each part is
// skipped, with a line saying so, when its input is missing.
//
// Usage: bench.mjs --cli PATH --wasm-dir DIR [--gold DIR] [--pages DIR] [--rounds N] [--out DIR]
//                  [--only cold] [--cold-runs N]
// `--only cold` measures the cold start alone (about half a minute); tests/bench/cold.mjs compares the
// cold starts of several builds, interleaved.
// Writes OUT/report.md (what it prints), OUT/results.json and OUT/pages.tsv (one row per page).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import nlp from 'compromise';
import * as browser from './browser.mjs';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const cli = arg('--cli', 'target/cli/sourcelight');
const wasmDir = arg('--wasm-dir', 'build/wasm');
const gold = arg('--gold', '../shared/eval/gold-dev');
const pagesDir = arg('--pages', '../shared/pages');
const rounds = Number(arg('--rounds', '3'));
const outDir = arg('--out', 'target/bench');
const only = arg('--only', null);
if (only !== null && only !== 'cold') throw new Error(`--only: only "cold" is known, not ${only}`);
// compromise runs at about 0.1 MB/s: it gets every SAMPLE-th document, and so does the wasm it is
// compared with.
const SAMPLE = 16;
// Cold starts vary with the machine's load: each is the median of this many fresh starts.
const COLD_RUNS = Number(arg('--cold-runs', '5'));
const SELF = new URL(import.meta.url).pathname;

const lines = [];
const say = (s = '') => {
  console.log(s);
  lines.push(s);
};
const results = { machine: machine() };
const mbOf = (texts) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
const f1 = (x) => x.toFixed(1);
const ms = (x) => `${x.toFixed(1)} ms`;
const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0].model,
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAtStart: os.loadavg()[0],
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

function loadTexts() {
  if (!fs.existsSync(gold)) return null;
  const texts = [];
  for (const c of fs.readdirSync(gold).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(gold, c), 'utf8').split('\n')) {
      if (line.trim()) texts.push(JSON.parse(line).text);
    }
  }
  return texts;
}

/** The wasm the extension embeds, instantiated in this Node process. */
async function nodeWasm() {
  const glue = fs.readFileSync(path.join(wasmDir, 'sourcelight.js'), 'utf8');
  const bindgen = vm.runInThisContext(`(function () {\n${glue}\nreturn wasm_bindgen;\n})()`);
  const bytes = fs.readFileSync(path.join(wasmDir, 'sourcelight_bg.opt.wasm'));
  const t0 = performance.now();
  await bindgen({ module_or_path: bytes });
  return { bindgen, instantiateMs: performance.now() - t0 };
}

const best = (n, f) => Math.min(...Array.from({ length: n }, f));
const timed = (f) => {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
};

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const texts = only ? null : loadTexts();
  const pages = !only && fs.existsSync(pagesDir) ? browser.sharedPages(pagesDir) : [];
  const sample = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt'), 'utf8');
  const m = results.machine;
  say(`# Sourcelight benchmark`);
  say();
  say(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; load average ${f1(m.loadAtStart)} at start.`);

  const wasm = await nodeWasm();
  // Cold start in Node: a fresh process each time (a process compiles a module once).
  const nodeRuns = Array.from({ length: COLD_RUNS }, () =>
    JSON.parse(execFileSync(process.execPath, [SELF, '--cold-node', '--wasm-dir', wasmDir], { encoding: 'utf8' })),
  );
  results.nodeColdStart = browser.medians(nodeRuns);

  if (texts) {
    const mb = mbOf(texts);
    say();
    say(`## Core throughput`);
    say();
    say(`${texts.length} documents, ${mb.toFixed(2)} MB of UTF-8 (every corpus in ${gold}), best of ${rounds} rounds.`);
    say();
    // Native: the core alone (a cargo bench target, same optimisation as the CLI), and the CLI over
    // JSON lines, whose process start-up (an empty input) is subtracted.
    const core = JSON.parse(
      execFileSync('cargo', ['bench', '--quiet', '--profile', 'cli', '--bench', 'core', '--', gold, String(rounds)], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }).trim().split('\n').pop(),
    );
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelight-bench-'));
    const docs = path.join(tmp, 'docs.jsonl');
    fs.writeFileSync(docs, texts.map((t, i) => JSON.stringify({ id: String(i), text: t })).join('\n') + '\n');
    const empty = path.join(tmp, 'empty.jsonl');
    fs.writeFileSync(empty, '');
    const runCli = (file) => () => timed(() => execFileSync(cli, ['analyze', '--jsonl', file], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 }));
    const cliSecs = best(rounds, runCli(docs)) - best(rounds, runCli(empty));
    fs.rmSync(tmp, { recursive: true, force: true });

    const nodeSecs = best(rounds, () => timed(() => texts.forEach((t) => wasm.bindgen.analyze(t))));
    const chromium = await browser.launch();
    const server = await browser.serve({ texts });
    const inChromium = await browser.throughput(chromium, server, rounds);
    results.chromiumVersion = await chromium.version();
    await chromium.close();
    await server.close();
    const chromiumSecs = inChromium.ms / 1000;

    // compromise.js on a sample, and the wasm on the same sample.
    const some = texts.filter((_, i) => i % SAMPLE === 0);
    const someMb = mbOf(some);
    const compromiseSecs = timed(() => some.forEach((t) => nlp(t).quotations()));
    const someWasmSecs = best(rounds, () => timed(() => some.forEach((t) => wasm.bindgen.analyze(t))));

    results.throughput = {
      documents: texts.length,
      mb,
      nativeCoreMbS: core.mb_per_s,
      nativeCliMbS: mb / cliSecs,
      wasmNodeMbS: mb / nodeSecs,
      wasmChromiumMbS: mb / chromiumSecs,
      sample: { documents: some.length, mb: someMb, compromiseMbS: someMb / compromiseSecs, wasmNodeMbS: someMb / someWasmSecs },
      nativeFirstMs: core.first_ms,
    };
    const r = results.throughput;
    say(`| engine | MB/s | vs wasm in Node |`);
    say(`|---|---:|---:|`);
    say(`| native core (cargo bench, \`analyze\` only) | ${f1(r.nativeCoreMbS)} | ${(r.nativeCoreMbS / r.wasmNodeMbS).toFixed(2)}× |`);
    say(`| native CLI (\`analyze --jsonl\`, JSON in and out, start-up excluded) | ${f1(r.nativeCliMbS)} | ${(r.nativeCliMbS / r.wasmNodeMbS).toFixed(2)}× |`);
    say(`| wasm in Node ${m.node} (offsets converted, result as JS objects) | ${f1(r.wasmNodeMbS)} | 1.00× |`);
    say(`| wasm in headless ${results.chromiumVersion} (same, in a page) | ${f1(r.wasmChromiumMbS)} | ${(r.wasmChromiumMbS / r.wasmNodeMbS).toFixed(2)}× |`);
    say();
    say(`compromise.js ${nlpVersion()} \`nlp(text).quotations()\` against the wasm in Node, on every ${SAMPLE}th document (${some.length} documents, ${someMb.toFixed(2)} MB; one round for compromise):`);
    say();
    say(`| engine | MB/s | ratio |`);
    say(`|---|---:|---:|`);
    say(`| compromise.js quotations() | ${r.sample.compromiseMbS.toFixed(3)} | 1× |`);
    say(`| Sourcelight wasm (quotes, speakers, sources, editorial) | ${f1(r.sample.wasmNodeMbS)} | **${f1(r.sample.wasmNodeMbS / r.sample.compromiseMbS)}×** |`);
  } else {
    say();
    say(only ? `Core throughput: skipped (--only ${only}).` : `Core throughput: skipped, ${gold} not found (set GOLD_DIR or SHARED).`);
  }

  // Cold start in Chromium, in browsers of their own.
  const server = await browser.serve({ pages });
  const cold = await browser.coldStart(server, sample, COLD_RUNS);
  results.chromiumVersion = results.chromiumVersion || cold.version;
  results.coldStart = cold;
  const n = results.nodeColdStart;
  say();
  say(`## Cold start`);
  say();
  say(`On the sample article (${Buffer.byteLength(sample)} bytes), in a fresh headless ${cold.version} (a new browser each time) and a new`);
  say(`Node process; medians of ${COLD_RUNS} starts:`);
  say();
  say(`| step | Chromium | Node |`);
  say(`|---|---:|---:|`);
  say(`| evaluate the content scripts (glue, base64 wasm, engine) | ${ms(cold.scriptsMs)} | – |`);
  say(`| \`engine.ready()\`: decode, compile, instantiate | ${ms(cold.readyMs)} | ${ms(n.instantiateMs)} |`);
  say(`| first analysis (V8 compiles the code it reaches; builds the lexicon tables) | ${ms(cold.firstMs)} | ${ms(n.firstMs)} |`);
  say(`| **cold start, total** | **${ms(cold.totalMs)}** | **${ms(n.totalMs)}** |`);
  say(`| a second analysis of the same text | ${ms(cold.againMs)} | ${ms(n.againMs)} |`);
  say(`| for comparison: fetch + streaming compile of the .wasm (the demo's way) | ${ms(cold.streamingMs)} | – |`);

  if (pages.length) {
    const chromium = await browser.launch();
    const markJs = fs.readFileSync(path.join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), 'utf8');
    process.stderr.write(`page cost: ${pages.length} pages `);
    const rows = await browser.pageCost(chromium, server, pages, markJs, () => process.stderr.write('.'));
    process.stderr.write('\n');
    const ok = rows.filter((r) => !r.error);
    if (!ok.length) throw new Error(`page cost: no page could be measured (${rows[0] && rows[0].error})`);
    const largest = ok.reduce((a, b) => (b.chars > a.chars ? b : a));
    const mem = await browser.memory(chromium, server, pages.find((p) => p.name === largest.page));
    await chromium.close();
    writePages(rows);
    results.pages = summarisePages(ok, rows.length - ok.length);
    results.memory = { page: largest.page, ...mem };
    reportPages(results.pages, mem, largest.page);
  } else {
    say();
    say(only ? `Page cost: skipped (--only ${only}).` : `Page cost: skipped, ${pagesDir} not found (set PAGES_DIR or SHARED).`);
  }
  await server.close();

  say();
  say(`## Size`);
  say();
  const wasmFile = path.join(wasmDir, 'sourcelight_bg.opt.wasm');
  const raw = fs.statSync(wasmFile).size;
  const gz = (await import('node:zlib')).gzipSync(fs.readFileSync(wasmFile), { level: 9 }).length;
  results.size = { raw, gzip: gz };
  say(`wasm after \`wasm-opt -Oz\`: ${(raw / 1024).toFixed(0)} KiB raw, **${(gz / 1024).toFixed(0)} KiB gzip -9** (\`make size\`).`);
  results.machine.loadAtEnd = os.loadavg()[0];
  say();
  say(`Load average ${f1(m.loadAtStart)} at start, ${f1(results.machine.loadAtEnd)} at the end (${m.cores} cores): figures from a loaded machine are low; the ratios hold better.`);
  fs.writeFileSync(path.join(outDir, 'report.md'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nbench: wrote ${outDir}/report.md, results.json${results.pages ? ', pages.tsv' : ''}`);
}

function nlpVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'compromise', 'package.json'), 'utf8')).version;
}

function writePages(rows) {
  const cols = ['page', 'chars', 'findings', 'quote', 'anonymous_source', 'editorial', 'collectMs', 'analyzeMs', 'againMs', 'drawMs', 'redrawMs', 'totalMs', 'longTasks', 'longestTaskMs', 'marks', 'markMs', 'error'];
  const cell = (r, c) => {
    const v = c in (r.perKind || {}) ? r.perKind[c] : r[c];
    if (v === undefined) return c === 'error' ? '' : '0';
    return typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v);
  };
  const body = rows.map((r) => cols.map((c) => cell(r, c)).join('\t'));
  fs.writeFileSync(path.join(outDir, 'pages.tsv'), [cols.join('\t'), ...body].join('\n') + '\n');
}

function summarisePages(ok, failed) {
  const stats = (key) => {
    const v = ok.map((r) => r[key]).sort((a, b) => a - b);
    return { p50: pct(v, 0.5), p95: pct(v, 0.95), max: v[v.length - 1] };
  };
  const drawSum = ok.reduce((n, r) => n + r.drawMs, 0);
  const redrawSum = ok.reduce((n, r) => n + r.redrawMs, 0);
  const markSum = ok.reduce((n, r) => n + r.markMs, 0);
  // A time below the clock's step reads as 0: count it as one step in per-page ratios.
  const isolated = ok.every((r) => r.isolated);
  const step = isolated ? 0.005 : 0.1;
  const medianRatio = (key) => pct(ok.filter((r) => r.findings > 0).map((r) => r.markMs / Math.max(r[key], step)).sort((a, b) => a - b), 0.5);
  return {
    pages: ok.length,
    failed,
    chars: stats('chars'),
    findings: stats('findings'),
    collect: stats('collectMs'),
    analyze: stats('analyzeMs'),
    again: stats('againMs'),
    draw: stats('drawMs'),
    total: stats('totalMs'),
    mark: stats('markMs'),
    redraw: stats('redrawMs'),
    markOverDraw: markSum / drawSum,
    markOverDrawMedian: medianRatio('drawMs'),
    markOverRedraw: markSum / redrawSum,
    markOverRedrawMedian: medianRatio('redrawMs'),
    step,
    isolated,
    pagesWithLongTasks: ok.filter((r) => r.longTasks > 0).length,
    longestTaskMs: Math.max(0, ...ok.map((r) => r.longestTaskMs)),
    over16: ok.filter((r) => r.totalMs > 16).length,
  };
}

function reportPages(s, mem, largest) {
  say();
  say(`## Page cost`);
  say();
  say(`${s.pages} pages of ${pagesDir} (${s.failed} failed to load) in headless ${results.chromiumVersion}, one tab, the page's own scripts off and`);
  say(`every request outside the local server refused. Per page: \`textmap.collect(body)\`, \`engine.analyze(text)\`, then drawing with the`);
  say(`Highlight API (\`highlighter\`), with style and layout forced after drawing so their cost counts. Each page is a fresh wasm instance:`);
  say(`its first analysis builds the lexicon tables, as a new tab does. Per-page rows: ${outDir}/pages.tsv.`);
  say();
  say(`| step | p50 | p95 | max |`);
  say(`|---|---:|---:|---:|`);
  say(`| characters analysed | ${s.chars.p50} | ${s.chars.p95} | ${s.chars.max} |`);
  say(`| findings | ${s.findings.p50} | ${s.findings.p95} | ${s.findings.max} |`);
  say(`| collect text | ${ms(s.collect.p50)} | ${ms(s.collect.p95)} | ${ms(s.collect.max)} |`);
  say(`| analyse (wasm, first analysis of the tab) | ${ms(s.analyze.p50)} | ${ms(s.analyze.p95)} | ${ms(s.analyze.max)} |`);
  say(`| a second analysis of the same text (tables built) | ${ms(s.again.p50)} | ${ms(s.again.p95)} | ${ms(s.again.max)} |`);
  say(`| draw (Highlight API, + style and layout) | ${ms(s.draw.p50)} | ${ms(s.draw.p95)} | ${ms(s.draw.max)} |`);
  say(`| **total** | **${ms(s.total.p50)}** | **${ms(s.total.p95)}** | **${ms(s.total.max)}** |`);
  say(`| mark.js \`markRanges\` on the same spans (+ style and layout) | ${ms(s.mark.p50)} | ${ms(s.mark.p95)} | ${ms(s.mark.max)} |`);
  say(`| for comparison: the same findings drawn again by a new highlighter | ${ms(s.redraw.p50)} | ${ms(s.redraw.p95)} | ${ms(s.redraw.max)} |`);
  say();
  say(`Drawing: mark.js takes **${f1(s.markOverDraw)}×** the time of the Highlight API drawing (sums over all pages; median of the`);
  say(`per-page ratios on pages with findings ${f1(s.markOverDrawMedian)}×, with drawing times under the clock's step of ${s.step * 1000} µs counted as one step;`);
  say(`${s.isolated ? 'the pages are cross-origin isolated' : 'the pages were not cross-origin isolated'}). Against a later drawing, whose page has already paid the first use of the`);
  say(`Highlight API: ${f1(s.markOverRedraw)}× (sums), ${f1(s.markOverRedrawMedian)}× (median).`);
  say(`Pages over 16 ms in total: ${s.over16} of ${s.pages}. Long tasks (PerformanceObserver \`longtask\`) during the work: on ${s.pagesWithLongTasks} pages, the longest ${ms(s.longestTaskMs)}.`);
  say();
  say(`Memory, after analysing and drawing the largest page (${largest}, ${mem.chars} characters): wasm linear memory ${(mem.wasmBytes / 2 ** 20).toFixed(1)} MiB`);
  say(`(\`memory.buffer.byteLength\`; it grows, never shrinks), JS heap +${(mem.jsHeapBytes / 2 ** 20).toFixed(1)} MiB (CDP \`Performance.getMetrics\` JSHeapUsedSize after a forced GC, against the page before the scripts).`);
}

/** `--cold-node`: one cold start in this fresh process, as JSON. */
async function coldNode() {
  const sample = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt'), 'utf8');
  const { bindgen, instantiateMs } = await nodeWasm();
  const t0 = performance.now();
  bindgen.analyze(sample);
  const firstMs = performance.now() - t0;
  const t1 = performance.now();
  bindgen.analyze(sample);
  const againMs = performance.now() - t1;
  console.log(JSON.stringify({ instantiateMs, firstMs, totalMs: instantiateMs + firstMs, againMs }));
}

(process.argv.includes('--cold-node') ? coldNode() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
