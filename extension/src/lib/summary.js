/*
 * Sourcelight summary panel — shared by the extension's popup and the www demo.
 *
 * Renders a page report (lib/report.js) into a container: counts per category with a switch each,
 * attributions by type as a small bar chart, who is quoted and how often, and every highlight
 * grouped by category as a button that jumps to it. Plus a legend of the palette. DOM only, no
 * extension API; what happens on a switch or a jump is the caller's (callbacks). Page text goes in
 * with textContent only. Styles: lib/summary.css (classes prefixed `sl-`). Needs lib/palette.js,
 * lib/report.js and lib/i18n.js.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  const KIND_COLOR_KEY = { quote: 'quote', anonymous_source: 'anonymous_source', editorial: 'editorial.loaded' };
  const CHART_TYPES = ['named_person', 'named_organisation', 'anonymous', 'secondhand', 'vague'];
  const MAX_SPEAKERS = 12;
  const MAX_ITEMS_PER_KIND = 300;
  const EXCERPT = 140;

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function swatch(doc, c) {
    const s = NS.palette.swatch(doc, c);
    s.className = 'sl-swatch';
    return s;
  }

  function section(doc, id, title) {
    const s = el(doc, 'section', 'sl-section');
    const h = el(doc, 'h2', 'sl-h', title);
    h.id = id;
    s.setAttribute('aria-labelledby', id);
    s.append(h);
    return s;
  }

  /**
   * @param {Element} container emptied and filled
   * @param {object} report from NS.report.build
   * @param {{t: Function, colors: object, hidden?: Set<string>, idPrefix?: string,
   *          onToggle?: (kind: string, visible: boolean) => void, onJump?: (id: number) => void}} opts
   */
  function render(container, report, opts) {
    const doc = container.ownerDocument;
    const { t, colors } = opts;
    const K = NS.i18n.keys;
    const hidden = opts.hidden || new Set();
    const pre = opts.idPrefix || 'sl';
    container.textContent = '';

    // Counts per category, each with its switch.
    const counts = section(doc, `${pre}-counts`, t('countsTitle'));
    const ul = el(doc, 'ul', 'sl-counts');
    for (const kind of NS.report.KINDS) {
      const li = el(doc, 'li');
      li.dataset.kind = kind;
      const label = el(doc, 'label', 'sl-toggle');
      const box = el(doc, 'input');
      box.type = 'checkbox';
      box.checked = !hidden.has(kind);
      box.dataset.toggle = kind;
      box.setAttribute('aria-label', t('showKind', [t(K.kinds(kind))]));
      box.disabled = !opts.onToggle;
      box.addEventListener('change', () => opts.onToggle && opts.onToggle(kind, box.checked));
      label.append(box, swatch(doc, colors[KIND_COLOR_KEY[kind]]), el(doc, 'span', 'sl-label', t(K.kinds(kind))));
      const n = el(doc, 'span', 'sl-n', String(report.counts[kind] || 0));
      n.dataset.count = kind;
      li.append(label, n);
      ul.append(li);
    }
    counts.append(ul);
    // The wording and unnamed-source lexicons are English: say so where a page is partly or wholly
    // in another language, so that no highlights there does not read as a clean bill.
    if (report.other_language_words > 0) {
      const note = el(doc, 'p', 'sl-note', t('otherLanguage', [String(report.other_language_words)]));
      note.dataset.otherLanguage = String(report.other_language_words);
      counts.append(note);
    }
    container.append(counts);

    // Attributions by type: a bar chart that reads as a list.
    const attr = section(doc, `${pre}-attr`, t('attributionsTitle'));
    const total = CHART_TYPES.reduce((a, k) => a + (report.attributions[k] || 0), 0);
    const max = Math.max(1, ...CHART_TYPES.map((k) => report.attributions[k] || 0));
    const bars = el(doc, 'ul', 'sl-bars');
    for (const k of CHART_TYPES) {
      const n = report.attributions[k] || 0;
      const li = el(doc, 'li');
      li.dataset.type = k;
      const bar = el(doc, 'span', 'sl-bar');
      bar.setAttribute('aria-hidden', 'true');
      const fill = el(doc, 'span', `sl-bar-fill sl-bar-${k}`);
      fill.style.width = `${(100 * n) / max}%`;
      bar.append(fill);
      const value = el(doc, 'span', 'sl-n', String(n));
      value.dataset.attr = k;
      li.append(el(doc, 'span', 'sl-bar-label', t(K.source(k))), bar, value);
      bars.append(li);
    }
    attr.append(bars);
    if (total) {
      const share = Math.round(100 * (report.attributions.anonymous || 0) / total);
      attr.append(el(doc, 'p', 'sl-note', t('anonymousShare', [String(share)])));
    } else {
      attr.append(el(doc, 'p', 'sl-note', t('attributionsNone')));
    }
    container.append(attr);

    // Who is quoted.
    const who = section(doc, `${pre}-speakers`, t('speakersTitle'));
    if (!report.speakers.length) {
      who.append(el(doc, 'p', 'sl-note', t('speakersNone')));
    } else {
      const ol = el(doc, 'ol', 'sl-speakers');
      for (const s of report.speakers.slice(0, MAX_SPEAKERS)) {
        const li = el(doc, 'li');
        const name = NS.i18n.speakerName(s, t);
        li.append(el(doc, 'span', 'sl-name', name), el(doc, 'span', 'sl-type', t(K.source(s.source_type))), el(doc, 'span', 'sl-n', t('speakerQuotes', [String(s.quotes)])));
        ol.append(li);
      }
      who.append(ol);
      if (report.speakers.length > MAX_SPEAKERS) who.append(el(doc, 'p', 'sl-note', t('andMore', [String(report.speakers.length - MAX_SPEAKERS)])));
    }
    container.append(who);

    // Every highlight, grouped by category.
    const list = section(doc, `${pre}-list`, t('highlightsTitle'));
    for (const kind of NS.report.KINDS) {
      const items = report.highlights.filter((h) => h.kind === kind);
      if (!items.length) continue;
      // The report may list the first highlights only; its counts cover them all.
      const total = Math.max(report.counts[kind] || 0, items.length);
      const group = el(doc, 'div', 'sl-group');
      group.dataset.kind = kind;
      const h3 = el(doc, 'h3', 'sl-h3');
      h3.append(swatch(doc, colors[KIND_COLOR_KEY[kind]]), el(doc, 'span', '', `${t(K.kinds(kind))} (${total})`));
      const ul2 = el(doc, 'ul', 'sl-items');
      for (const h of items.slice(0, MAX_ITEMS_PER_KIND)) {
        const li = el(doc, 'li');
        const b = el(doc, 'button', 'sl-item');
        b.type = 'button';
        b.dataset.id = String(h.id);
        const text = h.text.length > EXCERPT ? h.text.slice(0, EXCERPT - 1) + '…' : h.text;
        b.append(el(doc, 'span', 'sl-text', kind === 'quote' ? `“${text}”` : text));
        const sub = t(K.subtype(h.kind, h.subtype));
        const meta = h.speaker ? (h.speaker.source_type === 'anonymous' ? t('cardAnonymous') : NS.i18n.speakerName(h.speaker, t)) : sub;
        b.append(el(doc, 'span', 'sl-meta', meta));
        b.disabled = !opts.onJump;
        b.addEventListener('click', () => opts.onJump && opts.onJump(h.id));
        li.append(b);
        ul2.append(li);
      }
      group.append(h3, ul2);
      const shown = Math.min(items.length, MAX_ITEMS_PER_KIND);
      if (total > shown) group.append(el(doc, 'p', 'sl-note', t('andMore', [String(total - shown)])));
      list.append(group);
    }
    if (!report.highlights.length) list.append(el(doc, 'p', 'sl-note', t('highlightsNone')));
    container.append(list);
  }

  /** The legend: every category of the palette with its sample and name. */
  function legend(container, opts) {
    const doc = container.ownerDocument;
    container.textContent = '';
    const ul = el(doc, 'ul', 'sl-legend');
    for (const [key, c] of Object.entries(opts.colors)) {
      const li = el(doc, 'li');
      li.dataset.key = key;
      li.append(swatch(doc, c), el(doc, 'span', 'sl-label', opts.t(NS.i18n.keys.category(key))));
      ul.append(li);
    }
    container.append(ul);
  }

  NS.summary = { render, legend };
})(typeof globalThis !== 'undefined' ? globalThis : self);
