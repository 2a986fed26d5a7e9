// The shared highlighting code (extension/src/lib, also used by the www demo) in a real browser,
// without the extension: text collection and offset mapping, the Highlight API path, the <mark>
// fallback for browsers without that API (which must restore the page exactly), and dropping
// highlights whose text changed.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launch, DIST } from './harness.mjs';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<h1>Port   strike
 talks</h1>
<p>“We won,” said <b>Ana</b> Beltrán. 👍🏽</p><ul><li>One</li><li>Two</li></ul>
<p hidden>Invisible words</p><p style="display:none">Also invisible</p><textarea>typed text</textarea>
<div contenteditable="true">an editor</div><p>Last <i>para</i>graph.</p>
</body></html>`;

for (const kind of ['chromium', 'firefox']) {
  describe(`the shared highlighter in ${kind}`, () => {
    let server;
    let ctx;
    let page;

    before(async () => {
      server = await startServer({ '/lib-test.html': { body: PAGE, type: 'text/html; charset=utf-8' } }, { '/ext/': path.join(DIST, 'chrome') });
      ctx = await launch(kind);
      page = await ctx.browser.newPage();
      await page.goto(`${server.url}/lib-test.html`);
      for (const f of ['lib/textmap.js', 'lib/highlighter.js']) await page.addScriptTag({ url: `/ext/${f}` });
    });
    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('collects visible text with a line break per block and nothing hidden or editable', async () => {
      const text = await page.evaluate(() => Sourcelight.textmap.collect(document.body).text);
      const lines = text.split('\n').map((l) => l.trim());
      assert.deepEqual(lines, ['Port   strike  talks', '“We won,” said Ana Beltrán. 👍🏽', 'One', 'Two', 'Last paragraph.']);
    });

    it('maps UTF-16 offsets back to ranges across element boundaries', async () => {
      const got = await page.evaluate(() => {
        const map = Sourcelight.textmap.collect(document.body);
        const at = (s) => [map.text.indexOf(s), map.text.indexOf(s) + s.length];
        return ['Ana Beltrán', '👍🏽', 'Last paragraph'].map((s) => {
          const [a, b] = at(s);
          return Sourcelight.textmap.rangeFor(map, a, b).toString();
        });
      });
      assert.deepEqual(got, ['Ana Beltrán', '👍🏽', 'Last paragraph']);
    });

    it('draws one Highlight per category with the Custom Highlight API', async () => {
      const names = await page.evaluate(() => {
        const map = Sourcelight.textmap.collect(document.body);
        const f = (kind, subtype, s) => ({ kind, subtype, span: { start: map.text.indexOf(s), end: map.text.indexOf(s) + s.length } });
        const h = Sourcelight.highlighter.create(window);
        const res = h.draw(map, [f('quote', 'full', 'We won,'), f('editorial', 'loaded', 'strike'), f('quote', 'full', 'Two')]);
        const out = { mode: res.mode, names: [...CSS.highlights.keys()].sort(), quoteSize: CSS.highlights.get('sourcelight-quote').size };
        h.clear();
        out.after = [...CSS.highlights.keys()].length;
        return out;
      });
      assert.deepEqual(names, { mode: 'highlight-api', names: ['sourcelight-editorial-loaded', 'sourcelight-quote'], quoteSize: 2, after: 0 });
    });

    it('falls back to <mark> elements where the API is missing, and restores the page exactly', async () => {
      const r = await page.evaluate(() => {
        const before = document.body.innerHTML;
        const map = Sourcelight.textmap.collect(document.body);
        const f = (kind, subtype, s) => ({ kind, subtype, span: { start: map.text.indexOf(s), end: map.text.indexOf(s) + s.length } });
        const h = Sourcelight.highlighter.create(window, { forceMarks: true });
        // A quote spanning an element boundary, and an editorial word overlapping an unnamed source.
        const res = h.draw(map, [f('quote', 'full', 'said Ana Beltrán'), f('anonymous_source', 'unnamed_person', 'Last paragraph'), f('editorial', 'loaded', 'para')]);
        const marks = [...document.querySelectorAll('mark.sourcelight-mark')].map((m) => [m.dataset.sourcelight, m.textContent]);
        h.clear();
        return { mode: res.mode, marks, restored: document.body.innerHTML === before, left: document.querySelectorAll('mark').length };
      });
      assert.equal(r.mode, 'mark');
      assert.deepEqual(r.marks, [
        ['quote', 'said '],
        ['quote', 'Ana'],
        ['quote', ' Beltrán'],
        ['anonymous_source', 'Last '],
        ['editorial.loaded', 'para'],
        ['anonymous_source', 'graph'],
      ]);
      assert.equal(r.left, 0);
      assert.ok(r.restored, 'the page HTML is exactly as before');
    });

    it('drops a highlight whose text changed after it was read, rather than misplacing it', async () => {
      const r = await page.evaluate(() => {
        const map = Sourcelight.textmap.snapshot(Sourcelight.textmap.collect(document.body));
        const s = 'Last ';
        const start = map.text.indexOf(s);
        const li = document.querySelectorAll('li')[1];
        li.firstChild.data = 'Changed';
        const h = Sourcelight.highlighter.create(window);
        const res = h.draw(map, [
          { kind: 'quote', subtype: 'full', span: { start, end: start + s.length } },
          { kind: 'quote', subtype: 'full', span: { start: map.text.indexOf('Two'), end: map.text.indexOf('Two') + 3 } },
        ]);
        h.clear();
        li.firstChild.data = 'Two';
        return { drawn: res.drawn.map((d) => d.range.toString()), dropped: res.dropped };
      });
      assert.deepEqual(r, { drawn: ['Last '], dropped: 1 });
    });
  });
}
