//! Lexicons: phrase lists kept as data in `src/lexicon/*.toml` (one entry per phrase, with a
//! category, a reader-facing note and a source), compiled into static tables by `build.rs`, and a
//! whole-word phrase matcher over [`Doc`] tokens.

use crate::quotes::Quotes;
use crate::text::{Doc, TokenWords};
use crate::words::WordClass;
use crate::{Finding, Kind, Span, UserPhrase};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// One lexicon entry, as written in the TOML file.
#[derive(Debug)]
pub struct Entry {
    /// Where the entry's texts start in the generated `TEXT` (the low 24 bits), its lexicon's place
    /// in [`ALL`] (the next 4, for [`Entry::rule`]), and whether it has context words at all, a
    /// `requires_before` list and a `requires_after` list (bits 28, 29 and 30, for
    /// [`context_ok`], which is asked on every match). The texts, one after another, each closed
    /// by a NUL, are its phrase, flags, four lists of context words, source, rule, forms and note
    /// (see [`Entry::part`]). Pointers and lengths per entry, unique and so poorly compressed, made
    /// the gzipped wasm many KB larger than one offset and the separators.
    at: u32,
    /// Its category's place in its lexicon's `categories` (see [`Entry::category`]): a byte
    /// instead of a string's pointer and length in every entry.
    category: u8,
}

/// Where each of the ten texts of every entry of lexicon `lex` ends (the NUL after it), counted from
/// the entry's start: found once per lexicon, on first use, so that the wasm carries separators
/// rather than a table (see [`Entry::at`]). The walk stops before each note, the last and longest
/// text: a note ends where the next entry starts.
fn part_ends(lex: usize) -> &'static [[u16; 10]] {
    static ENDS: [OnceLock<Vec<[u16; 10]>>; 16] = [const { OnceLock::new() }; 16];
    ENDS[lex].get_or_init(|| {
        let text = generated::TEXT.as_bytes();
        let entries = ALL[lex].entries;
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let at = e.start();
                let mut ends = [0u16; 10];
                let mut from = at;
                for end in ends.iter_mut().take(9) {
                    from = next_nul(text, from);
                    *end = (from - at) as u16;
                    from += 1;
                }
                let note_end = match entries.get(i + 1) {
                    Some(next) => next.start() - 1,
                    None => next_nul(text, from),
                };
                ends[9] = (note_end - at) as u16;
                ends
            })
            .collect()
    })
}

