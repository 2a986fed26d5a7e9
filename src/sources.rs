//! Who a source is — a named person, a named organisation, an unnamed (anonymous) source, another
//! outlet (secondhand) or a vague crowd — decided from the structure of the source phrase:
//!
//! * the **head** noun (`official`, `people`, `memo`, `critics`; `sources-roles.toml`,
//!   `sources-crowds.toml`) says what kind of source it is; a role word followed by another noun
//!   (`an official visit`, `the source code`) is not a head;
//! * the **determiner** (`a`, `two`, `the`, `Clinton's`, none) says whether one unnamed member of a
//!   group is meant, a crowd, or someone mentioned before;
//! * **names** in apposition (`a senior official, John Smith,`, `spokesman Brian Fallon`) identify it;
//! * **post-modifiers** (`familiar with the matter`, `named in the report`, `seen by Reuters`;
//!   `sources-qualifiers.toml`) mark it as unnamed, identified or merely passed on; an anonymity
//!   formula opening a relative clause or an aside (`an aide, who requested anonymity,`) joins the
//!   phrase, so the source is one highlight;
//! * a **spokesperson** is unnamed only if the article names none for the same body (`an Intel
//!   spokeswoman` after `Mason Harrison, a Crowdpac spokesman`);
//! * **outlets** (`CNN`, `local media`, `the Calvera Herald`; `sources-outlets.toml`) make it secondhand,
//!   unless the outlet publishes the page ([`Publisher`], from [`crate::Options::publisher`]).
//!
//! [`detect`] turns unnamed and secondhand sources into findings: the sources of attributions
//! (`according to` included), unnamed subjects of verbs of belief (`officials fear`;
//! `sources-stance.toml`), unnamed groups putting out a letter, statement or ad (`two outside
//! groups released ads`; `sources-writings.toml`), later mentions of them (`the official added`, `he said`, `the
//! assessments`), phrases that say by themselves that the source is unnamed (`people familiar with
//! the talks`, `an anonymous source`), and fixed anonymity formulas (`anonymous.toml`), each phrase
//! highlighted once.
//!
//! [`crate::attribution`] asks this module for role-headed source phrases with their
//! post-modifiers ([`source_near_cue`]), for the type of every source ([`NameIndex::classify`]) and
//! for what a description refers back to ([`definite_antecedent`]).

use crate::attribution::{Attr, Attributions};
use crate::lexicon::{self, Entry, FastMap, FastSet, Match, Matcher};
use crate::quotes::{QuoteClass, Quotes};
use crate::text::{flag, Doc, TokKind};
use crate::words;
use crate::{Finding, Kind, SourceType, Span};
use std::borrow::Cow;
use std::sync::OnceLock;

/// What the head noun of a source phrase stands for: the categories of `sources-roles.toml`, and
/// the crowds of `sources-crowds.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Official,
    Individual,
    Organisation,
    Document,
    Crowd,
}

/// A head word's role and its lexicon entry.
type Head = (Role, &'static Entry);

/// The head role of each vocabulary id, if it is a role or crowd word.
type HeadTable = Vec<Option<Head>>;

fn heads() -> &'static HeadTable {
    static T: OnceLock<HeadTable> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = vec![None; lexicon::vocabulary_size()];
        let tables = [(&lexicon::SOURCES_ROLES, None), (&lexicon::SOURCES_CROWDS, Some(Role::Crowd))];
        for (lex, fixed) in tables {
            for e in lex.entries {
                let role = fixed.unwrap_or(match e.category() {
                    "official" => Role::Official,
                    "individual" => Role::Individual,
                    "organisation" => Role::Organisation,
                    _ => Role::Document,
                });
                // Every role word is one token (a test says so), so its id is its own.
                for w in std::iter::once(e.phrase()).chain(e.forms()) {
                    t[lexicon::word_id(w) as usize] = Some((role, e));
                }
            }
        }
        t
    })
}

pub(crate) fn qualifiers() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::SOURCES_QUALIFIERS))
}

fn outlets() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::SOURCES_OUTLETS))
}

/// Whether a token is the last word of some outlet's name (`cnn`, `times`, `media`), to find
/// where a name may end: by vocabulary id, for every form of the outlet lexicon.
fn is_outlet_last_word(doc: &Doc, i: usize) -> bool {
    static S: OnceLock<Vec<bool>> = OnceLock::new();
    let last = S.get_or_init(|| {
        let mut last = vec![false; lexicon::vocabulary_size()];
        for (ids, _) in lexicon::SOURCES_OUTLETS.forms() {
            last[usize::from(ids[ids.len() - 1])] = true;
        }
        last
    });
    doc.word_ids().get(i).is_some_and(|&id| id != lexicon::NO_WORD && last[id as usize])
}

pub(crate) fn stance_verbs() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::SOURCES_STANCE))
}

fn writings() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::SOURCES_WRITINGS))
}

pub(crate) fn formulas() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| Matcher::new(&lexicon::ANONYMOUS))
}

/// The role word at token `i`, if it is one. Asked of most tokens, so the class test that rules out
/// almost all of them is inlined.
#[inline]
fn role(doc: &Doc, i: usize) -> Option<Head> {
    if !doc.is_in(i, words::HEADS) {
        return None;
    }
    role_of(doc, i)
}

#[inline(never)]
fn role_of(doc: &Doc, i: usize) -> Option<Head> {
    if !doc.is_word(i) {
        return None;
    }
    heads()[doc.word_ids()[i] as usize]
}

fn is_person(r: Role) -> bool {
    matches!(r, Role::Official | Role::Individual)
}

// ---- function words: the closed classes the phrase structure is read from ----

/// Determiners of a description that refers back to someone already mentioned (`both men`).
pub(crate) const DEFINITE: &str = "the this that these those both";
pub(crate) const POSSESSIVE: &str = "his her their its our my your";
/// One unspecified member, or a counted few: `a source`, `two people`, `several aides`.
pub(crate) const COUNTED: &str = "\
    a an one another two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty \
    seventy eighty ninety dozen dozens several multiple couple";
/// An unspecified quantity: unnamed officials, but a vague crowd of ordinary people.
#[rustfmt::skip]
pub(crate) const QUANTIFIERS: &str = "some many most numerous various few other more all any each every";
/// Verbs after which a noun phrase describes the subject rather than standing for a source.
pub(crate) const COPULAS: &[&str] =
    &["is", "was", "are", "were", "be", "been", "being", "become", "became", "remains", "remained"];
/// Prepositions that attach a post-modifier to a head: `officials [in the ministry]`.
#[rustfmt::skip]
pub(crate) const LINKS: &str = "\
    in at on from for of with within inside to near around across outside among under throughout behind by";
/// Words that never sit inside a noun phrase before its head, nor in a short noun phrase after a
/// preposition: clause links, auxiliaries, subject pronouns.
pub(crate) const NOT_IN_PHRASE: &str = concat!(
    "\
        and or but nor who whom whose which that what when where why how if as because while than so though \
        although after before since until is are was were be been being am has have had do does did will \
        would could should may might must can shall not never he she they we i you it there here said says \
        say told tells also then about into over like according now already today yesterday tonight recently \
        yet still even something anything nothing everything ",
    // Common irregular past tenses, which the `-ed` test misses (`people close to him felt…`).
    "\
        felt gave thought knew saw took got went came kept held met sent spent brought bought began ran won \
        made found became heard wrote spoke",
);
/// Words in `-ed`/`-ing` that are adjectives before a role noun, not verbs ending a clause.
pub(crate) const PARTICIPLE_ADJECTIVES: &str = concat!(
    "\
        retired elected unnamed unidentified appointed informed trusted detained armed registered \
        disaffected experienced uniformed licensed concerned ranking leading governing outgoing incoming \
        sitting visiting serving striking remaining opposing founding acting presiding investigating polling \
        sending receiving ",
    // Nouns in `-ing` that name what a group does or a trade: `outside spending groups`, `a consulting
    // firm`, `a publishing executive`.
    "\
        spending consulting advertising marketing fundraising publishing banking broadcasting",
);
pub(crate) const WEEKDAYS: &str = "monday tuesday wednesday thursday friday saturday sunday";
#[rustfmt::skip]
pub(crate) const MONTHS: &str = "january february march april may june july august september october november december";

fn is_date_word(doc: &Doc, i: usize) -> bool {
    doc.is_in(i, words::WEEKDAYS | words::MONTHS)
}

/// Where a named body publishes its own documents: `a memo on the council's website`.
pub(crate) const PUBLISHED_ON: &str = "website site web page blog account feed channel newsletter";

/// Roles that come with a name (`the senator`, `President Rodríguez`), so that a source phrase can
/// end in them; their unnamed use is a reference to a named person, left to the mention tracker.
pub(crate) const PERSON_ROLES: &str = "\
    president senator minister secretary governor mayor chief director chairman chairwoman chair leader ceo \
    founder candidate judge lawyer attorney professor ambassador general commissioner congressman \
    congresswoman premier king queen prince pope head manager coach author doctor nurse mother father wife \
    husband son daughter citizen police statement agency department ministry government administration \
    campaign committee office court study survey poll";

/// Titles dropped from display names (`President Delcy Rodríguez` → `Delcy Rodríguez`).
#[rustfmt::skip]
pub(crate) const TITLES: &[&str] = &[
    "president", "sen", "sen.", "senator", "rep", "rep.", "representative", "gov", "gov.", "governor", "mr", "mr.",
    "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "secretary", "minister", "gen", "gen.", "general",
    "mayor", "judge", "the", "interim", "former", "prime", "vice", "chancellor", "premier", "sir", "lady", "lord",
    "king", "queen", "pope", "ambassador", "director", "chairman", "ceo", "attorney", "speaker", "leader",
    "commissioner", "officer", "detective", "sgt", "sgt.", "lt", "lt.", "col", "col.", "capt", "capt.", "coach",
    "u.s.", "us",
];

/// Words in a capitalised phrase that make it an organisation rather than a person.
pub(crate) const ORG_WORDS: &str = "\
    house senate congress department ministry pentagon agency council committee commission party police \
    court office government administration company corp corp. inc inc. ltd university bank fund union army \
    navy kremlin institute association foundation bureau service board authority group organization \
    organisation federation network nato un eu fbi cia nsa epa irs who imf opec";

pub(crate) const OBJECT_PRONOUNS: &str = "him her them us me it you";

fn same_sentence(doc: &Doc, a: usize, b: usize) -> bool {
    doc.tok(a).sent == doc.tok(b).sent
}

fn sentence_bounds(doc: &Doc, i: usize) -> (usize, usize) {
    let s = &doc.sentences[doc.tok(i).sent as usize];
    (s.tokens.0 as usize, s.tokens.1 as usize)
}

fn is_possessive(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) {
        return false;
    }
    let w = doc.tok_lower(i);
    w.ends_with("'s") || w.ends_with("’s") || (w.ends_with('s') && is_possessive_apostrophe(doc, i + 1))
}

/// The apostrophe of a plural possessive (`Sanders’ adviser`), which the tokenizer leaves apart from
/// its word: attached to a word in `s`, with a space after it.
fn is_possessive_apostrophe(doc: &Doc, i: usize) -> bool {
    i > 0
        && i < doc.len()
        && (doc.is_punct(i, "’") || doc.is_punct(i, "'"))
        && !doc.tok(i).has(flag::SPACE_BEFORE)
        && doc.tok(i).has(flag::SPACE_AFTER)
        && doc.is_word(i - 1)
        && doc.tok_lower(i - 1).ends_with('s')
}

/// The dot of an abbreviation or initial inside a name (`Mrs. Ortega`, `Acme Corp.`, `John R.
/// Kasich`), which the tokenizer keeps apart from its word.
fn is_abbreviation_dot(doc: &Doc, i: usize) -> bool {
    // Only before a name: `Plan B. Officials said` may end a sentence the tokenizer ran on.
    let initial = |j: usize| doc.tok_text(j).len() == 1 && doc.is_cap(j) && is_name_token(doc, i + 1);
    i > 0
        && doc.is_punct(i, ".")
        && !doc.tok(i).has(flag::SPACE_BEFORE)
        && (doc.is_abbreviation(i - 1) || initial(i - 1))
}

/// A punctuation token that belongs inside a noun phrase.
fn inside_phrase(doc: &Doc, i: usize) -> bool {
    is_possessive_apostrophe(doc, i) || is_abbreviation_dot(doc, i) || is_name_slash(doc, i) || is_number_hyphen(doc, i)
}

/// Whether token `i` is the punctuation `p` with no space on either side, between tokens that
/// `left` and `right` accept: one word to a reader, three tokens to the tokenizer.
fn glued(doc: &Doc, i: usize, p: &str, left: impl Fn(usize) -> bool, right: impl Fn(usize) -> bool) -> bool {
    i > 0
        && i + 1 < doc.len()
        && doc.is_punct(i, p)
        && !doc.tok(i).has(flag::SPACE_BEFORE)
        && !doc.tok(i).has(flag::SPACE_AFTER)
        && left(i - 1)
        && right(i + 1)
}

/// A hyphen joining a number to the word after it (`a 28-year-old woman`, `a 12-member panel`).
fn is_number_hyphen(doc: &Doc, i: usize) -> bool {
    glued(doc, i, "-", |j| is_number(doc, j), |j| doc.tok(j).kind == TokKind::Word)
}

/// A slash joining two names, as pollsters and joint ventures are named (`a Gazette/Ridley poll`).
fn is_name_slash(doc: &Doc, i: usize) -> bool {
    glued(doc, i, "/", |j| doc.is_cap(j), |j| doc.is_cap(j))
}

/// A lowercase `-ed`/`-ing` word that is more often a verb than an adjective before a noun.
fn is_verb_like(doc: &Doc, i: usize) -> bool {
    let w = doc.tok_lower(i);
    !doc.is_cap(i) && (w.ends_with("ed") || w.ends_with("ing")) && !doc.is_in(i, words::PARTICIPLE_ADJECTIVES)
}

/// A lowercase past-tense-looking word: after a noun it is the verb of the clause (`a software firm
/// [declined]`), while `-ing` words there are mostly nouns (`a council meeting`).
fn is_past_verb_like(doc: &Doc, i: usize) -> bool {
    is_verb_like(doc, i) && doc.tok_lower(i).ends_with("ed")
}

