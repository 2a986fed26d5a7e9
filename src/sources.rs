//! Who a source is: named person, named organisation, unnamed (anonymous), another outlet
//! (secondhand), or a vague crowd — decided from the shape of the source phrase (determiner,
//! capitalised names, role nouns), and the anonymous-source findings built from that.

use crate::attribution::Attributions;
use crate::lexicon::{self, Matcher};
use crate::quotes::Quotes;
use crate::text::{flag, Doc, TokKind};
use crate::{Finding, Kind, SourceType, Span};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Role nouns that stand for a person or group whose name is withheld when no name comes with them.
const ANON_HEADS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "person",
    "people",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "strategist",
    "strategists",
    "diplomat",
    "diplomats",
    "insider",
    "insiders",
    "staffer",
    "staffers",
    "operative",
    "operatives",
    "negotiator",
    "negotiators",
    "confidant",
    "confidants",
    "ally",
    "allies",
    "associate",
    "associates",
    "lawmaker",
    "lawmakers",
    "investigator",
    "investigators",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "representative",
    "representatives",
    "employee",
    "employees",
    "officer",
    "officers",
    "executive",
    "executives",
    "member",
    "members",
    "individual",
    "individuals",
];

/// Documents and data whose origin is not given (`intelligence reports`, `a memo`).
const DOC_HEADS: &[&str] = &[
    "report",
    "reports",
    "memo",
    "memos",
    "document",
    "documents",
    "records",
    "assessment",
    "assessments",
    "cable",
    "cables",
    "email",
    "emails",
    "filing",
    "filings",
    "estimates",
    "intelligence",
    "briefing",
];

/// Unspecified crowds: weasel attributions, not anonymous sources.
const VAGUE_HEADS: &[&str] = &[
    "critics",
    "analysts",
    "experts",
    "observers",
    "many",
    "some",
    "others",
    "opponents",
    "supporters",
    "skeptics",
    "sceptics",
    "commentators",
    "detractors",
    "economists",
    "scientists",
    "activists",
    "pundits",
];

/// Roles that come with a name (`the senator`, `President Rodríguez`); a phrase whose head is one of
/// these and that carries no name refers back to a named person.
const PERSON_ROLES: &[&str] = &[
    "president",
    "senator",
    "minister",
    "secretary",
    "governor",
    "mayor",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "leader",
    "ceo",
    "founder",
    "candidate",
    "judge",
    "lawyer",
    "attorney",
    "professor",
    "ambassador",
    "general",
    "commissioner",
    "prosecutor",
    "congressman",
    "congresswoman",
    "premier",
    "king",
    "queen",
    "prince",
    "pope",
    "head",
    "manager",
    "coach",
    "author",
    "researcher",
    "doctor",
    "nurse",
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "man",
    "woman",
    "citizen",
    "resident",
    "witness",
    "police",
    "statement",
    "agency",
    "department",
    "ministry",
    "company",
    "government",
    "administration",
    "campaign",
    "committee",
    "office",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "group",
    "organization",
    "organisation",
    "court",
    "study",
    "survey",
    "poll",
];

/// Titles dropped from display names (`President Delcy Rodríguez` → `Delcy Rodríguez`).
const TITLES: &[&str] = &[
    "president",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "secretary",
    "minister",
    "gen",
    "gen.",
    "general",
    "mayor",
    "judge",
    "the",
    "interim",
    "former",
    "prime",
    "vice",
    "chancellor",
    "premier",
    "sir",
    "lady",
    "lord",
    "king",
    "queen",
    "pope",
    "ambassador",
    "director",
    "chairman",
    "ceo",
    "attorney",
    "speaker",
    "leader",
    "commissioner",
    "officer",
    "detective",
    "sgt",
    "sgt.",
    "lt",
    "lt.",
    "col",
    "col.",
    "capt",
    "capt.",
    "coach",
    "u.s.",
    "us",
];

/// Words in a capitalised phrase that make it an organisation rather than a person.
const ORG_WORDS: &[&str] = &[
    "house",
    "senate",
    "congress",
    "department",
    "ministry",
    "pentagon",
    "agency",
    "council",
    "committee",
    "commission",
    "party",
    "police",
    "court",
    "office",
    "government",
    "administration",
    "company",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "university",
    "bank",
    "fund",
    "union",
    "army",
    "navy",
    "kremlin",
    "institute",
    "association",
    "foundation",
    "bureau",
    "service",
    "board",
    "authority",
    "group",
    "organization",
    "organisation",
    "federation",
    "network",
    "times",
    "post",
    "news",
    "press",
    "journal",
    "cnn",
    "reuters",
    "bbc",
    "npr",
    "afp",
    "ap",
    "nato",
    "un",
    "eu",
    "fbi",
    "cia",
    "nsa",
    "epa",
    "irs",
    "who",
    "imf",
    "opec",
];

