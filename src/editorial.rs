//! Editorial wording in the writer's own voice. Two sources of findings:
//!
//! * lexicon phrases (`src/lexicon/editorial*.toml`), each with the context conditions its flags ask
//!   for (documented at the top of those files and on [`judge`]); scare quotes are lexicon words
//!   that claim a virtue (`reforms`, `independent`) found alone inside the writer's quotation marks;
//! * weasel attributions: a view credited to an unnamed crowd (`critics say`), from the attributions.
//!
//! Only the writer's voice counts. Nothing inside quotation marks is flagged (those words belong to
//! the speaker, or to a title), nor the content of reported speech without marks (`Smith said the
//! plan was a sham`). Findings never overlap; where two would, the earlier and longer one stays.

use crate::attribution::Attributions;
use crate::lexicon::{self, Match, Matcher};
use crate::quotes::{Quote, Quotes};
use crate::text::{flag, Doc, TokKind};
use crate::words;
use crate::{Finding, Kind, Span};
use std::borrow::Cow;
use std::sync::OnceLock;

pub(crate) fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let lexicons: Vec<&'static lexicon::Lexicon> =
            lexicon::ALL.iter().copied().filter(|l| is_editorial_lexicon(l.name)).collect();
        Matcher::with_lexicons(&lexicons)
    })
}

/// The flags editorial lexicon entries may carry; each is read by [`judge`] or [`lexicon_findings`]
/// and documented at the top of the lexicon files.
#[rustfmt::skip]
pub const FLAGS: &[&str] = &[
    "attribution_verb", "verb_position", "with_next", "sentence_adverb", "after_pause", "clause", "not_legal",
    "political_target", "state_seizure", "scare_quoted", "then_to",
    "with_prev", "not_before_verb", "writers_mark", "not_before_number",
];

/// The [`FLAGS`] an entry carries, one bit each: a match is checked against a dozen of them, so
/// they are read from the entry once.
#[derive(Clone, Copy)]
struct Flags(u16);

impl Flags {
    fn of(e: &lexicon::Entry) -> Flags {
        Flags(e.flags().filter_map(|f| FLAGS.iter().position(|&x| x == f)).fold(0, |s, k| s | 1 << k))
    }

    /// Whether the entry has the flag whose bit is `BIT`, written `has::<{ flag_bit("name") }>()` so
    /// the name is looked up at compile time.
    #[inline]
    fn has<const BIT: u16>(self) -> bool {
        self.0 & BIT != 0
    }
}

/// The bit of flag `name` in [`Flags`]; a name missing from [`FLAGS`] fails to compile.
const fn flag_bit(name: &str) -> u16 {
    let mut k = 0;
    while k < FLAGS.len() {
        let (a, b) = (FLAGS[k].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return 1 << k;
            }
        }
        k += 1;
    }
    panic!("not an editorial flag")
}

/// Categories of the findings that come from structure rather than a lexicon entry.
pub const STRUCTURAL_CATEGORIES: &[&str] = &["weasel", "opinion", "intensifier"];

/// Whether a lexicon holds editorial wording: `editorial.toml` and any `editorial-*.toml`.
pub fn is_editorial_lexicon(name: &str) -> bool {
    name == "editorial" || name.starts_with("editorial-")
}

pub(crate) const AUXILIARIES: &str = "had has have was were would will is are could can did does do";
/// Words that show a verb is being used as a noun (`his claims that`) when they come right before it.
pub(crate) const DETERMINERS: &str = "\
    the a an his her their its these those this that my our your such any no whose false new similar earlier \
    repeated unfounded baseless";
/// What may come right before a present-tense verb of saying: its subject or an auxiliary.
pub(crate) const SUBJECTS_AND_AUXILIARIES: &str = "\
    he she they it we i you who which that also still now falsely often repeatedly even later again to not would \
    will could can may might should must did does do never always wrongly publicly privately continue continues";
/// Verbs that introduce someone else's words or view; what follows them is reported content. With
/// [`OBJECT_VERBS`], which are verbs of saying too: the word class `REPORTING_VERBS` holds both.
pub(crate) const REPORTING_VERBS: &str = "\
    said says say saying told tells telling argued argues arguing claimed claims claiming insisted insists insisting \
    contended contends believes believe believed thinks think thought warned warns warning wrote writes deemed deems \
    described describes describing called calls calling alleged alleges accused accuses accusing suggested suggests \
    added adding noted stated asserted asserts predicted complained complains complaining acknowledged admitted \
    conceded dubbed labeled labelled branded considers consider considered feared fears worried worries hopes hoped \
    tweeted wondered asked asking urged urging pledged promised vowed heralded describe underscored stressed \
    emphasized emphasised insist argue denied denies deny termed pointed noting pointing confirmed confirming \
    confirms maintained maintains contend claim suggest painted portrayed portrays portraying depicted depicts \
    depicting characterized characterised characterizes characterises reminded reminding reminds portray depict \
    characterize characterise carping carped carps lamented laments lamenting bemoaned bemoans bemoaning grumbled \
    grumbling groused convinced convincing implied implies implying insinuated asserting assert alleging contending \
    stating maintaining predicting suggesting convey conveyed conveys conveying";
/// Verbs of saying whose object is someone the writer names or describes, not a view: the view is
/// in the `as`, `for` or `that` after it (`praised the brave crew for its calm`). So with `recalled`:
/// `recalled that, after the vote, …` tells the recollection, `recalled the bold strategy` names it
/// in the writer's words.
pub(crate) const OBJECT_VERBS: &str = "\
    criticized criticised criticizing criticising praised lauded hailed touted cited citing cites cite dismiss \
    dismissed dismisses dismissing disparage disparaged disparages disparaging deride derided derides deriding \
    ridiculed ridicules ridiculing mocked mocks mocking denounce denounced denounces denouncing decry decried \
    decries decrying condemn condemned condemns condemning recalled recalls recalling";
/// Verbs of presenting something as something: what it is presented `as` is the presenter's view.
#[rustfmt::skip]
const PRESENTING_VERBS: &[&str] = &[
    "positioned", "positions", "positioning", "billed", "bills", "billing", "framed", "frames", "framing", "cast",
    "casts", "casting", "pitched", "pitches", "pitching", "presented", "presents", "presenting", "styled", "styles",
    "styling", "marketed", "marketing", "promoted", "promotes", "promoting", "sold",
    // `savaging donors as corrupt insiders`: what someone savages people as is that person's charge.
    "savaged", "savages", "savaging",
];
/// Nouns of saying and thinking whose `that` clause is someone else's view.
pub(crate) const REPORTING_NOUNS: &str = "\
    criticism criticisms claim claims accusation accusations allegation allegations complaint complaints charge \
    charges suggestion suggestions assertion assertions argument arguments warning warnings fear fears concern \
    concerns belief beliefs view notion insistence contention complaining suspicion suspicions";
/// Verbs that close an attribution (`…, the group revealed.`) but, before their object, disclose
/// rather than report a view.
pub(crate) const CLOSING_VERBS: &str = "revealed reported reports announced explained posted";
/// Nouns of depiction: what follows their `as` is how someone casts a person or a thing.
pub(crate) const DEPICTION_NOUNS: &str = "\
    portrait portraits portrayal portrayals depiction depictions image caricature caricatures characterization \
    characterisation picture";
/// Words before `called`, `described` that make it a naming passive, not someone speaking.
pub(crate) const NAMING_PASSIVE: &str = "\
    was were been being is are be am often also sometimes commonly widely popularly now once still so frequently \
    formally officially";
/// Words that can stand between a verb of saying and the end of its clause: the listener.
pub(crate) const LISTENERS: &str = "the a reporters him her them us me it so";
/// Prepositions that open a circumstance of time or cause.
pub(crate) const CIRCUMSTANCE: &str = "after since before following amid during despite";
/// Words a highlight does not stretch to take in: `reacted angrily this week` is not about `this`.
pub(crate) const FUNCTION_WORDS: &str = "\
    the a an this that these those to at on in of for and or but with by from as his her their its he she they it we \
    i you among about against after before over under into onto between through during without within than like \
    while because if when where who which whose what so not no nor yet up down out off per via amid toward towards \
    across behind beyond despite since until upon our my your them him us me along around near inside outside \
    throughout alongside amongst instead given also even again then too either there here above below beneath \
    besides except unlike";
/// Words ending in `-ly` that are not manner or degree adverbs, or that report rather than judge.
pub(crate) const NOT_MANNER_ADVERBS: &str = "\
    only early likely unlikely daily weekly monthly yearly quarterly reportedly allegedly apparently \
    supposedly purportedly ostensibly seemingly previously recently initially originally finally eventually \
    immediately currently formerly subsequently simultaneously publicly privately officially nearly largely \
    mostly partly mainly merely certainly probably possibly presumably potentially family italy rally belly \
    bully reply supply apply comply imply assembly anomaly monopoly butterfly kelly sally billy molly philly \
    reilly ally holy jolly lonely elderly friendly costly deadly orderly lovely ugly silly smelly wholly \
    solely barely newly lately directly indirectly jointly separately respectively accordingly similarly \
    additionally meanwhile briefly quickly slowly widely already partially fully";
/// Numbers and quantifiers: the word after them is a noun.
pub(crate) const QUANTIFIERS: &str = "\
    two three four five six seven eight nine ten several many multiple twin both few some all most more other";
pub(crate) const BE_FORMS: &str = "was were been being is are be am";
/// What a danger, not a person, threatens to do (`the dispute threatened to overshadow the talks`).
pub(crate) const UNWILLED: &str = "\
    become overshadow derail spill engulf overwhelm swamp plunge undermine unravel upend eclipse dominate \
    disrupt delay drag spiral escalate erupt spread collapse destabilize destabilise cripple wipe worsen \
    break tear sink consume bury flood turn complicate reignite reverse sour make";
/// Lawful steps whose threat neutral reporting names in just these words (`threatened to impose
/// tariffs`, `threatened to sue`): the verb reports the threat, it does not dramatise it.
pub(crate) const FORMAL_MEASURES: &str = "\
    impose sue veto resign quit boycott withdraw sanction expel suspend charge prosecute arrest fire";
/// Verbs of demands in their bare form (`insist that Congress approve`), which a singular subject
/// would otherwise put in `-s`.
pub(crate) const BARE_VERBS: &str = "\
    agree approve pay include stop end resign leave return accept release reverse drop allow provide \
    apologize apologise step give take make remain withdraw stand appropriate fund cut raise hold act \
    testify disclose reopen go undergo submit sign seek";
/// Infinitives after `claimed to`, `admitted to` that make it a claim about oneself, not a place.
pub(crate) const CLAIM_TO: &str = "be have having know represent speak own hold possess";
/// Finite verbs that show a clause follows a verb of saying (`claimed the vote was rigged`).
pub(crate) const FINITE: &str = "\
    is are was were had has have would will could can did does do should might may must wanted wants knew knows made \
    makes lied lies";

/// Objects that make `attack on …` a label for a political act rather than a report of violence.
pub(crate) const POLITICAL_TARGETS: &str = "\
    country nation democracy constitution republic sovereignty freedom freedoms liberty liberties rights speech \
    judiciary institutions values science truth law record legacy reputation character integrity credibility agenda";
/// Titles of the people whose seizure by a state the word `kidnapping` would dramatise.
pub(crate) const POLITICAL_TITLES: &str = "\
    president leader prime premier minister head opposition general vice former ousted deposed venezuelan the";
/// Who seizes: a state or its forces, right before `kidnapping`/`abduction` (`the US abduction of`).
pub(crate) const STATE_ACTORS: &str = "\
    us u.s. u.s american america's washington's israeli israel's russian russia's chinese china's iranian iran's \
    government government's state military military's army forces police regime regime's cia pentagon \
    administration's";
/// Words that make a sentence legal reporting, where `alleged` is the neutral, required word.
pub(crate) const LEGAL_WORDS: &str = "\
    charged charges charge accused accuses court courts police prosecutor prosecutors prosecution trial \
    indicted indictment lawsuit suit arrested arrest jury judge crime crimes criminal investigation \
    investigators victim victims suspect suspects pleaded plea guilty convicted complaint sued fraud murder \
    assault abuse abused killed killing shooting stolen theft misconduct harassment raped rape bribery \
    laundering violation violations violated officers detectives fbi attorney attorneys bribe bribes \
    embezzlement extortion illegally unlawful unlawfully corruption lawyer lawyers warrant custody affidavit \
    extradite extradited extradition \
    allegations allegation probe sexual";