/// The place of the first NUL at or after `from` (or the end): eight bytes at a time, since the
/// first analysis of a tab walks the lexicons' texts in unoptimised code.
fn next_nul(text: &[u8], mut from: usize) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = text.get(from..from + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([1; 8]));
        let zero = x.wrapping_sub(LOW) & !x & HIGH;
        if zero != 0 {
            return from + (zero.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    text[from..].iter().position(|&b| b == 0).map_or(text.len(), |p| from + p)
}

impl Entry {
    /// Part `k` of the entry's text: 0 the phrase, 1 the note, 2 the source, 3 the rule, 4 the
    /// forms, 5 the flags, and the context words 6 `unless_before`, 7 `unless_after`, 8
    /// `requires_before` and 9 `requires_after`; the words of each list separated by `|`.
    fn part(&self, k: usize) -> &'static str {
        // The parts are whole strings of `TEXT`, split at NULs, which are one byte of their own.
        std::str::from_utf8(self.part_bytes(k)).unwrap_or("")
    }

    /// [`Entry::part`] as bytes, for the lists the detectors search on every match.
    fn part_bytes(&self, k: usize) -> &'static [u8] {
        // Where part `k` is among the texts, which build.rs writes in the order they are read.
        const PLACE: [usize; 10] = [0, 9, 6, 7, 8, 1, 2, 3, 4, 5];
        let lex = self.lexicon();
        let entries = ALL[lex].entries;
        // The entry's place in its lexicon, from its address: entries live only in those tables.
        let i = (self as *const Entry as usize).wrapping_sub(entries.as_ptr() as usize) / std::mem::size_of::<Entry>();
        let at = self.start();
        let Some(ends) = part_ends(lex).get(i) else { return b"" };
        let p = PLACE[k];
        let start = if p == 0 { 0 } else { usize::from(ends[p - 1]) + 1 };
        &generated::TEXT.as_bytes()[at + start..at + usize::from(ends[p])]
    }

    /// The entry's category, one of its lexicon's `categories`.
    pub fn category(&self) -> &'static str {
        ALL[self.lexicon()].categories.get(usize::from(self.category)).copied().unwrap_or("")
    }

    /// Where the entry's texts start in the generated `TEXT` (see [`Entry::at`]).
    fn start(&self) -> usize {
        (self.at & 0xFF_FFFF) as usize
    }

    /// Its lexicon's place in [`ALL`] (see [`Entry::at`]).
    fn lexicon(&self) -> usize {
        (self.at >> 24 & 0xF) as usize
    }

    /// Which of the context conditions the entry has (see [`Entry::at`]).
    fn has(&self, bit: u32) -> bool {
        self.at & 1 << bit != 0
    }

    /// The phrase, lowercase, words separated by spaces.
    pub fn phrase(&self) -> &'static str {
        self.part(0)
    }

    /// One sentence a reader understands: why this wording is highlighted. A note many entries
    /// share but for the phrase is stored as its template's number and written out when first
    /// asked for (`src/notes.rs`).
    pub fn note(&self) -> &'static str {
        let stored = self.part(1);
        match *stored.as_bytes() {
            [t] if t < b' ' => {
                self.built(&generated::NOTES, || crate::notes::expand(usize::from(t - 1), self.phrase()))
            }
            _ => stored,
        }
    }

    /// The note for the entry matched in its plural form (`officials said`): `this official` reads
    /// `these officials`, the plural being the entry's first form.
    pub fn note_for_many(&self) -> &'static str {
        let note = self.note();
        let Some(plural) = self.forms().next() else { return note };
        let one = ["this ", self.phrase()].concat();
        // A plain byte search: the standard substring search would add kilobytes to the wasm.
        let Some(at) = note.as_bytes().windows(one.len()).position(|w| w == one.as_bytes()) else { return note };
        self.built(&generated::MANY_NOTES, || [&note[..at], "these ", plural, &note[at + one.len()..]].concat())
    }

    /// Where the judgement comes from (style guide, research), or empty.
    pub fn source(&self) -> &'static str {
        // Stored as the number of its place among the distinct sources (see build.rs).
        match *self.part(2).as_bytes() {
            [k] if k < b' ' => generated::SOURCES[usize::from(k - 1)],
            _ => self.part(2),
        }
    }

    /// The id of the rule that flags this wording: the lexicon's name and a slug of the phrase
    /// (`editorial-loaded.spin-machine`) unless the entry names another. A default id is built the
    /// first time it is asked for (building a whole lexicon's at once cost the first analysis in a
    /// browser about 4 ms).
    pub fn rule(&self) -> &'static str {
        let stored = self.part(3);
        if !stored.is_empty() {
            return stored;
        }
        self.built(&generated::RULES, || {
            let mut id = String::from(ALL[self.lexicon()].name);
            id.push('.');
            id.push_str(&crate::slug::slug(self.phrase()));
            id
        })
    }

    /// This entry's text in `table` (one [`Built`] per lexicon), made by `make` the first time.
    fn built(&self, table: &'static [Built], make: impl FnOnce() -> String) -> &'static str {
        let k = self.lexicon();
        let lex = ALL[k];
        let texts = table[k].get_or_init(|| lex.entries.iter().map(|_| OnceLock::new()).collect());
        // This entry's place in its lexicon's entries.
        let i = (self as *const Entry as usize - lex.entries.as_ptr() as usize) / std::mem::size_of::<Entry>();
        texts[i].get_or_init(|| make().into_boxed_str())
    }

    /// Other surface forms (inflections) that mean the same.
    pub fn forms(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.part(4).split('|').filter(|f| !f.is_empty())
    }

    /// Detector-specific conditions, documented in the detector that reads them.
    pub fn flags(&self) -> impl Iterator<Item = &'static str> {
        self.part(5).split('|').filter(|f| !f.is_empty())
    }

    pub fn has_flag(&self, f: &str) -> bool {
        self.lists(5, f)
    }

    /// Whether list `k` (a part of `|`-separated words) has `w`. Split as bytes: asked per match by
    /// the detectors, where a `str` split's searcher cost several times the comparison.
    fn lists(&self, k: usize, w: &str) -> bool {
        self.part_bytes(k).split(|&b| b == b'|').any(|x| x == w.as_bytes())
    }

    /// The words of list `k`.
    fn list(&self, k: usize) -> impl Iterator<Item = &'static str> {
        self.part(k).split('|').filter(|w| !w.is_empty())
    }

    /// The match is dropped when the word right before it is one of these.
    pub fn unless_before(&self) -> impl Iterator<Item = &'static str> {
        self.list(6)
    }

    /// The match is dropped when the word right after it is one of these.
    pub fn unless_after(&self) -> impl Iterator<Item = &'static str> {
        self.list(7)
    }

    /// If not empty, the word right before must be one of these.
    pub fn requires_before(&self) -> impl Iterator<Item = &'static str> {
        self.list(8)
    }

    /// If not empty, the word right after must be one of these.
    pub fn requires_after(&self) -> impl Iterator<Item = &'static str> {
        self.list(9)
    }
}