fn is_number(doc: &Doc, i: usize) -> bool {
    doc.tok(i).kind == TokKind::Number
}

/// Whether token `i` can stand before a head noun inside its phrase: a determiner, a number, a name
/// or affiliation (`White House`, `Trump administration`), a possessive, or an adjective.
fn can_modify(doc: &Doc, i: usize) -> bool {
    match doc.tok(i).kind {
        TokKind::Number => true,
        TokKind::Punct => inside_phrase(doc, i),
        TokKind::Word => {
            if doc.is_in(i, words::NOT_IN_PHRASE | words::LINKS) {
                return false;
            }
            doc.is_cap(i) || is_possessive(doc, i) || doc.tok_lower(i).contains('-') || !is_verb_like(doc, i)
        }
    }
}

fn is_determiner(doc: &Doc, i: usize) -> bool {
    doc.is_in(i, words::DEFINITE | words::POSSESSIVE | words::COUNTED | words::QUANTIFIERS)
}

/// Whether role word `i` is the head of its phrase rather than a modifier of a noun after it (`an
/// official visit`, `the source code`): what follows is the end of the phrase (`limit`), punctuation,
/// a preposition, a relative pronoun, a qualifier, a name or an adverb before a cue.
fn ends_noun(doc: &Doc, i: usize, limit: usize) -> bool {
    let j = i + 1;
    // `the Vox Populi (Voice of the People) column`: a word closing brackets inside a phrase.
    if doc.is_punct(j, ")") && j + 1 < limit && doc.is_word(j + 1) {
        return false;
    }
    if j >= limit || j >= doc.len() || !same_sentence(doc, i, j) || !doc.is_word(j) {
        return true;
    }
    doc.is_in(j, words::LINKS | words::BETWEEN_SUBJECT_AND_CUE)
        || doc.is_any(j, &["who", "whom", "which", "that"])
        || doc.is_any(j, &["speaking", "talking"]) && doc.is_any(j + 1, &["to", "with"])
        || doc.is_any(j, GIVEN_OUT) && is_document_word(doc, i)
        || doc.is_cap(j)
        || formulas().match_at(doc, j).is_some()
        || qualifiers().match_at(doc, j).is_some()
}

/// The first token of the phrase whose head is `head`, not before `floor`.
fn left_extent(doc: &Doc, head: usize, floor: usize) -> usize {
    let mut s = head;
    let mut adjectives = 0;
    while s > floor && head - s < 7 {
        let p = s - 1;
        // `two outside groups`, `an inside source`: a preposition between a determiner and a noun
        // is an adjective.
        let adjective = doc.is_any(p, &["outside", "inside"]) && p > floor && is_determiner(doc, p - 1);
        // `current and former officials`, `Federal and state prosecutors`: two plain modifiers
        // joined by `and`/`or` qualify the head together (a role, `lawmakers and state officials`,
        // or a name, `Clinton and Pentagon officials`, is another party).
        // A capital only because the sentence starts there, not a name's (`Ruiz and state
        // officials`): the text writes the word in lower case elsewhere, or it is a usual one.
        let sentence_capital = |k: usize| {
            doc.tok(k).has(flag::SENT_START)
                && (doc.also_written(k, words::written::UNCAPITALISED)
                    || doc.is_any(k, &["current", "former", "federal", "state", "local", "senior", "past"]))
        };
        let plain = |k: usize| {
            doc.tok(k).kind == TokKind::Word
                && (!doc.is_cap(k) || sentence_capital(k))
                && can_modify(doc, k)
                && !is_determiner(doc, k)
                && role(doc, k).is_none()
                && !doc.is_in(k, words::PERSON_ROLES)
        };
        if doc.is_any(p, &["and", "or"]) && s < head && p > floor && same_sentence(doc, p - 1, head) {
            if plain(s) && plain(p - 1) {
                s = p - 1;
                continue;
            }
            break;
        }
        if !same_sentence(doc, p, head) || !(can_modify(doc, p) || adjective) {
            break;
        }
        s = p;
        if is_determiner(doc, p) {
            // `one of the officials`, `two of the sources`: a partitive before the determiner.
            if s >= floor + 2
                && doc.is(s - 1, "of")
                && (doc.is_in(s - 2, words::COUNTED | words::QUANTIFIERS) || is_number(doc, s - 2))
            {
                s -= 2;
            }
            break;
        }
        if doc.tok(p).kind == TokKind::Word && !doc.is_cap(p) && !is_possessive(doc, p) {
            adjectives += 1;
            if adjectives > 4 {
                break;
            }
        }
    }
    s
}

/// What follows the head of a source phrase.
#[derive(Clone, Copy, Debug, Default)]
struct Post {
    /// The end of the phrase (exclusive).
    end: usize,
    /// Where the parse stopped: past `end` when a relative clause holding an anonymity formula
    /// follows (`an official [who insisted on anonymity]`), which is highlighted by itself.
    reach: usize,
    /// A qualifier or formula saying the source is unnamed (`familiar with`, `who spoke on condition
    /// of anonymity`).
    unnamed: Option<&'static Entry>,
    /// `named in the report`, `filed by …`: the source is identified elsewhere.
    identifies: bool,
    /// A name right after the head (`spokesman Brian Fallon`).
    name_after_head: bool,
    /// A name or an organisation after `by`/`from`/`of`: who produced a document (`figures from the
    /// national roads agency`).
    origin_named: bool,
    /// The phrase ends in a relative clause (`two people who attended the meeting`).
    relative: bool,
}

/// A short noun phrase after a preposition or qualifier, from `i`: `the matter`, `Venezuela
/// policy`, `the Tampa station`. Stops before the next preposition, which starts a new link.
fn chunk(doc: &Doc, i: usize, limit: usize) -> usize {
    let mut j = i;
    while j < limit && j < doc.len() && j - i < 8 && same_sentence(doc, i, j) {
        // `the proposed deal`, `Trump's thinking`, but not `a software firm [declined]`.
        let ok = match doc.tok(j).kind {
            TokKind::Number => true,
            TokKind::Punct => inside_phrase(doc, j),
            TokKind::Word => {
                !doc.is_in(j, words::NOT_IN_PHRASE | words::LINKS)
                    && (!is_past_verb_like(doc, j)
                        || (j > i && (is_determiner(doc, j - 1) || is_possessive(doc, j - 1))))
            }
        };
        if !ok || (j > i && qualifiers().match_at(doc, j).is_some()) {
            break;
        }
        j += 1;
    }
    j
}

/// The end of a relative clause starting at `i`: the next comma, quote mark or sentence end, at
/// most 30 tokens on, and never past `limit`.
fn clause_end(doc: &Doc, i: usize, limit: usize) -> usize {
    let mut j = i;
    while j < limit && j < doc.len() && j - i < 30 && same_sentence(doc, i, j) && doc.tok(j).kind != TokKind::Punct {
        j += 1;
    }
    j
}

/// Whether a name starts at `i` (capitalised, not a title, not a role or crowd word, not a date).
fn is_name_token(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i)
        && !doc.is_in(i, words::NAME_TITLES)
        && !is_determiner(doc, i)
        && role(doc, i).is_none()
        && !is_date_word(doc, i)
        && !doc.is_in(i, words::PRONOUNS)
}

/// Whether token `i`, before a document head, names who produced it (`the Pew Research Center
/// analysis`, `a Pentagon readout`); a capitalised first word of a sentence counts only as part of a
/// longer name, as an organisation word or as an acronym (`FEC records`), since `Internal
/// documents` is not a name.
fn names_origin(doc: &Doc, i: usize) -> bool {
    // `US`, `UK`: a country is not an author.
    let country = doc.tok(i).has(flag::ALL_CAPS) && doc.tok(i).len() <= 2;
    let acronym = doc.tok(i).has(flag::ALL_CAPS) && doc.tok(i).len() > 2;
    is_name_token(doc, i)
        && !country
        && (!doc.tok(i).has(flag::SENT_START) || acronym || doc.is_cap(i + 1) || doc.is_in(i, words::ORG_WORDS))
}

/// Participles saying who gave a document out (`a memo released by the watchdog`).
const GIVEN_OUT: &[&str] = &["released", "published", "issued", "provided", "compiled", "prepared"];

/// Parses the post-modifiers after a head, from token `i` up to `limit` at most.
fn postmod(doc: &Doc, i: usize, limit: usize, person: bool) -> Post {
    let mut p = Post { end: i, reach: i, ..Post::default() };
    let limit = limit.min(doc.len());
    if i >= limit || i == 0 || !same_sentence(doc, i - 1, i) {
        return p;
    }
    // `spokesman Brian Fallon`, `reports Mr. Schoen filed`: a name, perhaps after a title.
    let title = if doc.is_in(i, words::NAME_TITLES) { 1 + usize::from(is_abbreviation_dot(doc, i + 1)) } else { 0 };
    if is_name_token(doc, i + title) && !doc.tok(i).has(flag::SENT_START) && i + title < limit {
        let mut j = i + title;
        while j < limit && doc.is_cap(j) && same_sentence(doc, i, j) {
            j += 1;
        }
        p.end = j;
        p.name_after_head = true;
        return p;
    }
    let mut j = i;
    while j < limit && same_sentence(doc, i, j) {
        // `a report Tuesday from the Herald`: the day it came out, before who produced it.
        let date =
            if doc.is(j, "on") && doc.is_in(j + 1, words::WEEKDAYS) { 2 } else { usize::from(is_date_word(doc, j)) };
        if date > 0 && j + date < limit && doc.is_any(j + date, &["from", "by"]) {
            j += date;
            continue;
        }
        if let Some(m) = qualifiers().match_at(doc, j).filter(|m| m.end <= limit && m.entry.category() != "marker") {
            match m.entry.category() {
                "unnamed" => p.unnamed = p.unnamed.or(Some(m.entry)),
                "identifies" => p.identifies = true,
                _ => {}
            }
            // `who attended the meeting in March`: a relative clause, read to its end.
            if doc.is(j, "who") {
                p.end = clause_end(doc, m.end, limit);
                p.reach = p.end;
                p.relative = true;
                return p;
            }
            // `familiar with [the matter]`; but `around him` and `in the know` are complete.
            let open = doc.is_in(m.end - 1, words::LINKS) || doc.is(m.end - 1, "about");
            j = if open { chunk(doc, m.end, limit) } else { m.end };
            p.end = j;
            continue;
        }
        // `data released Friday by state regulators`, `a memo provided by her lawyer`: who gave
        // the document out says whose it is, unless only counted (`by two officials`).
        if !person && doc.is_any(j, GIVEN_OUT) {
            let b = j + 1 + usize::from(is_date_word(doc, j + 1));
            if b < limit && doc.is(b, "by") {
                let k = chunk(doc, b + 1, limit);
                p.origin_named |= k > b + 1 && !doc.is_in(b + 1, words::COUNTED | words::QUANTIFIERS);
                j = k;
                p.end = j;
                continue;
            }
        }
        if doc.is_in(j, words::LINKS) {
            let k = chunk(doc, j + 1, limit);
            // `allies on Monday`, `a report in March`: when, not which.
            if k == j + 1 || is_date_word(doc, j + 1) {
                break;
            }
            let named = (j + 1..k).any(|t| is_name_token(doc, t) || doc.is_in(t, words::ORG_WORDS));
            // `figures from the roads agency`, `a post on the Harlow campaign's website`.
            let published = doc.is_any(j, &["on", "in"]) && doc.is_in(k - 1, words::PUBLISHED_ON);
            if named && (doc.is_any(j, &["by", "from", "of"]) || published) {
                p.origin_named = true;
            }
            j = k;
            p.end = j;
            continue;
        }
        // `officials unauthorized to speak publicly`: a formula straight after the head.
        if person && p.unnamed.is_none() {
            if let Some(m) = formulas().match_at(doc, j).filter(|m| m.end <= limit) {
                p.unnamed = Some(m.entry);
                p.end = m.end;
                p.reach = m.end;
                return p;
            }
        }
        // `a source speaking to the Herald`: whom the source talked to.
        if person && doc.is_any(j, &["speaking", "talking"]) && doc.is_any(j + 1, &["to", "with"]) {
            let k = chunk(doc, j + 2, limit);
            if k > j + 2 {
                j = k;
                p.end = j;
                continue;
            }
        }
        if person && doc.is_any(j, &["who", "whom"]) {
            let k = clause_end(doc, j + 1, limit);
            if k < j + 3 {
                break;
            }
            // `an official who spoke on condition of anonymity [to discuss the talks]`: the phrase
            // runs to the end of a formula that opens the clause. A formula further on, or after a
            // phrase already unnamed by its qualifier, stays a highlight of its own.
            // The clause end stops before an adverb that could sit between subject and cue; a
            // formula may still take it (`who was not authorized to speak publicly said`).
            let adverbs_only = |m: &Match| (k..m.end).all(|t| doc.is_in(t, words::BETWEEN_SUBJECT_AND_CUE));
            let formula =
                (j + 1..k).find_map(|t| formulas().match_at(doc, t)).filter(|m| m.end <= k || adverbs_only(m));
            p.end = match formula {
                Some(m) if m.first < j + 5 && p.unnamed.is_none() => m.end,
                Some(_) => j,
                None => k,
            };
            p.unnamed = p.unnamed.or(formula.map(|m| m.entry));
            p.reach = k;
            p.relative = true;
            return p;
        }
        // `an official, who requested anonymity,` or `…, speaking on condition of anonymity`: an
        // aside opening with the formula belongs to the phrase.
        if person && doc.is_punct(j, ",") {
            let k = clause_end(doc, j + 1, limit);
            let near = (j + 1..k.min(j + 5)).find_map(|t| formulas().match_at(doc, t)).filter(|m| m.end <= k);
            if let Some(m) = near.filter(|_| p.unnamed.is_none()) {
                p.unnamed = Some(m.entry);
                p.end = m.end;
                p.reach = k;
                p.relative = true;
                return p;
            }
        }
        break;
    }
    p.reach = p.end;
    p
}

