//! The summary shown in the popup and printed by the CLI: counts per category, attributions by
//! type, who is quoted how often, and how much of the text is other people's words.

use crate::text::{Doc, TokKind};
use crate::{Attribution, Finding, Kind, SourceType};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Counts by name. The names are the core's own strings, kept as they are (`quote`,
/// `editorial.loaded`, `named_person`): no string is made for them per analysis.
pub type Counts = BTreeMap<Cow<'static, str>, usize>;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeakerCount {
    pub name: String,
    pub source_type: SourceType,
    /// Direct quotes (full and partial) credited to this speaker.
    pub quotes: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Findings per kind (`quote`, `anonymous_source`, `editorial`).
    #[serde(serialize_with = "static_keys")]
    pub counts: Counts,
    /// Findings per `kind.subtype`.
    #[serde(serialize_with = "static_keys")]
    pub subtypes: Counts,
    /// Attributions per source type (`named_person`, `anonymous`, …).
    #[serde(serialize_with = "static_keys")]
    pub attributions: Counts,
    /// Quoted speakers, most quoted first.
    pub speakers: Vec<SpeakerCount>,
    /// Words in the text, and how many of them sit inside direct quotes.
    pub words: usize,
    pub quoted_words: usize,
    /// `quoted_words / words`, 0 for an empty text.
    pub quoted_share: f64,
    /// Share of attributions whose source is anonymous.
    pub anonymous_attribution_share: f64,
    /// Share of quotes whose speaker is an anonymous source.
    pub anonymous_quote_share: f64,
    /// Quotes the article does not attribute to anyone.
    #[serde(default)]
    pub unattributed_quotes: usize,
    /// Words in paragraphs written in another language than English, where editorial wording and
    /// unnamed sources (English lexicons) are not looked for; quotes are.
    #[serde(default)]
    pub other_language_words: usize,
}

pub fn summarize(doc: &Doc, findings: &[Finding], attributions: &[Attribution]) -> Summary {
    let mut s = Summary::default();
    // Counted under borrowed keys first: one string per key, not one per finding. A text has a
    // dozen or two of them, so a list searched in order serves (a map of its own would be another
    // few kilobytes of the wasm).
    let mut subtypes: Vec<((Kind, &str), usize)> = Vec::new();
    for f in findings {
        let key = (f.kind, &*f.subtype);
        match subtypes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => subtypes.push((key, 1)),
        }
    }
    // Each map built whole, as `subtypes` is: one way of building them in the wasm, not two.
    s.counts = Kind::ALL
        .iter()
        .map(|&k| {
            let n = subtypes.iter().filter(|((kind, _), _)| *kind == k).map(|(_, n)| n).sum();
            (Cow::Borrowed(k.as_str()), n)
        })
        .collect();
    s.subtypes = subtypes.into_iter().map(|((k, sub), n)| (subtype_key(k, sub), n)).collect();
    s.attributions = SourceType::ALL
        .iter()
        .map(|&t| (Cow::Borrowed(t.as_str()), attributions.iter().filter(|a| a.source_type == t).count()))
        .collect();
    let total_attr = attributions.len();
    let anon_attr = attributions.iter().filter(|a| a.source_type == SourceType::Anonymous).count();
    s.anonymous_attribution_share = ratio(anon_attr, total_attr);

    // Speakers: one entry per display name (the attribution step already merged `Rodríguez`
    // into `Delcy Rodríguez`).
    // Keyed by the borrowed name: the name is copied once per speaker, not once per quote.
    let mut by_name: BTreeMap<&str, SpeakerCount> = BTreeMap::new();
    let quotes: Vec<&Finding> = findings.iter().filter(|f| f.kind == Kind::Quote).collect();
    let mut anon_quotes = 0;
    s.unattributed_quotes = quotes.iter().filter(|q| q.speaker.is_none()).count();
    for q in &quotes {
        if let Some(sp) = &q.speaker {
            if sp.source_type == SourceType::Anonymous {
                anon_quotes += 1;
            }
            let e = by_name.entry(&sp.name).or_insert_with(|| SpeakerCount {
                name: sp.name.clone(),
                source_type: sp.source_type,
                quotes: 0,
            });
            e.quotes += 1;
        }
    }
    s.anonymous_quote_share = ratio(anon_quotes, quotes.len());
    // Most quoted first; the map gave them in order of name, which a stable sort keeps for equal
    // counts (the crate's one sort, not another copy of the standard library's in the wasm).
    let mut speakers: Vec<SpeakerCount> = by_name.into_values().collect();
    crate::order::sort_by(&mut speakers, |s| (usize::MAX - s.quotes) as u128);
    s.speakers = speakers;

    // Words (counted by the tokenizer) and words inside quotes: only the tokens of the quotes are
    // visited, each once, as the quote spans are merged where they overlap; a word counts when it
    // starts inside one.
    s.words = doc.word_count;
    let is_word = |t: &&crate::text::Token| t.kind != TokKind::Punct;
    let mut qspans: Vec<crate::Span> = quotes.iter().map(|q| q.span).collect();
    crate::order::sort_by(&mut qspans, |s| crate::order::pair(s.start, s.end));
    let mut k = 0;
    while k < qspans.len() {
        let (start, mut end) = (qspans[k].start, qspans[k].end);
        k += 1;
        while k < qspans.len() && qspans[k].start < end {
            end = end.max(qspans[k].end);
            k += 1;
        }
        let first = doc.token_at_or_after(start);
        s.quoted_words += doc.tokens[first..].iter().take_while(|t| (t.start as usize) < end).filter(is_word).count();
    }
    s.quoted_share = ratio(s.quoted_words, s.words);
    s
}