#[derive(Debug)]
pub struct Lexicon {
    pub name: &'static str,
    pub description: &'static str,
    pub sources: &'static [&'static str],
    pub categories: &'static [&'static str],
    pub entries: &'static [Entry],
    /// Each entry's phrase and its forms, tokenised by `build.rs`: the entry's number of forms (its
    /// phrase included), then per form the number of its tokens and each token as 0 where the
    /// vocabulary meets the word first and as its id + 1 after that (see [`vocabulary`]).
    tokens: &'static [u16],
    /// How many phrases and forms its entries have in all (what [`Lexicon::forms`] yields).
    form_count: usize,
}

impl Lexicon {
    /// The tokens of each entry's phrase and forms, as vocabulary ids, with the entry.
    pub(crate) fn forms(&'static self) -> impl Iterator<Item = (&'static [u16], &'static Entry)> {
        let k = ALL.iter().position(|l| std::ptr::eq(*l, self)).expect("every lexicon is in ALL");
        let mut rest: &'static [u16] = &vocabulary().forms[k];
        let mut entries = self.entries.iter();
        let (mut entry, mut left) = (None, 0);
        std::iter::from_fn(move || {
            while left == 0 {
                entry = Some(entries.next()?);
                let (&m, tail) = rest.split_first()?;
                (left, rest) = (m, tail);
            }
            let (&n, tail) = rest.split_first()?;
            let (ids, tail) = tail.split_at(usize::from(n));
            (rest, left) = (tail, left - 1);
            Some((ids, entry?))
        })
    }
}

/// Texts of each entry of a lexicon that are built when first asked for: default rule ids
/// ([`Entry::rule`]) and notes written from a template ([`Entry::note`]).
type Built = OnceLock<Box<[OnceLock<Box<str>>]>>;

mod generated {
    use super::{Built, Entry, Lexicon};
    include!(concat!(env!("OUT_DIR"), "/lexicons.rs"));
}
pub use generated::*;

/// A match of a lexicon entry: tokens `[first, end)`.
#[derive(Clone, Copy, Debug)]
pub struct Match {
    pub first: usize,
    pub end: usize,
    pub entry: &'static Entry,
}

/// A fast, non-cryptographic hasher (the multiply-rotate scheme rustc uses, "FxHash") for the
/// word tables looked up once or more per token. SipHash's DoS resistance buys nothing here: the
/// keys are our own lexicon words, and it made hashing the single largest cost of an analysis.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
    fn write_usize(&mut self, n: usize) {
        self.write(&n.to_le_bytes());
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Id of a word that appears in no lexicon.
pub const NO_WORD: u32 = u32::MAX;

/// An open-addressing table of distinct words, numbered in order of insertion. It is used for
/// every token of every page, so a word of up to eight bytes (most words) is handled as one
/// number: read at once, hashed with one multiplication, compared without a byte loop.
struct WordTable<'w> {
    /// `id + 1` of the word in each slot, 0 for an empty slot.
    slots: Vec<u32>,
    words: Vec<Word<'w>>,
}

/// A word and its key: its bytes as a number if it has eight or fewer, else a hash of them.
#[derive(Clone, Copy)]
struct Word<'w> {
    key: u64,
    bytes: &'w [u8],
}

