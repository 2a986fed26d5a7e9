/*
 * Sourcelight article finder — shared by the extension's content script and the www demo.
 *
 * Finds the article body of a page the way reader modes do, without changing the page: one
 * bottom-up pass measures every element (text, link text, commas); every paragraph-like block
 * gives points to its ancestors; candidates are weighted by tag, by class/id words and by
 * `<article>`/`<main>`/schema.org `articleBody` hints, and discounted by their share of link text.
 * The best candidate (with the siblings that read like the same text) is the article. Inside it,
 * navigation, comment threads, related-link lists, share bars and ad slots are skipped. When no
 * block reads like an article, the whole body is used, still without the obvious page furniture.
 *
 * Result: {root, method, skip(el), score}; `skip` is handed to textmap.collect.
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  // Class/id words of page furniture. Matched against `class id` of an element. Pull quotes are
  // in: they repeat the article's own sentences in large type, and would count them twice.
  const FURNITURE =
    /(^|[\s_-])(ad|ads|adv|advert\w*|adslot|dfp|sponsor\w*|promo\w*|outbrain|taboola|banner|breadcrumbs?|comments?|commentlist|disqus|replies|respond|community|related|recommend\w*|more-stories|read-?more|newsletter|subscribe|signup|paywall|social|share\w*|sharing|sharebar|follow|sidebar|rail|widget|menu|nav\w*|masthead|footer|header|toolbar|tags?|popup|modal|cookie\w*|gdpr|consent|pagination|pager|skip-?link|print|rss|trending|most-?(read|popular)|pull-?quotes?)([\s_-]|$)/i;
  // Words that make an element worth keeping even when it also carries a furniture word
  // (`article-header`, `main-content`, `story-body`).
  const KEEP = /article|body|content|entry|main|post|story|text|column/i;
  // Weights from class/id words, as reader modes use them.
  const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-?text/i;
  const NEGATIVE =
    /(^|[\s_-])(hidden|banner|combx|comments?|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|byline|caption|credit|ad|ads)([\s_-]|$)/i;

  const FURNITURE_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'DIALOG', 'MENU']);
  const FURNITURE_ROLES = /^(navigation|complementary|contentinfo|banner|menu|menubar|dialog|alertdialog|search|toolbar)$/;
  // Blocks whose own text counts as a paragraph.
  const PARAGRAPH_TAGS = new Set(['P', 'PRE', 'TD', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'DD']);
  const TAG_WEIGHT = {
    DIV: 5, ARTICLE: 10, MAIN: 5, SECTION: 3, PRE: 3, TD: 3, BLOCKQUOTE: 3,
    ADDRESS: -3, OL: -3, UL: -3, DL: -3, DD: -3, DT: -3, LI: -3, FORM: -3,
    H1: -5, H2: -5, H3: -5, H4: -5, H5: -5, H6: -5, TH: -5,
  };
  // Blocks that can hold a list of links or a promo box; inline elements (a link inside a
  // sentence) are never judged by their link text.
  const CONTAINER_TAGS = new Set(['DIV', 'SECTION', 'UL', 'OL', 'DL', 'TABLE', 'HEADER', 'FIGURE', 'FORM', 'P']);
  // Below this many characters a candidate is not an article; the whole body is used instead.
  const MIN_ARTICLE_CHARS = 250;
  // Containers that are mostly link text are lists of links (related stories, tags, menus).
  const MAX_LINK_DENSITY = 0.5;
  const MAX_LIST_LINK_DENSITY = 0.3;
  // Furniture holding more than this share of the page's text is a layout wrapper, not furniture.
  const MAX_FURNITURE_SHARE = 0.4;

  function words(el) {
    const id = el.id || '';
    const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class') || '';
    return cls + ' ' + id;
  }

  /** Page furniture judged from the element alone (tag, role, class and id). */
  function isFurniture(el) {
    const tag = el.tagName.toUpperCase();
    if (FURNITURE_TAGS.has(tag)) return true;
    const role = el.getAttribute('role');
    if (role && FURNITURE_ROLES.test(role)) return true;
    if (tag === 'ARTICLE' || tag === 'MAIN' || el.getAttribute('itemprop') === 'articleBody') return false;
    const w = words(el);
    return w.length > 1 && FURNITURE.test(w) && !KEEP.test(w);
  }

  function classWeight(el) {
    const w = words(el);
    if (w.length < 2) return 0;
    let s = 0;
    if (NEGATIVE.test(w)) s -= 25;
    if (POSITIVE.test(w)) s += 25;
    return s;
  }

  function hintWeight(el) {
    if (el.getAttribute('itemprop') === 'articleBody') return 60;
    const t = el.getAttribute('itemtype');
    if (t && /schema\.org\/(\w*Article|BlogPosting|Report)/i.test(t)) return 15;
    return 0;
  }

  /**
   * Measures the elements under `top` (a generator for NS.slice; it yields once per node) and
   * scores the candidates. Returns a Map element → {text, link, commas, score, candidate, pruned, parent}.
   *
   * Furniture is judged by its size too: a "widget" or "ad" wrapper that holds most of the page's
   * text is how some sites wrap their whole layout, so it is not pruned.
   */
  function* measure(top) {
    const isHidden = NS.textmap.isHidden;
    const SKIP = NS.textmap.SKIP;
    const BLOCK = NS.textmap.BLOCK;
    const newRec = (el, parent) => ({
      el, parent, tag: el.tagName.toUpperCase(), furniture: false, pruned: false, inLink: false,
      ownText: 0, ownCommas: 0, raw: 0, text: 0, link: 0, commas: 0, phrasing: 0, phrasingCommas: 0, score: 0, candidate: false,
    });
    const order = []; // pre-order: parents before children
    const rec0 = newRec(top, null);
    order.push(rec0);
    const stack = [{ node: top, rec: rec0 }];
    let first = true;
    while (stack.length) {
      yield;
      const { node, rec } = stack.pop();
      if (node.nodeType === 3) {
        const n = node.data.trim().length;
        if (!n) continue;
        rec.ownText += n;
        rec.ownCommas += countCommas(node.data);
        continue;
      }
      if (node.nodeType !== 1) continue;
      let r = rec;
      if (!first) {
        const tag = node.tagName.toUpperCase();
        if (SKIP.has(tag) || node.namespaceURI === 'http://www.w3.org/2000/svg') continue;
        // Reached through a measured (so shown) parent: its own style is enough (see isHidden).
        if (node.hasAttribute('data-sourcelight-ui') || isHidden(node, true)) continue;
        r = newRec(node, rec);
        r.inLink = rec.inLink || tag === 'A';
        r.furniture = isFurniture(node);
        order.push(r);
      }
      first = false;
      const kids = node.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], rec: r });
    }
    // Raw text per element (children before parents: reverse pre-order).
    for (let i = order.length - 1; i >= 0; i--) {
      yield;
      const r = order[i];
      r.raw += r.ownText;
      if (r.parent) r.parent.raw += r.raw;
    }
    const total = rec0.raw;
    for (const r of order) {
      yield;
      r.pruned = !!r.parent && (r.parent.pruned || (r.furniture && r.raw < total * MAX_FURNITURE_SHARE));
    }
    // Text, link text and commas without pruned furniture; paragraphs score their ancestors.
    for (let i = order.length - 1; i >= 0; i--) {
      yield;
      const r = order[i];
      if (r.pruned) continue;
      r.text += r.ownText;
      r.commas += r.ownCommas;
      r.phrasing += r.ownText;
      r.phrasingCommas += r.ownCommas;
      if (r.inLink) r.link = r.text;
      if (r.phrasing >= 25 && PARAGRAPH_TAGS.has(r.tag)) score(r);
      const p = r.parent;
      if (!p) continue;
      p.text += r.text;
      p.link += r.link;
      p.commas += r.commas;
      if (!BLOCK.has(r.tag)) {
        p.phrasing += r.phrasing;
        p.phrasingCommas += r.phrasingCommas;
      }
    }
    const stats = new Map();
    for (const r of order) stats.set(r.el, r);
    return stats;
  }

  function countCommas(s) {
    let n = 0;
    for (let i = s.indexOf(','); i >= 0; i = s.indexOf(',', i + 1)) n++;
    return n;
  }

  /** A paragraph: its points go to its ancestors, less the further up they are. */
  function score(rec) {
    const points = 1 + rec.phrasingCommas + Math.min(Math.floor(rec.phrasing / 100), 3);
    let a = rec.parent;
    for (let level = 0; a && level < 5; level++, a = a.parent) {
      if (!a.candidate) {
        a.candidate = true;
        a.score += (TAG_WEIGHT[a.tag] || 0) + classWeight(a.el) + hintWeight(a.el);
      }
      a.score += level === 0 ? points : level === 1 ? points / 2 : points / (level * 3);
    }
  }

  const linkDensity = (r) => (r.text ? r.link / r.text : 0);
  const finalScore = (r) => r.score * (1 - linkDensity(r));

  /** The best candidate, moved up to a common ancestor when close runners-up share one. */
  function pickTop(stats, top) {
    // Under the body, the body itself is no answer (it is the fallback); under a block a page added
    // later (a story appended to a feed), that block may well be the article.
    const whole = top === top.ownerDocument.body || top === top.ownerDocument.documentElement;
    const cands = [];
    for (const r of stats.values()) if (r.candidate && !(whole && r.el === top)) cands.push(r);
    if (!cands.length) return null;
    cands.sort((a, b) => finalScore(b) - finalScore(a));
    let best = cands[0];
    const bestScore = finalScore(best);
    // Several strong candidates under one ancestor: the article is split into sections.
    const close = cands.slice(1, 5).filter((c) => finalScore(c) >= bestScore * 0.75);
    if (close.length >= 2) {
      for (let a = best.parent; a && !(whole && a.el === top); a = a.parent) {
        if (close.filter((c) => a.el.contains(c.el)).length >= 2) {
          best = a;
          break;
        }
      }
    }
    // Climb while the parent holds more of the text's points.
    let last = finalScore(best);
    for (let a = best.parent; a && !(whole && a.el === top); a = a.parent) {
      if (!a.candidate) continue;
      const s = finalScore(a);
      if (s < last / 3) break;
      if (s > last) {
        best = a;
        break;
      }
      last = s;
    }
    // Not climbed: a wrapper with the candidate as its only child (a feed holding one story so far).
    // Stories a page appends to it later are parts of their own, not more of this one.
    return best;
  }

  /** Siblings of the top candidate that read like more of the same text. */
  function siblingsToKeep(best, stats) {
    const keep = new Set([best.el]);
    const parent = best.el.parentElement;
    if (!parent || !best.parent) return keep; // the block searched is itself the article
    const threshold = Math.max(10, finalScore(best) * 0.2);
    const bestClass = best.el.getAttribute('class');
    for (const sib of parent.children) {
      if (sib === best.el) continue;
      const r = stats.get(sib);
      if (!r || !r.text) continue;
      let s = r.candidate ? finalScore(r) : 0;
      if (bestClass && sib.getAttribute('class') === bestClass) s += finalScore(best) * 0.2;
      const ld = linkDensity(r);
      const paragraph = sib.tagName === 'P' && ((r.text > 80 && ld < 0.25) || (r.text <= 80 && ld === 0 && /\.( |$)/.test(sib.textContent)));
      if (s >= threshold || paragraph) keep.add(sib);
    }
    return keep;
  }

  /**
   * Furniture inside the article: judged by the element itself, or by its measurements (mostly
   * link text; a negative class weight without the commas of prose).
   */
  function makeSkip(articleRoot, stats, keepSiblings) {
    return (el) => {
      if (el === articleRoot) return false;
      if (keepSiblings && el.parentElement === articleRoot && !keepSiblings.has(el)) return true;
      const r = stats.get(el);
      if (!r) return isFurniture(el); // not measured: added to the page since
      if (r.pruned) return true;
      if (!r.text || r.commas >= 10 || !CONTAINER_TAGS.has(r.tag)) return false;
      const ld = linkDensity(r);
      if (r.tag === 'P') return ld > MAX_LINK_DENSITY && r.text < 150;
      if (ld > ((r.tag === 'UL' || r.tag === 'OL') ? MAX_LIST_LINK_DENSITY : MAX_LINK_DENSITY)) return true;
      return classWeight(el) < 0 && r.text < 200;
    };
  }

  /**
   * Finds the article under `top` (default: the document body), as a generator for NS.slice.
   * @returns {Generator<void, {root: Element, method: 'article'|'body', skip: (el: Element) => boolean, score: number, chars: number}>}
   */
  function* findSteps(top) {
    const stats = yield* measure(top);
    const best = pickTop(stats, top);
    if (!best || best.text < MIN_ARTICLE_CHARS) {
      return { root: top, method: 'body', skip: makeSkip(top, stats, null), score: 0, chars: stats.get(top).text };
    }
    const keep = siblingsToKeep(best, stats);
    const articleRoot = keep.size > 1 ? best.el.parentElement : best.el;
    return {
      root: articleRoot,
      method: 'article',
      skip: makeSkip(articleRoot, stats, keep.size > 1 ? keep : null),
      score: finalScore(best),
      chars: best.text,
    };
  }

  /** Finds the article in one go (see findSteps). */
  function find(top) {
    return NS.slice.runSync(findSteps(top));
  }

  /**
   * The outlet publishing a page, as it names itself (og:site_name), else its host name ('' for a
   * saved page): a claim the page credits to its own outlet (`told Reuters` on Reuters) is its
   * reporting, not secondhand.
   */
  function publisherOf(doc, maxChars = 200) {
    const meta = doc.querySelector('meta[property="og:site_name"], meta[name="application-name"]');
    const name = ((meta && meta.getAttribute('content')) || '').trim();
    return (name || (doc.location && doc.location.hostname) || '').slice(0, maxChars);
  }

  NS.article = { find, findSteps, isFurniture, publisherOf };
})(typeof globalThis !== 'undefined' ? globalThis : self);
