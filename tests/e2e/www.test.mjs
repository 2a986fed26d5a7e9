// End-to-end: the www demo (www/dist, built by `make www`) in real Chromium and Firefox, without the
// extension, served as a static host serves it (www/serve.mjs). Text goes in the way a visitor puts
// it in: a real paste from the clipboard (Ctrl+V), a dropped file, the sample button. The highlights
// are the native core's for the same text, the JSON export is the CLI's report, markup stays text,
// a 5 MB paste causes no long task, and nothing is requested from anywhere but the demo's own host.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './server.mjs';
import { launch, until, sleep, axe, highlightTexts, highlightNames, hoverHighlight, hoverCard, screenshot, assertDrawn, expectedFromCli } from './harness.mjs';
import { serveStatic } from '../../www/serve.mjs';

const SITE = path.join(ROOT, 'www', 'dist');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const CLI = path.join(ROOT, 'target', 'cli', 'sourcelight');
const SAMPLE = fs.readFileSync(path.join(FIXTURES, 'sample-article.txt'), 'utf8');
// A main-thread task longer than this is a visible freeze.
const LONG_TASK_MS = 200;

const cliReport = (file, ...args) => JSON.parse(execFileSync(CLI, ['analyze', '--json', ...args, file], { encoding: 'utf8', maxBuffer: 1 << 28 })).report;

/** A text as a file, for the CLI. */
function tempFile(text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sourcelight-www-')), 'text.txt');
  fs.writeFileSync(file, text);
  return file;
}

/** Opens the demo; records page errors, console errors, every request and every CSP violation. */
async function openDemo(ctx, url) {
  const page = await ctx.browser.newPage();
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (e) => page.errors.push(String((e && e.message) || e)));
  page.on('console', (m) => {
    // Chromium reports each inline handler (onload=…) of an opened page that CSP kept from being
    // compiled; the violations themselves are checked below. A warning counts too: the wasm glue
    // warns when the wasm cannot be compiled while it downloads (a wrong MIME type).
    if (/^(error|warn)/.test(m.type()) && !/Content Security Policy/.test(m.text())) page.errors.push(m.text());
  });
  page.on('request', (r) => page.requests.push(r.url()));
  await page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.blockedURI));
  });
  await page.goto(url, { waitUntil: 'load' });
  await until(() => page.evaluate(() => document.body.dataset.state === 'idle'), { what: 'the demo to start' });
  return page;
}

const state = (page) => page.evaluate(() => document.body.dataset.state);

/**
 * Switches the emulated colour scheme and waits until the page has heard of it: the demo redraws
 * its summary on the change, a frame later, and a click meanwhile would find a button already
 * replaced. A listener added now runs after the page's own, added earlier.
 */
async function setScheme(page, value) {
  await page.evaluate(() => {
    globalThis.__schemeChanged = new Promise((r) => matchMedia('(prefers-color-scheme: dark)').addEventListener('change', r, { once: true }));
  });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value }]);
  await page.evaluate(() => globalThis.__schemeChanged);
}

/** Does `act` and waits for the run it starts to end; returns the status line. */
async function runOf(page, act, timeout = 30000) {
  const before = await page.evaluate(() => Number(document.body.dataset.run || 0));
  await act();
  await until(
    () => page.evaluate((b) => Number(document.body.dataset.run || 0) > b && /^(done|error)$/.test(document.body.dataset.state), before),
    { timeout, what: 'the demo to finish' },
  );
  // A new text is brought into view smoothly: let the page come to rest before aiming at it.
  await scrollStopped(page);
  return page.evaluate(() => document.getElementById('status').textContent);
}

/** Waits until the page has stopped scrolling (the demo brings a new text into view smoothly). */
async function scrollStopped(page) {
  let last = null;
  let still = 0;
  await until(async () => {
    const y = await page.evaluate(() => scrollY);
    still = y === last ? still + 1 : 0;
    last = y;
    return still >= 3;
  }, { interval: 150, what: 'scrolling to stop' });
}