impl<'w> Word<'w> {
    /// `bytes` is `text[start..end]`; short words are read straight from `text`.
    #[inline]
    fn new(text: &'w [u8], start: usize, end: usize) -> Word<'w> {
        let bytes = &text[start..end];
        let key = match text.get(start..start + 8) {
            Some(eight) if bytes.len() <= 8 => {
                let shift = 8 * (8 - bytes.len()) as u32;
                // The bytes of the word, then zeros (`checked_shl`: an empty word is 0).
                (u64::from_le_bytes(eight.try_into().expect("eight bytes")) << shift).checked_shr(shift).unwrap_or(0)
            }
            _ => Word::key_of(bytes),
        };
        Word { key, bytes }
    }

    fn key_of(bytes: &[u8]) -> u64 {
        if bytes.len() <= 8 {
            let mut eight = [0u8; 8];
            eight[..bytes.len()].copy_from_slice(bytes);
            return u64::from_le_bytes(eight);
        }
        // Eight bytes at a time, the last eight (overlapping the group before) for the rest: every
        // read a whole number, no partial group copied into a buffer, which in the wasm is a
        // memory copy for each of the one token in seven that is longer than eight bytes.
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mix = |h: u64, eight: &[u8]| {
            (h.rotate_left(5) ^ u64::from_le_bytes(eight.try_into().expect("eight"))).wrapping_mul(K)
        };
        let mut chunks = bytes.chunks_exact(8);
        let h = (&mut chunks).fold(0u64, mix);
        if chunks.remainder().is_empty() {
            h
        } else {
            mix(h, &bytes[bytes.len() - 8..])
        }
    }

    fn same(&self, other: &Word) -> bool {
        self.key == other.key
            && self.bytes.len() == other.bytes.len()
            && (self.bytes.len() <= 8 || self.bytes == other.bytes)
    }
}

/// The first slot a word is looked for in, in a table of `mask + 1` slots.
#[inline]
fn table_slot(w: &Word, mask: usize) -> usize {
    ((w.key ^ w.bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

impl<'w> WordTable<'w> {
    fn with_capacity(n: usize) -> WordTable<'w> {
        WordTable { slots: vec![0; (2 * n).next_power_of_two().max(16)], words: Vec::with_capacity(n) }
    }

    /// The slot where `w` is, or the empty slot where it would go.
    #[inline]
    fn slot(&self, w: &Word) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = table_slot(w, mask);
        loop {
            let s = self.slots[i];
            if s == 0 || self.words[s as usize - 1].same(w) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, w: &Word) -> Option<u32> {
        let s = self.slots[self.slot(w)];
        (s != 0).then(|| s - 1)
    }

    /// The id of `w`, numbering it if it is new.
    /// Always inlined: once per token of every text, where a call costs as much as the lookup.
    #[inline(always)]
    fn intern(&mut self, w: Word<'w>) -> u32 {
        let mut i = self.slot(&w);
        if self.slots[i] != 0 {
            return self.slots[i] - 1;
        }
        // Keep at most half the slots full, so probes stay short.
        if 2 * (self.words.len() + 1) > self.slots.len() {
            self.grow();
            i = self.slot(&w);
        }
        self.words.push(w);
        self.slots[i] = self.words.len() as u32;
        self.slots[i] - 1
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let words = std::mem::take(&mut self.words);
        *self = WordTable::with_capacity(2 * words.len());
        for w in words {
            self.intern(w);
        }
    }
}

/// Every lowercase token of every lexicon phrase and form, numbered in the order they first
/// appear ([`ALL`]'s order, each entry's phrase then its forms), then every other word of every
/// [`words`](crate::words) class; with the classes of each. A document looks each of its distinct
/// words up here once ([`Doc::word_ids`]); matchers then compare numbers and class tests are one
/// bit test. `build.rs` numbers the lexicons' words and writes where each one's text is in `TEXT`
/// (`WORD_GAPS`, `WORD_LENS`): a tab's first analysis reads 2,400 words from there instead of
/// walking and splitting the phrases and forms of every entry for them, which (with V8's
/// optimising compiler taking up that walk) made the first analysis of a short text in Chromium
/// 22.9 instead of 16.2 ms (BENCHMARKS.md, cold start); a list of the words themselves made the
/// wasm 14 KB larger gzipped, their places cost 4.6 KB.
struct Vocabulary {
    table: WordTable<'static>,
    /// Class mask of each id.
    classes: Vec<u128>,
    /// Per lexicon of [`ALL`], its `tokens` with every word as its id (see [`Lexicon::forms`]).
    forms: Vec<Vec<u16>>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let text = generated::TEXT.as_bytes();
        let mut table = WordTable::with_capacity(8192);
        let mut end = 0;
        for (&gap, &len) in generated::WORD_GAPS.iter().zip(generated::WORD_LENS) {
            let at = end + usize::from(gap);
            end = at + usize::from(len);
            table.intern(Word::new(text, at, end));
        }
        // Numbered in order of first appearance, so each new word is the next id.
        let mut next = 0;
        let forms = ALL
            .iter()
            .map(|lex| {
                let mut ids = lex.tokens.to_vec();
                let mut rest = &mut ids[..];
                while let Some((m, tail)) = rest.split_first_mut() {
                    rest = tail;
                    for _ in 0..*m {
                        let Some((n, tail)) = std::mem::take(&mut rest).split_first_mut() else { break };
                        let (codes, tail) = tail.split_at_mut(usize::from(*n));
                        for code in codes {
                            *code = match *code {
                                0 => {
                                    next += 1;
                                    next - 1
                                }
                                id => id - 1,
                            };
                        }
                        rest = tail;
                    }
                }
                ids
            })
            .collect();
        // About 3,100 class words: one allocation rather than a dozen copies as it grows.
        let mut class_of = Vec::with_capacity(4096);
        crate::words::for_each_word(&mut |c, w| class_of.push((table.intern(Word::new(w.as_bytes(), 0, w.len())), c)));
        let mut classes = vec![0u128; table.words.len()];
        for (id, c) in class_of {
            classes[id as usize] |= c.0;
        }
        Vocabulary { table, classes, forms }
    })
}

/// How many words the vocabulary has: ids are `0..vocabulary_size()`.
pub fn vocabulary_size() -> usize {
    vocabulary().classes.len()
}

/// The vocabulary id of a lowercase token, or [`NO_WORD`].
pub fn word_id(lower: &str) -> u32 {
    vocabulary().table.get(&Word::new(lower.as_bytes(), 0, lower.len())).unwrap_or(NO_WORD)
}

impl Doc<'_> {
    #[inline]
    pub(crate) fn token_words(&self) -> &TokenWords {
        self.words.get_or_init(|| {
            let v = vocabulary();
            // Each distinct word of the text is looked up in the vocabulary once.
            let lower = self.lower().as_bytes();
            // [`WordTable`]'s scheme, with slots for twice as many words as there are tokens: the
            // table never fills past half and never grows, so it is plain local slices. As a
            // table that may grow, its fields lived in memory, and the wasm read them again for
            // every token.
            let mask = (2 * self.len()).next_power_of_two().max(16) - 1;
            let mut slots = vec![0u32; mask + 1];
            // News text has fewer distinct words than half its tokens but in its shortest texts.
            let mut words: Vec<Word> = Vec::with_capacity(self.len() / 2 + 1);
            let mut types = vec![0u32; self.len()];
            for (ty, t) in types.iter_mut().zip(&self.tokens) {
                let w = Word::new(lower, t.start as usize, t.end as usize);
                let mut i = table_slot(&w, mask);
                *ty = loop {
                    match slots[i] {
                        0 => {
                            words.push(w);
                            slots[i] = words.len() as u32;
                            break words.len() as u32 - 1;
                        }
                        s if words[s as usize - 1].same(&w) => break s - 1,
                        _ => i = (i + 1) & mask,
                    }
                };
            }
            let type_ids: Vec<u32> = words.iter().map(|w| v.table.get(w).unwrap_or(NO_WORD)).collect();
            let ids: Vec<u32> = types.iter().map(|&ty| type_ids[ty as usize]).collect();
            TokenWords { ids, classes: &v.classes, types, type_count: words.len() }
        })
    }

