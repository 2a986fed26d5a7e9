//! Attributions: who is credited with words or claims. A cue (`said`, `told Reuters`, `according to`)
//! and its source phrase (`Rodríguez`, `a senior official`, `she`), found in either order, with
//! pronouns, surnames and descriptions resolved to the fullest name (`she` → `Delcy Rodríguez`).
//!
//! Quotes take their speaker from here, and [`crate::sources`] classifies the same source phrases
//! as named, unnamed, vague or secondhand — one mention tracker serves both.
//!
//! Besides the cue lexicon, the shape around a quotation attributes it: a quote that breaks off
//! mid-sentence (`“We won,” Beltrán beamed`) is followed by its speaker whatever the verb; a colon
//! introduces one (`Beltrán: “We won.”`); a quoted fragment belongs to the subject of the sentence
//! that quotes it (`Beltrán called the offer “an insult”`); and a quote with no attribution of its
//! own continues the speaker of the quote or attribution just before it.

use crate::lexicon::{self, FastMap, Match, Matcher};
use crate::quotes::{is_double_mark, Quote, QuoteClass, Quotes};
use crate::sources;
use crate::text::{flag, Doc, TokKind};
use crate::words;
use crate::{SourceType, Span, Speaker};
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

pub(crate) fn cue_matcher() -> &'static Matcher {
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
    /// Display name: the fullest name for pronouns, surnames and descriptions, else the phrase itself.
    pub name: String,
    /// The attribution this one's pronoun or description refers back to.
    pub antecedent: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Attributions {
    pub items: Vec<Attr>,
    /// For each speech quote (same index as `Quotes::quotes`): the attribution giving its speaker.
    pub quote_speaker: Vec<Option<usize>>,
    /// For a quote no attribution speaks for: the person the passage is about, when the sentence
    /// or paragraph before it has a named person as its subject (`Doe was diagnosed in May.
    /// “It was a shock.”`).
    pub narrator: Vec<Option<Speaker>>,
    /// Who the article names, read once for both speakers and source types.
    pub names: sources::NameIndex,
}

impl Attributions {
    pub fn speaker_of(&self, doc: &Doc, quote_index: usize) -> Option<Speaker> {
        let Some(a) = self.quote_speaker.get(quote_index).copied().flatten() else {
            return self.narrator.get(quote_index).cloned().flatten();
        };
        let a = &self.items[a];
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

pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it"];

/// Words that end a subject phrase when walking back from a cue: clause links and verbs of the
/// sentence before, so `the bill that Smith said` yields `Smith`.
pub(crate) const NP_STOP: &str = "\
    that which who whom whose and but or because as while when where if than so though although after before \
    since until what how why is are was were be to in on at for with by from of about into over also has \
    have had would will could should may might must can did does do not never then later earlier previously \
    again once still";

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
    "just",
    "simply",
    "quickly",
    "finally",
    "flatly",
    "bluntly",
    "angrily",
    // `officials now say`, `aides have long insisted`, `advisers already believe`.
    "now",
    "long",
    "already",
];

/// Words that open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "one",
    "two", "three", "another", "other", "some", "several", "many", "most", "both", "each", "every", "all",
];

/// Lower-case words inside a name (`Ludwig van Beethoven`, `Sophie in 't Veld`, `Osama bin Laden`).
pub(crate) const NAME_PARTICLES: &[&str] =
    &["de", "del", "della", "da", "dos", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

/// Words that stand before a name as a title or role (`Sen.`, `Mrs.`, `President`, `union leader`),
/// with the gender they state and the role a later description may use (`the senator`).
pub(crate) const TITLES: &[(&str, Gender, &str)] = &[
    ("mr", Gender::Male, ""),
    ("mrs", Gender::Female, ""),
    ("ms", Gender::Female, ""),
    ("miss", Gender::Female, ""),
    ("sir", Gender::Male, ""),
    ("dame", Gender::Female, ""),
    ("lord", Gender::Male, ""),
    ("lady", Gender::Female, ""),
    ("king", Gender::Male, "king"),
    ("queen", Gender::Female, "queen"),
    ("prince", Gender::Male, "prince"),
    ("princess", Gender::Female, "princess"),
    ("pope", Gender::Male, "pope"),
    ("father", Gender::Male, "priest"),
    ("sister", Gender::Female, "nun"),
    ("congressman", Gender::Male, "congressman"),
    ("congresswoman", Gender::Female, "congresswoman"),
    ("chairman", Gender::Male, "chairman"),
    ("chairwoman", Gender::Female, "chairwoman"),
    ("spokesman", Gender::Male, "spokesman"),
    ("spokeswoman", Gender::Female, "spokeswoman"),
    ("president", Gender::Unknown, "president"),
    ("vice", Gender::Unknown, ""),
    ("prime", Gender::Unknown, ""),
    ("minister", Gender::Unknown, "minister"),
    ("secretary", Gender::Unknown, "secretary"),
    ("chancellor", Gender::Unknown, "chancellor"),
    ("premier", Gender::Unknown, "premier"),
    ("sen", Gender::Unknown, "senator"),
    ("senator", Gender::Unknown, "senator"),
    ("rep", Gender::Unknown, "congressman"),
    ("representative", Gender::Unknown, "congressman"),
    ("gov", Gender::Unknown, "governor"),
    ("governor", Gender::Unknown, "governor"),
    ("mayor", Gender::Unknown, "mayor"),
    ("judge", Gender::Unknown, "judge"),
    ("justice", Gender::Unknown, "justice"),
    ("dr", Gender::Unknown, "doctor"),
    ("prof", Gender::Unknown, "professor"),
    ("professor", Gender::Unknown, "professor"),
    ("gen", Gender::Unknown, "general"),
    ("general", Gender::Unknown, "general"),
    ("col", Gender::Unknown, "colonel"),
    ("lt", Gender::Unknown, "lieutenant"),
    ("sgt", Gender::Unknown, "sergeant"),
    ("capt", Gender::Unknown, "captain"),
    ("captain", Gender::Unknown, "captain"),
    ("adm", Gender::Unknown, "admiral"),
    ("maj", Gender::Unknown, "major"),
    ("cmdr", Gender::Unknown, "commander"),
    ("rev", Gender::Unknown, "reverend"),
    ("rabbi", Gender::Unknown, "rabbi"),
    ("imam", Gender::Unknown, "imam"),
    ("bishop", Gender::Unknown, "bishop"),
    ("cardinal", Gender::Unknown, "cardinal"),
    ("ambassador", Gender::Unknown, "ambassador"),
    ("commissioner", Gender::Unknown, "commissioner"),
    ("director", Gender::Unknown, "director"),
    ("chief", Gender::Unknown, "chief"),
    ("coach", Gender::Unknown, "coach"),
    ("detective", Gender::Unknown, "detective"),
    ("officer", Gender::Unknown, "officer"),
    ("speaker", Gender::Unknown, "speaker"),
    ("leader", Gender::Unknown, "leader"),
    ("ceo", Gender::Unknown, "ceo"),
    ("candidate", Gender::Unknown, "candidate"),
    ("nominee", Gender::Unknown, "nominee"),
    ("attorney", Gender::Unknown, "attorney"),
    ("founder", Gender::Unknown, "founder"),
];

/// The entry of [`TITLES`] for token `i`, if it is a title or role word.
fn title_at(doc: &Doc, i: usize) -> Option<&'static (&'static str, Gender, &'static str)> {
    doc.is_in(i, words::PERSON_TITLES).then(|| TITLES.iter().find(|t| doc.is(i, t.0))).flatten()
}

pub(crate) const GENDERED_PRONOUNS: &[&str] = &["he", "him", "his", "himself", "she", "her", "hers", "herself"];

/// Given names that, before a surname, tell which pronoun refers back to the person (`Claire
/// McCaskill … she said` is not `David Gorski`). Our own list of first names common in
/// English-language news, each borne overwhelmingly by one sex in the US Social Security and UK ONS
/// birth-name counts; names given to both (Jordan, Taylor, Kelly, Chris, Jean, Andrea, Kim, Robin,
/// Leslie) are left out, as a wrong gender would block the right reading, where an unknown one
/// blocks nothing.
pub(crate) const FEMALE_GIVEN_NAMES: &str = "\
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret \
    sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca sharon laura \
    cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine \
    debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria \
    lauren christina joan evelyn judith megan cheryl hannah jacqueline martha gloria teresa ann sara frances \
    kathryn janice abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella \
    theresa diana natalie brittany charlotte marie kayla lori hillary sally claire caroline elaine nora \
    eleanor jane anne louise lucy sophie chloe melania ivanka chelsea condoleezza madeleine elena sonia \
    carmen rosa ana lucia isabel marta sofia valentina gabriela daniela adriana paula monica veronica \
    claudia silvia beatriz kamala ilhan rashida kirsten elise tamara natasha svetlana olga irina tatiana \
    ursula jacinda greta dianne debbie tammy wendy sheila kristen kristin katie kate meghan ivana nikki hope \
    joanne maxine nadia fatima aisha priya yolanda lucinda";

/// Given names borne overwhelmingly by men (see [`FEMALE_GIVEN_NAMES`]).
pub(crate) const MALE_GIVEN_NAMES: &str = "\
    james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony \
    mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey \
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory \
    alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary \
    peter kyle ethan walter noah jeremy keith roger gerald harold sean austin carl arthur lawrence dylan \
    jesse bryan billy joe bruce gabriel albert willie alan juan wayne randy roy vincent ralph eugene russell \
    bobby philip louis harry barack bernie bill mike jim tom bob ted marco jeb mitch chuck newt rudy boris \
    vladimir emmanuel narendra recep nicolás hugo carlos luis miguel pedro jorge manuel francisco antonio \
    javier rafael fernando diego andrés alejandro ricardo sergio pablo mario alberto ahmed mohammed muhammad \
    omar hassan ivan dmitry sergei alexei igor olaf matteo giuseppe steve dave tony greg jeff ben dan tim \
    ken ron don rick nick fred jimmy johnny howard martin lindsey mitt rex reince elon warren kurt hans \
    klaus pierre jacques franz";

