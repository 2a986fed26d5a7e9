#!/usr/bin/env node
// `make bench`: throughput of the core on the texts of the annotated dev corpora (others' texts,
// read for measurement only), native (the CLI, start-up excluded by timing inside one process run
// over all documents) and WebAssembly in Node (the optimised module the extension embeds).
//
// Usage: bench.mjs --cli target/cli/sourcelight --wasm-dir build/wasm --gold ../shared/eval/gold-dev
// Prints MB/s and the wasm/native ratio. Figures vary by machine; the ratios are what compare.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const cli = arg('--cli', 'target/cli/sourcelight');
const wasmDir = arg('--wasm-dir', 'build/wasm');
const gold = arg('--gold', '../shared/eval/gold-dev');
const rounds = Number(arg('--rounds', '3'));

if (!fs.existsSync(gold)) {
  console.log(`bench: ${gold} not found; set GOLD_DIR (or SHARED) to the shared material`);
  process.exit(0);
}

const corpora = fs.readdirSync(gold).filter((f) => f.endsWith('.jsonl')).sort();
const texts = [];
for (const c of corpora) {
  for (const line of fs.readFileSync(path.join(gold, c), 'utf8').split('\n')) {
    if (line.trim()) texts.push(JSON.parse(line).text);
  }
}
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const mb = bytes / 1e6;

// Native: one CLI process over all documents; the empty run measures process start-up.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelight-bench-'));
const docs = path.join(tmp, 'docs.jsonl');
fs.writeFileSync(docs, texts.map((t, i) => JSON.stringify({ id: String(i), text: t })).join('\n') + '\n');
const empty = path.join(tmp, 'empty.jsonl');
fs.writeFileSync(empty, '');
function timeCli(file) {
  const t0 = process.hrtime.bigint();
  execFileSync(cli, ['analyze', '--jsonl', file], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const best = (f) => Math.min(...Array.from({ length: rounds }, f));
const startup = best(() => timeCli(empty));
const nativeSecs = best(() => timeCli(docs)) - startup;

// WebAssembly in Node.
const glue = fs.readFileSync(path.join(wasmDir, 'sourcelight.js'), 'utf8');
const bindgen = vm.runInThisContext(`(function () {\n${glue}\nreturn wasm_bindgen;\n})()`);
const t0 = performance.now();
await bindgen({ module_or_path: fs.readFileSync(path.join(wasmDir, 'sourcelight_bg.opt.wasm')) });
const initMs = performance.now() - t0;
const wasmSecs = best(() => {
  const s = performance.now();
  for (const t of texts) bindgen.analyze(t);
  return (performance.now() - s) / 1000;
});

const fmt = (x) => x.toFixed(1).padStart(7);
console.log(`\nCore throughput on ${texts.length} documents, ${mb.toFixed(2)} MB (all of ${gold}), best of ${rounds}:`);
console.log(`  native (CLI, --jsonl)      ${fmt(mb / nativeSecs)} MB/s`);
console.log(`  wasm in Node ${process.version.padEnd(12)} ${fmt(mb / wasmSecs)} MB/s   (${(nativeSecs / wasmSecs).toFixed(2)}× native)`);
console.log(`  wasm instantiate in Node   ${fmt(initMs)} ms`);
console.log(`  machine: ${os.cpus()[0].model}, ${os.cpus().length} cores`);
fs.rmSync(tmp, { recursive: true, force: true });
