// Drives the built extension (dist/chrome, dist/firefox) in Debian's real Chromium and Firefox ESR,
// headless. Shared by the end-to-end tests and `make run`.
//
// Chromium: puppeteer loads the unpacked extension over the debugging pipe and can click the
// toolbar button for real (`page.triggerExtensionAction`), which opens the popup and grants
// activeTab exactly as a reader's click does.
// Firefox: puppeteer installs the extension over WebDriver BiDi. There is no way to click the
// toolbar there, so the tests use the other real path: the reader adds the site to "always
// highlight" in the options page (which the extension opens on install); the permission prompt is
// auto-accepted by a test profile preference, and the popup is opened in a tab ("Open in a tab").

import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './server.mjs';

export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const GECKO_ID = 'sourcelight@sourcelight.dev';
// Pinned so the moz-extension:// origin of the options page and popup is known to the tests.
export const FIREFOX_UUID = '6f2b8a57-3c1e-4d0b-9a7e-5b1c2d3e4f50';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--window-size=1100,900',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms). */
export async function until(fn, { timeout = 15000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(interval);
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/**
 * Launches a browser with the built extension. `profileDir` keeps the profile (for restart tests).
 * Returns a context object used by the helpers below.
 */
export async function launch(kind, { profileDir, headless = true } = {}) {
  const userDataDir = profileDir || fs.mkdtempSync(path.join(os.tmpdir(), `sourcelight-${kind}-`));
  if (kind === 'chromium') {
    const browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
      headless,
      pipe: true,
      enableExtensions: [path.join(DIST, 'chrome')],
      userDataDir,
      args: CHROMIUM_FLAGS,
      defaultViewport: { width: 1100, height: 900 },
    });
    const ext = await until(async () => [...(await browser.extensions()).values()][0], { what: 'the extension' });
    return { kind, browser, ext, userDataDir };
  }
  if (kind === 'firefox') {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_BIN || '/usr/bin/firefox-esr',
      headless,
      userDataDir,
      defaultViewport: { width: 1100, height: 900 },
      extraPrefsFirefox: {
        // Accept the extension's optional-permission request without the doorhanger (test profile only).
        'extensions.webextOptionalPermissionPrompts': false,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'datareporting.policy.dataSubmissionEnabled': false,
        'browser.shell.checkDefaultBrowser': false,
      },
    });
    await browser.installExtension(path.join(DIST, 'firefox'));
    return { kind, browser, ext: null, userDataDir };
  }
  throw new Error(`unknown browser ${kind}`);
}

export function extensionOrigin(ctx) {
  return ctx.kind === 'chromium' ? `chrome-extension://${ctx.ext.id}/` : `moz-extension://${FIREFOX_UUID}/`;
}

/** Finds an open tab showing an extension page (puppeteer reports moz-extension tabs as about:blank). */
export async function findExtensionPage(ctx, file, { timeout = 15000 } = {}) {
  const prefix = extensionOrigin(ctx) + file;
  return until(
    async () => {
      for (const p of await ctx.browser.pages()) {
        const href = await p.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) return p;
      }
      return null;
    },
    { timeout, what: `extension page ${file}` },
  );
}

/** Opens a page and records its console errors and uncaught exceptions. */
export async function openPage(ctx, url) {
  const page = await ctx.browser.newPage();
  page.sourcelightErrors = [];
  page.on('pageerror', (e) => page.sourcelightErrors.push(String(e && e.message ? e.message : e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|Failed to load resource/.test(m.text())) page.sourcelightErrors.push(m.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * Turns highlighting on for `page` the way a reader does in each browser, and returns the popup
 * (a Page) showing the summary for it.
 */
export async function highlightViaToolbar(ctx, page) {
  await page.bringToFront();
  if (ctx.kind === 'chromium') {
    await page.triggerExtensionAction(ctx.ext);
    const target = await ctx.browser.waitForTarget((t) => t.url().startsWith(extensionOrigin(ctx) + 'popup.html'), {
      timeout: 15000,
    });
    const popup = await target.asPage();
    await waitForPopupSettled(popup);
    return popup;
  }
  // Firefox: "always highlight" this site from the options page, then reload the page.
  const host = new URL(page.url()).hostname;
  const options = await findExtensionPage(ctx, 'options.html');
  const already = await options.evaluate(
    async (h) => ((await browser.storage.sync.get({ sites: {} })).sites || {})[h] === 'always',
    host,
  );
  if (!already) {
    await options.bringToFront();
    await options.click('#site-input', { clickCount: 3 });
    await options.type('#site-input', host);
    await options.click('#add-site-button');
    await until(() => options.evaluate(() => /127\.0\.0\.1/.test(document.getElementById('sites').textContent)), {
      what: 'the site to be added',
    });
    // The background re-registers its content script when the site list changes.
    await until(
      () => options.evaluate(async () => (await browser.scripting.getRegisteredContentScripts()).length > 0),
      { what: 'the always-on content script' },
    );
  }
  await page.bringToFront();
  await page.reload({ waitUntil: 'load' });
  await until(() => highlightNames(page).then((n) => n.length > 0), { what: 'highlights after reload' });
  return openPopupInTab(ctx, page);
}

/** Opens popup.html?tab=<id> for `page` in a new tab (the popup's "Open in a tab"). */
export async function openPopupInTab(ctx, page) {
  const options = await findExtensionPage(ctx, 'options.html');
  const pageUrl = page.url();
  await options.evaluate(async (url) => {
    const api = globalThis.browser || globalThis.chrome;
    const tabs = await api.tabs.query({});
    const tab = tabs.find((t) => t.url === url);
    await api.tabs.create({ url: api.runtime.getURL(`popup.html?tab=${tab.id}`) });
  }, pageUrl);
  const popup = await findExtensionPage(ctx, 'popup.html');
  await waitForPopupSettled(popup);
  return popup;
}

export async function waitForPopupSettled(popup) {
  await until(
    () =>
      popup.evaluate(() => {
        const s = document.getElementById('status');
        return s && s.textContent && !/Reading the page/.test(s.textContent);
      }),
    { what: 'the popup to show a result' },
  );
}

/** The counts the popup shows, by kind. */
export async function popupCounts(popup) {
  return popup.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-count]')].map((e) => [e.dataset.count, e.textContent])),
  );
}

/** Asks the content script of the popup's tab for its state (through the popup's own API access). */
export async function contentState(popup) {
  return popup.evaluate(async () => {
    const api = globalThis.browser || globalThis.chrome;
    const param = new URLSearchParams(location.search).get('tab');
    const tabId = param ? Number(param) : (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0].id;
    return api.tabs.sendMessage(tabId, { type: 'sl:state' });
  });
}

/** Names of the Sourcelight highlights registered in the page's document. */
export async function highlightNames(page) {
  return page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('sourcelight-')));
}

/** Every drawn highlight: its registered name and the exact text of its range. */
export async function highlightTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('sourcelight-')) continue;
      for (const r of h) out.push({ name, text: r.toString() });
    }
    return out;
  });
}

export async function domSnapshot(page) {
  return page.evaluate(() => document.documentElement.outerHTML);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}
