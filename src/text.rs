//! Segmentation: paragraphs, sentences and tokens, all as byte offsets into the original text.
//!
//! Nothing is copied per token. Case-insensitive comparisons use one ASCII-lowercased copy of the
//! whole text, which has exactly the same byte offsets as the original (non-ASCII letters keep
//! their case; the lexicons are ASCII where it matters, and words like `Rodríguez` are compared as
//! written).

use crate::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, possibly with inner apostrophes, hyphens or abbreviation dots (`don't`, `so-called`,
    /// `U.S.`), and a word-initial elided year (`’90s`).
    Word,
    /// Digits with inner `.`, `,`, `:` or `/` (`3.5`, `1,000`, `9/11`), and ordinals (`14th`).
    Number,
    /// Any other single character (punctuation, quote marks, symbols, emoji).
    Punct,
}

/// Token flags.
pub mod flag {
    /// The first letter is uppercase.
    pub const CAP: u8 = 1;
    /// Every letter is uppercase and there are at least two letters.
    pub const ALL_CAPS: u8 = 2;
    /// The token starts a sentence.
    pub const SENT_START: u8 = 4;
    /// The token starts a paragraph.
    pub const PARA_START: u8 = 8;
    /// Whitespace comes right before the token (or it starts the text).
    pub const SPACE_BEFORE: u8 = 16;
    /// Whitespace comes right after the token (or it ends the text).
    pub const SPACE_AFTER: u8 = 32;
    /// A word with an ASCII capital anywhere (`McDonald`, `eBay`, `USA`): lowercasing changes it.
    pub const ASCII_UPPER: u8 = 64;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    pub flags: u8,
    /// Index of the paragraph holding this token.
    pub para: u32,
    /// Index of the sentence holding this token.
    pub sent: u32,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }
}

/// A paragraph: a run of text between line breaks, and the tokens inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Token indices `[first, last)`.
    pub tokens: (u32, u32),
}

/// A sentence: token indices `[first, last)`; never crosses a paragraph boundary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: (u32, u32),
    pub para: u32,
}

/// Per token, parallel to [`Doc::tokens`]: the lexicon vocabulary id and the number of its word
/// within the text; and the word classes of each vocabulary id.
pub(crate) struct TokenWords {
    pub ids: Vec<u32>,
    pub classes: &'static [u128],
    pub types: Vec<u32>,
    pub type_count: usize,
}

/// A segmented text.
pub struct Doc<'a> {
    pub text: &'a str,
    lower: String,
    /// What the lexicons know of each token, computed on first use ([`crate::lexicon`] fills it).
    pub(crate) words: std::cell::OnceCell<TokenWords>,
    /// How each word of the text is written ([`crate::words`] fills it on first use).
    pub(crate) written: std::cell::OnceCell<Vec<u8>>,
    pub tokens: Vec<Token>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// The punctuation tokens that may be quotation marks (`"`, `'` or a non-ASCII character), in
    /// order: what [`crate::quotes`] looks at, found while reading the tokens.
    pub(crate) mark_candidates: Vec<u32>,
    /// How many tokens are words or numbers (not punctuation), counted while reading them.
    pub(crate) word_count: usize,
    /// The capitalised words not in capitals (`Rodríguez`, not `USA`), in order: where the name
    /// finders ([`crate::sources::NameIndex`], the attribution step's people) can start a name,
    /// so that they visit these and a few other words instead of every token.
    pub(crate) capitalised: Vec<u32>,
    /// The head words and gendered pronouns, in order: the words other than capitalised ones that
    /// the name finders visit, found in one walk for both ([`crate::words`] fills it).
    pub(crate) name_class_words: std::cell::OnceCell<Vec<u32>>,
}

/// Line breaks that end a paragraph. U+2028/2029 are what some CMSs put between paragraphs.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' | '\u{85}')
}

/// Marks that join letters inside one word: apostrophes and hyphens.
fn is_inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '-' | '‐' | '‑' | '&')
}

