#!/usr/bin/env node
// `make test-pages`: the built extension on every saved real page of ../shared/pages (see
// corpus.mjs), in headless Chromium and Firefox ESR, one browser per engine and one tab at a time.
// The pages are served from disk by the test server, with their own scripts running; every remote
// resource they name fails at once (the machine is offline; see `offline` in harness.mjs).
//
// For each page and browser: load it, switch highlighting on the way the popup does, and check
//   - the content script reports no error and finishes (status "done") within DEADLINE_MS;
//   - no page error appears that the page does not also throw without the extension (pages throw
//     on their own offline: an error new after the switch is checked against a second load
//     without the extension, and only one that does not come back there counts);
//   - the page's DOM serialisation is the same before and after highlighting (Highlight API: no
//     DOM change). A page whose own scripts change it meanwhile is checked again with its scripts
//     off (served with `Content-Security-Policy: script-src 'none'`), and so is a page whose document
//     is not parsed to its end (a parser-blocking script it names never came): serialising it half
//     parsed would compare two moments of its parsing.
// A table (page, browser, characters analysed, highlights per category, time) goes to
// test-artifacts/pages-report.tsv; a summary is printed, with the slowest pages.
//
// Usage: pages.mjs [--pages ../shared/pages] [--browsers chromium,firefox] [--only substring]

import fs from 'node:fs';
import path from 'node:path';
import { startServer, ROOT } from '../e2e/server.mjs';
import { launch, tabIdOf, setEnabledFromExtension, sleep, ARTIFACTS } from '../e2e/harness.mjs';
import { loadPages } from './corpus.mjs';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const PAGES = path.resolve(arg('--pages', path.join(ROOT, '..', 'shared', 'pages')));
const BROWSERS = arg('--browsers', 'chromium,firefox').split(',');
const ONLY = arg('--only', '');

// Highlighting must be done this long after the switch (the largest saved page takes well under
// a second on a quiet machine; the margin is for a loaded one).
const DEADLINE_MS = 30_000;
const LOAD_TIMEOUT_MS = 20_000;
// After the load, and after highlighting, the page's late scripts get this long to run (and throw).
const SETTLE_MS = 300;
// After the load (or its timeout), the document gets this long more to be parsed to its end.
const PARSE_TIMEOUT_MS = 10_000;
const CATEGORIES = ['quote', 'anonymous_source', 'editorial'];

if (!fs.existsSync(PAGES)) {
  console.log(`test-pages: ${PAGES} not found; skipped (set PAGES_DIR to the shared pages)`);
  process.exit(0);
}
const pages = loadPages(PAGES, { only: ONLY });
const byPath = new Map(pages.map((p) => [`/page/${p.set}/${encodeURIComponent(p.id)}/`, p]));

// Anything but a page is answered "not found" (never a fixture of the other tests): the saved
// pages ask for their own images, styles and scripts by relative URLs.
const server = await startServer({}, {}, {
  resolve(p) {
    const noScript = p.startsWith('/no-script/');
    const page = byPath.get(noScript ? p.slice('/no-script'.length) : p);
    if (!page) return { status: 404, body: 'not found', type: 'text/plain' };
    // No charset: the browser reads the page's own <meta charset>, as it would from its site.
    return { body: page.html(), type: 'text/html', headers: noScript ? { 'Content-Security-Policy': "script-src 'none'" } : {} };
  },
});

const withDeadline = (p, ms, what) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`${what} took over ${ms / 1000} s`)))]);

