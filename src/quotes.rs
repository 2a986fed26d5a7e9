//! Direct quotations: pairs of quotation marks inside a paragraph, continued across paragraphs when
//! a paragraph opens a quote without closing it and the next paragraph reopens it.
//!
//! Marks never pair across paragraph boundaries otherwise, so one stray mark cannot swallow the rest
//! of the article. Short quoted terms (`the so-called “deep state”`) are kept apart from speech:
//! they are the writer's scare quotes or titles, not someone's words.

use crate::text::{Doc, TokKind};
use crate::{Finding, Kind, Span, Speaker};
use std::borrow::Cow;

/// Which way a quotation mark faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Either,
}

/// A quotation mark token and the family it belongs to (marks only pair within a family).
#[derive(Clone, Copy, Debug)]
struct Mark {
    tok: usize,
    /// The token after the mark (for a two-token mark like `''`, the one after both).
    after: usize,
    family: u8,
    dir: Dir,
}

const FAM_DOUBLE: u8 = 0; // “ ” " '' „
const FAM_GUILLEMET: u8 = 1; // « »
const FAM_SINGLE: u8 = 2; // ‘ ’ ‚ (only where an outlet uses them for speech)

/// What a quoted stretch is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteClass {
    /// Someone's words, a whole statement.
    Full,
    /// A fragment of someone's words inside the writer's paraphrase (`called it a “long call”`).
    Partial,
    /// A term, title or scare quote: the writer's, not a speaker's.
    Term,
}

#[derive(Clone, Debug)]
pub struct Quote {
    /// The words inside the marks, trimmed.
    pub span: Span,
    /// Token index of the opening mark, if the quote has one in this paragraph.
    pub open_tok: Option<usize>,
    /// Token index of the closing mark, if any (a paragraph of a multi-paragraph quote has none).
    pub close_tok: Option<usize>,
    /// Token range of the content `[first, end)`.
    pub content: (usize, usize),
    pub class: QuoteClass,
    /// The quote continues a quote from the previous paragraph.
    pub continued: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Quotes {
    /// Speech quotations (full and partial), in text order.
    pub quotes: Vec<Quote>,
    /// Quoted terms, titles and scare quotes, in text order.
    pub terms: Vec<Quote>,
}

impl Quotes {
    /// Whether `span` lies inside quotation marks (speech or partial quote; terms excluded).
    pub fn inside_quote(&self, span: Span) -> bool {
        let i = self.quotes.partition_point(|q| q.span.end < span.end);
        self.quotes[i.saturating_sub(1)..].iter().take(3).any(|q| q.span.contains(span))
    }
    /// Whether `span` lies inside any quotation marks, terms included.
    pub fn inside_any_marks(&self, span: Span) -> bool {
        self.inside_quote(span) || self.terms.iter().any(|q| q.span.contains(span))
    }
    /// Index of the speech quote containing the byte position, if any.
    pub fn quote_at(&self, pos: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.span.end <= pos);
        (i < self.quotes.len() && self.quotes[i].span.start <= pos).then_some(i)
    }
}

fn classify_mark(doc: &Doc, i: usize) -> Option<Mark> {
    let t = doc.tok(i);
    if t.kind != TokKind::Punct {
        return None;
    }
    let s = doc.tok_text(i);
    let space_before = t.has(crate::text::flag::SPACE_BEFORE);
    let space_after = t.has(crate::text::flag::SPACE_AFTER);
    let mk = |family, dir| Some(Mark { tok: i, after: i + 1, family, dir });
    match s {
        // „…“ (German, Czech…) closes with “; elsewhere “ opens. `pair_marks` handles the former.
        "“" => mk(FAM_DOUBLE, Dir::Open),
        "”" => mk(FAM_DOUBLE, Dir::Close),
        "„" => mk(FAM_DOUBLE, Dir::Open),
        "«" => mk(FAM_GUILLEMET, Dir::Open),
        "»" => mk(FAM_GUILLEMET, Dir::Close),
        "\"" => {
            let dir = match (space_before, space_after) {
                (true, false) => Dir::Open,
                (false, true) => Dir::Close,
                _ => Dir::Either,
            };
            mk(FAM_DOUBLE, dir)
        }
        "'" | "’" | "‘" | "‚" => {
            // `''` written as a double mark.
            if s == "'" && doc.is_punct(i + 1, "'") && doc.tok(i + 1).start == t.end {
                let t2 = doc.tok(i + 1);
                let dir = match (space_before, t2.has(crate::text::flag::SPACE_AFTER)) {
                    (true, false) => Dir::Open,
                    (false, true) => Dir::Close,
                    _ => Dir::Either,
                };
                return Some(Mark { tok: i, after: i + 2, family: FAM_DOUBLE, dir });
            }
            let dir = match s {
                "‘" | "‚" => Dir::Open,
                _ => match (space_before, space_after) {
                    (true, false) => Dir::Open,
                    (false, true) => Dir::Close,
                    _ => Dir::Either,
                },
            };
            mk(FAM_SINGLE, dir)
        }
        _ => None,
    }
}

