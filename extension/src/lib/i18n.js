/*
 * Sourcelight messages — shared by the extension and the www demo.
 *
 * Every piece of UI takes a `t(key, substitutions)` function. In the extension it wraps the
 * browser's i18n API (the browser picks `_locales/<language>`); the demo builds one from a
 * `_locales/<language>/messages.json` it loaded, with the same placeholder rules. Messages are
 * only ever inserted as text, never as HTML.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  /** A `t` from a getMessage-like function; a missing message shows its key, never nothing. */
  function make(getMessage) {
    return (key, subs) => {
      const list = subs === undefined ? undefined : [].concat(subs).map(String);
      return getMessage(key, list) || key;
    };
  }

  /** `getMessage` over a parsed messages.json, with the browsers' placeholder rules. */
  function fromMessages(messages) {
    return make((key, subs) => {
      const m = messages[key];
      if (!m || typeof m.message !== 'string') return '';
      const args = subs || [];
      const named = m.placeholders || {};
      const fill = (s) => s.replace(/\$(\d)/g, (_, n) => args[Number(n) - 1] ?? '');
      return m.message
        .replace(/\$([A-Za-z0-9_@]+)\$/g, (all, name) => {
          const p = named[name.toLowerCase()];
          return p ? fill(p.content) : all;
        })
        .replace(/\$\$/g, '$');
    });
  }

  /** Fills elements marked data-i18n="key" (text) and data-i18n-aria-label="key" (the label). */
  function apply(doc, t, lang) {
    for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
    for (const el of doc.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria-label')));
    for (const el of doc.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder')));
    if (lang) doc.documentElement.lang = lang;
  }

  /** Message keys for the names of categories, subtypes and source types. */
  const keys = {
    kind: (kind) => 'kind_' + kind,
    kinds: (kind) => 'kinds_' + kind,
    subtype: (kind, subtype) => `sub_${kind}_${subtype}`,
    source: (type) => 'src_' + type,
    /** The legend label of a palette key (`quote`, `quote.partial`, `editorial.loaded`). */
    category: (key) => {
      const [kind, subtype] = key.split('.');
      return subtype ? `sub_${kind}_${subtype}` : 'kind_' + kind;
    },
  };

  // A speaker the core could not resolve keeps the pronoun the article wrote (`“…,” it said`):
  // shown as unclear, not as if `it` were someone's name.
  const PRONOUNS = new Set(['it', 'they', 'we', 'i', 'he', 'she', 'you', 'this', 'that']);

  /** How the UI names a quote's speaker: anonymous ones as such, an unresolved pronoun as unclear. */
  function speakerName(sp, t) {
    if (sp.source_type === 'anonymous') return `${t('cardAnonymous')} (${sp.name})`;
    if (sp.source_type === 'unknown' && PRONOUNS.has(String(sp.name).toLowerCase())) return t('speakerUnresolved', [sp.name]);
    return sp.name;
  }

  NS.i18n = { make, fromMessages, apply, keys, speakerName };
})(typeof globalThis !== 'undefined' ? globalThis : self);