/** Sends the keyboard shortcut for copy or paste (Chromium's headless shell needs the editing command named). */
async function chord(page, kind, key, command) {
  await page.keyboard.down('Control');
  await page.keyboard.press(key, kind === 'chromium' ? { commands: [command] } : {});
  await page.keyboard.up('Control');
}

/** Puts the page's window.__clip into the clipboard with a real copy (Ctrl+C and a copy event). */
async function copyClip(ctx, page) {
  await page.evaluate(() => {
    document.addEventListener('copy', (e) => {
      e.clipboardData.setData('text/plain', window.__clip);
      e.preventDefault();
    }, { once: true });
  });
  await chord(page, ctx.kind, 'KeyC', 'Copy');
}

/** Pastes the clipboard into the demo's empty box (Ctrl+V). */
async function pasteKeys(ctx, page) {
  await page.evaluate(() => {
    const box = document.getElementById('text');
    box.value = '';
    box.focus();
  });
  await chord(page, ctx.kind, 'KeyV', 'Paste');
}

/** Pastes `text` into the demo for real; returns the status line once it is analysed. */
async function paste(ctx, page, text) {
  await page.evaluate((t) => (window.__clip = t), text);
  await copyClip(ctx, page);
  return runOf(page, () => pasteKeys(ctx, page));
}

/** Drops a file on the demo: {name, type, text} or {name, bytes} or {name, size} (filled with "a"). */
async function dropFile(page, file) {
  await page.evaluate((f) => {
    const data = f.text !== undefined ? f.text : f.bytes ? new Uint8Array(f.bytes) : new Uint8Array(f.size).fill(0x61);
    const dt = new DataTransfer();
    dt.items.add(new File([data], f.name, { type: f.type || '' }));
    const zone = document.getElementById('drop');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, file);
}

/** The file an export button saves: {name, type, text}. The download itself is cancelled. */
async function exported(page, button) {
  await page.evaluate(() => {
    window.__saved = null;
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      window.__saved = { blob };
      return create.call(URL, blob);
    };
    document.addEventListener('click', (e) => {
      if (e.target instanceof HTMLAnchorElement && e.target.hasAttribute('download') && window.__saved) {
        window.__saved.name = e.target.download;
        e.preventDefault();
      }
    }, true);
  });
  await page.click(button);
  await until(() => page.evaluate(() => !!(window.__saved && window.__saved.name)), { what: `the file of ${button}` });
  return page.evaluate(async () => ({ name: window.__saved.name, type: window.__saved.blob.type, text: await window.__saved.blob.text() }));
}

const articleText = (page) => page.evaluate(() => [...document.querySelectorAll('#article .text p')].map((p) => p.textContent).join('\n'));

