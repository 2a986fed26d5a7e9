// End-to-end: the built extension (dist/) in real, headless Chromium and Firefox ESR, on local
// news pages of our own writing: highlighting, the page left untouched, the hover card (content,
// escaping, no layout shift), the popup (counts, jump-to, per-category switches, export), strict
// CSP pages and dark pages. Run with `make test-e2e` (needs `make dist` and the CLI).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
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
  hoverCard,
  reopenPopup,
  hoverHighlight,
  tabIdOf,
  sendToTab,
  inExtension,
  sleep,
  expectedFromCli,
  multiset,
  assertDrawn,
  nameOf,
} from './harness.mjs';

const ARTICLE = path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt');
// A page long enough to be analysed in the background and sent there in pieces, with more
// findings than come back in one message (see content.js and background.js).
const QUOTES = 2500;
const FILLER = 'The queue outside the bakery moved slowly, and the rain kept on all morning. '.repeat(5);
const MANY_QUOTES = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vox pop</title></head><body><article>
<h1>What the town said</h1>${Array.from({ length: QUOTES }, (_, i) => `<p>“Yes, number ${i},” said resident ${i}. ${FILLER}</p>`).join('')}</article></body></html>`;

for (const kind of ['chromium', 'firefox']) {
  describe(`the extension in ${kind}`, () => {
    let server;
    let ctx;
    let page;
    let popup;
    let domBefore;

    before(async () => {
      server = await startServer({ '/many.html': { body: MANY_QUOTES, type: 'text/html; charset=utf-8' } });
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
      const expected = expectedFromCli(ARTICLE);
      assert.ok(expected.some((e) => e.kind === 'quote'), 'the sample article has quotes');
      assert.ok(expected.some((e) => e.kind === 'anonymous_source'), 'the sample article has unnamed sources');
      assert.ok(expected.some((e) => e.kind === 'editorial'), 'the sample article has editorial wording');
      assertDrawn(drawn, expected);
      const names = await highlightNames(page);
      assert.equal(new Set(names).size, names.length);
      for (const n of names) assert.ok(drawn.some((d) => d.name === n), `${n} is registered but empty`);
      await screenshot(page, `${kind}-article.png`);
    });

    it('analyses the article body, not the navigation, the related links or the footer', async () => {
      const state = await contentState(popup);
      assert.equal(state.method, 'article');
      const drawn = await highlightTexts(page);
      const furniture = await page.evaluate(() => [...document.querySelectorAll('nav, aside, footer')].map((e) => e.textContent).join('\n'));
      for (const d of drawn) assert.ok(!furniture.includes(d.text), `${JSON.stringify(d.text)} is not in the page furniture`);
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
      const items = await popup.evaluate(() => document.querySelectorAll('.sl-item').length);
      assert.equal(items, drawn.length, 'one entry per highlight in the popup list');
      const speakers = await popup.evaluate(() => [...document.querySelectorAll('.sl-speakers .sl-name')].map((e) => e.textContent));
      assert.ok(speakers.includes('Marta Solís'), `speakers listed: ${speakers}`);
      await screenshot(popup, `${kind}-popup.png`);
    });

    it('shows the number of highlights on the toolbar badge', async () => {
      const tabId = await tabIdOf(ctx, page);
      const badge = await inExtension(ctx, (api, id) => api.action.getBadgeText({ tabId: id }), tabId);
      assert.equal(badge, String((await highlightTexts(page)).length));
    });

    it('can be used from the keyboard: every control is reached with Tab, and Enter on a highlight jumps to it', async () => {
      popup = await reopenPopup(ctx, page, popup);
      await popup.bringToFront();
      await popup.evaluate(() => document.activeElement && document.activeElement.blur());
      const reached = [];
      for (let i = 0; i < 40; i++) {
        await popup.keyboard.press('Tab');
        const id = await popup.evaluate(() => {
          const e = document.activeElement;
          return e.id || (e.dataset.toggle && `toggle:${e.dataset.toggle}`) || (e.classList.contains('sl-item') && 'item') || e.tagName;
        });
        reached.push(id);
        if (id === 'item') break;
      }
      for (const want of ['enabled', 'toggle:quote', 'toggle:editorial', 'item']) assert.ok(reached.includes(want), `${want} reached by Tab: ${reached}`);
      assert.ok(reached.some((r) => /^mode-/.test(r)), `a site mode reached by Tab: ${reached}`);
      await popup.keyboard.press('Enter');
      await until(() => page.evaluate(() => !!CSS.highlights.get('sourcelight-flash')), { what: 'the jump' });
    });

    it('explains a highlight in a hover card: category, note and speaker, without moving the page', async () => {
      await page.bringToFront();
      const layout = await page.evaluate(() => [document.documentElement.scrollHeight, document.querySelector('article').getBoundingClientRect().height]);
      const i = await indexInOrder(page, 'sourcelight-quote', 'Nobody wins');
      assert.ok(i >= 0, 'the quote by Marta Solís is drawn');
      const { card } = await hoverHighlight(page, 'sourcelight-quote', i);
      assert.ok(card.hostMarked, 'the card host is marked data-sourcelight-ui');
      assert.ok(card.visible);
      assert.deepEqual(card.kinds, ['quote']);
      assert.equal(card.category[0], 'Direct quote · Full quote');
      assert.match(card.speaker[0], /Marta Solís/);
      assert.match(card.text, /not the writer’s/, 'the core’s note is shown');
      assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollHeight, document.querySelector('article').getBoundingClientRect().height]), layout, 'no layout shift');
      await screenshot(page, `${kind}-hover-card.png`);
      // Moving away hides the card, and the page is exactly as before again.
      await page.mouse.move(5, 5);
      await until(async () => (await hoverCard(page)) === null, { what: 'the card to hide' });
      assert.equal(await domSnapshot(page), domBefore);
    });

    it('names an unnamed speaker "anonymous" and explains an unnamed source', async () => {
      const { card } = await hoverHighlight(page, 'sourcelight-anonymous_source', 0);
      assert.deepEqual(card.kinds, ['anonymous_source']);
      assert.match(card.category[0], /^Unnamed source · /);
      await page.mouse.move(5, 5);
      await until(async () => (await hoverCard(page)) === null, { what: 'the card to hide' });
    });

    it('jumps to a highlight chosen in the popup, flashes it and explains it', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      popup = await reopenPopup(ctx, page, popup);
      const last = await popup.evaluate(() => {
        const items = [...document.querySelectorAll('.sl-item')];
        return items.map((b) => b.querySelector('.sl-text').textContent).find((t) => t.includes('never come back'));
      });
      assert.ok(last, 'the last quote is listed');
      await popup.evaluate(() => [...document.querySelectorAll('.sl-item')].find((b) => b.textContent.includes('never come back')).click());
      await until(() => page.evaluate(() => window.scrollY > 100), { what: 'the page to scroll' });
      await until(
        () =>
          page.evaluate(() => {
            const flash = CSS.highlights.get('sourcelight-flash');
            if (!flash) return false;
            const r = [...flash][0];
            const box = r.getBoundingClientRect();
            return r.toString().includes('never come back') && box.top >= 0 && box.bottom <= innerHeight;
          }),
        { what: 'the highlight to be on screen and flashed' },
      );
      const card = await until(() => hoverCard(page), { what: 'the card for the highlight' });
      assert.match(card.excerpt[0], /never come back/);
    });

    it('steps from highlight to highlight for keyboard users, in reading order', async () => {
      const tabId = await tabIdOf(ctx, page);
      const first = await page.evaluate(() => {
        const all = [];
        for (const [name, h] of CSS.highlights) if (name !== 'sourcelight-flash') all.push(...h);
        all.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
        return all[0].toString();
      });
      await page.mouse.move(5, 5);
      // After the last highlight (the one jumped to above) comes the first again.
      await sendToTab(ctx, tabId, { type: 'sl:step', dir: 1 });
      const next = await until(async () => {
        const c = await hoverCard(page);
        return c && c.excerpt[0].includes(first.slice(0, 20)) && c;
      }, { what: 'the card of the first highlight' });
      assert.equal(next.kinds.length, 1);
      await sendToTab(ctx, tabId, { type: 'sl:step', dir: -1 });
      await until(async () => {
        const c = await hoverCard(page);
        return c && /never come back/.test(c.excerpt[0]);
      }, { what: 'the card of the last highlight again' });
    });

    it('hides and shows a category from the popup; the counts stay', async () => {
      popup = await reopenPopup(ctx, page, popup);
      const before = await popupCounts(popup);
      await popup.click('[data-toggle="quote"]');
      await until(async () => !(await highlightNames(page)).includes('sourcelight-quote'), { what: 'quotes to hide' });
      assert.ok((await highlightNames(page)).includes('sourcelight-anonymous_source'));
      assert.deepEqual(await popupCounts(popup), before);
      await popup.click('[data-toggle="quote"]');
      await until(async () => (await highlightNames(page)).includes('sourcelight-quote'), { what: 'quotes to return' });
    });

    it('exports the page report as Markdown and JSON', async () => {
      await popup.evaluate(() => {
        window.copied = [];
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (s) => window.copied.push(s) }, configurable: true });
      });
      await popup.click('#copy-md');
      await popup.click('#copy-json');
      const [md, json] = await until(() => popup.evaluate(() => (window.copied.length === 2 ? window.copied : null)), { what: 'two copies' });
      const report = JSON.parse(json);
      const counts = await popupCounts(popup);
      for (const k of ['quote', 'anonymous_source', 'editorial']) assert.equal(report.counts[k], Number(counts[k]));
      assert.equal(report.url, page.url());
      assert.ok(report.highlights.some((h) => h.speaker && h.speaker.name === 'Marta Solís'));
      assert.match(md, /^# Sourcelight report: Dockworkers defy minister/m);
      assert.match(md, /^## Who is quoted$/m);
      assert.match(md, /^- “Nobody wins a strike like this,” — Marta Solís/m);
    });

    it('clears every highlight when switched off in the popup, and draws them again when switched on', async () => {
      popup = await reopenPopup(ctx, page, popup);
      const before = (await highlightTexts(page)).length;
      await popup.click('#enabled');
      await until(async () => (await highlightNames(page)).length === 0, { what: 'highlights to clear' });
      assert.equal(await popup.evaluate(() => document.getElementById('enabled').checked), false);
      assert.equal(await domSnapshot(page), domBefore);
      await popup.click('#enabled');
      await until(async () => (await highlightTexts(page)).length === before, { what: 'highlights to return' });
    });

    it('shows page text in its UI as text only, never as markup', async () => {
      const xss = await openPage(ctx, `${server.url}/xss.html`);
      const xssPopup = await highlightViaToolbar(ctx, xss);
      const listed = await xssPopup.evaluate(() => [...document.querySelectorAll('.sl-item .sl-text')].map((e) => e.textContent));
      assert.ok(listed.some((t) => t.includes('<img src=x onerror=window.__pwned=1>')), 'the popup lists the quote as text');
      assert.equal(await xssPopup.evaluate(() => document.querySelectorAll('#summary img').length), 0);
      assert.equal(await xssPopup.evaluate(() => window.__pwned), undefined);
      await xss.bringToFront();
      const i = await indexInOrder(xss, 'sourcelight-quote', 'Type <img');
      const { card } = await hoverHighlight(xss, 'sourcelight-quote', i);
      assert.match(card.excerpt[0], /Type <img src=x onerror=window.__pwned=1> into the box/);
      assert.ok(!card.tags.includes('img'), `card elements: ${card.tags}`);
      await sleep(200);
      assert.equal(await xss.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(xss.sourcelightErrors, []);
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
      // The hover card is styled through the CSSOM, which the page's CSP does not block.
      await strict.bringToFront();
      const { card } = await hoverHighlight(strict, 'sourcelight-quote', 0);
      assert.ok(card.rect.width > 100 && card.rect.height > 30, `card size ${JSON.stringify(card.rect)}`);
      assert.deepEqual(strict.sourcelightErrors, []);
    });

    it('takes what a page credits to its own outlet as its reporting, not secondhand, wherever the core runs', async () => {
      // Under the strict CSP, Chromium runs the core in the background: the outlet's name goes along.
      for (const where of ['', '/strict-csp']) {
        const p = await openPage(ctx, `${server.url}${where}/publisher.html`);
        await highlightViaToolbar(ctx, p);
        const sources = (await highlightTexts(p)).filter((d) => d.name === 'sourcelight-anonymous_source').map((d) => d.text);
        assert.ok(sources.includes('the Lakeside Courier'), `another outlet is secondhand (${where || 'page'}): ${sources}`);
        assert.ok(sources.includes('a ministry official'), `the unnamed official stays (${where || 'page'})`);
        assert.ok(!sources.some((t) => t.includes('Calvera Herald')), `the page's own outlet is not (${where || 'page'}): ${sources}`);
        await p.close();
      }
    });

    it('draws every one of thousands of findings of a long page analysed away from the page', async () => {
      const many = await openPage(ctx, `${server.url}/many.html`);
      const manyPopup = await highlightViaToolbar(ctx, many);
      const state = await contentState(manyPopup);
      assert.ok(state.chars > 1_000_000, `${state.chars} characters`);
      assert.equal(state.engine, 'background');
      const drawn = await highlightTexts(many);
      const quotes = drawn.filter((d) => d.name === 'sourcelight-quote');
      assert.equal(quotes.length, QUOTES);
      assert.ok(quotes.every((d) => /^Yes, number \d+,$/.test(d.text)));
      assert.equal(state.report.counts.quote, QUOTES, 'the popup counts them all');
      assert.ok(state.report.highlights.length < QUOTES, 'while listing only the first');
    });

    it('uses the dark variant of the palette on a dark page', async () => {
      const dark = await openPage(ctx, `${server.url}/dark.html`);
      const darkPopup = await highlightViaToolbar(ctx, dark);
      const state = await contentState(darkPopup);
      assert.equal(state.scheme, 'dark');
      await dark.bringToFront();
      await hoverHighlight(dark, 'sourcelight-quote', 0);
      await screenshot(dark, `${kind}-dark-page.png`);
    });

    it('makes no network request of its own', async () => {
      // The pages fetched their own resources; the extension fetched nothing from the server.
      const unexpected = server.requests.filter(
        (p) => !/^\/(strict-csp\/)?(article\.html|many\.html|xss\.html|dark\.html|publisher\.html|static\/(news\.css|page\.js)|favicon\.ico)$/.test(p),
      );
      assert.deepEqual(unexpected, []);
    });
  });
}

/** Position, in document order, of the drawn range of a highlight whose text starts with `prefix`. */
async function indexInOrder(page, name, prefix) {
  return page.evaluate(
    (n, p) => {
      const ranges = [...CSS.highlights.get(n)];
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      return ranges.findIndex((r) => r.toString().startsWith(p));
    },
    name,
    prefix,
  );
}