    /// For each token, a number for its word within this text (ASCII-lowercased): two tokens have
    /// the same number when they are the same word. Numbers are below [`Doc::word_type_count`].
    #[inline]
    pub fn word_types(&self) -> &[u32] {
        &self.token_words().types
    }

    /// How many distinct words (ASCII-lowercased) the text has.
    pub fn word_type_count(&self) -> usize {
        self.token_words().type_count
    }

    /// The lexicon vocabulary id of every token ([`NO_WORD`] for words in no lexicon): one table
    /// lookup per token for the whole analysis, however many lexicons are matched.
    #[inline]
    pub fn word_ids(&self) -> &[u32] {
        &self.token_words().ids
    }

    /// Whether token `i` is one of the words of `class` (compared ASCII-lowercased, as
    /// [`Doc::is_any`] compares with a list).
    #[inline]
    pub fn is_in(&self, i: usize, class: WordClass) -> bool {
        let w = self.token_words();
        // `NO_WORD` is past the end of the vocabulary's classes: no class.
        w.ids.get(i).and_then(|&id| w.classes.get(id as usize)).is_some_and(|m| m & class.0 != 0)
    }
}

/// Splits a phrase into the lowercase token strings the tokenizer would produce for it.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    let d = Doc::new(phrase);
    (0..d.len()).map(|i| d.tok_lower(i).to_string()).collect()
}

/// Finds every entry of a lexicon in a document, whole words only, longest match first at each
/// position, never across a paragraph boundary. Context conditions (`unless_*`, `requires_*`) are
/// applied here; `flags` are left to the detector.
/// A phrase as vocabulary ids, and the entry it belongs to.
type Candidate = (&'static [u16], &'static Entry);

