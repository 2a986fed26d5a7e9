#!/usr/bin/env node
// Assembles the extension for each browser from one source tree:
//   dist/chrome/, dist/firefox/  (unpacked, loadable)   and   dist/sourcelight-<version>-<browser>.zip
//
// Usage: node extension/build.mjs --wasm-dir build/wasm [--out dist] [--zip]
//
// - manifest.json = manifest.base.json deep-merged with manifest.<browser>.json (objects merge,
//   arrays and scalars from the overlay win);
// - the wasm-bindgen no-modules glue is wrapped so injecting it twice is harmless, and the wasm
//   bytes are embedded as base64 (content scripts then need no web-accessible resource, which a page
//   could probe to fingerprint the reader);
// - palettes/<palette>-<light|dark>.css and palette-data.js are generated from src/palette.json,
//   the single source of the colours (through lib/palette.js, which the popup and demo use too);
// - icons are drawn here (no binary files in the repository);
// - zips are deterministic (sorted entries, fixed timestamps), so the same sources give the same zip.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const BROWSERS = ['chrome', 'firefox'];

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const wasmDir = path.resolve(ROOT, arg('--wasm-dir', 'build/wasm'));
const outDir = path.resolve(ROOT, arg('--out', 'dist'));
const zip = process.argv.includes('--zip');

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

export function deepMerge(base, over) {
  if (Array.isArray(over) || typeof over !== 'object' || over === null) return over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = k in out && typeof out[k] === 'object' && !Array.isArray(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}

function copyDir(src, dst, skip) {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (skip && skip(e.name)) continue;
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) copyDir(s, d, skip);
    else fs.copyFileSync(s, d);
  }
}

// ---- generated assets ----

/** The shared palette code (lib/palette.js, lib/highlighter.js), run here to write the stylesheets. */
function paletteLib() {
  const ctx = vm.createContext({});
  vm.runInContext('var globalThis = this;', ctx);
  for (const f of ['lib/highlighter.js', 'lib/palette.js']) vm.runInContext(fs.readFileSync(path.join(HERE, 'src', f), 'utf8'), ctx, { filename: f });
  return ctx.Sourcelight.palette;
}

/** palettes/<id>-<light|dark>.css for every palette in palette.json. */
export function paletteStylesheets(data) {
  const lib = paletteLib();
  const out = {};
  for (const id of Object.keys(data.palettes)) {
    for (const scheme of ['light', 'dark']) out[`${id}-${scheme}.css`] = lib.css(data, id, scheme);
  }
  return out;
}

/** palette.json as a script, so content scripts have it without a web-accessible resource. */
function paletteScript(data) {
  return `/* palette.json, embedded by extension/build.mjs. */
(function (root) {
  const NS = (root.Sourcelight = root.Sourcelight || {});
  NS.paletteData = ${JSON.stringify(data)};
})(typeof globalThis !== 'undefined' ? globalThis : self);
`;
}

function wrapGlue(glue) {
  return `/* wasm-bindgen glue (no-modules), wrapped by extension/build.mjs so a second injection is a no-op. */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});
  if (NS.wasm_bindgen) return;
${glue}
  NS.wasm_bindgen = wasm_bindgen;
})(typeof globalThis !== 'undefined' ? globalThis : self);
`;
}

function embeddedWasm(bytes) {
  return `/* The Sourcelight core (WebAssembly, ${bytes.length} bytes), embedded by extension/build.mjs. */
(function (root) {
  const NS = (root.Sourcelight = root.Sourcelight || {});
  if (!NS.wasmBase64) NS.wasmBase64 = '${bytes.toString('base64')}';
})(typeof globalThis !== 'undefined' ? globalThis : self);
`;
}