/// Beginnings of verbs of saying, naming and judging: a quoted word in a sentence with one of them
/// is most likely the speaker's (`accused him of “high treason”`, `what she called “pragmatism”`).
#[rustfmt::skip]
const SPEECH_STEMS: &[&str] = &[
    "said", "say", "told", "tell", "call", "describ", "label", "brand", "termed", "dubbed", "critici", "accus",
    "warn", "argu", "insist", "urg", "prais", "blam", "cited", "citing", "promis", "vow", "deem", "characteri",
    "writes", "wrote", "written", "tweet", "posted", "ask", "acknowledg", "admit", "claim", "declar", "announc",
    "added", "adding", "adds", "quip", "joked", "dismiss", "reject", "decri", "denounc", "condemn", "mock",
    "ridicul", "slam", "blast", "attack", "assail", "suggest", "predict", "propos", "referred", "referring",
    "complain", "demand", "report", "explain", "stated", "replied", "repli", "responded", "recall", "conced",
    "boast", "brag", "pledg", "hail", "named", "naming", "known", "lament", "thank",
];
/// Verbs that credit a standing to others: `considered`, `ranked as`.
pub(crate) const REPUTATION_VERBS: &str = "considered regarded ranked rated voted named hailed";
/// The last words of a superlative's record: `ever`, `in history`, `of all time`.
pub(crate) const RECORD_WORDS: &str = "ever history time";
/// Superlatives of judgement; measured ones (`largest`, `deadliest`) report a record.
pub(crate) const SUPERLATIVES: &str = "most best worst greatest biggest";
/// Adjectives after `most` that name a quantity: `the most expensive signing in history` is a fact
/// to check, not a judgement.
pub(crate) const MEASURABLE: &str = "\
    expensive costly valuable lucrative profitable watched viewed visited streamed downloaded populous capped \
    decorated prolific read played subscribed followed";
/// Events whose records are counted (deaths, damage, losses), so `worst … in history` reports a toll.
pub(crate) const MEASURED_EVENTS: &str = "\
    shooting shootings attack attacks disaster disasters flood floods flooding fire fires wildfire wildfires \
    earthquake earthquakes crash crashes outbreak outbreaks recession depression drought droughts storm \
    storms hurricane hurricanes massacre pandemic epidemic famine heat heatwave quake tornado tornadoes \
    spill collapse";
/// Crowds that stand in for a source: `critics`, `some experts`, `many`.
pub(crate) const CROWDS: &str = "\
    critics analysts experts observers some many others opponents skeptics sceptics commentators detractors pundits";

/// Quotation marks of a paragraph the quote detector could not pair: the words before `closes_at`,
/// from `opens_from` on, and between the marks `outer` are quoted.
#[derive(Clone, Copy)]
struct Unpaired {
    closes_at: usize,
    opens_from: usize,
    outer: (usize, usize),
}

/// Per-detection state: what the detector learns about sentences and paragraphs, computed at most
/// once each, so no finding rescans the text.
struct Cx<'d, 'a> {
    doc: &'d Doc<'a>,
    quotes: &'d Quotes,
    /// The sentence of every attribution cue, in text order.
    cue_sents: Vec<u32>,
    /// Per paragraph: 0 not yet known, 1 no legal vocabulary, 2 legal vocabulary.
    legal: Vec<u8>,
    /// Per sentence: 0 not yet known, 1 no verb of saying or naming, 2 one.
    speech: Vec<u8>,
    /// Per paragraph: 0 not yet known, 1 running text, 2 a title-case line (a headline).
    title_case: Vec<u8>,
    /// Per sentence, once known: the tokens `[from, until)` whose words are credited to a source —
    /// all of a sentence with `according to` or an aside (`…, the mayor said, that …`), up to the
    /// comma of a closing attribution (`…, officials said.`), what follows an aside after a
    /// conjunction (`because, he said, …`), or none.
    credited: Vec<Option<(u32, u32)>>,
    /// Per paragraph, once known: the quotation marks the quote detector could not pair (see
    /// [`Cx::unpaired_quote`]).
    unpaired: Vec<Option<Unpaired>>,
    /// Per paragraph, once asked: whether it is a turn of someone interviewed ([`transcript_turns`]).
    turns: Option<Vec<bool>>,
}

impl Cx<'_, '_> {
    /// Whether token `tok`'s paragraph reports charges, courts or the police: there `alleged` and
    /// `claimed` are the neutral words of legal reporting.
    fn legal_para(&mut self, tok: usize) -> bool {
        let p = self.doc.tok(tok).para as usize;
        if self.legal[p] == 0 {
            let (a, b) = self.doc.paragraphs[p].tokens;
            let hit = (a as usize..b as usize).any(|i| self.doc.is_in(i, words::LEGAL_WORDS));
            self.legal[p] = if hit { 2 } else { 1 };
        }
        self.legal[p] == 2
    }

    /// Whether sentence `sent` has a verb of saying or naming anywhere: a quoted word there is
    /// more likely someone's word than the writer's scare quote.
    fn speech_sentence(&mut self, sent: u32) -> bool {
        let s = sent as usize;
        if self.speech[s] == 0 {
            let (a, b) = self.doc.sentences[s].tokens;
            let hit = (a as usize..b as usize)
                .any(|i| self.doc.is_word(i) && SPEECH_STEMS.iter().any(|st| self.doc.tok_lower(i).starts_with(st)));
            self.speech[s] = if hit { 2 } else { 1 };
        }
        self.speech[s] == 2
    }

    /// Whether token `tok`'s paragraph is a headline in title case, where capitals say nothing
    /// about names.
    fn title_case_para(&mut self, tok: usize) -> bool {
        let p = self.doc.tok(tok).para as usize;
        if self.title_case[p] == 0 {
            let (a, b) = self.doc.paragraphs[p].tokens;
            let (mut words, mut caps) = (0usize, 0usize);
            for i in a as usize..b as usize {
                if self.doc.tok_lower(i).len() >= 3 && self.doc.is_word(i) {
                    words += 1;
                    caps += usize::from(self.doc.is_cap(i));
                }
            }
            self.title_case[p] = if words >= 2 && caps * 4 >= words * 3 { 2 } else { 1 };
        }
        self.title_case[p] == 2
    }

    /// Whether token `tok` is in a turn of someone interviewed (`A: The plan is a disaster.`,
    /// `SMITH: …`): every word there is theirs.
    fn turn(&mut self, tok: usize) -> bool {
        let doc = self.doc;
        self.turns.get_or_insert_with(|| transcript_turns(doc))[doc.tok(tok).para as usize]
    }

    /// Whether token `tok` is in reported content: in the clause after a verb of saying or thinking
    /// whose subject comes before it (`Smith said the plan was a disaster`, `calling it an
    /// affront`), anywhere in a sentence credited with `according to`, or before an attribution
    /// that closes the sentence (`the toll was unprecedented, the group said`). Wording there is the
    /// source's, even without quotation marks. The writer's own description of the statement stays
    /// the writer's (`said in a scathing letter that …`), and so does a circumstance added after
    /// the content (`said she is working … after the US abduction of Maduro`).
    fn reported(&mut self, tok: usize) -> bool {
        let doc = self.doc;
        let sent = doc.tok(tok).sent as usize;
        let (a, b) = (doc.sentences[sent].tokens.0 as usize, doc.sentences[sent].tokens.1 as usize);
        let quotes = self.quotes;
        let (from, until) = *self.credited[sent].get_or_insert_with(|| {
            let (from, until) = if (a..b).any(|i| doc.is(i, "according") && doc.is(i + 1, "to")) {
                (a, b)
            } else {
                interjected_attribution(doc, quotes, a, b)
                    .or_else(|| closing_attribution(doc, quotes, a, b).map(|c| (a, c)))
                    .unwrap_or((a, a))
            };
            (from as u32, until as u32)
        });
        if (from as usize..until as usize).contains(&tok) {
            return true;
        }
        // `Obama says that, contrary to the claims of his rivals, he is not plotting to…`: what was
        // said runs on past the comma that closes its opening circumstance. Other commas after
        // `said that` may bring the writer's own apposition or a second predicate (`…, an agreement
        // that has come under…`, `…, and included provisions…`), so only that one.
        if let Some(verb) = (a..tok).rev().find(|&i| doc.is_in(i, words::REPORTING_VERBS) && doc.is(i + 1, "that")) {
            // `says that, contrary to…,`: a comma may also come first.
            let content = if doc.is_punct(verb + 2, ",") { verb + 3 } else { verb + 2 };
            let mut between = (content..tok).filter(|&j| doc.tok(j).kind == TokKind::Punct);
            let one_comma = between.next().is_some_and(|c| doc.is_punct(c, ",")) && between.next().is_none();
            if one_comma && doc.is_any(content, OPENING_CIRCUMSTANCES) {
                return true;
            }
        }
        // `Rubio said if elected, he would prioritize…, take aggressive steps…`: after a verb of
        // saying and the condition or time it opens with, the clause and the bare items of its
        // list are still the speaker's plan; an apposition, a participle or a new clause after a
        // comma (`…, a move critics…`, `…, prompting…`, `…, and the council…`) is the writer's.
        if let Some(verb) = (a..tok).rev().find(|&i| {
            doc.is_in(i, words::REPORTING_VERBS)
                && doc.is_any(i + 1, &["if", "once", "when", "unless", "after", "until"])
        }) {
            let mut puncts = (verb + 2..tok).filter(|&j| doc.tok(j).kind == TokKind::Punct);
            let opener_comma =
                puncts.next().is_some_and(|c| doc.is_punct(c, ",") && !doc.is_any(c + 1, &["and", "but", "or"]));
            if opener_comma
                && puncts.all(|c| {
                    let k = c + 1 + usize::from(doc.is_any(c + 1, &["and", "or"]));
                    let w = doc.tok_lower(k);
                    doc.is_punct(c, ",")
                        && w == doc.tok_text(k)
                        && !doc.is_in(k, words::FUNCTION_WORDS)
                        && !["s", "ed", "ing"].iter().any(|e| w.ends_with(e))
                })
            {
                return true;
            }
        }
        // `Limbaugh added:` closing the paragraph before: this one is his words, set off without
        // quotation marks.
        let para = doc.tok(tok).para as usize;
        if para > 0 && speech_colon_ends(doc, doc.paragraphs[para - 1].tokens) {
            return true;
        }
        if self.turn(tok) {
            return true;
        }
        if view_of_named(doc, a, b) {
            return true;
        }
        // Back through the token's clause, a bounded number of words.
        let mut i = tok;
        let mut next_predicate = None;
        while i > a && tok - i < 25 {
            i -= 1;
            // `called him a generous, tireless and admirable person`: the comma of a list of words
            // in a noun phrase (a determiner shortly before, the next item right after, then
            // `and`, `or` or another comma) is no clause break.
            let list_comma = doc.is_punct(i, ",")
                && i >= 2
                && i + 2 < doc.len()
                && [i - 1, i + 1]
                    .iter()
                    .all(|&j| doc.tok(j).kind == TokKind::Word && doc.tok_lower(j) == doc.tok_text(j))
                && !doc.is_any(i + 1, &["and", "or", "but"])
                && (doc.is_any(i + 2, &["and", "or"]) || doc.is_punct(i + 2, ","))
                && (i.saturating_sub(3)..i).any(|j| doc.is_in(j, words::NOUN_MARKERS))
                && !(i + 1..tok).any(|j| doc.is_in(j, words::NOUN_MARKERS));
            let clause_break = !list_comma
                && doc.tok(i).kind == TokKind::Punct
                && matches!(doc.tok_text(i), "," | ";" | ":" | "—" | "–" | "(" | ")");
            if clause_break || doc.is_in(i, words::CIRCUMSTANCE) {
                // `He added: this reeks of fear`: after a verb of saying and a colon, his words.
                return doc.is_punct(i, ":") && speech_colon_ends(doc, (a as u32, i as u32 + 1));
            }
            if doc.is(i, "and") && doc.tok_lower(i + 1).ends_with("ed") {
                next_predicate = next_predicate.or(Some(i));
            }
            // `the portrait of Romney as out of touch`: a depiction and what it casts someone as.
            // `his comment about 47 percent of the country being willfully dependent`: a remark
            // and the proposition it made, paraphrased.
            if doc.is_any(i, SPEECH_NOUNS) {
                let about = (i + 1..tok).find(|&j| doc.is(j, "about"));
                let being = about.and_then(|ab| (ab + 1..tok).find(|&j| doc.is(j, "being")));
                // Up to the main verb: `his argument about being able to win seems tone-deaf` is
                // the writer's verdict on the argument.
                let copulas =
                    ["seems", "seemed", "looks", "looked", "sounds", "sounded", "appears", "appeared", "remains"];
                let main_verb = |b: usize| {
                    (b + 1..tok)
                        .any(|j| doc.is_in(j, words::FINITE | words::AUXILIARY_VERBS) || doc.is_any(j, &copulas))
                };
                if being.is_some_and(|b| !main_verb(b)) {
                    return true;
                }
            }
            // `have perceived Twitter's efforts as toothless`: how someone perceives a thing.
            let perceives =
                doc.is_any(i, &["perceive", "perceives", "perceived"]) && i > 0 && !doc.is_in(i - 1, words::BE_FORMS);
            // `positioned her deputy as the most qualified`, `billed as historic`: what someone
            // presents a person or thing as.
            let presents = doc.is_any(i, PRESENTING_VERBS);
            // `are seen by many Democrats as giveaways`: a view whose holders are named. Without
            // them (`widely seen as`, `perceived by many as`) the view is the writer's to answer for.
            let seen_by = doc.is_any(i, &["seen", "viewed", "regarded", "considered", "perceived", "treated"])
                && doc.is(i + 1, "by")
                && (i + 2..tok).find(|&j| doc.is(j, "as")).is_some_and(|a| {
                    (i + 2..a).any(|j| !doc.is_any(j, &["many", "some", "most", "others", "all", "few", "a", "the"]))
                });
            if (doc.is_in(i, words::DEPICTION_NOUNS) || perceives || presents || seen_by)
                && (i + 1..tok).any(|j| doc.is(j, "as"))
            {
                return true;
            }
            if introduces_content(doc, i, b) && !first_person(doc, i) {
                let between = |w: &[&str]| (i + 1..tok).any(|j| doc.is_any(j, w));
                // `denied the allegations and blasted Democrats`: a verb with a plain object, then
                // the writer's own next predicate.
                let own_predicate = next_predicate.is_some_and(|n| {
                    !(i + 1..n).any(|j| doc.is_in(j, words::FINITE) || doc.tok_lower(j).ends_with("ed"))
                });
                // `criticized the repressive leaders`: the one criticised is the writer's
                // description; the view is what comes after `as`, `for` or `that`.
                let plain_object = doc.is_in(i, words::OBJECT_VERBS) && !between(&["as", "for", "that", "of"]);
                // `tells so many lies that …`: the token is the verb's object, its content comes later.
                // An `and that` opens a second relative clause instead (`an effort that Vance
                // considered ill-advised and that ended in tragedy`).
                // A subject and an auxiliary in between make the token the verb of a reported
                // clause (`said he would insist that …`), not an object.
                let clause = (i + 1..tok).any(|j| doc.is_in(j, words::AUXILIARY_VERBS));
                let object = !clause
                    && (i + 1..(i + 7).min(b))
                        .find(|&j| doc.is(j, "that") && !doc.is_any(j - 1, &["and", "but", "or"]))
                        .is_some_and(|t| t > tok);
                if !own_predicate && !plain_object && !object {
                    return true;
                }
                // Not this verb's content, but the clause may itself be someone's (`Mook asserted
                // that Trump tells so many lies`): look on for a verb of saying before it.
            }
        }
        false
    }

