//! Sourcelight's core: plain text in, findings about how the text is sourced out.
//!
//! The pipeline is `text → segments → detectors → findings → summary`:
//!
//! * [`text`] splits the text into paragraphs, sentences and tokens (byte offsets, no copies);
//! * [`quotes`] finds direct quotations, [`attribution`] finds who is credited with what,
//!   [`sources`] decides which credited sources the article does not identify, and
//!   [`editorial`] finds wording in the writer's own voice;
//! * [`summary`] counts what was found.
//!
//! Everything here is plain Rust with byte offsets into the input. Only `src/wasm.rs` knows about
//! JavaScript, and it converts offsets to UTF-16 once, with [`offsets`].

pub mod attribution;
pub mod editorial;
pub mod html;
pub mod language;
pub mod lexicon;
mod notes;
pub mod offsets;
mod order;
pub mod quotes;
pub mod report;
mod slug;
pub mod sources;
mod span;
pub mod summary;
pub mod text;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod wasm;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

pub use span::Span;
pub use summary::Summary;

/// The three things Sourcelight highlights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A direct quotation: the words between the quotation marks.
    Quote,
    /// A source the article does not identify.
    AnonymousSource,
    /// Wording in the writer's own voice that judges or frames.
    Editorial,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Quote, Kind::AnonymousSource, Kind::Editorial];

    /// The name used in JSON, the CLI and the extension's CSS highlight names.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::AnonymousSource => "anonymous_source",
            Kind::Editorial => "editorial",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Every subtype the core gives findings of this kind, in the order reports list them. The
    /// CLI's `--tsv` columns come from here, so a new subtype must be added here too (a test
    /// checks each row's subtype columns add up to its kind's count).
    pub fn subtypes(self) -> &'static [&'static str] {
        match self {
            Kind::Quote => &["full", "partial"],
            Kind::AnonymousSource => {
                &["unnamed_person", "unnamed_organisation", "unnamed_document", "reference", "secondhand"]
            }
            Kind::Editorial => &["loaded", "doubt", "certainty", "intensifier", "weasel", "opinion"],
        }
    }
}

/// Who a source is, as far as the article tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// A person named in the article (`Delcy Rodríguez`, `Rodríguez`, `she` referring to her).
    NamedPerson,
    /// A named body (`the White House`, `the Pentagon`, `Acme Corp.`).
    NamedOrganisation,
    /// A source whose identity is withheld (`a senior official`, `people familiar with the matter`).
    Anonymous,
    /// Another outlet's reporting (`CNN reported`, `told Reuters`): the outlet is named, its source is not.
    Secondhand,
    /// An unspecified crowd (`critics`, `analysts`, `many`).
    Vague,
    /// A speaker that could not be determined.
    #[default]
    Unknown,
}

impl SourceType {
    pub const ALL: [SourceType; 6] = [
        SourceType::NamedPerson,
        SourceType::NamedOrganisation,
        SourceType::Anonymous,
        SourceType::Secondhand,
        SourceType::Vague,
        SourceType::Unknown,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::NamedPerson => "named_person",
            SourceType::NamedOrganisation => "named_organisation",
            SourceType::Anonymous => "anonymous",
            SourceType::Secondhand => "secondhand",
            SourceType::Vague => "vague",
            SourceType::Unknown => "unknown",
        }
    }
}

/// The speaker of a quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The display name: the fullest name the article gives (`Delcy Rodríguez` for `she`), or the
    /// source phrase itself for unnamed sources (`a senior Trump administration official`).
    pub name: String,
    /// Where the speaker is mentioned for this quote; may be a pronoun (`she`).
    pub mention: Option<Span>,
    pub source_type: SourceType,
}

/// One highlight: what it is, where, which rule produced it and why, in a sentence a reader understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: Kind,
    /// A finer category: `full`/`partial` quotes; `unnamed_person`, `unnamed_document`, `secondhand`,
    /// `reference` anonymous sources; `loaded`, `doubt`, `certainty`, `intensifier`, `weasel`,
    /// `opinion` editorial wording.
    #[serde(serialize_with = "static_text")]
    pub subtype: Cow<'static, str>,
    pub span: Span,
    /// Stable identifier of the rule or lexicon entry, e.g. `quote.pair.after-cue`.
    #[serde(serialize_with = "static_text")]
    pub rule: Cow<'static, str>,
    #[serde(serialize_with = "static_text")]
    pub note: Cow<'static, str>,
    /// For quotes: who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// For a quote credited to an unnamed source: the index of that anonymous-source finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_finding: Option<usize>,
}