/// Nouns in an appositive that state a person's gender (`Jane Doe, a spokeswoman for…`).
pub(crate) const GENDERED_NOUNS: &[(&str, Gender)] = &[
    ("man", Gender::Male),
    ("woman", Gender::Female),
    ("businessman", Gender::Male),
    ("businesswoman", Gender::Female),
    ("spokesman", Gender::Male),
    ("spokeswoman", Gender::Female),
    ("chairman", Gender::Male),
    ("chairwoman", Gender::Female),
    ("congressman", Gender::Male),
    ("congresswoman", Gender::Female),
    ("councilman", Gender::Male),
    ("councilwoman", Gender::Female),
    ("father", Gender::Male),
    ("mother", Gender::Female),
    ("husband", Gender::Male),
    ("wife", Gender::Female),
    ("son", Gender::Male),
    ("daughter", Gender::Female),
    ("brother", Gender::Male),
    ("sister", Gender::Female),
    ("boy", Gender::Male),
    ("girl", Gender::Female),
    ("grandfather", Gender::Male),
    ("grandmother", Gender::Female),
    ("uncle", Gender::Male),
    ("aunt", Gender::Female),
    ("actor", Gender::Male),
    ("actress", Gender::Female),
    ("widower", Gender::Male),
    ("widow", Gender::Female),
    ("king", Gender::Male),
    ("queen", Gender::Female),
    ("mr", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
];

/// Words that make a capitalised run a place or a venue (`Sherbrook Street`, `Union Station`), or
/// a building, a fund, a show or a law named after a person (`Trump Tower`, `Paulson Partners`,
/// `Rachel Maddow Show`, `Glass-Steagall Act`), which must not become that person.
pub(crate) const PLACE_WORDS: &str = "\
    street avenue road boulevard square park centre center hall church restaurant hotel cafe bar airport \
    station bridge river lake mountain island county city province state region district valley bay beach \
    arena stadium theatre theater museum gallery library archives canada america states kingdom republic \
    village tower plaza resort partners show act";

/// Sentence-initial capitalised words that are not names (`But Smith said…`, `On Monday…`).
pub(crate) const NOT_NAMES: &str = concat!(
    "\
        the a an but and or so yet in on at as by for from of to with when while after before since if \
        though although because once during despite still also then now today yesterday tomorrow last next \
        meanwhile however this that these those it he she they we i you there here his her their its our my \
        what who why how where asked speaking other some many most all both each every no not according \
        instead even just only read watch see more monday tuesday wednesday thursday friday saturday sunday \
        january february march april may june july august september october november december later earlier \
        unless until whether yes thank please dear hello well oh ",
    // `Neither Warren nor Clinton spoke`, `Like Corker, Doe said…`: never the first word of a name.
    "\
        neither either nor like unlike",
);

/// Finds every attribution and the speaker of every quote: the people named in the text first,
/// then the cues of the lexicon and the attributions the shape around each quote gives, then who
/// each source stands for, then each quote's speaker. Linear in the text: every search is local
/// to a sentence or a paragraph, or bounded by a fixed number of candidates.
/// `cues` are the cue lexicon's matches ([`cue_matcher`], longest first).
pub fn detect(doc: &Doc, quotes: &Quotes, publisher: Option<&sources::Publisher>, cues: &[Match]) -> Attributions {
    // Who the article names anywhere (and whether it names a spokesperson): read by classification.
    let index = sources::NameIndex::new(doc, publisher);
    let mut people = People::scan(doc, quotes, &index);
    let mut items = cue_items(doc, quotes, &people, cues);
    let mut extra: Vec<Attr> = Vec::new();
    for q in &quotes.quotes {
        structural_attribution(doc, q, &mut items, &people, &mut extra);
    }
    if !extra.is_empty() {
        items.append(&mut extra);
        crate::order::sort_by(&mut items, |a| crate::order::pair(a.cue.0, a.source.0));
    }
    resolve(doc, quotes, &mut items, &mut people, &index);
    let mut quote_speaker: Vec<Option<usize>> = Vec::with_capacity(quotes.quotes.len());
    for qi in 0..quotes.quotes.len() {
        let found = speaker_for_quote(doc, quotes, qi, &items, &quote_speaker, &people);
        quote_speaker.push(found);
    }
    let narrator = (0..quotes.quotes.len())
        .map(|qi| if quote_speaker[qi].is_some() { None } else { narrator(doc, quotes, qi, &people) })
        .collect();
    Attributions { items, quote_speaker, narrator, names: index }
}

/// The subject of the passage a quote with no attribution follows: the last named person who is
/// the subject of a sentence earlier in the quote's paragraph or in the paragraph before, with no
/// other quote in between. Only for a quote that opens its sentence.
fn narrator(doc: &Doc, quotes: &Quotes, qi: usize, people: &People) -> Option<Speaker> {
    let q = &quotes.quotes[qi];
    let open = q.open_tok?;
    if q.class != QuoteClass::Full || !doc.tok(open).has(flag::SENT_START) {
        return None;
    }
    let para = doc.tok(open).para as usize;
    let from = doc.paragraphs[para.saturating_sub(1)].tokens.0 as usize;
    let since = qi.checked_sub(1).map_or(from, |p| from.max(quotes.quotes[p].content.1));
    let n = people.mentions.partition_point(|m| m.start < open);
    let m = people.mentions[..n]
        .iter()
        .rev()
        .take_while(|m| m.start >= since)
        .find(|m| m.subject && people.persons[m.person].confirmed)?;
    // `Tom Doe said. She rolled her eyes. “…”`: not Tom.
    if someone_else_acts(doc, people, &people.persons[m.person].name, m.end, open) {
        return None;
    }
    Some(Speaker {
        name: people.persons[m.person].name.clone(),
        mention: Some(doc.span_of(m.start, m.end - 1)),
        source_type: SourceType::NamedPerson,
    })
}

/// Attributions built around the cue lexicon, in text order.
fn cue_items(doc: &Doc, quotes: &Quotes, people: &People, cues: &[Match]) -> Vec<Attr> {
    let mut items: Vec<Attr> = Vec::new();
    for &m in cues {
        if quotes.inside_quote(doc.span_of(m.first, m.end - 1)) {
            continue; // a cue inside someone's words is part of what they said
        }
        if doc.is_cap(m.first) && !doc.tok(m.first).has(flag::SENT_START) {
            continue; // a capitalised cue mid-sentence is a heading or a name (`Article Continued Below`)
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
        let according = m.entry.category() == "according";
        let np = if according {
            np_after(doc, m.end)
        } else if doc.tok_lower(m.first).ends_with("ing") {
            earlier_cue_source(doc, &items, m.first).or_else(|| participle_subject(doc, m.first, people))
        } else {
            np_before(doc, m.first).or_else(|| inverted(doc, m.first).then(|| np_after(doc, cue_end)).flatten())
        };
        // A role-headed source comes with its post-modifiers (`a source on Venezuela policy`), which
        // the plain noun phrase stops short of, so it wins — except when the noun phrase is the same
        // one followed by a name in apposition (`the chief executive, Jane Doe`).
        // `told reporters`: after a verb that takes its listener as object, the phrase is never
        // the one speaking.
        let near = sources::source_near_cue(doc, m.first, cue_end, according)
            .filter(|&(s, _)| !(m.entry.has_flag("takes_object") && s >= m.end));
        let source = match (np, near) {
            (Some(a), Some(b)) if a.0 == b.0 && b.1 <= a.1 => Some(a),
            (_, Some(b)) => Some(b),
            (a, None) => a,
        };
        let Some(source) = source.and_then(|s| past_saying(doc, s)) else { continue };
        items.push(new_attr(source, (m.first, cue_end), m.entry.category()));
    }
    sources::drop_false_cues(doc, &mut items);
    items
}

/// Source phrase `r`, unless it runs over a verb of saying that is not a relative clause's (`an
/// official who said so` is one person; `an official who relayed it said Doe quieted the chatter,
/// telling` is a whole clause): then the clause the cue hangs on is the one after that verb, and
/// its subject speaks if it is a name followed by its verb (`Doe quieted`), else no one does.
fn past_saying(doc: &Doc, r: (usize, usize)) -> Option<(usize, usize)> {
    let saying = |k: usize| doc.is_any(k, SAYING_VERBS) && !doc.is_any(k - 1, &["who", "that", "which"]);
    let Some(v) = (r.0 + 1..r.1).rev().find(|&k| saying(k)) else { return Some(r) };
    let np = np_forward(doc, v + 1).filter(|np| np.1 < r.1 && doc.is_cap(np.0) && verb_like(doc, np.1))?;
    Some(np)
}

/// Finite verbs of saying that end a subject (not `tweet` or `note`, which are also nouns).
const SAYING_VERBS: &[&str] = &["said", "says", "told", "tells", "relayed", "added", "wrote", "asked", "recalled"];

/// Phrase `r` without an opening phrase that a comma closes (`In exchange, Trump`, `Holding open
/// a book, Beck`): before an appositive comma stands a person or a role (`the
/// union's chief executive, Jane Doe`) or an adjective (`the lanky, bespectacled professor`), else
/// the subject starts after it.
fn without_opening_phrase(doc: &Doc, r: (usize, usize)) -> (usize, usize) {
    match (r.0 + 1..r.1).rev().find(|&k| doc.is_punct(k, ",")) {
        Some(c) => {
            if !doc.is_cap(c - 1) && !speaker_head(doc, c - 1) && !adjective_comma(doc, c) {
                (c + 1, r.1)
            } else {
                r
            }
        }
        None => r,
    }
}

fn new_attr(source: (usize, usize), cue: (usize, usize), cue_category: &'static str) -> Attr {
    Attr { source, cue, cue_category, source_type: SourceType::Unknown, name: String::new(), antecedent: None }
}

/// The subject phrase ending right before token `cue` (skipping adverbs like `later`).
fn np_before(doc: &Doc, cue: usize) -> Option<(usize, usize)> {
    let mut end = cue;
    // `Priebus later Thursday told Fox News`, `Doe on Friday declared`: the day is when, not who.
    loop {
        let day = |k: usize| doc.is_in(k, words::WEEKDAYS) && !doc.tok(k).has(flag::SENT_START);
        if end > 0 && doc.same_para(end - 1, cue) && (skippable_adverb(doc, end - 1) || end > 1 && day(end - 1)) {
            end -= 1;
            if end > 0 && day(end) && doc.is(end - 1, "on") && doc.same_para(end - 1, cue) {
                end -= 1;
            }
        } else {
            break;
        }
    }
    if end == 0 || !doc.same_para(end - 1, cue) {
        return None;
    }
    if doc.is_punct(end - 1, ",") {
        // `Harry Doe, director of studies at the institute, said`: the subject before the appositive.
        return appositive_subject(doc, end - 1);
    }
    if spaced_dash(doc, end - 1) {
        // `Jane Doe, the chief executive -- a post she took in May -- told`, `Jane Doe — a former
        // prosecutor — said`: the subject before an aside set off by dashes.
        if let Some(np) = appositive_subject(doc, end - 1) {
            return Some(np);
        }
        let sent = doc.tok(cue).sent;
        // The first mark of a dash written `--`.
        let dash_start = |mut k: usize| {
            while k > 0 && doc.is_punct(k - 1, "-") && doc.tok(k - 1).end == doc.tok(k).start {
                k -= 1;
            }
            k
        };
        let d = dash_start(end - 1);
        let open = (d.saturating_sub(30)..d).rev().find(|&k| spaced_dash(doc, k) && doc.tok(k).sent == sent)?;
        let o = dash_start(open);
        // The name right before it (`On Friday, Doe — …`: not the day).
        let np = np_before(doc, o).filter(|np| np.1 == o)?;
        let s = name_start(doc, o, np.0);
        return (s < o && doc.is_cap(s)).then_some((s, o));
    }
    if doc.is_punct(end - 1, ")") {
        // `Rep. Jane Doe (D-Calif.) said`: the name right before the parenthesis (not what a comma
        // joins to it: `…killing five officers, Gov. Jane Doe (R-Okla.) said`).
        let sent = doc.tok(cue).sent;
        let open = (end.saturating_sub(9)..end - 1).rev().find(|&k| doc.is_punct(k, "("))?;
        let np = np_before(doc, open).filter(|np| np.1 == open && doc.tok(open).sent == sent)?;
        let s = name_start(doc, open, np.0);
        return (s < open && doc.is_cap(s)).then_some((s, open));
    }
    if doc.is(end - 1, "who") && end >= 2 {
        // `a post from Jane Doe, who wrote`: the relative pronoun stands for the name before it.
        let mut n = end - 1;
        if n > 0 && doc.is_punct(n - 1, ",") {
            n -= 1;
        }
        let floor = doc.sentences[doc.tok(cue).sent as usize].tokens.0 as usize;
        let mut s = name_start(doc, n, floor);
        // `Sen. Jane Doe, the ranking Democrat on the Budget Committee, who said`: `who` stands
        // for the person the appositive describes, not the body it names.
        if let Some(c) = (floor + 1..s).rev().take_while(|&k| !doc.is_punct(k, ",")).last().map(|k| k - 1) {
            if s < n
                && doc.is_punct(n, ",")
                && c > floor
                && doc.is_punct(c, ",")
                && doc.is_any(c + 1, &["the", "a", "an"])
                && is_name_word(doc, c - 1)
            {
                n = c;
                s = name_start(doc, n, floor);
            }
        }
        // `Sen. Jane Doe of Florida, who mused`: the person before the place, not the place.
        if s >= 2 && s > floor + 1 && doc.is_any(s - 1, &["of", "from"]) {
            let p = name_start(doc, s - 1, floor);
            if p < s - 1 {
                s = p;
            }
        }
        return (s < n).then_some((s, n));
    }
    let mut start = end;
    while start > 0 && end - start < 10 {
        let p = start - 1;
        if !doc.same_para(p, cue) || doc.tok(p).sent != doc.tok(cue).sent {
            break;
        }
        let t = doc.tok(p);
        let is_np_token = match t.kind {
            TokKind::Word => !doc.is_in(p, words::NP_STOP) || (start == end && doc.is_in(p, words::PRONOUNS)),
            TokKind::Number => true,
            TokKind::Punct => {
                // `the company's chief executive, Jane Doe,` — appositive commas inside the phrase;
                // `Harry J. Doe`, `Sen. Doe` — the dot of an initial or a title.
                let s = doc.tok_text(p);
                // `the 34-year-old mother`: a hyphen joining two words.
                let joined = p > 0 && doc.tok(p - 1).end == doc.tok(p).start && doc.tok(p).end == doc.tok(p + 1).start;
                (s == "," && start != end && (appositive_comma(doc, p) || adjective_comma(doc, p)))
                    || (s == "." && start != end && is_name_dot(doc, p))
                    || (s == "-" && start != end && joined)
            }
        };
        if !is_np_token {
            break;
        }
        start = p;
        if doc.is_in(p, words::PRONOUNS) {
            break;
        }
    }
    // `he heard students shout, “…”`: who spoke comes after the verb of perception, not before
    // it (a phrase of its own words would be `he heard students`). Not a stop word for every
    // phrase: `Human Rights Watch`, `the Holy See`, `is heard muttering`.
    if let Some(v) = (start..end).rev().find(|&i| doc.is_any(i, &["heard", "hear", "saw", "watched"])) {
        start = v + 1;
    }
    start = without_opening_phrase(doc, (start, end)).0;
    // Trim a leading comma and anything that is not a phrase start.
    while start < end && doc.tok(start).kind == TokKind::Punct {
        start += 1;
    }
    if start >= end || opens_with_participle(doc, start) {
        return None;
    }
    // A pronoun must be the whole phrase.
    let last = end - 1;
    if doc.is_in(last, words::PRONOUNS) {
        return Some((last, end));
    }
    if !speaker_head(doc, last) {
        // `one veteran of the harbour projects commented`: a person or group before an
        // affiliation whose own head does not speak is the source, with the affiliation.
        // Not before a document's verb (`former host of the reality show “The Apprentice”`).
        let p = start.checked_sub(1)?;
        let speech =
            cue_matcher().match_at(doc, cue).is_some_and(|m| matches!(m.entry.category(), "speech" | "manner"));
        if !speech
            || !doc.is_in(p, words::AFFILIATIONS)
            || doc.tok(p).sent != doc.tok(cue).sent
            || !doc.same_para(p, cue)
        {
            return None;
        }
        let np = np_before(doc, p)
            .filter(|np| np.1 == p && !doc.is_cap(head_of(doc, *np)) && !doc.is_in(np.0, words::PRONOUNS))?;
        return Some((np.0, end));
    }
    // `Tim Doe with the Calvera Health Authority says`, `Archbishop Jane Doe of the Patriarchate of
    // Calvera told`: a name before the affiliation is the speaker.
    while start >= 2
        && doc.is_cap(start + usize::from(doc.is(start, "the")))
        && doc.same_para(start - 2, cue)
        && doc.tok(start - 2).sent == doc.tok(cue).sent
    {
        let p = start - 1;
        if !doc.is_in(p, words::AFFILIATIONS) || !doc.is_cap(p - 1) {
            break;
        }
        let mut s = p - 1;
        while s > 0 && doc.tok(s - 1).sent == doc.tok(cue).sent && (doc.is_cap(s - 1) || is_name_dot(doc, s - 1)) {
            s -= 1;
        }
        start = s;
    }
    Some((start, end))
}

/// A dash that sets off an aside (`—`, `–`, or a hyphen or `--` with a space before or after it),
/// not the hyphen inside a word (`D-Calif.`).
fn spaced_dash(doc: &Doc, i: usize) -> bool {
    match doc.tok_text(i) {
        "—" | "–" => true,
        "-" if doc.tok(i).kind == TokKind::Punct => {
            let spaced_before = i == 0 || doc.tok(i - 1).end < doc.tok(i).start;
            let spaced_after = i + 1 >= doc.len() || doc.tok(i).end < doc.tok(i + 1).start;
            spaced_before || spaced_after
        }
        _ => false,
    }
}

/// Prepositions that attach an affiliation to a name (`Jane Doe of the union`).
pub(crate) const AFFILIATIONS: &[&str] = &["of", "with", "at", "from", "for"];

/// The word a source phrase is about: its last word, or for a name with an affiliation the
/// name's last word (`Jane Doe of the Calvera Union` → `Doe`).
fn name_head(doc: &Doc, r: (usize, usize)) -> usize {
    let h = head_of(doc, r);
    if let Some(p) = (r.0 + 1..h).find(|&k| doc.is_in(k, words::AFFILIATIONS)) {
        if is_name_word(doc, p - 1) {
            return p - 1;
        }
    }
    h
}

/// A comma between two adjectives of a description: `the lanky, bespectacled professor`.
fn adjective_comma(doc: &Doc, comma: usize) -> bool {
    comma >= 2
        && doc.is_word(comma - 1)
        && doc.is_word(comma + 1)
        && !doc.is_cap(comma - 1)
        && !doc.is_cap(comma + 1)
        && !doc.is_in(comma + 1, words::DETERMINERS)
        && doc.is_any(comma - 2, &["the", "a", "an"])
}

/// A comma that opens or closes an appositive name: `executive, Jane Doe,` (capitalised neighbours).
fn appositive_comma(doc: &Doc, comma: usize) -> bool {
    comma > 0 && comma + 1 < doc.len() && (doc.is_cap(comma + 1) || doc.is_cap(comma - 1))
}

/// Where the name that ends right before token `end` starts (its words, and the dots of initials
/// and titles: `Sen. Harry J. Doe`), not before token `floor`; `end` if no name ends there.
fn name_start(doc: &Doc, end: usize, floor: usize) -> usize {
    let mut s = end;
    while s > floor && (is_name_word(doc, s - 1) || is_name_dot(doc, s - 1)) {
        s -= 1;
    }
    s
}

/// The dot after an initial or an abbreviated title inside a name (`Harry J. Doe`, `Sen. Doe`).
fn is_name_dot(doc: &Doc, dot: usize) -> bool {
    dot > 0
        && doc.tok(dot - 1).end == doc.tok(dot).start
        && doc.is_cap(dot - 1)
        && (doc.tok(dot - 1).len() == 1 || doc.is_abbreviation(dot - 1))
}

/// The subject of a clause whose verb follows an appositive: `“…,” Harry J. Doe, director of
/// studies at the institute, said` or `Doe, who chairs the panel, said`. The clause starts after a
/// closing quote mark or at the sentence start (or after an opening phrase such as `In a
/// statement,`); its subject is a noun phrase followed by the comma that opens the appositive.
fn appositive_subject(doc: &Doc, comma: usize) -> Option<(usize, usize)> {
    let sent = doc.tok(comma).sent;
    let sent_start = doc.sentences[sent as usize].tokens.0 as usize;
    let mut start = comma;
    while start > sent_start && comma - start < 40 && !is_double_mark(doc, start - 1) {
        start -= 1;
    }
    // Clause openings to try: the start, then after each of the first few commas.
    let mut tries = 0;
    let mut c = start;
    while c < comma && tries < 3 {
        while c < comma && (doc.is_punct(c, ",") || doc.is_in(c, words::NOT_NAMES) && !doc.is_in(c, words::DETERMINERS))
        {
            c += 1;
        }
        if let Some(np) = np_forward(doc, c) {
            if np.1 < comma && doc.is_punct(np.1, ",") {
                return Some(with_appositive_name(doc, np, comma));
            }
            if np.1 == comma {
                return Some(np);
            }
        }
        tries += 1;
        match (c..comma).find(|&k| doc.is_punct(k, ",")) {
            Some(k) => c = k + 1,
            None => break,
        }
    }
    None
}

/// Extends a description with the name in apposition after it, so the name is found:
/// `the company's chief executive, Jane Doe` (up to `limit`).
fn with_appositive_name(doc: &Doc, np: (usize, usize), limit: usize) -> (usize, usize) {
    if np.1 >= doc.len() || !doc.is_punct(np.1, ",") || doc.is_cap(head_of(doc, np)) {
        return np;
    }
    let mut e = np.1 + 1;
    while e < limit && e < doc.len() && doc.tok(e).sent == doc.tok(np.0).sent && is_name_word(doc, e) {
        e += 1;
    }
    if e > np.1 + 1 {
        (np.0, e)
    } else {
        np
    }
}

/// A capitalised word that is not sentence-initial or a common word written with a capital.
fn is_name_word(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i) && !doc.is_in(i, words::NOT_NAMES)
}

/// A word that can only be a verb here: a cue, or a past tense (`yelled`, `beamed`).
fn verb_like(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) || doc.is_cap(i) {
        return false;
    }
    let w = doc.tok_lower(i);
    cue_matcher().match_at(doc, i).is_some() || (w.len() > 4 && w.ends_with("ed"))
}