// A tiny PNG encoder: the icon is drawn as three highlighted "lines of text" on a dark tile.
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function iconPng(size) {
  const px = Buffer.alloc(size * size * 4);
  const set = (x, y, [r, g, b, a]) => {
    const i = (y * size + x) * 4;
    px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
  };
  const rad = size * 0.2;
  const bars = [
    { y: 0.26, w: 0.62, c: [0x56, 0xb4, 0xe9, 255] },
    { y: 0.46, w: 0.5, c: [0xd5, 0x5e, 0x00, 255] },
    { y: 0.66, w: 0.66, c: [0xcc, 0x79, 0xa7, 255] },
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Rounded tile.
      const cx = Math.min(Math.max(x + 0.5, rad), size - rad);
      const cy = Math.min(Math.max(y + 0.5, rad), size - rad);
      const inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= rad * rad;
      if (!inside) { set(x, y, [0, 0, 0, 0]); continue; }
      let c = [0x1f, 0x29, 0x37, 255];
      for (const b of bars) {
        const top = b.y * size, h = Math.max(2, size * 0.12);
        if (y + 0.5 >= top && y + 0.5 < top + h && x + 0.5 >= size * 0.17 && x + 0.5 < size * (0.17 + b.w)) c = b.c;
      }
      set(x, y, c);
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- deterministic zip (stored + deflated entries, fixed 1980-01-01 timestamps) ----

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  }).sort();
}
export function makeZip(dir, dest) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const name of listFiles(dir)) {
    const data = fs.readFileSync(path.join(dir, name));
    const comp = zlib.deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const nameBuf = Buffer.from(name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6); h.writeUInt16LE(8, 8);
    h.writeUInt16LE(0, 10); h.writeUInt16LE(0x21, 12); h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(comp.length, 18); h.writeUInt32LE(data.length, 22); h.writeUInt16LE(nameBuf.length, 26);
    local.push(h, nameBuf, comp);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(0x031e, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10); c.writeUInt16LE(0, 12); c.writeUInt16LE(0x21, 14); c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(comp.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(nameBuf.length, 28);
    c.writeUInt32LE((0o100644 << 16) >>> 0, 38); c.writeUInt32LE(offset, 42);
    central.push(c, nameBuf);
    offset += h.length + nameBuf.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  fs.writeFileSync(dest, Buffer.concat([...local, cd, end]));
}

// ---- main ----

function build() {
  const glue = fs.readFileSync(path.join(wasmDir, 'sourcelight.js'), 'utf8');
  const optimized = path.join(wasmDir, 'sourcelight_bg.opt.wasm');
  const wasm = fs.readFileSync(fs.existsSync(optimized) ? optimized : path.join(wasmDir, 'sourcelight_bg.wasm'));
  const palette = readJson(path.join(HERE, 'src', 'palette.json'));
  const stylesheets = paletteStylesheets(palette);
  const base = readJson(path.join(HERE, 'manifest.base.json'));
  const version = base.version;
  for (const browser of BROWSERS) {
    const dst = path.join(outDir, browser);
    fs.rmSync(dst, { recursive: true, force: true });
    copyDir(path.join(HERE, 'src'), dst);
    const manifest = deepMerge(base, readJson(path.join(HERE, `manifest.${browser}.json`)));
    fs.writeFileSync(path.join(dst, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    fs.mkdirSync(path.join(dst, 'wasm'), { recursive: true });
    fs.writeFileSync(path.join(dst, 'wasm', 'sourcelight.js'), wrapGlue(glue));
    fs.writeFileSync(path.join(dst, 'wasm', 'sourcelight_wasm.js'), embeddedWasm(wasm));
    fs.mkdirSync(path.join(dst, 'palettes'), { recursive: true });
    for (const [name, css] of Object.entries(stylesheets)) fs.writeFileSync(path.join(dst, 'palettes', name), css);
    fs.writeFileSync(path.join(dst, 'palette-data.js'), paletteScript(palette));
    fs.mkdirSync(path.join(dst, 'icons'), { recursive: true });
    for (const s of [16, 32, 48, 96, 128]) fs.writeFileSync(path.join(dst, 'icons', `icon-${s}.png`), iconPng(s));
    if (zip) makeZip(dst, path.join(outDir, `sourcelight-${version}-${browser}.zip`));
    console.log(`extension: ${path.relative(ROOT, dst)}${zip ? ` + sourcelight-${version}-${browser}.zip` : ''}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) build();
