//! Attributions: who is credited with words or claims. A cue (`said`, `told Reuters`, `according to`)
//! and its source phrase (`Rodríguez`, `a senior official`, `she`), found in either order, with
//! pronouns and short names resolved to the fullest earlier name (`she` → `Delcy Rodríguez`).
//!
//! Quotes take their speaker from here, and [`crate::sources`] classifies the same source phrases
//! as named, unnamed, vague or secondhand — one mention tracker serves both.

use crate::lexicon::{self, Matcher};
use crate::quotes::{QuoteClass, Quotes};
use crate::sources;
use crate::text::{flag, Doc, TokKind};
use crate::{SourceType, Span, Speaker};
use std::sync::OnceLock;

fn cue_matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::CUES))
}

/// One attribution found in the text.
#[derive(Clone, Debug)]
pub struct Attr {
    /// Source phrase tokens `[first, end)`.
    pub source: (usize, usize),
    /// Cue tokens `[first, end)`.
    pub cue: (usize, usize),
    pub cue_category: &'static str,
    pub source_type: SourceType,
    /// Display name: the fullest earlier name for pronouns and surnames, else the phrase itself.
    pub name: String,
    /// The attribution this one's pronoun or description refers back to.
    pub antecedent: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Attributions {
    pub items: Vec<Attr>,
    /// For each speech quote (same index as `Quotes::quotes`): the attribution giving its speaker.
    pub quote_speaker: Vec<Option<usize>>,
}

impl Attributions {
    pub fn speaker_of(&self, doc: &Doc, quote_index: usize) -> Option<Speaker> {
        let a = &self.items[(*self.quote_speaker.get(quote_index)?)?];
        Some(Speaker {
            name: a.name.clone(),
            mention: Some(doc.span_of(a.source.0, a.source.1 - 1)),
            source_type: a.source_type,
        })
    }

    pub fn into_public(self, doc: &Doc) -> Vec<crate::Attribution> {
        self.items
            .into_iter()
            .map(|a| crate::Attribution {
                source: doc.span_of(a.source.0, a.source.1 - 1),
                cue: doc.span_of(a.cue.0, a.cue.1 - 1),
                source_type: a.source_type,
                name: a.name,
            })
            .collect()
    }
}

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it"];

/// Words that end a subject phrase when walking back from a cue: clause links and verbs of the
/// sentence before, so `the bill that Smith said` yields `Smith`.
const NP_STOP: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "but",
    "or",
    "because",
    "as",
    "while",
    "when",
    "where",
    "if",
    "than",
    "so",
    "though",
    "although",
    "after",
    "before",
    "since",
    "until",
    "what",
    "how",
    "why",
    "is",
    "are",
    "was",
    "were",
    "be",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "of",
    "about",
    "into",
    "over",
    "also",
    "has",
    "have",
    "had",
    "would",
    "will",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "did",
    "does",
    "do",
    "not",
    "never",
    "then",
    "later",
    "earlier",
    "previously",
    "again",
    "once",
    "still",
];

/// Adverbs and auxiliaries allowed between a subject and its cue (`she later said`, `Trump has said`).
pub(crate) const BETWEEN_SUBJECT_AND_CUE: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "have",
    "had",
    "earlier",
    "previously",
    "again",
    "once",
    "still",
    "repeatedly",
    "often",
    "recently",
    "further",
    "would",
    "will",
    "reportedly",
    "publicly",
    "privately",
    "had",
    "just",
];

pub fn detect(doc: &Doc, quotes: &Quotes) -> Attributions {
    let mut items: Vec<Attr> = Vec::new();
    for m in cue_matcher().find(doc) {
        if quotes.inside_quote(doc.span_of(m.first, m.end - 1)) {
            continue; // a cue inside someone's words is part of what they said
        }
        let mut cue_end = m.end;
        if m.entry.has_flag("takes_object")
            && cue_end < doc.len()
            && doc.is_cap(cue_end)
            && doc.same_para(m.first, cue_end)
        {
            // `told Reuters`: the listener is part of the cue phrase.
            cue_end += 1;
        }
        // A role-headed source (`a source on Venezuela policy`) comes with its post-modifiers.
        let according = m.entry.category == "according";
        let source = sources::source_near_cue(doc, m.first, cue_end, according).or_else(|| {
            if according {
                np_after(doc, m.end)
            } else {
                np_before(doc, m.first).or_else(|| np_after(doc, cue_end))
            }
        });
        let Some(source) = source else { continue };
        items.push(Attr {
            source,
            cue: (m.first, cue_end),
            cue_category: m.entry.category,
            source_type: SourceType::Unknown,
            name: String::new(),
            antecedent: None,
        });
    }
    sources::drop_false_cues(doc, &mut items);
    resolve(doc, &mut items);
    let mut quote_speaker: Vec<Option<usize>> = Vec::with_capacity(quotes.quotes.len());
    for qi in 0..quotes.quotes.len() {
        let found = speaker_for_quote(doc, quotes, qi, &items, &quote_speaker);
        quote_speaker.push(found);
    }
    Attributions { items, quote_speaker }
}

