//! Direct quotations: pairs of quotation marks inside a paragraph, continued across paragraphs when
//! a paragraph opens a quote without closing it and the next paragraph reopens it.
//!
//! Marks never pair across paragraph boundaries otherwise, so one stray mark cannot swallow the rest
//! of the article; pairing is one left-to-right pass per paragraph. Curly, straight, `''`, « » and
//! „ “ marks all pair as double marks; single marks are speech marks only in a text that has no
//! double-marked quote (elsewhere they mark headlines and quotes inside quotes).
//!
//! Quoted terms are kept apart from speech: they are the writer's, not someone's words. A term is
//! one or two words with no speech cue next to them (`a “temporary measure”`), a stretch after
//! `so-called`, `dubbed`, `the book`…, a title-cased stretch with no cue (`on CBS's “Face the
//! Nation”`), a headline credited `by` someone, or an attribute value left in markup.

use crate::text::{flag, Doc, TokKind};
use crate::words;
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

/// What kind of term a [`QuoteClass::Term`] is, for detectors that treat them differently (the
/// writer's scare quotes cast doubt; a title does not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermKind {
    /// One or two words in marks with no speech cue around them (`a “temporary measure”`).
    Scare,
    /// A word or name introduced as such (`the so-called “deep state”`, `known as “the Anchor”`).
    Named,
    /// A nickname between a first name and a surname (`Rosa “Anchor” Vidal`).
    Nickname,
    /// The title of a work or show (`on “Face the Nation”`, `the book “…”`).
    Title,
    /// A headline credited `by` its writer, or a headline in single marks.
    Headline,
    /// An attribute value in markup left in the text (`date="March 4"`).
    Markup,
}

#[derive(Clone, Debug)]
pub struct Quote {
    /// The words inside the marks, trimmed.
    pub span: Span,
    /// Token index of the opening mark, if the quote has one in this paragraph.
    pub open_tok: Option<usize>,
    /// Token index of the closing mark, if any (a paragraph of a multi-paragraph quote has none).
    pub close_tok: Option<usize>,
    /// The token right after the closing mark (after both halves of a two-token mark like `''`);
    /// for a quote with no closing mark, the end of its content.
    pub after_close: usize,
    /// Token range of the content `[first, end)`.
    pub content: (usize, usize),
    pub class: QuoteClass,
    /// For a term: which kind.
    pub term: Option<TermKind>,
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
        self.quotes.get(i).is_some_and(|q| q.span.contains(span))
    }
    /// Whether `span` lies inside any quotation marks, terms included.
    pub fn inside_any_marks(&self, span: Span) -> bool {
        self.inside_quote(span) || {
            // Terms never overlap each other, so only the first one ending at or after `span` can hold it.
            let i = self.terms.partition_point(|q| q.span.end < span.end);
            self.terms.get(i).is_some_and(|q| q.span.contains(span))
        }
    }
    /// Index of the speech quote containing the byte position, if any.
    pub fn quote_at(&self, pos: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.span.end <= pos);
        (i < self.quotes.len() && self.quotes[i].span.start <= pos).then_some(i)
    }
}

/// The quotation mark at token `i`, if it is one. The test that rules out almost every token is
/// inlined into the loops that ask it of every token.
#[inline]
fn classify_mark(doc: &Doc, i: usize) -> Option<Mark> {
    let t = doc.tok(i);
    if t.kind != TokKind::Punct {
        return None;
    }
    // Every mark is `"`, `'` or a non-ASCII character; other punctuation is most of the text's.
    let first = doc.text.as_bytes()[t.start as usize];
    if first < 0x80 && first != b'"' && first != b'\'' {
        return None;
    }
    classify_mark_at(doc, i)
}