/// Writes a text of the core's own (`Cow::Borrowed`: a category, a rule id, a lexicon's note) as a
/// unit variant named by it. JSON writes a unit variant as its name, so the output is the same
/// string; serde-wasm-bindgen keeps one JS string per `&'static str` it writes as a variant name,
/// so the extension's result reuses it instead of decoding the same note again for every finding
/// (decoding the result's strings took about 5 % of the wasm's time in Node).
// The `Cow` itself, not `&str`: whether the text is borrowed is the point.
#[allow(clippy::ptr_arg)]
pub(crate) fn static_text<S: serde::Serializer>(text: &Cow<'static, str>, ser: S) -> Result<S::Ok, S::Error> {
    match text {
        Cow::Borrowed(s) => ser.serialize_unit_variant("", 0, s),
        Cow::Owned(s) => ser.serialize_str(s),
    }
}

/// A claim credited to a source: `<source> <cue> <content>`, in any order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source phrase (`a senior official`, `Rodríguez`, `CNN`).
    pub source: Span,
    /// The cue (`said`, `told Reuters`, `according to`).
    pub cue: Span,
    pub source_type: SourceType,
    /// Display name of the source (resolved for pronouns).
    pub name: String,
}

/// A phrase the reader added in the options page, matched case-insensitively as whole words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPhrase {
    pub kind: Kind,
    pub phrase: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// What to look for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub quotes: bool,
    pub anonymous: bool,
    pub editorial: bool,
    pub user_phrases: Vec<UserPhrase>,
    /// The site that publishes the page (its `og:site_name`, or its host name): words credited to
    /// it (`told Reuters` on reuters.com) are its own reporting, not secondhand.
    pub publisher: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { quotes: true, anonymous: true, editorial: true, user_phrases: Vec::new(), publisher: None }
    }
}

impl Options {
    pub fn enabled(&self, kind: Kind) -> bool {
        match kind {
            Kind::Quote => self.quotes,
            Kind::AnonymousSource => self.anonymous,
            Kind::Editorial => self.editorial,
        }
    }
}

/// The result of analysing one text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Sorted by start offset, then by kind.
    pub findings: Vec<Finding>,
    pub attributions: Vec<Attribution>,
    pub summary: Summary,
}

/// The matchers [`analyze`] walks the text with, in the order of its `run` bits.
fn phrase_walk() -> &'static lexicon::Walk<5> {
    use lexicon::Collect::{Longest, Overlapping};
    static W: std::sync::OnceLock<lexicon::Walk<5>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        lexicon::Walk::new([
            (attribution::cue_matcher(), Longest),
            (sources::stance_verbs(), Longest),
            (sources::qualifiers(), Longest),
            (sources::formulas(), Longest),
            (editorial::matcher(), Overlapping),
        ])
    })
}