    /// Whether the quotation detector paired the mark at token `open` with a closing one.
    fn paired(&self, open: usize) -> bool {
        let pos = self.doc.tok(open).end as usize;
        let k = self.quotes.quotes.partition_point(|q| q.span.end <= pos);
        let t = self.quotes.terms.partition_point(|q| q.span.end <= pos);
        self.quotes.quotes.get(k).is_some_and(|q| q.open_tok == Some(open))
            || self.quotes.terms.get(t).is_some_and(|q| q.open_tok == Some(open))
    }

    /// Whether tokens `[first, end)` lie inside quotation marks of any kind: someone's words, or a
    /// quoted term.
    fn inside_marks(&mut self, first: usize, end: usize) -> bool {
        let span = self.doc.span_of(first, end - 1);
        if self.quotes.inside_quote(span) || contains_span(&self.quotes.terms, span) {
            return true;
        }
        let u = self.unpaired_quote(first);
        end <= u.closes_at || first >= u.opens_from || (u.outer.0 < first && end <= u.outer.1)
    }

    /// For token `tok`'s paragraph: the quotation marks of a quote that runs over several
    /// paragraphs and that outlets often leave unpaired — a paragraph that closes a quote it never
    /// opened (`… would be unacceptable.”`), or opens one it never closes — and of a paragraph
    /// that opens with a quote and closes it at its end, whatever marks are nested in between
    /// (`"By waffling on a deal she once called a "gold standard," Clinton …," Short said.`). The
    /// quotation detector leaves such marks alone; the words they enclose are still the speaker's.
    fn unpaired_quote(&mut self, tok: usize) -> Unpaired {
        let doc = self.doc;
        let p = doc.tok(tok).para as usize;
        if let Some(u) = self.unpaired[p] {
            return u;
        }
        let (a, b) = (doc.paragraphs[p].tokens.0 as usize, doc.paragraphs[p].tokens.1 as usize);
        let is_mark = |i: usize| doc.is_punct(i, "“") || doc.is_punct(i, "”") || doc.is_punct(i, "\"");
        let opens = |i: usize| {
            doc.is_punct(i, "“") || (doc.is_punct(i, "\"") && (i == a || doc.tok(i).has(flag::SPACE_BEFORE)))
        };
        // Only the tokens the tokenizer saw could be quotation marks are looked at.
        let candidates = &doc.mark_candidates;
        let (lo, hi) =
            (candidates.partition_point(|&c| (c as usize) < a), candidates.partition_point(|&c| (c as usize) < b));
        let in_para = candidates[lo..hi].iter().map(|&c| c as usize);
        let first_mark = in_para.clone().find(|&i| is_mark(i));
        let last_mark = in_para.rev().find(|&i| is_mark(i));
        let u = Unpaired {
            closes_at: first_mark.filter(|&i| !opens(i)).unwrap_or(0),
            opens_from: last_mark.filter(|&i| opens(i)).map_or(usize::MAX, |i| i + 1),
            outer: match (first_mark, last_mark) {
                (Some(f), Some(l)) if f == a && l > f && opens(f) && !opens(l) && !self.paired(f) => (f, l),
                _ => (0, 0),
            },
        };
        self.unpaired[p] = Some(u);
        u
    }
}

/// Whether token `i` is a verb that introduces reported content after it: a reporting verb with its
/// subject before it (not a naming passive, `often called Dreamers`) and not closing an attribution
/// (`she told the Post, …`: the words were before it).
fn introduces_content(doc: &Doc, i: usize, sent_end: usize) -> bool {
    // A noun of saying with its content (`criticism that the president caved`).
    if doc.is_in(i, words::REPORTING_NOUNS) && i + 1 < sent_end && doc.is(i + 1, "that") {
        return true;
    }
    if i == 0 || !doc.is_in(i, words::REPORTING_VERBS) {
        return false;
    }
    // `is often called`, `were described`; but `are calling her evasive` is someone speaking.
    // But a label pinned on someone is the labeller's even in the passive (`would have been
    // labeled insufferable`, `was branded a traitor`).
    let label_verb = doc.is_any(i, &["labeled", "labelled", "branded", "dubbed"]);
    if doc.is_in(i - 1, words::NAMING_PASSIVE) && !doc.tok_lower(i).ends_with("ing") && !label_verb {
        return false;
    }
    // `called out the traitors`: to call out is to criticise, not to name.
    if doc.tok_lower(i).starts_with("call") && doc.is(i + 1, "out") {
        return false;
    }
    // The subject comes before the verb, set off by commas or not (`Hutchinson, too, said`); a
    // participle after a comma or a dash takes its subject from the main clause (`…, calling it a
    // sham`, `… -- claiming that the complaints are bogus`).
    let pause_before = doc.is_punct(i - 1, ",") || (doc.tok_lower(i).ends_with("ing") && is_pause(doc, i - 1));
    // `Sen. Ana Ruiz (R-Ariz.) suggested`: a name's party and state in brackets end the subject.
    let bracketed = doc.is_punct(i - 1, ")");
    if !doc.is_word(i - 1) && !pause_before && !bracketed {
        return false;
    }
    // `told the Post, …`, `said.`: only a listener stands between the verb and the stop. The dot of
    // a title is not a stop (`condemned Mr. Ruiz as reckless`).
    let title_dot =
        |j: usize| doc.is_punct(j, ".") && doc.tok(j - 1).end == doc.tok(j).start && doc.is_abbreviation(j - 1);
    let mut j = i + 1;
    while j < sent_end && j < i + 5 && (doc.is_cap(j) || doc.is_in(j, words::LISTENERS) || title_dot(j)) {
        j += 1;
    }
    let closes = j >= sent_end || doc.is_punct(j, ",") || doc.is_punct(j, ".");
    !closes
}

/// Whether the sentence `[a, b)` opens with a person's full name as whose view it reads (`For
/// Jonathan Chait, the bill reflects a perverse moral logic.`) and the next sentence of the
/// paragraph goes on reporting them (`“…,” he wrote.`). Without that, `For Hillary Clinton, the vote
/// is a windfall` is more often the writer's own reading of her situation.
fn view_of_named(doc: &Doc, a: usize, b: usize) -> bool {
    let name = doc.is(a, "for")
        && doc.is_cap(a + 1)
        && doc.is_cap(a + 2)
        && doc.is_punct(a + 3, ",")
        && !doc.is_in(a + 1, words::NOUN_MARKERS);
    if !name || b >= doc.len() || !doc.same_para(a, b) {
        return false;
    }
    let next = doc.tok(b).sent as usize;
    let end = doc.sentences[next].tokens.1 as usize;
    (b..end.saturating_sub(1)).any(|i| doc.is_in(i, words::PRONOUNS) && doc.is_in(i + 1, words::REPORTING_VERBS))
}

/// For the sentence of tokens `[a, b)`: the comma that opens an attribution closing it, `…, the
/// group said on Monday.` or `…, said Ana Beltrán, who leads it.` — a short clause of a subject and
/// a verb of saying, or the verb and a name — so what comes before the comma is the source's
/// statement.
fn closing_attribution(doc: &Doc, quotes: &Quotes, a: usize, b: usize) -> Option<usize> {
    let mut end = b;
    while end > a && doc.tok(end - 1).kind == TokKind::Punct {
        end -= 1;
    }
    let mark = |i: usize| matches!(doc.tok_text(i), "”" | "’" | "\"" | "'" | "“" | "‘");
    // The last two commas of a plain ending: the attribution may carry an aside after it, with a
    // quotation of its own (`…, Hollande said Tuesday, noting the nominee “makes you want to
    // retch.”`).
    let mut commas = (a..end)
        .rev()
        .take(24)
        .take_while(|&i| doc.is_word(i) || doc.is_punct(i, ",") || mark(i))
        .filter(|&i| doc.is_punct(i, ","));
    let (last, before) = (commas.next()?, commas.next());
    [Some(last), before].into_iter().flatten().find(|&comma| {
        let clause_end = if comma == last { end } else { last };
        // An attribution that opens a quotation (`After she blurted it out, she said, “…”`) is the
        // quotation's: the words before it stay the writer's.
        let opens_quote = clause_end < end && matches!(doc.tok_text(clause_end + 1), "“" | "\"" | "‘");
        // Not an aside inside a quotation (`: “The judge, we believe, is…”`), which is the quoted.
        comma > a && !opens_quote && !quoted_comma(doc, quotes, comma) && attribution_after(doc, a, comma, clause_end)
    })
}

/// Words that open a circumstance at the start of what someone said (`said that, contrary to…,`).
const OPENING_CIRCUMSTANCES: &[&str] = &[
    "contrary", "if", "when", "while", "although", "though", "because", "despite", "in", "on", "at", "after", "before",
    "unless", "as", "since", "by", "without", "once", "until", "given", "for", "with",
];

