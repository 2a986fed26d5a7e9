/*
 * Sourcelight palettes — shared by the extension (build, popup, options, hover card) and the www
 * demo. Resolves palette.json into a colour, fill and underline style per category, writes the
 * highlight stylesheet of one palette for light or dark pages, and draws a sample of a category
 * for legends and cards. Needs lib/highlighter.js (names).
 */
(function (root) {
  'use strict';
  const NS = (root.Sourcelight = root.Sourcelight || {});

  /** The categories of a palette file, in legend order. */
  const keysOf = (data) => Object.keys(data.styles);

  /** {key: {color, fill (rgba), style, thickness}} for one palette and scheme ('light' | 'dark'). */
  function resolve(data, id, scheme) {
    const p = data.palettes[id] || data.palettes[data.default];
    const colors = p[scheme === 'dark' ? 'dark' : 'light'];
    const out = {};
    for (const key of keysOf(data)) {
      const color = colors[key] || colors[key.split('.')[0]];
      out[key] = { color, fill: rgba(color, colors.fill), style: data.styles[key], thickness: p.thickness };
    }
    return out;
  }

  function rgba(hex, a) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
  }

  /** Declarations that draw one category (for ::highlight(), the <mark> fallback and legends). */
  function declarations(c) {
    return `background-color: ${c.fill}; text-decoration: underline ${c.style} ${c.color}; ` +
      `text-decoration-thickness: ${c.thickness}px; text-underline-offset: 3px; text-decoration-skip-ink: none;`;
  }

  /** The highlight stylesheet of one palette and scheme. */
  function css(data, id, scheme) {
    const resolved = resolve(data, id, scheme);
    const lines = [`/* Sourcelight highlights: palette ${id}, ${scheme} pages. Generated from palette.json by extension/build.mjs. */`];
    for (const [key, c] of Object.entries(resolved)) {
      const name = NS.highlighter.highlightName(key);
      lines.push(`::highlight(${name}) { ${declarations(c)} }`);
      lines.push(`mark.sourcelight-mark.${name} { ${declarations(c)} color: inherit; padding: 0; }`);
    }
    lines.push('::highlight(sourcelight-flash) { background-color: rgba(240, 228, 66, 0.9); color: #000; }');
    return lines.join('\n') + '\n';
  }

  /** A sample of how a category is drawn: "Aa" with its fill and underline (inline styles only). */
  function swatch(doc, c) {
    const s = doc.createElement('span');
    s.textContent = 'Aa';
    s.setAttribute('aria-hidden', 'true');
    Object.assign(s.style, {
      display: 'inline-block', padding: '0 3px', borderRadius: '2px', fontWeight: '600', lineHeight: '1.3',
      backgroundColor: c.fill, textDecorationLine: 'underline', textDecorationStyle: c.style, textDecorationColor: c.color,
      textDecorationThickness: `${c.thickness}px`, textUnderlineOffset: '3px',
    });
    return s;
  }

  NS.palette = { resolve, css, swatch };
})(typeof globalThis !== 'undefined' ? globalThis : self);