fn is_wordish(c: char) -> bool {
    // Dashes, curly quotes and the ellipsis, the commonest non-ASCII after a word, are neither
    // letters nor marks: spared the Unicode table lookups.
    !('\u{2010}'..='\u{2027}').contains(&c) && (c.is_alphanumeric() || is_combining(c))
}

/// Combining marks (accents written as separate code points) belong to the letter before them.
pub fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || c == '\u{200d}'
}

/// Abbreviations whose final dot does not end a sentence when a capitalised word follows. A
/// `match`, which compiles to a test of the length and then a few comparisons, not a scan.
#[rustfmt::skip]
fn is_abbreviation_word(t: &str) -> bool {
    matches!(
        t,
        "mr" | "mrs" | "ms" | "dr" | "prof" | "sen" | "rep" | "gov" | "gen" | "lt" | "col" | "capt" | "cmdr" | "adm"
        | "sgt" | "maj" | "pres" | "rev" | "hon" | "st" | "jr" | "sr" | "mt" | "ft" | "vs" | "jan" | "feb" | "mar"
        | "apr" | "aug" | "sept" | "sep" | "oct" | "nov" | "dec" | "inc" | "corp" | "ltd" | "dept" | "approx" | "fig"
        | "etc" | "calif" | "fla" | "penn" | "ariz" | "conn" | "mich" | "minn" | "wis" | "okla" | "tenn" | "ala"
        | "ark" | "colo" | "ga" | "kan" | "md" | "mont" | "neb" | "nev" | "tex" | "va" | "vt" | "wyo" | "sra" | "dra"
        | "lic" | "gral" | "av" | "ont"
    )
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let lower = text.to_ascii_lowercase();
        let mut doc = Doc {
            text,
            lower,
            words: std::cell::OnceCell::new(),
            written: std::cell::OnceCell::new(),
            tokens: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            mark_candidates: Vec::new(),
            word_count: 0,
            capitalised: Vec::new(),
            name_class_words: std::cell::OnceCell::new(),
        };
        let stops = doc.tokenize();
        doc.split_sentences(&stops);
        doc
    }

    /// Reads the tokens and paragraphs; returns the tokens that may end a sentence (see
    /// [`Doc::ends_sentence_at`]), so that splitting sentences visits only those.
    fn tokenize(&mut self) -> Vec<u32> {
        let text = self.text;
        let bytes = text.as_bytes();
        // News text has about one token per five bytes; a little more room spares a reallocation.
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 1);
        // Room for what news text usually has (a paragraph in a few hundred bytes, a stop in under a
        // hundred), so the lists are seldom copied while they grow.
        let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(text.len() / 256 + 1);
        let mut para_start_tok = 0u32;
        let mut para_start_byte: Option<usize> = None;
        let mut para_end_byte = 0usize;
        let mut space_before = true;
        let mut stops: Vec<u32> = Vec::with_capacity(text.len() / 64 + 1);
        let mut i = 0usize;

        // A token gets the number of its paragraph when it is read (paragraphs are numbered as they
        // close), so closing one only marks its first token.
        let close_para = |tokens: &mut Vec<Token>,
                          paragraphs: &mut Vec<Paragraph>,
                          para_start_tok: &mut u32,
                          para_start_byte: &mut Option<usize>,
                          end_byte: usize| {
            if let Some(sb) = para_start_byte.take() {
                let first = *para_start_tok;
                let last = tokens.len() as u32;
                if let Some(t) = tokens.get_mut(first as usize) {
                    t.flags |= flag::PARA_START;
                }
                paragraphs.push(Paragraph { span: Span::new(sb, end_byte), tokens: (first, last) });
                *para_start_tok = last;
            }
        };

        while i < bytes.len() {
            // ASCII, most of every text, is classified by one table lookup.
            let (c, clen, class) = match bytes[i] {
                b @ 0..0x80 => (char::from(b), 1, BYTE_CLASS[usize::from(b)]),
                _ => {
                    let c = char_at(text, i).expect("a character at a boundary");
                    (c, c.len_utf8(), char_class(c))
                }
            };
            if class & SPACE != 0 {
                if let Some(t) = tokens.last_mut() {
                    if t.end as usize == i {
                        t.flags |= flag::SPACE_AFTER;
                    }
                }
                space_before = true;
                i += clen;
                continue;
            }
            if class & BREAK != 0 {
                close_para(&mut tokens, &mut paragraphs, &mut para_start_tok, &mut para_start_byte, para_end_byte);
                if let Some(t) = tokens.last_mut() {
                    t.flags |= flag::SPACE_AFTER;
                }
                space_before = true;
                i += clen;
                continue;
            }
            if para_start_byte.is_none() {
                para_start_byte = Some(i);
            }
            let start = i;
            let kind;
            let mut flags = if space_before { flag::SPACE_BEFORE } else { 0 };
            if class & (ALNUM | ALPHA) == ALNUM {
                kind = TokKind::Number;
                i += clen;
                loop {
                    i += ascii_run(&bytes[i..]).len();
                    let Some(&b) = bytes.get(i) else { break };
                    if b < 0x80 {
                        if matches!(b, b'.' | b',' | b':' | b'/') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                            i += 1;
                        } else {
                            break;
                        }
                    } else {
                        let d = char_at(text, i).expect("a character at a boundary");
                        if !is_wordish(d) {
                            break;
                        }
                        i += d.len_utf8();
                    }
                }
            } else if class & ALPHA != 0 || (is_elision(c) && starts_elided_year(&text[i + clen..])) {
                kind = TokKind::Word;
                let mut case = Case::default();
                if clen == 1 {
                    case.add_ascii(class);
                } else {
                    case.add(c);
                }
                i += clen;
                loop {
                    // ASCII letters and digits, the bulk of every word, need none of the checks below.
                    i = case.read_ascii(bytes, i);
                    let Some(&b) = bytes.get(i) else { break };
                    if BYTE_CLASS[usize::from(b)] & WORD_END != 0 {
                        break;
                    }
                    if b < 0x80 {
                        // An ASCII joiner (no letter: the case is unchanged) or an abbreviation dot;
                        // anything else ends the word.
                        let joins =
                            matches!(b, b'\'' | b'-' | b'&') && char_at(text, i + 1).is_some_and(char::is_alphanumeric);
                        if joins || b == b'.' && is_abbreviation_dot(bytes, start, i) {
                            i += 1;
                        } else {
                            break;
                        }
                    } else {
                        let d = char_at(text, i).expect("a character at a boundary");
                        let joins =
                            is_inner_joiner(d) && char_at(text, i + d.len_utf8()).is_some_and(char::is_alphanumeric);
                        if !(is_wordish(d) || joins) {
                            break;
                        }
                        case.add(d);
                        i += d.len_utf8();
                    }
                }
                flags |= case.flags(text, start, i);
                if flags & (flag::CAP | flag::ALL_CAPS) == flag::CAP {
                    self.capitalised.push(tokens.len() as u32);
                }
            } else {
                kind = TokKind::Punct;
                if matches!(bytes[i], b'"' | b'\'' | 0x80..) {
                    self.mark_candidates.push(tokens.len() as u32);
                }
                i += clen;
                // Keep a character and its combining marks / variation selectors together (emoji, accents).
                while bytes.get(i).is_some_and(|&b| b >= 0x80) {
                    let d = char_at(text, i).expect("a character at a boundary");
                    if is_combining(d) || matches!(d as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF) {
                        i += d.len_utf8();
                    } else {
                        break;
                    }
                }
            }
            if BYTE_CLASS[usize::from(bytes[i - 1])] & STOP_END != 0 {
                stops.push(tokens.len() as u32);
            }
            self.word_count += usize::from(kind != TokKind::Punct);
            let para = paragraphs.len() as u32;
            para_end_byte = i;
            // The usual single space after a token is read here, not by another turn of the loop.
            space_before = bytes.get(i) == Some(&b' ');
            if space_before {
                flags |= flag::SPACE_AFTER;
                i += 1;
            }
            tokens.push(Token { start: start as u32, end: para_end_byte as u32, kind, flags, para, sent: 0 });
        }
        close_para(&mut tokens, &mut paragraphs, &mut para_start_tok, &mut para_start_byte, para_end_byte);
        if let Some(t) = tokens.last_mut() {
            t.flags |= flag::SPACE_AFTER;
        }
        self.tokens = tokens;
        self.paragraphs = paragraphs;
        stops
    }

    /// Splits each paragraph at the `stops` (token indices in order) that end a sentence.
    fn split_sentences(&mut self, stops: &[u32]) {
        // Every sentence ends at a stop or at its paragraph's end.
        let mut sentences = Vec::with_capacity(stops.len() + self.paragraphs.len());
        let mut stops = stops.iter().copied().peekable();
        for (pi, p) in self.paragraphs.iter().enumerate() {
            let (first, last) = p.tokens;
            let mut s_start = first;
            while let Some(i) = stops.next_if(|&i| i < last) {
                // A stop among the closers of the previous sentence is part of it.
                if i < s_start || !self.ends_sentence_at(i, last) {
                    continue;
                }
                // Closing quotes and brackets right after the stop belong to this sentence.
                let mut j = i + 1;
                while j < last && self.is_closer(j) {
                    j += 1;
                }
                sentences.push(Sentence { tokens: (s_start, j), para: pi as u32 });
                s_start = j;
            }
            if s_start < last {
                sentences.push(Sentence { tokens: (s_start, last), para: pi as u32 });
            }
        }
        for (si, s) in sentences.iter().enumerate() {
            for t in &mut self.tokens[s.tokens.0 as usize..s.tokens.1 as usize] {
                t.sent = si as u32;
            }
            if let Some(t) = self.tokens.get_mut(s.tokens.0 as usize) {
                t.flags |= flag::SENT_START;
            }
        }
        self.sentences = sentences;
    }

    fn is_closer(&self, i: u32) -> bool {
        let t = &self.tokens[i as usize];
        t.kind == TokKind::Punct
            && matches!(self.tok_text(i as usize), "”" | "\"" | "’" | "'" | ")" | "]" | "»" | "“" | "›")
            && !t.has(flag::SPACE_BEFORE)
    }

    /// Whether token `i` ends a sentence: a stop followed (after closers) by whitespace and then
    /// something that can start a sentence. Only asked of the tokens [`Doc::tokenize`] finds
    /// ending in a stop's last byte.
    fn ends_sentence_at(&self, i: u32, last: u32) -> bool {
        let t = &self.tokens[i as usize];
        let s = self.tok_text(i as usize);
        let is_stop = matches!(s, "." | "!" | "?" | "…" | "‼" | "⁇")
            || (t.kind == TokKind::Word && s.ends_with('.') && !self.is_abbreviation(i as usize));
        if !is_stop {
            return false;
        }
        let mut j = i + 1;
        while j < last && self.is_closer(j) {
            j += 1;
        }
        if j >= last {
            return false; // the paragraph end closes it anyway
        }
        let prev = &self.tokens[j as usize - 1];
        let next = &self.tokens[j as usize];
        if !prev.has(flag::SPACE_AFTER) {
            return false;
        }
        if s == "." && i > 0 {
            let before = &self.tokens[i as usize - 1];
            // `Mr. Smith`, `U.S. officials`: the dot after an abbreviation.
            if before.end == t.start && self.is_abbreviation(i as usize - 1) {
                return false;
            }
            // `J. Smith`: a single capital initial.
            if before.end == t.start && before.kind == TokKind::Word && before.len() == 1 && before.has(flag::CAP) {
                return false;
            }
        }
        let nt = self.tok_text(j as usize);
        next.has(flag::CAP)
            || next.kind == TokKind::Number
            || matches!(nt, "“" | "\"" | "‘" | "'" | "«" | "„" | "(" | "[" | "—" | "–" | "¿" | "¡")
    }

    /// Whether word token `i` (with or without its final dot) is a known abbreviation.
    pub fn is_abbreviation(&self, i: usize) -> bool {
        let t = self.tok_lower(i);
        let t = t.strip_suffix('.').unwrap_or(t);
        if t.contains('.') && t.len() <= 6 {
            return true; // U.S, e.g, Ph.D
        }
        is_abbreviation_word(t)
    }

    // ---- accessors ----

    pub fn len(&self) -> usize {
        self.tokens.len()
    }
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
    #[inline]
    pub fn tok(&self, i: usize) -> &Token {
        &self.tokens[i]
    }
    #[inline]
    pub fn tok_text(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start as usize..t.end as usize]
    }
    /// The token, ASCII-lowercased.
    #[inline]
    pub fn tok_lower(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.lower[t.start as usize..t.end as usize]
    }
    /// The text, ASCII-lowercased, with the same offsets.
    pub fn lower(&self) -> &str {
        &self.lower
    }
    pub fn slice(&self, s: Span) -> &'a str {
        &self.text[s.start..s.end]
    }
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }
    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word && t.has(flag::CAP))
    }
    // Not inlined, nor `is_any`: called from some 900 places, they made the wasm 6.6 KB larger
    // gzipped for 2 % of speed (BENCHMARKS.md, Size).
    #[inline(never)]
    pub fn is_punct(&self, i: usize, s: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Punct && same(&self.text.as_bytes()[t.range()], s))
    }
    /// Case-insensitive comparison with an ASCII-lowercase word.
    #[inline]
    pub fn is(&self, i: usize, lower_word: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| same(&self.lower.as_bytes()[t.range()], lower_word))
    }
    #[inline(never)]
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            let token = &self.lower.as_bytes()[t.range()];
            words.iter().any(|w| same(token, w))
        })
    }
    /// Span covering tokens `[first, last]` (inclusive).
    #[inline]
    pub fn span_of(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].start as usize, self.tokens[last].end as usize)
    }
    /// Whether tokens `a` and `b` are in the same paragraph.
    #[inline]
    pub fn same_para(&self, a: usize, b: usize) -> bool {
        self.tokens[a].para == self.tokens[b].para
    }
    /// First token whose start is at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| (t.start as usize) < pos)
    }
    /// Last token whose end is at or before byte `pos`, if any.
    pub fn token_ending_at_or_before(&self, pos: usize) -> Option<usize> {
        let n = self.tokens.partition_point(|t| (t.end as usize) <= pos);
        n.checked_sub(1)
    }
    /// Index of the token containing byte `pos`, if any.
    pub fn token_containing(&self, pos: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| (t.end as usize) <= pos);
        (i < self.tokens.len() && self.tokens[i].start as usize <= pos).then_some(i)
    }

    /// Matches a sequence of lowercase words starting at token `i`; returns the index after the match.
    pub fn match_words<S: AsRef<str>>(&self, i: usize, words: &[S]) -> Option<usize> {
        if i + words.len() > self.tokens.len() {
            return None;
        }
        for (k, w) in words.iter().enumerate() {
            if self.tok_lower(i + k) != w.as_ref() {
                return None;
            }
            if k > 0 && self.tokens[i + k].para != self.tokens[i].para {
                return None;
            }
        }
        Some(i + words.len())
    }
}