/// Analyses `text` and returns every finding with byte offsets into `text`.
///
/// Never panics on any input; the work is linear in the text length apart from per-paragraph
/// quote pairing, which is bounded by the paragraph.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let doc = text::Doc::new(text);
    // Quotes are always detected: the other detectors need to know which words are the writer's.
    let quotes = quotes::detect(&doc);
    let publisher = options.publisher.as_deref().and_then(sources::Publisher::new);
    // The phrases each detector looks for over the whole text, found in one walk: attribution cues
    // always, unnamed-source phrases and editorial wording when those kinds are wanted.
    let run = 1 | if options.anonymous { 0b1110 } else { 0 } | if options.editorial { 0b1_0000 } else { 0 };
    let [cues, stance, qualifiers, formulas, editorial] = phrase_walk().find(&doc, run);
    let attrs = attribution::detect(&doc, &quotes, publisher.as_ref(), &cues);
    let mut findings: Vec<Finding> = Vec::new();

    // The editorial and unnamed-source lexicons are English: paragraphs in other languages are
    // left to the quote detector alone (`tout` in French is not `touted`).
    let other_language =
        if options.anonymous || options.editorial { language::other_language_paragraphs(&doc) } else { Vec::new() };
    let only_english = |mut found: Vec<Finding>| {
        if other_language.contains(&true) {
            found.retain(|f| {
                doc.tokens.get(doc.token_at_or_after(f.span.start)).is_none_or(|t| !other_language[t.para as usize])
            });
        }
        found
    };

    let anon_start = findings.len();
    if options.anonymous {
        let phrases = sources::Phrases { stance, qualifiers, formulas };
        findings.append(&mut only_english(sources::detect(&doc, &quotes, &attrs, phrases)));
    }
    let anon_end = findings.len();

    if options.quotes {
        for (qi, q) in quotes.quotes.iter().enumerate() {
            let mut f = quotes::finding(q, attrs.speaker_of(&doc, qi));
            // Link a quote credited to an unnamed source to that source's highlight. Those
            // highlights are sorted and do not overlap, so the first one ending after the mention
            // starts is the only candidate.
            if let Some(sp) = f.speaker.as_ref().and_then(|s| s.mention) {
                let i = anon_start + findings[anon_start..anon_end].partition_point(|a| a.span.end <= sp.start);
                f.source_finding = (i < anon_end && findings[i].span.overlaps(sp)).then_some(i);
            }
            findings.push(f);
        }
    }
    if options.editorial {
        findings.append(&mut only_english(editorial::detect(&doc, &quotes, &attrs, &editorial)));
    }
    for up in &options.user_phrases {
        if options.enabled(up.kind) {
            findings.extend(lexicon::user_phrase_findings(&doc, &quotes, up));
        }
    }

    // Sort, remembering where each finding went so quote→source links stay right.
    // By start, then kind, then end.
    let order =
        order::order_by(&findings, |f| (f.span.start as u128) << 66 | (f.kind as u128) << 64 | f.span.end as u128);
    let mut new_index = vec![0usize; findings.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old as usize] = new;
    }
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let mut sorted: Vec<Finding> = order.iter().map(|&i| slots[i as usize].take().expect("each index once")).collect();
    for f in sorted.iter_mut() {
        if let Some(i) = f.source_finding {
            f.source_finding = Some(new_index[i]);
        }
    }
    dedup_same_span(&mut sorted);

    let attributions = attrs.into_public(&doc);
    let mut summary = summary::summarize(&doc, &sorted, &attributions);
    summary.other_language_words = doc
        .paragraphs
        .iter()
        .zip(&other_language)
        .filter(|(_, &other)| other)
        .map(|(p, _)| (p.tokens.0..p.tokens.1).filter(|&i| doc.tok(i as usize).kind != text::TokKind::Punct).count())
        .sum();
    Analysis { findings: sorted, attributions, summary }
}

/// Two rules may find the same words for the same kind (a lexicon entry and a user phrase, say);
/// the reader should see one highlight. Keeps the first, which came from the built-in rules.
fn dedup_same_span(findings: &mut Vec<Finding>) {
    // One pass: each finding maps to the kept finding standing for it, so links stay valid.
    let mut target = Vec::with_capacity(findings.len());
    let mut kept = 0usize;
    for i in 0..findings.len() {
        let dup = i > 0 && {
            let (a, b) = (&findings[i - 1], &findings[i]);
            a.kind == b.kind && a.span == b.span && a.kind != Kind::Quote
        };
        if !dup {
            kept += 1;
        }
        target.push(kept - 1);
    }
    let mut i = 0;
    findings.retain(|_| {
        let keep = i == 0 || target[i] != target[i - 1];
        i += 1;
        keep
    });
    for f in findings.iter_mut() {
        if let Some(j) = f.source_finding {
            f.source_finding = Some(target[j]);
        }
    }
}

impl Analysis {
    /// Rewrites every offset with `map`, which must be monotonic (see [`offsets::OffsetMap`]).
    pub fn map_offsets(&mut self, map: &offsets::OffsetMap) {
        let m = |s: &mut Span| {
            s.start = map.map(s.start);
            s.end = map.map(s.end);
        };
        for f in self.findings.iter_mut() {
            m(&mut f.span);
            if let Some(sp) = f.speaker.as_mut().and_then(|s| s.mention.as_mut()) {
                m(sp);
            }
        }
        for a in self.attributions.iter_mut() {
            m(&mut a.source);
            m(&mut a.cue);
        }
    }
}
