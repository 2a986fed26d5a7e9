#!/usr/bin/env node
// Serves the built demo (www/dist) on 127.0.0.1, as a static host would: the files as they are,
// index.html for a folder, `.wasm` as application/wasm (which lets the browser compile the core while
// it downloads), content-hashed assets cached for good and the page itself revalidated.
//
// Usage: node www/serve.mjs [--dir www/dist] [--port 8080]   (`make serve`; port 0 picks a free one)

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `root` a request path names (index.html for a folder), or null. */
function fileFor(root, pathname) {
  let file;
  try {
    file = path.join(root, path.normalize(decodeURIComponent(pathname)));
  } catch (e) {
    return null; // a malformed escape
  }
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/** Starts serving `dir`. Returns {url, requests (every path asked for), close}. */
export async function serveStatic(dir, { port = 0 } = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    const file = fileFor(root, url.pathname);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const immutable = path.relative(root, file).startsWith('assets' + path.sep);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : fs.readFileSync(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const dir = path.resolve(arg('--dir', path.join(HERE, 'dist')));
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir}/index.html not found; build it with make www`);
    process.exit(2);
  }
  const port = Number(arg('--port', process.env.PORT || 8080));
  const s = await serveStatic(dir, { port }).catch((e) => {
    console.error(e.code === 'EADDRINUSE' ? `serve: port ${port} is in use; pick another (make serve SERVE_PORT=8081)` : `serve: ${e.message}`);
    process.exit(2);
  });
  console.log(`Sourcelight demo: ${s.url}  (Ctrl-C to stop)`);
}