/// Whether the phrase parsed as `post` leads straight to a cue at `e`: directly, after the comma
/// closing a relative clause (`an aide who was not authorized to discuss the talks, said`), or after
/// an aside between commas (`a senior official, who spoke on condition of anonymity, said`).
fn reaches(doc: &Doc, post: &Post, e: usize) -> bool {
    let end = post.reach;
    if end == e || (post.relative && end + 1 == e && doc.is_punct(end, ",")) {
        return true;
    }
    end + 3 < e
        && doc.is_punct(end, ",")
        && doc.is_punct(e - 1, ",")
        && (doc.is_any(end + 1, &["who", "which", "speaking", "talking", "requesting", "citing"])
            || formulas().match_at(doc, end + 1).is_some()
            || qualifiers().match_at(doc, end + 1).is_some())
}

/// Whether a named person joined by `and` leads from the phrase ending at `end` to a cue at `e`, as
/// a second subject: `aides to Gov. Ann Ruiz, a former prosecutor, and Gov. Tom Reel of Ohio, who
/// …, said`. An aside may describe each name; the aides are unnamed whoever the second subject is.
fn joined_by_name(doc: &Doc, end: usize, e: usize) -> bool {
    let mut j = end;
    if doc.is_punct(j, ",") {
        match (j + 2..e.min(j + 8)).find(|&k| !doc.is_word(k) || is_verb_like(doc, k)) {
            Some(k) if doc.is_punct(k, ",") => j = k + 1,
            _ => return false,
        }
    }
    if !doc.is(j, "and") || !doc.is_cap(j + 1) {
        return false;
    }
    j += 1;
    while j < e && (doc.is_cap(j) || doc.is(j, "of") || is_abbreviation_dot(doc, j)) {
        j += 1;
    }
    j == e || doc.is_punct(j, ",") && doc.is(j + 1, "who") && doc.is_punct(e - 1, ",")
}

/// The head of a phrase `r`: its first role word that is not modifying another noun. In `a group
/// of officials` the people are the head, not the group; in `many Democratic officials` and `some
/// of the aides`, a quantifier is a determiner.
fn find_head(doc: &Doc, r: (usize, usize)) -> Option<usize> {
    let h = (r.0..r.1).find(|&i| role(doc, i).is_some() && ends_noun(doc, i, r.1))?;
    if role(doc, h).is_some_and(|(_, e)| e.category() == "quantifier") {
        let later = (h + 1..r.1.min(h + 8)).find(|&i| role(doc, i).is_some() && ends_noun(doc, i, r.1));
        if later.is_some() {
            return later;
        }
    }
    if matches!(role(doc, h), Some((Role::Organisation, _))) && doc.is(h + 1, "of") {
        let later = (h + 2..r.1.min(h + 6)).find(|&i| role(doc, i).is_some_and(|(r, _)| r != Role::Document));
        if let Some(l) = later.filter(|&l| ends_noun(doc, l, r.1)) {
            return Some(l);
        }
    }
    Some(h)
}

/// The phrase starting at `i` if it is headed by a role or crowd word: the source after `according
/// to` or in an inverted attribution (`said a senior official`). With `ends_clause`, the phrase must
/// also end its clause (`…,” said a senior official.`), or it is the subject of what was said
/// (`saying the person would …`).
fn role_phrase_from(doc: &Doc, i: usize, ends_clause: bool) -> Option<(usize, usize)> {
    if i >= doc.len() {
        return None;
    }
    let (_, sent_end) = sentence_bounds(doc, i);
    let mut h = i;
    while h < sent_end && h - i < 7 {
        if let Some((r, _)) = role(doc, h).filter(|_| ends_noun(doc, h, sent_end)) {
            let post = postmod(doc, h + 1, sent_end, is_person(r));
            let closed = post.reach >= sent_end || !doc.is_word(post.reach);
            return (!ends_clause || closed).then_some((i, post.end));
        }
        let partitive = doc.is(h, "of") && h > i && (is_determiner(doc, h - 1) || is_number(doc, h - 1));
        if !partitive && !can_modify(doc, h) {
            return None;
        }
        h += 1;
    }
    None
}

/// The subject phrase of the cue at token `cue` when it is headed by a role or crowd word or an
/// outlet, with its
/// post-modifiers (`a source on Venezuela policy`, `people familiar with the matter`, `a senior
/// official in the ministry, who spoke on condition of anonymity,`). The leftmost such phrase that
/// leads straight to the cue wins, so `officials at the agency, which …,` is not cut to `the agency`.
fn role_phrase_before(doc: &Doc, cue: usize) -> Option<(usize, usize)> {
    let mut e = cue;
    loop {
        if e > 0 && same_sentence(doc, e - 1, cue) && doc.is_in(e - 1, words::BETWEEN_SUBJECT_AND_CUE) {
            e -= 1;
        } else if e > 1 && same_sentence(doc, e - 2, cue) && doc.is(e - 2, "on") && doc.is_in(e - 1, words::WEEKDAYS) {
            // `officials on Monday said`
            e -= 2;
        } else {
            break;
        }
    }
    // `insiders in two states — Nevada and Ohio — said`: an aside between dashes on a noun after
    // the source's head is not the subject. Right after the head it may name the source (`Two
    // officials — Ana Ruiz and Tom Reel — said`).
    let dash = |j: usize| doc.is_any(j, &["—", "–"]);
    if e > 2 && dash(e - 1) {
        let mut j = e - 2;
        while j + 12 > e && j > 0 && same_sentence(doc, j, cue) && (doc.is_word(j) || doc.is_punct(j, ",")) {
            j -= 1;
        }
        if j > 0 && j + 2 < e && dash(j) && role(doc, j - 1).is_none() {
            e = j;
        }
    }
    // `senior aides, who said`, `a source who told him`: the relative pronoun stands for the
    // phrase before it, which may then stand anywhere in its clause.
    let mut relative_subject = false;
    let mut comma_who = false;
    if e >= 2 && doc.is(e - 1, "who") && doc.is_punct(e - 2, ",") {
        e -= 2;
        comma_who = true;
    } else if e >= 2
        && doc.is(e - 1, "who")
        && said_or_told(doc, cue)
        && role(doc, e - 2).is_some_and(|(r, _)| r == Role::Official)
    {
        e -= 1;
        relative_subject = true;
    }
    if e == 0 || !same_sentence(doc, e - 1, cue) {
        return None;
    }
    let (sent_start, _) = sentence_bounds(doc, cue);
    let mut floor = sent_start.max(e.saturating_sub(40));
    // Quote marks, colons, dashes and brackets end the stretch the subject can come from.
    let stop = |j: usize| doc.tok(j).kind == TokKind::Punct && !doc.is_punct(j, ",") && !inside_phrase(doc, j);
    if let Some(p) = (floor..e).rev().find(|&j| stop(j)) {
        floor = p + 1;
    }
    (floor..e).find_map(|h| {
        // An outlet is a head too: `The Herald, citing officials, reported`.
        let person = match role(doc, h) {
            Some((r, _)) => is_person(r),
            None if is_outlet_end(doc, h, floor) => false,
            None => return None,
        };
        if !ends_noun(doc, h, e) {
            return None;
        }
        let post = postmod(doc, h + 1, e, person);
        // `Her spokesman, Tomas Reel, said`: the name in apposition belongs to the phrase.
        let named = appositive_name_end(doc, post.reach, e);
        if named.is_none() && !reaches(doc, &post, e) && !joined_by_name(doc, post.reach, e) {
            return None;
        }
        let s = coordinated_start(doc, left_extent(doc, h, floor), floor);
        // Not `the women who said…` (a description picking someone out), nor `he was an aide who
        // said…` (a description of the subject).
        // `Reyes, a man who sided with Ruiz, who believes…`: the description is of a name, and the
        // second clause is about the name that ends the first.
        if comma_who && (in_apposition(doc, s) || post.relative && is_name_token(doc, e - 1)) {
            return None;
        }
        let subject = if relative_subject {
            !(in_apposition(doc, s) || doc.is_in(s, words::DEFINITE) || s > floor && doc.is_in(s - 1, words::COPULAS))
        } else {
            subject_position(doc, s, post.reach, e, post.relative)
        };
        subject.then_some((s, named.unwrap_or(post.end)))
    })
}

/// Whether the verb at `v` is a passive participle: after a form of `be`, perhaps past another
/// participle and `and` (`were mocked and criticized`) or an adverb.
fn is_passive(doc: &Doc, v: usize) -> bool {
    let (sent_start, _) = sentence_bounds(doc, v);
    let mut p = v;
    while p > sent_start && v - p < 4 {
        p -= 1;
        if doc.is_in(p, words::COPULAS) {
            return true;
        }
        let skippable = doc.is_any(p, &["and", "or"]) || is_past_verb_like(doc, p) || doc.tok_lower(p).ends_with("ly");
        if !skippable {
            return false;
        }
    }
    false
}

/// Whether a letter, statement or ad (`sources-writings.toml`) is the object of the verb ending
/// before `i`: after a few modifiers (`an open letter`, `online ads`) or another object it is
/// coordinated with (`a documentary and an ad campaign`).
fn writing_after(doc: &Doc, i: usize) -> bool {
    let Some(last) = i.checked_sub(1) else { return false };
    let (_, sent_end) = sentence_bounds(doc, last);
    (i..sent_end.min(i + 6))
        .take_while(|&j| j == i || can_modify(doc, j - 1) || doc.is(j - 1, "and"))
        .any(|j| writings().match_at(doc, j).is_some())
}

/// The unnamed author before a relative clause whose verb `v` is one of publication: `[two outside
/// groups] that have released ads`.
fn relative_author(doc: &Doc, v: usize) -> Option<(usize, usize)> {
    let mut e = v;
    while e > 0 && same_sentence(doc, e - 1, v) && doc.is_in(e - 1, words::BETWEEN_SUBJECT_AND_CUE) {
        e -= 1;
    }
    if e < 2 || !same_sentence(doc, e - 2, v) || !doc.is_any(e - 1, &["that", "which", "who"]) {
        return None;
    }
    let h = e - 2;
    role(doc, h)?;
    Some((left_extent(doc, h, sentence_bounds(doc, h).0), h + 1))
}

/// Whether the cue at `c` is plain `said` or `told`, which a relative clause may carry (`a source
/// who told him`) without the clause being a description of someone's views.
fn said_or_told(doc: &Doc, c: usize) -> bool {
    crate::attribution::cue_matcher().match_at(doc, c).is_some_and(|m| matches!(m.entry.phrase(), "said" | "told"))
}

/// Whether an outlet name ends at token `h` (starting at `floor` or later).
fn is_outlet_end(doc: &Doc, h: usize, floor: usize) -> bool {
    // Asked of many tokens: the one-load test that rules most out is inlined here.
    doc.is_word(h) && is_outlet_last_word(doc, h) && outlet_ending_at(doc, h.saturating_sub(4).max(floor), h).is_some()
}

/// The end of a name set off by commas right before the cue at `e` (`, Tomas Reel,`), starting at
/// the comma at `comma`.
fn appositive_name_end(doc: &Doc, comma: usize, e: usize) -> Option<usize> {
    appositive_names_end(doc, comma).filter(|&last| last + 1 == e)
}

/// The closing comma of names set off by commas from the comma at `comma`: `, Tomas Reel,` or `,
/// Ana Ruiz and Luis Ferrer,`.
fn appositive_names_end(doc: &Doc, comma: usize) -> Option<usize> {
    if !doc.is_punct(comma, ",") || comma + 1 >= doc.len() || !is_name_token(doc, comma + 1) {
        return None;
    }
    let name_part = |i: usize| doc.is_cap(i) || inside_phrase(doc, i) || doc.is(i, "and") && doc.is_cap(i + 1);
    let last = (comma + 1..(comma + 12).min(doc.len())).find(|&i| !name_part(i))?;
    (last > comma + 1 && doc.is_punct(last, ",") && same_sentence(doc, comma, last)).then_some(last)
}

/// The start of a coordination ending in the phrase that starts at `s`: `media reports and [party
/// sources]` → `media reports`, when an official, document or organisation phrase stands right
/// before `and`/`or`.
fn coordinated_start(doc: &Doc, s: usize, floor: usize) -> usize {
    // A vague crowd (`Syrian activists and a person close to the talks`) is not part of the highlight.
    let unnamed_kind = role(doc, s.wrapping_sub(2))
        .is_some_and(|(r, _)| matches!(r, Role::Official | Role::Document | Role::Organisation));
    if s < floor + 2 || !doc.is_any(s - 1, &["and", "or"]) || !unnamed_kind {
        return s;
    }
    left_extent(doc, s - 2, floor)
}

/// Adverbs and connectives that open a sentence before a comma (`Later, an aide said`).
pub(crate) const SENTENCE_ADVERBS: &str = "\
    later meanwhile however still instead earlier separately then now today yesterday tonight also indeed \
    nonetheless nevertheless moreover furthermore besides afterward afterwards again overall finally first \
    second third last so yet thus hence likewise similarly otherwise here there sometimes often once too but \
    and or well yes no nationwide elsewhere regardless altogether anyway meantime previously historically \
    recently ultimately initially eventually";

/// Words after which a clause, and so a subject, can start (`what officials described as`: a free
/// relative whose subject is the source; `something aides argue is possible`: a relative clause
/// without `that`).
#[rustfmt::skip]
pub(crate) const CLAUSE_OPENERS: &str = "\
    and but or yet so that while whereas because although though when after before since if once until where what \
    something anything nothing everything";

/// Whether the phrase `[s, end)` before the cue at `e` is the cue's subject: it opens its sentence
/// or a clause, and is not an appositive description of someone else (`Chris Brownell, an audience
/// member, said`; `…, who serves as a top official in the union, said`). A bare phrase between
/// commas before the cue is an apposition too (`…, an audience member, said`); after a `relative`
/// clause the comma closes the clause (`However, an aide who was not authorized to speak, said`).
fn subject_position(doc: &Doc, s: usize, end: usize, e: usize, relative: bool) -> bool {
    if s == 0 || !same_sentence(doc, s - 1, s) {
        return true;
    }
    let p = s - 1;
    if doc.is_punct(p, ",") {
        // `Mr. Trump, a person close to him said, is…` is a parenthetical attribution, not an apposition.
        let closed_by_comma = end < e && doc.is_punct(end, ",");
        return !(closed_by_comma && (in_apposition(doc, s) || (!relative && end + 1 == e)));
    }
    // `errors, including an adviser acknowledging that…`: the subject of a participle clause.
    let participle = doc.is_any(p, &["with", "without", "including"]) && doc.tok_lower(e).ends_with("ing");
    opens_clause(doc, p) || participle
}

