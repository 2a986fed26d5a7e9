/*
 * Shared by the extension's own pages (the popup and the options page): messages in the browser's
 * language, the keyboard shortcuts as the reader has set them, and the colour scheme.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  const api = globalThis.browser || globalThis.chrome;
  const t = NS.i18n.make((key, subs) => api.i18n.getMessage(key, subs));

  const dark = () => matchMedia('(prefers-color-scheme: dark)').matches;

  /** Fills the page's messages, and its #shortcuts line with the reader's actual shortcuts. */
  async function start(doc) {
    NS.i18n.apply(doc, t, t('lang'));
    const all = await api.commands.getAll().catch(() => []);
    const key = (name) => (all.find((c) => c.name === name) || {}).shortcut || t('shortcutUnset');
    doc.getElementById('shortcuts').textContent = t('shortcutsText', [key('toggle-highlights'), key('next-highlight'), key('previous-highlight')]);
  }

  NS.pages = { t, dark, start };
})();
