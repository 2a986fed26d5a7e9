#!/usr/bin/env node
// Cold start only, A/B: `node tests/bench/cold.mjs [--runs N] [--node-only] [--json FILE] DIR...`, each DIR a built
// `dist/chrome` (default: this checkout's). The starts of the DIRs are interleaved (A B A B …) so that
// the machine's varying load falls on each alike; every start is a fresh headless Chromium (and a fresh
// Node process), which evaluates that DIR's content scripts (glue, base64-embedded wasm, lib/engine.js),
// awaits `engine.ready()` (decode, compile, instantiate) and analyses the sample article twice.
// Prints the medians of each step per DIR. `make bench` measures the same with the checkout's dist.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import * as browser from './browser.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const SELF = new URL(import.meta.url).pathname;
const SCRIPTS = ['wasm/sourcelight.js', 'wasm/sourcelight_wasm.js', 'lib/engine.js'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sample = () => fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt'), 'utf8');

/** `--child DIR`: one cold start in this fresh Node process, the same steps as in the browser. */
async function child(dir) {
  const sources = SCRIPTS.map((rel) => fs.readFileSync(path.join(dir, rel), 'utf8'));
  const text = sample();
  const t0 = performance.now();
  for (const src of sources) vm.runInThisContext(src);
  const t1 = performance.now();
  await globalThis.Sourcelight.engine.ready();
  const t2 = performance.now();
  globalThis.Sourcelight.engine.analyze(text);
  const t3 = performance.now();
  globalThis.Sourcelight.engine.analyze(text);
  const t4 = performance.now();
  console.log(JSON.stringify({ scriptsMs: t1 - t0, readyMs: t2 - t1, firstMs: t3 - t2, totalMs: t3 - t0, againMs: t4 - t3 }));
}

/** One cold start in a fresh headless Chromium: the content scripts of `dir` evaluated in a page. */
export async function chromiumStart(server, dir, text) {
  const b = await browser.launch();
  try {
    const page = await b.newPage();
    await page.goto(`${server.url}/bench.html`, { waitUntil: 'load' });
    return await page.evaluate(browser.COLD_STEPS, SCRIPTS.map((rel) => fs.readFileSync(path.join(dir, rel), 'utf8')), text);
  } finally {
    await b.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : dflt);
  const runs = Number(opt('--runs', '5'));
  const jsonOut = opt('--json', null);
  const nodeOnly = args.includes('--node-only') && args.splice(args.indexOf('--node-only'), 1);
  const dirs = args.length ? args : [path.join(ROOT, 'dist', 'chrome')];
  const text = sample();
  const server = nodeOnly ? null : await browser.serve();
  const res = dirs.map(() => ({ chromium: [], node: [] }));
  try {
    for (let k = 0; k < runs; k++) {
      // A B, then B A: no build always follows the same one. A pause before each start lets the
      // previous browser's exit (its processes, its profile being removed) settle.
      const order = k % 2 ? [...dirs.entries()].reverse() : [...dirs.entries()];
      for (const [i, dir] of order) {
        await sleep(300);
        res[i].node.push(JSON.parse(execFileSync(process.execPath, [SELF, '--child', dir], { encoding: 'utf8' })));
        await sleep(300);
        if (server) res[i].chromium.push(await chromiumStart(server, dir, text));
      }
    }
  } finally {
    if (server) await server.close();
  }
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(dirs.map((dir, i) => ({ dir, ...res[i] })), null, 1) + '\n');
  const f = (x) => (x === undefined ? '–' : x.toFixed(1).padStart(6));
  console.log(`medians of ${runs} interleaved cold starts (ms): scripts, ready, first analysis, total, second analysis`);
  for (const [i, dir] of dirs.entries()) {
    for (const where of ['chromium', 'node']) {
      if (!res[i][where].length) continue;
      const m = browser.medians(res[i][where]);
      const spread = res[i][where].map((r) => r.totalMs).sort((a, b) => a - b).map((x) => x.toFixed(0)).join(' ');
      console.log(`${where.padEnd(8)} ${f(m.scriptsMs)} ${f(m.readyMs)} ${f(m.firstMs)} ${f(m.totalMs)} ${f(m.againMs)}   [${spread}]  ${dir}`);
    }
  }
}

(process.argv[2] === '--child' ? child(process.argv[3]) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