/// `kind.subtype`: one string for the life of the program for each subtype [`Kind::subtypes`]
/// lists and user phrases' `user`; a new one for any other.
fn subtype_key(kind: Kind, sub: &str) -> Cow<'static, str> {
    static KEYS: std::sync::OnceLock<Vec<(Kind, &'static str, &'static str)>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        for k in Kind::ALL {
            for &sub in k.subtypes().iter().chain(&["user"]) {
                keys.push((k, sub, &*Box::leak(format!("{}.{sub}", k.as_str()).into_boxed_str())));
            }
        }
        keys
    });
    match keys.iter().find(|(k, s, _)| *k == kind && *s == sub) {
        Some(&(_, _, key)) => Cow::Borrowed(key),
        None => Cow::Owned(format!("{}.{sub}", kind.as_str())),
    }
}

/// Writes a count map with each key the core wrote itself as a unit variant named by it: the same
/// JSON, and in the extension one JS string per key for every analysis instead of a new one each
/// time (see `static_text` in `lib.rs`).
fn static_keys<S: serde::Serializer>(map: &Counts, ser: S) -> Result<S::Ok, S::Error> {
    struct Key<'a>(&'a Cow<'static, str>);
    impl Serialize for Key<'_> {
        fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
            crate::static_text(self.0, ser)
        }
    }
    ser.collect_map(map.iter().map(|(k, n)| (Key(k), n)))
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn quotes_per_speaker_merge_a_surname_with_the_full_name_and_unattributed_quotes_are_counted() {
        let text = "“We will win,” said Delcy Rodríguez.\n\nThe port stayed shut.\n\n“The offer stands,” Rodríguez said.\n\nThe port stayed shut.\n\n“Nobody knows how long this will last.”";
        let s = analyze(text, &Options::default()).summary;
        assert_eq!(s.speakers.len(), 1);
        assert_eq!((s.speakers[0].name.as_str(), s.speakers[0].quotes), ("Delcy Rodríguez", 2));
        assert_eq!(s.unattributed_quotes, 1);
    }

    #[test]
    fn texts_written_as_variant_names_are_the_same_json_strings() {
        let a = analyze("“We will win,” said Delcy Rodríguez, a so-called expert.", &Options::default());
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["summary"]["counts"]["quote"], 1);
        assert_eq!(json["summary"]["subtypes"]["quote.full"], 1);
        assert_eq!(json["summary"]["attributions"]["named_person"], 1);
        let f = &a.findings[0];
        assert_eq!(json["findings"][0]["rule"], f.rule.as_ref());
        assert_eq!(json["findings"][0]["note"], f.note.as_ref());
        assert_eq!(json["findings"][0]["subtype"], f.subtype.as_ref());
        let back: crate::Analysis = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn words_of_paragraphs_in_another_language_are_counted_apart() {
        let text = "The council met on Monday and voted on the budget.\n\nLe conseil a dit que tout est prêt pour la réforme des retraites.";
        let s = analyze(text, &Options::default()).summary;
        assert_eq!((s.words, s.other_language_words), (23, 13));
        assert_eq!(analyze("The council met on Monday.", &Options::default()).summary.other_language_words, 0);
    }
}