pub struct Matcher {
    /// Candidate phrases grouped by the id of their first word. Within a group, phrases of two
    /// words or more come first, sorted by the id of their second word and then longest first;
    /// one-word phrases follow. Ties keep the lexicons' order.
    cands: Vec<Candidate>,
    /// The group of vocabulary id `w` is `cands[first[w]..first[w + 1]]`, for the ids up to the
    /// last that starts a phrase (the others start none: [`Matcher::starts`] says so first).
    first: Vec<u32>,
    /// Where the one-word phrases of the group of `w` start.
    single: Vec<u32>,
    /// What phrases start with vocabulary id `w`: [`ONE_WORD`] and [`LONGER`] bits (what a
    /// [`Walk`] looks up for each token).
    starts: Vec<u8>,
    /// A bit set by [`pair_bit`] for the first two words of every phrase of two words or more: where
    /// its bit is clear, no such phrase starts at a token.
    pairs: Vec<u64>,
}

/// [`Matcher::starts`] bits: some phrase of one word is the word; some longer phrase starts with it.
const ONE_WORD: u8 = 1;
const LONGER: u8 = 2;

/// Bits in [`Matcher::pairs`]: 2^15, few of them set even for the largest lexicon.
const PAIR_BITS: u32 = 15;

/// The bit of a phrase's first two words (vocabulary ids) in [`Matcher::pairs`].
#[inline]
fn pair_bit(first: u32, second: u32) -> usize {
    ((u64::from(first) << 32 | u64::from(second)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - PAIR_BITS)) as usize
}

impl Matcher {
    pub fn new(lex: &'static Lexicon) -> Matcher {
        Matcher::with_lexicons(&[lex])
    }