/// The subject phrase ending right before token `cue` (skipping adverbs like `later`).
fn np_before(doc: &Doc, cue: usize) -> Option<(usize, usize)> {
    let mut end = cue;
    while end > 0 && doc.same_para(end - 1, cue) && doc.is_any(end - 1, BETWEEN_SUBJECT_AND_CUE) {
        end -= 1;
    }
    if end == 0 || !doc.same_para(end - 1, cue) {
        return None;
    }
    let mut start = end;
    while start > 0 && end - start < 10 {
        let p = start - 1;
        if !doc.same_para(p, cue) || doc.tok(p).sent != doc.tok(cue).sent {
            break;
        }
        let t = doc.tok(p);
        let is_np_token = match t.kind {
            TokKind::Word => !doc.is_any(p, NP_STOP) || (start == end && doc.is_any(p, PRONOUNS)),
            TokKind::Number => true,
            TokKind::Punct => {
                // `the company's chief executive, Jane Doe,` — appositive commas inside the phrase.
                let s = doc.tok_text(p);
                s == "," && start != end && appositive_comma(doc, p)
            }
        };
        if !is_np_token {
            break;
        }
        start = p;
        if doc.is_any(p, PRONOUNS) {
            break;
        }
    }
    // Trim a leading comma and anything that is not a phrase start.
    while start < end && doc.tok(start).kind == TokKind::Punct {
        start += 1;
    }
    if start >= end {
        return None;
    }
    // A pronoun must be the whole phrase.
    let last = end - 1;
    if doc.is_any(last, PRONOUNS) {
        return Some((last, end));
    }
    if !sources::is_head_noun(doc, last) {
        return None;
    }
    Some((start, end))
}

/// A comma that opens or closes an appositive name: `executive, Jane Doe,` (capitalised neighbours).
fn appositive_comma(doc: &Doc, comma: usize) -> bool {
    comma > 0 && comma + 1 < doc.len() && (doc.is_cap(comma + 1) || doc.is_cap(comma - 1))
}

/// The source phrase starting at token `i` (after `according to` or in inversion `said Smith`).
fn np_after(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    if i >= doc.len() || !doc.same_para(i, i.saturating_sub(1)) {
        return None;
    }
    if doc.is_any(i, PRONOUNS) {
        return Some((i, i + 1));
    }
    let mut end = i;
    while end < doc.len() && end - i < 10 && doc.same_para(end, i) {
        let t = doc.tok(end);
        let ok = match t.kind {
            TokKind::Word => {
                end == i
                    || !doc.is_any(end, NP_STOP)
                    || (doc.is(end, "of") && end + 1 < doc.len() && doc.is_cap(end + 1))
            }
            TokKind::Number => true,
            TokKind::Punct => false,
        };
        if !ok {
            break;
        }
        // A lowercase word after a name ends the phrase (`said Smith in a statement`).
        if end > i && doc.is_cap(end - 1) && t.kind == TokKind::Word && !t.has(flag::CAP) && !doc.is(end, "of") {
            break;
        }
        end += 1;
    }
    if end == i {
        return None;
    }
    // Shrink to the last head noun.
    while end > i && !sources::is_head_noun(doc, end - 1) {
        end -= 1;
    }
    (end > i).then_some((i, end))
}

/// Classifies every source and resolves pronouns and surnames to earlier full names.
fn resolve(doc: &Doc, items: &mut [Attr]) {
    // Surname → fullest person name seen so far, so `Rodríguez` reads as `Delcy Rodríguez`.
    let mut names: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let index = sources::NameIndex::new(doc);
    for k in 0..items.len() {
        let (a, b) = items[k].source;
        let phrase = doc.slice(doc.span_of(a, b - 1)).to_string();
        if b - a == 1 && doc.is_any(a, PRONOUNS) {
            // The most recent earlier attribution whose source can be referred to this way.
            let plural = doc.is_any(a, &["they", "we"]);
            let ante = (k.saturating_sub(RECENT)..k).rev().find(|&j| {
                let t = items[j].source_type;
                let j_plural = sources::is_plural_phrase(doc, items[j].source);
                !matches!(t, SourceType::Unknown)
                    && (plural == j_plural || t == SourceType::NamedOrganisation && plural)
            });
            match ante {
                Some(j) => {
                    items[k].source_type = items[j].source_type;
                    items[k].name = items[j].name.clone();
                    items[k].antecedent = Some(j);
                }
                None => {
                    items[k].source_type = SourceType::Unknown;
                    items[k].name = phrase;
                }
            }
            continue;
        }
        let st = index.classify(doc, items[k].source);
        items[k].source_type = st;
        items[k].name = match st {
            SourceType::NamedPerson => full_name(doc, items[k].source, &index, &mut names),
            SourceType::NamedOrganisation => sources::name_of(doc, items[k].source),
            _ => phrase,
        };
        if st == SourceType::Anonymous && sources::is_definite_reference(doc, items[k].source) {
            // `the official said` after `a senior official`: the same source, named or not.
            let from = k.saturating_sub(RECENT);
            let (ante, t) = sources::definite_antecedent(doc, &items[from..k], items[k].source);
            items[k].source_type = t;
            if let Some(j) = ante.map(|j| from + j) {
                items[k].antecedent = Some(j);
                items[k].name = items[j].name.clone();
            }
        }
    }
}