/// The noun phrase starting at token `i`: a pronoun, a name (`Harry J. Doe`, `Sen. Doe (D-Conn.)`,
/// `Stephen Doe of the University of Calvera`, `former Gov. Jane Doe`), or a description (`the
/// company's chief executive`, `a reporter for Agence France-Presse`). Stops at the first comma,
/// verb or clause word.
fn np_forward(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    if i >= doc.len() || !doc.is_word(i) && doc.tok(i).kind != TokKind::Number {
        return None;
    }
    if doc.is_in(i, words::PRONOUNS) {
        return Some((i, i + 1));
    }
    let sent = doc.tok(i).sent;
    // `officials said`, `union members call it`: a bare plural or group noun.
    let bare = !doc.is_cap(i) && speaker_head(doc, i) && !doc.is_in(i, words::NP_STOP) && !modifies_name(doc, i);
    if bare {
        let sent = doc.tok(i).sent;
        let end =
            (i..(i + 4).min(doc.len())).take_while(|&k| doc.tok(k).sent == sent && speaker_head(doc, k)).last()?;
        return Some((i, end + 1));
    }
    let described = doc.is_in(i, words::DETERMINERS) || doc.tok(i).kind == TokKind::Number;
    if !(described || is_name_word(doc, i) || modifies_name(doc, i)) {
        return None;
    }
    let mut end = if described || !doc.is_cap(i) { i } else { i + 1 };
    if described && doc.is(i + 1, "of") && doc.tok(i + 1).sent == doc.tok(i).sent {
        // `one of the players`, `one of two witnesses who…`
        let sent = doc.tok(i).sent;
        let mut k = i + 2;
        while k < doc.len()
            && doc.tok(k).sent == sent
            && (doc.is_in(k, words::DETERMINERS) || doc.tok(k).kind == TokKind::Number)
        {
            k += 1;
        }
        let nouns = (k..(k + 4).min(doc.len()))
            .take_while(|&n| {
                doc.tok(n).sent == sent
                    && doc.is_word(n)
                    && !doc.is_cap(n)
                    && !doc.is_in(n, words::NP_STOP)
                    && !verb_like(doc, n)
            })
            .count();
        if nouns > 0 {
            return Some((i, k + nouns));
        }
    }
    // `said oil and gas worker Jane Doe`: the modifiers lead to the name.
    let mut k = if described || doc.is_cap(i) { i + 1 } else { name_after_modifiers(doc, i).unwrap_or(i + 1) };
    while k < doc.len() && doc.tok(k).sent == sent && k - i < 16 {
        let after_name = k == end && k > i && doc.is_cap(k - 1);
        match doc.tok(k).kind {
            TokKind::Word if doc.is_cap(k) => {
                if cue_matcher().match_at(doc, k).is_some() && doc.tok(k).has(flag::SENT_START) {
                    break;
                }
                // `said Jane Doe Tuesday`: the day the words were said.
                if k > i && doc.is_in(k, words::WEEKDAYS) {
                    break;
                }
                k += 1;
                end = k;
            }
            TokKind::Word => {
                let linking = doc.is_any(k, &["of", "for", "at", "and"]) || doc.is_in(k, words::NAME_PARTICLES);
                if linking && k > i && (doc.is_cap(k + 1) || doc.is(k + 1, "the") && doc.is_cap(k + 2)) {
                    k += if doc.is(k + 1, "the") { 2 } else { 1 };
                    continue;
                }
                if doc.is_in(k, words::NP_STOP)
                    || verb_like(doc, k)
                    || doc.is_any(k, STATEMENT_VERBS)
                    || skippable_adverb(doc, k)
                {
                    break;
                }
                // After a name, only a role continues the phrase (`MaRS director Jane Doe`, `Calvera
                // political scientist Jane Doe`); after a possessive or determiner, any word does.
                if after_name && !possessive(doc, k - 1) && !speaker_head(doc, k) && !modifies_name(doc, k) {
                    break;
                }
                k += 1;
                end = k;
            }
            // `the 39-year-old founder`
            TokKind::Number if described => k += 1,
            TokKind::Number => break,
            TokKind::Punct => {
                if doc.tok_text(k) == "." && is_name_dot(doc, k) && k > i {
                    k += 1;
                    continue;
                }
                let joined = doc.tok(k).start == doc.tok(k - 1).end
                    && doc.is_word(k + 1)
                    && doc.tok(k + 1).start == doc.tok(k).end;
                if described && doc.tok_text(k) == "-" && joined {
                    k += 1;
                    continue;
                }
                // `a Gazette/Ridley poll`: two names joined by a slash.
                if doc.tok_text(k) == "/" && joined && doc.is_cap(k - 1) && doc.is_cap(k + 1) {
                    k += 1;
                    continue;
                }
                if doc.tok_text(k) == "(" && end == k {
                    // `Sen. Doe (D-Conn.)`
                    match (k + 1..(k + 8).min(doc.len())).find(|&c| doc.is_punct(c, ")")) {
                        Some(c) if doc.tok(c).sent == sent => {
                            k = c + 1;
                            end = k;
                            continue;
                        }
                        _ => break,
                    }
                }
                break;
            }
        }
    }
    (end > i && (end > i + 1 || !described)).then_some((i, end))
}

/// A lower-case word in front of a name (`former`, `political scientist`): up to three such words,
/// none a verb or clause word, then a capitalised one.
fn modifies_name(doc: &Doc, i: usize) -> bool {
    name_after_modifiers(doc, i).is_some()
}

/// The capitalised word that the lower-case modifiers starting at `i` lead to (see
/// [`modifies_name`]).
fn name_after_modifiers(doc: &Doc, i: usize) -> Option<usize> {
    let sent = doc.tok(i).sent;
    // A participle such as `retired` may modify a name; a cue cannot.
    let stop = |k: usize| {
        // `oil and gas worker Jane Doe`: `and` joins modifiers, not two names; `former secretary of
        // state Jane Doe`, `master of ceremonies Jane Doe`: `of` joins two words of a role.
        let role_of = doc.is(k, "of")
            && k > i
            && k + 1 < doc.len()
            && doc.is_word(k + 1)
            && !doc.is_cap(k + 1)
            && !doc.is_in(k + 1, words::NP_STOP | words::DETERMINERS);
        doc.is_in(k, words::NP_STOP) && (!doc.is(k, "and") || doc.is_cap(k + 1)) && !role_of
            || cue_matcher().match_at(doc, k).is_some()
            || skippable_adverb(doc, k)
    };
    (i..(i + 6).min(doc.len()))
        .take_while(|&k| doc.tok(k).sent == sent && doc.is_word(k))
        .find(|&k| doc.is_cap(k) || stop(k))
        .filter(|&k| doc.is_cap(k) && !doc.is_in(k, words::NOT_NAMES))
}

/// An adverb or auxiliary that may sit between a subject and its verb (`Doe later said`, `Doe has
/// since apologized`, `Doe, exasperated, famously responded`).
fn skippable_adverb(doc: &Doc, i: usize) -> bool {
    if doc.is_in(i, words::BETWEEN_SUBJECT_AND_CUE) {
        return true;
    }
    let w = doc.tok_lower(i);
    doc.is_word(i) && !doc.is_cap(i) && w.len() > 4 && w.ends_with("ly") && !doc.is_in(i, words::LY_NOUNS)
}

/// Auxiliaries after a name that show it is the subject of a verb (`Doe has…`, `Doe did not…`, `Doe
/// may have said it best`).
pub(crate) const AUXILIARIES: &[&str] =
    &["did", "does", "has", "had", "was", "is", "will", "would", "could", "can", "may", "might", "must", "should"];

/// Nouns ending in -ly, which are not adverbs.
pub(crate) const LY_NOUNS: &[&str] =
    &["family", "rally", "supply", "assembly", "anomaly", "monopoly", "bully", "folly", "belly"];

/// Nouns for people, groups and writings that speak, beyond the source roles `sources` knows.
pub(crate) const SPEAKER_NOUNS: &str = "\
    note letter message sign signs post tweet ad advert release website banner placard caption crowd crowds \
    audience protester protesters protestor protestors demonstrators voter voters student students parent \
    parents fan fans worker workers viewer viewers reporter reporters journalist journalists user users boy \
    girl men women child children kids veteran veterans teacher teachers owner owners cartoonist docker \
    dockers dockworker dockworkers scientist scientists economist historian strategist consultant analyst \
    pollster partner friend neighbour neighbor colleague host anchor moderator writer editor columnist \
    publisher proprietor artist singer actor actress player players team union board panel council \
    republicans democrats conservatives liberals organizers organisers residents officials lawmakers \
    senators candidates businessman businesswoman dad mom mum organizer organiser founder farmer driver \
    trucker activist lawyer professor coach";

/// A head noun a speaking source can have.
fn speaker_head(doc: &Doc, i: usize) -> bool {
    sources::is_head_noun(doc, i) || doc.is_in(i, words::SPEAKER_NOUNS)
}

fn possessive(doc: &Doc, i: usize) -> bool {
    let w = doc.tok_lower(i);
    w.ends_with("'s") || w.ends_with("’s")
}

/// Whether the cue at `cue` can be followed by its subject (`“…,” said Doe`, `Said Doe: …`): it
/// comes right after a quote, a comma, a colon or a dash, or opens the sentence.
fn inverted(doc: &Doc, cue: usize) -> bool {
    let mut p = cue;
    while p > 0 && doc.same_para(p - 1, cue) && skippable_adverb(doc, p - 1) {
        p -= 1;
    }
    p == 0
        || doc.tok(p).has(flag::SENT_START)
        || !doc.same_para(p - 1, cue)
        || is_double_mark(doc, p - 1)
        || matches!(doc.tok_text(p - 1), "," | ":" | "—" | "–")
}

/// `Vidal and Ibarra will meet, Solís said, adding, “…”`: a participle cue after a comma goes on
/// with the latest cue before it in its sentence, and has that cue's source (`Solís`, not the
/// subject of what she said) — when that attribution ends at the comma (`Solís said,`, `said
/// Solís,`) or its source stands right before its cue (`Solís said the port will close, adding`).
/// Not a noun after a possessive (`Ibarra's comments, saying`: someone else made light of them) or
/// inside a noun phrase (`posted a Twitter comment, saying`).
/// `items` are the attributions before token `cue`, in text order.
fn earlier_cue_source(doc: &Doc, items: &[Attr], cue: usize) -> Option<(usize, usize)> {
    if cue == 0 || !doc.is_punct(cue - 1, ",") {
        return None;
    }
    let sent = doc.tok(cue).sent;
    let it = items.last().filter(|it| doc.tok(it.cue.0).sent == sent && it.cue.1 < cue && it.source.1 < cue)?;
    let ends_at_comma = it.cue.1.max(it.source.1) == cue - 1;
    // A determiner inside the phrase or right before it makes the cue a noun (`a Twitter comment`).
    let in_phrase = |k: usize| doc.is_in(k, words::DETERMINERS);
    let subject_verb = it.source.1 == it.cue.0
        && !(it.source.0 > 0 && in_phrase(it.source.0 - 1))
        && !(it.source.0 + 1..it.source.1).any(in_phrase);
    (it.cue_category != "according" && (ends_at_comma || subject_verb) && !possessive(doc, it.source.1 - 1))
        .then_some(it.source)
}

