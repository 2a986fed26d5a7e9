// Pathological pages, generated on request by the test server (nothing large is kept in the
// repository): every one must be highlighted in bounded time without freezing the tab. The prose
// is our own, varied by number so the core sees many distinct sentences.
//
// Each page carries a probe (PROBE below) that records, from the first moment, what a reader would
// feel as a frozen tab: the main thread's long tasks (Chromium's 'longtask' entries) and how late a
// 10 ms timer fires (every browser). The tests read `window.__probe` after highlighting.

const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export const PROBE = `<script>
(() => {
  const probe = (window.__probe = { long: [], late: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    // No Long Tasks API (Firefox): the timer below is the measure there.
  }
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 30) probe.late.push({ start: last, ms: now - last - 10 });
    last = now;
  }, 10);
})();
</script>`;

function page(title, body, { head = '', script = '', dir = 'ltr', lang = 'en' } = {}) {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${esc(title)}</title>${PROBE}${head}
<style>body{font:17px/1.5 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem}</style></head>
<body><header><a href="/">The Ferrow Courier</a></header>
<main>${body}</main>
<footer>The Ferrow Courier</footer>${script}</body></html>`;
}

const NAMES = ['Ilse Varga', 'Tomasz Brun', 'Amara Osei', 'Kenji Morita', 'Lucía Ferrer', 'Noor Haddad', 'Pieter Smit', 'Grace Mbeki'];
const ROLES = ['the harbour master', 'a ferry captain', 'the council treasurer', 'a market trader', 'the school head', 'a retired engineer'];

/** A paragraph of plain reporting with one quote, different for every `i`. */
export function paragraph(i) {
  const who = NAMES[i % NAMES.length];
  const role = ROLES[i % ROLES.length];
  return `The ferry numbered ${i} left the east quay at dawn with crates of apples, two bicycles and a piano bound for the ` +
    `music school. “We have carried stranger things, but not often before breakfast,” said ${who}, ${role}. ` +
    `Officials said the crossing took ${20 + (i % 17)} minutes, and the tide was kinder than forecast on day ${i}.`;
}

const article = (title, paras) => `<article><h1>${esc(title)}</h1>${paras.map((p) => `<p>${esc(p)}</p>`).join('')}</article>`;

/** About `chars` characters of article, in paragraphs. */
function paragraphsOf(chars) {
  const out = [];
  for (let i = 0, n = 0; n < chars; i++) {
    const p = paragraph(i);
    out.push(p);
    n += p.length + 1;
  }
  return out;
}

/** A story for the pages whose highlights are compared with the native core: title, then paragraphs. */
export const STORIES = {
  // Right-to-left: Arabic and Hebrew with their own quotation marks, and an English quote inside.
  rtl: [
    'مجلس المدينة يؤجل التصويت على إصلاح الجسر',
    'قالت المهندسة ليلى حداد: «لا يمكننا أن نطلب من الناس عبور جسر لسنا متأكدين منه».',
    '“We will find the money,” said the mayor, Tomás Ferrer, before the vote was delayed again.',
    'وقال مسؤول رفض الكشف عن اسمه إن التكلفة قد تتضاعف هذا العام.',
    'אמר ראש העירייה: „נמצא את הכסף לפני החורף”, אך המועצה דחתה את ההצבעה.',
    'The council said the bridge would stay open, “for now”, while engineers studied the cracks.',
  ],
  // Characters outside the Basic Multilingual Plane (two UTF-16 units each), joined emoji, flags,
  // skin tones and stacks of combining marks, before, inside and after quotes.
  emoji: [
    'Ferry 🚢 festival draws crowds 🎉 to the quay',
    '🎉🎉 “The harbour has never looked better 🌊👨‍👩‍👧‍👦,” said festival director Zoë Ångström, who wore a 🇳🇴 flag.',
    'Visitors 👍🏽 queued for smoked fish; “it is worth the wait 🐟,” said Nguyễn Thị Hường, a café owner 👩🏻‍🍳.',
    'A sign read Z̷̢̛̪a̵̡͎l̴̨̛g̶̢̛o̵̧ ̴̨̛s̵̢̛a̷̧̛y̴̨̛s̵̢̛ ̵̧̛h̴̨̛i̵̢̛, and nobody knew why.',
    'Officials said 𝒮𝓅𝑒𝒸𝒾𝒶𝓁 tickets sold out. “Next year we need a second pier 🏗️,” said the mayor, Ilse Varga.',
    'According to people familiar with the plans, the pier could open in 2027 ✅.',
  ],
};

/** A page for one of STORIES. */
export function storyHtml(name, opts) {
  const [title, ...paras] = STORIES[name];
  return page(title, article(title, paras), opts);
}

export const DEEP = 10_000;

/** The pathological pages, by name: name → (URL search params) => html. */
export const PATHO = {
  // 5 MB of article text: analysed in the background, sent there in pieces.
  'patho-5mb': () => page('Five megabytes', article('Every crossing this year', paragraphsOf(5_000_000))),

  // 100,000 quotation marks, curly and straight, in 1,000 paragraphs.
  'patho-quotes': () => {
    const paras = [];
    for (let i = 0; i < 1000; i++) {
      const bits = [];
      for (let j = 0; j < 25; j++) bits.push(j % 2 ? `"tide ${i}-${j}"` : `“rope ${i}-${j}”`);
      paras.push(`On the notice board ${i} someone wrote ${bits.join(', then ')}.`);
    }
    return page('Quotation marks', article('The notice board', paras));
  },

  // Unbalanced marks in every paragraph: quotes opened and never closed, closers with no opener.
  'patho-unbalanced': () => {
    const paras = [];
    for (let i = 0; i < 2000; i++) {
      if (i % 3 === 0) paras.push(`“We will not move the market ${i}, said the trader, and the crowd went on arguing about the stalls.`);
      else if (i % 3 === 1) paras.push(`The stalls stayed where they were,” the notice ${i} read, "at least until the spring fair, and ‘probably longer.`);
      else paras.push(`«Nobody asked us ${i}, a fisherman said. “Nobody ever does. ‘They decide first” and explain later».”`);
    }
    return page('Unbalanced marks', article('The market row', paras));
  },

  // 10,000 nested elements (`?depth=` to change) around the article's last paragraphs. The HTML
  // parser flattens deep markup, so the page builds the nesting itself, as a script-heavy page would.
  'patho-deep': (params) => {
    const depth = Math.min(Number((params && params.get('depth')) || DEEP), 100_000);
    const paras = paragraphsOf(4000);
    const script = `<script>
      (() => {
        let at = document.getElementById('deep');
        for (let i = 0; i < ${depth}; i++) {
          const d = document.createElement('span');
          at.appendChild(d);
          at = d;
        }
        for (const t of ${JSON.stringify(paras.slice(0, 3))}) {
          at.append(t, document.createElement('br'));
        }
      })();
    </script>`;
    return page('Deep nesting', `<article><h1>Deep in the archive</h1>${paras.slice(3).map((p) => `<p>${esc(p)}</p>`).join('')}<div id="deep"></div></article>`, { script });
  },

  // One text node of a million characters.
  'patho-bignode': () => page('One text node', `<article><h1>The long paragraph</h1><p>${esc(paragraphsOf(1_000_000).join(' '))}</p></article>`),

  // Article text in the light DOM, more inside open and closed shadow roots.
  'patho-shadow': () => {
    const script = `<script>
      for (const [id, mode] of [['open-host', 'open'], ['closed-host', 'closed']]) {
        const root = document.getElementById(id).attachShadow({ mode });
        root.innerHTML = '<article><p>' + ${JSON.stringify(esc(paragraph(900)))} + '</p><slot></slot></article>';
      }
    </script>`;
    return page('Shadow DOM', `${article('The shadow market', paragraphsOf(3000))}<div id="open-host"><p>${esc(paragraph(901))}</p></div><div id="closed-host"></div>`, { script });
  },

  // Frames of every kind around the article: same-origin, srcdoc, sandboxed, nested.
  'patho-iframes': () => {
    const inner = `<p>${esc(paragraph(700))}</p>`;
    const frames = [];
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) frames.push(`<iframe src="/patho/patho-frame.html?${i}"></iframe>`);
      else if (i % 3 === 1) frames.push(`<iframe srcdoc="${esc(inner)}"></iframe>`);
      else frames.push(`<iframe sandbox srcdoc="${esc(`<iframe srcdoc='${esc(inner)}'></iframe>${inner}`)}"></iframe>`);
    }
    return page('Frames', `${article('Framed', paragraphsOf(3000))}${frames.join('')}`);
  },
  'patho-frame': () => page('A frame', article('Inside a frame', paragraphsOf(1500))),

  'patho-rtl': () => storyHtml('rtl', { dir: 'rtl', lang: 'ar' }),
  'patho-emoji': () => storyHtml('emoji'),

  // A page that rewrites itself every 10 ms: the article's words, its paragraphs coming and going,
  // a clock outside it.
  'patho-mutate': () => {
    const script = `<script>
      (() => {
        const art = document.querySelector('article');
        let n = 0;
        setInterval(() => {
          n++;
          const ps = art.querySelectorAll('p');
          const p = ps[n % ps.length];
          p.firstChild.data = p.firstChild.data.replace(/numbered \\d+/, 'numbered ' + n);
          if (n % 7 === 0) {
            const q = document.createElement('p');
            q.textContent = '“Still here at ' + n + ',” said the watchman.';
            art.appendChild(q);
          }
          if (n % 7 === 3 && ps.length > 20) ps[ps.length - 1].remove();
          document.getElementById('clock').textContent = String(Date.now());
          art.dataset.tick = String(n);
        }, 10);
      })();
    </script>`;
    return page('Always changing', `<p id="clock"></p>${article('Live from the quay', paragraphsOf(8000))}`, { script });
  },
};
