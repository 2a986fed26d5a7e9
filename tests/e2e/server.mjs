// A small static server for the end-to-end tests and `make run`: serves the fixture news page built
// from tests/fixtures/sample-article.txt, the same page under /strict-csp/ with a strict
// Content-Security-Policy header (no 'wasm-unsafe-eval'), and files from tests/fixtures/pages,
// where `{{ARTICLE:name}}` becomes the story tests/fixtures/pages/stories/<name>.txt as HTML and
// `{{JSON:name}}` the same story as data for the page's own script. Binds to 127.0.0.1 only.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export const STORIES = path.join(FIXTURES, 'pages', 'stories');

/** An article text: the first line is the headline, each further line a paragraph. */
export function parseStory(text) {
  const [title, ...paras] = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return { title, paras };
}
export const readStory = (name) => fs.readFileSync(path.join(STORIES, `${name}.txt`), 'utf8');

/** The news page for an article text. */
export function renderArticle(text) {
  const { title, paras } = parseStory(text);
  const tpl = fs.readFileSync(path.join(FIXTURES, 'pages', 'news-page.html'), 'utf8');
  return tpl
    .replaceAll('{{TITLE}}', esc(title))
    .replace('{{BODY}}', paras.map((p) => `<p>${esc(p)}</p>`).join('\n      '));
}

/** Fills the story placeholders of a fixture page. */
function fillStories(html) {
  return html
    .replace(/\{\{ARTICLE:([a-z-]+)\}\}/g, (_, name) => {
      const { title, paras } = parseStory(readStory(name));
      return [`<h1>${esc(title)}</h1>`, ...paras.map((p) => `<p>${esc(p)}</p>`)].join('\n      ');
    })
    .replace(/\{\{JSON:([a-z-]+)\}\}/g, (_, name) => {
      const json = JSON.stringify(parseStory(readStory(name))).replace(/</g, '\\u003c');
      return `<script type="application/json" data-story="${name}">${json}</script>`;
    });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png' };

const STATIC = {
  '/static/news.css': 'body{font:18px/1.6 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem;color:#222}' +
    '.masthead{display:flex;justify-content:space-between;border-bottom:2px solid #222}.brand{font-weight:bold}' +
    '.related{border-top:1px solid #ccc;margin-top:2rem}.byline,.kicker{color:#666;font-size:14px}',
  // A page script that reads the DOM, as many news sites do; the tests check it keeps working.
  '/static/page.js': "document.documentElement.dataset.pageScript = 'ran';",
};

/**
 * Starts the server on a free port. `extraRoutes` maps a path to {body, type, headers};
 * `mounts` maps a path prefix (e.g. '/ext/') to a directory served under it; `resolve(path, url)`
 * answers paths no table can list (pages read from disk or generated on request) with
 * {body, type, headers, status}, or null to fall through.
 * Returns {url, close, requests} — `requests` lists every path served, for network assertions.
 */
export async function startServer(extraRoutes = {}, mounts = {}, { resolve } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let p = url.pathname;
    const headers = { 'Cache-Control': 'no-store' };
    if (p.startsWith('/strict-csp/')) {
      // What a locked-down news site sends: no inline script, no eval, no WebAssembly compilation.
      headers['Content-Security-Policy'] = "default-src 'self'; script-src 'self'; object-src 'none'";
      p = p.slice('/strict-csp'.length);
    }
    let body = null;
    let status = 200;
    let type = TYPES[path.extname(p)] || 'application/octet-stream';
    const resolved = resolve && resolve(p, url);
    if (resolved) {
      ({ body, status = 200 } = resolved);
      type = resolved.type || type;
      Object.assign(headers, resolved.headers || {});
    } else if (extraRoutes[p]) {
      ({ body } = extraRoutes[p]);
      type = extraRoutes[p].type || type;
      Object.assign(headers, extraRoutes[p].headers || {});
    } else if (p === '/' || p === '/article.html') {
      body = renderArticle(fs.readFileSync(path.join(FIXTURES, 'sample-article.txt'), 'utf8'));
      type = TYPES['.html'];
    } else if (STATIC[p]) {
      body = STATIC[p];
    } else if (Object.keys(mounts).some((m) => p.startsWith(m))) {
      const m = Object.keys(mounts).find((k) => p.startsWith(k));
      const file = path.join(mounts[m], path.normalize(p.slice(m.length)).replace(/^([/\\])+/, ''));
      if (file.startsWith(mounts[m]) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
    } else {
      const file = path.join(FIXTURES, 'pages', path.normalize(p).replace(/^([/\\])+/, ''));
      if (file.startsWith(path.join(FIXTURES, 'pages')) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        body = p.endsWith('.html') ? fillStories(fs.readFileSync(file, 'utf8')) : fs.readFileSync(file);
      }
    }
    if (body === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(status, { 'Content-Type': type, ...headers });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
