/*
 * Sourcelight highlighter — shared by the extension's content script and the www demo.
 *
 * Draws findings with the CSS Custom Highlight API: one `Highlight` per category, registered as
 * `sourcelight-<category>` and styled by highlights.css (generated from palette.json). This never
 * touches the page's DOM, so layout and page scripts are unaffected. Only where the API is missing
 * does it fall back to wrapping text in <mark> elements, and it removes them again on clear.
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

  // Editorial wording often sits inside an anonymous-source phrase; draw it on top.
  const PRIORITY = { quote: 0, anonymous_source: 1, editorial: 2 };

  function supportsHighlightApi(win) {
    return !!(win.CSS && win.CSS.highlights && typeof win.Highlight === 'function');
  }

  /**
   * @param {Window} win the window whose document gets the highlights
   * @param {{forceMarks?: boolean}} [opts]
   */
  function create(win, opts) {
    const doc = win.document;
    const useApi = supportsHighlightApi(win) && !(opts && opts.forceMarks);
    let names = new Set();
    let marks = [];

    function clear() {
      if (useApi) {
        for (const n of names) win.CSS.highlights.delete(n);
      } else {
        unwrapMarks(marks);
      }
      names = new Set();
      marks = [];
    }

    /**
     * Draws `findings` (UTF-16 offsets into `map.text`). Returns the drawn entries, each with its
     * finding, its palette key and its Range (for hover cards and jump-to), plus how many were
     * dropped because the text changed underneath.
     */
    function draw(map, findings, filter) {
      clear();
      const groups = new Map();
      const drawn = [];
      let dropped = 0;
      for (let i = 0; i < findings.length; i++) {
        const f = findings[i];
        const key = categoryOf(f);
        if (filter && !filter(f, key)) continue;
        const range = NS.textmap.rangeFor(map, f.span.start, f.span.end, doc);
        if (!range) {
          dropped++;
          continue;
        }
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(range);
        drawn.push({ index: i, finding: f, key, range });
      }
      if (useApi) {
        for (const [key, ranges] of groups) {
          const h = new win.Highlight(...ranges);
          h.priority = prio(key);
          const name = highlightName(key);
          win.CSS.highlights.set(name, h);
          names.add(name);
        }
      } else {
        marks = wrapInMarks(doc, drawn);
      }
      return { drawn, dropped, mode: useApi ? 'highlight-api' : 'mark' };
    }

    return { draw, clear, mode: useApi ? 'highlight-api' : 'mark' };
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

  function prio(key) {
    return PRIORITY[key.split('.')[0]] || 0;
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

  NS.highlighter = { create, categoryOf, highlightName, supportsHighlightApi };
})(typeof globalThis !== 'undefined' ? globalThis : self);