/// The subject of a participle cue (`…, adding that`, `Doe responded on Facebook, writing “…”`):
/// the name or pronoun right before it (`with Doe saying`), else the subject of the sentence.
fn participle_subject(doc: &Doc, cue: usize, people: &People) -> Option<(usize, usize)> {
    let comma_before = cue > 0 && doc.is_punct(cue - 1, ",");
    // `…, issued a statement Tuesday saying`: a phrase that opens with a verb is the predicate,
    // not the subject; the subject is the sentence's.
    let opens_with_verb = |np: &(usize, usize)| verb_like(doc, np.0);
    if let Some(np) = np_before(doc, cue).filter(|np| !comma_before && !opens_with_verb(np)) {
        let after_preposition =
            np.0 > 0 && doc.is_any(np.0 - 1, &["in", "on", "at", "for", "by", "from", "of", "to", "into"]);
        // `The senator emailed supporters saying`, `His office put out a statement saying`: the
        // phrase runs on over the verb and its object; the subject is the words before the verb.
        let verb = (np.0 + 1..np.1).find(|&k| verb_like(doc, k) || doc.is_any(k, STATEMENT_VERBS));
        if let Some(v) = verb.filter(|&v| !after_preposition && person_like(doc, (np.0, v))) {
            return Some((np.0, v));
        }
        if verb.is_none() && !after_preposition && np.1 == cue {
            return Some(np);
        }
    }
    let sent_start = doc.sentences[doc.tok(cue).sent as usize].tokens.0 as usize;
    sentence_subject(doc, sent_start, cue, people)
}

/// Irregular past tenses of putting out a statement, which [`verb_like`]'s `-ed` test misses.
const STATEMENT_VERBS: &[&str] = &["put", "sent", "gave", "made", "struck", "wrote", "took", "got"];

/// The subject of the sentence starting at `start`, ending before `limit`: a phrase that can stand
/// for a speaker, at the start or after an opening phrase (`In a statement, Doe…`, `Back in 1999,
/// Doe…`) or a conjunction (`But Doe…`).
fn sentence_subject(doc: &Doc, start: usize, limit: usize, people: &People) -> Option<(usize, usize)> {
    // `Doe praised the plan; union members call it “a freeze”`: the clause after a semicolon.
    let start = (start..limit).rev().find(|&k| doc.is_punct(k, ";")).map_or(start, |k| k + 1);
    // `WASHINGTON (Reuters) — Doe…`, `WASHINGTON, Dec. 8 (UPI) — Doe…`: a dateline in capitals is
    // not the subject.
    let start = if doc.tok(start).has(flag::ALL_CAPS) {
        (start + 1..limit.min(start + 12))
            .find(|&k| matches!(doc.tok_text(k), "—" | "–" | "-"))
            .map_or(start, |k| k + 1)
    } else {
        start
    };
    let comma = (start..limit.min(start + 17)).find(|&k| doc.is_punct(k, ","));
    let after_conjunction = doc.is_any(start, &["but", "and", "so", "yet", "or", "then"]);
    // `And then Trump went on the attack, saying…`: an adverb after the conjunction.
    let after = if start + 2 < limit && skippable_adverb(doc, start + 1) { start + 2 } else { start + 1 };
    let tries = [Some(start), after_conjunction.then_some(after), comma.map(|c| c + 1)];
    let speaks = |np: (usize, usize)| np.1 < limit && person_like(doc, np) && known_if_single(doc, np, people);
    tries
        .into_iter()
        .flatten()
        .filter(|&c| c < limit)
        .find_map(|c| np_forward(doc, c).filter(|&np| speaks(np)))
        .or_else(|| {
            // `On Thursday, after weeks of silence, Doe endorsed the plan, saying…`: an opening
            // phrase with commas of its own. After a later comma, the subject needs a word right
            // after it that can only be a verb (`…, Roe, the party's nominee that year, Doe…`).
            (start..limit.min(start + 40)).filter(|&k| doc.is_punct(k, ",") && Some(k) != comma).take(3).find_map(|c| {
                let np = np_forward(doc, c + 1).filter(|&np| speaks(np))?;
                let v = (np.1..limit).find(|&k| !skippable_adverb(doc, k))?;
                let w = doc.tok_lower(v);
                let verb = verb_like(doc, v)
                    || doc.is_in(v, words::AUXILIARIES)
                    || doc.is_word(v) && !doc.is_cap(v) && w.ends_with('s') && !w.ends_with("ss");
                verb.then_some(np)
            })
        })
}

/// The source phrase starting at token `i` (after `according to` or in inversion `said Smith`).
fn np_after(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    if i >= doc.len() || i == 0 || !doc.same_para(i, i - 1) || doc.is(i, "that") {
        return None;
    }
    let np = np_forward(doc, i)?;
    // `says Doe's partner, Jane Roe`: the name in apposition belongs to the phrase.
    let limit = doc.sentences[doc.tok(i).sent as usize].tokens.1 as usize;
    let named = with_appositive_name(doc, np, limit);
    // `According to a senior aide, Trump has decided…`: a name that goes on into a verb is the
    // subject of the main clause, not an apposition (`…, Jane Roe of the union.` still is one).
    let e = named.1;
    let subject = named != np && e < limit && doc.is_word(e) && !doc.is_in(e, words::AFFILIATIONS);
    Some(if subject { np } else { named })
}

/// Attributions that the cue lexicon does not give, found from the shape around quote `q`:
/// `“…,” NAME[, appositive,] VERB` (a quote breaking off mid-sentence is followed by its speaker),
/// `NAME: “…”`, and the subject of a sentence that quotes (`Doe called the offer “an insult”`).
/// Also mends the source of a lexicon cue after an appositive (`“…,” Harry J. Doe, director of
/// studies, said`). New attributions go to `extra`; `items` stays sorted.
fn structural_attribution(doc: &Doc, q: &Quote, items: &mut [Attr], people: &People, extra: &mut Vec<Attr>) {
    if !attributed_after(doc, q, items, extra) {
        attributed_before(doc, q, items, people, extra);
    }
}

/// A one-word name at the start of a sentence may be any capitalised word (`Smiling, she…`); it
/// counts as a speaker only if the text uses it for a person elsewhere.
fn known_if_single(doc: &Doc, np: (usize, usize), people: &People) -> bool {
    np.1 - np.0 > 1
        || doc.is_in(np.0, words::PRONOUNS)
        || !doc.is_cap(np.0)
        || !doc.tok(np.0).has(flag::SENT_START)
        || people.find(doc.tok_text(np.0)).is_some()
        || doc.tok(np.0).has(flag::ALL_CAPS)
        // `Beltrán called…`: a word never written in lower case, followed by a past tense.
        || !people.is_common(doc, np.0) && verb_like(doc, np.1)
}

/// `“…,” NAME[, appositive,] VERB` and `“…” — NAME`; returns whether an attribution follows the
/// quote.
fn attributed_after(doc: &Doc, q: &Quote, items: &mut [Attr], extra: &mut Vec<Attr>) -> bool {
    let (a, b) = q.content;
    let para = doc.tok(a).para;
    let in_para = |k: usize| k < doc.len() && doc.tok(k).para == para;
    if q.close_tok.is_none() {
        return false;
    }
    let mut j = q.after_close;
    let mut dash = None;
    while in_para(j) && matches!(doc.tok_text(j), "," | "—" | "–" | "―" | "-") {
        if doc.tok_text(j) != "," {
            dash = Some(j);
        }
        j += 1;
    }
    if !in_para(j) {
        return false;
    }
    if cue_matcher().match_at(doc, j).is_some() {
        return true; // `“…,” said Doe`
    }
    let open_ended = !matches!(doc.tok_text(b - 1), ".");
    if open_ended && verb_like(doc, j) {
        // `“…,” scolded Doe.`: any verb, then a name that ends the sentence.
        if let Some(np) = np_after(doc, j + 1) {
            if person_like(doc, np) && ends_soon(doc, np.1) && doc.is_cap(head_of(doc, np)) {
                extra.push(new_attr(np, (j, j + 1), "speech"));
                return true;
            }
        }
    }
    let Some(np) = np_forward(doc, j) else { return false };
    if let Some(d) = dash {
        // `“…” — Jane Doe`, `“…” — a docker at the gate`: a speaker on its own after a dash,
        // ending the paragraph or sentence, perhaps with where they are but no verb.
        let para_end = doc.paragraphs[para as usize].tokens.1 as usize;
        let ends = !in_para(np.1)
            || matches!(doc.tok_text(np.1), "." | "," | ")" | ";")
            || para_end - np.1 <= 8 && !(np.1..para_end).any(|k| verb_like(doc, k) || is_double_mark(doc, k));
        if ends && person_like(doc, np) {
            extra.push(new_attr(np, (d, d + 1), "speech"));
            return true;
        }
    }
    let mut k = np.1;
    if in_para(k) && doc.is_punct(k, ",") {
        if !open_ended {
            return false;
        }
        // Skip an appositive up to the next comma in the same sentence.
        let sent = doc.tok(k).sent;
        match (k + 1..(k + 30).min(doc.len()))
            .take_while(|&c| doc.tok(c).sent == sent && !is_double_mark(doc, c))
            .find(|&c| doc.is_punct(c, ","))
        {
            Some(c) => k = c + 1,
            None => return false,
        }
    }
    while in_para(k) && skippable_adverb(doc, k) {
        k += 1;
    }
    if !in_para(k) {
        return false;
    }
    let at = items.partition_point(|it| it.cue.0 < k);
    if at < items.len() && items[at].cue.0 == k {
        items[at].source = np;
        return true;
    }
    if let Some(m) = cue_matcher().match_at(doc, k) {
        // `“…,” the civil claim said`: whatever stands before the cue speaks, a document included.
        if open_ended || ends_soon(doc, m.end) {
            extra.push(new_attr(np, (k, m.end), m.entry.category()));
            return true;
        }
    }
    let verb = verb_like(doc, k) || doc.is_word(k) && !doc.is_cap(k) && !doc.is_in(k, words::NP_STOP) && open_ended;
    // After a fragment inside the writer's sentence, a common noun and a verb go on with that
    // sentence (`a “handful of people” filing papers`); only a name there is a speaker.
    let speaker = q.class == QuoteClass::Full || doc.is_cap(head_of(doc, np));
    if verb && speaker && person_like(doc, np) && (open_ended || ends_soon(doc, k + 1)) {
        extra.push(new_attr(np, (k, k + 1), "speech"));
        return true;
    }
    false
}

/// Whether the sentence ends within a few words after token `i`, with no quotation opening
/// first: an attribution that closes a quote (`“…” Doe said on Tuesday.`), not one that opens a
/// new statement (`“…” Doe noted a rally planned for Saturday…`).
fn ends_soon(doc: &Doc, i: usize) -> bool {
    if i == 0 || i >= doc.len() {
        return true;
    }
    let sent = doc.tok(i - 1).sent;
    for k in i..(i + 8).min(doc.len()) {
        if doc.tok(k).sent != sent
            || matches!(doc.tok_text(k), "." | "!" | "?" | ";") && doc.tok(k).kind == TokKind::Punct
        {
            return true;
        }
        if is_double_mark(doc, k) {
            return false;
        }
    }
    i + 8 >= doc.len()
}

/// Whether the sentence of token `i - 1` goes on from `i` to a colon or a quotation mark: the
/// attribution before it introduces what follows (`Doe responds: “No.”`).
fn introduces_quote(doc: &Doc, i: usize) -> bool {
    let Some(sent) = i.checked_sub(1).map(|p| doc.tok(p).sent) else { return false };
    (i..doc.len()).take_while(|&k| doc.tok(k).sent == sent).any(|k| doc.is_punct(k, ":") || is_double_mark(doc, k))
}

/// `Doe: “…”`, `Doe shot back, “…”`, `Doe called the plan “an insult”`: the sentence's subject,
/// right at its start or after an opening phrase (`In a statement, Doe…`), when no lexicon cue
/// in the sentence attributes the quote already.
fn attributed_before(doc: &Doc, q: &Quote, items: &[Attr], people: &People, extra: &mut Vec<Attr>) {
    let Some(open) = q.open_tok else { return };
    let sent = doc.tok(open).sent;
    let sent_start = doc.sentences[sent as usize].tokens.0 as usize;
    if sent_start >= open {
        introduced_by_colon(doc, open, items, people, extra);
        return;
    }
    let first_item = items.partition_point(|it| it.cue.0 < sent_start);
    if items.get(first_item).is_some_and(|it| it.cue.0 < open) {
        return;
    }
    // `… — Jane Doe: “…”`: a name right before the colon that introduces the quote.
    if open >= 2 && doc.is_punct(open - 1, ":") {
        let s = name_start(doc, open - 1, sent_start);
        let boundary = s == sent_start || matches!(doc.tok_text(s - 1), "-" | "—" | "–" | "―" | "." | ":");
        if s + 1 < open && boundary && !doc.tok(s).has(flag::ALL_CAPS) {
            extra.push(new_attr((s, open - 1), (open - 1, open), "speech"));
            return;
        }
    }
    // `Doe’s response: “…”`: the one whose response, reply or answer the colon introduces.
    if open >= 3 && doc.is_punct(open - 1, ":") && doc.is_any(open - 2, RESPONSE_NOUNS) && possessive(doc, open - 3) {
        let s = name_start(doc, open - 3, sent_start);
        if doc.is_cap(s) && !doc.tok(s).has(flag::ALL_CAPS) && is_name_word(doc, open - 3) {
            extra.push(new_attr((s, open - 2), (open - 2, open), "speech"));
            return;
        }
    }
    let Some(np) = sentence_subject(doc, sent_start, open, people) else { return };
    let colon = doc.is_punct(np.1, ":") && np.1 + 1 == open;
    let mut v = np.1;
    if doc.is_punct(v, ",") {
        // `Doe, the target of the remark, retorted, “…”`
        match (v + 1..open).find(|&c| doc.is_punct(c, ",")) {
            Some(c) => v = c + 1,
            None => return,
        }
    }
    while v < open && (skippable_adverb(doc, v) || doc.is_any(v, &["is", "was", "are", "were", "since", "already"])) {
        v += 1;
    }
    // `The Florida senator’s answer was that “…”`: a possessive is no verb.
    let verb =
        doc.is_word(v) && !doc.is_cap(v) && !doc.is_in(v, words::NP_STOP) && !possessive(doc, v) && open - v <= 15;
    // `Doe was asked by the host, Jane Roe, “…?”`: a passive question is the asker's, named after
    // `by` or not at all (`When Doe was asked, “…?” she laughed`).
    if verb && v > np.1 && doc.is_any(v - 1, PASSIVE_AUX) && doc.is_any(v, PASSIVE_ASKED) {
        let by = (v + 1..open.min(v + 4)).find(|&k| doc.is(k, "by"));
        if let Some(asker) = by.and_then(|k| np_forward(doc, k + 1)).filter(|a| a.1 <= open) {
            let asker = with_appositive_name(doc, asker, open);
            extra.push(new_attr(asker, (v, v + 1), "speech"));
        }
        return;
    }
    if colon || verb {
        let cue = if colon { (np.1, np.1 + 1) } else { (v, v + 1) };
        extra.push(new_attr(np, cue, "speech"));
    }
}

