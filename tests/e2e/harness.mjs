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
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { ROOT } from './server.mjs';

export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const GECKO_ID = 'sourcelight@sourcelight.dev';
// Pinned so the moz-extension:// origin of the options page and popup is known to the tests.
export const FIREFOX_UUID = '6f2b8a57-3c1e-4d0b-9a7e-5b1c2d3e4f50';

/** How every test and measurement starts Chromium: quiet, offline-friendly, one window size. */
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
export async function until(fn, { timeout = 30000, interval = 100, what = 'condition' } = {}) {
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
 * A copy of dist/chrome (or dist/firefox) that already holds access to the test server's origin, as
 * if the reader had answered the browser's prompt. Headless Chromium never shows that prompt (the
 * request waits forever), so the "always on" flows are tested from there on; Firefox grants a
 * temporary add-on its host permissions at install. The copy lives at a fixed place per profile: an
 * unpacked extension's id is derived from its path, and a restart must find the same one.
 */
function withTestAccess(userDataDir, build = 'chrome') {
  const dir = `${userDataDir}-ext`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(DIST, build), dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*', 'https://127.0.0.1/*'];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Launches a browser with the built extension. Returns a context object used by the helpers below.
 *   profileDir  keep the profile (restart tests);
 *   lang        the browser's language ('es'): the extension's messages follow it;
 *   testAccess  the extension already holds access to the test server (see above; in Firefox, a
 *               temporary install only);
 *   permanent   Firefox: install the extension into the profile as a normal (unsigned, allowed by
 *               ESR's preference) add-on, which survives a restart; otherwise it is a temporary one;
 *   offline     every request beyond 127.0.0.1 fails at once (saved real pages name hundreds of
 *               remote resources: on an offline machine each would otherwise wait for DNS);
 *   extension   false: the browser alone (the www demo is tried by people without the extension).
 */
export async function launch(kind, { profileDir, headless = true, lang, testAccess = false, permanent = false, offline = false, extension = true } = {}) {
  const userDataDir = profileDir || fs.mkdtempSync(path.join(os.tmpdir(), `sourcelight-${kind}-`));
  // A profile made here goes when its browser does: each holds tens of megabytes, and a test run
  // starts hundreds of browsers. A profile the caller named is the caller's (restart tests).
  // Removed once the process has exited: the browser writes to it until then.
  const disposable = (browser) => {
    const proc = browser.process();
    if (profileDir || !proc) return;
    proc.once('exit', () => {
      for (const d of [userDataDir, `${userDataDir}-ext`]) fs.rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    });
  };
  if (kind === 'chromium') {
    const firstRun = !fs.existsSync(path.join(userDataDir, 'Default', 'Preferences'));
    const extDir = testAccess ? withTestAccess(userDataDir) : path.join(DIST, 'chrome');
    const browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
      headless,
      pipe: true,
      enableExtensions: extension ? [extDir] : false,
      userDataDir,
      args: [
        ...CHROMIUM_FLAGS,
        ...(lang ? [`--lang=${lang}`] : []),
        ...(offline ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] : []),
      ],
      defaultViewport: { width: 1100, height: 900 },
    });
    disposable(browser);
    if (!extension) return { kind, browser, ext: null, userDataDir };
    const ext = await until(async () => [...(await browser.extensions()).values()][0], { what: 'the extension' });
    const ctx = { kind, browser, ext, userDataDir };
    // On install the extension opens its options page, which takes the focus: wait for it, or it
    // may come up over the page a test opens next (the popup works on the active tab).
    if (firstRun) {
      await findExtensionPage(ctx, 'options.html', { timeout: 8000 }).catch(() => null);
    }
    return ctx;
  }
  if (kind === 'firefox') {
    if (permanent) {
      fs.mkdirSync(path.join(userDataDir, 'extensions'), { recursive: true });
      const zip = fs.readdirSync(DIST).find((f) => f.endsWith('-firefox.zip'));
      fs.copyFileSync(path.join(DIST, zip), path.join(userDataDir, 'extensions', `${GECKO_ID}.xpi`));
    }
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
        ...(lang ? { 'intl.locale.requested': lang } : {}),
        // Firefox ESR may run unsigned add-ons installed in the profile; enable them without asking.
        ...(permanent ? { 'xpinstall.signatures.required': false, 'extensions.autoDisableScopes': 0 } : {}),
        ...(offline ? await refusingProxy() : {}),
      },
    });
    disposable(browser);
    const ctx = { kind, browser, ext: null, userDataDir };
    if (permanent || !extension) return ctx;
    // The extension opens its options page on install; the tests reach the extension API through it.
    // A browser still starting up sometimes drops that tab: install once more then.
    for (let attempt = 0; ; attempt++) {
      const id = await browser.installExtension(testAccess ? withTestAccess(userDataDir, 'firefox') : path.join(DIST, 'firefox'));
      const found = await findExtensionPage(ctx, 'options.html', { timeout: 8000 }).catch(() => null);
      if (found || attempt === 2) return ctx;
      await browser.uninstallExtension(id);
    }
  }
  throw new Error(`unknown browser ${kind}`);
}

