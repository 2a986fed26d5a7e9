// Security: what the extension may never do, checked in its source, in its background logic (in
// Node, with the browser API faked) and in real Chromium and Firefox.
//   - page text never reaches an HTML parser: no innerHTML, outerHTML, insertAdjacentHTML,
//     document.write, DOMParser, createContextualFragment or srcdoc anywhere in the extension;
//   - no remote code: no eval, Function constructor, string timers or dynamic import; every script
//     a page or the worker loads is bundled; the manifest's CSP is strict, nothing is exposed;
//   - messages are validated: a content script cannot switch or read another tab, nor take
//     another tab's text or findings;
//   - no network request at all while a page is highlighted, explained and reported;
//   - the content script never runs on browser pages or on the extension's own pages;
//   - page scripts cannot switch highlighting on or off, nor read the reader's settings. (They can
//     list CSS.highlights, which the Highlight API puts in the page's document: the names
//     `sourcelight-*` and the ranges drawn. That is inherent to the API; see tests/pages/README.md.)

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { startServer, ROOT, renderArticle } from './server.mjs';
import {
  DIST,
  launch,
  openPage,
  tabIdOf,
  tabState,
  setEnabledFromExtension,
  highlightNames,
  highlightViaToolbar,
  hoverHighlight,
  openPopupInTab,
  extensionOrigin,
  findExtensionPage,
  sendToTab,
  sleep,
  until,
} from './harness.mjs';

const SRC = path.join(ROOT, 'extension', 'src');
const ARTICLE = renderArticle(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'sample-article.txt'), 'utf8'));

/**
 * Reloads a page and waits until the new document has loaded. Firefox over WebDriver BiDi never
 * reports the load of a reloaded extension page, so this asks the document itself.
 */
async function reloadInPlace(page) {
  await page.evaluate(() => {
    window.__beforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  await until(() => page.evaluate(() => !window.__beforeReload && document.readyState === 'complete'), { what: 'the page to load again' });
}

/** Every file under `dir` whose name ends with one of `exts`. */
function filesUnder(dir, exts) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
  }
  return out;
}

/** Lines of the given files matching `re`, comments included (a sink in a comment is still worth a look). */
function matching(files, re) {
  const hits = [];
  for (const f of files) {
    fs.readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      if (re.test(line)) hits.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return hits;
}

// The extension's own scripts and the built bundle (which adds the wasm-bindgen glue and the
// generated palette and wasm scripts).
const SCRIPTS = () => [...filesUnder(SRC, ['.js']), ...filesUnder(path.join(DIST, 'chrome'), ['.js']), ...filesUnder(path.join(DIST, 'firefox'), ['.js'])];
const PAGES = () => [...filesUnder(SRC, ['.html']), ...filesUnder(path.join(DIST, 'chrome'), ['.html'])];

describe('the extension source, statically', () => {
  it('never hands text to an HTML parser', () => {
    const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|DOMParser|srcdoc|parseHTMLUnsafe|setHTMLUnsafe)\b/;
    assert.deepEqual(matching(SCRIPTS(), sinks), []);
  });

  it('runs no code it did not ship: no eval, no Function constructor, no string timers, no dynamic import', () => {
    const dynamic = /\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(\s*['"`]|\bset(Timeout|Interval)\s*\(\s*['"`]|\bimport\s*\(/;
    assert.deepEqual(matching(SCRIPTS(), dynamic), []);
  });

  it('loads only bundled scripts, in its pages and in the service worker', () => {
    for (const f of PAGES()) {
      const html = fs.readFileSync(f, 'utf8');
      for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)) assert.ok(!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src), `${f}: remote script ${src}`);
      assert.ok(!/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/.test(html), `${f}: inline script`);
      assert.ok(!/\son[a-z]+\s*=/i.test(html), `${f}: inline event handler`);
    }
    const bg = fs.readFileSync(path.join(DIST, 'chrome', 'background.js'), 'utf8');
    const imported = [...bg.matchAll(/importScripts\(([^)]*)\)/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]));
    assert.ok(imported.length > 0, 'the worker imports its code');
    for (const f of imported) assert.ok(fs.existsSync(path.join(DIST, 'chrome', f)) && !f.includes(':'), `importScripts(${f}) is a bundled file`);
  });

  it('has a strict content security policy, and exposes nothing to pages or other extensions', () => {
    for (const build of ['chrome', 'firefox']) {
      const m = JSON.parse(fs.readFileSync(path.join(DIST, build, 'manifest.json'), 'utf8'));
      const csp = m.content_security_policy.extension_pages;
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
      assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], `${build}: script-src`);
      assert.deepEqual(directives['object-src'], ["'none'"], `${build}: object-src`);
      assert.deepEqual(directives['base-uri'], ["'none'"], `${build}: base-uri`);
      assert.ok(!/unsafe-inline|'unsafe-eval'|https?:|\*/.test(csp), `${build}: ${csp}`);
      assert.equal(m.content_security_policy.sandbox, undefined);
      for (const key of ['externally_connectable', 'web_accessible_resources', 'content_scripts', 'host_permissions', 'update_url']) {
        assert.equal(m[key], undefined, `${build}: ${key}`);
      }
      assert.deepEqual([...m.permissions].sort(), ['activeTab', 'scripting', 'storage'], `${build}: permissions`);
    }
  });
});