describe('the built demo site', () => {
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');

  it('names every script, style and the wasm by its content, so hosts may cache them for good', () => {
    const refs = [...html.matchAll(/"(assets\/[^"]+)"/g)].map((m) => m[1]);
    for (const kind of ['.js', '.css', '.wasm']) assert.ok(refs.some((r) => r.endsWith(kind)), `a ${kind} asset is referenced`);
    for (const ref of refs) {
      const m = /\.([0-9a-f]{12})\.\w+$/.exec(ref);
      assert.ok(m, `${ref} carries a hash`);
      const hash = crypto.createHash('sha256').update(fs.readFileSync(path.join(SITE, ref))).digest('hex').slice(0, 12);
      assert.equal(m[1], hash, `${ref} is named by its content`);
    }
  });

  it('ships the same wasm and page code as the extension', () => {
    const asset = (name, ext) => {
      const file = fs.readdirSync(path.join(SITE, 'assets')).find((f) => new RegExp(`^${name}\\.[0-9a-f]{12}\\.${ext}$`).test(f));
      return fs.readFileSync(path.join(SITE, 'assets', file));
    };
    assert.ok(asset('sourcelight_bg', 'wasm').equals(fs.readFileSync(path.join(ROOT, 'build', 'wasm', 'sourcelight_bg.opt.wasm'))));
    for (const lib of ['slice', 'textmap', 'article', 'highlighter', 'hovercard', 'summary', 'report', 'palette', 'i18n', 'engine']) {
      const shipped = fs.readFileSync(path.join(ROOT, 'dist', 'chrome', 'lib', `${lib}.js`));
      assert.ok(asset(lib, 'js').equals(shipped), `lib/${lib}.js is the extension's`);
    }
    assert.ok(asset('summary', 'css').equals(fs.readFileSync(path.join(ROOT, 'dist', 'chrome', 'lib', 'summary.css'))));
  });

  it('links the two extension zips from make dist', () => {
    for (const browser of ['chrome', 'firefox']) {
      const m = new RegExp(`href="(downloads/sourcelight-[\\d.]+-${browser}\\.zip)"`).exec(html);
      assert.ok(m, `a link to the ${browser} zip`);
      const zip = path.basename(m[1]);
      assert.ok(fs.readFileSync(path.join(SITE, m[1])).equals(fs.readFileSync(path.join(ROOT, 'dist', zip))));
    }
  });

  it('is served with the wasm as application/wasm and the hashed assets as immutable', async () => {
    const server = await serveStatic(SITE);
    try {
      const wasm = /"(assets\/sourcelight_bg\.[0-9a-f]+\.wasm)"/.exec(html)[1];
      const res = await fetch(server.url + wasm);
      assert.equal(res.headers.get('content-type'), 'application/wasm');
      assert.match(res.headers.get('cache-control'), /immutable/);
      const page = await fetch(server.url);
      assert.equal(page.headers.get('cache-control'), 'no-cache');
      const { port } = new URL(server.url);
      const escape = await new Promise((resolve) => http.get({ host: '127.0.0.1', port, path: '/..%2f..%2fMakefile' }, (res) => resolve(res.statusCode)));
      assert.equal(escape, 404, 'nothing outside the site is served');
    } finally {
      await server.close();
    }
  });
});