/**
 * Firefox preferences sending every remote request to a local port nobody listens on, so it is
 * refused at once; 127.0.0.1 and localhost never go through a proxy in Firefox.
 */
async function refusingProxy() {
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.socks_remote_dns': true,
  };
}

export function extensionOrigin(ctx) {
  return ctx.kind === 'chromium' ? `chrome-extension://${ctx.ext.id}/` : `moz-extension://${FIREFOX_UUID}/`;
}

/** Finds an open tab showing an extension page, the newest first (puppeteer reports moz-extension tabs as about:blank). */
export async function findExtensionPage(ctx, file, { timeout = 30000 } = {}) {
  const prefix = extensionOrigin(ctx) + file;
  let seen = [];
  return until(
    async () => {
      seen = [];
      for (const p of (await ctx.browser.pages()).reverse()) {
        // A popup that is closing may never answer: ask with a deadline.
        const href = await Promise.race([p.evaluate(() => location.href).catch((e) => `(${e.message})`), sleep(5000).then(() => '(no answer)')]);
        seen.push(href);
        if (href.startsWith(prefix)) return p;
      }
      return null;
    },
    { timeout, what: `extension page ${file}` },
  ).catch((e) => {
    throw new Error(`${e.message}; open: ${seen.join(', ')}`);
  });
}

/**
 * Runs `fn(api, arg)` with the extension's API, for tests: in Chromium in the background service
 * worker, in Firefox in the options page (which the extension opens on install).
 */
export async function inExtension(ctx, fn, arg) {
  // A string expression: the debugging protocol evaluates it, the extension page's CSP (no eval) does not apply.
  const expr = `(${fn.toString()})(globalThis.browser || globalThis.chrome, ${JSON.stringify(arg === undefined ? null : arg)})`;
  if (ctx.kind === 'chromium') {
    const sw = await ctx.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin(ctx)), { timeout: 10000 });
    // A worker that is being replaced (the extension reloading) may never answer.
    return Promise.race([(await sw.worker()).evaluate(expr), sleep(5000).then(() => Promise.reject(new Error('the service worker did not answer')))]);
  }
  return (await findExtensionPage(ctx, 'options.html')).evaluate(expr);
}

/** The browser's id of the tab showing `page`. */
export async function tabIdOf(ctx, page) {
  // The extension sees a tab's URL only where it has access to the site; otherwise the tab is
  // found as the active one, with the page brought to the front.
  await page.bringToFront();
  return inExtension(ctx, async (api, u) => {
    const tabs = await api.tabs.query({});
    const byUrl = tabs.find((t) => t.url === u);
    if (byUrl) return byUrl.id;
    return (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0].id;
  }, page.url());
}

