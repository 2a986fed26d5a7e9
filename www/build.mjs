#!/usr/bin/env node
// Builds the www demo into a folder of plain static files (no server code):
//
//   www/dist/index.html                 the page (never cached for long: it names everything else)
//   www/dist/assets/<name>.<hash>.<ext> scripts, styles, the wasm core, data: named by a hash of
//                                       their content, so a host may cache them forever
//   www/dist/downloads/                 the two extension zips from `make dist`
//   www/dist/_headers                   caching and MIME hints in the format several static hosts read
//
// The page runs the extension's own code: extension/src/lib/*.js are copied as they are, the
// wasm-bindgen glue and the optimised wasm are the ones the extension embeds, and the highlight
// stylesheets come from the extension build's palette code. Nothing is rewritten but file names.
//
// Usage: node www/build.mjs [--wasm-dir build/wasm] [--dist dist] [--out www/dist]

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconPng, paletteStylesheets } from '../extension/build.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const EXT = path.join(ROOT, 'extension');
const SRC = path.join(HERE, 'src');

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return path.resolve(ROOT, i >= 0 ? process.argv[i + 1] : dflt);
}
const wasmDir = arg('--wasm-dir', 'build/wasm');
const distDir = arg('--dist', 'dist');
const outDir = arg('--out', 'www/dist');

// The page-side library, in the order its files depend on each other (see extension/README.md).
const LIB = ['slice', 'textmap', 'article', 'highlighter', 'i18n', 'palette', 'hovercard', 'report', 'summary'];

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

/** Writes `content` as assets/<base>.<hash>.<ext> and returns its path relative to the page. */
function emitter(assetsDir) {
  return (name, content) => {
    const hash = crypto.createHash('sha256').update(content).digest('hex').slice(0, 12);
    const ext = path.extname(name);
    const file = `${path.basename(name, ext)}.${hash}${ext}`;
    fs.writeFileSync(path.join(assetsDir, file), content);
    return `assets/${file}`;
  };
}

/** Data the page needs before it can say anything: palette, messages, the sample article. */
function dataScript(palette, messages, sample) {
  return `/* The www demo's data, written by www/build.mjs: palette.json, the messages, the sample article. */
(function (root) {
  const NS = (root.Sourcelight = root.Sourcelight || {});
  NS.paletteData = ${JSON.stringify(palette)};
  NS.wwwMessages = ${JSON.stringify(messages)};
  NS.wwwSample = ${JSON.stringify(sample)};
})(typeof globalThis !== 'undefined' ? globalThis : self);
`;
}

/** The extension's messages with the demo's own (which never override them). */
function messages(lang) {
  const ext = readJson(path.join(EXT, 'src', '_locales', lang, 'messages.json'));
  const own = readJson(path.join(SRC, 'messages', `${lang}.json`));
  for (const k of Object.keys(own)) if (k in ext) throw new Error(`www/src/messages/${lang}.json: ${k} is already an extension message`);
  return { ...ext, ...own };
}

/** Fills {{asset:name}}, {{json:assets}}, {{version}} and {{zip:browser}} in the page template. */
function fillTemplate(html, values) {
  return html.replace(/\{\{(\w+)(?::([\w.-]+))?\}\}/g, (all, kind, name) => {
    const v = kind === 'version' ? values.version : values[kind] && values[kind][name];
    if (v === undefined) throw new Error(`www/src/index.html: nothing to fill ${all} with`);
    return v;
  });
}

const HEADERS = `# Caching and MIME types for hosts that read a _headers file (Netlify, Cloudflare Pages). Other
# hosts: see www/README.md. Files under /assets/ are named by their content and never change.
/assets/*
  Cache-Control: public, max-age=31536000, immutable
/assets/*.wasm
  Content-Type: application/wasm
/
  Cache-Control: no-cache
/index.html
  Cache-Control: no-cache
`;

function build() {
  const version = readJson(path.join(EXT, 'manifest.base.json')).version;
  const zips = Object.fromEntries(['chrome', 'firefox'].map((b) => [b, `sourcelight-${version}-${b}.zip`]));
  for (const z of Object.values(zips)) {
    if (!fs.existsSync(path.join(distDir, z))) throw new Error(`${path.join(distDir, z)} not found: run make dist first`);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  const assetsDir = path.join(outDir, 'assets');
  fs.mkdirSync(assetsDir, { recursive: true });
  fs.mkdirSync(path.join(outDir, 'downloads'));
  const emit = emitter(assetsDir);
  const asset = {};

  // The core, exactly as the extension ships it: the optimised wasm and wasm-bindgen's glue.
  asset.wasm = emit('sourcelight_bg.wasm', fs.readFileSync(path.join(wasmDir, 'sourcelight_bg.opt.wasm')));
  asset.glue = emit('sourcelight.js', fs.readFileSync(path.join(wasmDir, 'sourcelight.js')));
  asset.engine = emit('engine.js', fs.readFileSync(path.join(EXT, 'src', 'lib', 'engine.js')));
  asset['worker.js'] = emit('worker.js', fs.readFileSync(path.join(SRC, 'worker.js')));

  for (const name of LIB) asset[`${name}.js`] = emit(`${name}.js`, fs.readFileSync(path.join(EXT, 'src', 'lib', `${name}.js`)));
  asset['summary.css'] = emit('summary.css', fs.readFileSync(path.join(EXT, 'src', 'lib', 'summary.css')));

  const palette = readJson(path.join(EXT, 'src', 'palette.json'));
  const sheets = paletteStylesheets(palette);
  const palettes = {};
  for (const id of Object.keys(palette.palettes)) {
    palettes[id] = { light: emit(`highlights-${id}-light.css`, sheets[`${id}-light.css`]), dark: emit(`highlights-${id}-dark.css`, sheets[`${id}-dark.css`]) };
  }
  asset['highlights-light.css'] = palettes[palette.default].light;
  asset['highlights-dark.css'] = palettes[palette.default].dark;

  const sample = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt'), 'utf8');
  asset['data.js'] = emit('data.js', dataScript(palette, { en: messages('en') }, sample));
  asset['app.js'] = emit('app.js', fs.readFileSync(path.join(SRC, 'app.js')));
  asset['style.css'] = emit('style.css', fs.readFileSync(path.join(SRC, 'style.css')));
  asset['icon.png'] = emit('icon.png', iconPng(64));

  for (const z of Object.values(zips)) fs.copyFileSync(path.join(distDir, z), path.join(outDir, 'downloads', z));

  // What the page's script needs to find at run time (a data block: CSP lets no inline script run).
  const runtime = { worker: asset['worker.js'], glue: asset.glue, engine: asset.engine, wasm: asset.wasm, palettes };
  const json = { assets: JSON.stringify(runtime).replace(/</g, '\\u003c') };
  const zipLinks = Object.fromEntries(Object.entries(zips).map(([b, z]) => [b, `downloads/${z}`]));
  const html = fillTemplate(fs.readFileSync(path.join(SRC, 'index.html'), 'utf8'), { asset, json, version, zip: zipLinks });
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  fs.writeFileSync(path.join(outDir, '_headers'), HEADERS);
  console.log(`www: ${path.relative(ROOT, outDir)}/ (${fs.readdirSync(assetsDir).length} assets, the two extension zips)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) build();
