//! HTML → text for the command-line tool: the visible text of a page with a line break at every
//! block boundary (so sentences from different paragraphs never merge), entities decoded, and
//! script, style and other invisible content left out. Prefers the `<article>` (else `<main>`) element
//! when the page has one. Every text offset maps back to its position in the HTML source.
//!
//! The extension does not use this: in the browser the DOM is already parsed.

/// Text extracted from HTML, with a map back to source offsets.
pub struct Extracted {
    pub text: String,
    /// `(text_offset, source_offset)` at the start of each text run, in increasing order.
    runs: Vec<(usize, usize)>,
}

impl Extracted {
    /// The HTML source byte offset of text byte offset `pos`.
    pub fn source_offset(&self, pos: usize) -> usize {
        let i = self.runs.partition_point(|&(t, _)| t <= pos);
        if i == 0 {
            return 0;
        }
        let (t, s) = self.runs[i - 1];
        s + (pos - t)
    }
}

const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
    "title",
    "caption",
    "option",
    "legend",
];

/// Elements whose content is never visible text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas", "select",
    "textarea", "button", "audio", "video", "map",
];

fn tag_name(tag: &str) -> (bool, String, &str) {
    let closing = tag.starts_with('/');
    let t = tag.trim_start_matches('/');
    let end = t.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(t.len());
    (closing, t[..end].to_ascii_lowercase(), &t[end..])
}

/// Finds the end of a tag starting at `start` (the byte after `<`), honouring quoted attributes.
fn tag_end(src: &str, start: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = start;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(i),
            None => {}
        }
        i += 1;
    }
    None
}

fn has_hidden_attr(attrs: &str) -> bool {
    let a = attrs.to_ascii_lowercase();
    a.split(|c: char| c.is_whitespace() || c == '/').any(|w| w == "hidden" || w.starts_with("hidden="))
        || a.contains("aria-hidden=\"true\"")
        || a.contains("display:none")
        || a.contains("display: none")
}

/// Extracts the visible text of an HTML document (the `<article>` or `<main>` if there is one).
pub fn to_text(src: &str) -> Extracted {
    let full = extract(src, 0, src.len());
    for root in ["article", "main"] {
        if let Some((s, e)) = element_range(src, root) {
            let part = extract(src, s, e);
            // A tiny <article> (a teaser card) is not the story: keep the whole page then.
            if part.text.split_whitespace().count() >= 80 || part.text.len() * 2 >= full.text.len() {
                return part;
            }
        }
    }
    full
}

/// The byte range inside the first `<name>` element with the most text, by a cheap scan.
fn element_range(src: &str, name: &str) -> Option<(usize, usize)> {
    let lower = src.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some(o) = lower[from..].find(&open).map(|o| o + from) {
        let after = o + open.len();
        if !lower[after..].starts_with(|c: char| c.is_whitespace() || c == '>') {
            from = after;
            continue;
        }
        let Some(te) = tag_end(src, after) else { break };
        let Some(c) = lower[te..].find(&close).map(|c| c + te) else { break };
        if best.is_none_or(|(s, e)| c - te > e - s) {
            best = Some((te + 1, c));
        }
        from = c + close.len();
    }
    best
}

fn extract(src: &str, from: usize, to: usize) -> Extracted {
    let mut text = String::with_capacity((to - from) / 3);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut hidden_stack: Vec<String> = Vec::new();
    let mut i = from;
    let mut pending_break = false;
    let mut pending_space = false;
    while i < to {
        let rest = &src[i..to];
        if let Some(r) = rest.strip_prefix("<!--") {
            i += 4 + r.find("-->").map(|e| e + 3).unwrap_or(r.len());
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i += rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with('<') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            let Some(end) = tag_end(src, i + 1).filter(|&e| e < to) else { break };
            let (closing, name, attrs) = tag_name(&src[i + 1..end]);
            let self_closing = src[i + 1..end].ends_with('/');
            i = end + 1;
            if SKIP.contains(&name.as_str()) && !closing && !self_closing {
                // Raw-text elements: jump straight to the matching close tag.
                let close = format!("</{name}");
                let lower_rest = src[i..to].to_ascii_lowercase();
                match lower_rest.find(&close) {
                    Some(c) => {
                        let after = i + c;
                        i = tag_end(src, after + 1).map(|e| e + 1).unwrap_or(to);
                    }
                    None => i = to,
                }
                skip_depth.clear();
                continue;
            }
            if !closing && !self_closing && has_hidden_attr(attrs) && !is_void(&name) {
                hidden_stack.push(name.clone());
            } else if closing && hidden_stack.last() == Some(&name) {
                hidden_stack.pop();
            }
            if BLOCK.contains(&name.as_str()) {
                pending_break = true;
            } else {
                pending_space = pending_space || name == "td" || name == "img";
            }
            continue;
        }
        // A text run up to the next tag.
        let first_len = rest.chars().next().map_or(1, char::len_utf8);
        let run_end = rest[first_len..].find('<').map(|e| e + first_len + i).unwrap_or(to);
        if hidden_stack.is_empty() {
            append_text(&src[i..run_end], i, &mut text, &mut runs, &mut pending_break, &mut pending_space);
        }
        i = run_end;
    }
    Extracted { text, runs }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "source"
            | "wbr"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "track"
    )
}

