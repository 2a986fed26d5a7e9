#!/usr/bin/env node
// `make run`: serves the bundled sample article (our own writing) on 127.0.0.1 and shows the
// extension highlighting it in Chromium, and next to it the www demo (www/dist) with the same
// article. With a display, the browser window stays open until you press Ctrl-C; without one (or
// with --headless), it takes screenshots and prints the summary.

import path from 'node:path';
import { startServer, ROOT } from './server.mjs';
import { launch, openPage, highlightViaToolbar, contentState, screenshot, hoverHighlight, until } from './harness.mjs';
import { serveStatic } from '../../www/serve.mjs';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const server = await startServer();
const demo = await serveStatic(path.join(ROOT, 'www', 'dist'));
const url = `${server.url}/article.html`;
console.log(`Serving the sample article at ${url}`);
console.log(`Serving the www demo at ${demo.url}`);
const ctx = await launch('chromium', { headless });
try {
  const page = await openPage(ctx, url);
  const popup = await highlightViaToolbar(ctx, page);
  const state = await contentState(popup);
  if (state.status !== 'done') throw new Error(`highlighting failed: ${state.error || state.status}`);
  const r = state.report;
  console.log(`\nSourcelight on "${await page.title()}"`);
  console.log(`  ${r.counts.quote} direct quotes, ${r.counts.anonymous_source} unnamed sources, ${r.counts.editorial} editorial wordings`);
  console.log(`  quoted: ${r.speakers.map((x) => `${x.name} ×${x.quotes}`).join(', ') || 'nobody'}`);
  console.log(`  words inside quotes: ${Math.round(r.quoted_share * 100)}%`);
  console.log(`  read the ${state.method === 'article' ? 'article body' : 'whole page'}: ${state.chars} characters, analysed in ${state.timings.analyzeMs.toFixed(1)} ms (wasm in the ${state.engine}; start-up ${(state.timings.initMs || 0).toFixed(1)} ms)\n`);
  for (const h of r.highlights) {
    const who = h.speaker ? ` — ${h.speaker.name}` : '';
    console.log(`  [${h.key}] “${h.text.length > 70 ? h.text.slice(0, 69) + '…' : h.text}”${who}`);
  }
  // The popup closes when another tab takes the focus: its picture first, then the demo's.
  const shots = headless ? [await screenshot(page, 'run-chromium.png'), await screenshot(popup, 'run-chromium-popup.png')] : [];
  const www = await showDemo(ctx);
  if (headless) {
    shots.push(await screenshot(www, 'run-www.png'));
    console.log(`\nScreenshots: ${shots.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  } else {
    console.log('\nThe browser stays open: hover around, open the popup, try other pages. Ctrl-C to quit.');
    await new Promise((resolve) => process.on('SIGINT', resolve));
  }
} finally {
  await ctx.browser.close();
  await server.close();
  await demo.close();
}

/** The www demo with the sample article, its first quote explained by the hover card. */
async function showDemo(c) {
  const www = await openPage(c, demo.url);
  await www.click('#sample');
  await until(() => www.evaluate(() => document.body.dataset.state === 'done'), { what: 'the demo to highlight the sample' });
  const status = await www.evaluate(() => document.getElementById('status').textContent);
  console.log(`\nThe www demo on the sample article: ${status}`);
  await hoverHighlight(www, 'sourcelight-quote', 0);
  return www;
}