#[inline(never)]
fn classify_mark_at(doc: &Doc, i: usize) -> Option<Mark> {
    let t = doc.tok(i);
    let s = doc.tok_text(i);
    let space_before = t.has(flag::SPACE_BEFORE);
    let space_after = t.has(flag::SPACE_AFTER);
    let mk = |family, dir| Some(Mark { tok: i, after: i + 1, family, dir });
    match s {
        // „…“ (German, Czech…) closes with “; elsewhere “ opens. `pair_marks` handles the former.
        // An opening mark typed where a closing one belongs: `…for her here,“ said Clyburn`.
        "“" if !space_before && space_after && i > 0 && !is_opening_bracket(doc, i) => mk(FAM_DOUBLE, Dir::Close),
        "“" | "„" => mk(FAM_DOUBLE, Dir::Open),
        // A closing mark typed where an opening one belongs: `(”Anxiety is a scalar…”)`.
        "”" if !space_after && doc.is_word(i + 1) && (space_before || is_opening_bracket(doc, i)) => {
            mk(FAM_DOUBLE, Dir::Open)
        }
        "”" => mk(FAM_DOUBLE, Dir::Close),
        "«" => mk(FAM_GUILLEMET, Dir::Open),
        "»" => mk(FAM_GUILLEMET, Dir::Close),
        "\"" => mk(FAM_DOUBLE, facing(space_before, space_after)),
        "'" | "’" | "‘" | "‚" => {
            // Two single marks written as one double mark: `''`, `‘‘`, `’’`, `‘’`.
            if i + 1 < doc.len()
                && matches!(doc.tok_text(i + 1), "'" | "’" | "‘")
                && doc.tok(i + 1).start == t.end
                && doc.same_para(i, i + 1)
            {
                let dir = facing(space_before, doc.tok(i + 1).has(flag::SPACE_AFTER));
                return Some(Mark { tok: i, after: i + 2, family: FAM_DOUBLE, dir });
            }
            let dir = match s {
                "‘" | "‚" => Dir::Open,
                _ => facing(space_before, space_after),
            };
            mk(FAM_SINGLE, dir)
        }
        _ => None,
    }
}

/// Whether token `i` is a double quotation mark or either half of `''`; a lone single mark is
/// more often an apostrophe (`Sanders' campaign`).
pub(crate) fn is_double_mark(doc: &Doc, i: usize) -> bool {
    classify_mark(doc, i).is_some_and(|m| m.family != FAM_SINGLE)
        || i > 0 && classify_mark(doc, i - 1).is_some_and(|m| m.after == i + 1)
}

/// A mark with space on its left only opens; with space on its right only, it closes.
fn facing(space_before: bool, space_after: bool) -> Dir {
    match (space_before, space_after) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ => Dir::Either,
    }
}

fn is_opening_bracket(doc: &Doc, i: usize) -> bool {
    i > 0 && doc.same_para(i - 1, i) && matches!(doc.tok_text(i - 1), "(" | "[")
}

/// A pair of marks (or an opening mark whose quote runs on into the next paragraph).
struct Pair {
    open: Mark,
    close: Option<Mark>,
    content: (usize, usize),
    continued: bool,
}

/// Finds the quotations in a document.
pub fn detect(doc: &Doc) -> Quotes {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    let mut in_para: Vec<(Mark, Option<Mark>)> = Vec::new();
    // The family of an unclosed quote at the end of the previous paragraph, which this paragraph
    // continues only if it opens with a mark of the same family.
    let mut carried: Option<u8> = None;
    // Only the tokens the tokenizer saw could be marks are looked at.
    let mut candidates = doc.mark_candidates.iter().map(|&c| c as usize).peekable();
    for p in &doc.paragraphs {
        let (first, last) = (p.tokens.0 as usize, p.tokens.1 as usize);
        marks.clear();
        in_para.clear();
        let mut i = first;
        while let Some(c) = candidates.next_if(|&c| c < last) {
            // A candidate inside a mark already read (`''`) is part of it.
            if c < i {
                continue;
            }
            if let Some(m) = classify_mark_at(doc, c) {
                i = m.after;
                marks.push(m);
            }
        }
        let continues = carried.take();
        pair_marks(doc, &marks, &mut in_para);
        let n = in_para.len();
        for (k, &(open, close)) in in_para.iter().enumerate() {
            let content = (open.after, close.map_or(last, |c| c.tok));
            if content.0 >= content.1 {
                continue;
            }
            // An unclosed quote runs to the paragraph end only when it is the last quote here and
            // the next paragraph reopens a quote of the same family (a multi-paragraph quote);
            // otherwise the mark is stray.
            if close.is_none() {
                if k + 1 != n || !next_para_reopens(doc, last, open.family) {
                    continue;
                }
                carried = Some(open.family);
            }
            let continued = k == 0 && continues == Some(open.family) && open.tok == first;
            pairs.push(Pair { open, close, content, continued });
        }
    }
    // Outlets that mark speech with double quotes keep single quotes for headlines and for quotes
    // inside quotes; only a text with no double-marked quote at all uses single marks for speech.
    let singles_speak = pairs.iter().all(|p| p.open.family == FAM_SINGLE);
    let mut out = Quotes::default();
    for p in pairs {
        let mut q = Quote {
            span: doc.span_of(p.content.0, p.content.1 - 1),
            open_tok: Some(p.open.tok),
            close_tok: p.close.map(|c| c.tok),
            after_close: p.close.map_or(p.content.1, |c| c.after),
            content: p.content,
            class: QuoteClass::Full,
            term: None,
            continued: p.continued,
        };
        (q.class, q.term) = if p.open.family == FAM_SINGLE && !singles_speak {
            (QuoteClass::Term, Some(TermKind::Headline))
        } else {
            classify_quote(doc, &q)
        };
        match q.class {
            // A term left open at a paragraph end has no extent worth recording.
            QuoteClass::Term if p.close.is_none() => {}
            QuoteClass::Term => out.terms.push(q),
            _ => out.quotes.push(q),
        }
    }
    out
}

