// The final, optimised .wasm (the one the extension embeds) instantiated in Node: it must load (a
// broken wasm-opt would only show here), give exactly the native CLI's report for the same text, and
// hand the DOM offsets in UTF-16 code units.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WASM_DIR = path.join(ROOT, 'build', 'wasm');
const CLI = path.join(ROOT, 'target', 'cli', 'sourcelight');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

/** Loads wasm-bindgen's no-modules glue and the optimised module; returns the bindings. */
export async function loadCore() {
  const glue = fs.readFileSync(path.join(WASM_DIR, 'sourcelight.js'), 'utf8');
  // Evaluated in this realm (the glue checks its argument's prototype against this realm's Object).
  const bindgen = vm.runInThisContext(`(function () {\n${glue}\nreturn wasm_bindgen;\n})()`);
  const bytes = fs.readFileSync(path.join(WASM_DIR, 'sourcelight_bg.opt.wasm'));
  await bindgen({ module_or_path: bytes });
  return bindgen;
}

describe('the optimised wasm core', () => {
  let core;
  before(async () => {
    core = await loadCore();
  });

  it('loads and reports the crate version', () => {
    const toml = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
    assert.equal(core.version(), toml.match(/^version = "(.*)"/m)[1]);
  });

  it('gives exactly the native CLI report for every fixture article', () => {
    const articles = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
    assert.ok(articles.length > 0);
    for (const a of articles) {
      const file = path.join(FIXTURES, a);
      const native = JSON.parse(execFileSync(CLI, ['analyze', '--json', file], { encoding: 'utf8' })).report;
      const wasm = JSON.parse(JSON.stringify(core.report(fs.readFileSync(file, 'utf8'))));
      assert.deepEqual(wasm, native, a);
      assert.ok(wasm.findings.length > 0, `${a} has findings`);
    }
  });

  it('returns offsets in UTF-16 code units, so String.prototype.slice finds each quote', () => {
    // Astral emoji, a combining accent, CRLF line ends and curly quotes before and inside the quotes.
    const text =
      'Fans 🎉🎉 cheered.\r\n“We won,” said Rene\u0301 Dupont. 👍🏽\r\n“Now we govern 🏛️,” he added.';
    const { findings } = core.analyze(text);
    const quotes = findings.filter((f) => f.kind === 'quote').map((f) => text.slice(f.span.start, f.span.end));
    assert.deepEqual(quotes, ['We won,', 'Now we govern 🏛️,']);
    for (const f of findings) {
      if (f.speaker && f.speaker.mention) {
        const m = text.slice(f.speaker.mention.start, f.speaker.mention.end);
        assert.ok(['Rene\u0301 Dupont', 'he'].includes(m), `speaker mention ${JSON.stringify(m)}`);
      }
    }
  });

  it('never throws on hostile input', () => {
    for (const t of ['', '“'.repeat(10000), '\u0000\uFFFF\uD83D', '«»„“”'.repeat(500), 'a\n'.repeat(5000)]) {
      const r = core.analyze(t);
      assert.ok(Array.isArray(r.findings));
    }
  });

  it('accepts options that switch categories off', () => {
    const text = 'A senior official said the regime “will fall,” she added.';
    const all = core.analyze(text).findings.map((f) => f.kind);
    const onlyQuotes = core.analyze(text, { quotes: true, anonymous: false, editorial: false }).findings.map((f) => f.kind);
    assert.ok(all.length > onlyQuotes.length);
    assert.ok(onlyQuotes.every((k) => k === 'quote'));
  });
});
