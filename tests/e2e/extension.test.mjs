// End-to-end: the built extension (dist/) in real, headless Chromium and Firefox ESR, on a local
// news page of our own writing. Run with `make test-e2e` (needs `make dist` and the CLI).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import {
  launch,
  openPage,
  highlightViaToolbar,
  popupCounts,
  contentState,
  highlightNames,
  highlightTexts,
  domSnapshot,
  screenshot,
  until,
} from './harness.mjs';

const CLI = path.join(ROOT, 'target', 'cli', 'sourcelight');
const ARTICLE = path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt');

/** The palette key the extension uses for a finding (mirrors highlighter.categoryOf). */
function keyOf(f) {
  if (f.kind === 'editorial') return `editorial.${f.subtype}`;
  if (f.kind === 'quote' && f.subtype === 'partial') return 'quote.partial';
  return f.kind;
}
const nameOf = (key) => 'sourcelight-' + key.replace(/[^a-z0-9_-]/gi, '-');

/** What the native core finds in the sample article: [{name, text}], from the CLI's JSON report. */
function expectedFromCli() {
  const out = execFileSync(CLI, ['analyze', '--json', ARTICLE], { encoding: 'utf8' });
  const { report } = JSON.parse(out);
  return report.findings.map((f) => ({ name: nameOf(keyOf(f)), kind: f.kind, text: f.text }));
}

function multiset(items) {
  const m = new Map();
  for (const i of items) {
    const k = `${i.name}\u0000${i.text}`;
    m.set(k, (m.get(k) || 0) + 1);
  }
  return m;
}

for (const kind of ['chromium', 'firefox']) {
  describe(`the extension in ${kind}`, () => {
    let server;
    let ctx;
    let page;
    let popup;
    let domBefore;

    before(async () => {
      server = await startServer();
      ctx = await launch(kind);
      page = await openPage(ctx, `${server.url}/article.html`);
      domBefore = await domSnapshot(page);
      popup = await highlightViaToolbar(ctx, page);
    });

    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('draws every finding of the core on exactly its text, one highlight per category', async () => {
      const drawn = await highlightTexts(page);
      const expected = expectedFromCli();
      assert.ok(expected.some((e) => e.kind === 'quote'), 'the sample article has quotes');
      assert.ok(expected.some((e) => e.kind === 'anonymous_source'), 'the sample article has unnamed sources');
      assert.ok(expected.some((e) => e.kind === 'editorial'), 'the sample article has editorial wording');
      const have = multiset(drawn);
      for (const [k, n] of multiset(expected)) {
        const [name, text] = k.split('\u0000');
        assert.ok((have.get(k) || 0) >= n, `expected ${name} on ${JSON.stringify(text)} (×${n}) to be drawn`);
      }
      const names = await highlightNames(page);
      assert.equal(new Set(names).size, names.length);
      for (const n of names) assert.ok(drawn.some((d) => d.name === n), `${n} is registered but empty`);
      await screenshot(page, `${kind}-article.png`);
    });

    it('leaves the page DOM and the page scripts untouched', async () => {
      assert.equal(await domSnapshot(page), domBefore, 'document.documentElement.outerHTML changed');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.pageScript), 'ran');
      assert.deepEqual(page.sourcelightErrors, []);
    });

    it('does not analyse hidden text or form fields', async () => {
      const drawn = await highlightTexts(page);
      assert.ok(!drawn.some((d) => /hidden text is never analysed|said nothing/.test(d.text)));
    });

    it('shows in the popup the counts per category that are drawn in the page', async () => {
      const counts = await popupCounts(popup);
      const drawn = await highlightTexts(page);
      for (const k of ['quote', 'anonymous_source', 'editorial']) {
        const inPage = drawn.filter((d) => d.name === nameOf(k) || d.name.startsWith(nameOf(k) + '-')).length;
        assert.equal(Number(counts[k]), inPage, `popup count for ${k}`);
      }
      await screenshot(popup, `${kind}-popup.png`);
    });

    it('clears every highlight when switched off in the popup, and draws them again when switched on', async () => {
      const before = (await highlightTexts(page)).length;
      await popup.click('#enabled');
      await until(async () => (await highlightNames(page)).length === 0, { what: 'highlights to clear' });
      assert.equal(await popup.evaluate(() => document.getElementById('enabled').checked), false);
      assert.equal(await domSnapshot(page), domBefore);
      await popup.click('#enabled');
      await until(async () => (await highlightTexts(page)).length === before, { what: 'highlights to return' });
    });

    it('highlights a page whose Content-Security-Policy forbids WebAssembly, running the core where it may', async () => {
      const strict = await openPage(ctx, `${server.url}/strict-csp/article.html`);
      const strictBefore = await domSnapshot(strict);
      const strictPopup = await highlightViaToolbar(ctx, strict);
      const state = await contentState(strictPopup);
      assert.equal(state.status, 'done', state.error || '');
      // Chromium refuses wasm compilation in content scripts under such a CSP; Firefox allows it.
      assert.equal(state.engine, kind === 'chromium' ? 'background' : 'page');
      const drawn = await highlightTexts(strict);
      const reference = await highlightTexts(page);
      assert.deepEqual(multiset(drawn), multiset(reference), 'same highlights as on the page without the CSP');
      assert.equal(await domSnapshot(strict), strictBefore);
      assert.deepEqual(strict.sourcelightErrors, []);
    });

    it('makes no network request of its own', async () => {
      // The pages fetched their own resources; the extension fetched nothing from the server.
      const unexpected = server.requests.filter(
        (p) => !/^\/(strict-csp\/)?(article\.html|static\/(news\.css|page\.js)|favicon\.ico)$/.test(p),
      );
      assert.deepEqual(unexpected, []);
    });
  });
}