/// How many earlier attributions a pronoun or description may reach back to.
const RECENT: usize = 40;

/// For a surname (`Rodríguez`), the fullest earlier person name ending in it (`Delcy Rodríguez`);
/// records full names as they come.
fn full_name(
    doc: &Doc,
    source: (usize, usize),
    index: &sources::NameIndex,
    names: &mut std::collections::HashMap<String, String>,
) -> String {
    let own = sources::name_of(doc, source);
    let Some(last) = own.split_whitespace().last().map(str::to_string) else { return own };
    let known = names.get(&last).filter(|n| n.len() > own.len()).cloned();
    // Names introduced in running text without a cue (`interim president, Delcy Rodríguez, is…`).
    let best = known
        .or_else(|| index.full_name_before(&last, doc.tok(source.0).start as usize).filter(|n| n.len() > own.len()))
        .unwrap_or(own);
    let entry = names.entry(last).or_default();
    if best.len() > entry.len() {
        *entry = best.clone();
    }
    best
}

/// The speaker of quote `qi`: a cue in the same sentence right after the quote (`“…,” she said`),
/// right before it (`Smith said: “…”`), or the speaker of the previous quote when this paragraph is
/// a continuation or a run of quote paragraphs with no cue of its own.
fn speaker_for_quote(
    doc: &Doc,
    quotes: &Quotes,
    qi: usize,
    items: &[Attr],
    earlier: &[Option<usize>],
) -> Option<usize> {
    let q = &quotes.quotes[qi];
    let (a, b) = q.content;
    let after = q.close_tok.map(|c| c + 1).unwrap_or(b);
    let para = doc.tok(a).para;
    let sent_after_close = q.close_tok.map(|c| doc.tok(c).sent);
    // Cue after the quote, in the same sentence (or the sentence the closing mark ends), before
    // the next quote opens. Items are in text order, so a binary search finds the first candidate.
    let next_quote_start = quotes.quotes.get(qi + 1).map(|n| n.span.start).unwrap_or(usize::MAX);
    let first_after = items.partition_point(|it| it.cue.0 < after);
    for (i, it) in items.iter().enumerate().skip(first_after).take(3) {
        let c = doc.tok(it.cue.0);
        let same_sentence = Some(c.sent) == sent_after_close || Some(c.sent) == sent_after_close.map(|s| s + 1);
        if c.para == para && same_sentence && (c.start as usize) < next_quote_start {
            return Some(i);
        }
    }
    // Cue before the quote, in the same sentence, or ending right before the opening mark.
    if let Some(open) = q.open_tok {
        let n = items.partition_point(|it| it.cue.0 < open);
        for i in (0..n).rev().take(3) {
            let it = &items[i];
            let c = doc.tok(it.cue.0);
            if it.cue.1 <= open && c.para == para && (c.sent == doc.tok(open).sent || it.cue.1 + 1 >= open) {
                return Some(i);
            }
        }
    }
    // A partial quote within a sentence whose attribution comes earlier in the sentence.
    if q.class == QuoteClass::Partial {
        let s = doc.tok(a).sent;
        let n = items.partition_point(|it| it.cue.0 < a);
        if n > 0 && doc.tok(items[n - 1].cue.0).sent == s {
            return Some(n - 1);
        }
    }
    // Inherit from the previous quote when it ends the previous paragraph and this one continues.
    if qi > 0 {
        let prev = &quotes.quotes[qi - 1];
        let prev_para = doc.tok(prev.content.0).para;
        let opens_para = q.open_tok.is_some_and(|o| doc.tok(o).has(flag::PARA_START)) || q.continued;
        if opens_para && prev_para + 1 == para {
            return earlier[qi - 1];
        }
    }
    None
}

/// Converts a token range to a byte span.
pub fn span(doc: &Doc, r: (usize, usize)) -> Span {
    doc.span_of(r.0, r.1 - 1)
}
