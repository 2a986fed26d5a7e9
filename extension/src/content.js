/*
 * Sourcelight content script. Injected on demand (toolbar click, keyboard shortcut) or, for sites
 * the reader set to "always on", by a registered content script.
 *
 * Finds the article body (lib/article.js), reads its visible text, runs the wasm core on it (here,
 * or in the background when the page's Content-Security-Policy forbids WebAssembly in content
 * scripts or the text is large) and draws the findings with the CSS Custom Highlight API. Hovering
 * or jumping to a highlight explains it (lib/hovercard.js). Every long walk over the page runs in
 * slices (lib/slice.js), so the page stays responsive.
 *
 * Dynamic pages: the page is analysed in parts ("chunks": the article, then every article-like
 * block a page adds later, as infinite scroll does). A MutationObserver only notes what changed;
 * once per animation frame the highlights of the touched parts are checked (a highlight whose text
 * changed is dropped before it can be painted on the wrong words), and after the page has been
 * quiet for a moment the changed parts alone are read again, re-analysed only if their text
 * differs. A page that keeps changing is re-read at most every so often, with the pause growing
 * with the cost of the work. A new URL (single-page-app navigation), or the article leaving the
 * page, starts over.
 *
 * It never writes to the page's DOM (except the <mark> fallback where the Highlight API is missing,
 * and the hover card's own host element while a card is shown) and acts on no page message: only
 * the extension itself can switch it.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  if (!NS || NS.content) return; // injected twice: the first instance stays in charge
  const api = globalThis.browser || globalThis.chrome;
  const { T } = NS.protocol;
  const SELF = { id: api.runtime.id, baseUrl: api.runtime.getURL('') };
  const t = NS.i18n.make((key, subs) => api.i18n.getMessage(key, subs));

  // Above this many characters the analysis runs in the background, off the page's main thread
  // (the core reads about 20 MB/s in wasm: 200,000 characters is a 10 ms task).
  const LOCAL_MAX_CHARS = 200_000;
  // Longest piece of text in one message to the background (about 10 ms to copy).
  const MESSAGE_CHARS = 1_000_000;
  // Dynamic pages: wait for this much quiet, but never longer than the maximum, before re-reading.
  const QUIET_MS = 300;
  const MAX_WAIT_MS = 1500;
  // Pause after a re-read: at least this, and at least this many times what the re-read cost.
  const MIN_PAUSE_MS = 500;
  const PAUSE_FACTOR = 10;
  // An added block is analysed as a part of its own only when it has this much text.
  const MIN_CHUNK_CHARS = 400;
  // An article this short is probably still loading: when the page grows, look for it again.
  const SMALL_ARTICLE_CHARS = 600;
  const MAX_PENDING = 2000;
  // The popup asks for the page's state every second or so while it is open: its copy of the
  // report lists this many highlights per kind (the popup shows no more), the export gets all.
  const LISTED_PER_KIND = 300;

  const state = {
    enabled: false,
    status: 'idle', // idle | working | done | error
    error: null,
    engine: null, // 'page' | 'background'
    mode: null, // 'highlight-api' | 'mark'
    method: null, // 'article' | 'body'
    chars: 0,
    dropped: 0,
    reanalyses: 0,
    timings: {},
    run: 0,
    hidden: new Set(),
    scheme: 'light',
  };
  let settings = null;
  let highlighter = null;
  let card = null;
  let chunks = [];
  let nextChunk = 1;
  let href = location.href;
  let lastJumped = null;

  // ---- analysis ----

  const publisher = () => NS.article.publisherOf(document, NS.protocol.MAX_PUBLISHER);

  /** Runs the core; returns the result and how long the analysis itself took (start-up excluded). */
  async function analyzeText(text) {
    if (text.length <= LOCAL_MAX_CHARS) {
      try {
        await NS.engine.ready();
        state.engine = 'page';
        const t0 = performance.now();
        const result = NS.engine.analyze(text, NS.settings.coreOptions(settings, publisher()));
        return { result, ms: performance.now() - t0 };
      } catch (e) {
        // Typically the page's CSP (`script-src` without 'wasm-unsafe-eval') blocking WebAssembly in
        // Chromium content scripts. The same core runs in the background instead.
      }
    }
    state.engine = 'background';
    const t0 = performance.now();
    // Copying text into a message is a task of its own: a long text goes in pieces, with the
    // page's turn in between.
    const key = `${state.run}:${t0}`;
    let at = 0;
    for (; text.length - at > MESSAGE_CHARS; at += MESSAGE_CHARS) {
      await NS.slice.yieldToLoop();
      await ask({ type: T.TEXT_PART, key, text: text.slice(at, at + MESSAGE_CHARS) });
    }
    await NS.slice.yieldToLoop();
    const res = await ask({ type: T.ANALYZE, key, text: text.slice(at), publisher: publisher() });
    const { result } = res;
    while (result.findings.length < res.total) {
      const more = await ask({ type: T.ANALYZE_MORE, key: res.key, from: result.findings.length });
      for (const f of more.findings) result.findings.push(f);
    }
    return { result, ms: performance.now() - t0 };
  }

  async function ask(msg) {
    const res = await api.runtime.sendMessage(msg);
    if (!res || res.error) throw new Error((res && res.error) || 'no answer from the background');
    return res;
  }

  const cancelledSince = (run) => () => run !== state.run || !state.enabled;

  /**
   * Reads a chunk's text and draws its findings. The core runs only when the text differs from
   * the last reading (a page re-rendering the same words only needs its highlights re-anchored).
   */
  async function readChunk(chunk, run) {
    const isCancelled = cancelledSince(run);
    const t0 = performance.now();
    const map = await NS.slice.run(NS.textmap.collectSteps(chunk.root, { skip: chunk.skip }), { isCancelled });
    if (!map || isCancelled()) return false;
    NS.textmap.snapshot(map);
    const t1 = performance.now();
    let result = chunk.result;
    let analyzeMs = 0;
    if (!result || map.text !== chunk.text) {
      ({ result, ms: analyzeMs } = await analyzeText(map.text));
      if (isCancelled()) return false;
    }
    const t2 = performance.now();
    // The new highlights go in (under the part's id, negated) before the old ones go: a part being
    // redrawn never goes blank.
    const next = -chunk.id;
    const drawn = await NS.slice.run(highlighter.addSteps(map, result.findings, next), { isCancelled });
    if (!drawn) {
      highlighter.remove(next);
      return false;
    }
    highlighter.remove(chunk.id);
    highlighter.retag(next, chunk.id);
    chunk.text = map.text;
    chunk.result = result;
    state.dropped += drawn.dropped;
    state.timings = { collectMs: t1 - t0, analyzeMs, drawMs: performance.now() - t2, initMs: NS.engine.initMs() };
    return true;
  }

  const pageChars = () => chunks.reduce((n, c) => n + (c.text ? c.text.length : 0), 0);

  /** Finds the article and draws it: the whole first reading of a page (and every new URL). */
  async function start(run) {
    highlighter.remove();
    chunks = [];
    href = location.href;
    const body = document.body || document.documentElement;
    const found = await NS.slice.run(NS.article.findSteps(body), { isCancelled: cancelledSince(run) });
    if (!found) return false;
    state.method = found.method;
    const chunk = { id: nextChunk++, root: found.root, skip: found.skip, text: null, result: null };
    chunks.push(chunk);
    await requestStyle(found.root);
    return readChunk(chunk, run);
  }

  /** New settings (categories, phrases): every part is analysed again where it is. */
  async function rereadAll(run) {
    for (const c of chunks) {
      c.result = null;
      if (!(await readChunk(c, run))) return false;
    }
    return true;
  }

  async function enable() {
    const run = ++state.run;
    state.enabled = true;
    state.status = 'working';
    state.error = null;
    state.dropped = 0;
    try {
      // Read, never written back: the background migrates stored settings when the extension is
      // installed or updated, and every open tab writing them would spend storage.sync's quota.
      settings = await NS.settings.read(api).catch(() => NS.settings.defaults());
      highlighter = highlighter || NS.highlighter.create(window, { nearViewport: true });
      state.mode = highlighter.mode;
      highlighter.setHidden(state.hidden);
      if (!(await (chunks.length ? rereadAll(run) : start(run)))) return snapshotState();
      state.chars = pageChars();
      card = card || NS.hovercard.create(window, { t, lookup: highlighter.entriesAt, colors: paletteColors, dark: () => state.scheme === 'dark' });
      card.enable();
      observe();
      state.status = 'done';
      // The summary below reads every highlight: with tens of thousands, a task of its own.
      await NS.slice.yieldToLoop();
    } catch (e) {
      if (run !== state.run) return snapshotState();
      state.status = 'error';
      state.error = String((e && e.message) || e);
    }
    reportStatus();
    return snapshotState();
  }

  function disable() {
    state.run++;
    state.enabled = false;
    state.status = 'idle';
    unobserve();
    if (card) card.disable();
    if (highlighter) highlighter.clear();
    chunks = [];
    lastJumped = null;
    reportStatus();
    return snapshotState();
  }

  // ---- palette ----

  const paletteColors = () => NS.palette.resolve(NS.paletteData, settings ? settings.palette : NS.paletteData.default, state.scheme);

  /** Whether the page behind the article is dark: the first opaque background from the article up. */
  function pageScheme(from) {
    for (let el = from; el && el.nodeType === 1; el = el.parentElement) {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(el).backgroundColor);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) continue;
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 ? 'dark' : 'light';
    }
    return 'light';
  }

  async function requestStyle(from) {
    state.scheme = pageScheme(from);
    await api.runtime.sendMessage({ type: T.STYLE, scheme: state.scheme }).catch(() => null);
  }

  // ---- dynamic pages ----

  let observer = null;
  let pendingTargets = new Set(); // changed since the last batch
  let frameTargets = new Set(); // changed since the last frame
  let pendingAdded = new Set();
  let overflow = false;
  let frame = 0;
  let timer = null;
  let firstPending = 0;
  let notBefore = 0;
  let processing = false;

  const isOurs = (n) => n.nodeType === 1 && n.hasAttribute('data-sourcelight-ui');

  /** Our card's host coming or going (it is only ever a child of <html>). */
  const onlyOurs = (r) =>
    r.target === document.documentElement && r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOurs);

  /** The observer's callback only takes notes; the work happens in the frame and the batch below. */
  function onMutations(records) {
    let noted = false;
    for (const r of records) {
      if (onlyOurs(r)) continue;
      noted = true;
      if (pendingTargets.size >= MAX_PENDING) {
        overflow = true;
        continue;
      }
      pendingTargets.add(r.target);
      frameTargets.add(r.target);
      for (const n of r.addedNodes) if (n.nodeType === 1 && !isOurs(n)) pendingAdded.add(n);
    }
    if (!noted) return;
    if (!frame) frame = requestAnimationFrame(checkDrawn);
    schedule();
  }

  const chunkOf = (node) => chunks.find((c) => c.root === node || c.root.contains(node));

  /** Before the next paint: drop highlights of the touched parts whose text changed. */
  function checkDrawn() {
    frame = 0;
    const touched = new Set();
    if (overflow) for (const c of chunks) touched.add(c);
    else for (const n of frameTargets) {
      const c = chunkOf(n);
      if (c) touched.add(c);
    }
    frameTargets = new Set();
    let dropped = 0;
    for (const c of touched) dropped += highlighter.prune(c.id).length;
    if (dropped) {
      state.dropped += dropped;
      reportStatus();
    }
  }

  function schedule() {
    const now = performance.now();
    if (!firstPending) firstPending = now;
    clearTimeout(timer);
    const due = Math.max(notBefore, Math.min(now + QUIET_MS, firstPending + MAX_WAIT_MS));
    timer = setTimeout(processPending, Math.max(0, due - now));
  }

  async function processPending() {
    if (processing) return schedule();
    processing = true;
    const run = state.run;
    const targets = pendingTargets;
    const added = pendingAdded;
    const all = overflow;
    pendingTargets = new Set();
    pendingAdded = new Set();
    overflow = false;
    firstPending = 0;
    const t0 = performance.now();
    try {
      await applyChanges(targets, added, all, run);
    } catch (e) {
      // The page changed under us mid-way; the next batch starts from what is there then.
    } finally {
      processing = false;
      notBefore = performance.now() + Math.max(MIN_PAUSE_MS, PAUSE_FACTOR * (performance.now() - t0));
    }
    if (run !== state.run || !state.enabled) return;
    state.chars = pageChars();
    reportStatus();
  }

  async function applyChanges(targets, added, all, run) {
    const main = chunks[0];
    const grew = [...added].some((n) => n.isConnected && (n.textContent || '').length >= MIN_CHUNK_CHARS);
    const looksUnfinished = main && (state.method === 'body' || (main.text || '').length < SMALL_ARTICLE_CHARS) && grew;
    if (location.href !== href || !main || !main.root.isConnected || looksUnfinished) {
      state.reanalyses++;
      lastJumped = null;
      await start(run);
      return;
    }
    const dirty = new Set(all ? chunks : []);
    for (const n of targets) {
      const c = chunkOf(n);
      if (c) dirty.add(c);
    }
    // Parts that left the page take their highlights with them.
    for (const c of chunks.slice(1)) {
      if (!c.root.isConnected) {
        highlighter.remove(c.id);
        dirty.delete(c);
      }
    }
    chunks = chunks.filter((c, i) => i === 0 || c.root.isConnected);
    for (const c of dirty) {
      if (await readChunk(c, run)) state.reanalyses++;
    }
    for (const root of newBlocks(added)) {
      const found = await NS.slice.run(NS.article.findSteps(root), { isCancelled: cancelledSince(run) });
      if (!found) return;
      if (found.method !== 'article') continue;
      const chunk = { id: nextChunk++, root: found.root, skip: found.skip, text: null, result: null };
      chunks.push(chunk);
      if (await readChunk(chunk, run)) state.reanalyses++;
    }
  }

  /** Added elements outside every part, outermost only, with enough text to be an article. */
  function newBlocks(added) {
    const out = [];
    for (const n of added) {
      if (!n.isConnected || chunkOf(n) || (n.textContent || '').length < MIN_CHUNK_CHARS) continue;
      if (out.some((o) => o.contains(n))) continue;
      let furniture = false;
      for (let a = n; a && a.nodeType === 1; a = a.parentElement) {
        if (NS.article.isFurniture(a)) furniture = true;
      }
      if (furniture) continue;
      for (let i = out.length - 1; i >= 0; i--) if (n.contains(out[i])) out.splice(i, 1);
      out.push(n);
    }
    return out;
  }

  function observe() {
    // The <mark> fallback rewrites the text it wraps; that mode is drawn once, not kept in step.
    if (observer || highlighter.mode !== 'highlight-api') return;
    observer = new MutationObserver(onMutations);
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }

  function unobserve() {
    if (observer) observer.disconnect();
    observer = null;
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = 0;
    pendingTargets = new Set();
    frameTargets = new Set();
    pendingAdded = new Set();
    overflow = false;
    firstPending = 0;
  }

  // ---- jumping to highlights ----

  /**
   * Drawn highlights in reading order: part by part, and within a part in the core's order (by
   * offset). Comparing DOM positions instead would cost a long task on a page with many thousands.
   */
  function inOrder(list) {
    const part = new Map(chunks.map((c, i) => [c.id, i]));
    const pos = (e) => part.get(Math.abs(e.tag)) ?? chunks.length;
    return list.sort((a, b) => pos(a) - pos(b) || a.index - b.index);
  }

  function scrollToRange(range) {
    const behavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
    const r = range.getBoundingClientRect();
    const vh = window.innerHeight;
    if (r.top >= 60 && r.bottom <= vh - 60) return;
    const el = range.startContainer.parentElement;
    const box = el && el.getBoundingClientRect();
    // A paragraph that fits on screen is centred (this also scrolls any scrolling box around it);
    // inside a taller one, the window scrolls to the highlight itself.
    if (box && box.height < vh * 0.8) el.scrollIntoView({ block: 'center', inline: 'nearest', behavior });
    else window.scrollTo({ top: window.scrollY + r.top - vh / 3, behavior });
  }

  function jump(entry) {
    if (!entry) return false;
    lastJumped = entry;
    // Flashed first: on a page drawn only near the viewport, that draws the entry's neighbourhood.
    highlighter.flash(entry);
    scrollToRange(entry.range);
    if (card) card.showFor(entry);
    return true;
  }

  function step(dir) {
    const list = inOrder(highlighter.visibleEntries());
    if (!list.length) return false;
    const at = lastJumped ? list.indexOf(lastJumped) : -1;
    const next = at < 0 ? (dir > 0 ? 0 : list.length - 1) : (at + dir + list.length) % list.length;
    return jump(list[next]);
  }

  // ---- state for the popup and the badge ----

  function reportStatus() {
    const count = state.enabled && highlighter ? highlighter.visibleEntries().length : 0;
    api.runtime.sendMessage({ type: T.STATUS, count, enabled: state.enabled }).catch(() => {});
  }

  function snapshotState() {
    const on = state.enabled && highlighter;
    return {
      enabled: state.enabled,
      status: state.status,
      error: state.error,
      engine: state.engine,
      mode: state.mode,
      method: state.method,
      chars: state.chars,
      dropped: state.dropped,
      reanalyses: state.reanalyses,
      parts: chunks.length,
      timings: state.timings,
      scheme: state.scheme,
      hidden: [...state.hidden],
      report: on && state.status === 'done' ? pageReport(LISTED_PER_KIND) : null,
    };
  }

  /** The page report; the popup's copy lists the first highlights of each kind only (see below). */
  function pageReport(maxPerKind) {
    return NS.report.build({
      entries: inOrder(highlighter.entries()),
      summaries: chunks.filter((c) => c.result).map((c) => c.result.summary),
      url: location.href,
      title: document.title,
      version: api.runtime.getManifest().version,
      generated: new Date().toISOString(),
      maxPerKind,
    });
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (NS.protocol.checkAtContent(msg, sender, SELF)) return false;
    switch (msg.type) {
      case T.PING:
        sendResponse({ ok: true });
        return false;
      case T.STATE:
        sendResponse(snapshotState());
        return false;
      case T.REPORT:
        sendResponse(state.enabled && state.status === 'done' ? pageReport() : null);
        return false;
      case T.ENABLE:
      case T.DISABLE:
      case T.TOGGLE: {
        const on = msg.type === T.ENABLE || (msg.type === T.TOGGLE && !state.enabled);
        if (on && state.enabled && msg.type === T.ENABLE) {
          sendResponse(snapshotState());
          return false;
        }
        Promise.resolve(on ? enable() : disable()).then(sendResponse);
        return true; // answer asynchronously
      }
      case T.JUMP:
        sendResponse({ ok: !!highlighter && jump(highlighter.entries().find((e) => e.id === msg.id)) });
        return false;
      case T.STEP: {
        const go = () => ({ ok: step(msg.dir) });
        if (state.enabled && state.status === 'done') sendResponse(go());
        else enable().then(() => sendResponse(go()));
        return true;
      }
      case T.SET_HIDDEN:
        state.hidden = new Set(msg.kinds);
        if (highlighter) highlighter.setHidden(state.hidden);
        if (card) card.hide();
        reportStatus();
        sendResponse(snapshotState());
        return false;
    }
    return false;
  });

  // Settings changed in the options page: restyle, or read the page again with the new choices.
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !state.enabled) return;
    if (changes.categories || changes.phrases) enable();
    else if (changes.palette) {
      NS.settings.read(api).then((s) => {
        settings = s;
        return requestStyle(chunks.length ? chunks[0].root : document.body);
      }).catch(() => {});
    }
  });

  NS.content = { enable, disable, state: snapshotState };
})();
