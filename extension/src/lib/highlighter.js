/*
 * Sourcelight highlighter — shared by the extension's content script and the www demo.
 *
 * Draws findings with the CSS Custom Highlight API: one `Highlight` per category, registered as
 * `sourcelight-<category>` and styled by the palette stylesheet (generated from palette.json). This
 * never touches the page's DOM, so layout and page scripts are unaffected. Only where the API is
 * missing does it fall back to wrapping text in <mark> elements, and it removes them again on clear.
 *
 * Drawn entries are grouped by a tag (the content script draws each part of a dynamic page under
 * its own tag), can be hidden per kind, looked up by a point in the text (hover cards) and checked
 * against the page: an entry whose text changed is dropped, never left on the wrong words.
 *
 * With `nearViewport`, a page with many thousands of entries has only those near the viewport
 * registered in the `Highlight` objects (see WINDOW_ABOVE): every entry is still kept, counted,
 * looked up and pruned; only what the browser has to paint follows the reader's scrolling.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  /** The palette key of a finding: `quote`, `quote.partial`, `anonymous_source`, `editorial.loaded`… */
  function categoryOf(f) {
    if (f.kind === 'editorial') return 'editorial.' + f.subtype;
    if (f.kind === 'quote' && f.subtype === 'partial') return 'quote.partial';
    return f.kind;
  }

  /** The registered highlight name of a palette key (CSS identifiers cannot contain dots). */
  function highlightName(key) {
    return 'sourcelight-' + key.replace(/[^a-z0-9_-]/gi, '-');
  }

  const FLASH = 'sourcelight-flash';

  // Above this many entries only those near the viewport are registered. The browsers' own rendering
  // grows with every registered range (Chromium rebuilds the markers of all of them in each frame
  // where a highlight or the DOM changes): 10,000 ranges cost a frame of 24 ms in Chromium and 28 ms
  // in Firefox, 5,000 in proportion 12–14 ms, under the 16 ms of a frame. The 188 saved real pages
  // have at most about 200 and keep all registered; a long page of a few thousand quotes still
  // shows (and lets page scripts list) every one.
  const WINDOW_ABOVE = 5000;
  // Registered around the viewport: this many screens above it and below it, so a scroll of less
  // than a screen between two frames never shows unhighlighted text.
  const MARGIN_SCREENS = 1;
  // Hidden text has no box: the window search looks this many entries further for one that has.
  const PROBE_SPAN = 8;

  // Editorial wording often sits inside an anonymous-source phrase; draw it on top.
  const PRIORITY = { quote: 0, anonymous_source: 1, editorial: 2 };

  function supportsHighlightApi(win) {
    return !!(win.CSS && win.CSS.highlights && typeof win.Highlight === 'function');
  }

  function prio(key) {
    return PRIORITY[key.split('.')[0]] || 0;
  }

  /**
   * @param {Window} win the window whose document gets the highlights
   * @param {{forceMarks?: boolean, nearViewport?: boolean}} [opts] nearViewport: above WINDOW_ABOVE
   *   entries, register only those near the viewport (the extension; the www demo draws its text
   *   whole, out of sight, and shows it at once)
   */
  function create(win, opts) {
    const doc = win.document;
    const useApi = supportsHighlightApi(win) && !(opts && opts.forceMarks);
    const windowAbove = opts && opts.nearViewport ? WINDOW_ABOVE : Infinity;
    const entries = new Set();
    const groups = new Map(); // palette key → Highlight
    const byNode = new Map(); // Text → entries covering it (hover lookup)
    const drawnText = new WeakMap(); // Text → its data when it was drawn on
    const perKey = new Map(); // palette key → how many entries it has
    const registered = new Set(); // entries whose range is in their Highlight
    let tagLists = null; // tag → its entries, kept while entries are only added
    let frame = 0;
    let following = false;
    let focus = null; // the entry jumped to: its neighbourhood stays registered while it flashes
    let hidden = new Set(); // kinds not shown
    let marks = [];
    let nextId = 1;
    let flashTimer = null;

    function groupFor(key) {
      let g = groups.get(key);
      if (!g) {
        g = new win.Highlight();
        g.priority = prio(key);
        groups.set(key, g);
        if (!hidden.has(key.split('.')[0])) win.CSS.highlights.set(highlightName(key), g);
      }
      return g;
    }

    function register(e) {
      groupFor(e.key).add(e.range);
      registered.add(e);
    }

    function unregister(e) {
      if (registered.delete(e)) groups.get(e.key).delete(e.range);
    }

    // Findings of drawings still under way: a page that will end above the threshold is drawn
    // windowed from its first entry. Registering thousands only to take them out again costs the
    // browser frames of their own (over 50 ms in Firefox for 5,000 ranges in one text node).
    let incoming = 0;
    const windowed = () => entries.size + incoming > windowAbove;

    function index(e, map, a, b) {
      for (let i = a; i <= b; i++) {
        const n = map.nodes[i];
        let list = byNode.get(n);
        if (!list) byNode.set(n, (list = []));
        list.push(e);
      }
      e.nodes = map.nodes.slice(a, b + 1);
      e.startOffset = e.range.startOffset;
      e.endOffset = e.range.endOffset;
      for (const n of e.nodes) drawnText.set(n, n.data);
    }

    function unindex(e) {
      for (const n of e.nodes) {
        const list = byNode.get(n);
        if (!list) continue;
        const i = list.indexOf(e);
        if (i >= 0) list.splice(i, 1);
        if (!list.length) byNode.delete(n);
      }
    }

    /**
     * Draws `findings` (UTF-16 offsets into `map.text`) under `tag`, as a generator for NS.slice.
     * Returns the drawn entries ({id, tag, index, finding, key, range, text}) and how many were
     * dropped because the text changed underneath.
     */
    function* addSteps(map, findings, tag, filter) {
      const drawn = [];
      let dropped = 0;
      incoming += findings.length;
      let i = 0;
      try {
        for (; i < findings.length; i++) {
          yield;
          incoming--;
          if (!drawOne(map, findings, i, tag, filter, drawn)) dropped++;
        }
      } finally {
        // Cancelled part-way (NS.slice returns the generator): what was not drawn is not coming.
        incoming -= findings.length - i;
      }
      if (!useApi) rewrap();
      return { drawn, dropped };
    }

    /** Draws finding `i`; false when its text changed underneath (it is dropped). */
    function drawOne(map, findings, i, tag, filter, drawn) {
      const f = findings[i];
      const key = categoryOf(f);
      if (filter && !filter(f, key)) return true;
      const range = NS.textmap.rangeFor(map, f.span.start, f.span.end, doc);
      if (!range) return false;
      const e = { id: nextId++, tag, index: i, finding: f, key, range, text: map.text.slice(f.span.start, f.span.end), nodes: [] };
      index(e, map, NS.textmap.nodeIndexAt(map, f.span.start), NS.textmap.nodeIndexAt(map, f.span.end - 1));
      entries.add(e);
      perKey.set(key, (perKey.get(key) || 0) + 1);
      if (tagLists) file(e);
      if (useApi) {
        groupFor(key);
        if (windowed()) schedule();
        else register(e);
      }
      drawn.push(e);
      return true;
    }

    function add(map, findings, tag, filter) {
      return NS.slice.runSync(addSteps(map, findings, tag, filter));
    }

    /** Removes entries (all of them, or those of one tag, or a given list). */
    function remove(which) {
      const list = which === undefined ? [...entries] : Array.isArray(which) ? which : [...entries].filter((e) => e.tag === which);
      for (const e of list) {
        if (!entries.delete(e)) continue;
        unindex(e);
        tagLists = null;
        unregister(e);
        const left = perKey.get(e.key) - 1;
        if (left) perKey.set(e.key, left);
        else {
          perKey.delete(e.key);
          // A category without entries stays out of CSS.highlights, which page scripts can list.
          if (useApi) win.CSS.highlights.delete(highlightName(e.key));
          groups.delete(e.key);
        }
      }
      if (!useApi && list.length) rewrap();
      // Fewer entries: a window may now hold other ones, or everything may fit again.
      if (useApi && list.length && registered.size < entries.size) schedule();
      return list;
    }

    /** Moves entries from one tag to another (a part of the page redrawn under a new tag). */
    function retag(from, to) {
      for (const e of entries) if (e.tag === from) e.tag = to;
      tagLists = null;
    }

    function clear() {
      remove();
      if (useApi) {
        for (const key of groups.keys()) win.CSS.highlights.delete(highlightName(key));
        win.CSS.highlights.delete(FLASH);
      }
      groups.clear();
      byNode.clear();
      clearTimeout(flashTimer);
      focus = null;
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
      follow(false);
    }

    // ---- the window of registered entries on pages with very many ----

    function schedule() {
      if (!frame) frame = win.requestAnimationFrame(refresh);
    }

    /** Scrolling (the page's or any box's: capture) and resizing move the window, once a frame. */
    function follow(on) {
      if (on === following) return;
      following = on;
      const how = { capture: true, passive: true };
      if (on) {
        doc.addEventListener('scroll', schedule, how);
        win.addEventListener('resize', schedule, how);
      } else {
        doc.removeEventListener('scroll', schedule, how);
        win.removeEventListener('resize', schedule, how);
      }
    }

    /**
     * Registers what should be: every entry, or on a page with very many, those near the viewport
     * (and near the entry jumped to). Bounded work: it touches the registered entries and the new
     * window, a few thousand at most, never every entry of the page.
     */
    function refresh() {
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
      const many = windowed();
      const want = many ? windowEntries() : entries;
      let kept = 0;
      for (const e of registered) if (want.has(e)) kept++;
      // Firefox takes a range out of a Highlight in time linear in its size: leaving most of
      // them (the window first taking over from a page drawn whole) is cheaper by starting over.
      if (registered.size - kept > kept) {
        for (const g of groups.values()) g.clear();
        registered.clear();
      } else {
        for (const e of registered) if (!want.has(e)) unregister(e);
      }
      for (const e of want) if (!registered.has(e)) register(e);
      follow(many);
    }

    /**
     * The entries of each tag, each list in the order drawn: the core's, by offset, so in document
     * order. Each list is searched alone: while a part is redrawn, its old and new entries overlap.
     */
    function lists() {
      if (!tagLists) {
        tagLists = new Map();
        for (const e of entries) file(e);
      }
      return tagLists.values();
    }

    function file(e) {
      const list = tagLists.get(e.tag);
      if (list) list.push(e);
      else tagLists.set(e.tag, [e]);
    }

    /** The box of the first entry from `i` (before `end`) whose text has one, or null. */
    function boxFrom(list, i, end) {
      for (let j = i; j < end && j < i + PROBE_SPAN; j++) {
        const r = list[j].range.getBoundingClientRect();
        if (r.width || r.height) return { j, r };
      }
      return null;
    }

    /**
     * Binary search over entries in document order by their boxes (a few dozen
     * getBoundingClientRect calls, never one per entry): the first index where `test(box)` holds.
     * A stretch without boxes (hidden text) answers `unknown`, chosen so that it stays registered.
     */
    function search(list, test, unknown) {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const b = boxFrom(list, mid, hi);
        if (b ? test(b.r) : unknown) hi = mid;
        else lo = b ? b.j + 1 : Math.min(hi, mid + PROBE_SPAN);
      }
      return lo;
    }

    function windowEntries() {
      const screen = win.innerHeight;
      const want = new Set();
      const take = (top, bottom) => {
        for (const list of lists()) {
          const from = search(list, (r) => r.bottom >= top, true);
          const to = Math.min(search(list, (r) => r.top > bottom, false), from + WINDOW_ABOVE);
          for (let i = from; i < to; i++) want.add(list[i]);
        }
      };
      take(-screen * MARGIN_SCREENS, screen * (1 + MARGIN_SCREENS));
      if (focus && entries.has(focus)) {
        const r = focus.range.getBoundingClientRect();
        take(r.top - screen * (1 + MARGIN_SCREENS), r.bottom + screen * (1 + MARGIN_SCREENS));
      }
      return want;
    }

    /** Shows only the kinds not in `kinds` (quote, anonymous_source, editorial); counts stay. */
    function setHidden(kinds) {
      hidden = new Set(kinds);
      if (useApi) {
        for (const [key, g] of groups) {
          const name = highlightName(key);
          if (hidden.has(key.split('.')[0])) win.CSS.highlights.delete(name);
          else win.CSS.highlights.set(name, g);
        }
      } else {
        rewrap();
      }
    }

    const visible = (e) => !hidden.has(e.finding.kind);

    /**
     * Entries whose text changed since they were drawn (their nodes left the page, their text was
     * edited, or the range moved): removed from the page and returned. Cheap enough to run every
     * frame while a page changes: a highlight within one text node is checked by identity and
     * offsets; only one that spans several nodes (where something may be inserted in between)
     * compares its text.
     */
    function prune(tag) {
      // <mark> wrapping splits and merges the page's text nodes itself; that mode is redrawn whole.
      if (!useApi) return [];
      // The page changed: what is near the viewport may have moved.
      if (following) schedule();
      const stale = [];
      for (const e of entries) {
        if (tag !== undefined && e.tag !== tag) continue;
        const r = e.range;
        const first = e.nodes[0];
        const last = e.nodes[e.nodes.length - 1];
        let ok = r.startContainer === first && r.endContainer === last && r.startOffset === e.startOffset && r.endOffset === e.endOffset;
        for (let i = 0; ok && i < e.nodes.length; i++) ok = e.nodes[i].isConnected && e.nodes[i].data === drawnText.get(e.nodes[i]);
        if (ok && e.nodes.length > 1) ok = r.toString() === e.text;
        if (!ok) stale.push(e);
      }
      return remove(stale);
    }

    /** Visible entries covering the text position (node, offset). */
    function entriesAt(node, offset) {
      let list = byNode.get(node);
      if (!list && !useApi) list = [...entries]; // <mark> wrapping split the indexed nodes
      if (!list) return [];
      return list.filter((e) => {
        if (!visible(e)) return false;
        try {
          return e.range.isPointInRange(node, offset);
        } catch (err) {
          return false; // a node from another document
        }
      });
    }

    /**
     * Briefly marks an entry (jump-to), on top of its category's highlight. Called before scrolling
     * to it: its neighbourhood is registered at once, and stays so while the page scrolls there.
     */
    function flash(e, ms) {
      if (!useApi) return;
      clearTimeout(flashTimer);
      const h = new win.Highlight(e.range);
      h.priority = 10;
      win.CSS.highlights.set(FLASH, h);
      focus = e;
      if (windowed()) refresh();
      flashTimer = setTimeout(() => {
        win.CSS.highlights.delete(FLASH);
        focus = null;
        if (following) schedule();
      }, ms || 1200);
    }

    function rewrap() {
      unwrapMarks(marks);
      marks = wrapInMarks(doc, [...entries].filter(visible));
    }

    return {
      add,
      addSteps,
      remove,
      retag,
      clear,
      prune,
      setHidden,
      entriesAt,
      flash,
      entries: () => [...entries],
      visibleEntries: () => [...entries].filter(visible),
      mode: useApi ? 'highlight-api' : 'mark',
    };
  }

  // ---- <mark> fallback (only where the Highlight API is missing) ----

  function wrapInMarks(doc, drawn) {
    // Split every range into per-text-node pieces, then wrap from the end of the document
    // backwards so splitting a node never shifts an offset still to be used.
    const pieces = [];
    for (const d of drawn) {
      const r = d.range;
      const walker = doc.createTreeWalker(r.commonAncestorContainer, 4 /* SHOW_TEXT */);
      let node = r.startContainer.nodeType === 3 ? r.startContainer : walker.nextNode();
      if (r.startContainer.nodeType === 3) walker.currentNode = node;
      while (node) {
        if (r.intersectsNode(node)) {
          const s = node === r.startContainer ? r.startOffset : 0;
          const e = node === r.endContainer ? r.endOffset : node.data.length;
          if (e > s) pieces.push({ node, s, e, key: d.key });
        }
        if (node === r.endContainer) break;
        node = walker.nextNode();
      }
    }
    pieces.sort((a, b) => {
      // On the same node: later start first; at the same start, the kind drawn on top first.
      if (a.node === b.node) return b.s - a.s || prio(b.key) - prio(a.key);
      return a.node.compareDocumentPosition(b.node) & 4 /* FOLLOWING */ ? 1 : -1;
    });
    const made = [];
    // Overlapping pieces (a loaded word inside an unnamed-source phrase) cannot both be wrapped:
    // the later-starting one wins and the earlier one is cut short where it begins.
    const wrappedFrom = new Map();
    for (const p of pieces) {
      const limit = wrappedFrom.has(p.node) ? wrappedFrom.get(p.node) : Infinity;
      if (p.e > limit) p.e = limit;
      if (p.e <= p.s) continue;
      wrappedFrom.set(p.node, p.s);
      let target = p.node;
      if (p.e < target.data.length) target.splitText(p.e);
      if (p.s > 0) target = target.splitText(p.s);
      const m = doc.createElement('mark');
      m.className = 'sourcelight-mark ' + highlightName(p.key);
      m.setAttribute('data-sourcelight', p.key);
      target.parentNode.insertBefore(m, target);
      m.appendChild(target);
      made.push(m);
    }
    return made;
  }

  function unwrapMarks(marks) {
    const parents = new Set();
    for (const m of marks) {
      const parent = m.parentNode;
      if (!parent) continue;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parents.add(parent);
    }
    for (const p of parents) p.normalize();
  }

  NS.highlighter = { create, categoryOf, highlightName, supportsHighlightApi, WINDOW_ABOVE };
})(typeof globalThis !== 'undefined' ? globalThis : self);
