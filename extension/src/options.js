/*
 * Options: the sites the reader wants highlighted automatically. Adding one asks the browser for
 * access to that one site (the only host permission Sourcelight ever holds); removing it gives the
 * permission back.
 */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  const api = globalThis.browser || globalThis.chrome;
  const t = NS.i18n.t;
  const $ = (id) => document.getElementById(id);

  /** A hostname from what the reader typed (`https://www.example.com/x` → `www.example.com`), or null. */
  function parseHost(input) {
    const s = input.trim().toLowerCase();
    if (!s) return null;
    try {
      const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(s) ? s : `https://${s}`);
      if (!/^https?:$/.test(u.protocol)) return null;
      const h = u.hostname;
      return /^[a-z0-9.-]+$/.test(h) && !h.startsWith('.') && !h.endsWith('.') ? h : null;
    } catch (e) {
      return null;
    }
  }

  const origins = (host) => [`http://${host}/*`, `https://${host}/*`];

  async function render() {
    const { sites } = await api.storage.sync.get({ sites: {} });
    const list = $('sites');
    list.textContent = '';
    for (const [host, mode] of Object.entries(sites).sort()) {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = `${host} — ${t(mode === 'always' ? 'modeAlways' : 'modeNever')}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('removeSite');
      remove.setAttribute('aria-label', t('removeSiteNamed', [host]));
      remove.addEventListener('click', async () => {
        const cur = (await api.storage.sync.get({ sites: {} })).sites;
        delete cur[host];
        await api.permissions.remove({ origins: origins(host) }).catch(() => false);
        await api.storage.sync.set({ sites: cur });
        render();
      });
      li.append(name, remove);
      list.append(li);
    }
  }

  $('add-site').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const msg = $('site-message');
    const host = parseHost($('site-input').value);
    if (!host) {
      msg.textContent = t('siteInvalid');
      return;
    }
    // Requested inside the submit handler: the browser asks the reader, for this site only.
    const granted = await api.permissions.request({ origins: origins(host) });
    if (!granted) {
      msg.textContent = t('sitePermissionDenied', [host]);
      return;
    }
    const { sites } = await api.storage.sync.get({ sites: {} });
    sites[host] = 'always';
    await api.storage.sync.set({ sites });
    $('site-input').value = '';
    msg.textContent = t('siteAdded', [host]);
    render();
  });

  NS.i18n.apply(document);
  render();
})();