/** Sends a message to the content script of a tab, as the popup and the background do. */
export async function sendToTab(ctx, tabId, msg) {
  return inExtension(ctx, (api, a) => api.tabs.sendMessage(a.tabId, a.msg), { tabId, msg });
}

/** The content script's state for a tab (status, counts, report, re-reads). */
export const tabState = (ctx, tabId) => sendToTab(ctx, tabId, { type: 'sl:state' });

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
    // The popup works on the active tab, as it does for a reader's click: let the switch land first.
    await until(() => page.evaluate(() => document.visibilityState === 'visible'), { timeout: 5000 }).catch(() => {});
    const isPopup = (t) => t.url().startsWith(extensionOrigin(ctx) + 'popup.html');
    const open = new Set(ctx.browser.targets().filter(isPopup));
    await page.triggerExtensionAction(ctx.ext);
    const target = await ctx.browser.waitForTarget((t) => isPopup(t) && !open.has(t), { timeout: 15000 });
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
    await options.$eval('#site-input', (el) => (el.value = ''));
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

/**
 * The popup for `page`, opened again if it closed (Chromium closes the toolbar popup when the page
 * takes the focus, as it does for a reader; the Firefox tests keep theirs in a tab).
 */
export async function reopenPopup(ctx, page, popup) {
  if (popup && !popup.isClosed() && (await popup.evaluate(() => true).catch(() => false))) return popup;
  return highlightViaToolbar(ctx, page);
}

/** Opens popup.html?tab=<id> for `page` in a new tab (the popup's "Open in a tab"). */
export async function openPopupInTab(ctx, page) {
  const tabId = await tabIdOf(ctx, page);
  const open = () =>
    inExtension(ctx, (api, id) => api.tabs.create({ url: api.runtime.getURL(`popup.html?tab=${id}`) }), tabId);
  await open();
  // Under load, Firefox over WebDriver BiDi sometimes never reports a tab an extension opened;
  // one more tab is the cheap remedy.
  const popup = await findExtensionPage(ctx, `popup.html?tab=${tabId}`, { timeout: 15000 }).catch(async () => {
    await open();
    return findExtensionPage(ctx, `popup.html?tab=${tabId}`);
  });
  await waitForPopupSettled(popup);
  return popup;
}

export async function waitForPopupSettled(popup) {
  await until(() => popup.evaluate(() => /^(idle|done|error|unavailable)$/.test(document.body.dataset.state || '')), {
    what: 'the popup to show a result',
  });
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
  return page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('sourcelight-') && k !== 'sourcelight-flash'));
}

/** Every drawn highlight: its registered name and the exact text of its range. */
export async function highlightTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('sourcelight-') || name === 'sourcelight-flash') continue;
      for (const r of h) out.push({ name, text: r.toString() });
    }
    return out;
  });
}

export async function domSnapshot(page) {
  return page.evaluate(() => document.documentElement.outerHTML);
}

