// The saved real pages in ../shared/pages (others' pages: read from disk for measurement and
// robustness runs only, never copied into the project):
//   readability/<name>/source.html (+ expected.html, the reader-mode article body)
//   zyte/html/<id>.html.gz (+ ground-truth.json, hand-checked article text)
// Shared by `make eval-article` and `make test-pages`.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * Every page with its truth: [{set, id, html(), truthHtml?|truthText?}], readability first, each
 * set in name order; `only` keeps the ids containing it (or one of its comma-separated parts).
 */
export function loadPages(dir, { only = '' } = {}) {
  const pages = [];
  const rdir = path.join(dir, 'readability');
  if (fs.existsSync(rdir)) {
    for (const name of fs.readdirSync(rdir).sort()) {
      const src = path.join(rdir, name, 'source.html');
      const exp = path.join(rdir, name, 'expected.html');
      if (!fs.existsSync(src) || !fs.existsSync(exp)) continue;
      pages.push({ set: 'readability', id: name, html: () => fs.readFileSync(src), get truthHtml() { return fs.readFileSync(exp, 'utf8'); } });
    }
  }
  const zdir = path.join(dir, 'zyte');
  if (fs.existsSync(path.join(zdir, 'ground-truth.json'))) {
    const truth = JSON.parse(fs.readFileSync(path.join(zdir, 'ground-truth.json'), 'utf8'));
    for (const id of Object.keys(truth).sort()) {
      const file = path.join(zdir, 'html', `${id}.html.gz`);
      if (!fs.existsSync(file)) continue;
      pages.push({ set: 'zyte', id, html: () => zlib.gunzipSync(fs.readFileSync(file)), truthText: truth[id].articleBody || '' });
    }
  }
  const wanted = only.split(',').filter(Boolean);
  return pages.filter((p) => !wanted.length || wanted.some((w) => p.id.includes(w)));
}