    /// One matcher over several lexicons, so a detector whose data is split across files still
    /// gets the longest match at each position.
    pub fn with_lexicons(lexicons: &[&'static Lexicon]) -> Matcher {
        let mut cands: Vec<Candidate> = Vec::with_capacity(lexicons.iter().map(|l| l.form_count).sum());
        for lex in lexicons {
            cands.extend(lex.forms());
        }
        // Sorted by one number: first word, second word (none after any), longest first, then the
        // lexicons' order.
        let mut keys: Vec<u64> = cands
            .iter()
            .enumerate()
            .map(|(k, (ids, _))| {
                let second = ids.get(1).map_or(1 << 16, |&w| u64::from(w));
                let shorter = 255 - ids.len().min(255) as u64;
                u64::from(ids[0]) << 48 | second << 31 | shorter << 23 | k as u64
            })
            .collect();
        assert!(cands.len() < 1 << 23, "lexicons too large for the matcher's sort keys");
        keys.sort_unstable();
        let cands: Vec<Candidate> = keys.iter().map(|&key| cands[(key & ((1 << 23) - 1)) as usize]).collect();
        // Only the words up to the last that starts a phrase: the lexicons' words are numbered
        // before the words of the classes, and each lexicon's mostly together, so a matcher's
        // tables are much shorter than the vocabulary (built on every tab's first analysis).
        let words = cands.last().map_or(0, |c| usize::from(c.0[0]) + 1);
        let mut first = Vec::with_capacity(words + 1);
        let mut single = Vec::with_capacity(words);
        let mut k = 0;
        for w in 0..words {
            first.push(k as u32);
            while k < cands.len() && usize::from(cands[k].0[0]) == w && cands[k].0.len() > 1 {
                k += 1;
            }
            single.push(k as u32);
            while k < cands.len() && usize::from(cands[k].0[0]) == w {
                k += 1;
            }
        }
        first.push(k as u32);
        let starts = (0..words)
            .map(|w| {
                let (a, s, b) = (first[w], single[w], first[w + 1]);
                (u8::from(s < b) * ONE_WORD) | (u8::from(a < s) * LONGER)
            })
            .collect();
        let mut pairs = vec![0u64; 1 << (PAIR_BITS - 6)];
        for (ids, _) in cands.iter().filter(|c| c.0.len() > 1) {
            let bit = pair_bit(u32::from(ids[0]), u32::from(ids[1]));
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        Matcher { cands, first, single, starts, pairs }
    }

    /// Whether a phrase may start at token `i`: one of one word is the word, or one of two words or
    /// more starts with the word and the next. Inlined, so that the commonest answer, no, costs a
    /// load or two.
    #[inline]
    fn may_match(&self, ids: &[u32], i: usize) -> bool {
        // `NO_WORD` is past the end.
        let Some(&id) = ids.get(i) else { return false };
        let how = self.starts.get(id as usize).copied().unwrap_or(0);
        how & ONE_WORD != 0
            || how & LONGER != 0
                && ids.get(i + 1).is_some_and(|&next| {
                    let bit = pair_bit(id, next);
                    self.pairs[bit / 64] & 1 << (bit % 64) != 0
                })
    }

    /// The longest match starting at token `i` whose context conditions hold.
    #[inline]
    pub fn match_at(&self, doc: &Doc, i: usize) -> Option<Match> {
        if self.may_match(doc.word_ids(), i) {
            self.matches_at(doc, i).next()
        } else {
            None
        }
    }

    /// The matches at token `i`, longest first, then in the lexicons' order: a phrase of two words
    /// or more can only match if its second word is the next token, so only that run of the group
    /// is tried before the one-word phrases.
    fn matches_at<'s>(&'s self, doc: &'s Doc, i: usize) -> impl Iterator<Item = Match> + 's {
        let ids = doc.word_ids();
        let (multi, single) = match ids[i] {
            NO_WORD => (&[][..], &[][..]),
            id => {
                let id = id as usize;
                let (a, s, b) = (self.first[id] as usize, self.single[id] as usize, self.first[id + 1] as usize);
                let multi = &self.cands[a..s];
                // The binary search is skipped where it cannot find anything: no phrase of two
                // words or more starts here, or the next word is in no phrase (`NO_WORD`).
                let run = match ids.get(i + 1) {
                    Some(&next) if next != NO_WORD && a < s => {
                        let lo = multi.partition_point(|c| u32::from(c.0[1]) < next);
                        &multi[lo..lo + multi[lo..].partition_point(|c| u32::from(c.0[1]) == next)]
                    }
                    _ => &[][..],
                };
                (run, &self.cands[s..b])
            }
        };
        multi.iter().chain(single).filter_map(move |(toks, e)| {
            let end = i + toks.len();
            let same = end <= ids.len() && ids[i + 1..end].iter().zip(&toks[1..]).all(|(&a, &b)| a == u32::from(b));
            (same && doc.same_para(i, end - 1) && context_ok(doc, i, end, e)).then_some(Match {
                first: i,
                end,
                entry: e,
            })
        })
    }
}

/// Which of a matcher's matches a [`Walk`] keeps.
#[derive(Clone, Copy, Debug)]
pub enum Collect {
    /// Left to right, overlapping matches resolved in favour of the earlier, then the longer one.
    Longest,
    /// Every match at every position, overlapping ones included.
    Overlapping,
}

/// Matchers that walk a text together: one look at each token's word tells which of them have a
/// phrase starting there, instead of one walk over every token per matcher.
pub struct Walk<const N: usize> {
    matchers: [(&'static Matcher, Collect); N],
    /// Bit `k` is set for the vocabulary ids that start some phrase of `matchers[k]`.
    starts: Vec<u8>,
}

impl<const N: usize> Walk<N> {
    pub fn new(matchers: [(&'static Matcher, Collect); N]) -> Walk<N> {
        assert!(N <= 8, "a walk keeps one bit per matcher in a byte");
        let words = matchers.iter().map(|(m, _)| m.starts.len()).max().unwrap_or(0);
        let starts = (0..words)
            .map(|w| {
                matchers
                    .iter()
                    .enumerate()
                    .fold(0u8, |bits, (k, (m, _))| bits | u8::from(m.starts.get(w).is_some_and(|&b| b != 0)) << k)
            })
            .collect();
        Walk { matchers, starts }
    }

    /// The matches of each matcher whose bit is set in `run`, in text order; the others' are empty.
    pub fn find(&self, doc: &Doc, run: u8) -> [Vec<Match>; N] {
        let mut out: [Vec<Match>; N] = std::array::from_fn(|_| Vec::new());
        // For each matcher, the first token after its last match.
        let mut free = [0; N];
        let ids = doc.word_ids();
        for (i, &id) in ids.iter().enumerate() {
            // `NO_WORD` is past the end of the vocabulary: no phrase starts with it.
            let mut bits = self.starts.get(id as usize).map_or(0, |&b| b & run);
            // Only the matchers whose bit is set, lowest first.
            while bits != 0 {
                let k = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (m, collect) = self.matchers[k];
                match collect {
                    Collect::Overlapping if m.may_match(ids, i) => out[k].extend(m.matches_at(doc, i)),
                    Collect::Overlapping => {}
                    Collect::Longest if i >= free[k] => {
                        if let Some(found) = m.match_at(doc, i) {
                            free[k] = found.end;
                            out[k].push(found);
                        }
                    }
                    Collect::Longest => {}
                }
            }
        }
        out
    }
}

fn context_ok(doc: &Doc, first: usize, end: usize, e: &Entry) -> bool {
    // Most entries have no conditions: spared finding the words around the match.
    if !e.has(28) {
        return true;
    }
    let before = first.checked_sub(1).filter(|&b| doc.same_para(b, first));
    let after = Some(end).filter(|&a| a < doc.len() && doc.same_para(a, first));
    let prev = before.map(|b| doc.tok_lower(b));
    let next = after.map(|a| doc.tok_lower(a));
    if prev.is_some_and(|p| e.lists(6, p)) {
        return false;
    }
    if next.is_some_and(|n| e.lists(7, n)) {
        return false;
    }
    if e.has(29) && !prev.is_some_and(|p| e.lists(8, p)) {
        return false;
    }
    if e.has(30) && !next.is_some_and(|n| e.lists(9, n)) {
        return false;
    }
    true
}

/// Findings for a phrase the reader added. Editorial phrases inside quotations are skipped, as
/// built-in editorial wording is: those words are the speaker's.
pub fn user_phrase_findings(doc: &Doc, quotes: &Quotes, up: &UserPhrase) -> Vec<Finding> {
    let toks = phrase_tokens(&up.phrase.to_lowercase());
    if toks.is_empty() {
        return Vec::new();
    }
    let note: Cow<'static, str> = match &up.note {
        Some(n) if !n.trim().is_empty() => Cow::Owned(n.trim().to_string()),
        _ => Cow::Borrowed("You added this phrase to your own list in Sourcelight's options."),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if let Some(end) = doc.match_words(i, &toks) {
            let span = doc.span_of(i, end - 1);
            if up.kind != Kind::Editorial || !quotes.inside_quote(span) {
                out.push(Finding {
                    kind: up.kind,
                    subtype: Cow::Borrowed("user"),
                    span,
                    rule: Cow::Borrowed("user.phrase"),
                    note: note.clone(),
                    speaker: None,
                    source_finding: None,
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The span of a match.
pub fn match_span(doc: &Doc, m: &Match) -> Span {
    doc.span_of(m.first, m.end - 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_form_is_numbered_as_the_tokenizer_splits_it_in_a_text() {
        // `build.rs` writes each form's word ids and where each word's text is: a document with
        // the form in it must find the same ids.
        for lex in ALL {
            let mut forms = lex.forms();
            for e in lex.entries {
                for form in std::iter::once(e.phrase()).chain(e.forms()) {
                    let (ids, entry) = forms.next().expect("every form is numbered");
                    assert!(std::ptr::eq(entry, e), "{form:?} in {}", lex.name);
                    let doc = Doc::new(form);
                    let theirs: Vec<u32> = doc.word_ids().to_vec();
                    let ours: Vec<u32> = ids.iter().map(|&i| u32::from(i)).collect();
                    assert_eq!(ours, theirs, "{form:?} in {}", lex.name);
                    let words: Vec<&str> = (0..doc.len()).map(|i| doc.tok_lower(i)).collect();
                    for (w, id) in words.iter().zip(&ours) {
                        assert_eq!(word_id(w), *id, "{w:?} of {form:?}");
                    }
                }
            }
            assert!(forms.next().is_none(), "no form left over in {}", lex.name);
            assert_eq!(lex.forms().count(), lex.form_count, "{}", lex.name);
        }
    }

    use super::*;

    #[test]
    fn every_rule_id_is_its_lexicons_name_and_its_phrase_and_no_two_are_alike() {
        let mut seen = std::collections::HashSet::new();
        for lex in ALL {
            for e in lex.entries {
                let rule = e.rule();
                let slug: String = e
                    .phrase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("-");
                assert_eq!(rule, format!("{}.{slug}", lex.name), "{:?}", e.phrase());
                assert!(std::ptr::eq(rule, e.rule()), "built once: {rule}");
                assert!(seen.insert(rule), "{rule} twice");
            }
        }
        assert!(seen.len() > 1000, "{} rules", seen.len());
    }

    #[test]
    fn words_get_one_number_each_whatever_their_length_place_or_case() {
        // Words of eight bytes or fewer are read as numbers, longer ones hashed; the last word of a
        // text is read without running past its end; all-distinct words make the table grow.
        let many: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        let text = format!(
            "and administration Administrator ADMINISTRATION a A an ab zzzzzzzz zzzzzzzzz said {} said and",
            many.join(" ")
        );
        let doc = Doc::new(&text);
        let types = doc.word_types();
        for i in 0..doc.len() {
            for j in 0..doc.len() {
                assert_eq!(types[i] == types[j], doc.tok_lower(i) == doc.tok_lower(j), "{i} {j}");
            }
            assert_eq!(doc.word_ids()[i], word_id(doc.tok_lower(i)));
        }
        let distinct: std::collections::BTreeSet<&str> = (0..doc.len()).map(|i| doc.tok_lower(i)).collect();
        assert_eq!(doc.word_type_count(), distinct.len());
        assert_ne!(word_id("said"), NO_WORD);
        assert_eq!(word_id("zzzzzzzzz"), NO_WORD);
    }
}