export async function screenshot(page, name, { fullPage = false } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** The hover card on screen, if any: its text, and whether it holds any element but text containers. */
export async function hoverCard(page) {
  return page.evaluate(() => {
    const host = document.querySelector('sourcelight-card');
    if (!host || !host.shadowRoot) return null;
    const root = host.shadowRoot;
    const card = root.querySelector('.card');
    const r = card.getBoundingClientRect();
    return {
      text: card.textContent,
      kinds: [...root.querySelectorAll('.entry')].map((e) => e.dataset.kind),
      category: [...root.querySelectorAll('.category')].map((e) => e.textContent),
      speaker: [...root.querySelectorAll('.speaker')].map((e) => e.textContent),
      excerpt: [...root.querySelectorAll('.excerpt')].map((e) => e.textContent),
      tags: [...new Set([...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()))].sort(),
      hostMarked: host.hasAttribute('data-sourcelight-ui'),
      rect: { left: r.left, top: r.top, width: r.width, height: r.height },
      visible: getComputedStyle(card).visibility === 'visible',
    };
  });
}

/** Moves the pointer over the first line of a drawn highlight (by name and position in its group). */
export async function hoverHighlight(page, name, index = 0, { where = 0.3 } = {}) {
  const locate = () =>
    page.evaluate(
      (n, i, w) => {
        const ranges = [...CSS.highlights.get(n)];
        ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
        const r = ranges[i];
        const rect = r.getClientRects()[0];
        if (rect.top < 0 || rect.bottom > innerHeight) r.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
        const at = r.getClientRects()[0];
        return { x: at.left + Math.min(at.width - 2, Math.max(2, at.width * w)), y: at.top + at.height / 2, text: r.toString() };
      },
      name,
      index,
      where,
    );
  // The page may still be scrolling (a jump scrolls smoothly): aim once it has stopped.
  let pt = await locate();
  for (let i = 0; i < 30; i++) {
    await sleep(100);
    const again = await locate();
    if (again.x === pt.x && again.y === pt.y) break;
    pt = again;
  }
  await page.mouse.move(pt.x, pt.y);
  const card = await until(() => hoverCard(page), { timeout: 5000, what: 'the hover card' });
  return { ...pt, card };
}

/** Runs axe-core (from node_modules) on a page; returns its violations. */
export async function axe(page, options = {}) {
  const source = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol: the extension page's CSP does not apply to it.
  await page.evaluate(`${source}\n;0`);
  return page.evaluate(
    async (opts) => {
      const res = await globalThis.axe.run(document, { resultTypes: ['violations'], ...opts });
      return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    },
    options,
  );
}

// ---- what the core finds, from the native CLI ----

const CLI = path.join(ROOT, 'target', 'cli', 'sourcelight');

/** The palette key the extension uses for a finding (mirrors highlighter.categoryOf). */
export function keyOf(f) {
  if (f.kind === 'editorial') return `editorial.${f.subtype}`;
  if (f.kind === 'quote' && f.subtype === 'partial') return 'quote.partial';
  return f.kind;
}
export const nameOf = (key) => 'sourcelight-' + key.replace(/[^a-z0-9_-]/gi, '-');

/** What the native core finds in a text file: [{name, kind, text}], from the CLI's JSON report. */
export function expectedFromCli(file) {
  const out = execFileSync(CLI, ['analyze', '--json', file], { encoding: 'utf8' });
  const { report } = JSON.parse(out);
  return report.findings.map((f) => ({ name: nameOf(keyOf(f)), kind: f.kind, text: f.text }));
}

export function multiset(items) {
  const m = new Map();
  for (const i of items) {
    const k = `${i.name}\u0000${i.text}`;
    m.set(k, (m.get(k) || 0) + 1);
  }
  return m;
}

/** Every expected highlight is drawn, on exactly its text. */
export function assertDrawn(drawn, expected) {
  const have = multiset(drawn);
  for (const [k, n] of multiset(expected)) {
    const [name, text] = k.split('\u0000');
    assert.ok((have.get(k) || 0) >= n, `expected ${name} on ${JSON.stringify(text)} (×${n}) to be drawn`);
  }
}


/**
 * Switches highlighting on or off in a tab the way the popup does (a message from an extension
 * page to the background, which injects the content script where the extension may read the site),
 * from the options page the extension opened on install. Resolves with the content script's state
 * once its work is done.
 */
export async function setEnabledFromExtension(ctx, tabId, enabled = true) {
  if (!ctx.optionsPage || ctx.optionsPage.isClosed()) ctx.optionsPage = await findExtensionPage(ctx, 'options.html');
  const res = await ctx.optionsPage.evaluate(
    (id, on) => (globalThis.browser || globalThis.chrome).runtime.sendMessage({ type: 'sl:set-enabled', tabId: id, enabled: on }),
    tabId,
    enabled,
  );
  if (!res || res.error) throw new Error(`set-enabled: ${(res && res.error) || 'no answer'}`);
  return res.state;
}
