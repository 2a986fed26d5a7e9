//! Lexicon hygiene: every lexicon compiled from src/lexicon/*.toml is clean data a reader can trust.
//!
//! build.rs already refuses a file with a malformed entry; these checks hold the lexicons to the
//! rules that span entries and files: phrases are lowercase and unique across the lexicons a
//! detector matches together, notes are sentences, flags are ones the detector reads, and every
//! category that can become a highlight has a colour in the extension's palette.

use sourcelight::editorial;
use sourcelight::lexicon::{self, phrase_tokens, Lexicon};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The palette key a lexicon category is shown with, or `None` for lexicons that never produce a
/// highlight of their own. A new lexicon must be declared here, so its categories are checked.
fn palette_key(lex: &Lexicon, category: &str) -> Option<String> {
    if editorial::is_editorial_lexicon(lex.name) {
        return Some(format!("editorial.{category}"));
    }
    match lex.name {
        // Unnamed-source formulas, and the role, outlet, crowd and qualifier words that classify
        // source phrases, all end up in the one anonymous-source colour (or in no highlight).
        "anonymous" => Some("anonymous_source".to_string()),
        name if name.starts_with("sources-") => Some("anonymous_source".to_string()),
        // Attribution cues find speakers; they are never highlighted themselves.
        "cues" => None,
        other => panic!("tests/lexicon.rs: say whether lexicon {other:?} produces highlights (fn palette_key)"),
    }
}

/// The palette keys that have a colour in every palette, light and dark, and an underline style.
/// A colour is looked up by key (`quote.partial`), then by kind (`editorial`), as the extension does.
fn palette() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/src/palette.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("palette.json is JSON");
    let styles = json["styles"].as_object().expect("palette.json has styles");
    let palettes = json["palettes"].as_object().expect("palette.json has palettes");
    styles
        .keys()
        .filter(|key| {
            let kind = key.split('.').next().unwrap_or(key);
            palettes.values().all(|p| {
                ["light", "dark"]
                    .iter()
                    .all(|v| p[v].get(key.as_str()).or_else(|| p[v].get(kind)).is_some_and(|c| c.is_string()))
            })
        })
        .cloned()
        .collect()
}

/// Every phrase and form of an entry.
fn forms(e: &lexicon::Entry) -> impl Iterator<Item = &'static str> {
    std::iter::once(e.phrase()).chain(e.forms())
}