/// The sentence that ends the paragraph before the one opening at token `open` with a colon, as
/// tokens `[start, colon)`: it introduces the quotation that opens this paragraph (`Doe then
/// listed her demands:` / `“Open the port.”`).
fn colon_before_paragraph(doc: &Doc, open: usize) -> Option<(usize, usize)> {
    let para = doc.tok(open).para as usize;
    if para == 0 || doc.paragraphs[para].tokens.0 as usize != open {
        return None;
    }
    let colon = doc.paragraphs[para - 1].tokens.1 as usize - 1;
    if !doc.is_punct(colon, ":") {
        return None;
    }
    Some((doc.sentences[doc.tok(colon).sent as usize].tokens.0 as usize, colon))
}

/// `Doe then listed her demands:` / `“Open the port.”`: the subject of a sentence that ends its
/// paragraph with a colon and has a verb, when no lexicon cue there attributes the quote that
/// opens the next paragraph at token `open`.
fn introduced_by_colon(doc: &Doc, open: usize, items: &[Attr], people: &People, extra: &mut Vec<Attr>) {
    let Some((start, colon)) = colon_before_paragraph(doc, open) else { return };
    let first_item = items.partition_point(|it| it.cue.0 < start);
    if items.get(first_item).is_some_and(|it| it.cue.0 < colon) {
        return;
    }
    let Some(np) = sentence_subject(doc, start, colon, people) else { return };
    // `The rationale these critics use is…`: a second determiner starts another phrase, and the
    // subject is not one that speaks.
    if (np.0 + 1..np.1).any(|k| doc.is_in(k, words::DETERMINERS)) {
        return;
    }
    let mut v = np.1;
    while v < colon && skippable_adverb(doc, v) {
        v += 1;
    }
    if v < colon && doc.is_word(v) && !doc.is_cap(v) && !doc.is_in(v, words::NP_STOP) {
        extra.push(new_attr(np, (v, v + 1), "speech"));
    }
}

/// Passive verbs whose subject is spoken to, not speaking (`Doe was asked`).
const PASSIVE_ASKED: &[&str] = &["asked", "questioned", "pressed", "told", "quizzed", "challenged"];
/// The auxiliaries of those passives.
const PASSIVE_AUX: &[&str] = &["was", "were", "is", "are", "been", "being"];

/// What someone says, as the noun before a colon that introduces their words (`Doe’s reply: “…”`).
const RESPONSE_NOUNS: &[&str] =
    &["response", "reply", "answer", "retort", "reaction", "verdict", "message", "advice", "warning", "explanation"];

/// A phrase that can stand for someone who speaks: a personal pronoun, a name, or a description
/// whose head is a person, group or body (`the senator`, `a reporter for Agence France-Presse`).
fn person_like(doc: &Doc, np: (usize, usize)) -> bool {
    if opens_with_participle(doc, np.0) {
        return false;
    }
    let last = head_of(doc, np);
    if np.1 - np.0 == 1 && doc.is_in(np.0, words::PRONOUNS) {
        return !doc.is(np.0, "it");
    }
    if doc.is_cap(last) {
        is_name_word(doc, last) || (np.0..np.1).any(|k| is_name_word(doc, k))
    } else {
        // `a Fox interview` is not a speaker; `the Fox host` is.
        speaker_head(doc, last)
    }
}

/// A phrase opening with a participle in lower case is a predicate, not someone who speaks:
/// `…, carrying signs saying “…”`, `“…,” promising the Friends of Abe will…` (not `nothing`).
fn opens_with_participle(doc: &Doc, i: usize) -> bool {
    let w = doc.tok_lower(i);
    doc.is_word(i) && !doc.is_cap(i) && w.len() >= 6 && w.ends_with("ing") && !w.ends_with("thing")
}

/// The last word of a phrase, before any parenthesis at its end (`Sen. Doe (D-Conn.)` → `Doe`).
fn head_of(doc: &Doc, np: (usize, usize)) -> usize {
    let mut last = np.1 - 1;
    if doc.is_punct(last, ")") {
        while last > np.0 && !doc.is_punct(last, "(") {
            last -= 1;
        }
        last = last.saturating_sub(1).max(np.0);
    }
    last
}

/// A person named in the text, with everything learnt about them.
#[derive(Debug)]
struct Person {
    /// The fullest form of the name (`Delcy Rodríguez`).
    name: String,
    gender: Gender,
    /// Role words used for them (`senator`, `spokeswoman`), for `the senator said`.
    roles: Vec<String>,
    /// Whether the text shows this is a person and not a place or a title in capitals: a title or
    /// role goes with the name, or the surname comes back on its own.
    confirmed: bool,
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    person: usize,
    subject: bool,
}

/// Every person named in the text (outside quotes) and where they are mentioned.
#[derive(Debug, Default)]
struct People<'a> {
    persons: Vec<Person>,
    /// Each word of a person's name (possessive dropped) → the persons bearing it, in order of
    /// first mention.
    by_word: FastMap<&'a str, Bearers>,
    /// Mentions outside quotes, in text order: first token, end token, person, and whether the
    /// mention is the subject of its clause.
    mentions: Vec<Mention>,
    /// One-word names the text writes right after `in` (`in California`): places, whatever verb
    /// follows them elsewhere (`But California offered…`).
    after_in: Vec<&'a str>,
}

/// The persons whose names contain a word, in order of first mention; most words name one person,
/// who is kept without allocating.
#[derive(Debug)]
struct Bearers {
    last: usize,
    earlier: Vec<usize>,
}

impl Bearers {
    fn new(id: usize) -> Bearers {
        Bearers { last: id, earlier: Vec::new() }
    }

    fn contains(&self, id: usize) -> bool {
        self.last == id || self.earlier.contains(&id)
    }

    fn push(&mut self, id: usize) {
        self.earlier.push(std::mem::replace(&mut self.last, id));
    }
}

/// The longest run of capitalised tokens read as one name.
const MAX_NAME_RUN: usize = 8;