/// Appends a text run, collapsing whitespace as a browser would and decoding entities.
fn append_text(
    raw: &str,
    src_pos: usize,
    text: &mut String,
    runs: &mut Vec<(usize, usize)>,
    pending_break: &mut bool,
    pending_space: &mut bool,
) {
    let mut chars = raw.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_whitespace() && c != '\u{a0}' {
            *pending_space = true;
            continue;
        }
        if !text.is_empty() {
            if *pending_break {
                if !text.ends_with('\n') {
                    text.push('\n');
                }
            } else if *pending_space && !text.ends_with('\n') && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        *pending_break = false;
        *pending_space = false;
        runs.push((text.len(), src_pos + k));
        if c == '&' {
            let tail = &raw[k..];
            if let Some((decoded, used)) = decode_entity(tail) {
                text.push_str(&decoded);
                for _ in 1..used {
                    chars.next();
                }
                continue;
            }
        }
        text.push(c);
    }
}

/// Decodes one character reference at the start of `s` (which begins with `&`); returns the text
/// and how many chars of `s` it used.
fn decode_entity(s: &str) -> Option<(String, usize)> {
    // Entity names are short; a byte search cannot land inside a multi-byte character (`;` is ASCII).
    let semi = s.bytes().take(40).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(h) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(h, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        char::from_u32(v).filter(|&c| c != '\0').unwrap_or('\u{fffd}').to_string()
    } else {
        named_entity(body)?.to_string()
    };
    Some((c, s[..=semi].chars().count()))
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "middot" => "·",
        "bull" => "•",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "aacute" => "á",
        "eacute" => "é",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "Aacute" => "Á",
        "Eacute" => "É",
        "Iacute" => "Í",
        "Oacute" => "Ó",
        "Uacute" => "Ú",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "Uuml" => "Ü",
        "Ouml" => "Ö",
        "Auml" => "Ä",
        "szlig" => "ß",
        "ccedil" => "ç",
        "egrave" => "è",
        "agrave" => "à",
        "iexcl" => "¡",
        "iquest" => "¿",
        "shy" => "\u{ad}",
        "zwj" => "\u{200d}",
        "zwnj" => "\u{200c}",
        "thinsp" | "ensp" | "emsp" => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_inline_tags_do_not_split_words() {
        let e = to_text("<p>One <b>bold</b> line.</p><p>Two</p>");
        assert_eq!(e.text, "One bold line.\nTwo");
    }

    #[test]
    fn scripts_styles_and_hidden_elements_are_left_out() {
        let e =
            to_text("<style>p{}</style><p>Keep</p><script>var a='<p>x</p>';</script><div hidden>Gone</div><p>this</p>");
        assert_eq!(e.text, "Keep\nthis");
    }

    #[test]
    fn entities_are_decoded_and_offsets_map_back_to_the_source() {
        let src = "<p>&ldquo;Hi,&rdquo; she said &amp; left.</p>";
        let e = to_text(src);
        assert_eq!(e.text, "“Hi,” she said & left.");
        let pos = e.text.find("she").unwrap();
        assert_eq!(&src[e.source_offset(pos)..e.source_offset(pos) + 3], "she");
    }

    #[test]
    fn an_article_element_is_preferred_over_page_chrome() {
        let body = "word ".repeat(100);
        let src = format!("<nav>Menu Home</nav><article><p>{body}</p></article><footer>Legal</footer>");
        let e = to_text(&src);
        assert!(!e.text.contains("Menu") && !e.text.contains("Legal"));
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        // The last one, found by the fuzzer: a multi-byte character across the 40-byte entity window.
        let long_amp = format!("&{}é;", "a".repeat(38));
        for s in ["<", "<p", "<p>&#xffffffff;", "&", "<!--", "<script>", "<a href='>'>x</a>", "\u{fffd}<p>é", &long_amp]
        {
            let _ = to_text(s);
        }
    }
}