/// Finds the quotations in a document.
pub fn detect(doc: &Doc) -> Quotes {
    let mut out = Quotes::default();
    // An unclosed quote at the end of a paragraph: (family, content start token) carried over to the
    // next paragraph, which continues it only if it opens with a mark of the same family.
    let mut carried: Option<u8> = None;
    for p in &doc.paragraphs {
        let (first, last) = (p.tokens.0 as usize, p.tokens.1 as usize);
        let mut marks: Vec<Mark> = Vec::new();
        let mut i = first;
        while i < last {
            if let Some(m) = classify_mark(doc, i) {
                i = m.after;
                marks.push(m);
            } else {
                i += 1;
            }
        }
        let continues = carried.take();
        let mut raw: Vec<(Mark, Option<Mark>)> = Vec::new();
        pair_marks(doc, &marks, &mut raw);
        for (k, (open, close)) in raw.iter().enumerate() {
            let content_first = open.after;
            let content_end = close.map(|c| c.tok).unwrap_or(last);
            if content_first >= content_end {
                continue;
            }
            // An unclosed quote runs to the paragraph end only when it is the last quote here and
            // the next paragraph reopens a quote of the same family (a multi-paragraph quote);
            // otherwise the mark is stray.
            if close.is_none() && (k + 1 != raw.len() || !next_para_reopens(doc, last, open.family)) {
                continue;
            }
            let span = doc.span_of(content_first, content_end - 1);
            let continued = k == 0 && continues == Some(open.family) && open.tok == first;
            let mut q = Quote {
                span,
                open_tok: Some(open.tok),
                close_tok: close.map(|c| c.tok),
                content: (content_first, content_end),
                class: QuoteClass::Full,
                continued,
            };
            q.class = classify_quote(doc, &q);
            if close.is_none() {
                // Continued in the next paragraph only if that one reopens with the same family.
                carried = Some(open.family);
                if q.class == QuoteClass::Term {
                    continue;
                }
            }
            if q.class == QuoteClass::Term {
                out.terms.push(q);
            } else {
                out.quotes.push(q);
            }
        }
    }
    out
}

/// Whether the paragraph starting at token `i` opens with a quotation mark of `family`.
fn next_para_reopens(doc: &Doc, i: usize, family: u8) -> bool {
    i < doc.len() && classify_mark(doc, i).is_some_and(|m| m.family == family && m.dir != Dir::Close)
}

/// Pairs marks left to right within one paragraph. Single marks pair only with single marks and
/// only when both look like quote marks (an apostrophe such as `parents’` cannot open).
fn pair_marks(doc: &Doc, marks: &[Mark], out: &mut Vec<(Mark, Option<Mark>)>) {
    let mut open: Option<Mark> = None;
    for &m in marks {
        match open {
            None => {
                if m.dir != Dir::Close {
                    // A single mark with no space before it is an apostrophe, not an opener.
                    if m.family == FAM_SINGLE && !doc.tok(m.tok).has(crate::text::flag::SPACE_BEFORE) {
                        continue;
                    }
                    open = Some(m);
                }
            }
            Some(o) => {
                if m.family != o.family {
                    continue; // nested quote of another family: part of the content
                }
                let low_high = doc.tok_text(o.tok) == "„" && doc.tok_text(m.tok) == "“";
                if m.dir == Dir::Open && !low_high {
                    // Two openers in a row: the first was stray; restart from the second.
                    open = Some(m);
                    continue;
                }
                out.push((o, Some(m)));
                open = None;
            }
        }
    }
    if let Some(o) = open {
        out.push((o, None));
    }
}

