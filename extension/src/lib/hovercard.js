/*
 * Sourcelight hover card — shared by the extension's content script and the www demo.
 *
 * Explains the highlight under the pointer (or under the text caret, or the one a keyboard user
 * jumped to): its category and subtype, the note, and for a quote who said it (`anonymous` when
 * the speaker is not named). The Highlight API has no events, so the pointer is mapped to a text
 * position (caretPositionFromPoint / caretRangeFromPoint), the drawn ranges there are looked up,
 * and the range's own client rects confirm the pointer is really over it; all of it at most once
 * per animation frame.
 *
 * The card lives in a shadow root on a host element marked `data-sourcelight-ui` (text collection
 * skips it), created when a card is shown and removed when it hides, so the page's DOM is exactly
 * as before whenever no card is on screen. It is `position: fixed` and never takes pointer events:
 * the page does not move or lose a click. Styles are set through the CSSOM (inline, !important):
 * page CSS cannot reach into the shadow root, and a page's Content-Security-Policy does not block
 * them. Page text goes in with textContent only.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  const HOST_TAG = 'sourcelight-card';
  const MAX_ENTRIES = 3;
  const HIDE_DELAY_MS = 120;
  // The highlighted words, shortened: a card can explain two nested highlights, and says which is which.
  const EXCERPT = 90;

  const THEMES = {
    light: { bg: '#ffffff', fg: '#111827', muted: '#4b5563', line: '#d1d5db', shadow: '0 6px 24px rgba(0,0,0,.18)' },
    dark: { bg: '#1f2937', fg: '#f3f4f6', muted: '#c4cad3', line: '#4b5563', shadow: '0 6px 24px rgba(0,0,0,.5)' },
  };

  function css(el, props) {
    for (const [k, v] of Object.entries(props)) el.style.setProperty(k, v, 'important');
    return el;
  }

  function caretAt(doc, x, y) {
    if (typeof doc.caretPositionFromPoint === 'function') {
      const p = doc.caretPositionFromPoint(x, y);
      return p && p.offsetNode ? { node: p.offsetNode, offset: p.offset } : null;
    }
    if (typeof doc.caretRangeFromPoint === 'function') {
      const r = doc.caretRangeFromPoint(x, y);
      return r ? { node: r.startContainer, offset: r.startOffset } : null;
    }
    return null;
  }

  function rectUnder(range, x, y) {
    for (const r of range.getClientRects()) {
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return r;
    }
    return null;
  }

  const length = (e) => e.text.length;

  /**
   * @param {Window} win
   * @param {{t: (key: string, subs?: unknown) => string,
   *          lookup: (node: Node, offset: number) => object[],
   *          colors: () => Record<string, {color: string, fill: string, style: string, thickness: number}>,
   *          dark: () => boolean}} opts
   */
  function create(win, opts) {
    const doc = win.document;
    const { t } = opts;
    let host = null;
    let shown = []; // entries on the card
    let enabled = false;
    let pointer = null;
    let frame = 0;
    let hideTimer = null;
    let pinned = null; // the entry a keyboard user jumped to: the card follows it when the page scrolls

    // ---- the card ----

    function buildCard(entries, announce) {
      const theme = THEMES[opts.dark() ? 'dark' : 'light'];
      const colors = opts.colors();
      host = doc.createElement(HOST_TAG);
      host.setAttribute('data-sourcelight-ui', '');
      css(host, { all: 'initial', position: 'fixed', top: '0', left: '0', width: '0', height: '0', 'z-index': '2147483647', 'pointer-events': 'none', display: 'block' });
      const shadow = host.attachShadow({ mode: 'open' });
      const card = css(doc.createElement('div'), {
        position: 'fixed', left: '0', top: '0', visibility: 'hidden', 'box-sizing': 'border-box',
        'max-width': 'min(340px, calc(100vw - 16px))', padding: '10px 12px', 'border-radius': '8px',
        border: `1px solid ${theme.line}`, background: theme.bg, color: theme.fg, 'box-shadow': theme.shadow,
        font: '13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', 'text-align': 'left',
        'white-space': 'normal', 'overflow-wrap': 'anywhere', 'letter-spacing': 'normal', 'text-transform': 'none',
      });
      card.className = 'card';
      card.setAttribute('role', announce ? 'status' : 'tooltip');
      if (announce) card.setAttribute('aria-live', 'polite');
      entries.forEach((e, i) => card.append(section(e, i, theme, colors)));
      shadow.append(card);
      doc.documentElement.append(host);
      return card;
    }

    function section(e, i, theme, colors) {
      const f = e.finding;
      const s = css(doc.createElement('div'), i ? { 'margin-top': '8px', 'padding-top': '8px', 'border-top': `1px solid ${theme.line}` } : {});
      s.className = 'entry';
      s.dataset.kind = f.kind;
      const head = css(doc.createElement('div'), { display: 'flex', 'align-items': 'center', gap: '6px', 'font-weight': '600' });
      const c = colors[e.key] || colors[f.kind] || { color: theme.fg, fill: 'transparent', style: 'solid', thickness: 2 };
      const swatch = NS.palette.swatch(doc, c);
      const label = doc.createElement('span');
      label.className = 'category';
      const sub = t(NS.i18n.keys.subtype(f.kind, f.subtype));
      label.textContent = t(NS.i18n.keys.kind(f.kind)) + (sub && !sub.startsWith('sub_') ? ' · ' + sub : '');
      head.append(swatch, label);
      const excerpt = css(doc.createElement('p'), { margin: '4px 0 0', padding: '0', 'font-style': 'italic', color: theme.muted });
      excerpt.className = 'excerpt';
      excerpt.textContent = `“${e.text.length > EXCERPT ? e.text.slice(0, EXCERPT - 1) + '…' : e.text}”`;
      s.append(head, excerpt);
      if (f.note) {
        const note = css(doc.createElement('p'), { margin: '4px 0 0', padding: '0' });
        note.className = 'note';
        note.textContent = f.note;
        s.append(note);
      }
      if (f.kind === 'quote') s.append(speakerLine(f, theme));
      return s;
    }

    function speakerLine(f, theme) {
      const p = css(doc.createElement('p'), { margin: '4px 0 0', padding: '0', color: theme.muted });
      p.className = 'speaker';
      const sp = f.speaker;
      const b = css(doc.createElement('span'), { 'font-weight': '600', color: theme.fg });
      if (!sp || !sp.name) {
        b.textContent = t('src_unknown');
        p.append(t('cardSpeaker') + ' ', b);
        return p;
      }
      if (sp.source_type === 'unknown') {
        // `The ministry`, `The cable`: a name of sorts, with no kind of source to add.
        b.textContent = NS.i18n.speakerName(sp, t);
        p.append(t('cardSpeaker') + ' ', b);
        return p;
      }
      if (sp.source_type === 'anonymous') {
        b.textContent = t('cardAnonymous');
        p.append(t('cardSpeaker') + ' ', b, ` (${sp.name})`);
        return p;
      }
      b.textContent = sp.name;
      p.append(t('cardSpeaker') + ' ', b, ` · ${t(NS.i18n.keys.source(sp.source_type))}`);
      return p;
    }

    function place(card, anchor) {
      const vw = doc.documentElement.clientWidth || win.innerWidth;
      const vh = doc.documentElement.clientHeight || win.innerHeight;
      const w = card.offsetWidth;
      const h = card.offsetHeight;
      let top = anchor.bottom + 8;
      if (top + h > vh - 8 && anchor.top - 8 - h >= 8) top = anchor.top - 8 - h;
      const left = Math.max(8, Math.min(anchor.left, vw - w - 8));
      css(card, { left: `${Math.round(left)}px`, top: `${Math.round(Math.max(8, top))}px`, visibility: 'visible' });
    }

    /** Shows a card for `entries` next to `anchor` (a DOMRect); `announce` for keyboard users. */
    function show(entries, anchor, announce) {
      clearTimeout(hideTimer);
      const list = entries.slice().sort((a, b) => length(a) - length(b)).slice(0, MAX_ENTRIES);
      if (host && sameEntries(list) && !announce) return;
      removeHost();
      shown = list;
      place(buildCard(list, announce), anchor);
    }

    const sameEntries = (list) => list.length === shown.length && list.every((e, i) => e === shown[i]);

    function removeHost() {
      if (host) host.remove();
      host = null;
      shown = [];
      pinned = null;
    }

    function hide() {
      clearTimeout(hideTimer);
      removeHost();
    }

    function hideSoon() {
      if (!host || hideTimer) return;
      hideTimer = setTimeout(() => {
        hideTimer = null;
        removeHost();
      }, HIDE_DELAY_MS);
    }

    // ---- pointer and caret ----

    function hitTest(x, y) {
      const pos = caretAt(doc, x, y);
      if (!pos) return hideSoon();
      const hits = [];
      let anchor = null;
      for (const e of opts.lookup(pos.node, pos.offset)) {
        const r = rectUnder(e.range, x, y);
        if (r) {
          hits.push(e);
          anchor = anchor || r;
        }
      }
      if (hits.length) show(hits, anchor, false);
      else hideSoon();
    }

    function onFrame() {
      frame = 0;
      if (pointer) hitTest(pointer.x, pointer.y);
    }

    function onPointerMove(ev) {
      if (ev.pointerType === 'touch') return;
      pointer = { x: ev.clientX, y: ev.clientY };
      if (!frame) frame = win.requestAnimationFrame(onFrame);
    }

    function onSelection() {
      const sel = doc.getSelection();
      if (!sel || !sel.isCollapsed || !sel.rangeCount || !sel.focusNode) return;
      const hits = opts.lookup(sel.focusNode, sel.focusOffset);
      if (!hits.length) return;
      const rects = sel.getRangeAt(0).getClientRects();
      const anchor = rects.length ? rects[0] : hits[0].range.getBoundingClientRect();
      show(hits, anchor, true);
    }

    function onScroll() {
      if (!pinned) return hide();
      const card = host && host.shadowRoot.firstChild;
      if (card) place(card, firstRect(pinned));
    }

    function onKey(ev) {
      if (ev.key === 'Escape') hide();
    }

    function enable() {
      if (enabled) return;
      enabled = true;
      win.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
      win.addEventListener('scroll', onScroll, { capture: true, passive: true });
      win.addEventListener('keydown', onKey, { capture: true, passive: true });
      doc.addEventListener('selectionchange', onSelection, { passive: true });
    }

    function disable() {
      if (!enabled) return;
      enabled = false;
      win.removeEventListener('pointermove', onPointerMove, { capture: true });
      win.removeEventListener('scroll', onScroll, { capture: true });
      win.removeEventListener('keydown', onKey, { capture: true });
      doc.removeEventListener('selectionchange', onSelection);
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
      pointer = null;
      hide();
    }

    /** Shows the card for one entry at its first line (jump-to and keyboard stepping). */
    function showFor(entry) {
      show([entry], firstRect(entry), true);
      pinned = entry;
    }

    function firstRect(entry) {
      const rects = entry.range.getClientRects();
      return rects.length ? rects[0] : entry.range.getBoundingClientRect();
    }

    return { enable, disable, show, showFor, hide, isShown: () => !!host, host: () => host };
  }

  NS.hovercard = { create, HOST_TAG };
})(typeof globalThis !== 'undefined' ? globalThis : self);