#[test]
fn phrases_are_lowercase_single_spaced_and_tokenize() {
    let mut bad = Vec::new();
    for lex in lexicon::ALL {
        for e in lex.entries {
            for f in forms(e) {
                if f != f.to_lowercase() || f.trim() != f || f.contains("  ") || phrase_tokens(f).is_empty() {
                    bad.push(format!("{}: {f:?}", lex.name));
                }
                // Words, hyphens, apostrophes, the dots of abbreviations and the comma of a repeated
                // word (`very, very`) only: a stray mark (`moron:n`) makes a phrase that never matches.
                if !f.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '’' | '.' | ',')) {
                    bad.push(format!("{}: {f:?} has a character no word has", lex.name));
                }
            }
            let context =
                e.unless_before().chain(e.unless_after()).chain(e.requires_before()).chain(e.requires_after());
            for w in context {
                if w != w.to_lowercase() || w.contains(' ') {
                    bad.push(format!("{}: {:?} context word {w:?} must be one lowercase word", lex.name, e.phrase()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "not lowercase, trimmed, single-spaced words:\n{}", bad.join("\n"));
}

#[test]
fn phrases_are_unique_across_the_lexicons_a_detector_matches_together() {
    // Editorial lexicons are one matcher; every other lexicon is its own.
    let mut owner: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    let mut dups = Vec::new();
    for lex in lexicon::ALL {
        let group = if editorial::is_editorial_lexicon(lex.name) { "editorial" } else { lex.name };
        for e in lex.entries {
            for f in forms(e) {
                if let Some(first) = owner.insert((group, f), lex.name) {
                    dups.push(format!("{f:?} in {first} and {}", lex.name));
                }
            }
        }
    }
    assert!(dups.is_empty(), "phrases listed twice:\n{}", dups.join("\n"));
}

#[test]
fn notes_are_sentences_a_reader_understands() {
    let mut bad = Vec::new();
    for lex in lexicon::ALL {
        for e in lex.entries {
            let n = e.note();
            let first_letter = n.chars().find(|c| c.is_alphabetic());
            let opens_well = n.starts_with(|c: char| c.is_uppercase() || matches!(c, '\'' | '‘' | '“'))
                && first_letter.is_some_and(char::is_uppercase);
            let words = n.split_whitespace().count();
            if !opens_well || !n.ends_with('.') || words < 3 || n.contains("  ") {
                bad.push(format!("{} {:?}: {n:?}", lex.name, e.phrase()));
            }
            if e.source().ends_with('.') {
                bad.push(format!(
                    "{} {:?}: the source is quoted in a sentence; drop its full stop",
                    lex.name,
                    e.phrase()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "notes that are not sentences:\n{}", bad.join("\n"));
}

#[test]
fn editorial_flags_are_ones_the_detector_reads() {
    let mut bad = Vec::new();
    for lex in lexicon::ALL.iter().filter(|l| editorial::is_editorial_lexicon(l.name)) {
        for e in lex.entries {
            for f in e.flags() {
                if !editorial::FLAGS.contains(&f) {
                    bad.push(format!("{} {:?}: unknown flag {f:?}", lex.name, e.phrase()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "flags the detector ignores:\n{}", bad.join("\n"));
}

#[test]
fn every_highlighted_category_has_a_colour() {
    let palette = palette();
    let mut missing = Vec::new();
    for lex in lexicon::ALL {
        for cat in lex.categories {
            if let Some(key) = palette_key(lex, cat) {
                if !palette.contains(&key) {
                    missing.push(format!("{}: category {cat:?} needs {key:?} in extension/src/palette.json", lex.name));
                }
            }
        }
    }
    // Structural findings (scare quotes, weasel attributions) use the same categories.
    for cat in editorial::STRUCTURAL_CATEGORIES {
        if !palette.contains(&format!("editorial.{cat}")) {
            missing.push(format!("structural editorial category {cat:?} has no colour"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_declared_editorial_category_is_used() {
    let mut unused = Vec::new();
    for lex in lexicon::ALL.iter().filter(|l| editorial::is_editorial_lexicon(l.name)) {
        for cat in lex.categories {
            if !lex.entries.iter().any(|e| e.category() == *cat) {
                unused.push(format!("{}: category {cat:?} has no entry", lex.name));
            }
        }
    }
    assert!(unused.is_empty(), "{}", unused.join("\n"));
}

/// Notes shared by many entries are stored as a template's number and written out when asked
/// (`src/notes.rs`), and sources as the number of one stored copy: every note and source must still
/// read exactly as its lexicon file writes it.
#[test]
fn every_note_and_source_reads_as_its_lexicon_file_writes_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon");
    let mut checked = 0;
    for lex in lexicon::ALL {
        let path = dir.join(format!("{}.toml", lex.name));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = table.get("entry").and_then(|v| v.as_array()).map_or(&[][..], |v| v.as_slice());
        assert_eq!(written.len(), lex.entries.len(), "{}", lex.name);
        for (w, e) in written.iter().zip(lex.entries) {
            assert_eq!(Some(e.note()), w.get("note").and_then(|n| n.as_str()), "{} {:?}", lex.name, e.phrase());
            let source = w.get("source").and_then(|n| n.as_str()).unwrap_or("");
            assert_eq!(e.source(), source, "{} {:?}", lex.name, e.phrase());
            checked += 1;
        }
    }
    assert!(checked > 1000);
}