/// Whether a subject can start after token `p`: punctuation, a word that opens a clause, or a
/// focusing word after one (`…, even a top strategist said`).
fn opens_clause(doc: &Doc, p: usize) -> bool {
    // `She and her aides have vowed…`: someone's own people sharing the subject with them.
    let principal = |p: usize| doc.is(p, "and") && p > 0 && doc.is_cap(p - 1) && doc.is_in(p + 1, words::POSSESSIVE);
    let plain = |p: usize| {
        (doc.tok(p).kind == TokKind::Punct && !inside_phrase(doc, p))
            || doc.is_in(p, words::CLAUSE_OPENERS) && !principal(p)
    };
    plain(p) || doc.is_any(p, &["even", "only"]) && (p == 0 || !same_sentence(doc, p - 1, p) || plain(p - 1))
}

/// Whether the phrase starting at `s` describes a person named just before it, as an apposition
/// (`Scott Moris, [a former Treasury official]`) or the second of two (`Steve Elm, a top
/// fundraiser and [veteran lobbyist close to the campaign]`): a comma after a name. `In Ohio,
/// officials said` is not one: the name there follows a preposition.
fn in_apposition(doc: &Doc, s: usize) -> bool {
    let (sent_start, _) = sentence_bounds(doc, s);
    let mut c = s;
    if c > sent_start && doc.is_any(c - 1, &["and", "or"]) {
        c -= 1;
        while c > sent_start && s - c < 10 && (can_modify(doc, c - 1) || role(doc, c - 1).is_some()) {
            c -= 1;
        }
    }
    if c <= sent_start + 1 || !doc.is_punct(c - 1, ",") {
        return false;
    }
    let mut n = c - 1;
    // `Gov. Ana Ruiz of Ohio`: a place joined by `of` is part of the name.
    let of_place = |n: usize| n > sent_start + 1 && doc.is(n - 1, "of") && doc.is_cap(n - 2) && doc.is_cap(n);
    while n > sent_start
        && (is_name_token(doc, n - 1)
            || doc.is_in(n - 1, words::NAME_TITLES)
            || inside_phrase(doc, n - 1)
            || of_place(n))
    {
        n -= 1;
    }
    // A single capitalised word opening the sentence is a name (`Roman, a resident,`) unless it is
    // an adverb (`Later,`, `Privately,`) or a date; a preposition opens a phrase of place or time
    // (`On Wednesday,`).
    let one_word_name = c - 1 - n == 1
        && !doc.is_in(n, words::SENTENCE_ADVERBS)
        && !doc.tok_lower(n).ends_with("ly")
        && !is_date_word(doc, n)
        && !doc.tok(n).has(flag::ALL_CAPS);
    let named =
        (n..c - 1).any(|i| doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START)) || c - 1 - n >= 2 || one_word_name;
    // But `aides to Gov. Ruiz, a former prosecutor,`: the name ends a role's phrase, not an opening one.
    let opening =
        n > sent_start && doc.is_in(n - 1, words::LINKS) && !(n > sent_start + 1 && role(doc, n - 2).is_some());
    named && !doc.is_in(n, words::LINKS) && !opening
}

/// The source phrase of a cue when it is headed by a role noun, for [`crate::attribution`]: before
/// the cue `[cue_first, cue_end)`, after `according to`, or after an inverted cue (`…,” said a
/// senior official`). `None` leaves the phrase to the attribution finder's own rules.
pub fn source_near_cue(doc: &Doc, cue_first: usize, cue_end: usize, according: bool) -> Option<(usize, usize)> {
    if according {
        return role_phrase_from(doc, cue_end, false);
    }
    if let Some(r) = role_phrase_before(doc, cue_first) {
        return Some(r);
    }
    if follows_punctuation(doc, cue_first) {
        return role_phrase_from(doc, cue_end, true);
    }
    None
}

/// Capitalised words that cannot end a source phrase: articles, conjunctions, pronouns.
pub(crate) const CAPITALISED_NON_HEADS: &str = "the a an but and this that it there";

/// Whether token `i` can end a source phrase: a name, a role noun or a source noun.
pub fn is_head_noun(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) {
        return false;
    }
    if doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START) {
        return true;
    }
    role(doc, i).is_some()
        || doc.is_in(i, words::PERSON_ROLES)
        || is_outlet_last_word(doc, i) && outlets().match_at(doc, i).is_some_and(|m| m.end == i + 1)
        || (doc.is_cap(i) && !doc.is_in(i, words::CAPITALISED_NON_HEADS))
}

/// A capitalised token that is not a title, a determiner, a role word or a date: part of a name.
fn is_name_part(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i)
        && !doc.is_in(i, words::NAME_TITLES)
        && !is_determiner(doc, i)
        && role(doc, i).is_none()
        && !is_date_word(doc, i)
}

/// The last name token of a phrase, if it has one.
fn last_name_token(doc: &Doc, r: (usize, usize)) -> Option<usize> {
    (r.0..r.1).rev().find(|&i| is_name_part(doc, i))
}

/// The display name of an unnamed source: its phrase without the aside that withholds the name
/// (`a senior official, who spoke on condition of anonymity` → `a senior official`).
pub fn unnamed_name(doc: &Doc, r: (usize, usize)) -> String {
    let formula = (r.0..r.1).find(|&i| formulas().match_at(doc, i).is_some());
    let mut end = formula
        .and_then(|f| (r.0 + 1..f).rev().find(|&i| doc.is_punct(i, ",") || doc.is_any(i, &["who", "whom"])))
        .unwrap_or(r.1);
    if end > r.0 + 1 && doc.is_punct(end - 1, ",") {
        end -= 1;
    }
    doc.slice(doc.span_of(r.0, end - 1)).to_string()
}

/// The display name of a named source: its capitalised words without titles.
pub fn name_of(doc: &Doc, r: (usize, usize)) -> String {
    let Some(last) = last_name_token(doc, r) else {
        return doc.slice(doc.span_of(r.0, r.1 - 1)).to_string();
    };
    // The last run of consecutive capitalised words (`the company's chief executive, Jane Doe`).
    let mut run_start = last;
    while run_start > r.0 && is_name_part(doc, run_start - 1) {
        run_start -= 1;
    }
    strip_possessive(doc.slice(doc.span_of(run_start, last))).to_string()
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s").or_else(|| s.strip_suffix("'s")).unwrap_or(s)
}

pub(crate) fn is_plural_word(doc: &Doc, i: usize) -> bool {
    let w = doc.tok_lower(i);
    matches!(w, "people" | "police" | "they" | "we" | "men" | "women" | "spokesmen" | "spokeswomen" | "spokespeople")
        || (w.ends_with('s') && !w.ends_with("ss") && (!doc.is_cap(i) || role(doc, i).is_some()))
}

pub fn is_plural_phrase(doc: &Doc, r: (usize, usize)) -> bool {
    is_plural_word(doc, find_head(doc, r).unwrap_or(r.1 - 1))
}

/// `the official`, `the source`, `the report`: a definite description with no name.
/// Names before the head are an affiliation (`the senior Cruz adviser`); a name after it makes the
/// description identify someone (`the officer in charge of the CIA's Benghazi base`). In `the
/// senator's aides` the article belongs to the possessor: the aides are not someone mentioned before.
pub fn is_definite_reference(doc: &Doc, r: (usize, usize)) -> bool {
    let from = find_head(doc, r).unwrap_or(r.0);
    doc.is_in(r.0, words::DEFINITE)
        && !doc.is_in(r.0 + 1, words::COUNTED)
        && !(r.0..from).any(|i| is_possessive(doc, i))
        && last_name_token(doc, (from, r.1)).is_none()
}

/// The outlet whose name ends at token `last` (within `[from, last]`), if any: `CNN`, `local media`,
/// `The New York Times`, or a capitalised name ending in a masthead word (`the Calvera Herald`).
/// Also gives the first word of the name.
fn outlet_ending_at(doc: &Doc, from: usize, last: usize) -> Option<(&'static Entry, usize)> {
    // Most phrases end in a word that ends no outlet's name: no match to try at each start.
    if !is_outlet_last_word(doc, last) {
        return None;
    }
    (from..=last).find_map(|s| {
        let m = outlets().match_at(doc, s).filter(|m| m.end == last + 1)?;
        let first_word = if doc.is(s, "the") { s + 1 } else { s };
        match m.entry.category() {
            "outlet" => doc.is_cap(first_word).then_some((m.entry, first_word)),
            "masthead" if s == last && doc.is_cap(last) && last > from && doc.is_cap(last - 1) => {
                let mut first = last - 1;
                while first > from && doc.is_cap(first - 1) && !doc.is(first - 1, "the") {
                    first -= 1;
                }
                Some((m.entry, first))
            }
            "masthead" => None,
            _ => Some((m.entry, first_word)),
        }
    })
}

/// The outlet a phrase names and its words: the whole phrase when it has no role head (`CNN`, `the
/// newspaper`), or the words before a document head (`media reports`).
fn outlet_of(doc: &Doc, r: (usize, usize)) -> Option<(&'static Entry, (usize, usize))> {
    outlet_with_head(doc, r, find_head(doc, r))
}

/// [`outlet_of`] for a phrase whose head ([`find_head`]) is known.
fn outlet_with_head(doc: &Doc, r: (usize, usize), head: Option<usize>) -> Option<(&'static Entry, (usize, usize))> {
    let last = match head {
        Some(h) if h > r.0 && matches!(role(doc, h), Some((Role::Document, _))) => h - 1,
        Some(_) => return None,
        None => r.1 - 1,
    };
    outlet_ending_at(doc, r.0, last).map(|(e, first)| (e, (first, last + 1)))
}

/// The outlet that publishes the page (`Reuters`, `The New York Times`, `nytimes.com`): what is
/// credited to it is its own reporting, not another outlet's.
#[derive(Clone, Debug, Default)]
pub struct Publisher {
    /// The ways the name can be written without spaces: `newyorktimes`, `nytimes`, `nyt`.
    keys: Vec<String>,
    words: Vec<String>,
}

/// Words that end outlet names without telling them apart (`BBC News`, `Reuters.com`).
const GENERIC_OUTLET_WORDS: &[&str] =
    &["news", "online", "com", "media", "channel", "network", "newspaper", "magazine", "digital"];

impl Publisher {
    /// `name` is a site name (`og:site_name`) or a host name (`www.reuters.com`). `None` if it has
    /// no letters.
    pub fn new(name: &str) -> Option<Publisher> {
        let lower = name.trim().to_lowercase();
        // A host name: the label before the domain suffixes (`https://edition.cnn.com/…` → `cnn`).
        let name = if !lower.contains(char::is_whitespace) && lower.contains('.') {
            let host = lower.split("://").last().unwrap_or("").split('/').next().unwrap_or("");
            let mut labels: Vec<&str> = host.split('.').collect();
            let suffix = |l: &str| l.len() == 2 || matches!(l, "com" | "org" | "net" | "gov" | "edu" | "info" | "news");
            while labels.len() > 1 && labels.last().is_some_and(|l| suffix(l)) {
                labels.pop();
            }
            labels.last().copied().unwrap_or("").to_string()
        } else {
            lower
        };
        let words = outlet_words(&name);
        if words.is_empty() {
            return None;
        }
        Some(Publisher { keys: outlet_keys(&words), words })
    }

    /// Whether `text` names this publisher: the same name written another way (`The New York Times`
    /// and `nytimes.com`, `the Associated Press` and `AP News`), or a longer form of it (`Thomson
    /// Reuters` and `Reuters`) when the shorter one is more than a masthead word (`Times`).
    pub fn is(&self, text: &str) -> bool {
        let words = outlet_words(&text.to_lowercase());
        if words.is_empty() {
            return false;
        }
        if outlet_keys(&words).iter().any(|k| self.keys.contains(k)) {
            return true;
        }
        let (short, long) = if words.len() <= self.words.len() { (&words, &self.words) } else { (&self.words, &words) };
        let distinctive = short.iter().any(|w| !is_masthead_word(w) && !GENERIC_OUTLET_WORDS.contains(&w.as_str()));
        distinctive && long.ends_with(short)
    }
}

/// `times`, `herald`: a word that ends the names of many newspapers.
fn is_masthead_word(w: &str) -> bool {
    let mastheads = lexicon::SOURCES_OUTLETS.entries.iter().filter(|e| e.category() == "masthead");
    mastheads.flat_map(|e| std::iter::once(e.phrase()).chain(e.forms())).any(|f| f == w)
}

/// The words of an outlet name, without `the` and generic endings (`The BBC News` → `bbc`).
fn outlet_words(s: &str) -> Vec<String> {
    let mut words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty() && *w != "the")
        .map(str::to_string)
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| GENERIC_OUTLET_WORDS.contains(&w.as_str())) {
        words.pop();
    }
    words
}

/// `new york times` → `newyorktimes`, `nyt`, `nytimes`: a name run together, its initials, and the
/// initials of all but its last word before that word.
fn outlet_keys(words: &[String]) -> Vec<String> {
    let initials = |ws: &[String]| ws.iter().filter_map(|w| w.chars().next()).collect::<String>();
    let mut keys = vec![words.concat()];
    if let [init @ .., last] = words {
        if !init.is_empty() {
            keys.push(initials(words));
            keys.push(initials(init) + last);
        }
    }
    keys
}

/// How a phrase starts: the determiner class of its first token (a possessive anywhere before the
/// head counts as possessive: `the company's executives`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Det {
    Definite,
    Counted,
    Quantified,
    Possessive,
    Bare,
}

fn determiner(doc: &Doc, start: usize, head: usize) -> Det {
    if doc.is_in(start, words::POSSESSIVE) || (start..head).any(|i| is_possessive(doc, i)) {
        Det::Possessive
    } else if doc.is_in(start, words::DEFINITE) {
        Det::Definite
    } else if doc.is_in(start, words::COUNTED) || is_number(doc, start) {
        Det::Counted
    } else if doc.is_in(start, words::QUANTIFIERS) {
        Det::Quantified
    } else {
        Det::Bare
    }
}

/// Whether a comma inside `r` sets off a name in apposition (`Sara Fagen, a strategist`; `a senior
/// official, John Smith`).
fn apposition_name(doc: &Doc, r: (usize, usize)) -> bool {
    (r.0..r.1).any(|c| {
        doc.is_punct(c, ",") && ((c > r.0 && is_name_token(doc, c - 1)) || (c + 1 < r.1 && is_name_token(doc, c + 1)))
    })
}

