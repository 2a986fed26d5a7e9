// The final, optimised .wasm (the one the extension embeds) instantiated in Node: it must load (a
// broken wasm-opt would only show here), give exactly the native CLI's report for the same text, and
// hand the DOM offsets in UTF-16 code units.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WASM_DIR = path.join(ROOT, 'build', 'wasm');
const CLI = path.join(ROOT, 'target', 'cli', 'sourcelight');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const ENGINE = path.join(ROOT, 'extension', 'src', 'lib', 'engine.js');

/** The size in bytes of each function body in the code section of a wasm module. */
export function functionSizes(bytes) {
  let i = 8;
  const leb = () => {
    let r = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      r += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return r;
    }
  };
  while (i < bytes.length) {
    const id = bytes[i++];
    const size = leb();
    const end = i + size;
    if (id === 10) {
      const sizes = [];
      for (let n = leb(); n > 0; n--) {
        const len = leb();
        sizes.push(len);
        i += len;
      }
      return sizes;
    }
    i = end;
  }
  return [];
}

/**
 * lib/engine.js evaluated in a context of its own, with a stand-in for wasm-bindgen's glue that
 * records what it was given; `fromBase64` false takes the browser's Uint8Array.fromBase64 away.
 */
async function engineBytes(b64, { fromBase64 }) {
  const ctx = vm.createContext({ atob, performance, Sourcelight: {} });
  if (fromBase64) {
    vm.runInContext('Uint8Array.fromBase64 = (s) => { globalThis.nativeCalls = (globalThis.nativeCalls || 0) + 1; return new Uint8Array(Buffer.from(s, "base64")); };', Object.assign(ctx, { Buffer }));
  } else {
    vm.runInContext('delete Uint8Array.fromBase64;', ctx);
  }
  ctx.Sourcelight.wasmBase64 = b64;
  ctx.Sourcelight.wasm_bindgen = async ({ module_or_path }) => {
    ctx.given = module_or_path;
  };
  vm.runInContext(fs.readFileSync(ENGINE, 'utf8'), ctx);
  await ctx.Sourcelight.engine.ready();
  return { bytes: ctx.given, nativeCalls: ctx.nativeCalls || 0 };
}

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

  it('leaves the attributions out of a page analysis but counts them in its summary, and the report keeps them', () => {
    const text = '“We won,” said Ana Ruiz. A senior official said the vote was close. Officials told reporters it would hold.';
    const page = core.analyze(text);
    assert.deepEqual([...page.attributions], [], 'no attribution objects for the page to copy');
    const counted = Object.values(page.summary.attributions).reduce((a, n) => a + n, 0);
    assert.ok(counted >= 2, `the summary counts the attributions (${counted})`);
    assert.equal(core.report(text).attributions.length, counted, 'the report lists every one');
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

  it('reads the reader’s own phrases and the publisher from the options, as the CLI does', () => {
    const text = 'The harbour trust said the levy was a stealth tax. Officials told the Coastal Bulletin the port would reopen.';
    const mine = core.analyze(text, { user_phrases: [{ kind: 'editorial', phrase: 'stealth tax', note: 'My note.' }, { kind: 'quote', phrase: 'levy', note: null }] });
    const f = mine.findings.find((x) => x.rule.startsWith('user.') && x.kind === 'editorial');
    assert.ok(f, JSON.stringify(mine.findings.map((x) => x.rule)));
    assert.equal(text.slice(f.span.start, f.span.end), 'stealth tax');
    assert.equal(f.note, 'My note.');
    assert.equal(core.analyze(text, { user_phrases: [] }).findings.filter((x) => x.rule.startsWith('user.')).length, 0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sl-')), 'a.txt');
    fs.writeFileSync(file, text);
    const cli = JSON.parse(execFileSync(CLI, ['analyze', '--json', '--publisher', 'The Coastal Bulletin', file], { encoding: 'utf8' })).report;
    assert.deepEqual(JSON.parse(JSON.stringify(core.report(text, { publisher: 'The Coastal Bulletin' }))), cli);
  });

  it('refuses options of the wrong type with a message that says which', () => {
    assert.throws(() => core.analyze('Some words.', { quotes: 'yes' }), /bad options: quotes must be true or false/);
    assert.throws(() => core.analyze('Some words.', { publisher: 3 }), /bad options: publisher must be a string/);
    assert.throws(() => core.analyze('Some words.', { user_phrases: 'stealth tax' }), /bad options: user_phrases must be an array/);
    assert.throws(() => core.analyze('Some words.', { user_phrases: [{ kind: 'opinion', phrase: 'x' }] }), /bad options: a user phrase needs a known kind/);
    assert.ok(Array.isArray(core.analyze('Some words.', { quotes: null, publisher: undefined }).findings), 'null and undefined keep the defaults');
  });

  it('has no function so large that the lazy baseline compiler of browsers stalls on it', () => {
    // wasm-opt -Oz would otherwise inline every stage of `analyze` into one 110 KB function, compiled
    // on the first analysis (16 ms of a browser's cold start; see the Makefile's wasm-opt line).
    const sizes = functionSizes(fs.readFileSync(path.join(WASM_DIR, 'sourcelight_bg.opt.wasm')));
    assert.ok(sizes.length > 100, `${sizes.length} functions`);
    assert.ok(Math.max(...sizes) < 64 * 1024, `largest function ${Math.max(...sizes)} bytes`);
  });
});

describe('lib/engine.js loading the embedded wasm', () => {
  const wasm = fs.readFileSync(path.join(WASM_DIR, 'sourcelight_bg.opt.wasm'));
  const b64 = wasm.toString('base64');

  it('decodes with Uint8Array.fromBase64 where the browser has it', async () => {
    const { bytes, nativeCalls } = await engineBytes(b64, { fromBase64: true });
    assert.equal(nativeCalls, 1);
    assert.ok(Buffer.from(bytes).equals(wasm));
  });

  it('decodes the same bytes without it', async () => {
    const { bytes, nativeCalls } = await engineBytes(b64, { fromBase64: false });
    assert.equal(nativeCalls, 0);
    assert.ok(Buffer.from(bytes).equals(wasm));
  });
});