/// Whether the paragraph starting at token `i` opens with a quotation mark of `family`.
fn next_para_reopens(doc: &Doc, i: usize, family: u8) -> bool {
    i < doc.len() && classify_mark(doc, i).is_some_and(|m| m.family == family && m.dir != Dir::Close)
}

/// Pairs marks left to right within one paragraph. Single marks pair only with single marks and
/// only when both look like quote marks (an apostrophe such as `parents’` cannot open). Linear in
/// the number of marks: each mark is looked at once.
fn pair_marks(doc: &Doc, marks: &[Mark], out: &mut Vec<(Mark, Option<Mark>)>) {
    let mut open: Option<Mark> = None;
    for &m in marks {
        match open {
            None => {
                if m.dir != Dir::Close {
                    // A single mark with no space before it is an apostrophe, not an opener.
                    if m.family == FAM_SINGLE && !doc.tok(m.tok).has(flag::SPACE_BEFORE) {
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
pub(crate) const TERM_INTRODUCERS: &[&str] = &[
    "so-called",
    "called",
    "dubbed",
    "nicknamed",
    "termed",
    "word",
    "words",
    "term",
    "terms",
    "phrase",
    "label",
    "known",
    "titled",
    "entitled",
    "slogan",
    "hashtag",
    "book",
    "film",
    "movie",
    "song",
    "album",
    "series",
    "show",
    "novel",
    "headline",
];

/// Words before a title of a show or a work: where it airs or appears, and cues whose object is
/// the listener (`told “Fox and Friends”`).
pub(crate) const TITLE_SLOTS: &[&str] =
    &["on", "in", "of", "at", "from", "for", "with", "about", "titled", "named", "told", "tells"];

/// Short words a title leaves in lower case (`The Art of the Deal`).
pub(crate) const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "vs",
];

/// Decides whether a quote is speech (full or partial) or a term.
fn classify_quote(doc: &Doc, q: &Quote) -> (QuoteClass, Option<TermKind>) {
    let term = |kind| (QuoteClass::Term, Some(kind));
    let (a, b) = q.content;
    let open = q.open_tok.unwrap_or(a);
    let before = open.checked_sub(1).filter(|&p| doc.same_para(p, open));
    // `tweet-date="March 9"`, `href="…"`: an attribute value in markup left in the text.
    if before.is_some_and(|p| doc.is_punct(p, "=")) {
        return term(TermKind::Markup);
    }
    if q.continued {
        return (QuoteClass::Full, None);
    }
    let after = Some(q.after_close).filter(|&n| n < doc.len() && doc.same_para(n, a));
    let words = (a..b).filter(|&i| doc.is_word(i) || doc.tok(i).kind == TokKind::Number).count();
    let introduced = before.is_some_and(|p| doc.is_word(p) && doc.is_in(p, words::TERM_INTRODUCERS));
    if introduced && (words <= 3 || title_case(doc, a, b)) {
        // `the word “freedom”`, `the book “Ports of the South Atlantic”`
        return term(if title_case(doc, a, b) { TermKind::Title } else { TermKind::Named });
    }
    // `“Met accused of whitewashing,” by Post's Jane Doe`: a headline and its byline.
    if after.is_some_and(|n| doc.is(n, "by") && doc.is_cap(n + 1)) {
        return term(TermKind::Headline);
    }
    // `7. “The Giuliani problem”` alone on its line: the heading of a numbered list, a phrase the
    // story goes on to explain, not words someone is being quoted as saying.
    let numbered = before.is_some_and(|p| {
        p >= 1
            && matches!(doc.tok_text(p), "." | ")")
            && doc.tok(p - 1).kind == TokKind::Number
            && doc.paragraphs[doc.tok(p).para as usize].tokens.0 as usize == p - 1
    });
    if numbered && after.is_none() && words <= 6 && !(a..b).any(|i| doc.is_punct(i, ",") || doc.is_punct(i, ".")) {
        return term(TermKind::Headline);
    }
    // `on “CBS This Morning,” Doe said`, `Fox News Channel’s “Hannity,”`, `told “Fox and
    // Friends”`: title-cased words after a preposition, a possessive or a listener's cue are the
    // name of a show or a work, whatever follows.
    let title_slot = before.is_some_and(|p| {
        doc.is_in(p, words::TITLE_SLOTS)
            || doc.is_word(p) && matches!(doc.tok_lower(p).chars().last(), Some('\'' | '’'))
            || doc.tok_lower(p).ends_with("'s")
            || doc.tok_lower(p).ends_with("’s")
    });
    if title_slot && (title_case(doc, a, b) || words == 1 && doc.is_cap(a)) {
        return term(TermKind::Title);
    }
    // `Riefian “Ifan” Fajarsyah`: a nickname between a first name and a surname.
    if words <= 2 && before.is_some_and(|p| doc.is_cap(p)) && after.is_some_and(|n| doc.is_cap(n)) {
        return term(TermKind::Nickname);
    }
    if !cue_follows(doc, q) && !before.is_some_and(|p| cue_precedes(doc, p)) {
        // With no speech cue next to it, a title-cased stretch is the title of a work or show
        // (`on CBS's “Face the Nation”`), and one or two words are a scare quote or a term.
        if words >= 2 && title_case(doc, a, b) {
            return term(TermKind::Title);
        }
        let inner_punct = (a..b.saturating_sub(1)).any(|i| {
            doc.tok(i).kind == TokKind::Punct && matches!(doc.tok_text(i), "," | "." | "!" | "?" | ";" | ":" | "…")
        });
        let exclaims = matches!(doc.tok_text(b - 1), "!" | "?");
        if words <= 2 && !inner_punct && !exclaims {
            return term(TermKind::Scare);
        }
    }
    // Speech. Full when the quote stands as its own statement: it opens the sentence or paragraph, or
    // follows a colon or comma (`said: “…”`, `said, “…”`), or starts with a capital after a cue word.
    let opens_sentence = match before {
        None => true,
        Some(p) => {
            let t = doc.tok_text(p);
            matches!(t, ":" | "," | "—" | "–" | "(" | "." | "!" | "?") || doc.tok(open).has(flag::SENT_START)
        }
    };
    let starts_cap = doc.is_cap(a) || doc.tok(a).kind != TokKind::Word;
    if opens_sentence && (starts_cap || before.is_none() || words >= 6) {
        (QuoteClass::Full, None)
    } else {
        (QuoteClass::Partial, None)
    }
}

/// Every word capitalised except a title's small words, and at least two capitalised words.
fn title_case(doc: &Doc, a: usize, b: usize) -> bool {
    let mut caps = 0;
    for i in a..b {
        if doc.is_cap(i) {
            caps += 1;
        } else if doc.is_word(i) && !doc.is_in(i, words::TITLE_SMALL_WORDS) {
            return false;
        }
    }
    caps >= 2 && doc.is_cap(a)
}

/// Whether an attribution follows the closing mark: a cue within a few words (`“No,” she said`,
/// `“No,” said the mayor`), or a name or pronoun after a quote that ends mid-sentence (`“No,” Ana
/// Beltrán, the union's leader, replied`).
fn cue_follows(doc: &Doc, q: &Quote) -> bool {
    let mut j = q.after_close;
    let para = doc.tok(q.content.0).para;
    while j < doc.len() && doc.tok(j).para == para && matches!(doc.tok_text(j), "," | "—" | "–") {
        j += 1;
    }
    if j >= doc.len() || doc.tok(j).para != para {
        return false;
    }
    let last = q.content.1 - 1;
    let open_ended = matches!(doc.tok_text(last), "," | "?" | "!" | "—" | "–" | "…");
    if open_ended && (doc.is_cap(j) || doc.is_in(j, words::SPEAKER_PRONOUNS)) {
        return true;
    }
    let cues = crate::attribution::cue_matcher();
    (j..(j + 4).min(doc.len()))
        .take_while(|&k| doc.is_word(k) && doc.tok(k).para == para)
        .any(|k| cues.match_at(doc, k).is_some_and(|m| m.entry.category() != "document"))
}

/// Whether a speech cue ends right before an opening mark (`said “no”`) or before the colon or
/// comma that introduces it (`told reporters on Tuesday: “…”`).
fn cue_precedes(doc: &Doc, before: usize) -> bool {
    let cues = crate::attribution::cue_matcher();
    if !matches!(doc.tok_text(before), ":" | ",") {
        // `said “no”`: the cue ends at the mark.
        return (before.saturating_sub(3)..=before)
            .filter(|&k| doc.same_para(k, before))
            .any(|k| cues.match_at(doc, k).is_some_and(|m| m.end == before + 1));
    }
    (before.saturating_sub(5)..before)
        .filter(|&k| doc.same_para(k, before))
        .any(|k| cues.match_at(doc, k).is_some_and(|m| m.end <= before))
}

pub(crate) const SPEAKER_PRONOUNS: &[&str] = &["he", "she", "they", "i", "we"];

/// A source phrase as it reads inside a sentence: `A senior official` → `a senior official`.
fn in_sentence(phrase: &str) -> Cow<'_, str> {
    let first = phrase.split_whitespace().next().unwrap_or("");
    if matches!(first, "A" | "An" | "The" | "One" | "Some" | "Another" | "Two" | "Three" | "Several" | "Many") {
        Cow::Owned(first.to_ascii_lowercase() + &phrase[first.len()..])
    } else {
        Cow::Borrowed(phrase)
    }
}

/// The finding for a quote.
pub fn finding(q: &Quote, speaker: Option<Speaker>) -> Finding {
    let partial = q.class == QuoteClass::Partial;
    use crate::SourceType::{Anonymous, NamedOrganisation, NamedPerson};
    // Notes are joined with `concat`, sized once: one is built for every quote, where `format!`'s
    // machinery costs more than the copying.
    let note: Cow<'static, str> = match (&speaker, partial) {
        (Some(s), false) if s.source_type == Anonymous => {
            Cow::Owned(["Direct quote from a source the article does not name (", &in_sentence(&s.name), ")."].concat())
        }
        (Some(s), true) if s.source_type == Anonymous => Cow::Owned(
            [
                "Quoted fragment, inside the writer’s paraphrase, of a source the article does not name (",
                &in_sentence(&s.name),
                ").",
            ]
            .concat(),
        ),
        (Some(s), false) if matches!(s.source_type, NamedPerson | NamedOrganisation) => {
            Cow::Owned(["Direct quote: these are ", &s.name, "’s words, not the writer’s."].concat())
        }
        (Some(s), true) if matches!(s.source_type, NamedPerson | NamedOrganisation) => {
            Cow::Owned(["Quoted fragment of ", &s.name, "’s words inside the writer’s paraphrase."].concat())
        }
        (Some(s), false) => {
            Cow::Owned(["Direct quote from ", &in_sentence(&s.name), ", not the writer’s words."].concat())
        }
        (Some(s), true) => {
            Cow::Owned(["Quoted fragment from ", &in_sentence(&s.name), " inside the writer’s paraphrase."].concat())
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_thousand_marks_in_one_paragraph_pair_in_one_pass() {
        // Alternating opening and closing marks: every pair is a quote of one word; whatever the
        // count, each mark is looked at once and no quote spans a mark of another pair.
        let text = "“a” ".repeat(50_000);
        let doc = Doc::new(&text);
        let q = detect(&doc);
        assert_eq!(q.quotes.len() + q.terms.len(), 50_000);
        assert!(q.terms.iter().chain(&q.quotes).all(|t| doc.slice(t.span) == "a"));
    }

    #[test]
    fn terms_say_whether_they_are_scare_quotes_titles_or_names() {
        let text =
            "Ibarra called it a “temporary measure” on “Calvera This Week” and blamed the so-called “deep state”; \
                    dock captain Rosa “Anchor” Vidal <span data-x=\"y z\">agreed</span>.";
        let doc = Doc::new(text);
        let kinds: Vec<(&str, Option<TermKind>)> =
            detect(&doc).terms.iter().map(|t| (doc.slice(t.span), t.term)).collect();
        assert_eq!(
            kinds,
            vec![
                ("temporary measure", Some(TermKind::Scare)),
                ("Calvera This Week", Some(TermKind::Title)),
                ("deep state", Some(TermKind::Named)),
                ("Anchor", Some(TermKind::Nickname)),
                ("y z", Some(TermKind::Markup)),
            ]
        );
    }

    #[test]
    fn a_hundred_thousand_opening_marks_give_no_quote() {
        // Stray openers restart the pair each time and nothing is left open across paragraphs.
        let text = "“".repeat(100_000) + "\nThe talks resumed.";
        let q = detect(&Doc::new(&text));
        assert!(q.quotes.is_empty() && q.terms.is_empty());
    }
}