for (const kind of ['chromium', 'firefox']) {
  describe(`the www demo in ${kind}`, () => {
    let server;
    let ctx;
    let page;

    before(async () => {
      server = await serveStatic(SITE);
      ctx = await launch(kind, { extension: false });
      page = await openDemo(ctx, server.url);
    });

    after(async () => {
      if (ctx) await ctx.browser.close();
      if (server) await server.close();
    });

    it('highlights pasted text and sums it up as the popup does', async () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'harbour-vote.txt'), 'utf8');
      assert.match(await paste(ctx, page, text), /^\d+ highlights in/);
      assert.equal(await state(page), 'done');
      const file = tempFile(text);
      const expected = expectedFromCli(file);
      const drawn = await highlightTexts(page);
      assertDrawn(drawn, expected);
      assert.equal(drawn.length, expected.length);
      const report = cliReport(file);
      const counts = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-count]')].map((e) => [e.dataset.count, Number(e.textContent)])));
      assert.deepEqual(counts, report.summary.counts);
      const bars = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-attr]')].map((e) => [e.dataset.attr, Number(e.textContent)])));
      for (const [type, n] of Object.entries(bars)) assert.equal(n, report.summary.attributions[type], `attributions to ${type}`);
      const speakers = await page.evaluate(() => [...document.querySelectorAll('.sl-speakers .sl-name')].map((e) => e.textContent));
      const named = (s) => (s.source_type === 'anonymous' ? `anonymous (${s.name})` : s.name);
      assert.deepEqual(speakers.sort(), report.summary.speakers.map(named).sort());
      assert.equal(await page.evaluate(() => document.querySelectorAll('.sl-item').length), expected.length);
    });

    it('says how many words are in another language, where it looks for quotes only', async () => {
      const text = 'The harbour board met on Monday and the chair said the vote would wait.\n\nLe conseil a dit que tout est prêt pour la réforme du port, mais les syndicats ne sont pas convaincus.';
      await paste(ctx, page, text);
      const report = cliReport(tempFile(text));
      assert.ok(report.summary.other_language_words > 0, 'the CLI counts the French paragraph');
      assert.ok(!report.findings.some((f) => f.kind === 'editorial'), 'the French `tout` is not `touted`');
      const note = () => page.evaluate(() => {
        const e = document.querySelector('[data-other-language]');
        return e && { n: Number(e.dataset.otherLanguage), text: e.textContent };
      });
      const shown = await note();
      assert.equal(shown && shown.n, report.summary.other_language_words);
      assert.ok(shown.text.startsWith(`${report.summary.other_language_words} words`), shown.text);
      await paste(ctx, page, 'The harbour board met on Monday and the chair said the vote would wait.');
      assert.equal(await note(), null, 'no note for a text all in English');
    });

    it('names a body that `it` stands for on the hover card, and lists an unresolved `it` as unclear', async () => {
      const text = 'The ministry did not answer questions about the ferries.\n\n“The ferries will run on time,” it said.\n\nRain fell all week on the harbour.\n\n“We will appeal the ruling,” it said.';
      await paste(ctx, page, text);
      const report = cliReport(tempFile(text));
      assert.deepEqual(report.summary.speakers.map((s) => [s.name, s.source_type]).sort(), [['The ministry', 'unknown'], ['it', 'unknown']]);
      const speakers = await page.evaluate(() => [...document.querySelectorAll('.sl-speakers .sl-name')].map((e) => e.textContent));
      assert.deepEqual(speakers.sort(), ['The ministry', 'unclear (“it”)']);
      const { card } = await hoverHighlight(page, 'sourcelight-quote', 0);
      assert.equal(card.speaker[0], 'Said by The ministry');
      await page.mouse.move(5, 5);
      await until(async () => (await hoverCard(page)) === null, { what: 'the card to hide' });
      const second = await hoverHighlight(page, 'sourcelight-quote', 1);
      assert.equal(second.card.speaker[0], 'Said by unclear (“it”)');
      await page.mouse.move(5, 5);
      await until(async () => (await hoverCard(page)) === null, { what: 'the card to hide' });
    });

    it('loads the sample article, with a pronoun speaker resolved on the hover card', async () => {
      await runOf(page, () => page.click('#sample'));
      assert.match(await page.evaluate(() => document.getElementById('result-title').textContent), /^The sample article/);
      assert.equal(await page.evaluate(() => document.getElementById('text').value), SAMPLE, 'the sample is in the box, to edit');
      const expected = expectedFromCli(path.join(FIXTURES, 'sample-article.txt'));
      const drawn = await highlightTexts(page);
      assertDrawn(drawn, expected);
      assert.equal(drawn.length, expected.length);
      // “This is a shameful attempt…,” she added: the card names Ana Beltrán.
      const quotes = drawn.filter((d) => d.name === 'sourcelight-quote');
      const i = quotes.findIndex((d) => d.text.startsWith('This is a shameful'));
      assert.ok(i >= 0, 'the quote after "she added" is drawn');
      const { card } = await hoverHighlight(page, 'sourcelight-quote', i);
      assert.equal(card.category[0], 'Direct quote · Full quote');
      assert.match(card.speaker[0], /Ana Beltrán · Named person/);
      if (kind === 'chromium') await screenshot(page, 'www-chromium.png');
      await page.mouse.move(5, 5);
      await until(async () => (await hoverCard(page)) === null, { what: 'the card to hide' });
    });

    it('passes an axe-core audit with no violations, light and dark', async () => {
      assert.deepEqual(await axe(page), [], 'light');
      // Puppeteer can emulate the colour scheme in Chromium only.
      if (kind !== 'chromium') return;
      await setScheme(page, 'dark');
      try {
        assert.deepEqual(await axe(page), [], 'dark');
        await screenshot(page, 'www-chromium-dark.png');
      } finally {
        await setScheme(page, 'light');
      }
    });

    it('jumps to a highlight from the list and hides a category with its switch', async () => {
      await page.click('.sl-item');
      await until(() => page.evaluate(() => !!CSS.highlights.get('sourcelight-flash')), { what: 'the jump' });
      await until(() => hoverCard(page), { what: 'the card of the highlight jumped to' });
      // The jump scrolls smoothly: a click while the page still moves can land beside the switch
      // (once in Firefox, a clean-clone run of 2026-11-28 night: the wording never hid).
      await scrollStopped(page);
      await page.click('[data-toggle="editorial"]');
      await until(async () => !(await highlightNames(page)).some((n) => n.startsWith('sourcelight-editorial')), { what: 'editorial wording to hide' });
      assert.ok((await highlightNames(page)).includes('sourcelight-quote'));
      await page.click('[data-toggle="editorial"]');
      await until(async () => (await highlightNames(page)).some((n) => n.startsWith('sourcelight-editorial')), { what: 'editorial wording to show' });
    });

    it('exports JSON equal to the CLI report for the same text, and Markdown', async () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'unnamed-sources-article.txt'), 'utf8');
      await paste(ctx, page, text);
      const json = await exported(page, '#download-json');
      assert.equal(json.type, 'application/json');
      assert.match(json.name, /^sourcelight-[a-z0-9-]+\.json$/);
      assert.deepEqual(JSON.parse(json.text), cliReport(tempFile(text)));
      const md = await exported(page, '#download-md');
      assert.equal(md.type, 'text/markdown');
      const counts = cliReport(tempFile(text)).summary.counts;
      assert.match(md.text, /^# Sourcelight report: /);
      assert.ok(md.text.includes(`| Direct quotes | ${counts.quote} |`), md.text);
      assert.ok(md.text.includes(`| Unnamed sources | ${counts.anonymous_source} |`));
    });

    it('opens a file chosen with "Open a file…"', async () => {
      const input = await page.$('#file');
      const file = path.join(FIXTURES, 'ferry-contract.txt');
      assert.match(await runOf(page, () => input.uploadFile(file)), /^\d+ highlights in/);
      assert.equal(await page.evaluate(() => document.getElementById('result-title').textContent), 'The file ferry-contract.txt');
      assert.equal((await highlightTexts(page)).length, expectedFromCli(file).length);
    });

    it('switches the colours to another palette of the extension', async () => {
      const before = await page.evaluate(() => getComputedStyle(document.querySelector('#legend .sl-swatch')).backgroundColor);
      await page.select('#palette', 'tol-high-contrast');
      const href = await page.evaluate(() => document.getElementById('highlights-light').getAttribute('href'));
      assert.match(href, /^assets\/highlights-tol-high-contrast-light\.[0-9a-f]{12}\.css$/);
      const after = await page.evaluate(() => getComputedStyle(document.querySelector('#legend .sl-swatch')).backgroundColor);
      assert.notEqual(after, before, 'the legend follows');
      await page.select('#palette', 'okabe-ito');
    });

    it('reads a dropped web page: only its article text, and nothing in it runs or loads', async () => {
      const html = fs.readFileSync(path.join(FIXTURES, 'pages', 'www-article.html'), 'utf8');
      await runOf(page, () => dropFile(page, { name: 'www-article.html', type: 'text/html', text: html }));
      assert.equal(await state(page), 'done');
      const text = await articleText(page);
      for (const p of ['Two keepers moved back into the Port Averne lighthouse', '“A person notices when something is wrong.”', 'Critics say the whole automation programme', '“After that, we will see,” she added.']) {
        assert.ok(text.includes(p), `the article's ${JSON.stringify(p)} is read`);
      }
      for (const furniture of ['cookies', 'Harbours', 'More from the coast', 'Ten walks', 'Reader comment', 'newsletter', 'hidden note', '__wwwFixtureRan', 'background']) {
        assert.ok(!text.includes(furniture), `${JSON.stringify(furniture)} is not read`);
      }
      const drawn = await highlightTexts(page);
      assert.ok(drawn.some((d) => d.name === 'sourcelight-quote' && d.text.startsWith('The machines are fine')));
      assert.ok(drawn.some((d) => d.name === 'sourcelight-anonymous_source'));
      // The page names its outlet (og:site_name): what it credits to that outlet is its own reporting.
      const sources = drawn.filter((d) => d.name === 'sourcelight-anonymous_source').map((d) => d.text);
      assert.ok(sources.includes('the Averne Gazette'), `another outlet is secondhand: ${sources}`);
      assert.ok(!sources.some((s) => s.includes('Coastal Bulletin')), `the page's own outlet is not: ${sources}`);
      const json = await exported(page, '#download-json');
      assert.deepEqual(JSON.parse(json.text), cliReport(tempFile(text), '--publisher', 'The Coastal Bulletin'), 'the report is the CLI’s for that outlet');
      assert.equal(await page.evaluate(() => document.getElementById('result-title').textContent), 'The article body of the web page www-article.html');
      const md = await exported(page, '#download-md');
      assert.match(md.text, /^# Sourcelight report: Lighthouse keepers return to Port Averne as automation stalls — The Coastal Bulletin\n/, 'the page’s own title');
      await sleep(300);
      assert.equal(await page.evaluate(() => window.__wwwFixtureRan), undefined, 'no script of the page ran');
      assert.equal(await page.evaluate(() => document.querySelectorAll('#article *:not(div, p)').length), 0, 'only text went into the page');
    });

    it('reads a web page in the charset it declares', async () => {
      // "Café owners said…" in windows-1252: é is one byte, 0xE9, which is not UTF-8.
      const bytes = [...Buffer.from('<!doctype html><meta charset="windows-1252"><title>t</title><p>Caf'), 0xe9, ...Buffer.from(' owners said the rent had doubled, a claim the landlord disputes.</p>')];
      await runOf(page, () => dropFile(page, { name: 'cafe.html', bytes }));
      assert.match(await articleText(page), /^Café owners said/);
    });

    it('keeps pasted markup as text: nothing in it runs or loads', async () => {
      const text = 'Officials said the plan was “<script>window.__pwned = 1</script> perfectly safe,” the minister said.\n' +
        '<img src="/x.png" onerror="window.__pwned = 2"> A source familiar with the plan said <b>nothing</b> had changed.\n';
      await paste(ctx, page, text);
      assert.equal(await articleText(page), text.trimEnd());
      const drawn = await highlightTexts(page);
      const quote = drawn.find((d) => d.name.startsWith('sourcelight-quote') && d.text.includes('<script>'));
      assert.ok(quote, 'the quote with the markup in it is highlighted');
      const { card } = await hoverHighlight(page, quote.name, drawn.filter((d) => d.name === quote.name).indexOf(quote));
      assert.match(card.excerpt[0], /<script>window.__pwned = 1<\/script>/);
      assert.ok(!card.tags.includes('script'), `card elements: ${card.tags}`);
      await page.mouse.move(5, 5);
      await sleep(300);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.evaluate(() => document.querySelectorAll('#article script, #article img, #article b').length), 0);
      assert.ok(!server.requests.includes('/x.png'), 'the image was never requested');
    });

    it('refuses files it cannot read with a message that says why', async () => {
      const cases = [
        [{ name: 'scan.pdf', type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] }, /scan\.pdf is not a text or HTML file/],
        [{ name: 'notes.txt', bytes: [0x48, 0x69, 0x00, 0x00, 0x01, 0x02] }, /notes\.txt does not contain text/],
        [{ name: 'latin.txt', bytes: [...Buffer.from('Caf'), 0xe9, ...Buffer.from(' owners said so.')] }, /latin\.txt is not UTF-8 text/],
        [{ name: 'huge.txt', size: 17 * 1024 * 1024 }, /huge\.txt is too large \(17\.0 MB\)\. Files up to 16\.0 MB/],
        [{ name: 'blank.txt', text: '  \n\n ' }, /No text was found in blank\.txt/],
      ];
      for (const [file, message] of cases) {
        assert.match(await runOf(page, () => dropFile(page, file)), message);
        assert.equal(await state(page), 'error');
        assert.ok(await page.evaluate(() => document.getElementById('status').classList.contains('error')));
        assert.equal(await page.evaluate(() => document.getElementById('result').hidden), true);
      }
    });

    it('stays responsive on a 5 MB paste, with a progress bar, and draws every highlight', async () => {
      await page.evaluate((sample) => {
        let big = '';
        while (big.length < 5_000_000) big += sample + '\n';
        window.__clip = big;
      }, SAMPLE);
      await copyClip(ctx, page);
      // Measured from the paste on: every long task (Chromium reports them to a PerformanceObserver)
      // and, in every browser, the longest wait of a message to ourselves, which a long task delays.
      await page.evaluate(() => {
        const probe = (window.__probe = { long: [], gap: 0, stages: [], progressShown: false, stop: false });
        if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) probe.long.push(Math.round(e.duration));
          }).observe({ type: 'longtask' });
        }
        const channel = new MessageChannel();
        let last = performance.now();
        channel.port1.onmessage = () => {
          const now = performance.now();
          probe.gap = Math.max(probe.gap, now - last);
          last = now;
          if (!probe.stop) setTimeout(() => channel.port2.postMessage(0), 0);
        };
        channel.port2.postMessage(0);
        const box = document.getElementById('progress-box');
        new MutationObserver(() => {
          if (box.hidden) return;
          probe.progressShown = true;
          const stage = document.getElementById('stage').textContent.replace(/[\d,]+/g, 'N');
          if (!probe.stages.includes(stage)) probe.stages.push(stage);
        }).observe(box, { attributes: true, childList: true, subtree: true, characterData: true });
      });
      const status = await runOf(page, () => pasteKeys(ctx, page), 180000);
      const probe = await page.evaluate(() => {
        window.__probe.stop = true;
        return window.__probe;
      });
      assert.match(status, /^[\d,]+ highlights in 5,\d{3},\d{3} characters/);
      assert.equal(await page.evaluate(() => document.getElementById('text').value), '', 'the box does not hold 5 MB');
      const count = Number(status.match(/^([\d,]+)/)[1].replace(/,/g, ''));
      assert.ok(count > 40000, `${count} highlights`);
      assert.equal((await highlightTexts(page)).length, count);
      assert.ok(probe.progressShown, 'the progress bar was shown');
      assert.ok(probe.stages.some((s) => /^Analysing N characters…$/.test(s)), `stages: ${probe.stages}`);
      assert.ok(probe.stages.some((s) => /^Drawing highlights: N of N$/.test(s)), `stages: ${probe.stages}`);
      assert.ok(probe.long.every((ms) => ms < LONG_TASK_MS), `long tasks: ${probe.long.join(', ')} ms`);
      assert.ok(probe.gap < LONG_TASK_MS, `the page's event loop was blocked for ${Math.round(probe.gap)} ms`);
      assert.equal(await page.evaluate(() => document.getElementById('progress-box').hidden), true);
    });

    it('stops a long analysis at once, and the next one starts afresh', async () => {
      await page.evaluate((sample) => (window.__clip = sample.repeat(1000)), SAMPLE);
      await copyClip(ctx, page);
      await pasteKeys(ctx, page);
      await until(() => page.evaluate(() => document.body.dataset.state === 'working' && !document.getElementById('progress-box').hidden), { what: 'the progress bar' });
      // From the keyboard: the text being written moves the button, and a click aimed at where it
      // was may land on another one.
      await page.focus('#cancel');
      await page.keyboard.press('Enter');
      assert.equal(await state(page), 'idle');
      assert.equal(await page.evaluate(() => document.getElementById('status').textContent), 'Stopped.');
      assert.equal(await page.evaluate(() => document.getElementById('result').hidden), true);
      assert.deepEqual(await highlightNames(page), []);
      // The text shown before the stop was being brought into view: aim once the page is at rest.
      await scrollStopped(page);
      assert.match(await runOf(page, () => page.click('#sample')), /^\d+ highlights/);
    });

    it('requested nothing but its own files, from 127.0.0.1, and ran without errors', async () => {
      const origin = new URL(server.url).origin;
      const away = page.requests.filter((u) => !u.startsWith(origin + '/') && !/^(data|blob):/.test(u));
      assert.deepEqual(away, []);
      assert.ok(server.requests.some((p) => /^\/assets\/sourcelight_bg\.[0-9a-f]+\.wasm$/.test(p)), 'the worker fetched the wasm from the site');
      const blocked = await page.evaluate(() => window.__violations);
      assert.deepEqual(blocked.filter((u) => u !== 'inline'), [], 'nothing tried to load from elsewhere');
      assert.deepEqual(page.errors, []);
    });
  });
}
