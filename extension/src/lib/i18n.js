/* Fills elements marked data-i18n="key" with the browser-language message (text only, never HTML). */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});
  const api = root.browser || root.chrome;
  function t(key, subs) {
    const m = api && api.i18n ? api.i18n.getMessage(key, subs) : '';
    return m || key;
  }
  function apply(doc) {
    for (const el of doc.querySelectorAll('[data-i18n]')) {
      const m = api && api.i18n ? api.i18n.getMessage(el.getAttribute('data-i18n')) : '';
      if (m) el.textContent = m;
    }
    if (api && api.i18n) doc.documentElement.lang = api.i18n.getUILanguage().split('-')[0] || 'en';
  }
  NS.i18n = { t, apply };
})(typeof globalThis !== 'undefined' ? globalThis : self);