impl Token {
    #[inline]
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// Whether a token's bytes are `s`'s: the lengths, then byte by byte. Tokens compared with a word
/// or a mark are a few bytes long, and most differ in length or at the first byte: cheaper than
/// the call to `memcmp` a slice comparison makes in the wasm, which showed in its profile.
#[inline]
fn same(token: &[u8], s: &str) -> bool {
    token.len() == s.len() && token.iter().zip(s.as_bytes()).all(|(a, b)| a == b)
}

/// The character starting at byte `i` (on a char boundary), decoding only non-ASCII bytes.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text[i..].chars().next()
    }
}

fn is_elision(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// `’90s`, `'08`: an apostrophe standing for the century, not a quote mark.
fn starts_elided_year(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 2 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && (b.len() == 2 || !b[2].is_ascii_digit())
}

/// A dot inside or after an abbreviation like `U.S.` or `Ph.D.`: the word so far is short letter
/// groups joined by dots, and a letter follows (inner dot) or the word already has a dot (final dot).
fn is_abbreviation_dot(bytes: &[u8], word_start: usize, dot: usize) -> bool {
    let word = &bytes[word_start..dot];
    let next = bytes.get(dot + 1).copied();
    let groups_short = word.split(|&b| b == b'.').all(|g| !g.is_empty() && g.len() <= 2);
    if !groups_short {
        return false;
    }
    match next {
        Some(n) if n.is_ascii_alphabetic() => {
            // Inner dot: `U.S`, `e.g`; the group after must also be short and end with a dot.
            let after = &bytes[dot + 1..];
            let glen = after.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            glen <= 2 && after.get(glen) == Some(&b'.')
        }
        _ => word.contains(&b'.'),
    }
}

/// What a byte is to the tokenizer: an ASCII letter or digit (`ALNUM`, with `ALPHA` and `UPPER`
/// or `LOWER` for a letter), a space, a line break, or (0) punctuation or part of a non-ASCII
/// character; and whether it ends a word (`WORD_END`) or may end a sentence's stop (`STOP_END`).
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
const SPACE: u8 = 16;
const BREAK: u8 = 32;
/// An ASCII byte that ends a word wherever it comes: not a letter or digit, and not `'`, `-`, `&`
/// or `.`, which may join letters or mark an abbreviation.
const WORD_END: u8 = 64;
/// A byte a sentence's stop can end in: `.`, `!`, `?` or a byte of a non-ASCII character (`…`).
const STOP_END: u8 = 128;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [STOP_END; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM | ALPHA | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if c.is_ascii_digit() {
            ALNUM
        } else if matches!(c, b'\n' | b'\r' | 0x0b | 0x0c) {
            BREAK
        } else if matches!(c, b' ' | b'\t') {
            SPACE
        } else {
            0
        };
        if t[b] & ALNUM == 0 && !matches!(c, b'\'' | b'-' | b'&' | b'.') {
            t[b] |= WORD_END;
        }
        if matches!(c, b'.' | b'!' | b'?') {
            t[b] |= STOP_END;
        }
        b += 1;
    }
    t
};