// ---- the background's checks, in Node with a fake browser API ----

/** The background script (with the real protocol and settings) in a fresh context; returns its message listener. */
function fakeBackground({ findings = 0 } = {}) {
  let listener = null;
  const event = () => ({ addListener() {} });
  const api = {
    runtime: {
      id: 'sourcelight-id',
      getURL: (p) => `chrome-extension://sourcelight-id/${p}`,
      onMessage: { addListener: (f) => (listener = f) },
      onStartup: event(),
      onInstalled: event(),
      getManifest: () => ({ version: '0' }),
    },
    commands: { onCommand: event() },
    storage: { onChanged: event(), sync: { get: async () => ({}), set: async () => {} }, local: { get: async () => ({}), remove: async () => {} } },
    permissions: { onAdded: event(), onRemoved: event(), contains: async () => false },
    action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
    tabs: { sendMessage: async () => null, query: async () => [] },
    scripting: { executeScript: async () => [], getRegisteredContentScripts: async () => [] },
  };
  const ctx = vm.createContext({ chrome: api, console, URL, setTimeout, clearTimeout });
  vm.runInContext('var self = this; var globalThis = this;', ctx);
  for (const f of ['lib/protocol.js', 'settings.js']) vm.runInContext(fs.readFileSync(path.join(SRC, f), 'utf8'), ctx, { filename: f });
  // The core is not what is tested here: it "finds" one quote per character asked for.
  const analyzed = [];
  ctx.Sourcelight.paletteData = { palettes: { p: {} }, default: 'p' };
  ctx.Sourcelight.engine = {
    ready: async () => {},
    analyze: (text) => {
      analyzed.push(text);
      return {
        findings: Array.from({ length: findings || text.length }, (_, i) => ({ kind: 'quote', span: { start: i, end: i + 1 } })),
        attributions: [{ source_type: 'named_person' }],
        summary: { attributions: { named_person: 1 } },
      };
    },
  };
  vm.runInContext(fs.readFileSync(path.join(SRC, 'background.js'), 'utf8'), ctx, { filename: 'background.js' });
  // Answers cross a message channel in the browser, as copies: so here too (a copy also leaves the
  // vm context's own Object prototype behind, which a deep comparison would trip over).
  const copy = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  const send = (msg, sender) =>
    new Promise((resolve) => {
      if (!listener(msg, sender, (v) => resolve(copy(v)))) resolve(undefined);
    });
  return { send, analyzed };
}

const contentScript = (tabId) => ({ id: 'sourcelight-id', tab: { id: tabId }, frameId: 0, url: `https://news${tabId}.example/story` });
const popupPage = { id: 'sourcelight-id', url: 'chrome-extension://sourcelight-id/popup.html' };

