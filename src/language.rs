//! Which paragraphs are written in English. The lexicons of editorial wording and unnamed sources
//! are English: on a French page `tout` ("all") is not `touted`, and in Portuguese `Clique aqui`
//! ("click here") is not a `clique`. Those two detectors look only at English paragraphs; quotation
//! marks are the same in every language, so quotes are found everywhere.
//!
//! A paragraph's language is told by its commonest little words, the way a reader tells it at a
//! glance: English ones (`the`, `and`, `which`) against those of the languages news pages are
//! most often written in (`und`, `les`, `não`, `yang`…), and words in another script (Cyrillic,
//! Greek, Arabic, CJK…). Only words written in lower case or opening a sentence count, so names
//! (`Le Pen`, `Van Dyke`) do not, and words that are also English (`die`, `son`, `per`, `come`,
//! `to`) are left out of the other languages' lists. A paragraph with too few such words to tell
//! (a heading, a caption) takes the language of the whole text. Only a paragraph's first words are
//! read; a text with a paragraph in another language is read twice (the answer is allocated only
//! then), an English text once.

use crate::text::{flag, Doc, TokKind};
use crate::words;

/// Frequent English function words that are not common words of the other languages listed
/// below (so not `was`, `will`, `an`, `in`, `on`, `is`, `to`, `of`, `die`).
pub(crate) const ENGLISH_MARKERS: &str = concat!(
    "the and that with this from which were been would could should they ",
    "their them have has had said says are it its be by at he she ",
    "his her not but or who what when there about after than more we ",
    "you our your into over also can just some these those because while ",
);

/// Frequent function words of other languages written in the Latin alphabet that are not English
/// words (or only rare ones), nor lower-case parts of names (`de`, `la`, `del`, `van`, `von`, `der`,
/// `da`, `di`, `le` are left out for `de Gaulle`, `de la Cruz`, `van der Berg`, `Le Pen`).
pub(crate) const OTHER_MARKERS: &str = concat!(
    // French
    "les des est une et du dans qui avec sur pas au aux sont ",
    "ont cette été ce il elle nous vous mais ou leur tout très à où ",
    // Spanish
    "los las una por para con que es su sus se lo como pero más ",
    "muy fue este esta está también sobre entre cuando y el ",
    // Portuguese
    "não uma os dos das em ao são mais seu sua pelo pela foi ",
    "ser isso ele ela aqui seus suas é ",
    // Italian
    "della che non sono gli nel alla anche questo ma delle degli è e ",
    // German
    "das und ist nicht mit sich auch ein eine dem zu auf für im wird ",
    "sind bei nach oder wie aus werden einer einen weil unter über dass wenn noch nur schon ",
    // Dutch
    "het een niet zijn voor ook maar wordt naar wij ",
    // Indonesian and Malay
    "yang dan ini itu dengan untuk dari dalam tidak akan pada juga oleh ",
    // Czech, Slovak and Polish
    "je že jako který která jsou ale jeho také podle się nie ",
    "jest jak dla czy ",
    // Scandinavian
    "och att det som är för på inte og ikke av ",
);

/// How many words of a paragraph are read at most.
const READ: usize = 24;
/// How many marker words a paragraph needs before its own words decide its language.
const ENOUGH: usize = 2;

/// Per paragraph of `doc`, whether it is written in another language than English; empty when
/// every paragraph is English (most texts: then nothing is allocated, and each paragraph's first
/// words are read once).
pub fn other_language_paragraphs(doc: &Doc) -> Vec<bool> {
    let w = doc.token_words();
    let (en_bit, other_bit) = (words::ENGLISH_MARKERS.0, words::OTHER_LANGUAGE_MARKERS.0);
    let bytes = doc.text.as_bytes();
    // The English and other markers among a paragraph's first words, which tell its language as
    // well as all of them would: a load of the word's class mask and a byte test each.
    let markers = |p: &crate::text::Paragraph| {
        let (mut en, mut ot, mut read) = (0usize, 0usize, 0usize);
        for i in p.tokens.0 as usize..p.tokens.1 as usize {
            let t = &doc.tokens[i];
            if t.kind != TokKind::Word {
                continue;
            }
            if other_script(bytes, t.start as usize) {
                ot += 1;
            } else if !t.has(flag::CAP) || t.has(flag::SENT_START) {
                let m = w.classes.get(w.ids[i] as usize).copied().unwrap_or(0);
                en += usize::from(m & en_bit != 0);
                ot += usize::from(m & other_bit != 0);
            }
            read += 1;
            // Three markers of one side and none of the other settle it (most English paragraphs
            // within a dozen words).
            if read == READ || en.min(ot) == 0 && en.max(ot) >= 3 {
                break;
            }
        }
        (en, ot)
    };
    let own = |(en, ot): (usize, usize)| en.max(ot) >= ENOUGH && ot > en;
    let (mut all_english, mut all_other, mut any_other) = (0usize, 0usize, false);
    for p in &doc.paragraphs {
        let (en, ot) = markers(p);
        all_english += en;
        all_other += ot;
        any_other |= own((en, ot));
    }
    let text_other = all_other >= 2 * ENOUGH && all_other > all_english;
    if !any_other && !text_other {
        return Vec::new();
    }
    doc.paragraphs
        .iter()
        .map(|p| {
            let (en, ot) = markers(p);
            if en.max(ot) >= ENOUGH {
                ot > en
            } else {
                text_other
            }
        })
        .collect()
}