/// The class of any character, as [`BYTE_CLASS`] gives it for ASCII: line breaks, whitespace
/// (and zero-width spaces), numbers (before letters: `Ⅻ` is a number), letters.
fn char_class(c: char) -> u8 {
    if c.is_ascii() {
        BYTE_CLASS[c as usize]
    } else if ('\u{2010}'..='\u{2027}').contains(&c) {
        // Dashes, curly quotes, bullets, the ellipsis: common punctuation, spared the table lookups.
        0
    } else if is_line_break(c) {
        BREAK
    } else if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
        SPACE
    } else if c.is_numeric() {
        ALNUM
    } else if c.is_alphabetic() {
        ALNUM | ALPHA
    } else {
        0
    }
}

/// The run of ASCII letters and digits at the start of `bytes`.
#[inline]
fn ascii_run(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().position(|&b| BYTE_CLASS[usize::from(b)] & ALNUM == 0).unwrap_or(bytes.len());
    &bytes[..n]
}

/// The case of a word as it is read: the first letter's case gives [`flag::CAP`]; a word with
/// no letter other than capitals, and at least two, is [`flag::ALL_CAPS`].
#[derive(Default)]
struct Case {
    first_upper: Option<bool>,
    /// A letter that is not a capital.
    not_upper: bool,
    /// An ASCII capital.
    ascii_upper: bool,
}

