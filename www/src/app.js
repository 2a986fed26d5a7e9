/*
 * The www demo: the extension's highlighting, on text the visitor brings, with no install.
 *
 * Input: pasted or typed text, a dropped or opened .txt/.html file, or the bundled sample article.
 * An HTML file is parsed with DOMParser into a document that is never rendered (no script in it
 * runs, nothing it names is loaded) and reduced to its article body by lib/article.js and
 * lib/textmap.js, exactly as the extension reads a page. The text is then analysed by the wasm core
 * in a Web Worker (worker.js), while it is written into the page as text nodes, and the findings are
 * drawn with lib/highlighter.js, explained by lib/hovercard.js and summed up by lib/summary.js, as in
 * the extension's popup. Long walks run in slices (lib/slice.js): a 5 MB text never causes a long
 * task here. Page text is only ever inserted as text.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  const $ = (id) => document.getElementById(id);
  const assets = JSON.parse($('sl-assets').textContent);
  const t = NS.i18n.fromMessages(NS.wwwMessages.en);

  const MAX_FILE_BYTES = 16 * 1024 * 1024;
  const MAX_CHARS = 16 * 1024 * 1024;
  // Above this many characters: the progress bar shows at once, and a paste does not go into the
  // text box (a browser lays out a textarea's whole text at once).
  const LARGE_CHARS = 200_000;
  // Below that, the progress bar shows only if the work is still going after this long.
  const PROGRESS_DELAY_MS = 300;
  // A line longer than this is shown in several blocks: a browser lays out a paragraph in one go.
  const BLOCK_CHARS = 10_000;
  // Paragraphs per group; groups off screen are skipped by layout (content-visibility in style.css).
  const GROUP = 40;
  const TEXT_EXT = new Set(['txt', 'text']);
  const HTML_EXT = new Set(['html', 'htm', 'xhtml']);

  const dark = () => matchMedia('(prefers-color-scheme: dark)').matches;
  const scrolling = () => (matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');
  let paletteId = NS.paletteData.default;
  const colors = () => NS.palette.resolve(NS.paletteData, paletteId, dark() ? 'dark' : 'light');

  const highlighter = NS.highlighter.create(window);
  const card = NS.hovercard.create(window, { t, lookup: highlighter.entriesAt, colors, dark });
  let worker = null;
  let workerBusy = false;
  const waiting = new Map(); // run → handlers for the worker's answers
  let run = 0;
  let progressTimer = null;
  const hidden = new Set(); // kinds the visitor switched off
  let current = null; // {run, title, report, byId}

  /** An error whose message is for the visitor (the file is unsupported…), not a failure of ours. */
  class VisitorError extends Error {}

  const number = (n) => new Intl.NumberFormat('en').format(n);
  const chars = (n) => t('www_chars', [number(n)]);
  function bytes(n) {
    if (n < 1024) return t('www_bytes', [number(n)]);
    if (n < 1024 * 1024) return t('www_kilobytes', [number(Math.round(n / 1024))]);
    return t('www_megabytes', [(n / (1024 * 1024)).toFixed(1)]);
  }

  // ---- status and progress ----

  function setState(state) {
    // For tests and styling: idle, working, done or error.
    document.body.dataset.state = state;
  }

  function setStatus(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', !!isError);
  }

  /** The stage of the work; `done`/`total` make the bar determinate. Shown at once for long texts. */
  function progress(stage, { done, total, now } = {}) {
    $('stage').textContent = stage;
    const bar = $('progress');
    if (total) {
      bar.max = total;
      bar.value = done;
    } else {
      bar.removeAttribute('value');
    }
    if (now) showProgress();
  }

  function showProgress() {
    clearTimeout(progressTimer);
    $('progress-box').hidden = false;
  }

  function endProgress() {
    clearTimeout(progressTimer);
    $('progress-box').hidden = true;
  }

  // ---- the worker ----

  function getWorker() {
    if (worker) return worker;
    worker = new Worker(assets.worker);
    const abs = (p) => new URL(p, document.baseURI).href;
    worker.postMessage({ type: 'init', glue: abs(assets.glue), engine: abs(assets.engine), wasm: abs(assets.wasm) });
    worker.onmessage = (ev) => {
      const h = waiting.get(ev.data.id);
      if (h) h(ev.data);
    };
    // The worker script itself failed (a host that does not serve it): every request fails.
    worker.onerror = (ev) => {
      ev.preventDefault();
      for (const h of [...waiting.values()]) h({ type: 'error', message: ev.message || 'the analysis thread did not start' });
    };
    return worker;
  }

  /** A text still being analysed cannot be interrupted inside the core: its thread is replaced. */
  function stopWorker() {
    if (worker && workerBusy) {
      worker.terminate();
      worker = null;
    }
    workerBusy = false;
    for (const h of [...waiting.values()]) h({ type: 'error', cancelled: true, message: 'stopped' });
    waiting.clear();
  }

  function analyzeInWorker(id, text, onStage) {
    return new Promise((resolve, reject) => {
      const findings = [];
      let analysing = false;
      waiting.set(id, (m) => {
        if (m.type === 'stage') {
          analysing = m.stage === 'analysing';
          onStage(m.stage);
        } else if (m.type === 'findings') {
          for (const f of m.findings) findings.push(f);
        } else if (m.type === 'done') {
          waiting.delete(id);
          workerBusy = false;
          resolve({ findings, summary: m.summary, ms: m.ms, version: m.version });
        } else if (m.type === 'error') {
          waiting.delete(id);
          workerBusy = false;
          // A core that failed may be left in any state: the next run gets a fresh thread.
          if (!m.cancelled && worker) {
            worker.terminate();
            worker = null;
          }
          reject(Object.assign(new Error(m.message), { cancelled: !!m.cancelled, core: !m.cancelled && !analysing }));
        }
      });
      workerBusy = true;
      getWorker().postMessage({ type: 'analyze', id, text });
    });
  }

  /** The core's report of the current text, as JSON (the CLI's `analyze --json` report). */
  function reportJson() {
    const id = current.run;
    return new Promise((resolve, reject) => {
      waiting.set(id, (m) => {
        if (m.type !== 'report' && m.type !== 'error') return;
        waiting.delete(id);
        if (m.type === 'report') resolve(m.json);
        else reject(Object.assign(new Error(m.message), { cancelled: !!m.cancelled }));
      });
      getWorker().postMessage({ type: 'report', id });
    });
  }

  // ---- the text, written into the page ----

  /**
   * Writes `text` into `container` as text nodes, one paragraph per line, and returns the map
   * lib/highlighter.js draws on (the shape lib/textmap.js gives): every node with the offset of its
   * first character in `text`. The text is kept exactly as it was (line breaks, spaces), so the
   * core's offsets need no translation and the report is the CLI's for the same text. A generator
   * for NS.slice, yielding once per block.
   */
  function* writeSteps(container, text) {
    const nodes = [];
    const starts = [];
    let group = null;
    const lineBreak = /\r\n|\r|\n/g;
    for (let at = 0; at < text.length;) {
      lineBreak.lastIndex = at;
      const m = lineBreak.exec(text);
      const end = m ? m.index : text.length;
      for (let s = at; s < end;) {
        const e = blockEnd(text, s, end);
        const piece = text.slice(s, e);
        if (/\S/.test(piece)) {
          if (!group || group.childNodes.length >= GROUP) {
            group = document.createElement('div');
            group.className = 'group';
            container.append(group);
          }
          const p = document.createElement('p');
          if (s > at) p.className = 'more'; // the rest of a very long line
          const node = document.createTextNode(piece);
          p.append(node);
          group.append(p);
          nodes.push(node);
          starts.push(s);
        }
        s = e;
        yield;
      }
      at = m ? m.index + m[0].length : text.length;
    }
    return { text, nodes, starts, truncated: false };
  }

  /** Where a block of a line starting at `s` ends: at most BLOCK_CHARS on, after a space if there is one. */
  function blockEnd(text, s, end) {
    if (end - s <= BLOCK_CHARS) return end;
    let e = text.lastIndexOf(' ', s + BLOCK_CHARS);
    if (e <= s) {
      e = s + BLOCK_CHARS;
      // Never between the two halves of a character outside the BMP.
      if (/[\uD800-\uDBFF]/.test(text[e - 1])) e--;
      return e;
    }
    return e + 1;
  }

  /** Counts a generator's steps for a progress bar (NS.slice runs it). */
  function* counted(gen, every, onCount) {
    for (let i = 1; ; i++) {
      const r = gen.next();
      if (r.done) return r.value;
      if (i % every === 0) onCount(i);
      yield;
    }
  }

  // ---- files ----

  function extension(name) {
    const m = /\.([a-z0-9]+)$/i.exec(name || '');
    return m ? m[1].toLowerCase() : '';
  }

  /** 'text', 'html' or null (not a file this page reads), from the name and then the type. */
  function fileKind(file) {
    const ext = extension(file.name);
    if (HTML_EXT.has(ext)) return 'html';
    if (TEXT_EXT.has(ext)) return 'text';
    if (ext) return null;
    if (/^text\/html\b|^application\/xhtml\+xml\b/.test(file.type)) return 'html';
    if (/^text\/plain\b/.test(file.type)) return 'text';
    return null;
  }

  /**
   * Bytes to text: a byte-order mark decides; otherwise UTF-8, or for a web page the charset it
   * declares. Anything else is refused with a message rather than shown as mojibake.
   */
  function decode(bytes, kind, name) {
    const head = bytes.subarray(0, 65536);
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    if (utf16) return new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    if (head.includes(0)) throw new VisitorError(t('www_errorBinary', [name]));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      const declared = kind === 'html' && declaredCharset(bytes);
      if (declared) return new TextDecoder(declared).decode(bytes);
      throw new VisitorError(t('www_errorEncoding', [name]));
    }
  }

  /** The charset a web page declares in its first 1024 bytes (<meta charset>), if the browser knows it. */
  function declaredCharset(bytes) {
    const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
    const m = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
    if (!m) return null;
    try {
      return new TextDecoder(m[1]).encoding;
    } catch (e) {
      return null;
    }
  }

  /** A web page's article body, read as the extension reads a page. */
  async function articleOf(html, isCancelled) {
    // A parsed document has no browsing context: its scripts never run, its images, styles and
    // frames are never fetched, and it is never inserted into this page.
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const top = doc.body || doc.documentElement;
    const found = await NS.slice.run(NS.article.findSteps(top), { isCancelled });
    if (!found) return null;
    const map = await NS.slice.run(NS.textmap.collectSteps(found.root, { skip: found.skip }), { isCancelled });
    if (!map) return null;
    return { text: map.text, title: (doc.title || '').trim(), method: found.method };
  }

  async function readFile(file, isCancelled) {
    const name = file.name || 'file';
    const kind = fileKind(file);
    if (!kind) throw new VisitorError(t('www_errorType', [name]));
    if (file.size > MAX_FILE_BYTES) throw new VisitorError(t('www_errorSize', [name, bytes(file.size), bytes(MAX_FILE_BYTES)]));
    const text = decode(new Uint8Array(await file.arrayBuffer()), kind, name);
    if (kind === 'text') return { text, title: name, source: t('www_sourceText', [name]) };
    const page = await articleOf(text, isCancelled);
    if (!page) return null;
    const source = t(page.method === 'article' ? 'www_sourceHtml' : 'www_sourceHtmlWhole', [name]);
    return { text: page.text, title: page.title || name, source };
  }

  // ---- one analysis, from input to highlights ----

  function clearResult() {
    card.hide();
    highlighter.clear();
    $('article').textContent = '';
    $('summary').textContent = '';
    $('export-status').textContent = '';
    $('result').hidden = true;
    current = null;
  }

  /** Starts a new run (stopping the one before). Returns its cancellation check. */
  function begin() {
    stopWorker();
    clearResult();
    const id = ++run;
    // For tests: which run the state belongs to.
    document.body.dataset.run = String(id);
    setState('working');
    setStatus('');
    clearTimeout(progressTimer);
    progressTimer = setTimeout(showProgress, PROGRESS_DELAY_MS);
    return { id, isCancelled: () => id !== run };
  }

  function fail(e) {
    endProgress();
    if (e && e.cancelled) return;
    setState('error');
    if (e instanceof VisitorError) setStatus(e.message, true);
    else if (e && e.core) setStatus(t('www_errorCore', [e.message]), true);
    else setStatus(t('www_statusError', [String((e && e.message) || e)]), true);
  }

  /** Analyses and shows `input` ({text, title, source}) under the run `r`. */
  async function show(r, input) {
    const { text } = input;
    if (!text.trim()) throw new VisitorError(t('www_errorEmpty', [input.title]));
    if (text.length > MAX_CHARS) throw new VisitorError(t('www_errorPasteSize', [chars(text.length), chars(MAX_CHARS)]));
    const large = text.length > LARGE_CHARS;
    const analysing = t('www_stageAnalysing', [chars(text.length)]);
    progress(analysing, { now: large });
    // The core runs in its thread while the text is written here.
    const analysis = analyzeInWorker(r.id, text, (stage) => progress(stage === 'loading' ? t('www_stageLoading') : analysing));
    analysis.catch(() => {}); // awaited below; a failure meanwhile is not unhandled
    const article = document.createElement('div');
    article.className = 'text';
    const map = await NS.slice.run(writeSteps(article, text), { isCancelled: r.isCancelled });
    if (!map || r.isCancelled()) return;
    $('result-title').textContent = input.source;
    $('article').append(article);
    $('result').hidden = false;
    // Bring the text into view, unless most of the screen shows it already.
    if ($('result').getBoundingClientRect().top > innerHeight * 0.6) $('result').scrollIntoView({ block: 'start', behavior: scrolling() });
    const result = await analysis;
    if (r.isCancelled()) return;
    const total = result.findings.length;
    const drawing = (n) => progress(t('www_stageDrawing', [number(n), number(total)]), { done: n, total });
    drawing(0);
    // Drawn out of sight, then shown at once: a browser re-reads every range of a shown highlight
    // on each frame in which one is added, which for tens of thousands is a long frame each time.
    highlighter.setHidden(NS.report.KINDS);
    const steps = counted(highlighter.addSteps(map, result.findings, r.id), 500, drawing);
    const drawn = await NS.slice.run(steps, { isCancelled: r.isCancelled });
    highlighter.setHidden(hidden);
    if (!drawn || r.isCancelled()) return;
    // Showing them, summing them up and listing them are tasks of their own.
    await NS.slice.yieldToLoop();
    if (r.isCancelled()) return;
    const entries = highlighter.entries();
    current = {
      run: r.id,
      title: input.title,
      byId: new Map(entries.map((e) => [e.id, e])),
      report: NS.report.build({
        entries,
        summaries: [result.summary],
        title: input.title,
        version: result.version,
        generated: new Date().toISOString(),
      }),
    };
    await NS.slice.yieldToLoop();
    if (r.isCancelled()) return;
    renderSummary();
    card.enable();
    endProgress();
    setState('done');
    setStatus(t('www_statusDone', [number(entries.length), chars(text.length), String(Math.max(1, Math.round(result.ms)))]));
  }

  async function start(getInput) {
    const r = begin();
    try {
      const input = await getInput(r);
      if (!input || r.isCancelled()) return;
      await show(r, input);
    } catch (e) {
      if (!r.isCancelled()) fail(e);
    }
  }

  function analyzeBox() {
    const text = $('text').value;
    if (!text.trim()) {
      setStatus(t('www_emptyInput'), true);
      return;
    }
    start(() => ({ text, title: firstLine(text) || t('www_sourcePaste'), source: t('www_sourcePaste') }));
  }

  function openFile(file) {
    start(async (r) => {
      progress(t('www_stageReading'), { now: file.size > LARGE_CHARS });
      const input = await readFile(file, r.isCancelled);
      if (input && input.text.length <= LARGE_CHARS && !r.isCancelled()) $('text').value = input.text;
      return input;
    });
  }

  const firstLine = (text) => {
    const line = (text.match(/[^\r\n]*\S[^\r\n]*/) || [''])[0].trim();
    return line.length > 90 ? line.slice(0, 89) + '…' : line;
  };

  // ---- the summary panel, jumps, export ----

  function renderSummary() {
    if (!current) return;
    NS.summary.render($('summary'), current.report, { t, colors: colors(), hidden, onToggle: toggleKind, onJump: jump });
  }

  function toggleKind(kind, visible) {
    if (visible) hidden.delete(kind);
    else hidden.add(kind);
    highlighter.setHidden(hidden);
    card.hide();
    renderSummary();
    const box = document.querySelector(`[data-toggle="${kind}"]`);
    if (box) box.focus();
  }

  function jump(id) {
    const entry = current && current.byId.get(id);
    if (!entry) return;
    entry.range.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: scrolling() });
    highlighter.flash(entry);
    card.showFor(entry);
  }

  const fileBase = () => {
    const slug = current.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    return `sourcelight-${slug || 'text'}`;
  };

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      $('export-status').textContent = t('copied');
    } catch (e) {
      $('export-status').textContent = t('copyFailed');
    }
  }

  function download(text, name, type) {
    NS.report.saveFile(document, text, name, type);
    $('export-status').textContent = t('downloaded', [name]);
  }

  const markdown = () => NS.report.toMarkdown(current.report, t);
  const withCurrent = (fn) => async () => {
    if (!current) return;
    try {
      await fn();
    } catch (e) {
      if (!e.cancelled) $('export-status').textContent = t('www_statusError', [String((e && e.message) || e)]);
    }
  };
  $('copy-md').addEventListener('click', withCurrent(() => copy(markdown())));
  $('download-md').addEventListener('click', withCurrent(() => download(markdown(), `${fileBase()}.md`, 'text/markdown')));
  $('copy-json').addEventListener('click', withCurrent(async () => copy(await reportJson())));
  $('download-json').addEventListener('click', withCurrent(async () => download(await reportJson(), `${fileBase()}.json`, 'application/json')));

  // ---- palette and legend ----

  function renderLegends() {
    NS.summary.legend($('legend'), { t, colors: colors() });
    NS.summary.legend($('legend-how'), { t, colors: colors() });
  }

  function setPalette(id) {
    const p = assets.palettes[id];
    if (!p) return;
    paletteId = id;
    $('highlights-light').href = p.light;
    $('highlights-dark').href = p.dark;
    renderLegends();
    renderSummary();
  }

  for (const [id, p] of Object.entries(NS.paletteData.palettes)) {
    const o = document.createElement('option');
    o.value = id;
    o.textContent = t(p.label);
    $('palette').append(o);
  }
  $('palette').value = paletteId;
  $('palette').addEventListener('change', (ev) => setPalette(ev.target.value));
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    renderLegends();
    renderSummary();
  });

  // ---- input ----

  const box = $('text');
  box.addEventListener('paste', (ev) => {
    const text = ev.clipboardData && ev.clipboardData.getData('text/plain');
    if (!text) return;
    if (text.length > LARGE_CHARS) {
      ev.preventDefault();
      box.value = '';
      start(() => ({ text, title: firstLine(text) || t('www_sourcePaste'), source: t('www_bigPaste', [chars(text.length)]) }));
      return;
    }
    // Let the paste land where the caret is, then highlight the whole box.
    setTimeout(analyzeBox, 0);
  });
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      analyzeBox();
    }
  });
  $('analyze').addEventListener('click', analyzeBox);
  $('sample').addEventListener('click', () => {
    box.value = NS.wwwSample;
    start(() => ({ text: NS.wwwSample, title: firstLine(NS.wwwSample), source: t('www_sourceSample') }));
  });
  $('clear').addEventListener('click', () => {
    stopWorker();
    run++;
    clearResult();
    endProgress();
    box.value = '';
    setStatus('');
    setState('idle');
    box.focus();
  });
  $('cancel').addEventListener('click', () => {
    stopWorker();
    run++;
    clearResult();
    endProgress();
    setState('idle');
    setStatus(t('www_statusStopped'));
  });
  $('open-file').addEventListener('click', () => $('file').click());
  $('file').addEventListener('change', (ev) => {
    const file = ev.target.files && ev.target.files[0];
    if (file) openFile(file);
    ev.target.value = '';
  });

  // A file or text dropped anywhere on the page is read here; never opened by the browser instead.
  const drop = $('drop');
  const carriesInput = (ev) => ev.dataTransfer && [...ev.dataTransfer.types].some((ty) => ty === 'Files' || ty === 'text/plain');
  window.addEventListener('dragover', (ev) => {
    if (!carriesInput(ev)) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'copy';
    drop.classList.add('over');
  });
  window.addEventListener('dragleave', (ev) => {
    if (!ev.relatedTarget) drop.classList.remove('over');
  });
  window.addEventListener('drop', (ev) => {
    drop.classList.remove('over');
    if (!ev.dataTransfer) return;
    const files = ev.dataTransfer.files;
    if (files && files.length) {
      ev.preventDefault();
      if (files.length > 1) {
        setState('error');
        setStatus(t('www_errorManyFiles'), true);
        return;
      }
      openFile(files[0]);
      return;
    }
    if (ev.target === box) {
      // Text dropped into the box lands where it is dropped; then the whole box is highlighted.
      setTimeout(analyzeBox, 0);
      return;
    }
    const text = ev.dataTransfer.getData('text/plain');
    if (!text) return;
    ev.preventDefault();
    if (text.length <= LARGE_CHARS) box.value = text;
    start(() => ({ text, title: firstLine(text) || t('www_sourcePaste'), source: t('www_sourcePaste') }));
  });

  renderLegends();
  setState('idle');
})();