/** Where two serialisations first differ, with some context. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} → ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

const serialise = (tab) => tab.evaluate(() => document.documentElement.outerHTML);

/** One browser over every page; returns the rows of the table. */
async function runBrowser(kind) {
  const ctx = await launch(kind, { testAccess: true, offline: true });
  const rows = [];
  try {
    const tab = await ctx.browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push({ at: Date.now(), text: String((e && e.message) || e) }));
    // The server refuses every request outside it, so a page's own fetches fail and the browser
    // says so, at moments the page's timers choose: those are not errors of ours (Firefox words a
    // refused cross-origin fetch as "Cross-Origin Request Blocked … CORS request did not succeed").
    tab.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource|NetworkError|net::ERR_|CORS request did not succeed/.test(m.text())) errors.push({ at: Date.now(), text: m.text() });
    });
    // Pages that ask the reader something would stop the run: answer as a reader leaving would.
    tab.on('dialog', (d) => (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}));
    let tabId = null;

    /**
     * Loads a page, lets it settle; returns when the load began and whether the document was parsed
     * to its end. A parser-blocking script that never comes (seen in Firefox) leaves a document cut
     * off at that script: its serialisation would change once parsing resumes, which is not ours.
     */
    async function load(url) {
      const t = Date.now();
      await tab.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS }).catch(() => {});
      let parsed = false;
      for (const until = Date.now() + PARSE_TIMEOUT_MS; !parsed && Date.now() < until; ) {
        parsed = (await tab.evaluate(() => document.readyState).catch(() => 'loading')) !== 'loading';
        if (!parsed) await sleep(100);
      }
      await sleep(SETTLE_MS);
      return { began: t, loadMs: Date.now() - t, parsed };
    }

    /** Switches highlighting on; returns the state, the time taken and the DOM before and after. */
    async function highlight() {
      const before = await serialise(tab);
      const t0 = Date.now();
      const state = await withDeadline(setEnabledFromExtension(ctx, tabId, true), DEADLINE_MS, 'highlighting');
      const ms = Date.now() - t0;
      await sleep(SETTLE_MS);
      return { state, ms, t0, before, after: await serialise(tab) };
    }

    /** Where the tab is (puppeteer's own record lags in Firefox after a page rewrote its history). */
    const where = () => tab.evaluate(() => location.href).catch(() => '');

    /**
     * Checks one page at `url`; returns true, or why there was nothing to check: the page left for
     * another address on its own (offline, some send the reader to https or to their own site), or
     * its document was never parsed to its end (a parser-blocking script that never came).
     */
    async function check(row, url, fail) {
      errors.length = 0;
      const loaded = await load(url);
      const { began } = loaded;
      const LEFT = 'the page leaves on its own';
      if (!(await where()).startsWith(url)) return LEFT;
      if (!loaded.parsed) return 'the page was not parsed to its end';
      if (tabId === null) tabId = await tabIdOf(ctx, tab);
      let h;
      try {
        h = await highlight();
      } catch (e) {
        if (!(await where()).startsWith(url)) return LEFT;
        throw e;
      }
      if (!h.state && !(await where()).startsWith(url)) return LEFT;
      const s = h.state || {};
      Object.assign(row, { ms: h.ms, chars: s.chars || 0, engine: s.engine || '', method: s.method || '', timings: s.timings || {} });
      row.counts = (s.report && s.report.counts) || {};
      if (s.status !== 'done') fail(`status ${s.status}${s.error ? `: ${s.error}` : ''}`);

      // Errors that appeared only after the switch, checked against a load without the extension.
      const seen = new Set(errors.filter((e) => e.at < h.t0).map((e) => e.text));
      let fresh = [...new Set(errors.filter((e) => e.at >= h.t0 && !seen.has(e.text)).map((e) => e.text))];
      if (fresh.length) {
        const elapsed = Date.now() - began;
        errors.length = 0;
        const again = await load(url);
        await sleep(Math.max(0, elapsed - (Date.now() - again.began)));
        const back = new Set(errors.map((e) => e.text));
        fresh = fresh.filter((t) => !back.has(t));
        for (const t of fresh) fail(`new page error: ${t.slice(0, 200)}`);
      }

      if (h.before !== h.after) {
        // The page's own scripts may have changed it: check again with them off.
        const quiet = `${server.url}/no-script${new URL(url).pathname}`;
        // The tab must show that copy, parsed to its end, or the comparison below would be of the
        // scripted page again (its own changes blamed on us): checked, with one retry.
        let shown = false;
        for (let attempt = 0; attempt < 2 && !shown; attempt++) {
          if (attempt) row.problems.push(`the copy with scripts off was loaded twice (the tab was at ${(await where()).slice(0, 80)})`);
          shown = (await load(quiet)).parsed && (await where()).startsWith(quiet);
        }
        if (!shown) {
          fail(`the copy with scripts off could not be shown parsed to its end (the tab is at ${(await where()).slice(0, 80)})`);
          return true;
        }
        const q = await highlight();
        if (!q.state || q.state.status !== 'done') fail(`status ${q.state && q.state.status} with page scripts off`);
        if (q.before !== q.after) fail(`the DOM changed ${firstDifference(q.before, q.after)}`);
        else row.problems.push('DOM checked with page scripts off (the page changes itself)');
      }
      return true;
    }

    for (const p of pages) {
      const url = `${server.url}/page/${p.set}/${encodeURIComponent(p.id)}/`;
      const row = { set: p.set, id: p.id, browser: kind, ok: true, problems: [], chars: 0, counts: {}, ms: 0, engine: '', method: '', timings: {} };
      rows.push(row);
      const fail = (why) => {
        row.ok = false;
        row.problems.push(why);
      };
      try {
        const why = await check(row, url, fail);
        if (why !== true) {
          // Without its scripts the page stays where it is (unless its markup redirects, too).
          row.problems.push(`checked with page scripts off (${why})`);
          const again = await check(row, `${server.url}/no-script${new URL(url).pathname}`, fail);
          if (again !== true) {
            row.problems.push(`with its scripts off too, ${again}: ${(await where()).slice(0, 80)}`);
            row.skipped = true;
          }
        }
      } catch (e) {
        fail(String((e && e.message) || e).split('\n')[0]);
      }
      process.stdout.write(row.ok ? (row.skipped ? 's' : '.') : 'F');
    }
  } finally {
    await ctx.browser.close().catch(() => {});
  }
  return rows;
}