impl<'a> People<'a> {
    fn scan(doc: &Doc<'a>, quotes: &Quotes, index: &sources::NameIndex) -> People<'a> {
        // About one token in sixteen is a word of a name: room for them, so the map is seldom
        // rebuilt while it fills.
        let mut people = People {
            by_word: FastMap::with_capacity_and_hasher(doc.len() / 16, Default::default()),
            ..People::default()
        };
        let gendered_pronoun = doc.class_test(words::GENDERED_PRONOUNS);
        // Per paragraph: 0 not yet known, 1 ordinary, 2 a headline (built on first need).
        let mut headline: Vec<u8> = Vec::new();
        // Only a capitalised word or a gendered pronoun does anything below: the walk visits those
        // alone.
        let mut candidates = doc.capitalised_or(words::GENDERED_PRONOUNS);
        let mut from = 0;
        while let Some(i) = candidates.at_or_after(from) {
            from = i + 1;
            let t = doc.tok(i);
            if t.kind != TokKind::Word
                || !t.has(flag::CAP)
                || t.has(flag::ALL_CAPS)
                || quotes.inside_quote(t.span())
                || title_verb(doc, i)
            {
                if gendered_pronoun(i) && !quotes.inside_quote(t.span()) {
                    people.learn_gender(doc, i);
                }
                continue;
            }
            let s = i;
            let mut e = i + 1;
            while e < doc.len() && doc.same_para(s, e) && e - s < MAX_NAME_RUN {
                // `said Jane Doe Tuesday`: a weekday is never part of a name.
                let name_part = doc.is_cap(e) && !doc.tok(e).has(flag::ALL_CAPS) && !doc.is_in(e, words::WEEKDAYS)
                    || doc.is_punct(e, ".") && is_name_dot(doc, e)
                    || doc.is_in(e, words::NAME_PARTICLES) && doc.is_cap(e + 1) && doc.same_para(e, e + 1);
                // A possessive ends a name: `Jane Doe’s New Book` is a name and a title.
                if !name_part || possessive(doc, e - 1) || title_verb(doc, e) {
                    break;
                }
                // In a headline every word is capitalised, so capitals do not mark where a name
                // ends: after two words, the name ends where the article writes it in full
                // elsewhere (`Elizabeth Warren Hammers Wells Fargo`), or before a word the text
                // also writes in lower case or the lexicons know (`Glenn Beck Says Trump…`).
                if e - s >= 2
                    && doc.is_word(e)
                    && is_headline(doc, &mut headline, e)
                    && (people.is_common(doc, e)
                        || doc.token_words().ids[e] != lexicon::NO_WORD
                            && !doc.is_in(e, words::NAME_PARTICLES | words::PERSON_TITLES)
                        || index
                            .full_name_before(doc.tok_text(e - 1), usize::MAX)
                            .is_some_and(|full| full == doc.slice(doc.span_of(s, e - 1))))
                {
                    break;
                }
                e += 1;
            }
            // A name in a headline counts only as the article writes it in full (`Donald Trump`
            // in `Donald Trump Calls Out…`); else the headline's words would make up a person
            // (`Obama Says African-American`), and the body names the people anyway.
            let from_headline = e - s >= 2 && is_headline(doc, &mut headline, s) && {
                let run = doc.slice(doc.span_of(s, e - 1));
                !index
                    .full_name_before(doc.tok_text(e - 1), usize::MAX)
                    .is_some_and(|full| run.ends_with(full.as_str()))
            };
            if !from_headline {
                people.add_run(doc, s, e, index);
            }
            from = e;
        }
        people
    }

    /// Registers the name in tokens `[s, e)`, with what the words around it say about the person.
    fn add_run(&mut self, doc: &Doc<'a>, s: usize, e: usize, index: &sources::NameIndex) {
        let mut gender = Gender::Unknown;
        let mut roles: Vec<String> = Vec::new();
        // Titles and roles inside the run: the name starts after the last of them
        // (`Transport Minister Tomás Ibarra`, `Sen. Jane Doe`).
        let mut name_start = s;
        for k in s..e {
            if let Some(&(_, g, role)) = title_at(doc, k) {
                if g != Gender::Unknown {
                    gender = g;
                }
                if !role.is_empty() {
                    roles.push(role.to_string());
                }
                name_start = k + 1;
            }
        }
        // Sentence-initial function words, common words and roles (`But`, `Maybe`, `Organizer
        // Jane Doe`).
        while name_start < e
            && (doc.is_punct(name_start, ".")
                || doc.is_in(name_start, words::NOT_NAMES | words::SPEAKER_NOUNS)
                || doc.tok(name_start).has(flag::SENT_START) && self.is_common(doc, name_start))
        {
            name_start += 1;
        }
        if name_start >= e {
            return;
        }
        if e - name_start == 1 && name_start > 0 && doc.is(name_start - 1, "in") && !possessive(doc, name_start) {
            self.after_in.push(doc.tok_text(name_start));
        }
        // `Rebuking Trump, Ryan…`, `Hosting Cook at the fair`: a word in -ing opening a sentence (or
        // after a group's name) before the surname of someone the text named already, by another
        // first name, is a participle or a gerund, not a first name; kept, it would make a new
        // person whom every later `Trump` stands for. Not inside a sentence: `said Sterling Doe`.
        let opens = name_start > s || doc.tok(name_start).has(flag::SENT_START);
        if opens && e - name_start >= 2 && doc.is_word(e - 1) && doc.tok_lower(name_start).ends_with("ing") {
            let surname = strip_possessive(doc.tok_text(e - 1));
            let first = doc.tok_text(name_start);
            let other_first_name = self.find(surname).is_some_and(|id| {
                let known = &self.persons[id].name;
                known.split_whitespace().count() >= 2 && !known.starts_with(first)
            });
            if other_first_name && !doc.is_in(name_start, words::FEMALE_GIVEN_NAMES | words::MALE_GIVEN_NAMES) {
                name_start += 1;
            }
        }
        // A lower-case role right before the name (`union leader Ana Beltrán`).
        if s > 0 && doc.same_para(s - 1, s) && doc.is_word(s - 1) && !doc.is_cap(s - 1) {
            if let Some(&(_, g, role)) = title_at(doc, s - 1) {
                gender = if g == Gender::Unknown { gender } else { g };
                roles.push(role.to_string());
            }
        }
        // A run of common words is a title or a heading (`We Are In`), not a name; nor is a place
        // or a nationality (`Prominent Canadian examples`).
        let common = |k: usize| self.is_common(doc, k);
        let nationality = |k: usize| ["ian", "ese"].iter().any(|x| doc.tok_lower(k).ends_with(x));
        if common(e - 1) && (common(name_start) || doc.tok(name_start).has(flag::SENT_START))
            || (name_start..e).any(|k| doc.is_in(k, words::PLACE_WORDS))
            || nationality(e - 1)
            || index.classify(doc, (name_start, e)) != SourceType::NamedPerson
        {
            return;
        }
        // The words of the name, kept on the stack: a run is at most `MAX_NAME_RUN` tokens.
        let mut buf = [""; MAX_NAME_RUN];
        let mut n = 0;
        for k in (name_start..e).filter(|&k| doc.is_word(k)) {
            buf[n] = strip_possessive(doc.tok_text(k));
            n += 1;
        }
        let words = &buf[..n];
        let Some(&surname) = words.last() else { return };
        // `a fellow New Hampshire Sanders veteran`, `Top Sanders strategists`: a run before a role
        // noun, ending in the surname of someone the text named by another first name, modifies
        // that noun; kept, it would make a new person whom every later `Sanders` stands for.
        let modifier = e < doc.len()
            && doc.same_para(e - 1, e)
            && doc.is_word(e)
            && !doc.is_cap(e)
            && !possessive(doc, e - 1)
            && speaker_head(doc, e);
        if modifier
            && words.len() >= 2
            && self.find(surname).is_some_and(|id| {
                // (Not a name the known one ends with: `Republican Donald Trump` … `Donald Trump adviser`.)
                let known = &self.persons[id].name;
                let run = doc.slice(doc.span_of(name_start, e - 1));
                !known.starts_with(words[0]) && !known.ends_with(strip_possessive(run))
            })
        {
            return;
        }

        // Only an honorific or an abbreviated title makes a single word a name (`Mrs. Doe`, `Sen.
        // Doe`); `General Motors` is not a person.
        let titled = (s..name_start)
            .any(|k| title_at(doc, k).is_some_and(|t| t.1 != Gender::Unknown || doc.is_punct(k + 1, ".")));
        let known = if words.len() == 1 {
            self.find_as(surname, gender)
        } else {
            // `Michael Doe` after `Dorie Doe` is someone else with the same surname; so is
            // `Michelle Obama` after `Mr. Obama`.
            let given = if doc.is_in(name_start, words::FEMALE_GIVEN_NAMES) {
                Gender::Female
            } else if doc.is_in(name_start, words::MALE_GIVEN_NAMES) {
                Gender::Male
            } else {
                gender
            };
            self.find(surname).filter(|&id| {
                let other = &self.persons[id];
                (other.name.split_whitespace().count() < 2 || other.name.starts_with(words[0]))
                    && !conflicts(other.gender, given)
            })
        };
        // Subject position: the clause starts here (sentence start, after a comma, a quote or an
        // opening conjunction), perhaps after the person's role (`Union leader Ana Beltrán`), and
        // the name is not a possessive (`Doe's plan`).
        let mut first = s;
        while first > 0
            && s - first < 5
            && doc.tok(first - 1).sent == doc.tok(s).sent
            && (doc.is_cap(first - 1) || doc.is_any(first - 1, &["the", "a", "an"]) || speaker_head(doc, first - 1))
        {
            first -= 1;
        }
        let prev = first.checked_sub(1).filter(|&p| doc.tok(p).sent == doc.tok(s).sent);
        let subject = match prev {
            None => true,
            Some(p) => {
                doc.is_punct(p, ",")
                    || is_double_mark(doc, p)
                    || doc.is_any(p, &["but", "and", "so", "then"]) && doc.tok(p).has(flag::SENT_START)
            }
        };
        // A name opening a clause and followed by a verb is a person acting (`Jane Doe hopes…`,
        // `Jane Doe with the union turned out…`, `Jane Doe — a former prosecutor — went on…`); a
        // place is rarely the subject of a verb.
        let sent = doc.tok(s).sent;
        let mut v = e;
        if v < doc.len() && doc.tok(v).sent == sent && matches!(doc.tok_text(v), "," | "—" | "–") {
            let close = doc.tok_text(v);
            // The closing mark is punctuation: words are passed over on their kind alone.
            v = (v + 1..(v + 30).min(doc.len()))
                .take_while(|&k| doc.tok(k).sent == sent)
                .find(|&k| doc.tok(k).kind == TokKind::Punct && doc.tok_text(k) == close)
                .map_or(v, |k| k + 1);
            // `Mr. Doe’s campaign chairman, Paul Roe, dismissed…`: the comma after a name in
            // apposition to a role closes it.
            if v == e && s >= 2 && doc.is_punct(s - 1, ",") && !doc.is_cap(s - 2) && speaker_head(doc, s - 2) {
                v = e + 1;
            }
        }
        let acts = v < doc.len()
            && doc.tok(v).sent == sent
            && doc.is_word(v)
            && !doc.is_cap(v)
            && (!doc.is_in(v, words::NP_STOP)
                || doc.is_any(v, &["with", "of"]) && doc.is_cap(v + 1)
                || skippable_adverb(doc, v))
            // `Prominent Canadian lawyer Jane Doe`: the run modifies a name, it is not one; nor is
            // a possessive a verb (`The Florida senator’s answer`).
            && !speaker_head(doc, v)
            && !possessive(doc, v);
        // A lone word needs a word that can only be a verb after it (`Doe didn't hesitate`, `Doe
        // hopes`), not a noun it modifies (`Canadian choreographer`).
        let verb_follows = acts && {
            let w = doc.tok_lower(v);
            verb_like(doc, v)
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || w.ends_with('s') && !w.ends_with("ss")
                || doc.is_in(v, words::AUXILIARIES)
        };
        let id = match known {
            Some(id) => id,
            // A single unknown word is a name only with a title (`Mrs. Doe`) or as the subject of a
            // verb inside a sentence (`When asked, Doe didn't hesitate`); alone it may be a place.
            None if words.len() < 2
                && !titled
                && !(subject && verb_follows && !doc.tok(name_start).has(flag::SENT_START)) =>
            {
                return
            }
            None => {
                self.persons.push(Person {
                    name: String::new(),
                    gender: Gender::Unknown,
                    roles: Vec::new(),
                    confirmed: false,
                });
                self.persons.len() - 1
            }
        };
        let name = strip_possessive(doc.slice(doc.span_of(name_start, e - 1)));
        let p = &mut self.persons[id];
        if name.len() > p.name.len() && (p.name.is_empty() || name.ends_with(surname)) {
            p.name = name.to_string();
        }
        for &w in words {
            match self.by_word.entry(w) {
                Entry::Occupied(mut o) if !o.get().contains(id) => o.get_mut().push(id),
                Entry::Occupied(_) => {}
                Entry::Vacant(v) => {
                    v.insert(Bearers::new(id));
                }
            }
        }
        // An appositive after the name: `Jane Doe, a spokeswoman for the union,`.
        if e < doc.len() && doc.is_punct(e, ",") {
            let sent = doc.tok(e).sent;
            // Someone else's gender after another name or a possessive pronoun (`Mr. Doe, with Mrs.
            // Roe`, `Mr. Doe, whose wife`).
            let mut other = false;
            for k in (e + 1..(e + 9).min(doc.len())).take_while(|&k| doc.tok(k).sent == sent && !doc.is_punct(k, ",")) {
                other |= doc.is_cap(k) || doc.is_any(k, &["his", "her", "their", "whose"]);
                if let Some(&(_, g)) = (!other && doc.is_in(k, words::GENDERED_NOUNS))
                    .then(|| GENDERED_NOUNS.iter().find(|n| doc.is(k, n.0)))
                    .flatten()
                {
                    gender = g;
                }
                if doc.is_word(k) && !doc.is_cap(k) && sources::is_head_noun(doc, k) {
                    roles.push(doc.tok_lower(k).to_string());
                }
            }
        }
        let p = &mut self.persons[id];
        p.confirmed |= titled || !roles.is_empty() || gender != Gender::Unknown || known.is_some() && words.len() == 1;
        if gender != Gender::Unknown {
            p.gender = gender;
        } else if p.gender == Gender::Unknown && words.len() >= 2 {
            // A given name before the surname tells the gender when no title, role or pronoun has:
            // only for agreeing pronouns (`Claire McCaskill … she said`), not as evidence that
            // the words are a person's name.
            if doc.is_in(name_start, words::FEMALE_GIVEN_NAMES) {
                p.gender = Gender::Female;
            } else if doc.is_in(name_start, words::MALE_GIVEN_NAMES) {
                p.gender = Gender::Male;
            }
        }
        for r in roles {
            if !p.roles.contains(&r) {
                p.roles.push(r);
            }
        }
        // A first name the text never writes in lower case, then an auxiliary: a person (`Ana
        // Beltrán did not attend`), where a place would start with a common word (`New York`).
        let aux = doc.is_in(v, words::AUXILIARIES);
        let personal = words.len() > 1 && aux && !self.is_common(doc, name_start);
        if subject && (acts && words.len() > 1 || verb_follows && known.is_none() || personal) {
            self.persons[id].confirmed = true;
        }
        self.mentions.push(Mention { start: s, end: e, person: id, subject: subject && !possessive(doc, e - 1) });
    }

    /// Registers the person a source phrase names when the text gives the name only there
    /// (`said Na'moks`), so later pronouns can refer to them.
    fn register(&mut self, doc: &Doc<'a>, r: (usize, usize)) -> Option<usize> {
        let name = person_name(doc, r)?;
        let id = self.persons.len();
        for w in name.split_whitespace() {
            match self.by_word.entry(w) {
                Entry::Occupied(mut o) => o.get_mut().push(id),
                Entry::Vacant(v) => {
                    v.insert(Bearers::new(id));
                }
            }
        }
        self.persons.push(Person {
            name: name.to_string(),
            gender: Gender::Unknown,
            roles: Vec::new(),
            confirmed: false,
        });
        Some(id)
    }

    /// `Ana Beltrán left her office`: a personal pronoun after the subject of a sentence, with no
    /// other person named in between, gives the subject's gender when it is not known yet.
    fn learn_gender(&mut self, doc: &Doc, pronoun: usize) {
        let sent = doc.tok(pronoun).sent;
        let mut in_sentence = self.mentions.iter().rev().take_while(|m| doc.tok(m.start).sent == sent);
        let (Some(&m), None) = (in_sentence.next(), in_sentence.next()) else { return };
        if !m.subject {
            return;
        }
        let person = &mut self.persons[m.person];
        if person.gender == Gender::Unknown {
            person.gender =
                if doc.is_any(pronoun, &["he", "him", "his", "himself"]) { Gender::Male } else { Gender::Female };
        }
    }

    /// Whether the word at `i` is also written in lower case in the text: a common word, not a
    /// name, when it opens a sentence (`Maybe Trump…`). A word with an ASCII capital inside
    /// (`iPhone`) is not: no lowercased token can equal it.
    fn is_common(&self, doc: &Doc, i: usize) -> bool {
        doc.also_written(i, words::written::LOWER_CASE)
    }

    /// The person whose name contains `word`, most recently registered; but one whose name ends
    /// in it before any other: `Mr. Trump` is `Donald Trump`, not the `Trump Tower` named since,
    /// whose words make a person of a building, a fund or a show (`Paulson Partners Enhanced`,
    /// `Rachel Maddow Show`). A name the word is not last in is kept when no other has it: `Mr.
    /// Lou` is `Lou Jiwei`, `Ms. Acosta` is `Melba Acosta Febo`.
    fn find(&self, word: &str) -> Option<usize> {
        self.find_as(word, Gender::Unknown)
    }

    /// The person of exactly this full name (`Khizr Khan`, not the `Ghazala Khan` named since).
    fn find_full(&self, name: &str) -> Option<usize> {
        let b = self.by_word.get(name.rsplit(' ').next()?)?;
        std::iter::once(&b.last).chain(b.earlier.iter().rev()).copied().find(|&id| self.persons[id].name == name)
    }

    /// [`People::find`] for a surname after an honorific of gender `g` (`Mr. Obama`): of the
    /// names that end in it, the latest whose bearer the text does not show is of the other
    /// gender (not `Michelle Obama`); with none, no one (a new person, not the wrong one).
    fn find_as(&self, word: &str, g: Gender) -> Option<usize> {
        let word = strip_possessive(word);
        let b = self.by_word.get(word)?;
        // (A generation after the surname is no other word: `Donald Trump Jr.`.)
        let ends = |&id: &usize| {
            let mut w = self.persons[id]
                .name
                .rsplit(' ')
                .skip_while(|w| matches!(*w, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III"));
            w.next() == Some(word)
        };
        let mut latest = std::iter::once(&b.last).chain(b.earlier.iter().rev());
        let agrees = |id: &usize| !conflicts(self.persons[*id].gender, g);
        let id = latest.clone().find(|id| ends(id)).unwrap_or(&b.last);
        if agrees(id) {
            Some(*id)
        } else {
            latest.find(|id| ends(id) && agrees(id)).copied()
        }
    }
}

/// Verbs a title-case headline capitalises after a name (`Donald Trump Is Right`, `Ted Cruz
/// Refuses…`), which no name has as a word. Not `Will` or `May` (`George Will`, `Theresa May`).
#[rustfmt::skip]
const TITLE_VERBS: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "does", "did", "can", "could", "would", "should", "must",
    "says", "said", "tells", "told", "refuses", "wants", "calls", "slams", "vows", "warns", "admits", "makes", "sees",
];

/// A verb of [`TITLE_VERBS`] written with a capital inside a sentence.
fn title_verb(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START) && doc.is_any(i, TITLE_VERBS)
}

/// Two genders the text states, and not the same.
fn conflicts(a: Gender, b: Gender) -> bool {
    a != b && a != Gender::Unknown && b != Gender::Unknown
}

/// Whether token `tok`'s paragraph is a headline in title case: at least three capitalised words
/// of four letters or more (words in capitals, as in a dateline, do not count), and no word in
/// lower case but the short ones title case leaves small (`and`, `of`, `to`…). A sentence about
/// people has a lower-case verb or noun (`Mrs. Beltrán met Minister Tomás Ibarra on Monday.`,
/// `Governor Pence? “Solid as a rock.”`). `cache` holds the answer per paragraph.
fn is_headline(doc: &Doc, cache: &mut Vec<u8>, tok: usize) -> bool {
    if cache.is_empty() {
        cache.resize(doc.paragraphs.len(), 0);
    }
    let p = doc.tok(tok).para as usize;
    if cache[p] == 0 {
        let (a, b) = doc.paragraphs[p].tokens;
        let mut caps = 0usize;
        let mut lower = false;
        for i in a as usize..b as usize {
            if !doc.is_word(i) {
                continue;
            }
            if doc.is_cap(i) {
                caps += usize::from(doc.tok_lower(i).len() >= 4 && !doc.tok(i).has(flag::ALL_CAPS));
            } else if !doc.is_any(i, TITLE_CASE_SMALL) {
                lower = true;
                break;
            }
        }
        cache[p] = if caps >= 3 && !lower { 2 } else { 1 };
    }
    cache[p] == 2
}

/// Words a title-case headline leaves in lower case.
#[rustfmt::skip]
const TITLE_CASE_SMALL: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
    "per", "to", "up", "via", "vs", "be", "is", "are", "was", "with", "from", "into", "over", "than", "that",
    "onto", "amid", "upon",
];

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s").or_else(|| s.strip_suffix("'s")).unwrap_or(s)
}

