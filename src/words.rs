//! Closed word classes: the function-word lists the detectors read phrase structure from
//! (determiners, pronouns, clause links, titles…), numbered so that whether a token belongs to a
//! class is one bit test instead of a scan of the list.
//!
//! The lists themselves stay next to the rules that read them; this module only names each one
//! as a [`WordClass`]. Every word of every class is in the lexicon vocabulary, so a document looks
//! each token up once ([`Doc::word_ids`]) and keeps the classes of each token as a bit mask
//! ([`Doc::is_in`]).

use crate::text::{flag, Doc, TokKind};
use crate::{attribution, editorial, lexicon, quotes, sources};

/// A class of words: one bit of a token's class mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordClass(pub(crate) u128);

macro_rules! classes {
    ($($(#[$doc:meta])* $name:ident = $words:expr;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Bit { $($name),* }
        // One bit each in a `u128` mask.
        const _: () = assert!([$(Bit::$name as u32),*].len() <= 128);
        $($(#[$doc])* pub const $name: WordClass = WordClass(1 << Bit::$name as u32);)*

        /// Calls `f` with every class and each of its words. One loop over the lists, not one
        /// per list: it runs once per tab, where V8 compiles the code it reaches before running it
        /// (a loop per list made this the largest function run on a tab's first analysis).
        pub(crate) fn for_each_word(f: &mut dyn FnMut(WordClass, &'static str)) {
            let mut lists: [(WordClass, &mut dyn Iterator<Item = &'static str>); [$(Bit::$name),*].len()] =
                [$(($name, &mut $words)),*];
            for (class, words) in lists.iter_mut() {
                for w in words {
                    f(*class, w);
                }
            }
        }
    };
}

classes! {
    /// Subject pronouns (`he`, `she`, `they`, `i`, `we`, `it`).
    PRONOUNS = attribution::PRONOUNS.iter().copied();
    /// Words that end a subject phrase when walking back from a cue.
    NP_STOP = attribution::NP_STOP.split_whitespace();
    /// Adverbs and auxiliaries between a subject and its cue.
    BETWEEN_SUBJECT_AND_CUE = attribution::BETWEEN_SUBJECT_AND_CUE.iter().copied();
    /// Words that open a noun phrase.
    DETERMINERS = attribution::DETERMINERS.iter().copied();
    /// Lower-case words inside a name (`van`, `bin`).
    NAME_PARTICLES = attribution::NAME_PARTICLES.iter().copied();
    /// Titles and roles before a name (`Sen.`, `President`), with the gender and role they state.
    PERSON_TITLES = attribution::TITLES.iter().map(|t| t.0);
    /// Personal pronouns with a gender.
    GENDERED_PRONOUNS = attribution::GENDERED_PRONOUNS.iter().copied();
    /// Nouns in an appositive that state a person's gender.
    GENDERED_NOUNS = attribution::GENDERED_NOUNS.iter().map(|n| n.0);
    /// Given names borne overwhelmingly by women, and by men.
    FEMALE_GIVEN_NAMES = attribution::FEMALE_GIVEN_NAMES.split_whitespace();
    MALE_GIVEN_NAMES = attribution::MALE_GIVEN_NAMES.split_whitespace();
    /// Words that make a capitalised run a place.
    PLACE_WORDS = attribution::PLACE_WORDS.split_whitespace();
    /// Capitalised words that are not names.
    NOT_NAMES = attribution::NOT_NAMES.split_whitespace();
    /// Prepositions that attach an affiliation to a name.
    AFFILIATIONS = attribution::AFFILIATIONS.iter().copied();
    /// Auxiliaries after a name.
    AUXILIARIES = attribution::AUXILIARIES.iter().copied();
    /// Nouns ending in -ly.
    LY_NOUNS = attribution::LY_NOUNS.iter().copied();
    /// Nouns for people, groups and writings that speak.
    SPEAKER_NOUNS = attribution::SPEAKER_NOUNS.split_whitespace();
    /// Writings that speak for their author.
    WRITINGS = attribution::WRITINGS.iter().copied();
    /// Heads of definite descriptions that stand for a body or a document.
    NOT_PERSON_HEADS = attribution::NOT_PERSON_HEADS.split_whitespace();

    /// Role and crowd words, the heads of source phrases (`official`, `critics`).
    HEADS = [&lexicon::SOURCES_ROLES, &lexicon::SOURCES_CROWDS]
        .into_iter()
        .flat_map(|l| l.entries)
        .flat_map(|e| std::iter::once(e.phrase()).chain(e.forms()));
    /// Verbs whose object is the listener (`told`): the cue lexicon's entries flagged `takes_object`.
    LISTENER_VERBS = lexicon::CUES
        .entries
        .iter()
        .filter(|e| e.has_flag("takes_object"))
        .flat_map(|e| std::iter::once(e.phrase()).chain(e.forms()));
    /// Capitalised words that cannot end a source phrase.
    CAPITALISED_NON_HEADS = sources::CAPITALISED_NON_HEADS.split_whitespace();
    /// Determiners of a description that refers back.
    DEFINITE = sources::DEFINITE.split_whitespace();
    /// Possessive determiners.
    POSSESSIVE = sources::POSSESSIVE.split_whitespace();
    /// One unspecified member, or a counted few.
    COUNTED = sources::COUNTED.split_whitespace();
    /// An unspecified quantity.
    QUANTIFIERS = sources::QUANTIFIERS.split_whitespace();
    /// Forms of `be` and other copulas.
    COPULAS = sources::COPULAS.iter().copied();
    /// Prepositions that attach a post-modifier to a head.
    LINKS = sources::LINKS.split_whitespace();
    /// Words that never sit inside a noun phrase before its head.
    NOT_IN_PHRASE = sources::NOT_IN_PHRASE.split_whitespace();
    /// `-ed`/`-ing` words that are adjectives before a role noun.
    PARTICIPLE_ADJECTIVES = sources::PARTICIPLE_ADJECTIVES.split_whitespace();
    /// Days of the week.
    WEEKDAYS = sources::WEEKDAYS.split_whitespace();
    /// Months.
    MONTHS = sources::MONTHS.split_whitespace();
    /// Where a named body publishes its own documents.
    PUBLISHED_ON = sources::PUBLISHED_ON.split_whitespace();
    /// Roles that come with a name.
    PERSON_ROLES = sources::PERSON_ROLES.split_whitespace();
    /// Titles dropped from display names.
    NAME_TITLES = sources::TITLES.iter().copied();
    /// Words that make a capitalised phrase an organisation.
    ORG_WORDS = sources::ORG_WORDS.split_whitespace();
    /// Object pronouns.
    OBJECT_PRONOUNS = sources::OBJECT_PRONOUNS.split_whitespace();
    /// Adverbs and connectives that open a sentence before a comma.
    SENTENCE_ADVERBS = sources::SENTENCE_ADVERBS.split_whitespace();
    /// Words after which a clause can start.
    CLAUSE_OPENERS = sources::CLAUSE_OPENERS.split_whitespace();
    /// Exact small numbers.
    FEW = sources::FEW.split_whitespace();

    /// Words before a title of a show or a work.
    TITLE_SLOTS = quotes::TITLE_SLOTS.iter().copied();
    /// Short words a title leaves in lower case.
    TITLE_SMALL_WORDS = quotes::TITLE_SMALL_WORDS.iter().copied();
    /// Pronouns that can speak a quote.
    SPEAKER_PRONOUNS = quotes::SPEAKER_PRONOUNS.iter().copied();
    /// Words before a short quote that make it a term.
    TERM_INTRODUCERS = quotes::TERM_INTRODUCERS.iter().copied();

    /// Auxiliaries before a verb of saying or a participle.
    AUXILIARY_VERBS = editorial::AUXILIARIES.split_whitespace();
    /// Words that make the verb after them a noun (`his claims`).
    NOUN_MARKERS = editorial::DETERMINERS.split_whitespace();
    /// What may come right before a present-tense verb of saying.
    BEFORE_VERB = editorial::SUBJECTS_AND_AUXILIARIES.split_whitespace();
    /// Verbs that introduce someone else's words or view.
    REPORTING_VERBS = editorial::REPORTING_VERBS.split_whitespace().chain(editorial::OBJECT_VERBS.split_whitespace());
    /// Verbs of saying whose object is a person or a thing, not a view.
    OBJECT_VERBS = editorial::OBJECT_VERBS.split_whitespace();
    /// Nouns of saying and thinking.
    REPORTING_NOUNS = editorial::REPORTING_NOUNS.split_whitespace();
    /// Verbs that close an attribution.
    CLOSING_VERBS = editorial::CLOSING_VERBS.split_whitespace();
    /// Nouns of depiction.
    DEPICTION_NOUNS = editorial::DEPICTION_NOUNS.split_whitespace();
    /// Words that make `called`, `described` a naming passive.
    NAMING_PASSIVE = editorial::NAMING_PASSIVE.split_whitespace();
    /// Listeners between a verb of saying and the end of its clause.
    LISTENERS = editorial::LISTENERS.split_whitespace();
    /// Prepositions of time or cause.
    CIRCUMSTANCE = editorial::CIRCUMSTANCE.split_whitespace();
    /// Words a highlight does not stretch to take in.
    FUNCTION_WORDS = editorial::FUNCTION_WORDS.split_whitespace();
    /// `-ly` words that are not manner or degree adverbs.
    NOT_MANNER_ADVERBS = editorial::NOT_MANNER_ADVERBS.split_whitespace();
    /// Numbers and quantifiers before a noun.
    NUMBERS_AND_QUANTIFIERS = editorial::QUANTIFIERS.split_whitespace();
    /// Forms of `be`.
    BE_FORMS = editorial::BE_FORMS.split_whitespace();
    /// What a danger threatens to do.
    UNWILLED = editorial::UNWILLED.split_whitespace();
    /// Lawful measures a threat names.
    FORMAL_MEASURES = editorial::FORMAL_MEASURES.split_whitespace();
    /// Bare verbs of a demand.
    BARE_VERBS = editorial::BARE_VERBS.split_whitespace();
    /// Infinitives of a claim about oneself.
    CLAIM_TO = editorial::CLAIM_TO.split_whitespace();
    /// Finite verbs that show a clause.
    FINITE = editorial::FINITE.split_whitespace();
    /// Objects of a political `attack on`.
    POLITICAL_TARGETS = editorial::POLITICAL_TARGETS.split_whitespace();
    /// Titles of political figures.
    POLITICAL_TITLES = editorial::POLITICAL_TITLES.split_whitespace();
    /// States and their forces.
    STATE_ACTORS = editorial::STATE_ACTORS.split_whitespace();
    /// Words of legal reporting.
    LEGAL_WORDS = editorial::LEGAL_WORDS.split_whitespace();
    /// Verbs that credit a standing to others.
    REPUTATION_VERBS = editorial::REPUTATION_VERBS.split_whitespace();
    /// The last words of a superlative's record.
    RECORD_WORDS = editorial::RECORD_WORDS.split_whitespace();
    /// Superlatives of judgement.
    SUPERLATIVES = editorial::SUPERLATIVES.split_whitespace();
    /// Adjectives after `most` that name a quantity.
    MEASURABLE = editorial::MEASURABLE.split_whitespace();
    /// Events whose records are counted.
    MEASURED_EVENTS = editorial::MEASURED_EVENTS.split_whitespace();
    /// Crowds that stand in for a source.
    CROWDS = editorial::CROWDS.split_whitespace();
    /// Cues of a request or a promise.
    NOT_A_VIEW = editorial::NOT_A_VIEW.split_whitespace();
    /// Acronyms that are also everyday words.
    ACRONYM_WORDS = editorial::ACRONYM_WORDS.split_whitespace();
    /// Words of negation and totality.
    EMPHATIC_WORDS = editorial::EMPHATIC_WORDS.split_whitespace();
    /// Negative auxiliaries that open a question.
    NEGATIVE_AUXILIARIES = editorial::NEGATIVE_AUXILIARIES.split_whitespace();
    /// Markers of a question that presumes its answer.
    RHETORICAL_MARKERS = editorial::RHETORICAL_MARKERS.split_whitespace();
    /// Question words.
    WH_WORDS = editorial::WH_WORDS.split_whitespace();
    /// English function words that tell an English paragraph ([`crate::language`]).
    ENGLISH_MARKERS = crate::language::ENGLISH_MARKERS.split_whitespace();
    /// Function words of other languages written in the Latin alphabet.
    OTHER_LANGUAGE_MARKERS = crate::language::OTHER_MARKERS.split_whitespace();
}

/// How a text writes a word somewhere ([`Doc::written`]): bits of one byte.
pub(crate) mod written {
    /// As a word without a capital first letter (`ebay`, `eBay`).
    pub const UNCAPITALISED: u8 = 1;
    /// As a word with no ASCII capital at all (`ebay`): lowercasing leaves it as it is.
    pub const LOWER_CASE: u8 = 2;
}

impl Doc<'_> {
    /// How the text writes each of its words ([`written`] bits), by [`Doc::word_types`]: one walk
    /// over the tokens, shared by the rules that tell common words from names and acronyms.
    pub(crate) fn written(&self) -> &[u8] {
        self.written.get_or_init(|| {
            let mut w = vec![0u8; self.word_type_count()];
            // A part of a web or e-mail address (`www.klook.com`, `press@acme.org`) is how the
            // address is spelled, not how the text writes the word.
            let in_address = |i: usize| {
                let glued = |j: usize| matches!(self.tok_text(j), "." | "/" | "@");
                (i > 0 && !self.tokens[i].has(flag::SPACE_BEFORE) && glued(i - 1))
                    || (i + 2 < self.tokens.len()
                        && glued(i + 1)
                        && !self.tokens[i + 1].has(flag::SPACE_BEFORE)
                        && !self.tokens[i + 2].has(flag::SPACE_BEFORE)
                        && self.tokens[i + 2].kind == TokKind::Word)
            };
            for (i, (t, &ty)) in self.tokens.iter().zip(self.word_types()).enumerate() {
                if t.kind == TokKind::Word && !t.has(flag::CAP) && !in_address(i) {
                    w[ty as usize] |= if t.has(flag::ASCII_UPPER) {
                        written::UNCAPITALISED
                    } else {
                        written::UNCAPITALISED | written::LOWER_CASE
                    };
                }
            }
            w
        })
    }

    /// Whether the text also writes token `i`'s word as `how` says ([`written`] bits).
    pub(crate) fn also_written(&self, i: usize, how: u8) -> bool {
        self.written()[self.word_types()[i] as usize] & how != 0
    }

    /// The tokens whose word is in `class`, in text order: one walk over the word numbers, for a
    /// rule that can only start at such a word.
    pub fn tokens_in(&self, class: WordClass) -> impl Iterator<Item = usize> + '_ {
        let w = self.token_words();
        w.ids
            .iter()
            .enumerate()
            .filter(move |&(_, &id)| w.classes.get(id as usize).is_some_and(|m| m & class.0 != 0))
            .map(|(i, _)| i)
    }

    /// The capitalised words not in capitals ([`Doc::capitalised`]) and the words of `class`, in
    /// order: the only tokens a name finder that starts at the former and also acts on the latter
    /// has to visit.
    /// `class` is [`HEADS`] or [`GENDERED_PRONOUNS`], whose words are found in one walk for both.
    pub(crate) fn capitalised_or(&self, class: WordClass) -> Candidates<'_, impl Iterator<Item = usize> + '_> {
        debug_assert!(class == HEADS || class == GENDERED_PRONOUNS);
        let listed =
            self.name_class_words.get_or_init(|| self.tokens_in(HEADS | GENDERED_PRONOUNS).map(|t| t as u32).collect());
        let w = self.token_words();
        let in_class = move |t: &usize| w.classes.get(w.ids[*t] as usize).is_some_and(|m| m & class.0 != 0);
        Candidates { caps: &self.capitalised, class: listed.iter().map(|&t| t as usize).filter(in_class).peekable() }
    }

    /// [`Doc::is_in`] for a walk over every token: the word numbers and the classes are fetched
    /// once, not at each call.
    pub(crate) fn class_test(&self, class: WordClass) -> impl Fn(usize) -> bool + '_ {
        let w = self.token_words();
        // `NO_WORD` is past the end of the vocabulary's classes: no class.
        move |i| w.ids.get(i).and_then(|&id| w.classes.get(id as usize)).is_some_and(|m| m & class.0 != 0)
    }
}

impl std::ops::BitOr for WordClass {
    type Output = WordClass;
    /// The words of either class.
    fn bitor(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }
}

/// Two increasing lists of token indices walked as one ([`Doc::capitalised_or`]).
pub(crate) struct Candidates<'a, C: Iterator<Item = usize>> {
    /// What is left of [`Doc::capitalised`].
    caps: &'a [u32],
    class: std::iter::Peekable<C>,
}

impl<C: Iterator<Item = usize>> Candidates<'_, C> {
    /// The first token at or after `from` in either list.
    pub(crate) fn at_or_after(&mut self, from: usize) -> Option<usize> {
        while let [t, rest @ ..] = self.caps {
            if *t as usize >= from {
                break;
            }
            self.caps = rest;
        }
        while self.class.next_if(|&t| t < from).is_some() {}
        match (self.caps.first().map(|&t| t as usize), self.class.peek()) {
            (Some(a), Some(&b)) => Some(a.min(b)),
            (a, b) => a.or(b.copied()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_token_is_in_a_class_exactly_when_its_list_holds_the_token_lowercased() {
        let mut lists: BTreeMap<u128, Vec<&str>> = BTreeMap::new();
        for_each_word(&mut |c, w| lists.entry(c.0).or_default().push(w));
        // Every class word, capitalised and not, between words of no class.
        let words: Vec<String> = lists.values().flatten().flat_map(|w| [w.to_string(), w.to_uppercase()]).collect();
        let text = format!("Zebra {} qwerty.", words.join(" xylophone "));
        let doc = Doc::new(&text);
        for (&bits, list) in &lists {
            let class = WordClass(bits);
            for i in 0..doc.len() + 1 {
                assert_eq!(doc.is_in(i, class), doc.is_any(i, list), "token {i} and {list:?}");
            }
            let listed: Vec<usize> = (0..doc.len()).filter(|&i| doc.is_any(i, list)).collect();
            assert_eq!(doc.tokens_in(class).collect::<Vec<_>>(), listed, "{list:?}");
        }
    }
}