/// For a sentence `[a, b)` with an attribution set between two commas inside it (`It is no
/// surprise, Mr. Garin said, that …`): the tokens `[from, until)` whose words are the source's —
/// the whole sentence; what precedes the aside where the writer's own words follow it (`…, she
/// said, referencing the bank's drive…`, `…, Anthony says, a job especially important…`); or what
/// follows it where it comes after a conjunction (`because, he said, …`).
fn interjected_attribution(doc: &Doc, quotes: &Quotes, a: usize, b: usize) -> Option<(usize, usize)> {
    let commas: Vec<usize> = (a + 1..b).filter(|&i| doc.is_punct(i, ",")).collect();
    commas.windows(2).find_map(|w| {
        let (first, second) = (w[0], w[1]);
        // The verb of saying ends the aside (`, Mr. Garin said,`), and someone says it: not the
        // writer's own `, it should be noted,`, nor a clause that goes on (`, Trump insisted
        // criminals,`). Before a quotation (`After she blurted it out, she said, “…”`) it
        // introduces the quotation: the sentence's opening stays the writer's.
        let verb = second - 1;
        let after = second + 1;
        let aside = second - first <= 8
            && doc.is_in(verb, words::REPORTING_VERBS | words::CLOSING_VERBS)
            && !doc.is(first + 1, "it")
            && !(after < b && matches!(doc.tok_text(after), "“" | "\"" | "‘"))
            && !quoted_comma(doc, quotes, first)
            && attribution_after(doc, a, first, second);
        // After a conjunction (`blasted Sessions because, he said, the senator…`) the aside
        // credits only what follows it.
        let conjunction =
            &["because", "since", "although", "though", "while", "and", "but", "as", "that", "so", "if", "when"];
        // What follows may be the writer's again: a participle, an apposition or another clause
        // (`…, the board said, though season tickets…`).
        let writers = after < b
            && (doc.tok_lower(after).ends_with("ing")
                || doc.is_any(
                    after,
                    &["a", "an", "though", "although", "but", "and", "while", "whereas", "yet", "which"],
                ));
        aside.then_some(if doc.is_any(first - 1, conjunction) {
            (after, b)
        } else if writers {
            (a, first)
        } else {
            (a, b)
        })
    })
}

/// Whether the comma at `i` is inside a quotation rather than the sentence's own, set before the
/// closing mark (`facing “daily threats,” the charity said`).
fn quoted_comma(doc: &Doc, quotes: &Quotes, i: usize) -> bool {
    let closing = i + 1 < doc.len() && matches!(doc.tok_text(i + 1), "”" | "’" | "\"" | "'");
    !closing && quotes.inside_quote(doc.tok(i).span())
}

/// Whether the clause between the comma at `comma` and token `end` is an attribution of what comes
/// before it in the sentence starting at token `a`.
fn attribution_after(doc: &Doc, a: usize, comma: usize, end: usize) -> bool {
    let closing_mark = |i: usize| matches!(doc.tok_text(i), "”" | "’" | "\"" | "'");
    // `…,” the group said`: the attribution starts after the marks that close a quoted ending. If
    // that quotation opens a clause of its own (`… out of whole cloth, “So much for modesty,” she
    // said`), it alone is what the source said; a fragment quoted inside the sentence (`facing
    // “high levels of persecution,” the group said`) leaves the whole sentence theirs.
    let mut from = comma + 1;
    while from < end && closing_mark(from) {
        from += 1;
    }
    if from > comma + 1 {
        let open = (a..comma).rev().find(|&i| matches!(doc.tok_text(i), "“" | "\"" | "‘" | "'"));
        if open.is_none_or(|o| o == a || doc.tok(o - 1).kind == TokKind::Punct) {
            return false;
        }
    }
    // A finite verb: a participle (`…, saying the deputy …`) opens content instead of closing it.
    let Some(verb) = (from..end).find(|&i| doc.is_in(i, words::REPORTING_VERBS | words::CLOSING_VERBS)) else {
        return false;
    };
    if doc.tok_lower(verb).ends_with("ing") {
        return false;
    }
    let subject_before = verb > from
        && verb - from <= 6
        && (doc.is_cap(from) || doc.is_in(from, words::PRONOUNS) || doc.is(from, "the"));
    let name_after = verb == from && verb + 1 < end && (doc.is_cap(verb + 1) || doc.is(verb + 1, "the"));
    end - verb <= 7 && (subject_before || name_after)
}

/// Whether one of `items` (in text order, not overlapping) contains `span`.
fn contains_span(items: &[Quote], span: Span) -> bool {
    let i = items.partition_point(|q| q.span.end < span.end);
    items.get(i).is_some_and(|q| q.span.contains(span))
}

/// Finds editorial wording in the writer's voice, sorted by start; no two findings overlap.
/// `candidates` are the editorial lexicons' matches at every position ([`matcher`], overlapping).
pub fn detect(doc: &Doc, quotes: &Quotes, attrs: &Attributions, candidates: &[Match]) -> Vec<Finding> {
    let mut cx = Cx {
        doc,
        quotes,
        cue_sents: attrs.items.iter().map(|a| doc.tok(a.cue.0).sent).collect(),
        legal: vec![0; doc.paragraphs.len()],
        speech: vec![0; doc.sentences.len()],
        title_case: vec![0; doc.paragraphs.len()],
        credited: vec![None; doc.sentences.len()],
        unpaired: vec![None; doc.paragraphs.len()],
        turns: None,
    };
    let mut out = Vec::new();
    lexicon_findings(&mut cx, candidates, &mut out);
    weasel_attributions(&mut cx, attrs, &mut out);
    superlatives(&mut cx, &mut out);
    shouted_words(&mut cx, &mut out);
    scorn_compounds(&mut cx, &mut out);
    drop_overlaps(&mut out);
    join_coordinated(doc, &mut out);
    rhetorical_questions(&mut cx, &mut out);
    out
}

/// Joins judgements the writer coordinates into one highlight (`astronomical and catastrophic`,
/// `relentless, and unhinged, attacks`, `bold and potentially historic`, `bogus smear`): one
/// phrase, one verdict. The first
/// word's note stands for the phrase. `out` is sorted and does not overlap.
fn join_coordinated(doc: &Doc, out: &mut Vec<Finding>) {
    let joinable = |f: &Finding| matches!(f.subtype.as_ref(), "loaded" | "intensifier");
    let mut joined: Vec<Finding> = Vec::with_capacity(out.len());
    for f in out.drain(..) {
        if let Some(prev) = joined.last_mut() {
            let a = doc.token_at_or_after(prev.span.end);
            let b = doc.token_at_or_after(f.span.start);
            // A comma alone joins a single word to what follows (`reckless, cruel plan`), not a
            // finished phrase to the next clause (`an aggressive tone, blatantly striving`).
            let single = doc.token_at_or_after(prev.span.start) + 1 == a;
            let between_ok = b >= a
                && b - a <= 3
                && (single || (a..b).any(|i| doc.is_any(i, &["and", "or"])))
                && doc.tok(a.min(b)).sent == doc.tok(b).sent
                && (a..b).all(|i| {
                    doc.is_punct(i, ",")
                        || doc.is_any(i, &["and", "or"])
                        || (doc.is_word(i) && doc.tok_lower(i).ends_with("ly"))
                });
            if between_ok && joinable(prev) && joinable(&f) && b > 0 && doc.tok(b - 1).sent == doc.tok(b).sent {
                prev.span.end = f.span.end;
                continue;
            }
        }
        joined.push(f);
    }
    *out = joined;
}

/// Lexicon entries whose context conditions hold, outside quotations and reported speech.
fn lexicon_findings(cx: &mut Cx, candidates: &[Match], out: &mut Vec<Finding>) {
    let doc = cx.doc;
    // Every candidate at every position, longest first at each; the first one whose conditions hold
    // wins its words, so a failed long phrase leaves room for a shorter one.
    let mut next_free = 0;
    for &m in candidates {
        if m.first < next_free {
            continue;
        }
        let flags = Flags::of(m.entry);
        if flags.has::<{ flag_bit("scare_quoted") }>() {
            if let Some(span) = scare_quote(cx, &m) {
                next_free = m.end;
                out.push(finding(span, m.entry.category(), Cow::Borrowed(m.entry.rule()), note_of(m.entry)));
            }
            continue;
        }
        if in_handle(doc, m.first, m.end) {
            continue; // part of a user name, a handle or a hashtag (`deviant_alpaca`, `@sweet_maniac`)
        }
        let Some(end) = judge(cx, &m, flags) else { continue };
        // A label that itself qualifies the next word (`leftist groups`) is not the head a word
        // before it could qualify: that word is more likely a verb (`expose leftist groups`).
        let head = end == m.end;
        let start = if flags.has::<{ flag_bit("with_prev") }>() && head && modifier_before(doc, m.first, next_free) {
            m.first - 1
        } else if matches!(m.entry.category(), "loaded" | "intensifier") {
            manner_adverb_before(doc, m.first, next_free)
        } else {
            m.first
        };
        let span = doc.span_of(start, end - 1);
        if cx.inside_marks(start, end) {
            continue; // the speaker's words, not the writer's
        }
        let about_the_source = flags.has::<{ flag_bit("attribution_verb") }>()
            || flags.has::<{ flag_bit("writers_mark") }>()
            || m.entry.category() == "weasel";
        if !about_the_source && cx.reported(m.first) {
            continue; // the source's wording, reported without quotation marks
        }
        if about_the_source && cx.turn(m.first) {
            continue; // an interviewee's own `so-called` or `insisted`
        }
        // `he said he would insist that …`: a plan to insist, reported, is the speaker's own word
        // for what they will do, not the writer's for what they said.
        let planned = m.first > 0 && doc.is_any(m.first - 1, &["would", "will", "to"]);
        if about_the_source && planned && cx.reported(m.first) {
            continue;
        }
        next_free = end;
        out.push(finding(span, m.entry.category(), Cow::Borrowed(m.entry.rule()), note_of(m.entry)));
    }
}

/// Whether the word before a label noun qualifies it and belongs in the highlight (`serial liars`,
/// `hired thugs`): a content word of the same sentence, not a determiner, a verb of saying, a
/// possessive or an adverb.
fn modifier_before(doc: &Doc, first: usize, free_from: usize) -> bool {
    let Some(p) = first.checked_sub(1) else { return false };
    let w = doc.tok_lower(p);
    let not_a_modifier = words::FUNCTION_WORDS
        | words::NOUN_MARKERS
        | words::NUMBERS_AND_QUANTIFIERS
        | words::AUXILIARY_VERBS
        | words::BE_FORMS
        | words::REPORTING_VERBS;
    // A capitalised modifier must be the whole name, not the end of one (`Al Qaeda-linked`).
    let inside_name = doc.is_cap(p) && p > 0 && doc.is_cap(p - 1) && doc.tok(p - 1).sent == doc.tok(p).sent;
    p >= free_from
        && !inside_name
        && doc.is_word(p)
        && doc.tok(p).sent == doc.tok(first).sent
        && !doc.tok(p).has(flag::SENT_START)
        && !doc.is_in(p, not_a_modifier)
        && !w.ends_with("'s")
        && !w.ends_with("’s")
        && !w.ends_with("ly")
        && (doc.is_cap(p) || !verb_in_s(w))
}

/// Whether `w` ends like a verb in `-s` (`uses`, `pursues`, `calls`) or a plural noun, neither of
/// which qualifies the label after it (`uses fascist propaganda`); adjectives in `-ous`, `-ss`, `-is`
/// and `-us` do (`notorious liars`), and so do names (`BDS provocateurs`), which the caller keeps.
fn verb_in_s(w: &str) -> bool {
    w.ends_with('s') && !["ous", "ss", "is", "us"].iter().any(|e| w.ends_with(e))
}

