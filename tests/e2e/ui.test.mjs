// End-to-end: the popup and the options page in real Chromium and Firefox. An axe-core audit
// (0 violations, light and dark), the options (categories, palette, sites, the reader's own phrases
// with their validation, import and export), and the Spanish interface when the browser speaks
// Spanish. Screenshots of the options page are saved as test artifacts.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import {
  launch,
  openPage,
  highlightViaToolbar,
  openPopupInTab,
  findExtensionPage,
  extensionOrigin,
  highlightTexts,
  highlightNames,
  hoverHighlight,
  inExtension,
  axe,
  screenshot,
  until,
  sleep,
} from './harness.mjs';

/** The options page: Firefox opens it on install; in Chromium the test opens it. */
async function optionsPage(ctx) {
  if (ctx.kind === 'firefox') return findExtensionPage(ctx, 'options.html');
  const page = await ctx.browser.newPage();
  await page.goto(extensionOrigin(ctx) + 'options.html');
  return page;
}

/** The popup for a page, in a tab (its full layout, the same document as the toolbar popup). */
async function popupPage(ctx, page) {
  await highlightViaToolbar(ctx, page);
  if (ctx.kind === 'firefox') return findExtensionPage(ctx, 'popup.html');
  return openPopupInTab(ctx, page);
}

/** Types into an empty field (a triple click does not select all text in every browser). */
async function fill(page, selector, text) {
  await page.$eval(selector, (el) => (el.value = ''));
  await page.type(selector, text);
}

const stored = (ctx) => inExtension(ctx, (api) => api.storage.sync.get(null));

async function setDark(page, on) {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: on ? 'dark' : 'light' }]);
  await page.reload({ waitUntil: 'load' });
}

