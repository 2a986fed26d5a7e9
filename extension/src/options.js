/*
 * Options: what to highlight, the palette, the mode for sites (a default, and per site), the
 * reader's own phrases, and a settings file to back up or move them. Everything is saved in
 * storage.sync as soon as it changes (settings.js validates and migrates it). Choosing "always"
 * asks the browser for access to that one site (or to all sites, for the default) at that moment.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  const api = globalThis.browser || globalThis.chrome;
  const S = NS.settings;
  const K = NS.i18n.keys;
  const { t, dark } = NS.pages;
  const $ = (id) => document.getElementById(id);

  let settings = S.defaults();

  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    e.append(...kids);
    return e;
  }

  function say(id, text, isError) {
    $(id).textContent = text;
    $(id).classList.toggle('error', !!isError);
  }

  /**
   * Saves a change; the page is redrawn by the storage listener below (here, or from the popup).
   * Returns whether it was saved: the browser may refuse (storage.sync takes some 120 writes a
   * minute), and then the reader is told and the page shows what is stored again.
   */
  async function change(fn, message) {
    try {
      settings = await S.update(api, fn);
    } catch (e) {
      say('saved', S.saveFailure(t, e), true);
      settings = await S.read(api).catch(() => settings);
      render();
      return false;
    }
    say('saved', message || t('saved'));
    return true;
  }

  // ---- sections ----

  // The switches are built once and then only set: every change of the settings draws the page
  // again, and a control replaced under the pointer would lose the reader's click.

  function renderCategories() {
    const box = $('categories');
    if (!box.childElementCount) {
      for (const kind of S.KINDS) {
        const input = el('input', { type: 'checkbox', id: `category-${kind}` });
        input.addEventListener('change', () => change((cur) => ({ categories: { ...cur.categories, [kind]: input.checked } })));
        box.append(el('label', {}, input, ' ', t(K.kinds(kind))));
      }
    }
    for (const kind of S.KINDS) $(`category-${kind}`).checked = settings.categories[kind];
  }

  let palettesScheme = null; // the previews show the colours of the light or the dark variant

  function renderPalettes() {
    const box = $('palettes');
    const scheme = dark() ? 'dark' : 'light';
    if (scheme !== palettesScheme) buildPalettes(box, scheme);
    for (const id of Object.keys(NS.paletteData.palettes)) $(`palette-${id}`).checked = settings.palette === id;
  }

  function buildPalettes(box, scheme) {
    palettesScheme = scheme;
    box.textContent = '';
    for (const [id, p] of Object.entries(NS.paletteData.palettes)) {
      const input = el('input', { type: 'radio', name: 'palette', value: id, id: `palette-${id}` });
      input.addEventListener('change', () => input.checked && change(() => ({ palette: id })));
      const preview = el('div', { className: 'preview' });
      NS.summary.legend(preview, { t, colors: NS.palette.resolve(NS.paletteData, id, scheme) });
      const label = el('label', { className: 'palette' }, el('span', { className: 'palette-name' }, input, ' ', t(p.label)));
      box.append(el('div', { className: 'palette-card' }, label, preview));
    }
  }

  function renderDefaultMode() {
    for (const m of S.MODES) $(`default-${m}`).checked = settings.defaultMode === m;
  }

  /** Whether Sourcelight may read a site set to "always" (the browser's grant, not a setting). */
  async function hasAccess(host) {
    return api.permissions.contains({ origins: settings.defaultMode === 'always' ? S.ALL_SITES : S.origins(host) }).catch(() => false);
  }

  // Drawing the list waits on the browser (site access) between items: settings that change
  // meanwhile start a newer drawing, and only the newest may reach the page, whole.
  let sitesDrawing = 0;

  async function renderSites() {
    const drawing = ++sitesDrawing;
    const items = [];
    const hosts = Object.keys(settings.sites).sort();
    if (!hosts.length) items.push(el('li', { className: 'empty' }, t('sitesEmpty')));
    for (const host of hosts) {
      const mode = settings.sites[host];
      const select = el('select', { className: 'site-mode', id: `site-mode-${host}` });
      select.setAttribute('aria-label', t('siteModeNamed', [host]));
      for (const m of S.MODES) select.append(el('option', { value: m, selected: m === mode }, t(`mode_${m}`)));
      select.addEventListener('change', () => setSiteMode(host, select.value, mode));
      const remove = el('button', { type: 'button', className: 'remove' }, t('removeSite'));
      remove.setAttribute('aria-label', t('removeSiteNamed', [host]));
      remove.addEventListener('click', () => removeSite(host));
      const li = el('li', {}, el('span', { className: 'host' }, host), select);
      li.dataset.host = host;
      if (mode === 'always' && !(await hasAccess(host))) {
        const allow = el('button', { type: 'button', className: 'allow' }, t('allowSite'));
        allow.setAttribute('aria-label', t('allowSiteNamed', [host]));
        allow.addEventListener('click', async () => {
          const granted = await api.permissions.request({ origins: S.origins(host) }).catch(() => false);
          say('site-message', granted ? t('siteAdded', [host]) : t('sitePermissionDenied', [host]), !granted);
          renderSites();
        });
        li.append(el('span', { className: 'needs' }, t('siteNeedsPermission')), allow);
      }
      li.append(remove);
      items.push(li);
    }
    if (drawing === sitesDrawing) $('sites').replaceChildren(...items);
  }

  function renderPhrases() {
    const list = $('phrases');
    list.textContent = '';
    if (!settings.phrases.length) list.append(el('li', { className: 'empty' }, t('phrasesEmpty')));
    settings.phrases.forEach((p, i) => {
      const remove = el('button', { type: 'button', className: 'remove' }, t('removeSite'));
      remove.setAttribute('aria-label', t('removePhraseNamed', [p.phrase]));
      remove.addEventListener('click', () => change((cur) => ({ phrases: cur.phrases.filter((_, j) => j !== i) })));
      const text = el('span', { className: 'phrase' }, el('strong', {}, p.phrase), ' · ', t(K.kind(p.kind)), p.note ? ` — ${p.note}` : '');
      list.append(el('li', {}, text, remove));
    });
  }

  /** Redraws everything; the control the reader was on keeps the focus (it has the same id after). */
  async function render() {
    const focused = document.activeElement && document.activeElement.id;
    renderCategories();
    renderPalettes();
    renderDefaultMode();
    renderPhrases();
    await renderSites();
    if (focused && $(focused) && document.activeElement !== $(focused)) $(focused).focus();
  }

  // ---- sites ----

  /** Asks for access when a site becomes "always" (must be the handler's first await), gives it back after. */
  async function permitMode(host, mode, before) {
    if (settings.defaultMode === 'always') return true;
    if (mode === 'always') return api.permissions.request({ origins: S.origins(host) }).catch(() => false);
    if (before === 'always') await api.permissions.remove({ origins: S.origins(host) }).catch(() => false);
    return true;
  }

  async function setSiteMode(host, mode, before) {
    if (!(await permitMode(host, mode, before))) {
      say('site-message', t('sitePermissionDenied', [host]), true);
      renderSites();
      return;
    }
    await change((cur) => ({ sites: { ...cur.sites, [host]: mode } }), t('siteUpdated', [host, t(`mode_${mode}`)]));
  }

  async function removeSite(host) {
    await permitMode(host, 'ask', settings.sites[host]);
    await change((cur) => {
      const sites = { ...cur.sites };
      delete sites[host];
      return { sites };
    }, t('siteRemoved', [host]));
  }

  $('add-site').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const host = S.parseHost($('site-input').value);
    if (!host) {
      say('site-message', t('siteInvalid'), true);
      $('site-input').setAttribute('aria-invalid', 'true');
      return;
    }
    $('site-input').removeAttribute('aria-invalid');
    const mode = $('site-mode-input').value;
    if (!(await permitMode(host, mode, settings.sites[host]))) {
      say('site-message', t('sitePermissionDenied', [host]), true);
      return;
    }
    if (!(await change((cur) => ({ sites: { ...cur.sites, [host]: mode } })))) return;
    $('site-input').value = '';
    say('site-message', mode === 'always' ? t('siteAdded', [host]) : t('siteUpdated', [host, t(`mode_${mode}`)]));
  });

  $('default-mode').addEventListener('change', async (ev) => {
    const mode = ev.target.value;
    if (mode === 'always') {
      const granted = await api.permissions.request({ origins: S.ALL_SITES }).catch(() => false);
      if (!granted) {
        say('default-message', t('allPermissionDenied'), true);
        renderDefaultMode();
        return;
      }
    } else if (settings.defaultMode === 'always') {
      await api.permissions.remove({ origins: S.ALL_SITES }).catch(() => false);
    }
    say('default-message', '');
    await change(() => ({ defaultMode: mode }));
  });

  // ---- phrases ----

  $('add-phrase').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const entry = { kind: $('phrase-kind').value, phrase: $('phrase-input').value, note: $('phrase-note').value };
    const problem = S.checkPhrase(entry, settings.phrases);
    if (problem) {
      say('phrase-message', t(problem.key, problem.subs), true);
      $('phrase-input').setAttribute('aria-invalid', 'true');
      $('phrase-input').focus();
      return;
    }
    $('phrase-input').removeAttribute('aria-invalid');
    const clean = S.cleanPhrase(entry);
    // What the reader typed stays in the form until it is saved.
    if (!(await change((cur) => ({ phrases: [...cur.phrases, clean] })))) return;
    $('phrase-input').value = '';
    $('phrase-note').value = '';
    say('phrase-message', t('phraseAdded', [clean.phrase]));
  });

  // ---- backup ----

  $('export-settings').addEventListener('click', () => {
    NS.report.saveFile(document, S.toFile(settings), 'sourcelight-settings.json', 'application/json');
    say('backup-message', t('downloaded', ['sourcelight-settings.json']));
  });

  $('import-settings').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', async () => {
    const file = $('import-file').files[0];
    if (!file) return;
    const res = S.fromFile(await file.text());
    $('import-file').value = '';
    if (res.error) {
      say('backup-message', t(res.error), true);
      return;
    }
    try {
      settings = await S.save(api, res.settings);
    } catch (e) {
      say('backup-message', S.saveFailure(t, e), true);
      return;
    }
    // Access to sites is the browser's to grant, one by one: imported "always" sites need the reader's yes.
    const waiting = [];
    for (const [host, mode] of Object.entries(settings.sites)) if (mode === 'always' && !(await hasAccess(host))) waiting.push(host);
    say('backup-message', waiting.length ? t('importNeedsPermission', [String(waiting.length)]) : t('imported'));
  });

  // ---- start ----

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync') return;
    S.read(api)
      .then((s) => {
        settings = s;
        render();
      })
      .catch(() => null); // the next change draws the page again
  });

  NS.pages.start(document);
  S.load(api).then((s) => {
    settings = s;
    render();
  });
})();