/// The start of a highlight that takes in a manner or degree adverb right before the loaded word
/// (`angrily slammed`, `famously frosty`): the adverb sharpens the same judgement. Time,
/// attribution and hedging adverbs, and words that only end like one, are left out.
fn manner_adverb_before(doc: &Doc, first: usize, free_from: usize) -> usize {
    let Some(p) = first.checked_sub(1) else { return first };
    let w = doc.tok_lower(p);
    // Degree adverbs without `-ly` (`outright wicked`, `downright insane`) push the same way.
    let degree = w.ends_with("ly") || matches!(w, "outright" | "downright");
    let adverb = p >= free_from
        && doc.is_word(p)
        && !doc.is_cap(p)
        && doc.tok(p).sent == doc.tok(first).sent
        && w.len() > 4
        && degree
        && !doc.is_in(p, words::NOT_MANNER_ADVERBS);
    if adverb {
        p
    } else {
        first
    }
}

fn note_of(e: &'static lexicon::Entry) -> Cow<'static, str> {
    if e.source().is_empty() {
        Cow::Borrowed(e.note())
    } else {
        // One note per finding: `concat` sizes the string once, without `format!`'s machinery.
        Cow::Owned([e.note(), " (Basis: ", e.source(), ".)"].concat())
    }
}

fn finding(span: Span, category: &'static str, rule: Cow<'static, str>, note: Cow<'static, str>) -> Finding {
    Finding {
        kind: Kind::Editorial,
        subtype: Cow::Borrowed(category),
        span,
        rule,
        note,
        speaker: None,
        source_finding: None,
    }
}

/// Checks a match's flags against its context; returns the token after the highlight, which some
/// flags move past the matched words.
///
/// Flags: all of [`FLAGS`] but `scare_quoted`, which [`scare_quote`] reads (see the lexicon file
/// headers).
fn judge(cx: &mut Cx, m: &Match, flags: Flags) -> Option<usize> {
    let doc = cx.doc;
    let (first, mut end) = (m.first, m.end);
    let prev = first.checked_sub(1).filter(|&p| doc.same_para(p, first));
    let next = Some(end).filter(|&n| n < doc.len() && doc.same_para(n, first));
    if part_of_name(cx, m) {
        return None;
    }
    if flags.has::<{ flag_bit("attribution_verb") }>() {
        end = attribution_verb(doc, m)?;
        if m.entry.phrase() == "admitted" && plea(doc, first) {
            return None;
        }
    }
    if flags.has::<{ flag_bit("verb_position") }>() && !prev.is_some_and(|p| is_subject_or_auxiliary(doc, p)) {
        return None;
    }
    if flags.has::<{ flag_bit("after_pause") }>() && !prev.is_some_and(|p| is_pause(doc, p)) {
        return None;
    }
    if flags.has::<{ flag_bit("sentence_adverb") }>() {
        let at_start = doc.tok(first).has(flag::SENT_START) || prev.is_some_and(|p| is_pause(doc, p));
        let set_off = next.is_some_and(|n| doc.is_punct(n, ","));
        if !at_start && !set_off {
            return None;
        }
    }
    if flags.has::<{ flag_bit("then_to") }>() && !to_follows(doc, end) {
        return None;
    }
    // `a new low 15 percent rate`: a level stated in figures is measured, not judged.
    if flags.has::<{ flag_bit("not_before_number") }>() && next.is_some_and(|n| doc.tok(n).kind == TokKind::Number) {
        return None;
    }
    // `allegedly hurled`: an accusation reported, not a doubt about a description.
    if flags.has::<{ flag_bit("not_before_verb") }>()
        && next
            .is_some_and(|n| doc.is_word(n) && (doc.tok_lower(n).ends_with("ed") || doc.tok_lower(n).ends_with("ing")))
    {
        return None;
    }
    if flags.has::<{ flag_bit("not_legal") }>() && cx.legal_para(first) {
        return None;
    }
    if flags.has::<{ flag_bit("political_target") }>() {
        end = political_target(doc, end)?;
    }
    if flags.has::<{ flag_bit("state_seizure") }>() && !state_seizure(doc, first, end) {
        return None;
    }
    // A label in the plural (`leftists`) is a noun; only the singular can qualify a next word.
    let plural_label = flags.has::<{ flag_bit("with_prev") }>() && doc.tok_lower(end - 1).ends_with('s');
    // A noun form of the word (`ignorance`, `stupidity`) judges nothing after it: in `willful
    // ignorance leads to waste` the next word is the verb.
    // A hyphenated compound is an adjective whatever its ending (`pro-abortion stance`).
    let last = doc.tok_lower(end - 1);
    let noun_form = !last.contains('-')
        && ["ance", "ence", "ness", "ity", "ism", "ment", "tion", "sion"].iter().any(|e| last.ends_with(e));
    if flags.has::<{ flag_bit("with_next") }>() && next.is_some() && !plural_label && !noun_form {
        end = phrase_end(doc, first, end);
    }
    if flags.has::<{ flag_bit("clause") }>() {
        end = clause_end(doc, end);
    }
    Some(end)
}

/// Words of a plea or a confession: beside them `admitted` reports what a defendant admitted to a
/// court or investigators, a legal fact, not the writer vouching for a statement.
const PLEA: &[&str] = &["pleaded", "pleads", "plead", "pled", "pleading", "guilty", "plea", "confessed", "confession"];

/// Whether token `i`'s sentence tells of a plea or a confession (`pleaded guilty and admitted that
/// …`, `admitted in his plea that …`), or the verb at `i` of an admission made in court (`admitted
/// in court that`; not a court elsewhere in the sentence, `their day in court`).
fn plea(doc: &Doc, i: usize) -> bool {
    let (a, b) = doc.sentences[doc.tok(i).sent as usize].tokens;
    let in_court = doc.is(i + 1, "in") && doc.is(i + 2, "court");
    in_court || (a as usize..b as usize).any(|j| doc.is_any(j, PLEA))
}

/// Whether `to` and a deliberate act follow token `end - 1` within a word or two of its clause
/// (`threatened on Monday to strike`), as opposed to a danger (`threatened to become the focus`) or a
/// lawful measure (`threatened to impose tariffs`).
fn to_follows(doc: &Doc, end: usize) -> bool {
    let sent = doc.tok(end - 1).sent;
    let to = (end..end + 3)
        .take_while(|&i| i < doc.len() && doc.tok(i).sent == sent && doc.is_word(i))
        .find(|&i| doc.is(i, "to"));
    to.is_some_and(|t| {
        let force = doc.is(t + 1, "use") && (doc.is_any(t + 2, FORCE) || doc.is_any(t + 3, FORCE));
        !(doc.is_in(t + 1, words::UNWILLED | words::FORMAL_MEASURES) || doc.is_any(t + 1, VIOLENT_ACTS) || force)
    })
}

/// What a threat `to use` names when it is force itself (`threatened to use live ammunition`): a
/// fact to report in just that word, like a violent act.
const FORCE: &[&str] = &["force", "ammunition", "weapons", "firearms", "guns", "gas", "bullets"];

/// Acts of violence: a threat to commit one is a fact to report in just that word (`threatened to
/// kill her parents`), not a stated intention the word dramatises.
const VIOLENT_ACTS: &[&str] = &[
    "kill", "murder", "shoot", "assault", "harm", "hurt", "bomb", "stab", "rape", "behead", "burn", "beat", "strangle",
    "execute", "torture", "kidnap",
];

/// Where a highlight on tokens `[first, end)` stops when it takes in what its word judges: the verb
/// or adjective an adverb pushes (`repeatedly demanded`), or the noun an adjective judges, with one
/// name or adjective between them (`bizarre tweet`, `disgraced FBI agents`, `half-baked theological
/// notions`) — and only where that noun visibly ends the phrase, so the highlight never stops inside
/// a longer compound or takes in the verb after it.
fn phrase_end(doc: &Doc, first: usize, end: usize) -> usize {
    let sent = doc.tok(first).sent;
    let word =
        |i: usize| i < doc.len() && doc.tok(i).sent == sent && doc.is_word(i) && !doc.is_in(i, words::FUNCTION_WORDS);
    if !word(end) {
        return end;
    }
    if end == first + 1 && doc.tok_lower(first).ends_with("ly") {
        return end + 1;
    }
    // A name of several capitalised words (`so-called Islamic State`) is taken whole, up to three
    // words, or not at all: the highlight would cut it. After a capitalised judgement the line is
    // a headline in title case (`Desperate Senator Pushes …`), where capitals mark no name.
    let cap = |i: usize| word(i) && doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START);
    if cap(end) && cap(end + 1) {
        let run = (end..end + 4).take_while(|&i| cap(i)).count();
        // Only a name that ends the phrase: in `scathing Washington Post op-ed` it qualifies a noun.
        return if run <= 3 && !doc.is_cap(first) && !word(end + run) { end + run } else { end };
    }
    // The phrase ends at a function word, an auxiliary, punctuation or a name in apposition
    // (`disgraced FBI agents Peter Strzok and …`).
    let ends_phrase = |i: usize| {
        !word(i) || doc.is_in(i, words::AUXILIARY_VERBS) || (doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START))
    };
    // A noun, not a past form or an adverb (short words that only end like one, `greed`, `family`,
    // are nouns).
    let noun = |i: usize| {
        let w = doc.tok_lower(i);
        let past = w.ends_with("ed") && w.len() > 5;
        let adverb = w.ends_with("ly") && !doc.is_in(i, words::NOT_MANNER_ADVERBS);
        word(i)
            && !doc.is_in(i, words::AUXILIARY_VERBS)
            && !doc.is_in(i, words::FINITE)
            && !doc.is_in(i, words::REPORTING_VERBS)
            && !past
            && !adverb
            && !w.ends_with("n't")
            && !w.ends_with("n’t")
            && w.len() > 1
    };
    let modifier = |i: usize| {
        const ADJECTIVE_ENDINGS: &[&str] = &["al", "ic", "ive", "ous", "ern", "ary", "ful", "less", "ist"];
        let w = doc.tok_lower(i);
        noun(i) && (doc.is_cap(i) || w.contains('-') || ADJECTIVE_ENDINGS.iter().any(|e| w.ends_with(e)))
    };
    // A singular noun that qualifies the next one (`stunning tower audio`, `bogus poll numbers`): a
    // head that ends in `-s` only where the phrase visibly ends there, since `case rests` is a
    // subject and its verb.
    let singular = |i: usize| {
        let w = doc.tok_lower(i);
        !w.ends_with('s') || w.ends_with("ss")
    };
    // Degree words that only look like nouns (`very, very much more`).
    let degree = |i: usize| {
        doc.is_in(i, words::NUMBERS_AND_QUANTIFIERS)
            || doc.is_any(
                i,
                &[
                    "much", "less", "very", "too", "enough", "just", "only", "even", "still", "also", "quite",
                    "rather", "almost", "nearly",
                ],
            )
    };
    let compound = |i: usize| {
        !degree(i)
            && !degree(i + 1)
            && noun(i)
            && singular(i)
            && !doc.tok_lower(i).ends_with("ly")
            && !doc.is_cap(i)
            && noun(i + 1)
            && !["ed", "ing", "wn", "ly"].iter().any(|e| doc.tok_lower(i + 1).ends_with(e))
            && ends_phrase(i + 2)
            && (singular(i + 1) || !doc.is_word(i + 2) || doc.is_in(i + 2, words::AUXILIARY_VERBS))
    };
    // A possessive ends the phrase it heads (`the rogue kingdom's despotic leader`).
    let possessive = |i: usize| {
        let w = doc.tok_lower(i);
        w.ends_with("'s") || w.ends_with("’s")
    };
    if noun(end) && (ends_phrase(end + 1) || possessive(end)) {
        end + 1
    } else if (modifier(end) && noun(end + 1) && ends_phrase(end + 2)) || compound(end) {
        end + 2
    } else {
        end
    }
}

/// How a paragraph of an interview or a transcript opens.
#[derive(Clone, Copy, PartialEq)]
enum Turn {
    /// No label: running text, or the rest of an answer.
    None,
    /// `Q:`, the interviewer's question.
    Question,
    /// `A:`, the answer.
    Answer,
    /// `JAKE TAPPER:`, a speaker's name in capitals; the token is the name's last word.
    Speaker(usize),
}