for (const kind of ['chromium', 'firefox']) {
  describe(`the popup and options in ${kind}`, () => {
    let server;
    let ctx;
    let article;
    let options;

    before(async () => {
      server = await startServer();
      ctx = await launch(kind);
      article = await openPage(ctx, `${server.url}/spa.html`);
      options = await optionsPage(ctx);
    });

    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('passes an axe-core audit of the popup with no violations', async () => {
      const popup = await popupPage(ctx, article);
      await until(() => popup.evaluate(() => document.querySelectorAll('.sl-item').length > 0), { what: 'the report' });
      assert.deepEqual(await axe(popup), [], 'light');
      // The whole popup document, at the toolbar window's width.
      await popup.setViewport({ width: 420, height: 900 });
      await screenshot(popup, `${kind}-popup-full.png`, { fullPage: true });
      if (kind === 'chromium') {
        // Puppeteer can emulate the colour scheme in Chromium only.
        await setDark(popup, true);
        await until(() => popup.evaluate(() => document.querySelectorAll('.sl-item').length > 0), { what: 'the report' });
        assert.deepEqual(await axe(popup), [], 'dark');
        await screenshot(popup, `${kind}-popup-dark.png`, { fullPage: true });
        await setDark(popup, false);
      }
      await popup.close();
    });

    it('passes an axe-core audit of the options page with no violations', async () => {
      await options.bringToFront();
      assert.deepEqual(await axe(options), [], 'light');
      await screenshot(options, `${kind}-options.png`, { fullPage: true });
      if (kind === 'chromium') {
        await setDark(options, true);
        assert.deepEqual(await axe(options), [], 'dark');
        await setDark(options, false);
      }
    });

    it('refuses a bad phrase with a message that says why', async () => {
      await options.bringToFront();
      const tryPhrase = async (phrase) => {
        await fill(options, '#phrase-input', phrase);
        await options.click('#add-phrase-button');
        return options.evaluate(() => [document.getElementById('phrase-message').textContent, document.getElementById('phrase-input').getAttribute('aria-invalid')]);
      };
      assert.deepEqual(await tryPhrase(''), ['Type a word or phrase first.', 'true']);
      assert.match((await tryPhrase('<b>bold</b>'))[0], /^Use letters, digits/);
      assert.match((await tryPhrase('one two three four five six seven'))[0], /6 words or fewer/);
      assert.deepEqual((await stored(ctx)).phrases || [], []);
    });

    it('adds a phrase of the reader’s own, and highlights it in a page already open', async () => {
      await (await popupPage(ctx, article)).close(); // the page is highlighted before the phrase is added
      await options.bringToFront();
      await options.select('#phrase-kind', 'editorial');
      await fill(options, '#phrase-input', 'rainy-day fund');
      await fill(options, '#phrase-note', 'Our style guide avoids this cliché.');
      await options.click('#add-phrase-button');
      await until(() => options.evaluate(() => document.getElementById('phrases').textContent.includes('rainy-day fund')), { what: 'the phrase in the list' });
      assert.deepEqual((await stored(ctx)).phrases, [{ kind: 'editorial', phrase: 'rainy-day fund', note: 'Our style guide avoids this cliché.' }]);
      await until(async () => (await highlightTexts(article)).some((d) => d.name === 'sourcelight-editorial-user' && d.text === 'rainy-day fund'), {
        what: 'the phrase highlighted in the page',
      });
      await article.bringToFront();
      const i = await article.evaluate(() => [...CSS.highlights.get('sourcelight-editorial-user')].findIndex((r) => r.toString() === 'rainy-day fund'));
      const { card } = await hoverHighlight(article, 'sourcelight-editorial-user', i);
      assert.match(card.text, /Our style guide avoids this cliché\./);
      // A duplicate is refused.
      await options.bringToFront();
      await fill(options, '#phrase-input', 'Rainy-Day fund');
      await options.click('#add-phrase-button');
      assert.match(await options.evaluate(() => document.getElementById('phrase-message').textContent), /already in your list/);
      await options.click('#phrases button.remove');
      await until(async () => ((await stored(ctx)).phrases || []).length === 0, { what: 'the phrase removed' });
    });

    it('keeps its switches in place while the settings change, so a click on one is never lost', async () => {
      const quote = await options.$('#category-quote');
      const palette = await options.$('input[name="palette"]');
      const before = (await stored(ctx)).sites || {};
      await inExtension(ctx, (api, sites) => api.storage.sync.set({ sites: { ...sites, 'e.example': 'never' } }), before);
      await until(() => options.$('li[data-host="e.example"]'), { what: 'the change drawn' });
      assert.equal(await quote.evaluate((e) => e.isConnected), true, 'the category switch is the same element');
      assert.equal(await palette.evaluate((e) => e.isConnected), true, 'the palette choice is the same element');
      await inExtension(ctx, (api, sites) => api.storage.sync.set({ sites }), before);
      await until(async () => !(await options.$('li[data-host="e.example"]')), { what: 'the sites restored' });
    });

    it('switches a category off for every page, and back on', async () => {
      await until(async () => (await highlightNames(article)).some((n) => n.startsWith('sourcelight-quote')), { what: 'quotes' });
      await options.bringToFront();
      await options.click('#category-quote');
      await until(async () => !(await highlightNames(article)).some((n) => n.startsWith('sourcelight-quote')), { what: 'quotes to go' });
      assert.equal((await stored(ctx)).categories.quote, false);
      assert.ok((await highlightNames(article)).length > 0, 'the other categories stay');
      await options.click('#category-quote');
      await until(async () => (await highlightNames(article)).some((n) => n.startsWith('sourcelight-quote')), { what: 'quotes to return' });
    });

    it('changes the palette, and keeps the legend in step', async () => {
      await options.bringToFront();
      await options.click('#palette-tol-high-contrast');
      await until(async () => (await stored(ctx)).palette === 'tol-high-contrast', { what: 'the palette saved' });
      const popup = await popupPage(ctx, article);
      const color = await popup.evaluate(() => getComputedStyle(document.querySelector('#legend .sl-legend li[data-key="quote"] .sl-swatch')).textDecorationColor);
      assert.equal(color, 'rgb(0, 68, 136)', 'the legend shows the high-contrast blue');
      await popup.close();
      await options.bringToFront();
      await options.click('#palette-okabe-ito');
      await until(async () => (await stored(ctx)).palette === 'okabe-ito', { what: 'the palette saved' });
    });

    it('edits and removes sites, and checks what is typed', async () => {
      await options.bringToFront();
      await fill(options, '#site-input', 'not a site!');
      await options.click('#add-site-button');
      assert.match(await options.evaluate(() => document.getElementById('site-message').textContent), /does not look like a web site/);
      await fill(options, '#site-input', 'https://www.example.org/some/page');
      await options.select('#site-mode-input', 'never');
      await options.click('#add-site-button');
      await until(async () => ((await stored(ctx)).sites || {})['www.example.org'] === 'never', { what: 'the site saved' });
      await until(() => options.$('#site-mode-www\\.example\\.org'), { what: 'the site in the list' });
      await options.select('#site-mode-www\\.example\\.org', 'ask');
      await until(async () => (await stored(ctx)).sites['www.example.org'] === 'ask', { what: 'the mode changed' });
      await until(() => options.evaluate(() => document.getElementById('site-mode-www.example.org').value === 'ask'), { what: 'the list redrawn' });
      // The list is drawn again when the stored settings change, which may be once more after the
      // check above: a click on a button just replaced is tried again on the new one.
      await until(() => options.click('li[data-host="www.example.org"] button.remove').then(() => true), { what: 'the remove button' });
      await until(async () => !('www.example.org' in (await stored(ctx)).sites), { what: 'the site removed' });
    });

    it('lists each site once, however quickly the sites change', async () => {
      const before = (await stored(ctx)).sites || {};
      // Changes arriving back to back (another window, a synced browser): each starts a drawing of
      // the list while the one before still waits on the browser for site access.
      // Writes not waited for may land in any order (Firefox): the list must show whichever is stored.
      await options.evaluate((kept) => {
        const api = globalThis.browser || globalThis.chrome;
        const writes = [];
        for (let i = 0; i < 6; i++) {
          const sites = { ...kept };
          for (const h of ['a', 'b', 'c', `d${i}`]) sites[`${h}.example`] = 'always';
          writes.push(api.storage.sync.set({ sites }));
        }
        return Promise.all(writes);
      }, before);
      const expected = Object.keys((await stored(ctx)).sites).sort();
      assert.equal(expected.length, Object.keys(before).length + 4);
      const listed = () => options.evaluate(() => [...document.querySelectorAll('#sites li[data-host]')].map((li) => li.dataset.host));
      await until(async () => JSON.stringify(await listed()) === JSON.stringify(expected), { what: 'the list to show the last sites', timeout: 10000 }).catch(() => null);
      await sleep(500);
      assert.deepEqual(await listed(), expected);
      await inExtension(ctx, (api, sites) => api.storage.sync.set({ sites }), before);
      await until(async () => JSON.stringify(await listed()) === JSON.stringify(Object.keys(before).sort()), { what: 'the sites restored' });
    });

    it('tells the reader when the browser refuses to save, and shows what is stored', async () => {
      await options.bringToFront();
      const was = (await stored(ctx)).categories.quote;
      // The browser's refusal, as Chrome gives it past 120 writes a minute to storage.sync.
      await options.evaluate(() => {
        const sync = (globalThis.browser || globalThis.chrome).storage.sync;
        window.realSet = sync.set;
        sync.set = () => Promise.reject(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'));
      });
      await options.click('#category-quote');
      await until(() => options.evaluate(() => document.getElementById('saved').classList.contains('error')), { what: 'the refusal told' });
      const told = await options.evaluate(() => ({
        text: document.getElementById('saved').textContent,
        checked: document.getElementById('category-quote').checked,
      }));
      assert.match(told.text, /^Not saved: .*MAX_WRITE_OPERATIONS_PER_MINUTE/);
      assert.equal(told.checked, was, 'the switch shows what is stored again');
      assert.equal((await stored(ctx)).categories.quote, was);
      // A phrase that could not be saved stays in the form for another try.
      await fill(options, '#phrase-input', 'a little bird told me');
      await options.click('#add-phrase-button');
      await until(() => options.evaluate(() => document.getElementById('saved').textContent.startsWith('Not saved')), { what: 'the refusal told' });
      assert.equal(await options.evaluate(() => document.getElementById('phrase-input').value), 'a little bird told me');
      await options.evaluate(() => {
        (globalThis.browser || globalThis.chrome).storage.sync.set = window.realSet;
        document.getElementById('phrase-input').value = '';
      });
      await options.click('#category-quote');
      await until(async () => (await stored(ctx)).categories.quote === !was, { what: 'saved once the browser takes it' });
      assert.equal(await options.evaluate(() => document.getElementById('saved').classList.contains('error')), false);
      await options.click('#category-quote');
      await until(async () => (await stored(ctx)).categories.quote === was, { what: 'the switch back saved' });
    });

    it('exports the settings to a file and imports them back', async () => {
      await options.bringToFront();
      await options.evaluate(() => {
        window.exported = null;
        const real = URL.createObjectURL;
        URL.createObjectURL = (blob) => {
          blob.text().then((t) => (window.exported = t));
          return real.call(URL, blob);
        };
        HTMLAnchorElement.prototype.click = function () {}; // no download dialog in the test
      });
      await options.click('#export-settings');
      const text = await until(() => options.evaluate(() => window.exported), { what: 'the exported file' });
      const file = JSON.parse(text);
      assert.equal(file.sourcelight, 'settings');
      assert.equal(file.schema, 2);
      // Import a file from another browser: a phrase and a site the reader set to "never".
      const theirs = { ...file, sites: { 'elsewhere.example': 'never' }, phrases: [{ kind: 'anonymous_source', phrase: 'a little bird' }] };
      const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelight-import-')), 'settings.json');
      fs.writeFileSync(tmp, JSON.stringify(theirs));
      const input = await options.$('#import-file');
      await input.uploadFile(tmp);
      await until(() => options.evaluate(() => /imported/i.test(document.getElementById('backup-message').textContent)), { what: 'the import' });
      const now = await stored(ctx);
      assert.deepEqual(now.sites, { 'elsewhere.example': 'never' });
      assert.deepEqual(now.phrases, [{ kind: 'anonymous_source', phrase: 'a little bird' }]);
      // Not a settings file: refused, nothing changed.
      fs.writeFileSync(tmp, '{"hello": 1}');
      await input.uploadFile(tmp);
      await until(() => options.evaluate(() => /not a Sourcelight settings file/.test(document.getElementById('backup-message').textContent)), { what: 'the refusal' });
      assert.deepEqual((await stored(ctx)).sites, { 'elsewhere.example': 'never' });
    });
  });

  describe(`the default mode in ${kind}`, () => {
    let server;
    let ctx;
    before(async () => {
      server = await startServer();
      ctx = await launch(kind);
    });
    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('does not highlight when the toolbar window opens on a site left to a "never" default', async () => {
      const options = await optionsPage(ctx);
      await options.click('#default-never');
      await until(async () => (await stored(ctx)).defaultMode === 'never', { what: 'the default saved' });
      const page = await openPage(ctx, `${server.url}/article.html`);
      // The toolbar window, opened the way each browser allows (see harness.mjs).
      const popup = kind === 'chromium' ? await highlightViaToolbar(ctx, page) : await openPopupInTab(ctx, page);
      assert.equal(await popup.evaluate(() => document.getElementById('mode-never').checked), true);
      assert.equal(await popup.evaluate(() => document.getElementById('enabled').checked), false);
      assert.deepEqual(await highlightNames(page), []);
      // The switch still highlights this page once (with the access a toolbar click grants, which a
      // popup opened in a tab, as the Firefox tests do, does not have).
      if (kind === 'chromium') {
        await popup.click('#enabled');
        await until(async () => (await highlightNames(page)).length > 0, { what: 'highlights on request' });
      }
    });
  });

  describe(`the Spanish interface in ${kind}`, () => {
    let server;
    let ctx;
    before(async () => {
      server = await startServer();
      ctx = await launch(kind, { lang: kind === 'chromium' ? 'es' : 'es-ES' });
    });
    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('speaks Spanish in the popup, the hover card and the options page', async () => {
      const page = await openPage(ctx, `${server.url}/article.html`);
      const popup = await popupPage(ctx, page);
      const texts = await popup.evaluate(() => ({
        lang: document.documentElement.lang,
        counts: document.getElementById('sl-counts').textContent,
        mode: document.getElementById('mode-ask').parentElement.textContent.trim(),
      }));
      assert.equal(texts.lang, 'es');
      assert.equal(texts.counts, 'En esta página');
      assert.equal(texts.mode, 'Cuando lo pida');
      assert.deepEqual(await axe(popup), []);
      await page.bringToFront();
      const i = await page.evaluate(() => [...CSS.highlights.get('sourcelight-quote')].sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b)).findIndex((r) => r.toString().startsWith('Nobody')));
      const { card } = await hoverHighlight(page, 'sourcelight-quote', i);
      assert.equal(card.category[0], 'Cita directa · Cita completa');
      assert.match(card.speaker[0], /^Lo dice Marta Solís · Persona con nombre$/);
      await screenshot(page, `${kind}-hover-card-es.png`);
      const options = await optionsPage(ctx);
      assert.equal(await options.evaluate(() => document.querySelector('h1').textContent.trim()), 'Opciones de Sourcelight');
      assert.deepEqual(await axe(options), []);
    });
  });
}