describe('messages at the background', () => {
  it('refuses a content script that tries to switch, or read, another tab', async () => {
    const { send } = fakeBackground();
    assert.deepEqual(await send({ type: 'sl:set-enabled', tabId: 7, enabled: true }, contentScript(3)), { error: 'not from an extension page' });
    assert.deepEqual(await send({ type: 'sl:set-enabled', tabId: 3, enabled: false }, contentScript(3)), { error: 'not from an extension page' });
    for (const type of ['sl:state', 'sl:report', 'sl:enable', 'sl:toggle', 'sl:jump']) {
      assert.deepEqual(await send({ type, tabId: 7 }, contentScript(3)), { error: 'unknown message type' }, type);
    }
    // The popup, an extension page, may.
    assert.ok(!(await send({ type: 'sl:set-enabled', tabId: 7, enabled: false }, popupPage)).error);
  });

  it('refuses other extensions, and malformed messages', async () => {
    const { send } = fakeBackground();
    assert.deepEqual(await send({ type: 'sl:set-enabled', tabId: 7, enabled: true }, { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' }), { error: 'foreign sender' });
    for (const bad of [null, 'sl:state', { type: 42 }, { type: 'sl:set-enabled', tabId: '7', enabled: true }, { type: 'sl:set-enabled', tabId: 7, enabled: 'yes' }, { type: 'sl:analyze', text: { length: 1 } }, { type: 'sl:style', scheme: 'url(x)' }]) {
      const res = await send(bad, contentScript(3));
      assert.ok(res && res.error, `refused: ${JSON.stringify(bad)}`);
    }
  });

  it('answers a content script with findings and summary, not the attributions the page does not use', async () => {
    const { send } = fakeBackground({ findings: 3 });
    const res = await send({ type: 'sl:analyze', text: 'short.' }, contentScript(1));
    assert.deepEqual(Object.keys(res.result).sort(), ['findings', 'summary']);
    assert.deepEqual(res.result.summary, { attributions: { named_person: 1 } });
    assert.equal(res.result.findings.length, 3);
  });

  it('keeps each tab\'s text and findings to that tab', async () => {
    const { send, analyzed } = fakeBackground({ findings: 2500 });
    assert.deepEqual(await send({ type: 'sl:text-part', key: 'k1', text: 'secret of tab one. ' }, contentScript(1)), { ok: true });
    // Another tab cannot add to it, nor have it analysed as its own.
    assert.deepEqual(await send({ type: 'sl:text-part', key: 'k1', text: 'injected' }, contentScript(2)), { error: 'not your text' });
    const other = await send({ type: 'sl:analyze', key: 'k1', text: 'tab two.' }, contentScript(2));
    assert.ok(!other.error);
    assert.equal(analyzed.at(-1), 'tab two.', 'tab two got only its own text analysed');
    const mine = await send({ type: 'sl:analyze', key: 'k1', text: 'the end.' }, contentScript(1));
    assert.equal(analyzed.at(-1), 'secret of tab one. the end.');
    // Findings held back for tab one (more than one message holds) are not served to tab two.
    assert.ok(mine.key && mine.total === 2500);
    assert.deepEqual(await send({ type: 'sl:analyze-more', key: mine.key, from: 0 }, contentScript(2)), { error: 'findings expired' });
    assert.equal((await send({ type: 'sl:analyze-more', key: mine.key, from: 2000 }, contentScript(1))).findings.length, 500);
  });
});

// ---- in the browsers ----

// The page's own resources and the browser's favicon request are kept out of the server's log, so
// that any request it sees after the page has loaded is the extension's.
const QUIET = ARTICLE.replace(/<link[^>]*>|<script[^>]*><\/script>/g, '').replace('</head>', '<link rel="icon" href="data:,"></head>');
// A page that tries, from its own scripts, everything a page can to reach the extension.
const PROBING = QUIET.replace(
  '</body>',
  `<script>
    window.probe = async (extensionId) => {
      const tried = [];
      for (const type of ['sl:disable', 'sl:toggle', 'sl:enable', 'sl:set-enabled', 'sl:state']) {
        const msg = { type, tabId: 0, enabled: false };
        window.postMessage(msg, '*');
        window.postMessage(JSON.stringify(msg), '*');
        for (const target of [window, document, document.documentElement]) {
          target.dispatchEvent(new CustomEvent(type, { detail: msg, bubbles: true }));
          target.dispatchEvent(new CustomEvent('sourcelight', { detail: msg, bubbles: true }));
        }
        const rt = window.chrome && window.chrome.runtime;
        if (rt && rt.sendMessage) {
          try {
            await Promise.race([rt.sendMessage(extensionId, msg), new Promise((r) => setTimeout(r, 300))]);
            tried.push('runtime.sendMessage answered');
          } catch (e) {
            tried.push('runtime.sendMessage refused');
          }
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      return {
        tried,
        globals: Object.getOwnPropertyNames(window).filter((k) => /sourcelight/i.test(k)),
        storage: !!(window.chrome && window.chrome.storage) || !!(window.browser && window.browser.storage),
        attributes: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => /sourcelight/i.test(n)),
        highlights: [...CSS.highlights.keys()],
      };
    };
  </script>
</body>`,
);

for (const kind of ['chromium', 'firefox']) {
  describe(`security in ${kind}`, () => {
    let server;
    let ctx;

    before(async () => {
      server = await startServer({
        '/quiet.html': { body: QUIET, type: 'text/html; charset=utf-8' },
        '/probing.html': { body: PROBING, type: 'text/html; charset=utf-8' },
      });
      ctx = await launch(kind, { testAccess: true });
    });

    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('makes no network request while a page is highlighted, explained and reported', async () => {
      const seen = [];
      const watch = (where) => (r) => {
        if (/^(https?|wss?|ftp):/i.test(r.url())) seen.push(`${where}: ${r.url()}`);
      };
      const page = await openPage(ctx, `${server.url}/quiet.html?network`);
      const served = server.requests.length;
      page.on('request', watch('page'));
      if (kind === 'chromium') {
        // The service worker: every request it makes, through the debugging protocol.
        const sw = await ctx.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin(ctx)));
        const session = await sw.createCDPSession();
        session.on('Network.requestWillBeSent', (e) => watch('service worker')({ url: () => e.request.url }));
        await session.send('Network.enable');
      }
      // Chromium: the reader's click. Firefox: the popup's own message, then the popup in a tab
      // (its "always on" path would leave the site set for the tests below).
      let popup;
      if (kind === 'chromium') popup = await highlightViaToolbar(ctx, page);
      else {
        await setEnabledFromExtension(ctx, await tabIdOf(ctx, page));
        popup = await openPopupInTab(ctx, page);
      }
      popup.on('request', watch('popup'));
      assert.ok((await highlightNames(page)).length > 0);
      await page.bringToFront();
      await hoverHighlight(page, 'sourcelight-quote', 0);
      await tabState(ctx, await tabIdOf(ctx, page));
      const options = await findExtensionPage(ctx, 'options.html');
      options.on('request', watch('options'));
      await reloadInPlace(options);
      await sleep(500);
      assert.deepEqual(server.requests.slice(served), [], 'requests the test server saw');
      assert.deepEqual(seen, []);
      // Chromium closes the toolbar popup itself once the page takes the focus, as for a reader.
      if (!popup.isClosed()) await popup.close().catch(() => {});
      await page.close();
    });

    it('never runs on browser pages or on its own pages, and says so in the popup', async () => {
      const internal = kind === 'chromium' ? 'chrome://version/' : 'about:robots';
      const page = await ctx.browser.newPage();
      await page.goto(internal).catch(() => {});
      const tabId = await tabIdOf(ctx, page);
      await assert.rejects(setEnabledFromExtension(ctx, tabId), 'the background cannot inject into a browser page');
      await assert.rejects(sendToTab(ctx, tabId, { type: 'sl:ping' }), 'no content script there');
      // The popup for that tab, as "Open in a tab" shows it (Firefox lets no test navigate a tab to
      // an extension page).
      const popup = await openPopupInTab(ctx, page);
      assert.equal(await popup.evaluate(() => document.body.dataset.state), 'unavailable', 'the popup says it cannot read the page');
      assert.equal(await popup.evaluate(() => document.getElementById('enabled').disabled), true, 'nor offers to switch it on');
      // The extension's own options page.
      const options = await findExtensionPage(ctx, 'options.html');
      const optionsTab = await tabIdOf(ctx, options);
      await assert.rejects(setEnabledFromExtension(ctx, optionsTab), 'the background cannot inject into its own page');
      assert.equal(await options.evaluate(() => !!(globalThis.Sourcelight && globalThis.Sourcelight.content)), false);
      const ownPopup = await openPopupInTab(ctx, options);
      assert.equal(await ownPopup.evaluate(() => document.body.dataset.state), 'unavailable', 'the popup refuses its own page');
      await ownPopup.close();
      await popup.close();
      await page.close();
    });

    it('cannot be switched on or off, or read, by the page\'s own scripts', async () => {
      const page = await openPage(ctx, `${server.url}/probing.html?switch`);
      const tabId = await tabIdOf(ctx, page);
      const id = kind === 'chromium' ? ctx.ext.id : 'sourcelight@sourcelight.dev';
      // Off: the page cannot switch it on (the content script is not even there).
      let seen = await page.evaluate((x) => window.probe(x), id);
      assert.deepEqual(await highlightNames(page), []);
      await assert.rejects(sendToTab(ctx, tabId, { type: 'sl:ping' }));
      // On: the page cannot switch it off, nor find the extension's code or settings.
      assert.equal((await setEnabledFromExtension(ctx, tabId)).status, 'done');
      const names = await highlightNames(page);
      seen = await page.evaluate((x) => window.probe(x), id);
      assert.ok(!seen.tried.includes('runtime.sendMessage answered'), `tried: ${seen.tried}`);
      const state = await tabState(ctx, tabId);
      assert.equal(state.enabled, true);
      assert.deepEqual(await highlightNames(page), names);
      assert.deepEqual(seen.globals, [], 'globals a page can see');
      assert.equal(seen.storage, false, 'the page reaches no extension storage');
      assert.deepEqual(seen.attributes, [], 'attributes a page can see');
      // Inherent to the Highlight API: the page's document lists the highlights drawn in it.
      assert.ok(seen.highlights.includes('sourcelight-quote'), `CSS.highlights: ${seen.highlights}`);
      assert.deepEqual(page.sourcelightErrors, []);
      await page.close();
    });

    if (kind === 'chromium') {
      it('refuses a content script that asks for another tab, in the real browser', async () => {
        // Pages of their own (a query each): a tab left over from another test must not stand in.
        const victim = await openPage(ctx, `${server.url}/quiet.html?victim`);
        const victimTab = await tabIdOf(ctx, victim);
        const page = await openPage(ctx, `${server.url}/probing.html?attacker`);
        const session = await page.createCDPSession();
        const worlds = [];
        session.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
        await session.send('Runtime.enable');
        await setEnabledFromExtension(ctx, await tabIdOf(ctx, page));
        // The content script's own world: messages sent from there come from the content script.
        const world = await until(() => worlds.find((c) => c.auxData && c.auxData.type === 'isolated' && c.origin.startsWith(extensionOrigin(ctx).slice(0, -1))), { what: 'the content script world' });
        const ask = async (msg) =>
          (await session.send('Runtime.evaluate', {
            contextId: world.id,
            expression: `chrome.runtime.sendMessage(${JSON.stringify(msg)})`,
            awaitPromise: true,
            returnByValue: true,
          })).result.value;
        assert.deepEqual(await ask({ type: 'sl:set-enabled', tabId: victimTab, enabled: true }), { error: 'not from an extension page' });
        assert.deepEqual(await ask({ type: 'sl:state', tabId: victimTab }), { error: 'unknown message type' });
        assert.deepEqual(await ask({ type: 'sl:analyze-more', key: `${victimTab}:0:x`, from: 0 }), { error: 'findings expired' });
        await assert.rejects(sendToTab(ctx, victimTab, { type: 'sl:ping' }), 'nothing was injected into the other tab');
        assert.deepEqual(await highlightNames(victim), []);
        await session.detach();
        await page.close();
        await victim.close();
      });
    }
  });
}