// ---- run, report ----

const t0 = Date.now();
console.log(`test-pages: ${pages.length} pages from ${PAGES}, in ${BROWSERS.join(' and ')}`);
// One browser per engine, side by side: each mostly waits on its own page.
const rows = (await Promise.all(BROWSERS.map(runBrowser))).flat();
await server.close();
process.stdout.write('\n');

fs.mkdirSync(ARTIFACTS, { recursive: true });
const report = path.join(ARTIFACTS, 'pages-report.tsv');
const head = ['set', 'page', 'browser', 'result', 'chars', ...CATEGORIES, 'engine', 'method', 'ms', 'collect_ms', 'analyze_ms', 'draw_ms', 'notes'];
const fmt = (x) => (typeof x === 'number' ? x.toFixed(1) : '');
const lines = rows.map((r) =>
  [r.set, r.id, r.browser, r.ok ? (r.skipped ? 'skipped' : 'ok') : 'FAIL', r.chars, ...CATEGORIES.map((k) => r.counts[k] || 0), r.engine, r.method, r.ms,
    fmt(r.timings.collectMs), fmt(r.timings.analyzeMs), fmt(r.timings.drawMs), r.problems.join('; ').replace(/\s+/g, ' ')].join('\t'),
);
fs.writeFileSync(report, [head.join('\t'), ...lines].join('\n') + '\n');

let failed = 0;
let passed = 0;
for (const kind of BROWSERS) {
  const rs = rows.filter((r) => r.browser === kind);
  const ok = rs.filter((r) => r.ok && !r.skipped);
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const q = (f) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(f * ms.length))] : 0);
  const chars = ok.reduce((n, r) => n + r.chars, 0);
  const counts = CATEGORIES.map((k) => `${k} ${ok.reduce((n, r) => n + (r.counts[k] || 0), 0)}`).join(', ');
  console.log(`${kind}: ${ok.length} of ${rs.length} pages passed, ${rs.filter((r) => r.skipped).length} skipped; ` +
    `${chars} characters analysed; ${counts}; switch to done p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
  for (const r of [...ok].sort((a, b) => b.ms - a.ms).slice(0, 3)) console.log(`  slowest: ${r.set}/${r.id} ${r.ms} ms (${r.chars} characters, ${r.engine})`);
  for (const r of rs.filter((x) => !x.ok)) console.log(`  FAIL ${r.set}/${r.id}: ${r.problems.join('; ')}`);
  failed += rs.filter((r) => !r.ok).length;
  passed += ok.length;
}
console.log(`Table: ${path.relative(process.cwd(), report)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
