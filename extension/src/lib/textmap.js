/*
 * Sourcelight text map — shared by the extension's content script and the www demo.
 *
 * Collects the visible text under a root as one string for the core, with a line break at every
 * block boundary (so sentences from different paragraphs never merge), and keeps, for every text
 * node, where its characters start in that string. Offsets from the core (UTF-16 code units, as the
 * DOM counts) then map straight back to DOM Ranges.
 *
 * Each text node contributes exactly its own length: whitespace inside it (newlines from HTML
 * source formatting, tabs) is replaced by spaces one-for-one, never collapsed, so the mapping is a
 * plain addition. The page itself is only read, never changed.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  // Subtrees whose text is not article prose, or not visible.
  const SKIP = new Set([
    'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'SVG',
    'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'META', 'LINK',
  ]);

  // Elements that start a new line of text when rendered.
  const BLOCK = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL',
    'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
    'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
    'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'HTML',
  ]);

  const WS = /[\n\r\t\f\v\u2028\u2029]/g;

  /**
   * Whether an element's text is hidden from the reader. `parentShown`: the walk reached `el`
   * through its parent, already found shown, so only the element's own style decides. That keeps
   * the check constant-time: checkVisibility looks at every ancestor, which over 10,000 nested
   * elements is tens of millions of steps. It also reads through `display: contents` wrappers,
   * which have no box of their own and which checkVisibility calls hidden.
   */
  function isHidden(el, parentShown) {
    if (el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
    if (el.isContentEditable && el.getAttribute('contenteditable') !== null) return true;
    const win = el.ownerDocument.defaultView;
    // A document that is not rendered (a saved page the www demo parses without showing it) has no
    // boxes, and checkVisibility calls everything in it hidden: only inline styles tell.
    if (!win) return !!el.style && (el.style.display === 'none' || el.style.visibility === 'hidden');
    if (parentShown) {
      const cs = win.getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse' || cs.contentVisibility === 'hidden') return true;
      // A closed <details> hides all but its summary without any style on the children themselves.
      const p = el.parentElement;
      return !!p && p.localName === 'details' && !p.open && el.localName !== 'summary';
    }
    if (typeof el.checkVisibility === 'function') {
      return !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false });
    }
    return false;
  }

  /**
   * Collects the text under `rootNode`, as a generator for NS.slice (it yields once per node).
   * @param {Node} rootNode
   * @param {{maxChars?: number, skip?: (el: Element) => boolean}} [opts]
   * @returns {Generator<void, {text: string, nodes: Text[], starts: number[], truncated: boolean}>}
   */
  function* collectSteps(rootNode, opts) {
    const maxChars = (opts && opts.maxChars) || 8_000_000;
    const extraSkip = opts && opts.skip;
    const parts = [];
    const nodes = [];
    const starts = [];
    let length = 0;
    let hasText = false;
    let pendingBreak = false;
    let truncated = false;

    const breakLine = () => {
      if (hasText) pendingBreak = true;
    };

    // Iterative walk: deep trees (10,000 levels) must not overflow the stack.
    const stack = [{ node: rootNode, exit: false }];
    while (stack.length) {
      yield;
      const { node, exit } = stack.pop();
      if (exit) {
        breakLine();
        continue;
      }
      if (node.nodeType === 3) {
        const data = node.data;
        if (!data) continue;
        const visible = /\S/.test(data);
        if (pendingBreak && visible) {
          parts.push('\n');
          length += 1;
          pendingBreak = false;
        }
        hasText = hasText || visible;
        if (length + data.length > maxChars) {
          truncated = true;
          break;
        }
        nodes.push(node);
        starts.push(length);
        parts.push(data.replace(WS, ' '));
        length += data.length;
        continue;
      }
      if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
      if (node.nodeType === 1) {
        const tag = node.tagName.toUpperCase();
        if (SKIP.has(tag) || node.namespaceURI === 'http://www.w3.org/2000/svg') continue;
        if (node.hasAttribute('data-sourcelight-ui')) continue; // our own hover card host
        if (isHidden(node, node !== rootNode) || (extraSkip && extraSkip(node))) continue;
        if (BLOCK.has(tag)) {
          breakLine();
          stack.push({ node, exit: true });
        }
      }
      const kids = node.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
    }
    return { text: parts.join(''), nodes, starts, truncated };
  }

  /** Collects the text under `rootNode` in one go (see collectSteps). */
  function collect(rootNode, opts) {
    return NS.slice.runSync(collectSteps(rootNode, opts));
  }

  /** Index of the text node holding UTF-16 offset `pos` (the last node starting at or before it). */
  function nodeIndexAt(map, pos) {
    const s = map.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * A DOM Range for the text offsets [start, end), or null when the text under the map has
   * changed since it was collected (then the highlight is dropped, never misplaced).
   */
  function rangeFor(map, start, end, doc) {
    if (!map.nodes.length || end <= start) return null;
    const a = nodeIndexAt(map, start);
    const b = nodeIndexAt(map, end - 1);
    const na = map.nodes[a];
    const nb = map.nodes[b];
    const offA = start - map.starts[a];
    const offB = end - map.starts[b];
    if (!na.isConnected || !nb.isConnected) return null;
    if (offA < 0 || offA > na.data.length || offB < 0 || offB > nb.data.length) return null;
    if (map.snapshots && (map.snapshots[a] !== na.data || map.snapshots[b] !== nb.data)) return null;
    const r = (doc || na.ownerDocument).createRange();
    r.setStart(na, offA);
    r.setEnd(nb, offB);
    return r;
  }

  /** Remembers each node's text so later changes can be detected. */
  function snapshot(map) {
    map.snapshots = map.nodes.map((n) => n.data);
    return map;
  }

  NS.textmap = { collect, collectSteps, rangeFor, snapshot, nodeIndexAt, isHidden, BLOCK, SKIP };
})(typeof globalThis !== 'undefined' ? globalThis : self);