/// Whether the word starting at byte `at` is written in a script other than Latin (Greek,
/// Cyrillic, Hebrew, Arabic, Devanagari, Thai, CJK, Hangul…): its first character is at U+0370 or
/// beyond (a UTF-8 lead byte of 0xCD or more: U+0340 to U+036F are combining marks, which never
/// start a word), apart from the Latin letters added for Vietnamese and other languages
/// (U+1E00–U+1EFF: 0xE1 then 0xB8 to 0xBB).
fn other_script(bytes: &[u8], at: usize) -> bool {
    let b = bytes[at];
    b >= 0xCD && !(b == 0xE1 && matches!(bytes.get(at + 1), Some(0xB8..=0xBB)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Per paragraph, whether it is in another language (an empty answer: none is).
    fn other(text: &str) -> Vec<bool> {
        let doc = Doc::new(text);
        let other = other_language_paragraphs(&doc);
        if other.is_empty() {
            vec![false; doc.paragraphs.len()]
        } else {
            other
        }
    }

    #[test]
    fn an_english_text_allocates_no_answer() {
        assert!(other_language_paragraphs(&Doc::new("The board met.\n\nIt voted to close the port.")).is_empty());
    }

    #[test]
    fn the_marker_lists_are_lower_case_and_share_no_word() {
        let english: Vec<&str> = ENGLISH_MARKERS.split_whitespace().collect();
        for w in OTHER_MARKERS.split_whitespace().chain(english.iter().copied()) {
            assert_eq!(w, w.to_lowercase(), "{w}");
        }
        assert!(OTHER_MARKERS.split_whitespace().all(|w| !english.contains(&w)));
    }

    #[test]
    fn an_english_paragraph_is_english() {
        assert_eq!(other("The minister said the plan would cut fuel costs for farmers."), [false]);
    }

    #[test]
    fn french_portuguese_german_and_indonesian_paragraphs_are_not() {
        assert_eq!(other("Le ministre a dit que tout est prêt pour la réforme des retraites."), [true]);
        assert_eq!(other("O governo não aprovou a proposta, que foi enviada ao Congresso."), [true]);
        assert_eq!(other("Die Regierung hat das Gesetz nicht verabschiedet, und es wird neu verhandelt."), [true]);
        assert_eq!(other("Pemerintah akan mengumumkan kebijakan yang baru dalam minggu ini."), [true]);
    }

    #[test]
    fn words_in_another_script_count_for_another_language() {
        assert_eq!(other("Мы начали печь торты дома, а потом открыли маленькую пекарню maniac."), [true]);
    }

    #[test]
    fn names_with_particles_do_not_make_english_foreign() {
        assert_eq!(other("Ursula von der Leyen met Charles de Gaulle's biographer and Ana de la Cruz."), [false]);
        assert_eq!(other("Marine Le Pen and Bill de Blasio spoke in Des Moines."), [false]);
    }

    #[test]
    fn a_short_paragraph_takes_the_language_of_the_text() {
        let text = "Clique aqui.\nO governo não aprovou a proposta, que foi enviada ao Congresso.";
        assert_eq!(other(text), [true, true]);
        let text = "Click here.\nThe government has not approved the plan, which was sent to Congress.";
        assert_eq!(other(text), [false, false]);
    }

    #[test]
    fn a_french_phrase_inside_an_english_paragraph_leaves_it_english() {
        assert_eq!(other("The envoy called the deal a fait accompli, and said there was tout de même hope."), [false]);
    }
}