/// Per paragraph, whether it is a turn of someone interviewed or recorded, whose words are theirs,
/// not the writer's: an answer in a question-and-answer interview (`A: …` where the text has a `Q:`
/// or another `A:`) with the paragraphs that follow it up to the next question, and a paragraph
/// opened by a speaker's name in capitals and a colon (`TAPPER: …`) in a transcript of at least two
/// speakers, each of whom the text also names in ordinary writing (`CNN's Jake Tapper`), so that
/// section labels (`READ MORE:`, `ENERGY:`) are not taken for speakers.
fn transcript_turns(doc: &Doc) -> Vec<bool> {
    let label = |&(a, b): &(u32, u32)| {
        let (a, b) = (a as usize, b as usize);
        if b < a + 3 {
            return Turn::None;
        }
        if doc.is_punct(a + 1, ":") {
            match doc.tok_text(a) {
                "Q" => return Turn::Question,
                "A" => return Turn::Answer,
                _ => {}
            }
        }
        let caps = (a..b.min(a + 3)).take_while(|&i| doc.is_word(i) && doc.tok(i).has(flag::ALL_CAPS)).count();
        if caps > 0 && doc.is_punct(a + caps, ":") {
            Turn::Speaker(a + caps - 1)
        } else {
            Turn::None
        }
    };
    let labels: Vec<Turn> = doc.paragraphs.iter().map(|p| label(&p.tokens)).collect();
    let mut turns = vec![false; labels.len()];
    let count = |t: Turn| labels.iter().filter(|&&l| l == t).count();
    let answers = count(Turn::Answer);
    if answers >= 2 || answers == 1 && count(Turn::Question) >= 1 {
        let mut answering = false;
        for (p, &l) in labels.iter().enumerate() {
            answering = match l {
                Turn::Answer => true,
                Turn::None => answering,
                _ => false,
            };
            turns[p] = answering;
        }
    }
    // A speaker's name in capitals counts when the text writes it in ordinary case too.
    let named = |h: usize| {
        let name = doc.tok_lower(h);
        doc.capitalised.iter().any(|&c| doc.tok_lower(c as usize) == name)
    };
    let mut speakers: Vec<&str> = Vec::new();
    for &l in &labels {
        if let Turn::Speaker(h) = l {
            if !speakers.contains(&doc.tok_lower(h)) && named(h) {
                speakers.push(doc.tok_lower(h));
            }
        }
    }
    if speakers.len() >= 2 {
        for (p, &l) in labels.iter().enumerate() {
            if let Turn::Speaker(h) = l {
                turns[p] |= speakers.contains(&doc.tok_lower(h));
            }
        }
    }
    // An embedded post is its poster's: the line before a signature (`— Ana Ruiz (@aruiz) May 3,
    // 2019`, or a reader's `@aruiz.` alone), or a post still in `<tweet …>` markup.
    for (p, para) in doc.paragraphs.iter().enumerate() {
        let (a, b) = (para.tokens.0 as usize, para.tokens.1 as usize);
        let handle = (a..b.min(a + 16))
            .any(|i| doc.is_punct(i, "@") && (i == a || doc.is_punct(i - 1, "(")) && doc.is_word(i + 1));
        if p > 0 && handle && (b <= a + 3 || matches!(doc.tok_text(a), "—" | "–" | "-")) {
            turns[p - 1] = true;
        }
        turns[p] |= doc.is_punct(a, "<") && doc.is(a + 1, "tweet");
    }
    turns
}

/// Whether the verb of saying or thinking at `verb` has the writer as its subject (`I'm convinced
/// the plan is a debacle`, `we think`): in an opinion piece that view is the writer's own.
fn first_person(doc: &Doc, verb: usize) -> bool {
    let mut s = verb;
    while s > 0
        && verb - s < 3
        && doc.is_in(s - 1, words::AUXILIARY_VERBS | words::BE_FORMS | words::BETWEEN_SUBJECT_AND_CUE)
    {
        s -= 1;
    }
    s > 0
        && matches!(
            doc.tok_lower(s - 1),
            "i" | "we" | "i'm" | "i’m" | "we're" | "we’re" | "i've" | "i’ve" | "we've" | "we’ve" | "i'd" | "i’d"
        )
}

/// Whether the tokens `[a, b)` end with a verb of saying and a colon (`Limbaugh added:`, `he
/// wrote in a statement:`, `told reporters:`): what follows is the speaker's, with or without
/// quotation marks. Between the verb and the colon only a phrase opened by a preposition, not a
/// noun the verb's form modifies (`the right calling card:`).
fn speech_colon_ends(doc: &Doc, (a, b): (u32, u32)) -> bool {
    let (a, b) = (a as usize, b as usize);
    b > a + 1
        && doc.is_punct(b - 1, ":")
        && (b.saturating_sub(6).max(a)..b - 1).any(|i| {
            doc.is_in(i, words::REPORTING_VERBS)
                && (i + 2 == b || doc.is_any(i + 1, &["in", "on", "at", "to", "during", "via", "reporters"]))
        })
}

/// Whether the words `[first, end)` are glued to an underscore, an at sign or a hash: a user
/// name, a handle or a hashtag, not the writer's wording.
fn in_handle(doc: &Doc, first: usize, end: usize) -> bool {
    let glued = |i: usize| matches!(doc.tok_text(i), "_" | "@" | "#");
    (first > 0 && !doc.tok(first).has(flag::SPACE_BEFORE) && glued(first - 1))
        || (end < doc.len() && !doc.tok(end).has(flag::SPACE_BEFORE) && doc.is_punct(end, "_"))
}

/// Whether token `p` can come right before a verb: a name, a pronoun or an auxiliary — not a
/// number or a determiner, which make the next word a noun (`Two blasts shook the port`).
fn is_subject_or_auxiliary(doc: &Doc, p: usize) -> bool {
    doc.is_in(p, words::BEFORE_VERB)
        || (doc.is_cap(p) && !doc.is_in(p, words::NOUN_MARKERS | words::NUMBERS_AND_QUANTIFIERS))
}

/// A lowercase lexicon word written with a capital in the middle of running text, next to other
/// capitalised words, is part of a name (`the Radical Party`, `Operation Hammer`), not a judgement.
fn part_of_name(cx: &mut Cx, m: &Match) -> bool {
    let doc = cx.doc;
    let i = m.first;
    if !doc.is_cap(i) || doc.tok(i).has(flag::SENT_START) || doc.tok(i).has(flag::ALL_CAPS) {
        return false;
    }
    let neighbour_cap =
        (i > 0 && doc.same_para(i - 1, i) && doc.is_cap(i - 1) && !doc.tok(i - 1).has(flag::SENT_START))
            || (m.end < doc.len() && doc.same_para(m.end, i) && doc.is_cap(m.end));
    neighbour_cap && !cx.title_case_para(i)
}

fn is_pause(doc: &Doc, i: usize) -> bool {
    doc.tok(i).kind == TokKind::Punct && matches!(doc.tok_text(i), "," | ";" | ":" | "—" | "–" | "(" | "-")
}

/// For a verb of saying: the token after the highlight if the verb introduces what someone said
/// (`claimed that`, `claimed he held`, `claimed the vote was rigged`, `, she insisted.`), or `None`
/// where it is a noun (`his claims that`), passive (`was admitted to hospital`) or has a plain
/// object (`claimed the title`, `conceded defeat`). With a pronoun subject after it, the highlight
/// takes in the opening of the claim, as readers see it: `claimed he held`, `claimed they had made`.
fn attribution_verb(doc: &Doc, m: &Match) -> Option<usize> {
    let (first, end) = (m.first, m.end);
    let sent = doc.tok(first).sent;
    let in_sentence = |i: usize| i < doc.len() && doc.tok(i).sent == sent;
    if doc.tok(first).has(flag::SENT_START) {
        return None; // no subject: a noun (`Claims that …`) or an imperative
    }
    let prev = first - 1;
    let word = doc.tok_lower(first);
    // `they aren't admitted until vetted`: a passive, not a verb of saying.
    let be = words::BE_FORMS | words::NEGATIVE_AUXILIARIES;
    if doc.is_in(prev, words::NOUN_MARKERS) || (word.ends_with("ed") && doc.is_in(prev, be)) {
        return None;
    }
    // `insisted on getting all the Americans out`: a demand, not a claim.
    // `blood tests revealed that`, `the investigation has revealed that`: evidence disclosing a
    // finding, not a person whose statement the verb vouches for.
    if word.starts_with("reveal") {
        let mut s = prev;
        while s > 0 && doc.is_in(s, words::AUXILIARY_VERBS | words::BETWEEN_SUBJECT_AND_CUE) && prev - s < 2 {
            s -= 1;
        }
        // `tests by Digital Foundry reveal`: the evidence before the name of whoever made it.
        let mut by = s;
        while by > 0 && doc.is_cap(by) && s - by < 4 {
            by -= 1;
        }
        if by < s && doc.is(by, "by") && by > 0 {
            s = by - 1;
        }
        // `it reveals that dozens voted against her`: a thing (the vote) that shows a fact.
        if doc.is_any(s, EVIDENCE) || doc.is_any(s, &["it", "this"]) {
            return None;
        }
    }
    if word.starts_with("insist") && (demands(doc, end) || doc.is_any(end, &["on", "upon"])) {
        return None;
    }
    // `claims`, `claim` are nouns as often as verbs (`rejected claims that`, `Haley's claim that`):
    // as verbs they follow their subject or an auxiliary.
    if matches!(word, "claim" | "claims") {
        let t = doc.tok_text(prev);
        // A name before the base form is a noun's modifier (`rejects Trump claim that`).
        let named_subject = word.ends_with('s')
            && doc.is_cap(prev)
            && !doc.tok(prev).has(flag::SENT_START)
            && !t.ends_with("'s")
            && !t.ends_with("’s");
        let subject = doc.is_in(prev, words::BEFORE_VERB) || named_subject;
        if !subject {
            return None;
        }
    }
    if !in_sentence(end) {
        return None;
    }
    if doc.is(end, "that") {
        return Some(end);
    }
    if doc.is_in(end, words::PRONOUNS) {
        let mut e = end + 1;
        if in_sentence(e) && doc.is_in(e, words::AUXILIARY_VERBS) {
            e += 1;
        }
        // The verb of the claim or its negation (`insists it does not`), not a preposition or an
        // article (`claiming he above all others…`, `acknowledged he had a`).
        if in_sentence(e) && doc.is_word(e) && (!doc.is_in(e, words::FUNCTION_WORDS) || doc.is_any(e, &["not", "no"])) {
            e += 1;
        }
        return Some(e);
    }
    if doc.is(end, "to") {
        return (in_sentence(end + 1) && doc.is_in(end + 1, words::CLAIM_TO)).then_some(end);
    }
    if doc.tok(end).kind == TokKind::Punct {
        // `…, she insisted.`: the verb closes an attribution whose subject is right before it.
        let closes = matches!(doc.tok_text(end), "." | "," | ";" | "!" | "?");
        // The subject itself follows a pause or opens the sentence: in `… and that Sanders
        // conceded.` the verb ends a reported clause and has no statement to attribute.
        let mut s = prev;
        while s > 0 && doc.is_cap(s - 1) && doc.is_cap(s) && prev - s < 3 && !doc.tok(s).has(flag::SENT_START) {
            s -= 1;
        }
        let after_pause = doc.tok(s).has(flag::SENT_START) || (s > 0 && doc.tok(s - 1).kind == TokKind::Punct);
        return (closes && after_pause && (doc.is_cap(prev) || doc.is_in(prev, words::PRONOUNS))).then_some(end);
    }
    // A clause: a finite verb within a few words, before any punctuation.
    let mut i = end;
    while i < end + 8 && in_sentence(i) && doc.is_word(i) {
        let after_det = i > end && doc.is_in(i - 1, words::NOUN_MARKERS);
        // A compound in `-ed` is an adjective (`the Democratic Party-controlled House`).
        let past = doc.tok_lower(i).ends_with("ed") && !doc.tok_lower(i).contains('-');
        if i > end && (doc.is_in(i, words::FINITE) || (past && !after_det)) {
            return Some(end);
        }
        i += 1;
    }
    None
}

/// Nouns for something said, whose `about … being …` is the proposition it made.
const SPEECH_NOUNS: &[&str] = &[
    "comment",
    "comments",
    "remark",
    "remarks",
    "statement",
    "statements",
    "claim",
    "claims",
    "assertion",
    "quip",
    "tweet",
    "tweets",
    "suggestion",
    "argument",
    "joke",
    "speech",
];