/// A named source: an organisation when its name (the last run of capitalised words: not `union
/// leader` in `union leader Ana Beltrán`) has an organisation word or is an acronym.
fn named_type(doc: &Doc, r: (usize, usize)) -> SourceType {
    let Some(last) = last_name_token(doc, r) else { return SourceType::Unknown };
    let mut first = last;
    while first > r.0 && (is_name_part(doc, first - 1) || doc.is_in(first - 1, words::ORG_WORDS)) {
        first -= 1;
    }
    if (first..=last).any(|i| doc.is_in(i, words::ORG_WORDS)) || doc.tok(last).has(flag::ALL_CAPS) {
        SourceType::NamedOrganisation
    } else {
        SourceType::NamedPerson
    }
}

/// Full person names introduced anywhere (`interim president, Delcy Rodríguez, is…`), by surname,
/// and which spokespeople the article names.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    by_surname: FastMap<String, (String, usize)>,
    /// Roles marked `named_in_article` (a spokesperson) that come with a name somewhere, by the
    /// entry's address: whom each named one speaks for (`None`: not said).
    role_named: FastMap<usize, FastSet<Option<String>>>,
    /// The page's own outlet, which is a named source, not another outlet.
    publisher: Option<Publisher>,
}

impl NameIndex {
    pub fn new(doc: &Doc, publisher: Option<&Publisher>) -> NameIndex {
        let mut by_surname: FastMap<String, (String, usize)> = FastMap::default();
        let mut role_named: FastMap<usize, FastSet<Option<String>>> = FastMap::default();
        let is_head = doc.class_test(words::HEADS);
        // Only a head word or a capitalised word does anything below: the walk visits those alone.
        let mut candidates = doc.capitalised_or(words::HEADS);
        let mut from = 0;
        while let Some(i) = candidates.at_or_after(from) {
            from = i + 1;
            // `role`, with its class test fetched once for the walk.
            if let Some((_, e)) =
                is_head(i).then(|| role_of(doc, i)).flatten().filter(|(_, e)| e.has_flag("named_in_article"))
            {
                if role_comes_with_name(doc, i) {
                    role_named.entry(entry_key(e)).or_default().insert(affiliation(doc, i));
                }
            }
            let t = doc.tok(i);
            if t.kind != TokKind::Word || !t.has(flag::CAP) || t.has(flag::ALL_CAPS) || doc.is_in(i, words::NAME_TITLES)
            {
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < doc.len() && doc.same_para(start, end) && doc.is_cap(end) && !doc.tok(end).has(flag::ALL_CAPS) {
                end += 1;
            }
            let org = (start..end).any(|k| doc.is_in(k, words::ORG_WORDS) || role(doc, k).is_some());
            if end - start >= 2 && end - start <= 4 && !org {
                let full = strip_possessive(doc.slice(doc.span_of(start, end - 1)));
                let surname = full.split_whitespace().last().unwrap_or("");
                let pos = doc.tok(start).start as usize;
                match by_surname.get_mut(surname) {
                    Some(e) if full.len() > e.0.len() => *e = (full.to_string(), e.1.min(pos)),
                    Some(_) => {}
                    None => {
                        by_surname.insert(surname.to_string(), (full.to_string(), pos));
                    }
                }
            }
            from = end;
        }
        NameIndex { by_surname, role_named, publisher: publisher.cloned() }
    }

    /// Whether tokens `r` name the page's own outlet.
    fn is_publisher(&self, doc: &Doc, r: (usize, usize)) -> bool {
        self.publisher.as_ref().is_some_and(|p| p.is(doc.slice(doc.span_of(r.0, r.1 - 1))))
    }

    /// The type of a source that is an outlet's reporting: secondhand, unless the outlet publishes
    /// the page.
    fn outlet_type(&self, doc: &Doc, r: (usize, usize), head: Option<usize>) -> Option<SourceType> {
        let (_, words) = outlet_with_head(doc, r, head)?;
        Some(if self.is_publisher(doc, words) { SourceType::NamedOrganisation } else { SourceType::Secondhand })
    }

    /// The full name ending in `surname` first seen before byte `pos`.
    pub fn full_name_before(&self, surname: &str, pos: usize) -> Option<String> {
        let surname = strip_possessive(surname);
        self.by_surname.get(surname).filter(|(_, p)| *p < pos).map(|(n, _)| n.clone())
    }

    /// Whether token `i` is the surname (or a one-word mention) of a person named in the article.
    fn is_person_mention(&self, doc: &Doc, i: usize) -> bool {
        doc.is_cap(i) && self.by_surname.contains_key(strip_possessive(doc.tok_text(i)))
    }

    /// Whether the description `r` (head `h`) opening a paragraph is the lede of a delayed
    /// identification: one person (`A woman who has accused the mayor said…`, `A top campaign
    /// adviser says…`) whom the next sentence or paragraph introduces by a full name as its subject
    /// (`Jane Roe, who…`, `Jane Roe spoke to reporters…`). The name is given, only a sentence late.
    fn named_next(&self, doc: &Doc, r: (usize, usize), h: usize) -> bool {
        // Or a person described by a relation to someone named (`Ruiz's right-hand woman`) whom
        // the next paragraph introduces, perhaps with a role in apposition.
        let related = (r.0..h).any(|i| is_possessive(doc, i));
        let lede = doc.tok(r.0).has(flag::PARA_START) && doc.is_any(r.0, &["a", "an", "one"]);
        if !(lede || related) || is_plural_word(doc, h) {
            return false;
        }
        let para = doc.tok(r.0).para as usize;
        let next_sentence = doc.sentences.get(doc.tok(r.0).sent as usize + 1).map(|s| s.tokens.0 as usize);
        let next_para = doc.paragraphs.get(para + 1).map(|p| p.tokens.0 as usize);
        if related {
            return next_para.is_some_and(|t| self.introduces_subject(doc, t, true));
        }
        [next_sentence, next_para].into_iter().flatten().any(|t| self.introduces_subject(doc, t, false))
    }

    /// Whether the sentence starting at token `t` opens with a full name (two words or more) first
    /// mentioned there, as the subject of a verb or of a relative clause. A name with a role in
    /// apposition (`Maria Duarte, the minister, disagreed`) brings in someone new, unless
    /// `apposition` allows it.
    fn introduces_subject(&self, doc: &Doc, t: usize, apposition: bool) -> bool {
        let (_, sent_end) = sentence_bounds(doc, t);
        let mut end = t;
        while end < sent_end && is_name_token(doc, end) && !doc.tok(end).has(flag::ALL_CAPS) {
            end += 1;
        }
        if end < t + 2 || end >= sent_end {
            return false;
        }
        // A name seen before is someone else the story already knows, not the one just described.
        let surname = strip_possessive(doc.tok_text(end - 1));
        let first_here = self.by_surname.get(surname).is_some_and(|(_, pos)| *pos == doc.tok(t).start as usize);
        let verb = doc.is_word(end) && !doc.is_cap(end);
        first_here && (verb || doc.is_punct(end, ",") && (apposition || doc.is(end + 1, "who")))
    }

    /// Decides who a source phrase stands for, from its head, determiner, names and post-modifiers.
    pub fn classify(&self, doc: &Doc, r: (usize, usize)) -> SourceType {
        if r.1 - r.0 == 1 && doc.is_in(r.0, words::PRONOUNS) {
            return SourceType::Unknown;
        }
        let Some(h) = find_head(doc, r) else {
            if let Some(t) = self.outlet_type(doc, r, None) {
                return t;
            }
            return named_type(doc, r);
        };
        let (role, entry) = role(doc, h).expect("find_head returns role words");
        let post = postmod(doc, h + 1, r.1, is_person(role));
        // `Two analysts, Ana Ruiz and Luis Ferrer, found…`: names in apposition after the phrase.
        let named_after = doc.is_punct(r.1, ",") && appositive_names_end(doc, r.1).is_some();
        if post.name_after_head || apposition_name(doc, r) || named_after {
            return named_type(doc, r);
        }
        if role == Role::Crowd {
            return if post.unnamed.is_some() || counted_members(doc, r, h, entry) || reported_by_several(doc, r, entry)
            {
                SourceType::Anonymous
            } else {
                SourceType::Vague
            };
        }
        if post.identifies || (role == Role::Document && (post.origin_named || (r.0..h).any(|i| names_origin(doc, i))))
        {
            return named_type(doc, (h, r.1));
        }
        // `media reports`, `Reuters' figures`: an outlet's own reporting.
        if let Some(t) = (role == Role::Document).then(|| self.outlet_type(doc, r, Some(h))).flatten() {
            return t;
        }
        if post.unnamed.is_some() {
            return SourceType::Anonymous;
        }
        if is_person(role) && !entry.has_flag("always_unnamed") && self.named_next(doc, r, h) {
            return SourceType::Unknown;
        }
        // `a spokeswoman` after `Tomas Reel, a spokesman for the port`: probably him. But `an
        // Intel spokeswoman` is not the spokesman named for another body.
        if let Some(named) = self.role_named.get(&entry_key(entry)) {
            let own = affiliation(doc, h);
            if own.is_none() || named.contains(&None) || named.contains(&own) {
                return SourceType::Unknown;
            }
        }
        let plural = is_plural_word(doc, h);
        let det = determiner(doc, r.0, h);
        // `a fact sheet lawmakers released`: `a` before a plural is another phrase's article.
        let counting = |i: usize| is_determiner(doc, i) || doc.is_any(i, &["of", "half-dozen"]);
        if plural && doc.is_any(r.0, &["a", "an"]) && !(r.0 + 1..h).any(counting) {
            return SourceType::Unknown;
        }
        // `50 member [states]`: a number with a singular noun modifies the noun after it.
        let one = doc.is_any(r.0, &["a", "an", "one", "another"]);
        if det == Det::Counted && !one && !plural {
            return SourceType::Unknown;
        }
        // `Lawmaker urges…`, `…, official says`: a bare singular role is headline shorthand for a
        // person the story goes on to name (`someone` is a determiner and noun in one).
        // `Shooter's friend denied bail`: so is a common noun's possessive with no article.
        let bare_possessive = (r.0..h)
            .find(|&i| is_possessive(doc, i))
            .is_some_and(|p| !doc.is_cap(p) && !(r.0..p).any(|i| is_determiner(doc, i)));
        if (det == Det::Bare || bare_possessive)
            && !plural
            && is_person(role)
            && !doc.is_any(h, &["someone", "somebody"])
        {
            return SourceType::Unknown;
        }
        let anonymous = match (role, det) {
            // `the official`: anonymous until the mention tracker finds whom it refers back to.
            (_, Det::Definite) => entry.has_flag("always_unnamed") || is_definite_reference(doc, r),
            // `Obama's former campaign strategist`: one person in a unique role, not an unnamed one.
            (Role::Official, Det::Possessive) => plural,
            (Role::Official, _) => true,
            (Role::Individual, Det::Counted) => true,
            (Role::Individual, Det::Possessive) => !plural,
            (Role::Organisation, Det::Counted) => true,
            (Role::Document, Det::Counted | Det::Bare | Det::Quantified) => true,
            (Role::Individual | Role::Organisation, Det::Bare | Det::Quantified) if plural => {
                return SourceType::Vague;
            }
            _ => false,
        };
        if anonymous {
            SourceType::Anonymous
        } else {
            SourceType::Unknown
        }
    }
}

/// Exact small numbers, which count people one could name (`two others`), unlike `dozens`.
pub(crate) const FEW: &str = "a an one another two three four five six seven eight nine ten couple";

/// Whether crowd phrase `r` with head `h` counts a few of its members (`two others said`, `three
/// Republicans on the panel`), each an unnamed person, rather than a share (`eight of 10 voters`,
/// `one in five`) or a quantity (`a few`, `many others`).
fn counted_members(doc: &Doc, r: (usize, usize), h: usize, entry: &Entry) -> bool {
    let share = r.0 > 0 && same_sentence(doc, r.0 - 1, r.0) && doc.is_any(r.0 - 1, &["of", "in", "out"]);
    let quantity = entry.category() == "quantifier" && !doc.is(h, "others");
    // `one of the protesters`, but not `an issue Democrats have…`: a singular determiner counts
    // members of a crowd only through `of`.
    let singular = doc.is_any(r.0, &["a", "an", "one", "another"]) && !doc.is(r.0 + 1, "of");
    doc.is_in(r.0, words::FEW) && h > r.0 && !share && !quantity && !singular
}

/// Counts that say the reporter heard a claim from several members of a crowd, not from an exact few.
const SEVERAL: &[&str] = &["several", "numerous", "multiple", "dozens"];

/// Whether crowd phrase `r` after `according to` credits a claim to several members of a camp or
/// of the public (`according to numerous fellow Democrats`, `according to several residents`):
/// people the reporter heard from and does not name. Commentators' views stay a vague crowd
/// (`according to several analysts`), and so does an uncounted one (`according to many experts`).
fn reported_by_several(doc: &Doc, r: (usize, usize), entry: &Entry) -> bool {
    r.0 >= 2
        && doc.is(r.0 - 2, "according")
        && doc.is(r.0 - 1, "to")
        && doc.is_any(r.0, SEVERAL)
        && entry.category() == "crowd"
        && !entry.has_flag("opinion")
}

fn entry_key(e: &'static Entry) -> usize {
    e as *const Entry as usize
}

/// Whom the role word at `i` works for, as the last word of its name: `Intel` in `an Intel
/// spokeswoman`, `Clinton` in `Clinton's spokesman`, `Trump` in `a spokesman for Mr. Trump`, `port`
/// in `a spokesman for the port`.
fn affiliation(doc: &Doc, i: usize) -> Option<String> {
    let (sent_start, sent_end) = sentence_bounds(doc, i);
    let before = (i.saturating_sub(3).max(sent_start)..i)
        .rev()
        .take_while(|&k| doc.is_word(k) && !is_determiner(doc, k) || inside_phrase(doc, k))
        .find(|&k| is_name_token(doc, k) && !doc.tok(k).has(flag::SENT_START));
    let after = || {
        if i + 2 >= sent_end || !doc.is_any(i + 1, &["for", "of", "at"]) {
            return None;
        }
        (i + 2..chunk(doc, i + 2, sent_end)).rev().find(|&k| doc.is_word(k))
    };
    before.or_else(after).map(|k| strip_possessive(doc.tok_lower(k)).to_string())
}

/// Whether role word `i` comes with a name: `spokesman Brian Fallon`, `Nick Merrill, a spokesman`,
/// `Fallon, the campaign's spokesman`.
fn role_comes_with_name(doc: &Doc, i: usize) -> bool {
    if i + 1 < doc.len() && same_sentence(doc, i, i + 1) && is_name_token(doc, i + 1) {
        return true;
    }
    let (sent_start, _) = sentence_bounds(doc, i);
    let lo = i.saturating_sub(6).max(sent_start);
    (lo..i).rev().find(|&c| doc.tok(c).kind == TokKind::Punct).is_some_and(|c| {
        doc.is_punct(c, ",") && c > sent_start && is_name_token(doc, c - 1) && is_determiner(doc, c + 1)
    })
}

/// How far back (in paragraphs, and in sources) a description may refer to an earlier source.
const REFERENCE_PARAGRAPHS: u32 = 4;
const REFERENCE_SOURCES: usize = 40;

/// For a definite description `r` (`the official`, `the report`): the attribution among `earlier`
/// (in text order) it refers back to, and the source type it therefore has. `the official` refers to
/// the latest source with the same head (`a senior official`, or `Jane Doe, a health official`);
/// `the report` or `the assessments` to the latest document or outlet. With nothing to refer to, only
/// heads that are unnamed by themselves (`the source`) stay anonymous.
pub fn definite_antecedent(doc: &Doc, earlier: &[Attr], r: (usize, usize)) -> (Option<usize>, SourceType) {
    let Some((kind, entry)) = find_head(doc, r).and_then(|h| role(doc, h)) else {
        return (None, SourceType::Unknown);
    };
    let para = doc.tok(r.0).para;
    let near = || {
        earlier
            .iter()
            .enumerate()
            .rev()
            .take(REFERENCE_SOURCES)
            .take_while(|(_, a)| para.saturating_sub(doc.tok(a.source.0).para) <= REFERENCE_PARAGRAPHS)
            .map(|(j, a)| (j, a.source_type, find_head(doc, a.source).and_then(|h| role(doc, h))))
    };
    // The same head first (`the report` → an outlet's reporting or `a report`), then any document.
    let same_head = near().find(|(_, t, ante)| {
        ante.is_some_and(|(_, e)| std::ptr::eq(e, entry))
            || (*t == SourceType::Secondhand && entry.has_flag("outlet_reporting"))
    });
    let same_kind =
        || near().find(|(_, _, ante)| kind == Role::Document && ante.is_some_and(|(r, _)| r == Role::Document));
    if let Some((j, t, _)) = same_head.or_else(same_kind) {
        return (Some(j), t);
    }
    let t = if entry.has_flag("always_unnamed") { SourceType::Anonymous } else { SourceType::Unknown };
    (None, t)
}

// ---- findings ----

const REFERENCE_NOTE: &str = "This refers back to a source the article does not name.";
const SECONDHAND_LISTENER_NOTE: &str =
    "These words were given to another outlet; the article relays that outlet's reporting.";

/// The end of an outlet named as the listener of the cue at `c` (`told Reuters`, `told the New York
/// Times`), if it is one.
fn outlet_listener_end(doc: &Doc, c: usize) -> Option<usize> {
    // `told`: a verb whose object is the listener (`words::LISTENER_VERBS`).
    if c + 1 >= doc.len() || !doc.is_in(c, words::LISTENER_VERBS) {
        return None;
    }
    let m = outlets().match_at(doc, c + 1)?;
    (m.entry.category() == "outlet" && outlet_ending_at(doc, c + 1, m.end - 1).is_some()).then_some(m.end)
}

/// Non-overlapping anonymous-source findings, the first one found for any stretch of text winning.
/// A text has a few dozen at most, so a list kept in order of start serves (a map of its own was
/// another few kilobytes of the wasm).
struct Found {
    by_start: Vec<Finding>,
}

impl Found {
    /// Whether the formula at token `f` goes on with the clause of the source phrase before it,
    /// which ends in a formula of its own (`an official, who spoke on condition of anonymity because
    /// he [was not authorized to discuss] the talks`): the source is highlighted already. After a
    /// formula highlighted alone (`was not authorized to speak and [asked not to be named]`), each
    /// formula stays a highlight.
    fn continues_formula(&self, doc: &Doc, f: usize) -> bool {
        let start = doc.tok(f).start as usize;
        let k = self.by_start.partition_point(|f| f.span.start < start);
        let Some(prev) = k.checked_sub(1).map(|k| &self.by_start[k]) else { return false };
        let Some(last) = doc.token_ending_at_or_before(prev.span.end) else { return false };
        let first = doc.token_at_or_after(prev.span.start);
        let same_clause =
            last < f && f - last <= 6 && same_sentence(doc, last, f) && (last + 1..f).all(|i| doc.is_word(i));
        let phrase_then_formula =
            (first + 1..=last).any(|i| formulas().match_at(doc, i).is_some_and(|m| m.end == last + 1));
        same_clause && phrase_then_formula && formulas().match_at(doc, first).is_none()
    }

