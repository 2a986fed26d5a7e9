/*
 * Sourcelight page report — shared by the extension and the www demo.
 *
 * Builds one report for a page from what is drawn on it (a dynamic page is analysed in parts:
 * counts, speakers and the highlight list come from the drawn highlights, so they always match the
 * page; attributions and word counts add up over the parts), and exports it as JSON or Markdown.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  const KINDS = ['quote', 'anonymous_source', 'editorial'];
  const SOURCE_TYPES = ['named_person', 'named_organisation', 'anonymous', 'secondhand', 'vague', 'unknown'];
  // Longest highlight text kept in a report (a quote can run for paragraphs).
  const MAX_TEXT = 400;

  const ratio = (a, b) => (b ? a / b : 0);

  /**
   * `entries` are the drawn highlights in reading order (the report lists them in that order; with
   * `maxPerKind`, only the first so many of each kind, the counts still covering all).
   * @param {{entries: {id: number, key: string, finding: object, text: string}[],
   *          summaries: object[], url?: string, title?: string, version?: string, generated?: string,
   *          maxPerKind?: number}} input
   */
  function build(input) {
    const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
    const subtypes = {};
    const speakers = new Map();
    let quotes = 0;
    let anonymousQuotes = 0;
    const highlights = [];
    for (const e of input.entries) {
      const f = e.finding;
      counts[f.kind] = (counts[f.kind] || 0) + 1;
      const st = `${f.kind}.${f.subtype}`;
      subtypes[st] = (subtypes[st] || 0) + 1;
      const sp = f.speaker && f.speaker.name ? { name: f.speaker.name, source_type: f.speaker.source_type } : null;
      if (f.kind === 'quote') {
        quotes++;
        if (sp && sp.source_type === 'anonymous') anonymousQuotes++;
        if (sp) {
          const id = sp.source_type + '\u0000' + sp.name;
          const s = speakers.get(id) || { name: sp.name, source_type: sp.source_type, quotes: 0 };
          s.quotes++;
          speakers.set(id, s);
        }
      }
      if (input.maxPerKind !== undefined && counts[f.kind] > input.maxPerKind) continue;
      highlights.push({
        id: e.id,
        key: e.key,
        kind: f.kind,
        subtype: f.subtype,
        text: e.text.length > MAX_TEXT ? e.text.slice(0, MAX_TEXT - 1) + '…' : e.text,
        note: f.note,
        rule: f.rule,
        speaker: sp,
      });
    }
    const attributions = Object.fromEntries(SOURCE_TYPES.map((k) => [k, 0]));
    let words = 0;
    let quotedWords = 0;
    let otherLanguageWords = 0;
    for (const s of input.summaries) {
      for (const [k, n] of Object.entries(s.attributions || {})) attributions[k] = (attributions[k] || 0) + n;
      words += s.words || 0;
      quotedWords += s.quoted_words || 0;
      otherLanguageWords += s.other_language_words || 0;
    }
    const totalAttributions = Object.values(attributions).reduce((a, b) => a + b, 0);
    return {
      tool: 'sourcelight',
      version: input.version || null,
      url: input.url || null,
      title: input.title || null,
      generated: input.generated || null,
      counts,
      subtypes,
      attributions,
      speakers: [...speakers.values()].sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name)),
      words,
      quoted_words: quotedWords,
      quoted_share: ratio(quotedWords, words),
      // Words in paragraphs in another language than English, where only quotes are looked for.
      other_language_words: otherLanguageWords,
      anonymous_attribution_share: ratio(attributions.anonymous || 0, totalAttributions),
      anonymous_quote_share: ratio(anonymousQuotes, quotes),
      highlights,
    };
  }

  function toJson(report) {
    return JSON.stringify(report, null, 2) + '\n';
  }

  // Page text is data: in Markdown it must not turn into links, emphasis, HTML or table cells.
  const md = (s) => String(s).replace(/\s+/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => '\\' + c);

  /** The report as Markdown, in the reader's language (`t` from NS.i18n). */
  function toMarkdown(report, t) {
    const K = NS.i18n.keys;
    const out = [];
    out.push(`# ${md(t('reportTitle', [report.title || report.url || '']))}`, '');
    const meta = [report.url ? `<${encodeURI(report.url)}>` : '', report.generated ? md(t('reportGenerated', [report.generated])) : ''].filter(Boolean);
    if (meta.length) out.push(meta.join(' · '), '');
    out.push(`## ${md(t('countsTitle'))}`, '', `| ${md(t('reportCategory'))} | ${md(t('reportCount'))} |`, '|---|---:|');
    for (const k of KINDS) out.push(`| ${md(t(K.kinds(k)))} | ${report.counts[k] || 0} |`);
    out.push('', `## ${md(t('attributionsTitle'))}`, '', `| ${md(t('reportSource'))} | ${md(t('reportCount'))} |`, '|---|---:|');
    for (const k of SOURCE_TYPES) {
      if (k === 'unknown' && !report.attributions[k]) continue;
      out.push(`| ${md(t(K.source(k)))} | ${report.attributions[k] || 0} |`);
    }
    out.push('', `## ${md(t('speakersTitle'))}`, '');
    if (!report.speakers.length) out.push(md(t('speakersNone')));
    for (const s of report.speakers) {
      const name = s.source_type === 'anonymous' ? s.name : NS.i18n.speakerName(s, t);
      out.push(`- ${md(name)} (${md(t(K.source(s.source_type)))}): ${md(t('speakerQuotes', [String(s.quotes)]))}`);
    }
    out.push('', `## ${md(t('highlightsTitle'))}`);
    for (const k of KINDS) {
      const list = report.highlights.filter((h) => h.kind === k);
      if (!list.length) continue;
      out.push('', `### ${md(t(K.kinds(k)))}`, '');
      for (const h of list) {
        const who = h.speaker ? ` — ${md(NS.i18n.speakerName(h.speaker, t))}` : '';
        out.push(`- “${md(h.text)}”${who} — ${md(t(K.subtype(h.kind, h.subtype)))}. ${h.note ? '_' + md(h.note) + '_' : ''}`.trimEnd());
      }
    }
    out.push('', md(t('reportFooter', [report.version || ''])), '');
    return out.join('\n');
  }

  /** Offers text as a file to save (a download; nothing leaves the computer). */
  function saveFile(doc, text, name, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /**
   * The copy and download buttons of an export bar (the popup's, the demo's), telling the reader
   * in `status` what happened: a page may refuse the clipboard.
   */
  function exporter(doc, status, t) {
    return {
      async copy(text) {
        try {
          await doc.defaultView.navigator.clipboard.writeText(text);
          status.textContent = t('copied');
        } catch (e) {
          status.textContent = t('copyFailed');
        }
      },
      download(text, name, type) {
        saveFile(doc, text, name, type);
        status.textContent = t('downloaded', [name]);
      },
    };
  }

  NS.report = { build, toJson, toMarkdown, saveFile, exporter, KINDS, SOURCE_TYPES };
})(typeof globalThis !== 'undefined' ? globalThis : self);