/// Outlets whose reporting, cited as the source, makes a claim secondhand.
const OUTLETS: &[&str] = &[
    "cnn",
    "reuters",
    "ap",
    "afp",
    "bloomberg",
    "politico",
    "axios",
    "bbc",
    "npr",
    "nbc",
    "abc",
    "cbs",
    "msnbc",
    "fox",
    "times",
    "post",
    "journal",
    "guardian",
    "telegraph",
    "media",
    "newspaper",
    "outlet",
    "outlets",
    "press",
    "agency",
    "tass",
    "xinhua",
    "al",
    "efe",
    "dpa",
    "ansa",
    "yonhap",
    "kyodo",
];

const INDEFINITE: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "several", "some", "multiple", "few", "other", "another",
    "various", "numerous", "many",
];

fn lower_in(doc: &Doc, i: usize, list: &[&str]) -> bool {
    doc.is_any(i, list)
}

/// Whether token `i` can end a source phrase: a name, a role noun or a source noun.
pub fn is_head_noun(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) {
        return false;
    }
    if doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START) {
        return true;
    }
    lower_in(doc, i, ANON_HEADS)
        || lower_in(doc, i, DOC_HEADS)
        || lower_in(doc, i, VAGUE_HEADS)
        || lower_in(doc, i, PERSON_ROLES)
        || (doc.is_cap(i) && !lower_in(doc, i, &["the", "a", "an", "but", "and", "this", "that", "it", "there"]))
}

fn head(r: (usize, usize)) -> usize {
    r.1 - 1
}

/// Capitalised tokens of a phrase that are not titles or sentence-initial function words.
fn name_tokens(doc: &Doc, r: (usize, usize)) -> Vec<usize> {
    (r.0..r.1).filter(|&i| doc.is_cap(i) && !lower_in(doc, i, TITLES) && !lower_in(doc, i, INDEFINITE)).collect()
}

/// The display name of a named source: its capitalised words without titles.
pub fn name_of(doc: &Doc, r: (usize, usize)) -> String {
    let toks = name_tokens(doc, r);
    if toks.is_empty() {
        return doc.slice(doc.span_of(r.0, r.1 - 1)).to_string();
    }
    // The last run of consecutive capitalised words (`the company's chief executive, Jane Doe`).
    let mut run_start = *toks.last().expect("not empty");
    while run_start > r.0 && toks.contains(&(run_start - 1)) {
        run_start -= 1;
    }
    let last = *toks.last().expect("not empty");
    let s = doc.slice(doc.span_of(run_start, last));
    strip_possessive(s).to_string()
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s").or_else(|| s.strip_suffix("'s")).unwrap_or(s)
}

pub fn is_plural_phrase(doc: &Doc, r: (usize, usize)) -> bool {
    let h = doc.tok_lower(head(r));
    matches!(h, "people" | "police" | "they" | "we") || (h.ends_with('s') && !h.ends_with("ss") && !doc.is_cap(head(r)))
}

/// `the official`, `the source`, `the report`: a definite description with no name.
pub fn is_definite_reference(doc: &Doc, r: (usize, usize)) -> bool {
    lower_in(doc, r.0, &["the", "this", "that", "these", "those"]) && name_tokens(doc, r).is_empty()
}

/// Decides who a source phrase stands for.
pub fn classify(doc: &Doc, r: (usize, usize), cue_category: &str) -> SourceType {
    let h = head(r);
    let names = name_tokens(doc, r);
    let has_outlet = (r.0..r.1).any(|i| lower_in(doc, i, OUTLETS) && (doc.is_cap(i) || doc.is(i, "media")));
    if lower_in(doc, h, VAGUE_HEADS) && names.is_empty() {
        return SourceType::Vague;
    }
    if lower_in(doc, h, ANON_HEADS) || lower_in(doc, h, DOC_HEADS) {
        // A role noun with a name right after it in apposition is named; the phrase shape decides.
        let first_word = doc.tok_lower(r.0);
        let indefinite = INDEFINITE.contains(&first_word) || doc.tok(r.0).kind == TokKind::Number;
        let bare_plural = is_plural_phrase(doc, r);
        let definite = is_definite_reference(doc, r);
        if lower_in(doc, h, DOC_HEADS) && has_outlet && cue_category != "document" {
            return SourceType::Secondhand;
        }
        if indefinite || bare_plural || definite || names.iter().all(|&n| n < h) {
            return SourceType::Anonymous;
        }
    }
    if has_outlet && names.iter().any(|&n| lower_in(doc, n, OUTLETS)) {
        return SourceType::Secondhand;
    }
    if names.is_empty() {
        // A role with no name (`the senator`) is left to pronoun-style resolution upstream.
        return SourceType::Unknown;
    }
    if (r.0..r.1).any(|i| lower_in(doc, i, ORG_WORDS)) || doc.tok(h).has(flag::ALL_CAPS) {
        SourceType::NamedOrganisation
    } else {
        SourceType::NamedPerson
    }
}