/// Quote-introducing words right before a short quote that make it a term, not speech:
/// `so-called “experts”`, `the word “freedom”`, `known as “the Boss”`.
const TERM_INTRODUCERS: &[&str] = &[
    "so-called",
    "called",
    "dubbed",
    "nicknamed",
    "termed",
    "word",
    "term",
    "phrase",
    "label",
    "known",
    "titled",
    "entitled",
    "slogan",
    "hashtag",
    "book",
    "film",
    "song",
    "album",
    "series",
    "show",
    "novel",
    "headline",
];

/// Decides whether a quote is speech (full or partial) or a term.
fn classify_quote(doc: &Doc, q: &Quote) -> QuoteClass {
    let (a, b) = q.content;
    let words = (a..b).filter(|&i| doc.is_word(i) || doc.tok(i).kind == TokKind::Number).count();
    let before = q.open_tok.and_then(|o| o.checked_sub(1)).filter(|&p| q.open_tok.is_some_and(|o| doc.same_para(p, o)));
    let after =
        q.close_tok.map(|c| c + 1).filter(|&n| n < doc.len() && q.close_tok.is_some_and(|c| doc.same_para(n, c)));
    let prev_word = before.filter(|&p| doc.is_word(p)).map(|p| doc.tok_lower(p));
    if words <= 3 && prev_word.is_some_and(|w| TERM_INTRODUCERS.contains(&w)) {
        return QuoteClass::Term;
    }
    let has_inner_punct = (a..b).any(|i| {
        doc.tok(i).kind == TokKind::Punct && matches!(doc.tok_text(i), "," | "." | "!" | "?" | ";" | ":" | "…")
    });
    if words <= 2 && !has_inner_punct {
        // One or two words in marks with no speech cue around: a scare quote or a term.
        let cue_near = before.is_some_and(|p| doc.is_punct(p, ":") || doc.is_punct(p, ","))
            || after.is_some_and(|n| doc.is_punct(n, ","));
        if !cue_near {
            return QuoteClass::Term;
        }
    }
    // Speech. Full when the quote stands as its own statement: it opens the sentence or paragraph, or
    // follows a colon or comma (`said: “…”`, `said, “…”`), or starts with a capital after a cue word.
    let opens_sentence = match before {
        None => true,
        Some(p) => {
            let t = doc.tok_text(p);
            matches!(t, ":" | "," | "—" | "–" | "(" | "." | "!" | "?")
                || doc.tok(q.open_tok.unwrap_or(a)).has(crate::text::flag::SENT_START)
        }
    };
    let starts_cap = doc.is_cap(a) || doc.tok(a).kind != TokKind::Word;
    if q.continued || (opens_sentence && (starts_cap || before.is_none() || words >= 6)) {
        QuoteClass::Full
    } else {
        QuoteClass::Partial
    }
}

/// The finding for a quote.
pub fn finding(q: &Quote, speaker: Option<Speaker>) -> Finding {
    let partial = q.class == QuoteClass::Partial;
    let note: Cow<'static, str> = match (&speaker, partial) {
        (Some(s), false) if s.source_type == crate::SourceType::Anonymous => {
            Cow::Owned(format!("Direct quote from a source the article does not name ({}).", s.name))
        }
        (Some(s), false) => Cow::Owned(format!("Direct quote: these are {}’s words, not the writer’s.", s.name)),
        (Some(s), true) => Cow::Owned(format!("Quoted fragment of {}’s words inside the writer’s paraphrase.", s.name)),
        (None, false) => Cow::Borrowed("Direct quote; the article does not make clear who said it."),
        (None, true) => Cow::Borrowed("Quoted fragment inside the writer’s paraphrase; the speaker is unclear."),
    };
    let rule = match (partial, q.continued) {
        (_, true) => "quote.continued-paragraph",
        (true, _) => "quote.partial",
        (false, _) => "quote.pair",
    };
    Finding {
        kind: Kind::Quote,
        subtype: Cow::Borrowed(if partial { "partial" } else { "full" }),
        span: q.span,
        rule: Cow::Borrowed(rule),
        note,
        speaker,
        source_finding: None,
    }
}