/// Records and findings that can reveal something without anyone's statement being vouched for.
const EVIDENCE: &[&str] = &[
    "test",
    "tests",
    "poll",
    "polls",
    "survey",
    "surveys",
    "investigation",
    "investigations",
    "probe",
    "inquiry",
    "filing",
    "filings",
    "record",
    "records",
    "document",
    "documents",
    "data",
    "analysis",
    "study",
    "studies",
    "report",
    "reports",
    "audit",
    "review",
    "search",
    "email",
    "emails",
    "footage",
    "video",
    "photos",
    "images",
    "scan",
    "scans",
    "autopsy",
    "research",
    "results",
    "figures",
    "statistics",
    "census",
    "memo",
    "memos",
    "letter",
    "letters",
    "papers",
    "samples",
    "x-rays",
    "tapes",
    "recordings",
    "logs",
];

/// Whether the clause after `insist` at token `from` is a demand, not a claim: a mandative
/// subjunctive or a modal of obligation (`insist that the port be reopened`, `that something would
/// have to be done`).
fn demands(doc: &Doc, from: usize) -> bool {
    let sent = doc.tok(from.saturating_sub(1)).sent;
    let in_clause = |i: usize| i < doc.len() && doc.tok(i).sent == sent && doc.is_word(i);
    let modal = (from..from + 8).take_while(|&i| in_clause(i)).any(|i| {
        doc.is_any(i, &["should", "must"])
            || (doc.is(i, "be")
                && i > from
                && !doc.is_in(i - 1, words::AUXILIARY_VERBS)
                && !doc.is_any(i - 1, &["to", "not"]))
            || (doc.is(i, "have") && doc.is(i + 1, "to"))
    });
    // `insisting that the administration agree to …`, `that Congress approve …`: a singular
    // subject with a bare verb after it.
    let mut i = from + usize::from(doc.is(from, "that"));
    if in_clause(i) && doc.is_any(i, &["the", "a", "an", "this", "his", "her", "its", "their"]) {
        i += 1;
    }
    // After a determiner the subject may take an adjective (`that the first lady go`).
    let reach = if i > from && doc.is_in(i - 1, words::NOUN_MARKERS) { 3 } else { 2 };
    let subjunctive = in_clause(i)
        && (1..=reach).any(|k| {
            in_clause(i + k)
                && doc.is_in(i + k, words::BARE_VERBS)
                && (1..k).all(|j| !doc.is_in(i + j, words::FINITE) && (k < 3 || in_clause(i + j)))
        });
    modal || subjunctive
}

/// For `attack on`: the token after the object if it is a political target (`the attack on the
/// country`, `an assault on free speech`), within four words.
fn political_target(doc: &Doc, end: usize) -> Option<usize> {
    let sent = doc.tok(end.saturating_sub(1)).sent;
    (end..end + 4)
        .take_while(|&i| i < doc.len() && doc.tok(i).sent == sent && doc.is_word(i))
        .find(|&i| doc.is_in(i, words::POLITICAL_TARGETS))
        .map(|i| i + 1)
}

/// For `kidnapping`, `abduction`: whether a state seizes a political figure — a state actor right
/// before (`the US abduction of Maduro`) or a political title after (`kidnapping of President X`).
fn state_seizure(doc: &Doc, first: usize, end: usize) -> bool {
    let same = |i: usize| i < doc.len() && doc.same_para(i, first);
    let by_state = first > 0 && same(first - 1) && doc.is_in(first - 1, words::STATE_ACTORS);
    let mut o = end;
    if same(o) && doc.is(o, "of") {
        o += 1;
    }
    let titled = same(o) && doc.is_in(o, words::POLITICAL_TITLES) && {
        // `the` only counts when a title follows it: `of the president`.
        !doc.is(o, "the") || (same(o + 1) && doc.is_in(o + 1, words::POLITICAL_TITLES))
    };
    titled || (by_state && same(o) && doc.is_cap(o))
}

/// The token after the clause that starts at `from`: up to the next comma, stop or dash in the
/// sentence, and never more than 30 tokens, so one highlight cannot swallow a paragraph.
fn clause_end(doc: &Doc, from: usize) -> usize {
    let Some(sent) = from.checked_sub(1).map(|p| doc.tok(p).sent) else { return from };
    let mut i = from;
    while i < doc.len() && i < from + 30 && doc.tok(i).sent == sent {
        if doc.tok(i).kind == TokKind::Punct
            && matches!(doc.tok_text(i), "," | ";" | "." | "!" | "?" | "—" | "–" | "(" | ":")
        {
            break;
        }
        i += 1;
    }
    i
}

/// For a word that claims a virtue or a status (`reforms`, `independent`): the span of its quotation
/// marks when the writer has set it alone in scare quotes — the whole of a quoted term, in double
/// marks, in a sentence where no one is quoted or credited and that is not a headline.
fn scare_quote(cx: &mut Cx, m: &Match) -> Option<Span> {
    let doc = cx.doc;
    let terms = &cx.quotes.terms;
    let k = terms.partition_point(|t| t.content.0 < m.first);
    let t = terms.get(k).filter(|t| t.content == (m.first, m.end))?;
    let (open, close) = (t.open_tok?, t.close_tok?);
    // A capital inside the marks mid-sentence makes the term a name (`the “Freedom” party`).
    let named = doc.is_cap(m.first) && !doc.tok(open).has(flag::SENT_START);
    if named || !matches!(doc.tok_text(open), "“" | "\"") {
        return None;
    }
    let sent = doc.tok(open).sent;
    let k = cx.cue_sents.partition_point(|&s| s < sent);
    let credited = cx.cue_sents.get(k) == Some(&sent) || sentence_has_speech_quote(cx.quotes, doc, sent);
    if credited || cx.speech_sentence(sent) || cx.title_case_para(open) {
        return None;
    }
    Some(doc.span_of(open, close))
}

/// Whether sentence `sent` holds someone's quoted words: a short quoted word next to them is more
/// likely theirs than the writer's.
fn sentence_has_speech_quote(quotes: &Quotes, doc: &Doc, sent: u32) -> bool {
    let (a, b) = doc.sentences[sent as usize].tokens;
    let (start, end) = (doc.tok(a as usize).start as usize, doc.tok(b as usize - 1).end as usize);
    let i = quotes.quotes.partition_point(|q| q.span.end <= start);
    quotes.quotes.get(i).is_some_and(|q| q.span.start < end)
}

/// Cues that report a request or a promise, not a view: `experts urged people to stay home` tells
/// what a crowd asked for, which the reader can weigh without knowing who they are.
pub(crate) const NOT_A_VIEW: &str = "\
    urged urges urge pleaded pleads begged demanded demands asked asks promised promises vowed vows pledged pledges \
    replied responded answered";

/// `Critics say`, `some analysts warn`: a claim credited to a crowd the article does not identify.
/// Only where the crowd comes first and is the whole subject (`critics said`, not `saying they`),
/// and the cue reports a view (not how it was said, `some shouting`, nor a request, `urged`).
fn weasel_attributions(cx: &mut Cx, attrs: &Attributions, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    for a in &attrs.items {
        let head = a.source.1 - 1;
        if a.source.1 > a.cue.0 || !doc.is_in(head, words::CROWDS) {
            continue;
        }
        if a.cue_category == "manner" || doc.is_in(a.cue.0, words::NOT_A_VIEW) {
            continue;
        }
        if !crowd_reports_view(doc, head, a.cue.0, a.cue.1) {
            continue;
        }
        // The crowd phrase itself: the crowd noun and the quantifiers and adjectives before it
        // (`some legal experts`), not a connective or the noun a relative clause hangs on (`a plan
        // critics say …`).
        let mut first = head;
        while first > a.source.0 && is_crowd_modifier(doc, first - 1) {
            first -= 1;
        }
        // No name in the crowd (`critics`, `some legal experts`; not `Republican critics`): a
        // capital only on a crowd word or quantifier that starts the sentence.
        let named = (first..=head).any(|i| {
            doc.is_cap(i)
                && (!doc.tok(i).has(flag::SENT_START) || !doc.is_in(i, words::CROWDS | words::NUMBERS_AND_QUANTIFIERS))
        });
        // One of several sources (`intelligence assessments and experts have said`): the others
        // give the claim a source the reader can weigh.
        let conjoined = first >= 2
            && doc.is_any(first - 1, &["and", "or"])
            && doc.same_para(first - 2, first)
            && doc.is_word(first - 2)
            && !doc.is_in(first - 2, words::CROWDS);
        if head - first > 3 || named || conjoined {
            continue;
        }
        let span = doc.span_of(first, a.cue.1 - 1);
        if cx.inside_marks(first, a.cue.1) {
            continue;
        }
        out.push(finding(
            span,
            "weasel",
            Cow::Borrowed("editorial.weasel-attribution"),
            Cow::Borrowed(
                "A view credited to an unnamed crowd: the article does not say who holds it. \
                 (Basis: MOS:WTW, unsupported attributions.)",
            ),
        ));
    }
}

/// Superlative records in the writer's voice: `one of the most stunning upsets in congressional
/// history`, `the worst deal ever`, `the greatest of all time`. The highlight runs from the
/// superlative (with `one of the`) to the record it claims.
fn superlatives(cx: &mut Cx, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    // Found first, in a tight walk of their own: the rule's work is for these few tokens only.
    let records: Vec<usize> = doc.tokens_in(words::RECORD_WORDS).collect();
    for e in records {
        // The record claimed: `ever`, `in (…) history`, `of all time`, ending at token `e`.
        let record = (doc.is(e, "ever") && !doc.is_any(e + 1, &["since", "before", "again", "more", "after"]))
            || (doc.is(e, "history") && (e.saturating_sub(3)..e).any(|i| doc.is(i, "in")))
            || (doc.is(e, "time") && e >= 2 && doc.is(e - 1, "all") && doc.is(e - 2, "of"));
        if !record {
            continue;
        }
        let end = e + 1;
        let sent = doc.tok(e).sent;
        let sup = (e.saturating_sub(10)..e)
            .rev()
            .take_while(|&i| doc.tok(i).sent == sent && doc.is_word(i))
            .find(|&i| doc.is_in(i, words::SUPERLATIVES));
        let Some(sup) = sup else { continue };
        // A comparison (`tougher than Obama ever was`) or a disaster's toll (`the worst mass
        // shooting in American history`) is a measured record, not a judgement.
        if (sup..e).any(|i| doc.is(i, "than") || doc.is_in(i, words::MEASURED_EVENTS)) {
            continue;
        }
        // A record of a quantity (`the most expensive keeper in history`, `the biggest transfer
        // ever`) can be checked against numbers; only a record of quality is the writer's verdict.
        if doc.is(sup, "biggest") || (doc.is(sup, "most") && doc.is_in(sup + 1, words::MEASURABLE)) {
            continue;
        }
        let mut start = sup;
        if start >= 1 && doc.is(start - 1, "the") {
            start -= 1;
            if start >= 2 && doc.is(start - 1, "of") && doc.is_any(start - 2, &["one", "some", "among"]) {
                start -= 2;
            }
        }
        // A standing the writer credits to others (`is considered one of the greatest players of all
        // time`, `was voted the best …`) reports a reputation, not the writer's verdict.
        let reputation = (start.saturating_sub(2)..start).any(|i| doc.is_in(i, words::REPUTATION_VERBS));
        if doc.tok(start).sent != sent || reputation || cx.inside_marks(start, end) || cx.reported(start) {
            continue;
        }
        out.push(finding(
            doc.span_of(start, end - 1),
            "intensifier",
            Cow::Borrowed("editorial.superlative-record"),
            Cow::Borrowed(
                "A superlative record (the most…, …in history, …ever) is the writer's exaggeration unless the article \
                 shows the record.",
            ),
        ));
    }
}

/// Acronyms that are also everyday words, so their capitals say nothing about emphasis.
pub(crate) const ACRONYM_WORDS: &str = "us it who aids now act can or me in ok am pm is id gop";

/// Words of negation and totality, the ones most often shouted, and never acronyms.
pub(crate) const EMPHATIC_WORDS: &str = "no not never ever any every none nothing nobody only";

/// Endings that make a hyphenated compound a label of scorn for whoever it describes
/// (`Trump-hating media`, `immigrant-bashing candidate`, `power-crazed`, `race-monger`): the
/// hatred or obsession is the writer's charge, not a reported fact.
const SCORN_ENDINGS: &[&str] =
    &["-hating", "-hater", "-haters", "-bashing", "-obsessed", "-crazed", "-mongering", "-monger", "-mongers"];