/// How many earlier candidates a pronoun or description may reach back to.
const RECENT: usize = 40;

/// Classifies every source and resolves pronouns, surnames and descriptions: a name to the fullest
/// form the text gives, `he`/`she` to the most recent person of a compatible gender who was the
/// subject of a clause or a source, `the senator` to the most recent person called a senator.
fn resolve<'a>(
    doc: &Doc<'a>,
    quotes: &Quotes,
    items: &mut [Attr],
    people: &mut People<'a>,
    index: &sources::NameIndex,
) {
    // The person each attribution stands for, once known.
    let mut person_of: Vec<Option<usize>> = vec![None; items.len()];
    for k in 0..items.len() {
        let (a, b) = items[k].source;
        // The source phrase as its own name, made only where it is that (one string fewer for
        // every other attribution).
        let phrase = || doc.slice(doc.span_of(a, b - 1)).to_string();
        if b - a == 1 && doc.is_in(a, words::PRONOUNS) {
            let want = match doc.tok_lower(a) {
                "he" => Some(Gender::Male),
                "she" => Some(Gender::Female),
                _ => None,
            };
            if let Some(g) = want {
                // `A senior diplomat said … He said …`: an unnamed source mentioned after every
                // compatible person (in this or the previous paragraph) is who `he` is.
                let para = doc.tok(a).para;
                let anon = (k.saturating_sub(RECENT)..k).rev().find(|&j| {
                    items[j].source_type == SourceType::Anonymous
                        && !sources::is_plural_phrase(doc, items[j].source)
                        && doc.tok(items[j].source.0).para + 1 >= para
                });
                let since = anon.map_or(0, |j| items[j].source.1);
                if refer_to_person(doc, items, &mut person_of, people, k, Some(g), |_| true, (since, false)) {
                    continue;
                }
                if let Some(j) = anon {
                    items[k].source_type = SourceType::Anonymous;
                    items[k].name = items[j].name.clone();
                    items[k].antecedent = Some(j);
                    continue;
                }
            }
            // `they`, `it`: the most recent earlier source that can be referred to this way.
            let plural = doc.is_any(a, &["they", "we"]);
            let it = doc.is(a, "it");
            // A person who spoke since is not passed over for a thing (`Acme Shipping said it would
            // appeal`: a company the text does not show is one stays a possible person).
            let person_since = (k.saturating_sub(RECENT)..k)
                .rev()
                .find(|&j| items[j].source_type == SourceType::NamedPerson)
                .map_or(0, |j| items[j].source.1);
            let ante = (k.saturating_sub(RECENT)..k).rev().find(|&j| {
                let t = items[j].source_type;
                let j_plural = sources::is_plural_phrase(doc, items[j].source);
                // `The cable warned … It said`: a writing, a body or a document that spoke, though
                // the phrase alone names no one.
                let thing = it
                    && items[j].source.0 >= person_since
                    && t == SourceType::Unknown
                    && !j_plural
                    && doc.tok(items[j].source.0).para + 1 >= doc.tok(a).para
                    && is_thing(doc, head_of(doc, items[j].source));
                want.is_none()
                    && !doc.is(a, "i")
                    && (thing || !matches!(t, SourceType::Unknown | SourceType::NamedPerson))
                    && (plural == j_plural || t == SourceType::NamedOrganisation && plural)
            });
            // `The email shows her in hunting gear. At the bottom it reads, “…”`: a writing, a body
            // or a document that a later sentence is about is what `it` stands for; but not after
            // `where` or `which` (`a passage where it states`), whose `it` was named just before.
            let relative = a > 0 && doc.is_any(a - 1, &["where", "which", "that", "whose"]);
            let mentioned = if it && !relative { thing_before(doc, quotes, a) } else { None };
            let latest = ante.map_or(person_since, |j| items[j].source.1.max(person_since));
            if let Some(r) = mentioned.filter(|r| r.0 >= latest) {
                let st = index.classify(doc, r);
                items[k].source_type = if st == SourceType::NamedPerson { SourceType::Unknown } else { st };
                items[k].name = doc.slice(doc.span_of(r.0, r.1 - 1)).to_string();
                continue;
            }
            match ante {
                Some(j) => {
                    items[k].source_type = items[j].source_type;
                    items[k].name = items[j].name.clone();
                    items[k].antecedent = Some(j);
                }
                None => {
                    items[k].source_type = SourceType::Unknown;
                    items[k].name = phrase();
                }
            }
            continue;
        }
        // `her statement said`: the writing speaks for the person the pronoun stands for.
        if b - a == 2 && doc.is_any(a, &["his", "her"]) && doc.is_in(a + 1, words::WRITINGS) {
            let g = if doc.is(a, "his") { Gender::Male } else { Gender::Female };
            if refer_to_person(doc, items, &mut person_of, people, k, Some(g), |_| true, (0, false)) {
                continue;
            }
        }
        let mut st = index.classify(doc, items[k].source);
        if st == SourceType::Secondhand && sources::outlet_acts_for_itself(doc, &items[k]) {
            st = SourceType::NamedOrganisation;
        }
        // `said the younger Mr. Doe`: a son or daughter set apart from the parent the surname
        // alone would name; the description, not the parent.
        if (a..b.saturating_sub(1))
            .any(|i| doc.is_any(i, &["younger", "elder", "older"]) && title_at(doc, i + 1).is_some())
        {
            items[k].source_type = st;
            items[k].name = phrase();
            continue;
        }
        let named = person_in(doc, people, items[k].source);
        if st == SourceType::NamedOrganisation && named.is_some_and(|p| people.persons[p].confirmed) {
            // `union leader Ana Beltrán`: an organisation word describes the person the phrase names.
            st = SourceType::NamedPerson;
        }
        let head = head_of(doc, items[k].source);
        // Not a plural one: `the physicians said` is never one person named earlier.
        let description = doc.is_any(a, &["the", "this", "that"])
            && !doc.is_cap(head)
            && matches!(st, SourceType::Unknown | SourceType::NamedPerson)
            && !doc.is_in(head, words::NOT_PERSON_HEADS)
            && !sources::is_plural_word(doc, head);
        if description {
            // `the senator said`: the most recent person the text called a senator; failing that,
            // `the affable proprietor said`: the person the passage is about, if named lately.
            let role = doc.tok_lower(head).to_string();
            let recent = doc.paragraphs[doc.tok(a).para.saturating_sub(2) as usize].tokens.0 as usize;
            // Only a subject or a speaker is who a passage is about, not a name in passing (`as
            // Webb's car drives away`).
            if refer_to_person(doc, items, &mut person_of, people, k, None, |p| p.roles.contains(&role), (0, false))
                || passage_description(doc, (a, b), head)
                    && refer_to_person(doc, items, &mut person_of, people, k, None, |_| true, (recent, true))
            {
                continue;
            }
        }
        items[k].source_type = st;
        items[k].name = match st {
            // `the New Jersey governor` that no one was found for: the description, not its place.
            SourceType::NamedPerson if description => phrase(),
            SourceType::NamedPerson => match named.or_else(|| people.register(doc, items[k].source)) {
                Some(p) => {
                    person_of[k] = Some(p);
                    let person = &mut people.persons[p];
                    person.confirmed |= matches!(items[k].cue_category, "speech" | "manner");
                    person.name.clone()
                }
                None => sources::name_of(doc, items[k].source),
            },
            SourceType::NamedOrganisation => sources::name_of(doc, items[k].source),
            SourceType::Anonymous => sources::unnamed_name(doc, items[k].source),
            _ => phrase(),
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

/// Whether description `r` with head `head` may stand for whoever the passage is about (`the
/// affable proprietor`, `the 30-year-old`, `the investor`) when no role of theirs matches it: its
/// head is a person, it is no relation of someone else's (`the victim's mother`, `the ad's
/// narrator`), and it is not someone the passage's subject deals with (`the moderator`), nor
/// the holder of an office the text would have given them as a title (`the judge`, `the mayor`).
fn passage_description(doc: &Doc, r: (usize, usize), head: usize) -> bool {
    // `the 52-year-old mother of three`: the noun before the post-modifier.
    let head = (r.0 + 1..head).find(|&k| doc.is(k, "of")).map_or(head, |k| k - 1);
    let w = doc.tok_lower(head);
    let person = speaker_head(doc, head)
        || doc.is_in(head, words::GENDERED_NOUNS)
        || w.ends_with("-old")
        || w == "old"
        || ["or", "ist", "ian"].iter().any(|x| w.ends_with(x))
        || doc.is_any(head, &["mogul", "tycoon", "magnate", "billionaire"]);
    let office = doc.is_any(head, OFFICES) && head == r.0 + 1;
    doc.is_in(head, words::PRONOUNS)
        || person && !office && !doc.is_any(head, COUNTERPARTS) && !(r.0..r.1).any(|k| possessive(doc, k))
}

/// Offices whose holder the text names with the title (`Judge Roe`, `Mayor Doe`) when it is the
/// person the passage is about.
const OFFICES: &[&str] = &["judge", "mayor"];

/// Those who question, present or host the subject of a passage rather than being it.
const COUNTERPARTS: &[&str] = &["moderator", "host", "interviewer", "narrator", "announcer", "organizer", "organiser"];

/// Whether token `i` is a word for something that speaks for its authors: a writing (`email`), a
/// body (`ministry`) or a document (`cable`).
fn is_thing(doc: &Doc, i: usize) -> bool {
    doc.is_in(i, words::WRITINGS | words::NOT_PERSON_HEADS) || sources::is_document_word(doc, i)
}

/// The phrase that begins the latest of the two sentences before token `a` (not before the previous
/// paragraph) where one does, outside quotations, made of a determiner, at most two more words and
/// a singular word for a writing, a body or a document (`The email`, `A leaked cable`, `Acme's
/// statement`): the subject of that sentence, and what `it` said or reads when no source since can
/// be meant.
fn thing_before(doc: &Doc, quotes: &Quotes, a: usize) -> Option<(usize, usize)> {
    let t = doc.tok(a);
    let possessive = |d: usize| doc.tok_lower(d).ends_with("'s") || doc.tok_lower(d).ends_with("’s");
    (t.sent.saturating_sub(2)..t.sent).rev().find_map(|si| {
        let sentence = &doc.sentences[si as usize];
        let (start, end) = (sentence.tokens.0 as usize, sentence.tokens.1 as usize);
        if sentence.para + 1 < t.para || quotes.inside_quote(doc.tok(start).span()) {
            return None;
        }
        // `The`, `A`, or a name's possessive (`Acme Shipping's`).
        let det = if doc.is_any(start, &["the", "a", "an", "this", "its", "his", "her", "their", "our"]) {
            start
        } else {
            (start..end.min(start + 3)).take_while(|&d| doc.is_cap(d) && doc.is_word(d)).find(|&d| possessive(d))?
        };
        let mut h = (det + 1..end.min(det + 4)).take_while(|&i| doc.is_word(i)).find(|&i| is_thing(doc, i))?;
        // `The ministry statement`: the last of the words for things.
        while h + 1 < end && is_thing(doc, h + 1) {
            h += 1;
        }
        // `The union leader`: a body's word before a person's role is part of the role.
        let person = doc.is_in(h + 1, words::SPEAKER_NOUNS | words::HEADS);
        (!person && !sources::is_plural_word(doc, h)).then_some((start, h + 1))
    })
}

/// Writings that speak for their author (`her statement said`).
pub(crate) const WRITINGS: &[&str] = &[
    "statement",
    "letter",
    "email",
    "e-mail",
    "tweet",
    "post",
    "message",
    "note",
    "website",
    "book",
    "memoir",
    "column",
    "blog",
    "affidavit",
    "lawsuit",
    "speech",
    "remarks",
    "testimony",
    "complaint",
    "filing",
    "op-ed",
    "essay",
];

/// Heads of definite descriptions that stand for a body or a document, not a person
/// (`the company said`, `the report said`).
pub(crate) const NOT_PERSON_HEADS: &str = "\
    company government administration agency department ministry office police court committee commission \
    council board group organization organisation campaign party union team club league association firm \
    bank school university hospital city state province country county network station newspaper paper \
    magazine site study survey poll report statement letter document documents memo release lawsuit suit \
    indictment claim complaint filing ruling decision order bill law plan proposal program programme policy \
    data figures numbers results research analysis review audit investigation inquiry note email message \
    website post tweet ad video book article story sign signs banner account spokesman spokeswoman \
    spokesperson official officials source sources people person crowd audience public president minister \
    secretary";

/// Makes attribution `k` stand for the person its pronoun or description refers to (see
/// [`recent_person`]), of gender `gender` if given, among candidates after token `since` (only
/// subjects and speakers if the flag says so) that `ok` accepts. Returns whether one was found.
#[allow(clippy::too_many_arguments)]
fn refer_to_person(
    doc: &Doc,
    items: &mut [Attr],
    person_of: &mut [Option<usize>],
    people: &mut People,
    k: usize,
    gender: Option<Gender>,
    ok: impl Fn(&Person) -> bool,
    since: (usize, bool),
) -> bool {
    let at = items[k].source.0;
    let Some((person, item)) = recent_person(doc, people, items, person_of, (k, at), since, |p| {
        let person = &people.persons[p];
        // `he` and `she` stand for someone the text shows is a person (a title, a role, a verb
        // of their own) or whose gender it knows, not for any capitalised run (`San Diego`,
        // `Compaq Computer`).
        ok(person)
            && !(people.after_in.contains(&person.name.as_str()))
            && gender.is_none_or(|g| person.gender == g || person.gender == Gender::Unknown && person.confirmed)
    }) else {
        return false;
    };
    if let Some(g) = gender {
        people.persons[person].gender = g;
    }
    person_of[k] = Some(person);
    items[k].source_type = SourceType::NamedPerson;
    items[k].name = people.persons[person].name.clone();
    items[k].antecedent = item;
    true
}

/// The person named in a source phrase: its last name word that the text uses for a person.
fn person_in(doc: &Doc, people: &People, r: (usize, usize)) -> Option<usize> {
    let h = name_head(doc, r);
    let g = (r.0..h).filter_map(|k| title_at(doc, k)).map(|t| t.1).rfind(|&g| g != Gender::Unknown).unwrap_or_default();
    if !doc.is_cap(h) {
        return None;
    }
    // `Khizr Khan said` is Khizr Khan, though `Ghazala Khan` was named since.
    let full = person_name(doc, r).filter(|n| n.contains(' ')).and_then(|n| people.find_full(n));
    full.or_else(|| people.find_as(doc.tok_text(h), g))
}

/// The name a phrase ends with, without titles or a possessive (`Sen. Jane Doe (D-Conn.)` →
/// `Jane Doe`), for a person the text names only once.
fn person_name<'a>(doc: &Doc<'a>, r: (usize, usize)) -> Option<&'a str> {
    let h = name_head(doc, r);
    if !is_name_word(doc, h) {
        return None;
    }
    let mut s = h;
    while s > r.0 && (is_name_word(doc, s - 1) || is_name_dot(doc, s - 1) || doc.is_in(s - 1, words::NAME_PARTICLES)) {
        s -= 1;
    }
    while s < h && (title_at(doc, s).is_some() || doc.is_punct(s, ".")) {
        s += 1;
    }
    Some(strip_possessive(doc.slice(doc.span_of(s, h))))
}

/// The person a pronoun or description before token `before` (and before attribution `k`) most
/// likely refers to, among confirmed persons mentioned in the text and the persons of earlier
/// attributions: the latest sentence with a candidate that `ok` accepts wins, and within it a
/// speaker, then a clause subject, before a name mentioned in passing (`Doe said a beer might help
/// Roe.` → Doe); names in passing are left out when `subjects_only`. Returns the person and, when
/// it came from an attribution, that attribution.
fn recent_person(
    doc: &Doc,
    people: &People,
    items: &[Attr],
    person_of: &[Option<usize>],
    (k, before): (usize, usize),
    (since, subjects_only): (usize, bool),
    ok: impl Fn(usize) -> bool,
) -> Option<(usize, Option<usize>)> {
    // (token, person, attribution, subject or speaker)
    let mut cands: Vec<(usize, usize, Option<usize>, bool)> = Vec::with_capacity(RECENT);
    let mut mi = people.mentions.partition_point(|m| m.start < before);
    let mut ii = k;
    // Bounded by steps, not only by candidates found: a long run of pronouns with no person to
    // refer to must not make each pronoun walk back through the whole text.
    for _ in 0..4 * RECENT {
        if cands.len() == RECENT {
            break;
        }
        // Walk both lists backwards together, latest first.
        let m = mi.checked_sub(1).map(|x| people.mentions[x]);
        let it = ii.checked_sub(1).map(|x| (items[x].source.0, x));
        let (t, p, item, subject) = match (m, it) {
            (None, None) => break,
            (Some(m), Some((itok, _))) if m.start >= itok => {
                mi -= 1;
                (m.start, Some(m.person).filter(|&p| people.persons[p].confirmed), None, m.subject)
            }
            (Some(m), None) => {
                mi -= 1;
                (m.start, Some(m.person).filter(|&p| people.persons[p].confirmed), None, m.subject)
            }
            (_, Some((itok, x))) => {
                ii -= 1;
                (itok, person_of[x], Some(x), true)
            }
        };
        if t < since {
            break;
        }
        if let Some(p) = p.filter(|_| subject || !subjects_only) {
            cands.push((t, p, item, subject));
        }
    }
    // Latest sentence first; in it, whoever closes it with what they said (`Cruz will have a
    // tougher time, Henson said. “…,” he said.`: Henson, not the subject of his words), then
    // subjects, then in text order.
    let closes = |item: Option<usize>| {
        item.is_some_and(|x| {
            let it = &items[x];
            let (start, end) = (it.cue.0.min(it.source.0), it.cue.1.max(it.source.1));
            let sent = &doc.sentences[doc.tok(it.cue.0).sent as usize];
            start > sent.tokens.0 as usize && doc.is_punct(start - 1, ",") && end + 1 >= sent.tokens.1 as usize
        })
    };
    crate::order::sort_by(&mut cands, |&(t, _, item, subject)| {
        (u128::from(u32::MAX - doc.tok(t).sent) << 2 | u128::from(!closes(item)) << 1 | u128::from(!subject)) << 64
            | t as u128
    });
    cands.into_iter().find(|&(_, p, _, _)| ok(p)).map(|(_, p, item, _)| (p, item))
}

/// The speaker of quote `qi`, by the first of these that applies:
/// 1. an attribution right after the closing mark (`“…,” she said`, `“…,” said Doe`), or later in
///    the sentence the quote ends;
/// 2. an attribution before the opening mark in the same sentence (`Doe said: “…”`);
/// 3. the last attribution between the previous quote of the paragraph and this one, else that
///    quote's speaker (`“We won,” she said. “Now we govern.”`);
/// 4. for a paragraph's first quote with nothing attributing it in its paragraph: whoever spoke
///    last in the previous paragraph (a run of quote paragraphs, or a paraphrase then a quote).
fn speaker_for_quote(
    doc: &Doc,
    quotes: &Quotes,
    qi: usize,
    items: &[Attr],
    earlier: &[Option<usize>],
    people: &People,
) -> Option<usize> {
    let q = &quotes.quotes[qi];
    let (a, b) = q.content;
    let para = doc.tok(a).para;
    let start_of = |it: &Attr| it.source.0.min(it.cue.0);
    // 0. `When someone shouted, “Cruz,” Beck joked, …`, `Boreing said, “…,” promising…`: an
    // attribution that runs up to the opening mark (but for a comma, a colon or a weekday:
    // `said Wednesday, “…”`) introduces the quote, unless the quote breaks off at a comma for one
    // that closes the sentence (`Nothing the mayor said “will help,” the senator said.`). Not a
    // document's verb (`his radio show, “Generations”`).
    let closed_after = q.close_tok.is_some() && doc.is_punct(b - 1, ",") && {
        let first_after = items.partition_point(|it| it.cue.0 < q.after_close);
        items[first_after..].iter().take(2).any(|it| {
            let s = start_of(it);
            s >= q.after_close
                && doc.tok(s).para == para
                && (q.after_close..s).all(|k| matches!(doc.tok_text(k), "," | "—" | "–" | "―" | "-"))
                && ends_soon(doc, it.cue.1.max(it.source.1))
        })
    };
    if let Some(open) = q.open_tok.filter(|_| !closed_after) {
        let i = items.partition_point(|it| it.cue.0 < open).checked_sub(1);
        if let Some(i) = i.filter(|&i| matches!(items[i].cue_category, "speech" | "manner")) {
            let end = items[i].cue.1.max(items[i].source.1);
            let mut k = end;
            while k < open && (doc.is_in(k, words::WEEKDAYS) || matches!(doc.tok_text(k), "," | ":")) {
                k += 1;
            }
            if k == open && end <= open && doc.tok(items[i].cue.0).sent == doc.tok(open).sent {
                return Some(i);
            }
        }
    }
    // 1. After the quote.
    if q.close_tok.is_some() {
        let after = q.after_close;
        let close_sent = doc.tok(b - 1).sent;
        let next_quote_start = quotes.quotes.get(qi + 1).map(|n| n.span.start).unwrap_or(usize::MAX);
        let first_after = items.partition_point(|it| it.cue.0 < after);
        for (i, it) in items.iter().enumerate().skip(first_after).take(3) {
            let s = start_of(it);
            if s < after {
                continue;
            }
            if doc.tok(s).para != para || doc.tok(s).start as usize >= next_quote_start {
                break;
            }
            let gap_is_punct = (after..s).all(|k| matches!(doc.tok_text(k), "," | "—" | "–" | "―" | "-"));
            // A quote ending in a full stop is followed by its own attribution only when that
            // attribution ends the sentence; otherwise the words after start a new statement. A
            // question or exclamation mark stands where a comma would (`“All the way!” Doe
            // shouted, waving a sign…`): a reporting verb right after it attributes the quote
            // however long its sentence runs, unless it introduces the next quote (`Doe
            // responds: “…”`).
            let stop = doc.tok_text(b - 1);
            let attributes_exclamation = matches!(stop, "?" | "!")
                && s == after
                && it.cue.0 <= after + 4
                && cue_matcher().match_at(doc, it.cue.0).is_some()
                && !introduces_quote(doc, it.cue.1.max(it.source.1));
            let terminal = matches!(stop, "." | "?" | "!") && !attributes_exclamation;
            let closes = !terminal || ends_soon(doc, it.cue.1.max(it.source.1));
            if closes && (gap_is_punct || doc.tok(it.cue.0).sent == close_sent) {
                return Some(i);
            }
        }
    }
    // 2. Before the quote, in its sentence.
    let open = q.open_tok.unwrap_or(a);
    let n = items.partition_point(|it| it.cue.0 < open);
    if let Some(i) = n.checked_sub(1) {
        let it = &items[i];
        if it.cue.1 <= open && it.source.1 <= open && doc.tok(it.cue.0).sent == doc.tok(open).sent {
            return Some(i);
        }
    }
    // 3. The previous quote in the paragraph, or an attribution since it.
    let prev = qi.checked_sub(1).filter(|&p| doc.tok(quotes.quotes[p].content.0).para == para);
    if let Some(p) = prev {
        let since = quotes.quotes[p].content.1;
        let between = |i: usize| start_of(&items[i]) >= since && items[i].cue.1 <= open;
        // The previous speaker carries over only while the narration since stays with them.
        let carried = earlier[p].filter(|&i| {
            let it = &items[i];
            !someone_else_acts(doc, people, &it.name, since.max(it.cue.1.max(it.source.1)), open)
        });
        if earlier[p].is_some_and(between) {
            return carried;
        }
        if let Some(i) = n.checked_sub(1).filter(|&i| between(i) && person_source(&items[i])) {
            return Some(i);
        }
        if earlier[p].is_some() {
            return carried;
        }
    }
    // An attribution earlier in the paragraph introduces the quote (`Doe says the system works.
    // “We planned for this.”`).
    let para_start = doc.paragraphs[para as usize].tokens.0 as usize;
    if let Some(i) = n.checked_sub(1).filter(|&i| start_of(&items[i]) >= para_start && items[i].cue.1 <= open) {
        return person_source(&items[i]).then_some(i);
    }
    if prev.is_some() || para == 0 || q.class != QuoteClass::Full {
        return None;
    }
    // 4. The last speaker of the previous paragraph.
    let prev_para = &doc.paragraphs[para as usize - 1];
    let (pa, pb) = (prev_para.tokens.0 as usize, prev_para.tokens.1 as usize);
    let last_quote = qi.checked_sub(1).filter(|&p| quotes.quotes[p].content.0 >= pa);
    let last_item = n.checked_sub(1).filter(|&i| start_of(&items[i]) >= pa && items[i].cue.1 <= pb);
    // `The Calvera Gazette reports:` / `“…”`: a sentence ending its paragraph with a colon
    // introduces the quote opening the next one, whatever its verb, and an outlet may speak.
    if let Some((start, _)) = colon_before_paragraph(doc, open) {
        let introduces = |i: &usize| {
            let it = &items[*i];
            it.cue.0 >= start
                && last_quote.is_none_or(|p| start_of(it) > quotes.quotes[p].content.1)
                && matches!(
                    it.source_type,
                    SourceType::NamedPerson
                        | SourceType::NamedOrganisation
                        | SourceType::Anonymous
                        | SourceType::Secondhand
                )
        };
        if let Some(i) = last_item.filter(introduces) {
            return Some(i);
        }
    }
    match (last_quote, last_item) {
        (Some(p), Some(i)) if start_of(&items[i]) > quotes.quotes[p].content.1 => {
            person_source(&items[i]).then_some(i).or(earlier[p])
        }
        (Some(p), _) => earlier[p],
        (None, Some(i)) => person_source(&items[i]).then_some(i),
        (None, None) => None,
    }
}

/// `“…,” Tom Doe said. Betsy Doe shook her head. “…”`: a sentence in tokens `[from, to)` whose
/// subject is someone other than `speaker` (another name, or a pronoun of the other gender) hands
/// the next quote to that person, or to no one; carried over, it would be the wrong speaker.
#[inline(never)]
fn someone_else_acts(doc: &Doc, people: &People, speaker: &str, from: usize, to: usize) -> bool {
    let who = people.find_full(speaker);
    let n = people.mentions.partition_point(|m| m.start < from);
    // The name opens its sentence and a verb follows (`Betsy Doe shook`): not a clause inside it
    // (`While Roe is “…”`), nor a name before the quote it is the topic of (`Roe “misspoke”`).
    let named = people.mentions[n..].iter().take_while(|m| m.start < to).any(|m| {
        m.subject
            && doc.tok(m.start).has(flag::SENT_START)
            && !doc.is_in(m.start, words::NOT_NAMES)
            && doc.is_word(m.end)
            && !doc.is_cap(m.end)
            && people.persons[m.person].confirmed
            && who != Some(m.person)
    });
    let g = who.map_or(Gender::Unknown, |p| people.persons[p].gender);
    named
        || (from..to).any(|k| {
            doc.tok(k).has(flag::SENT_START)
                && doc.is_any(k, &["he", "she"])
                && conflicts(g, if doc.is(k, "he") { Gender::Male } else { Gender::Female })
        })
}

/// Whether an attribution's source can speak a quote that follows it: a person, a body, or an
/// unnamed source — not a document or a vague crowd.
fn person_source(it: &Attr) -> bool {
    matches!(it.source_type, SourceType::NamedPerson | SourceType::NamedOrganisation | SourceType::Anonymous)
        && matches!(it.cue_category, "speech" | "manner")
}

/// Converts a token range to a byte span.
pub fn span(doc: &Doc, r: (usize, usize)) -> Span {
    doc.span_of(r.0, r.1 - 1)
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn a_weekday_after_a_speakers_name_is_not_part_of_the_name() {
        let a = analyze("“We will win,” said Jane Doe Tuesday.", &Options::default());
        let speaker = a.findings[0].speaker.as_ref().expect("the quote has a speaker");
        assert_eq!(speaker.name, "Jane Doe");
    }

    #[test]
    fn a_common_noun_and_verb_after_a_quoted_fragment_continue_the_writers_sentence() {
        let text = "It drew a “handful of people unknown to the party” filing papers, Ruiz said.";
        let a = analyze(text, &Options::default());
        let speaker = a.findings.iter().find_map(|f| f.speaker.as_ref()).expect("the fragment has a speaker");
        assert_eq!(speaker.name, "Ruiz");
    }
}
