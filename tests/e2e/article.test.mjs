// The article finder (extension/src/lib/article.js, shared with the www demo) in real browsers, on
// pages of our own writing: it must pick the story and leave the page furniture (navigation, ads,
// share bars, pull quotes, related links, comments, footer) out of what is analysed.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launch, DIST } from './harness.mjs';

const LINKS_ONLY = `<!doctype html><html><head><meta charset="utf-8"><title>Index</title></head><body>
<ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/s${i}">Story number ${i} about the harbour</a></li>`).join('')}</ul>
</body></html>`;

for (const kind of ['chromium', 'firefox']) {
  describe(`the article finder in ${kind}`, () => {
    let server;
    let ctx;
    let page;

    before(async () => {
      server = await startServer({ '/links.html': { body: LINKS_ONLY, type: 'text/html; charset=utf-8' } }, { '/ext/': path.join(DIST, 'chrome') });
      ctx = await launch(kind);
      page = await ctx.browser.newPage();
    });
    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    async function load(file) {
      await page.goto(`${server.url}/${file}`);
      for (const f of ['lib/slice.js', 'lib/textmap.js', 'lib/article.js']) await page.addScriptTag({ url: `/ext/${f}` });
    }

    it('reads the story and leaves out navigation, ads, share bars, pull quotes, related links, comments and the footer', async () => {
      await load('furniture.html');
      const r = await page.evaluate(() => {
        const found = Sourcelight.article.find(document.body);
        const text = Sourcelight.textmap.collect(found.root, { skip: found.skip }).text;
        return { method: found.method, root: found.root.className, text };
      });
      assert.equal(r.method, 'article');
      assert.equal(r.root, 'article-body');
      assert.match(r.text, /Late frost hits apple growers/);
      assert.match(r.text, /An official at the regional farm agency, who requested anonymity/);
      assert.match(r.text, /“We have been through bad years before,” she said\./);
      for (const furniture of ['Say it again', 'Sponsored', 'Share', 'We were robbed', 'declined to be named', 'This is a disgrace', 'Quoted in the footer']) {
        assert.ok(!r.text.includes(furniture), `${JSON.stringify(furniture)} is not read`);
      }
      assert.equal(r.text.split('We lit fires between the rows all night').length, 2, 'the pull quote is not read a second time');
    });

    it('gives the same answer in slices as in one go', async () => {
      await load('furniture.html');
      const same = await page.evaluate(async () => {
        const a = Sourcelight.article.find(document.body);
        const b = await Sourcelight.slice.run(Sourcelight.article.findSteps(document.body), { budgetMs: 1 });
        return a.root === b.root && a.method === b.method;
      });
      assert.ok(same);
    });

    it('falls back to the whole page when nothing reads like an article', async () => {
      await load('links.html');
      const r = await page.evaluate(() => Sourcelight.article.find(document.body).method);
      assert.equal(r, 'body');
    });

    it('takes a block the page added later as an article of its own', async () => {
      await load('infinite.html');
      const r = await page.evaluate(() => {
        const story = document.querySelector('#feed article');
        const found = Sourcelight.article.find(story);
        return { method: found.method, same: found.root === story };
      });
      assert.deepEqual(r, { method: 'article', same: true });
    });
  });
}