/// Hyphenated compounds ending in one of [`SCORN_ENDINGS`], in the writer's voice, with the noun
/// they qualify (`Trump-hating woman`). Hyphens are rare, so the text is searched for them, not
/// every token tested.
fn scorn_compounds(cx: &mut Cx, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let lower = doc.lower();
    let mut from = 0;
    while let Some(k) = lower[from..].find('-') {
        let pos = from + k;
        from = pos + 1;
        if !SCORN_ENDINGS.iter().any(|e| lower[pos..].starts_with(*e)) {
            continue;
        }
        let Some(i) = doc.token_containing(pos) else { continue };
        let w = doc.tok_lower(i);
        let (start, end) = (doc.tok(i).start as usize, doc.tok(i).end as usize);
        // The ending closes the word, and the hyphen is not its first character.
        let whole = doc.is_word(i) && start < pos && SCORN_ENDINGS.contains(&&lower[pos..end]);
        if !whole || cx.inside_marks(i, i + 1) || cx.reported(i) {
            continue;
        }
        let end = if w.ends_with("ing") || w.ends_with("ed") { phrase_end(doc, i, i + 1) } else { i + 1 };
        out.push(finding(
            doc.span_of(i, end - 1),
            "loaded",
            Cow::Borrowed("editorial.scorn-compound"),
            Cow::Borrowed(
                "A compound like 'Trump-hating' labels people by a hatred or obsession the article does not \
                 show; neutral reporting describes what they said or did.",
            ),
        ));
    }
}

/// Ordinary words set in capitals for emphasis (`there is NO evidence`, `a HUGE mistake`): the
/// writer shouting. A word counts as ordinary when the same text also uses it in lower case, which
/// acronyms (`FBI`, `NATO`) never are, or when it is a function word. Left alone: headlines and
/// lines in capitals, a paragraph's opening label (`NEW:`), runs of three or more (slogans,
/// titles), capitals that are part of a name (`the DISCLOSE Act`) or of a longer token (`15-YEAR`,
/// `VDARE.COM`). Neighbouring shouted words make one highlight.
fn shouted_words(cx: &mut Cx, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let shouted = |i: usize| {
        let t = doc.tok(i);
        t.kind == TokKind::Word
            && t.has(flag::ALL_CAPS)
            && t.has(flag::SPACE_BEFORE)
            && !doc.is_in(i, words::ACRONYM_WORDS)
            && doc.tok_lower(i).chars().all(char::is_alphabetic)
    };
    // Only these can start a highlight; most texts have none, so the flags are tested first.
    let starts: Vec<usize> =
        doc.tokens.iter().enumerate().filter(|&(i, t)| t.has(flag::ALL_CAPS) && shouted(i)).map(|(i, _)| i).collect();
    if starts.is_empty() {
        return;
    }
    let ordinary = |i: usize| {
        shouted(i)
            && (doc.also_written(i, words::written::UNCAPITALISED)
                || doc.is_in(i, words::FUNCTION_WORDS | words::NUMBERS_AND_QUANTIFIERS | words::EMPHATIC_WORDS))
    };
    let mut next_free = 0;
    for i in starts {
        if i < next_free || !ordinary(i) {
            continue;
        }
        let sent = doc.tok(i).sent;
        let mut end = i + 1;
        while end < doc.len() && doc.tok(end).sent == sent && ordinary(end) {
            end += 1;
        }
        let in_name = (i > 0 && doc.tok(i - 1).sent == sent && !doc.tok(i).has(flag::SENT_START) && doc.is_cap(i - 1))
            || (end < doc.len() && doc.tok(end).sent == sent && doc.is_cap(end));
        // `the GROW stage`, `the BUILD, IMPLEMENT, and GROW stages` after a heading `The Grow
        // Stage:`: a coined name of a step, set in capitals to stand out as a name, not to shout.
        let ty = doc.word_types();
        let coined = (doc
            .is_any(end, &["stage", "stages", "phase", "phases", "step", "steps", "level", "levels", "mode"])
            || doc.is_punct(end, ",") && doc.tokens.get(end + 1).is_some_and(|t| t.has(flag::ALL_CAPS)))
            && doc.capitalised.iter().any(|&j| ty[j as usize] == ty[i] && !doc.tok(j as usize).has(flag::SENT_START));
        let label = doc.tok(i).has(flag::PARA_START);
        if end - i < 3
            && !in_name
            && !label
            && !coined
            && !cx.title_case_para(i)
            && !cx.inside_marks(i, end)
            && !cx.reported(i)
        {
            out.push(finding(
                doc.span_of(i, end - 1),
                "intensifier",
                Cow::Borrowed("editorial.shouted-word"),
                Cow::Borrowed("Capitals for emphasis shout the word at the reader; a report sets it in ordinary type."),
            ));
        }
        next_free = end;
    }
}

/// Openers of a question that expects its own answer: `Isn't it time…?`, `Why would anyone…?`.
pub(crate) const NEGATIVE_AUXILIARIES: &str = "\
    isn't aren't wasn't weren't doesn't don't didn't won't wouldn't shouldn't can't couldn't hasn't haven't isn’t \
    aren’t wasn’t weren’t doesn’t don’t didn’t won’t wouldn’t shouldn’t can’t couldn’t hasn’t haven’t";
pub(crate) const RHETORICAL_MARKERS: &str = "anyone anybody possibly seriously really ever hell earth else honestly";
pub(crate) const WH_WORDS: &str = "how why who what where when";

/// Whether the question `[a, last)` is rhetorical by its form, not merely a question: it opens with a
/// negative auxiliary (`Isn't it time…?`), or a wh-word comes with a marker that presumes the answer
/// (`How could anyone…`, `What on earth…`, `Why would they ever…`). A plain question a story goes on
/// to answer (`But what would such a cell be doing in the lungs?`) frames nothing.
fn rhetorical(doc: &Doc, a: usize, last: usize) -> bool {
    let first_word = (a..last).find(|&i| doc.is_word(i) && !doc.is_any(i, &["but", "and", "so", "or", "now", "then"]));
    if first_word.is_some_and(|i| doc.is_in(i, words::NEGATIVE_AUXILIARIES)) {
        return true;
    }
    // The same question with its `not` after the subject (`Do they not know…?`, `Would it not be
    // easier…?`) or, in the older order, before it (`Does not the government have a point?`).
    let auxiliary = |i: usize| doc.is_in(i, words::AUXILIARY_VERBS) || doc.is_any(i, &["should", "must", "might"]);
    if let Some(i) = first_word.filter(|&i| auxiliary(i)) {
        let not = (i + 1..(i + 6).min(last)).find(|&j| doc.is(j, "not"));
        let subject_then_not =
            not.is_some_and(|n| n > i + 1 && (i + 1..n).all(|j| doc.is_word(j) && !doc.is_in(j, words::WH_WORDS)));
        let not_then_subject = not == Some(i + 1) && doc.is_in(i + 2, words::DETERMINERS | words::PRONOUNS);
        if subject_then_not || not_then_subject {
            return true;
        }
    }
    // A sentence with a verb (not an interviewer's `Senator Ernst?`).
    (a..last).any(|i| doc.is_in(i, words::FINITE))
        && (a..last).any(|i| doc.is_in(i, words::WH_WORDS))
        && (a..last).any(|i| doc.is_in(i, words::RHETORICAL_MARKERS))
}

/// Questions in the writer's own voice (`How could the minister possibly know this?`): a news
/// report answers questions; a question put to the reader steers them toward an answer. Only a
/// whole sentence with a verb (not an interviewer's `Senator Ernst?`), with no quotation marks and
/// no one credited in it, so a question someone asked stays theirs; and only where no other
/// editorial wording inside it already shows the judgement. `out` is sorted and stays sorted.
fn rhetorical_questions(cx: &mut Cx, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let mut questions = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
        let mut last = b;
        while last > a && doc.tok(last - 1).kind == TokKind::Punct && !doc.is_punct(last - 1, "?") {
            last -= 1;
        }
        if last == a || !doc.is_punct(last - 1, "?") {
            continue;
        }
        let words = (a..last).filter(|&i| doc.is_word(i)).count();
        if !(5..=60).contains(&words) {
            continue;
        }
        if !rhetorical(doc, a, last) {
            continue;
        }
        let quoted = (a..b).any(|i| {
            doc.tok(i).kind == TokKind::Punct && matches!(doc.tok_text(i), "“" | "”" | "\"" | "«" | "»" | "‘" | "'")
        });
        let credited = (a..b).any(|i| doc.is_in(i, words::REPORTING_VERBS) || doc.is(i, "according"));
        let k = cx.cue_sents.partition_point(|&c| (c as usize) < si);
        let span = doc.span_of(a, last - 1);
        let i = out.partition_point(|f| f.span.end <= span.start);
        let judged = out.get(i).is_some_and(|f| f.span.overlaps(span));
        if judged
            || quoted
            || credited
            || cx.cue_sents.get(k) == Some(&(si as u32))
            || cx.inside_marks(a, last)
            || cx.turn(a)
        {
            continue;
        }
        questions.push(finding(
            span,
            "opinion",
            Cow::Borrowed("editorial.rhetorical-question"),
            Cow::Borrowed(
                "A question in the writer's own voice steers the reader toward an answer instead of reporting one.",
            ),
        ));
    }
    if !questions.is_empty() {
        out.extend(questions);
        // A question never starts where another finding does (it would overlap it), so the order
        // of `drop_overlaps`, one sort compiled once, is by start alone here.
        sort_by_position(out);
    }
}

/// Whether the cue at tokens `[cue, cue_end)` is the crowd noun at token `head` reporting a view,
/// and not a word that only looks like a cue: a noun (`some states remained too close to call`), a
/// verb whose subject is another, singular noun (`the number that caught the eyes of many analysts
/// shows`), a crowd named in apposition (`two analysts, Ana Ruiz and Li Wei, found`), or a showing
/// that is no claim (`his opponents showed little appetite`).
fn crowd_reports_view(doc: &Doc, head: usize, cue: usize, cue_end: usize) -> bool {
    let w = doc.tok_lower(cue);
    // Every crowd word is plural: a verb in `-s` does not agree with it.
    let singular_verb = w.ends_with('s') && !w.ends_with("ss");
    let named = (head + 1..cue).any(|i| doc.is_cap(i) && !doc.tok(i).has(flag::SENT_START));
    let showing = doc.is_any(cue, &["showed", "show", "shown"]) && !doc.is(cue_end, "that");
    // `for some, the losses would outstrip the gains, said Batchelder`: the cue has a named
    // speaker after it, and the crowd word is not its subject.
    let sent = doc.tok(cue).sent;
    let run = (cue_end..cue_end + 4).take_while(|&i| doc.is_cap(i) && doc.tok(i).sent == sent).count();
    let after = cue_end + run;
    let speaker_after = run > 0
        && (after >= doc.len() || doc.tok(after).sent != sent || doc.is_punct(after, ",") || doc.is_punct(after, "."));
    !(singular_verb || named || showing || speaker_after)
}

/// A word that can qualify a crowd noun: a quantifier or an adjective (`some`, `legal`, `outside`).
fn is_crowd_modifier(doc: &Doc, i: usize) -> bool {
    const ADJECTIVE_ENDINGS: &[&str] = &["al", "ic", "ive", "ous", "ent", "ant", "ary", "ist", "an"];
    let w = doc.tok_lower(i);
    doc.is_word(i)
        && (doc.is_in(i, words::NUMBERS_AND_QUANTIFIERS)
            || doc.is_any(i, &["outside", "top", "leading", "independent", "foreign", "senior"])
            || (w.len() > 4 && ADJECTIVE_ENDINGS.iter().any(|e| w.ends_with(e))))
}

/// Keeps findings apart: sorted by start (longer first), a finding that overlaps a kept one goes.
fn drop_overlaps(out: &mut Vec<Finding>) {
    sort_by_position(out);
    let mut kept_end = 0;
    out.retain(|f| {
        let keep = f.span.start >= kept_end;
        if keep {
            kept_end = f.span.end;
        }
        keep
    });
}

/// Sorts findings by start, longer first, keeping the order of equal spans.
fn sort_by_position(out: &mut [Finding]) {
    crate::order::sort_by(out, |f| crate::order::pair(f.span.start, usize::MAX - f.span.end));
}
