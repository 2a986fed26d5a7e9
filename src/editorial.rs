//! Editorial wording in the writer's own voice: lexicon phrases (src/lexicon/editorial.toml)
//! matched outside quotations, with context conditions that keep neutral senses out.

use crate::attribution::Attributions;
use crate::lexicon::{self, Matcher};
use crate::quotes::Quotes;
use crate::text::Doc;
use crate::{Finding, Kind};
use std::borrow::Cow;
use std::sync::OnceLock;

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::EDITORIAL))
}

const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

pub fn detect(doc: &Doc, quotes: &Quotes, _attrs: &Attributions) -> Vec<Finding> {
    let mut out = Vec::new();
    for m in matcher().find(doc) {
        let mut end = m.end;
        if m.entry.has_flag("attribution_verb") {
            // `claimed he held`: the doubt covers the claim's opening, so the span takes the
            // subject and its verb (with an auxiliary, `claimed they had made`).
            if doc.is_any(end, SUBJECT_PRONOUNS) && doc.same_para(end, m.first) {
                end += 1;
                if doc.is_any(end, &["had", "has", "have", "was", "were", "would", "will", "is", "are"]) {
                    end += 1;
                }
                if doc.is_word(end) && doc.same_para(end, m.first) {
                    end += 1;
                }
            }
        }
        let span = doc.span_of(m.first, end - 1);
        if quotes.inside_any_marks(span) {
            continue; // the speaker's words, not the writer's
        }
        let note = if m.entry.source.is_empty() {
            Cow::Borrowed(m.entry.note)
        } else {
            Cow::Owned(format!("{} (Basis: {}.)", m.entry.note, m.entry.source))
        };
        out.push(Finding {
            kind: Kind::Editorial,
            subtype: Cow::Borrowed(m.entry.category),
            span,
            rule: Cow::Borrowed(m.entry.rule),
            note,
            speaker: None,
            source_finding: None,
        });
    }
    out
}