    fn push(&mut self, span: Span, subtype: &'static str, rule: &'static str, note: &'static str) {
        if span.is_empty() {
            return;
        }
        let k = self.by_start.partition_point(|f| f.span.start < span.start);
        let at = self.by_start.get(k).filter(|f| f.span.start == span.start);
        let before =
            at.or_else(|| k.checked_sub(1).map(|p| &self.by_start[p])).is_some_and(|f| f.span.end > span.start);
        let after = self.by_start.get(k).is_some_and(|f| f.span.start < span.end);
        if before || after {
            return;
        }
        self.by_start.insert(
            k,
            Finding {
                kind: Kind::AnonymousSource,
                subtype: Cow::Borrowed(subtype),
                span,
                rule: Cow::Borrowed(rule),
                note: Cow::Borrowed(note),
                speaker: None,
                source_finding: None,
            },
        );
    }
}

/// The subtype, rule and note of an unnamed source headed by `h`.
fn unnamed_kind(doc: &Doc, r: (usize, usize)) -> (&'static str, &'static str, &'static str) {
    let Some(h) = find_head(doc, r) else {
        return (
            "unnamed_person",
            "anonymous.unnamed-source",
            "An unnamed source: the article does not say who this is.",
        );
    };
    let (role, entry) = role(doc, h).expect("find_head returns role words");
    let post = postmod(doc, h + 1, r.1, is_person(role));
    let note = match post.unnamed {
        Some(q) => q.note(),
        // A crowd is unnamed when a few of its members are counted (`two others`).
        None if role == Role::Crowd => "Unnamed members of a group: the article does not say who they are.",
        // `officials said`: the note speaks of them, not of `this official`.
        None if is_plural_word(doc, h) => entry.note_for_many(),
        None => entry.note(),
    };
    match role {
        Role::Document => ("unnamed_document", "anonymous.unnamed-document", note),
        Role::Organisation => ("unnamed_organisation", "anonymous.unnamed-organisation", note),
        _ => ("unnamed_person", "anonymous.unnamed-source", note),
    }
}

/// Where the noun phrase of `r` starts: a determiner inside it begins the phrase (`changes [his
/// current aides] have asked for`).
fn phrase_start(doc: &Doc, r: (usize, usize)) -> usize {
    match find_head(doc, r) {
        Some(h) if (r.0 + 1..h).any(|i| is_determiner(doc, i)) => left_extent(doc, h, r.0),
        _ => r.0,
    }
}

/// The span of an attribution's source. `according to` is part of it (`according to people
/// familiar with the matter`: the preposition makes the phrase a source); a reporting verb is not,
/// since it belongs to the claim and often stands apart (`aides have also suggested`, `an official,
/// who …, said`), which would make highlights of one kind of source differ in shape.
fn source_span(doc: &Doc, a: &Attr) -> Span {
    let ((s0, s1), (c0, c1)) = (a.source, a.cue);
    if c1 == s0 && a.cue_category == "according" {
        doc.span_of(c0, s1 - 1)
    } else {
        doc.span_of(s0, s1 - 1)
    }
}

/// Whether the source of `a` can be trusted as the subject of its cue. A source before its cue must
/// open its sentence or a clause; after a preposition it is that preposition's object. A cue
/// followed by its source
/// (`said officials`) must follow punctuation and the source must end its clause; otherwise the
/// phrase after it is the subject of what was said (`he said allies wanted…`, `saying the person
/// would…`).
fn plausible_source(doc: &Doc, a: &Attr) -> bool {
    // `a man shouted at the police`: how someone spoke makes them a speaker, not a source of claims.
    if a.cue_category == "manner" {
        return false;
    }
    if a.cue_category == "according" {
        return true;
    }
    if a.source.0 < a.cue.1 {
        // `a survey of [Republican insiders] shows`: a subject opens its sentence or clause.
        let s = a.source.0;
        // `aides to Gov. Ruiz of Ohio, a former prosecutor, said`: a description of the name.
        if doc.is_punct(a.source.1, ",") && s > 0 && doc.is_punct(s - 1, ",") && in_apposition(doc, s) {
            return false;
        }
        // `users can flag and report posts`: a verb joined to another after a modal or `to` (a
        // function word: a bare singular document cannot stand there as a subject).
        let verb = a.source.1 == s + 1 && is_document_word(doc, s) && !doc.tok_lower(s).ends_with('s');
        if verb && s >= 3 && doc.is_any(s - 1, &["and", "or"]) && doc.is_in(s - 3, words::NOT_IN_PHRASE | words::LINKS)
        {
            return false;
        }
        return s == 0
            || !same_sentence(doc, s - 1, s)
            || opens_clause(doc, s - 1)
            || doc.is_any(s - 1, &["which", "who", "whom", "than"])
            || doc.is_in(s - 1, words::BETWEEN_SUBJECT_AND_CUE)
            // `he had a source who told him`: the relative pronoun is the subject.
            || doc.is(a.source.1, "who");
    }
    // The listener of `told Reuters` is never followed by the source. A source whose phrase ends in
    // an anonymity formula (`…, said an aide, speaking on condition of anonymity to …`) has ended.
    let after = a.source.1;
    let formula_ends = (a.source.0..after).any(|i| formulas().match_at(doc, i).is_some_and(|m| m.end == after));
    let closes = after >= doc.len() || !same_sentence(doc, a.source.0, after) || !doc.is_word(after) || formula_ends;
    a.cue.1 - a.cue.0 == 1 && follows_punctuation(doc, a.cue.0) && closes
}

/// Whether the cue at `c` comes right after punctuation in its own sentence, as in an inverted
/// attribution: `…,” said a senior official`, `…, says one aide`.
fn follows_punctuation(doc: &Doc, c: usize) -> bool {
    c > 0 && same_sentence(doc, c - 1, c) && doc.tok(c - 1).kind == TokKind::Punct
}

/// Whether the cue word at `c` can be a noun (`reports`, `show`).
fn can_be_noun(doc: &Doc, c: usize) -> bool {
    role(doc, c).is_some()
        || doc
            .is_any(c, &["show", "shows", "post", "posts", "tweet", "tweets", "read", "states", "remarks", "comments"])
}

/// Drops attributions whose cue is not one: a word inside another attribution's source phrase
/// (`reports` in `US intelligence reports indicate` is a noun), a word after an article (`a say`),
/// a capitalised word inside a name (`the United States`), a verb with a particle (`officers
/// showed up`), a noun coordinated with another (`media reports and party sources`) or after a
/// preposition (`data from credit reports`), the start of an anonymity formula (`insisted on
/// anonymity`), or a request (`asked for a photo`). For [`crate::attribution`], before sources are
/// resolved.
pub fn drop_false_cues(doc: &Doc, items: &mut Vec<Attr>) {
    let keep: Vec<bool> = (0..items.len())
        .map(|k| {
            let (c0, c1) = items[k].cue;
            let lo = k.saturating_sub(2);
            let hi = (k + 3).min(items.len());
            // Only a cue that can be a noun (`reports`) is taken for part of a phrase around it.
            let noun = can_be_noun(doc, c0);
            let inside = noun && (lo..hi).any(|j| j != k && items[j].source.0 <= c0 && c1 <= items[j].source.1);
            let phrasal = c1 < doc.len() && same_sentence(doc, c0, c1) && doc.is_any(c1, &["up", "off", "out", "down"]);
            // `media reports and party sources described`: a noun coordinated with another.
            let coordinated = noun && c1 < doc.len() && same_sentence(doc, c0, c1) && doc.is_any(c1, &["and", "or"]);
            // `data from credit reports`: a noun in the object of a preposition.
            let object = noun
                && c0 >= 2
                && same_sentence(doc, c0 - 2, c0)
                && doc.is_in(c0 - 2, words::LINKS)
                && doc.is_word(c0 - 1)
                && !doc.is_cap(c0 - 1);
            // `a say in the matter`: a noun after an article; `the United States`: part of a name.
            let before = (c0 > 0 && same_sentence(doc, c0 - 1, c0)).then(|| c0 - 1);
            let article = |b: usize| doc.is_any(b, &["a", "an", "the"]);
            // `an MSNBC show`: an indefinite article and a name before a noun cue (`the Post reports`
            // is a verb).
            let named_noun = can_be_noun(doc, c0)
                && before.is_some_and(|b| {
                    b > 0 && doc.is_cap(b) && same_sentence(doc, b - 1, b) && doc.is_any(b - 1, &["a", "an"])
                });
            // `the four early nominating states`: a verb in `-s` cannot follow a count above one.
            let from = c0.saturating_sub(3).max(sentence_bounds(doc, c0).0);
            let stop = (from..c0).rev().find(|&w| {
                !doc.is_word(w) || doc.is_cap(w) || doc.is_in(w, words::NOT_IN_PHRASE | words::LINKS | words::COUNTED)
            });
            let counted = stop.is_some_and(|w| {
                (is_number(doc, w) || doc.is_in(w, words::COUNTED)) && !doc.is_any(w, &["a", "an", "one", "another"])
            });
            let plural_noun = noun && counted && doc.tok_lower(c0).ends_with('s');
            let noun_use = before.is_some_and(article) || named_noun || plural_noun;
            let in_name = doc.is_cap(c0)
                && !doc.tok(c0).has(flag::SENT_START)
                && before.is_some_and(|b| doc.is_cap(b) && role(doc, b).is_none());
            // `insisted on anonymity`, `asked not to be named`: a condition of the interview.
            let formula = formulas().match_at(doc, c0).is_some();
            // `a woman asked for a photo`, `asked him to leave`: a request, not a question or claim.
            let question =
                crate::attribution::cue_matcher().match_at(doc, c0).is_some_and(|m| m.entry.has_flag("question"));
            let request = question
                && (doc.is_any(c1, &["for", "to"]) || doc.is_in(c1, words::OBJECT_PRONOUNS) && doc.is(c1 + 1, "to"));
            !inside && !phrasal && !coordinated && !object && !noun_use && !in_name && !formula && !request
        })
        .collect();
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// Whether an outlet credited by `a` acts as an organisation rather than reporting: it asks a
/// question (`after the Herald asked about them`) or makes a statement (`CNN said in a statement`).
/// For [`crate::attribution`], which makes such a source a named organisation.
pub fn outlet_acts_for_itself(doc: &Doc, a: &Attr) -> bool {
    let question =
        crate::attribution::cue_matcher().match_at(doc, a.cue.0).is_some_and(|m| m.entry.has_flag("question"));
    question || doc.match_words(a.cue.1, &["in", "a", "statement"]).is_some()
}

/// Whether phrase `r` is headed by a document (`records`, `a memo`).
fn is_document(doc: &Doc, r: (usize, usize)) -> bool {
    find_head(doc, r).is_some_and(|h| is_document_word(doc, h))
}

/// Whether token `i` is a word for a document (`memo`, `cable`, `report`).
pub(crate) fn is_document_word(doc: &Doc, i: usize) -> bool {
    role(doc, i).is_some_and(|(role, _)| role == Role::Document)
}

/// Whether phrase `r` stands for a group (`two outside groups`, `a PAC`, `fifty former officials`)
/// rather than one person or a document: who puts out a letter or an ad as a collective act.
fn is_group(doc: &Doc, r: (usize, usize)) -> bool {
    find_head(doc, r).and_then(|h| role(doc, h)).is_some_and(|(role, _)| match role {
        Role::Organisation => true,
        Role::Document => false,
        _ => is_plural_phrase(doc, r),
    })
}

/// `The Herald reported that, according to an analysis of the accounts, …`: a document cited
/// inside another outlet's report is that outlet's own work, and the outlet is highlighted.
fn within_outlet_report(doc: &Doc, items: &[Attr], k: usize) -> bool {
    let a = &items[k];
    is_document(doc, a.source)
        && items[k.saturating_sub(3)..k].iter().any(|b| {
            b.source_type == SourceType::Secondhand
                && same_sentence(doc, b.cue.0, a.cue.0)
                && b.source.1.max(b.cue.1) <= a.cue.0.min(a.source.0)
        })
}

/// `Hewitt said, according to a transcript of the show`: a document cited right after a named
/// speaker's cue records that speaker's words; the source is named.
fn records_named_speaker(doc: &Doc, items: &[Attr], k: usize) -> bool {
    let a = &items[k];
    a.cue_category == "according"
        && is_document(doc, a.source)
        && k > 0
        && items[k - 1].source_type == SourceType::NamedPerson
        && items[k - 1].source.1.max(items[k - 1].cue.1) + 1 == a.cue.0
        && doc.is_punct(a.cue.0 - 1, ",")
}

/// Whether a name with the role of head `h` in apposition comes between tokens `from` and `to`
/// (`Wealth-X, a research firm`): `the firm` after it is that one, not an unnamed one before it.
fn named_since(doc: &Doc, from: usize, to: usize, h: usize) -> bool {
    let same = |i: usize| role(doc, i).zip(role(doc, h)).is_some_and(|((_, a), (_, b))| std::ptr::eq(a, b));
    (from..to).any(|i| same(i) && role_comes_with_name(doc, i))
}

/// Whether the pronoun at token `p` can refer back to the unnamed source of `ante`: `he`/`she` need
/// a person, the two are at most a paragraph apart, and no named person is mentioned in between
/// (`mentions` gives the count of person mentions before each token) — unless the pronoun is `they`
/// and the source plural, which one named person cannot be (`Aides said Ruiz would lead, and they
/// added…`).
fn refers_back<'m>(doc: &Doc, ante: &Attr, p: usize, mentions: impl FnOnce() -> &'m [u32]) -> bool {
    let head = find_head(doc, ante.source);
    let ante_role = head.and_then(|h| role(doc, h)).map(|(r, _)| r);
    if doc.is_any(p, &["he", "she"]) && !ante_role.is_some_and(is_person) {
        return false;
    }
    // `Officials said … He announced`, `an ICE spokeswoman … He announced`: one person, of the
    // pronoun's gender, or someone else.
    if doc.is_any(p, &["he", "she"]) {
        use crate::attribution::{Gender, GENDERED_NOUNS};
        let stated = head.and_then(|h| GENDERED_NOUNS.iter().find(|(w, _)| doc.is(h, w))).map(|&(_, g)| g);
        let said = if doc.is(p, "he") { Gender::Male } else { Gender::Female };
        if is_plural_phrase(doc, ante.source) || stated.is_some_and(|g| g != said) {
            return false;
        }
    }
    let near = doc.tok(p).para <= doc.tok(ante.source.0).para + 1;
    let plural = doc.is(p, "they") && is_plural_phrase(doc, ante.source);
    near && ante.source.1 <= p
        && (plural || {
            let mentions = mentions();
            mentions[ante.source.1] == mentions[p]
        })
}

/// The pronoun subject (`he`, `she`, `they`) right before the verb at `v`, past adverbs.
fn pronoun_subject(doc: &Doc, v: usize) -> Option<usize> {
    let mut p = v;
    while p > 0 && same_sentence(doc, p - 1, v) && doc.is_in(p - 1, words::BETWEEN_SUBJECT_AND_CUE) {
        p -= 1;
    }
    let p = p.checked_sub(1)?;
    (same_sentence(doc, p, v) && doc.is_any(p, &["he", "she", "they"])).then_some(p)
}

/// Words that open an indirect question or a request after `asked [someone]`.
const ASKED_WHAT: &[&str] = &["if", "whether", "about", "why", "how", "what", "when", "where", "who", "which", "to"];

/// Whether the cue of `a` makes its subject someone acting in the story rather than a source of a
/// claim: a question or request put to someone in the story (`a young woman asked Mrs. Clinton
/// about…`, `asked an employee to delete…`), a plea in court (`pleaded guilty`), or a
/// present tense after `if`/`when`, which says what happens in general (`when a man tells a woman
/// that…`), not what anyone told the reporter.
fn acts_in_story(doc: &Doc, a: &Attr) -> bool {
    let (c, s) = (a.cue.1, a.source.0);
    if a.source.1 > a.cue.0 || c >= doc.len() || !same_sentence(doc, c - 1, c) {
        return false;
    }
    if doc.is_any(c - 1, &["asked", "asks"]) {
        // Past the one asked (`Mrs. Clinton`, `the Platte River employee`) to the question.
        let mut j = c;
        let within = |j: usize| j < doc.len() && same_sentence(doc, c, j);
        while j < c + 6 && within(j) && !doc.is_any(j, ASKED_WHAT) && can_modify(doc, j) {
            j += 1;
        }
        // With no one asked (`a woman in the front row asked whether…`), the question may be the
        // reporter's source for what follows.
        return j > c && within(j) && doc.is_any(j, ASKED_WHAT);
    }
    let general = s > 0
        && same_sentence(doc, s - 1, s)
        && doc.is_any(s - 1, &["if", "when", "whenever", "unless"])
        && doc.tok_lower(a.cue.0).ends_with('s')
        && !doc.is_any(a.cue.0, &["was", "has"]);
    // `While having dinner, a friend commented:`: someone present in a scene the writer recounts,
    // not a source the reporter went to. `While the world waits, people close to her say` is not
    // a scene.
    let (sent_start, _) = sentence_bounds(doc, s);
    let scene = s > sent_start + 2
        && doc.is(sent_start, "while")
        && doc.tok_lower(sent_start + 1).ends_with("ing")
        && doc.is_punct(s - 1, ",")
        && heard_at_scene(doc, a.source);
    // `aides retweeted their praise`: passing on others' posts claims nothing of their own.
    let retweet = doc.is_any(a.cue.0, &["retweeted", "retweets", "retweet"]);
    general
        || scene
        || retweet
        || doc.is_any(c - 1, &["pleaded", "pleads"]) && doc.is_any(c, &["guilty", "not", "no", "innocent"])
}

/// Whether the unnamed person of phrase `r`, who speaks only in an exclamation (`“Got her!” an
/// officer said`, `“Blink twice!” one person tweeted`), is heard at the scene: someone present (an
/// officer, a woman, a friend), not a role that briefs reporters (`“It's a disaster!” one source
/// said` is a claim).
fn heard_at_scene(doc: &Doc, r: (usize, usize)) -> bool {
    find_head(doc, r).and_then(|h| role(doc, h)).is_some_and(|(r, e)| r == Role::Individual || e.phrase() == "officer")
}

/// `said another witness, former White House adviser Fiona Hill.`: a name set off after the phrase
/// `r`, after a role or title (or right after a bare role word), names the one it describes.
fn named_after(doc: &Doc, r: (usize, usize)) -> bool {
    let c = r.1;
    if !doc.is_punct(c, ",") {
        return false;
    }
    let (_, sent_end) = sentence_bounds(doc, c);
    let mut p = c + 1;
    while p < sent_end && p < c + 10 && can_modify(doc, p) {
        p += 1;
    }
    let ends = p == sent_end || doc.tok(p).kind == TokKind::Punct;
    // A body's name there (`said a spokesman, Acme Holdings`) names the source as well.
    if !ends || p < c + 3 || !is_name_token(doc, p - 1) || !is_name_token(doc, p - 2) {
        return false;
    }
    let titled = (c + 1..p - 2).any(|i| role(doc, i).is_some() || doc.is_in(i, words::PERSON_ROLES));
    titled || find_head(doc, r) == Some(r.1 - 1)
}

/// Whether token `i` is a verb of saying or thinking, which may open an inverted aside (`…, figure
/// people close to him, …`).
fn inverted_verb(doc: &Doc, i: usize) -> bool {
    doc.is_any(i, &["figure", "reckon", "believe", "think"])
}

/// Whether `span` lies inside someone's quoted statement. A fragment quoted inside the writer's
/// paraphrase (`citing “four people briefed on the matter”`) is still the article's sourcing.
fn inside_speech(quotes: &Quotes, span: Span) -> bool {
    quotes.quote_at(span.start).is_some_and(|i| {
        let q = &quotes.quotes[i];
        q.class == QuoteClass::Full && q.span.contains(span)
    })
}

/// Anonymous-source findings: unnamed sources of attributions, later mentions of them, phrases that
/// say by themselves that a source is unnamed, and anonymity formulas. Sorted by start, and no two
/// overlap ([`crate::analyze`] relies on both to link quotes to their source).
/// The matches [`detect`] reads, found over the whole text (longest first, no overlaps).
pub struct Phrases {
    /// Of [`stance_verbs`].
    pub stance: Vec<Match>,
    /// Of [`qualifiers`].
    pub qualifiers: Vec<Match>,
    /// Of [`formulas`].
    pub formulas: Vec<Match>,
}

pub fn detect(doc: &Doc, quotes: &Quotes, attrs: &Attributions, phrases: Phrases) -> Vec<Finding> {
    let index = &attrs.names;
    let mut found = Found { by_start: Vec::new() };
    // Person mentions so far, so a pronoun is not tied to an unnamed source across a named person;
    // counted on the first pronoun that needs them, as most texts have none.
    let mentions = std::cell::OnceCell::new();
    let mentions = || -> &[u32] {
        mentions.get_or_init(|| {
            let mut n = 0u32;
            let mut before: Vec<u32> = (0..doc.len())
                .map(|i| {
                    let m = n;
                    n += u32::from(index.is_person_mention(doc, i));
                    m
                })
                .collect();
            before.push(n);
            before
        })
    };

    let items = &attrs.items;
    // Unnamed people the story shows acting or calling out at the scene, not sources of a claim;
    // nor are later mentions of them.
    let mut in_scene: Vec<bool> = items.iter().map(|a| acts_in_story(doc, a)).collect();
    for (q, k) in quotes.quotes.iter().zip(&attrs.quote_speaker) {
        if let Some(&k) = k.as_ref() {
            in_scene[k] |= doc.is_punct(q.content.1 - 1, "!") && heard_at_scene(doc, items[k].source);
        }
    }
    for (k, a) in items.iter().enumerate() {
        let src = doc.span_of(a.source.0, a.source.1 - 1);
        if quotes.inside_quote(src)
            || !plausible_source(doc, a)
            || in_scene[k]
            || a.antecedent.is_some_and(|j| in_scene[j])
        {
            continue;
        }
        let pronoun = a.source.1 - a.source.0 == 1 && doc.is_in(a.source.0, words::PRONOUNS);
        let refers = pronoun && a.antecedent.is_some_and(|j| refers_back(doc, &items[j], a.source.0, mentions));
        match a.source_type {
            SourceType::Anonymous if pronoun && refers => {
                found.push(src, "reference", "anonymous.reference", REFERENCE_NOTE);
            }
            // A pronoun tied to an unnamed source across a named person is more likely that person.
            SourceType::Anonymous if pronoun => {}
            SourceType::Anonymous if a.antecedent.is_some() => {
                found.push(source_span(doc, a), "reference", "anonymous.reference", REFERENCE_NOTE);
            }
            SourceType::Anonymous
                if within_outlet_report(doc, items, k)
                    || records_named_speaker(doc, items, k)
                    || named_after(doc, a.source) => {}
            // A document speaks through a reporting verb (`records show`), not through whatever
            // verb follows a quotation (`“…” filing papers`).
            SourceType::Anonymous
                if is_document(doc, a.source) && crate::attribution::cue_matcher().match_at(doc, a.cue.0).is_none() => {
            }
            SourceType::Anonymous => {
                let (subtype, rule, note) = unnamed_kind(doc, a.source);
                let mut span = source_span(doc, a);
                if span.start == doc.tok(a.source.0).start as usize {
                    span.start = doc.tok(phrase_start(doc, a.source)).start as usize;
                }
                found.push(span, subtype, rule, note);
            }
            SourceType::Secondhand if !pronoun => {
                let note = outlet_of(doc, a.source).map(|(e, _)| e).map_or(
                    "The claim rests on another outlet's reporting; its own sources are not named here.",
                    |e| e.note(),
                );
                found.push(source_span(doc, a), "secondhand", "anonymous.secondhand", note);
            }
            _ => {}
        }
    }

    // `told Reuters`: whoever the speaker is, the words reached this article through another outlet.
    for a in items {
        // `told Reuters` on reuters.com: the outlet's own interview.
        if let Some(end) = outlet_listener_end(doc, a.cue.0).filter(|&end| !index.is_publisher(doc, (a.cue.0 + 1, end)))
        {
            let span = doc.span_of(a.cue.0, end - 1);
            if !quotes.inside_quote(span) {
                found.push(span, "secondhand", "anonymous.secondhand-listener", SECONDHAND_LISTENER_NOTE);
            }
        }
    }

    // Unnamed subjects of verbs of belief and admission: `U.S. officials believe`, `aides insist`,
    // `officials are confident`; and unnamed groups publishing: `fifty former officials signed a letter`.
    for m in phrases.stance {
        // `aides were skeptical`: an attitude is stated through a copula, which stands for the verb.
        let v = if m.entry.category() == "attitude" { m.first - 1 } else { m.first };
        // `people briefed on the talks`: a participle describing the source, not its verb;
        // `officials were mocked and criticized`: a passive, whose subject is not the judge.
        if qualifiers().match_at(doc, v).is_some() || is_passive(doc, v) {
            continue;
        }
        // `signed an open letter`, `have released online ads`: a group speaks through a writing;
        // `raised $2 million` or `released the prisoners` credits nothing to it.
        let publication = m.entry.category() == "publication";
        if publication && !writing_after(doc, m.end) {
            continue;
        }
        let subject = role_phrase_before(doc, v).or_else(|| publication.then(|| relative_author(doc, v)).flatten());
        let Some(r) = subject else {
            // `Aides said …, and they rejected …`: a pronoun subject after an unnamed source.
            let Some(p) = pronoun_subject(doc, v) else { continue };
            let before = items.partition_point(|a| a.cue.1 <= p);
            let ante = items[..before].iter().rev().find(|a| a.source_type == SourceType::Anonymous);
            let agrees = ante.is_some_and(|a| is_plural_phrase(doc, a.source) == doc.is(p, "they"));
            // `officials say they expect…`: the source restating its own view, already highlighted;
            // `activists said they fear…` after an unnamed source: the activists' own view.
            let restated =
                items[..before].last().is_some_and(|a| p == a.cue.1 || (p == a.cue.1 + 1 && doc.is(a.cue.1, "that")));
            if agrees
                && !restated
                && ante.is_some_and(|a| refers_back(doc, a, p, mentions))
                && !quotes.inside_quote(doc.tok(p).span())
            {
                found.push(doc.tok(p).span(), "reference", "anonymous.reference", REFERENCE_NOTE);
            }
            continue;
        };
        let span = doc.span_of(r.0, r.1 - 1);
        // `the officials believe` refers back to a source already highlighted; `the senator's aides
        // believe` does not.
        if index.classify(doc, r) == SourceType::Anonymous
            && find_head(doc, r).is_some_and(|h| determiner(doc, r.0, h) != Det::Definite)
            && (!publication || is_group(doc, r))
            && !quotes.inside_quote(span)
            // `a woman who had studied in Montana asked Obama what he thought`: a clause read as
            // the subject's relative clause runs across the verb of another attribution.
            && items[items.partition_point(|a| a.cue.0 < r.0)..].first().is_none_or(|a| a.cue.1 > r.1)
        {
            let (subtype, rule, note) = unnamed_kind(doc, r);
            found.push(span, subtype, rule, note);
        }
    }

    // Phrases that say by themselves that the source is unnamed, with or without a cue:
    // `people familiar with the talks`, `those close to him`, `an anonymous source`.
    for m in phrases.qualifiers {
        let span = match m.entry.category() {
            "unnamed" if m.first > 0 && !m.entry.has_flag("needs_cue") => {
                let h = m.first - 1;
                let head_ok = doc.is(h, "those") || role(doc, h).is_some_and(|(r, _)| is_person(r));
                if !head_ok || !same_sentence(doc, h, m.first) {
                    continue;
                }
                let (sent_start, sent_end) = sentence_bounds(doc, h);
                let post = postmod(doc, m.first, sent_end, true);
                let mut s = left_extent(doc, h, sent_start);
                // `…, figure people close to him, …`: an aside's inverted verb, not an adjective.
                if s < h && s > sent_start && doc.tok(s - 1).kind == TokKind::Punct && inverted_verb(doc, s) {
                    s += 1;
                }
                let end = post.end.max(m.end);
                // `Doe, a donor close to the campaign,` and `Doe was an aide close to her`:
                // descriptions of a named person.
                let described = s > sent_start && doc.is_in(s - 1, words::COPULAS);
                if described || (doc.is_punct(end, ",") && in_apposition(doc, s)) {
                    continue;
                }
                doc.span_of(s, end - 1)
            }
            "marker" => {
                let Some(h) = (m.end..(m.end + 3).min(doc.len())).find(|&h| role(doc, h).is_some()) else { continue };
                // After `anonymous`, a role word is the head even before a verb (`an anonymous
                // source shows`): the adjective has already said what kind of phrase this is.
                if !role(doc, h).is_some_and(|(r, _)| is_person(r)) {
                    continue;
                }
                let (sent_start, sent_end) = sentence_bounds(doc, h);
                let post = postmod(doc, h + 1, sent_end, true);
                doc.span_of(left_extent(doc, h, sent_start), post.end - 1)
            }
            _ => continue,
        };
        if !inside_speech(quotes, span) {
            found.push(span, "unnamed_person", m.entry.rule(), m.entry.note());
        }
    }

    // A sentence that opens with a description of an unnamed source mentioned just before, with no
    // cue of its own: `US intelligence reports indicate … The assessments have raised doubts`.
    for s in &doc.sentences {
        let t = s.tokens.0 as usize;
        if !doc.is_any(t, &["the", "these", "those"]) {
            continue;
        }
        let end = (s.tokens.1 as usize).min(t + 5);
        let Some(h) = (t + 1..end).find(|&h| role(doc, h).is_some() && ends_noun(doc, h, s.tokens.1 as usize)) else {
            continue;
        };
        // `The person who plays the mayor in rehearsals…`: a restrictive clause says whom the
        // description picks out; it does not refer back.
        let restrictive = doc.is(t, "the") && doc.is_any(h + 1, &["who", "that"]);
        if (t + 1..h).any(|i| !can_modify(doc, i))
            || doc.is_in(h + 1, words::LINKS)
            || !doc.is_word(h + 1)
            || restrictive
        {
            continue;
        }
        let first_later = items.partition_point(|a| a.cue.0 < t);
        let (ante, st) = definite_antecedent(doc, &items[..first_later], (t, h + 1));
        let Some(j) = ante else { continue };
        let span = doc.span_of(t, h);
        if st == SourceType::Anonymous && !named_since(doc, items[j].source.1, t, h) && !quotes.inside_quote(span) {
            found.push(span, "reference", "anonymous.reference", REFERENCE_NOTE);
        }
    }

    for m in phrases.formulas {
        let span = lexicon::match_span(doc, &m);
        if !inside_speech(quotes, span) && !found.continues_formula(doc, m.first) {
            found.push(span, "unnamed_person", m.entry.rule(), m.entry.note());
        }
    }
    found.by_start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_and_crowd_word_is_one_token() {
        for lex in [&lexicon::SOURCES_ROLES, &lexicon::SOURCES_CROWDS] {
            for e in lex.entries {
                for w in std::iter::once(e.phrase()).chain(e.forms()) {
                    assert_eq!(lexicon::phrase_tokens(w).len(), 1, "{}: {w:?} must be a single word", lex.name);
                }
            }
        }
    }

    fn classify(text: &str, phrase: &str) -> SourceType {
        let doc = Doc::new(text);
        let start = text.find(phrase).expect("phrase in text");
        let a = doc.token_at_or_after(start);
        let b = doc.token_at_or_after(start + phrase.len());
        NameIndex::new(&doc, None).classify(&doc, (a, b))
    }

    #[test]
    fn the_shape_of_the_phrase_decides_the_type() {
        assert_eq!(classify("Two senior officials said so.", "Two senior officials"), SourceType::Anonymous);
        assert_eq!(
            classify("A senior official, John Smith, said so.", "A senior official, John Smith"),
            SourceType::NamedPerson
        );
        assert_eq!(classify("Critics say so.", "Critics"), SourceType::Vague);
        assert_eq!(classify("Residents say so.", "Residents"), SourceType::Vague);
        assert_eq!(classify("A resident said so.", "A resident"), SourceType::Anonymous);
        assert_eq!(classify("CNN reported it.", "CNN"), SourceType::Secondhand);
        assert_eq!(classify("Local media reported it.", "Local media"), SourceType::Secondhand);
        assert_eq!(classify("Her medical records show it.", "Her medical records"), SourceType::Unknown);
        assert_eq!(classify("Union leader Ana Ruiz said so.", "Union leader Ana Ruiz"), SourceType::NamedPerson);
        assert_eq!(
            classify("The Transport Ministry said so.", "The Transport Ministry"),
            SourceType::NamedOrganisation
        );
    }

    #[test]
    fn the_summary_counts_attributions_by_source_type() {
        let text = "Officials said the port would close. Ana Ruiz said it would not. The Riverside \
                    Gazette reported a deal. Critics say the deal is weak.";
        let a = crate::analyze(text, &crate::Options::default());
        let n = |t: SourceType| a.summary.attributions[t.as_str()];
        assert_eq!(n(SourceType::Anonymous), 1);
        assert_eq!(n(SourceType::NamedPerson), 1);
        assert_eq!(n(SourceType::Secondhand), 1);
        assert_eq!(n(SourceType::Vague), 1);
        assert!((a.summary.anonymous_attribution_share - 0.25).abs() < 1e-9);
    }

    #[test]
    fn the_note_of_unnamed_officials_speaks_of_them_and_of_one_official_of_that_one() {
        let notes = |text: &str| {
            let a = crate::analyze(text, &crate::Options::default());
            a.findings.iter().map(|f| f.note.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(
            notes("Current and former officials said the port would close."),
            ["The article does not name these officials, so readers cannot check who is behind the claim."]
        );
        assert_eq!(
            notes("A senior official said the port would close."),
            ["The article does not name this official, so readers cannot check who is behind the claim."]
        );
        // Every role note that says `this <role>` has the plural as its first form to say `these`.
        for e in lexicon::SOURCES_ROLES.entries {
            if e.note().contains(&format!("this {}", e.phrase())) {
                let plural = e.forms().next().unwrap_or("");
                assert!(e.note_for_many().contains(&format!("these {plural}")), "{}", e.phrase());
                assert!(plural.ends_with('s') || plural.ends_with("people"), "{} → {plural}", e.phrase());
            }
        }
    }

    #[test]
    fn each_quote_links_to_the_highlight_of_its_own_unnamed_source() {
        let text = "“We are ready,” a senior official said. Ruiz disagreed. “We are not,” an aide said.";
        let a = crate::analyze(text, &crate::Options::default());
        let links: Vec<&str> = a
            .findings
            .iter()
            .filter_map(|f| f.source_finding.map(|i| &text[a.findings[i].span.start..a.findings[i].span.end]))
            .collect();
        assert_eq!(links, ["a senior official", "an aide"]);
    }

    #[test]
    fn a_publisher_is_recognised_however_its_name_is_written() {
        let reuters = Publisher::new("Thomson Reuters").unwrap();
        assert!(reuters.is("Reuters"));
        assert!(Publisher::new("www.reuters.com").unwrap().is("Reuters"));
        let nyt = Publisher::new("https://www.nytimes.com/2024/01/01/story.html").unwrap();
        assert!(nyt.is("The New York Times") && !nyt.is("the Times of New York"));
        assert!(Publisher::new("AP News").unwrap().is("the Associated Press"));
        assert!(Publisher::new("edition.cnn.com").unwrap().is("CNN"));
        assert!(Publisher::new("BBC News").unwrap().is("the BBC"));
        // A masthead word alone, or another outlet of the same kind, is not the publisher.
        assert!(!Publisher::new("The New York Times").unwrap().is("the Times"));
        assert!(!Publisher::new("ABC News").unwrap().is("NBC News"));
        assert!(!Publisher::new("The Washington Post").unwrap().is("The Denver Post"));
        assert!(Publisher::new(" . ").is_none());
    }

    fn secondhand(text: &str, publisher: Option<&str>) -> Vec<String> {
        let options = crate::Options { publisher: publisher.map(str::to_string), ..crate::Options::default() };
        let a = crate::analyze(text, &options);
        let found = a.findings.iter().filter(|f| f.subtype == "secondhand");
        found.map(|f| text[f.span.start..f.span.end].to_string()).collect()
    }

    #[test]
    fn words_given_to_the_publisher_are_its_own_reporting() {
        let text = "The mayor told Reuters the port would reopen. She told CNN the same.";
        assert_eq!(secondhand(text, None), ["told Reuters", "told CNN"]);
        assert_eq!(secondhand(text, Some("Reuters")), ["told CNN"]);
        assert_eq!(secondhand(text, Some("reuters.com")), ["told CNN"]);
    }

    #[test]
    fn the_publishers_own_reporting_is_a_named_source_not_secondhand() {
        let text = "The Calvera Herald reported the deal on Monday. CNN reported it too.";
        assert_eq!(secondhand(text, None), ["The Calvera Herald", "CNN"]);
        assert_eq!(secondhand(text, Some("Calvera Herald")), ["CNN"]);
        let options = crate::Options { publisher: Some("calveraherald.com".into()), ..crate::Options::default() };
        let a = crate::analyze(text, &options);
        let types: Vec<SourceType> = a.attributions.iter().map(|a| a.source_type).collect();
        assert_eq!(types, [SourceType::NamedOrganisation, SourceType::Secondhand]);
    }
}