impl Case {
    fn add(&mut self, c: char) {
        if c.is_alphabetic() {
            let upper = c.is_uppercase();
            self.not_upper |= !upper;
            self.ascii_upper |= c.is_ascii_uppercase();
            self.first_upper.get_or_insert(upper);
        }
    }

    /// [`Case::add`] for an ASCII character, from its [`BYTE_CLASS`].
    #[inline]
    fn add_ascii(&mut self, class: u8) {
        if class & ALPHA != 0 {
            self.not_upper |= class & LOWER != 0;
            self.ascii_upper |= class & UPPER != 0;
            self.first_upper.get_or_insert(class & UPPER != 0);
        }
    }

    /// Reads the run of ASCII letters and digits at `bytes[i..]`; returns where it ends.
    #[inline]
    fn read_ascii(&mut self, bytes: &[u8], mut i: usize) -> usize {
        let start = i;
        let mut seen = 0;
        while let Some(&b) = bytes.get(i) {
            let class = BYTE_CLASS[usize::from(b)];
            if class & ALNUM == 0 {
                break;
            }
            seen |= class;
            i += 1;
        }
        self.not_upper |= seen & LOWER != 0;
        self.ascii_upper |= seen & UPPER != 0;
        if self.first_upper.is_none() && seen & ALPHA != 0 {
            self.first_upper = bytes[start..i].iter().find(|b| b.is_ascii_alphabetic()).map(u8::is_ascii_uppercase);
        }
        i
    }

