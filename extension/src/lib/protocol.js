/*
 * Messages between the extension's parts, and their validation. Every message is checked where it
 * arrives: pages cannot send any (no externally_connectable, no window messages are listened to),
 * and a content script can only ask for things about its own tab.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  const T = Object.freeze({
    PING: 'sl:ping', // popup/background → content: is the content script here?
    STATE: 'sl:state', // → content: status and the page report (its highlight list shortened)
    REPORT: 'sl:report', // → content: the whole page report (export)
    ENABLE: 'sl:enable', // → content: analyse and draw
    DISABLE: 'sl:disable', // → content: clear
    TOGGLE: 'sl:toggle', // → content
    JUMP: 'sl:jump', // → content: scroll to a highlight, flash it, explain it {id}
    STEP: 'sl:step', // → content: jump to the next (dir 1) or previous (dir -1) highlight
    SET_HIDDEN: 'sl:set-hidden', // → content: kinds not to show on this page {kinds}
    ANALYZE: 'sl:analyze', // content → background: run the core here (page CSP forbids wasm there, or long text)
    ANALYZE_MORE: 'sl:analyze-more', // content → background: the next page of findings {key, from}
    TEXT_PART: 'sl:text-part', // content → background: a piece of a long text to analyse {key, text}
    STATUS: 'sl:status', // content → background: badge count for the sender's tab
    STYLE: 'sl:style', // content → background: insert the palette stylesheet {scheme}
    SET_ENABLED: 'sl:set-enabled', // popup → background: inject if needed, then enable/disable a tab
  });

  const KINDS = ['quote', 'anonymous_source', 'editorial'];

  /** Largest text the background analyses for a content script (UTF-16 code units). */
  const MAX_TEXT = 16 * 1024 * 1024;

  /** Longest name of the page's outlet sent along with a text (og:site_name is a short name). */
  const MAX_PUBLISHER = 200;

  const fromOwnPage = (sender, self) => typeof sender.url === 'string' && sender.url.startsWith(self.baseUrl);

  /**
   * Validates a message arriving at the background. Returns an error string, or null when valid.
   * `self` is `{id, baseUrl}` of this extension: messages from other extensions are refused.
   */
  function checkAtBackground(msg, sender, self) {
    if (!sender || sender.id !== self.id) return 'foreign sender';
    const own = fromOwnPage(sender, self);
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return 'malformed message';
    switch (msg.type) {
      case T.ANALYZE:
        if (!sender.tab || own) return 'analyze is only for content scripts';
        if (typeof msg.text !== 'string') return 'text must be a string';
        if (msg.text.length > MAX_TEXT) return 'text too large';
        if (msg.key !== undefined && (typeof msg.key !== 'string' || msg.key.length > 64)) return 'bad key';
        if (msg.publisher != null && (typeof msg.publisher !== 'string' || msg.publisher.length > MAX_PUBLISHER)) return 'bad publisher';
        return null;
      case T.TEXT_PART:
        if (!sender.tab || own) return 'analyze is only for content scripts';
        if (typeof msg.text !== 'string' || msg.text.length > MAX_TEXT) return 'bad text';
        if (typeof msg.key !== 'string' || msg.key.length > 64) return 'bad key';
        return null;
      case T.ANALYZE_MORE:
        if (!sender.tab || own) return 'analyze is only for content scripts';
        if (typeof msg.key !== 'string' || msg.key.length > 64) return 'bad key';
        if (!Number.isInteger(msg.from) || msg.from < 0) return 'bad offset';
        return null;
      case T.STATUS:
        if (!sender.tab || own) return 'status is only for content scripts';
        if (!Number.isInteger(msg.count) || msg.count < 0 || msg.count > 1e7) return 'bad count';
        return null;
      case T.STYLE:
        if (!sender.tab || own) return 'style is only for content scripts';
        if (msg.scheme !== 'light' && msg.scheme !== 'dark') return 'bad scheme';
        return null;
      case T.SET_ENABLED:
        // Only the extension's own pages (the popup, also when opened in a tab) may switch a tab.
        if (sender.tab && !own) return 'not from an extension page';
        if (!Number.isInteger(msg.tabId) || msg.tabId < 0) return 'bad tab id';
        if (typeof msg.enabled !== 'boolean') return 'enabled must be a boolean';
        return null;
      default:
        return 'unknown message type';
    }
  }

  /** Validates a message arriving at a content script (only the extension itself can send them). */
  function checkAtContent(msg, sender, self) {
    if (!sender || sender.id !== self.id) return 'foreign sender';
    if (sender.tab && !fromOwnPage(sender, self)) return 'content scripts do not command each other';
    if (!msg || typeof msg !== 'object') return 'malformed message';
    switch (msg.type) {
      case T.PING:
      case T.STATE:
      case T.REPORT:
      case T.ENABLE:
      case T.DISABLE:
      case T.TOGGLE:
        return null;
      case T.JUMP:
        return Number.isInteger(msg.id) && msg.id > 0 ? null : 'bad highlight id';
      case T.STEP:
        return msg.dir === 1 || msg.dir === -1 ? null : 'bad direction';
      case T.SET_HIDDEN:
        return Array.isArray(msg.kinds) && msg.kinds.every((k) => KINDS.includes(k)) ? null : 'bad kinds';
      default:
        return 'unknown message type';
    }
  }

  NS.protocol = { T, KINDS, MAX_TEXT, MAX_PUBLISHER, checkAtBackground, checkAtContent };
})(typeof globalThis !== 'undefined' ? globalThis : self);