/// Full person names introduced anywhere (`interim president, Delcy Rodríguez, is…`), by surname.
pub struct NameIndex {
    by_surname: HashMap<String, (String, usize)>,
}

impl NameIndex {
    pub fn new(doc: &Doc) -> NameIndex {
        let mut by_surname: HashMap<String, (String, usize)> = HashMap::new();
        let mut i = 0;
        while i < doc.len() {
            if !doc.is_cap(i) || lower_in(doc, i, TITLES) || doc.tok(i).has(flag::ALL_CAPS) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < doc.len() && doc.same_para(start, end) && doc.is_cap(end) && !doc.tok(end).has(flag::ALL_CAPS) {
                end += 1;
            }
            if end - start >= 2 && end - start <= 4 && !(start..end).any(|k| lower_in(doc, k, ORG_WORDS)) {
                let full = strip_possessive(doc.slice(doc.span_of(start, end - 1))).to_string();
                let surname = full.split_whitespace().last().unwrap_or("").to_string();
                let pos = doc.tok(start).start as usize;
                let e = by_surname.entry(surname).or_insert_with(|| (full.clone(), pos));
                if full.len() > e.0.len() {
                    *e = (full, e.1.min(pos));
                }
            }
            i = end;
        }
        NameIndex { by_surname }
    }

    /// The full name ending in `surname` first seen before byte `pos`.
    pub fn full_name_before(&self, surname: &str, pos: usize) -> Option<String> {
        let surname = strip_possessive(surname);
        self.by_surname.get(surname).filter(|(_, p)| *p < pos).map(|(n, _)| n.clone())
    }
}

fn anon_matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::ANONYMOUS))
}

fn note_for(subtype: &str) -> &'static str {
    match subtype {
        "unnamed_document" => "The article cites documents or reports without saying what they are or who wrote them.",
        "secondhand" => "The claim rests on another outlet's reporting; its own sources are not named here.",
        "reference" => "This refers back to a source the article does not name.",
        _ => "The article does not name this source, so readers cannot weigh who is behind the claim.",
    }
}

/// Anonymous-source findings: unnamed sources of attributions, and phrases that mark anonymity by
/// themselves (`who spoke on condition of anonymity`, `people familiar with the matter`).
pub fn detect(doc: &Doc, quotes: &Quotes, attrs: &Attributions) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut push = |span: Span, subtype: &'static str, rule: &'static str, note: Cow<'static, str>| {
        if out.iter().any(|f: &Finding| f.span.overlaps(span)) {
            return;
        }
        out.push(Finding {
            kind: Kind::AnonymousSource,
            subtype: Cow::Borrowed(subtype),
            span,
            rule: Cow::Borrowed(rule),
            note,
            speaker: None,
            source_finding: None,
        });
    };
    for m in anon_matcher().find(doc) {
        let span = lexicon::match_span(doc, &m);
        if quotes.inside_quote(span) {
            continue;
        }
        let subtype: &'static str = match m.entry.category {
            "document" => "unnamed_document",
            "secondhand" => "secondhand",
            _ => "unnamed_person",
        };
        push(span, subtype, m.entry.rule, Cow::Borrowed(m.entry.note));
    }
    for a in &attrs.items {
        let span = doc.span_of(a.source.0, a.source.1 - 1);
        if quotes.inside_quote(span) {
            continue;
        }
        let (subtype, rule) = match a.source_type {
            SourceType::Anonymous if a.antecedent.is_some() => ("reference", "anonymous.reference"),
            SourceType::Anonymous if (a.source.0..a.source.1).any(|i| lower_in(doc, i, DOC_HEADS)) => {
                ("unnamed_document", "anonymous.unnamed-document")
            }
            SourceType::Anonymous => ("unnamed_person", "anonymous.unnamed-source"),
            _ => continue,
        };
        push(span, subtype, rule, Cow::Borrowed(note_for(subtype)));
    }
    out.sort_by_key(|f| f.span.start);
    out
}
