// End-to-end: what the reader chose for a site survives closing and reopening the browser (same
// profile), and settings stored by an older version are migrated when the extension updates.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launch, openPage, highlightViaToolbar, highlightNames, until, sleep, inExtension, extensionOrigin } from './harness.mjs';

// Profiles kept across restarts belong to this file, which removes them at the end.
const profiles = [];
const fresh = (kind) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sourcelight-restart-${kind}-`));
  profiles.push(dir, `${dir}-ext`);
  return dir;
};
after(() => {
  for (const d of profiles) fs.rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});
const syncedMode = (ctx, host) => inExtension(ctx, async (api, h) => ((await api.storage.sync.get('sites')).sites || {})[h] || null, host);

describe('site modes across a browser restart in chromium', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => server && server.close());

  it('keeps "always" (highlighted as the page loads) and "never" (not even from the toolbar) after a restart', async () => {
    const profileDir = fresh('chromium');
    const url = `${server.url}/article.html`;
    // Session 1: the reader picks "always" in the popup.
    let ctx = await launch('chromium', { profileDir, testAccess: true });
    try {
      const page = await openPage(ctx, url);
      const popup = await highlightViaToolbar(ctx, page);
      assert.equal(await popup.evaluate(() => document.getElementById('mode-ask').checked), true, 'the default is "when I ask"');
      await popup.click('#mode-always');
      await until(async () => (await syncedMode(ctx, '127.0.0.1')) === 'always', { what: 'the mode to be saved' });
      await until(() => inExtension(ctx, async (api) => (await api.scripting.getRegisteredContentScripts()).length === 1), { what: 'the always-on registration' });
    } finally {
      await ctx.browser.close();
    }
    // Session 2: highlighted without a click; the reader switches the site to "never".
    ctx = await launch('chromium', { profileDir, testAccess: true });
    try {
      const page = await openPage(ctx, url);
      await until(async () => (await highlightNames(page)).length > 0, { what: 'highlights without a click' });
      const popup = await highlightViaToolbar(ctx, page);
      assert.equal(await popup.evaluate(() => document.getElementById('mode-always').checked), true);
      await popup.click('#mode-never');
      await until(async () => (await syncedMode(ctx, '127.0.0.1')) === 'never', { what: 'the mode to be saved' });
    } finally {
      await ctx.browser.close();
    }
    // Session 3: not highlighted on load, nor when the popup opens.
    ctx = await launch('chromium', { profileDir, testAccess: true });
    try {
      const page = await openPage(ctx, url);
      await sleep(1000);
      assert.deepEqual(await highlightNames(page), []);
      const popup = await highlightViaToolbar(ctx, page);
      assert.equal(await popup.evaluate(() => document.getElementById('mode-never').checked), true);
      assert.equal(await popup.evaluate(() => document.getElementById('enabled').checked), false);
      assert.match(await popup.evaluate(() => document.getElementById('status').textContent), /never/);
      assert.deepEqual(await highlightNames(page), []);
    } finally {
      await ctx.browser.close();
    }
  });

  it('highlights the tabs already open on a site as soon as the reader sets it to "always"', async () => {
    // Also what makes "always" hold after a restart or an update: Chrome may start loading the
    // restored tabs before the worker has registered the script again.
    const ctx = await launch('chromium', { testAccess: true });
    try {
      const page = await openPage(ctx, `${server.url}/article.html`);
      await sleep(500);
      assert.deepEqual(await highlightNames(page), [], 'nothing is highlighted before the reader asks');
      await inExtension(ctx, (api) => api.storage.sync.set({ sites: { '127.0.0.1': 'always' } }));
      await until(async () => (await highlightNames(page)).length > 0, { what: 'highlights in the tab already open' });
    } finally {
      await ctx.browser.close();
    }
  });

  it('migrates the settings of the first release when it reads them, losing nothing', async () => {
    const ctx = await launch('chromium', { profileDir: fresh('chromium') });
    try {
      await until(() => inExtension(ctx, async (api) => (await api.storage.sync.get('schema')).schema === 2), { what: 'the first start' });
      // Every extension page reads (and migrates) the settings when they change: close the options
      // page the extension opened on install.
      await inExtension(ctx, async (api) => {
        const tabs = await api.tabs.query({ url: api.runtime.getURL('options.html') });
        await api.tabs.remove(tabs.map((t) => t.id));
      });
      // Close to what version 0.1.0 stored: no schema, "always" sites. (The background reads the
      // settings when `sites` changes, so that settles first; it does not watch the keys removed.)
      await inExtension(ctx, (api) => api.storage.sync.set({ sites: { 'news.example': 'always' } }));
      await sleep(500);
      await inExtension(ctx, (api) => api.storage.sync.remove(['schema', 'categories', 'palette', 'phrases']));
      assert.deepEqual(await inExtension(ctx, (api) => api.storage.sync.get(null)), { defaultMode: 'ask', sites: { 'news.example': 'always' } });
      // The reader opens the options page (after an update, the background does the same on
      // runtime.onInstalled; a reload of an extension loaded over the debugging pipe unloads it,
      // so that path cannot be driven from here).
      const options = await ctx.browser.newPage();
      await options.goto(`${extensionOrigin(ctx)}options.html`);
      await until(() => options.evaluate(() => document.querySelector('#sites li[data-host="news.example"] select')?.value === 'always'), { what: 'the old site in the list' });
      const migrated = await options.evaluate(() => chrome.storage.sync.get(null));
      assert.deepEqual(migrated, {
        schema: 2,
        defaultMode: 'ask',
        sites: { 'news.example': 'always' },
        categories: { quote: true, anonymous_source: true, editorial: true },
        palette: 'okabe-ito',
        phrases: [],
      });
    } finally {
      await ctx.browser.close();
    }
  });
});

describe('site modes across a browser restart in firefox', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => server && server.close());

  it('keeps "always" after a restart: the page is highlighted as it loads', async () => {
    const profileDir = fresh('firefox');
    const url = `${server.url}/article.html`;
    // Session 1: the reader adds the site in the options page (opened on install), accepting access.
    let ctx = await launch('firefox', { profileDir, permanent: true });
    try {
      const page = await openPage(ctx, url);
      await highlightViaToolbar(ctx, page);
    } finally {
      await ctx.browser.close();
    }
    // Session 2: no options page, no click; the registered script highlights the page.
    ctx = await launch('firefox', { profileDir, permanent: true });
    try {
      const page = await openPage(ctx, url);
      await until(async () => (await highlightNames(page)).length > 0, { what: 'highlights without a click' });
    } finally {
      await ctx.browser.close();
    }
  });
});

describe('browser profiles made for a test', () => {
  for (const kind of ['chromium', 'firefox']) {
    it(`are removed when the ${kind} that used them closes`, async () => {
      const ctx = await launch(kind, { extension: false });
      assert.ok(fs.existsSync(ctx.userDataDir), 'the profile is there while the browser runs');
      await ctx.browser.close();
      await until(() => !fs.existsSync(ctx.userDataDir), { timeout: 5000, what: 'the profile to go' });
    });
  }
});