    /// The flags of the word `text[start..end]`, which these were read from.
    fn flags(&self, text: &str, start: usize, end: usize) -> u8 {
        let mut f = if self.ascii_upper { flag::ASCII_UPPER } else { 0 };
        if self.first_upper == Some(true) {
            f |= flag::CAP;
        }
        // Counting letters (and slicing the word) is left to the rare word that may be all capitals.
        if !self.not_upper && text[start..end].chars().filter(|c| c.is_alphabetic()).nth(1).is_some() {
            f |= flag::ALL_CAPS;
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let d = Doc::new(text);
        (0..d.len()).map(|i| d.tok_text(i)).collect()
    }

    #[test]
    fn apostrophes_inside_words_stay_in_the_word() {
        assert_eq!(words("Rodríguez’s don't O'Brien"), vec!["Rodríguez’s", "don't", "O'Brien"]);
    }

    #[test]
    fn elided_years_are_words_but_opening_quotes_are_not() {
        assert_eq!(words("the ’90s and ‘yes’"), vec!["the", "’90s", "and", "‘", "yes", "’"]);
    }

    #[test]
    fn abbreviations_keep_their_dots() {
        assert_eq!(
            words("U.S. officials, e.g. Ph.D. holders"),
            vec!["U.S.", "officials", ",", "e.g.", "Ph.D.", "holders"]
        );
    }

    #[test]
    fn a_sentence_ending_in_an_ordinary_word_keeps_its_stop_separate() {
        assert_eq!(words("It ended. Then"), vec!["It", "ended", ".", "Then"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(words("1,000 and 3.5 on 9/11."), vec!["1,000", "and", "3.5", "on", "9/11", "."]);
    }

    #[test]
    fn paragraphs_split_on_line_breaks_and_sentences_never_cross_them() {
        let d = Doc::new("First para ends\nSecond one. Third here.\r\n\r\nLast");
        assert_eq!(d.paragraphs.len(), 3);
        assert_eq!(d.slice(d.paragraphs[1].span), "Second one. Third here.");
        assert_eq!(d.sentences.len(), 4);
        assert!(d.sentences.iter().all(|s| (s.tokens.0..s.tokens.1).all(|t| d.tokens[t as usize].para == s.para)));
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let d = Doc::new("Mr. Smith met U.S. officials. J. Doe said so. Done");
        let starts: Vec<&str> = d.sentences.iter().map(|s| d.tok_text(s.tokens.0 as usize)).collect();
        assert_eq!(starts, vec!["Mr", "J", "Done"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let d = Doc::new("He said “no.” She left. No. 5 won.");
        let first = &d.sentences[0];
        assert_eq!(d.tok_text(first.tokens.1 as usize - 1), "”");
    }

    #[test]
    fn combining_marks_and_emoji_do_not_split_or_panic() {
        let d = Doc::new("Rodri\u{301}guez 👍🏽 ok");
        assert_eq!(d.tok_text(0), "Rodri\u{301}guez");
        assert_eq!(d.tok_text(1), "👍🏽");
    }

    #[test]
    fn capitalised_lists_the_capitalised_words_not_in_capitals() {
        let d = Doc::new("Mr. Smith met USA officials in Zürich; “Ça va” I said. ÉCOLE eBay");
        let caps: Vec<&str> = d.capitalised.iter().map(|&t| d.tok_text(t as usize)).collect();
        assert_eq!(caps, ["Mr", "Smith", "Zürich", "Ça", "I"]);
        let expect: Vec<u32> = (0..d.len() as u32)
            .filter(|&t| {
                d.tok(t as usize).kind == TokKind::Word
                    && d.tok(t as usize).flags & (flag::CAP | flag::ALL_CAPS) == flag::CAP
            })
            .collect();
        assert_eq!(d.capitalised, expect);
    }

    #[test]
    fn lowercase_copy_keeps_offsets() {
        let d = Doc::new("ÉCOLE Said");
        assert_eq!(d.tok_lower(1), "said");
        // Only ASCII letters are lowered; the byte offsets stay those of the original.
        assert_eq!(d.tok_lower(0), "\u{c9}cole");
    }

    #[test]
    fn case_flags_read_the_first_letter_and_every_letter() {
        let d = Doc::new("USA McDonald’s ÉCOLE Ǆemal I 'Twas ’90S eBay");
        let f = |i: usize| (d.tok(i).has(flag::CAP), d.tok(i).has(flag::ALL_CAPS));
        assert_eq!(d.tok_text(1), "McDonald’s");
        assert_eq!(f(0), (true, true)); // USA
        assert_eq!(f(1), (true, false)); // McDonald’s
        assert_eq!(f(2), (true, true)); // ÉCOLE: non-ASCII capitals count
        assert_eq!(f(3), (true, false)); // Ǆemal: a capital, then lower case
        assert_eq!(f(4), (true, false)); // I: one letter is not all capitals
        assert_eq!(d.tok_text(6), "Twas");
        assert_eq!(d.tok_text(7), "’90S");
        assert_eq!(f(7), (true, false)); // ’90S: the first letter is S, and one letter only
        assert_eq!(f(8), (false, false)); // eBay
        let upper: Vec<bool> = (0..d.len()).map(|i| d.tok(i).has(flag::ASCII_UPPER)).collect();
        assert_eq!(upper, [true, true, true, false, true, false, true, true, true]);
    }

    #[test]
    fn numbers_words_and_marks_split_at_the_same_places_in_every_script() {
        let text = "Ⅻ 3½ naïve Zürich ١٢٣ 東京 — “quote” 👍🏽x";
        assert_eq!(words(text), vec!["Ⅻ", "3½", "naïve", "Zürich", "١٢٣", "東京", "—", "“", "quote", "”", "👍🏽", "x"]);
        let d = Doc::new(text);
        assert_eq!(d.tok(0).kind, TokKind::Number);
        assert_eq!(d.tok(4).kind, TokKind::Number);
        assert_eq!(d.tok(5).kind, TokKind::Word);
    }
}
