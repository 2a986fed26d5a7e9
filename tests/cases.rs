//! Data-driven cases: every file in tests/cases/*.toml is a list of short texts of our own writing,
//! each with the findings it must produce (and, for the kinds the file covers, nothing else).
//!
//! Like rust-lang/regex's test runner, this runs every case and reports every failure at once,
//! naming the file, the case number and the case name. A case marked `known_failure = "why"`
//! documents a gap: it must still fail, and the runner says so when it starts passing.
//!
//! Case fields:
//! ```toml
//! [[case]]
//! name = "a curly quote with the cue after it"
//! text = '“We won,” she said.'
//! kinds = ["quote"]            # optional: kinds checked exhaustively (default: the file's [meta].kinds)
//! known_failure = "why"        # optional
//! [[case.expect]]              # each expected finding: kind and exact text; others optional
//! kind = "quote"
//! text = "We won,"
//! subtype = "full"             # optional
//! speaker = "Ana Beltrán"      # optional: the display name
//! speaker_mention = "she"      # optional: the text of the speaker mention
//! source_type = "anonymous"    # optional: the speaker's source type
//! unattributed = true          # optional: the quote must have no speaker at all
//! occurrence = 1               # optional: which occurrence of `text` (1-based), default 1
//! ```
//! A case with no `expect` entries must produce no finding of the checked kinds at all.

use serde::Deserialize;
use sourcelight::{analyze, Analysis, Finding, Options};
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    meta: Meta,
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    description: String,
    kinds: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    kinds: Option<Vec<String>>,
    #[serde(default)]
    known_failure: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    kind: String,
    text: String,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_mention: Option<String>,
    #[serde(default)]
    source_type: Option<String>,
    #[serde(default)]
    occurrence: Option<usize>,
    #[serde(default)]
    unattributed: bool,
}

fn describe(text: &str, f: &Finding) -> String {
    let mut s = format!("{}/{} {:?}", f.kind.as_str(), f.subtype, &text[f.span.start..f.span.end]);
    if let Some(sp) = &f.speaker {
        let m = sp.mention.map(|m| &text[m.start..m.end]).unwrap_or("-");
        let _ = write!(s, " speaker={:?} mention={:?} type={}", sp.name, m, sp.source_type.as_str());
    }
    let _ = write!(s, " [{}]", f.rule);
    s
}

/// Byte span of the n-th occurrence of `needle` in `text`.
fn nth(text: &str, needle: &str, n: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    for k in 1.. {
        let i = text[from..].find(needle)? + from;
        if k == n {
            return Some((i, i + needle.len()));
        }
        from = i + needle.len().max(1);
    }
    None
}

/// Checks one case; returns the problems found.
fn check(case: &Case, file_kinds: &[String], a: &Analysis) -> Vec<String> {
    let text = &case.text;
    let kinds = case.kinds.as_deref().unwrap_or(file_kinds);
    let mut problems = Vec::new();
    let mut used = vec![false; a.findings.len()];
    for e in &case.expect {
        let want = &e.text;
        let Some((s, t)) = nth(text, want, e.occurrence.unwrap_or(1)) else {
            problems.push(format!("expected text {want:?} is not in the case text"));
            continue;
        };
        let hit = a
            .findings
            .iter()
            .enumerate()
            .find(|(i, f)| !used[*i] && f.kind.as_str() == e.kind && f.span.start == s && f.span.end == t);
        match hit {
            None => problems.push(format!("missing {} {:?}", e.kind, want)),
            Some((i, f)) => {
                used[i] = true;
                if let Some(st) = &e.subtype {
                    if &f.subtype != st {
                        problems.push(format!("{want:?}: subtype {} (expected {st})", f.subtype));
                    }
                }
                let sp = f.speaker.as_ref();
                if e.unattributed && sp.is_some() {
                    problems.push(format!("{want:?}: speaker {:?} (expected none)", sp.map(|s| &s.name)));
                }
                if let Some(name) = &e.speaker {
                    if sp.map(|s| &s.name) != Some(name) {
                        problems.push(format!("{want:?}: speaker {:?} (expected {name:?})", sp.map(|s| &s.name)));
                    }
                }
                if let Some(m) = &e.speaker_mention {
                    let got = sp.and_then(|s| s.mention).map(|m| &text[m.start..m.end]);
                    if got != Some(m.as_str()) {
                        problems.push(format!("{want:?}: speaker mention {got:?} (expected {m:?})"));
                    }
                }
                if let Some(stype) = &e.source_type {
                    let got = sp.map(|s| s.source_type.as_str());
                    if got != Some(stype.as_str()) {
                        problems.push(format!("{want:?}: source type {got:?} (expected {stype:?})"));
                    }
                }
            }
        }
    }
    for (i, f) in a.findings.iter().enumerate() {
        if !used[i] && kinds.iter().any(|k| k == f.kind.as_str()) {
            problems.push(format!("unexpected {}", describe(text, f)));
        }
    }
    problems
}

fn run_file(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(name);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!file.meta.description.is_empty());
    let mut names = std::collections::HashSet::new();
    let mut report = String::new();
    let (mut failed, mut known) = (0, 0);
    for (n, case) in file.case.iter().enumerate() {
        assert!(names.insert(&case.name), "{name}: duplicate case name {:?}", case.name);
        let a = analyze(&case.text, &Options::default());
        let problems = check(case, &file.meta.kinds, &a);
        let label = format!("{name} #{} {:?}", n + 1, case.name);
        match (&case.known_failure, problems.is_empty()) {
            (None, true) => {}
            (None, false) => {
                failed += 1;
                let _ = writeln!(report, "FAIL {label}\n  text: {:?}", case.text);
                for p in &problems {
                    let _ = writeln!(report, "  - {p}");
                }
                for f in &a.findings {
                    let _ = writeln!(report, "    found: {}", describe(&case.text, f));
                }
            }
            (Some(_), false) => known += 1,
            (Some(why), true) => {
                failed += 1;
                let _ =
                    writeln!(report, "PASSES {label}: marked known_failure ({why}) but now passes; remove the mark");
            }
        }
    }
    eprintln!("{name}: {} cases, {failed} failing, {known} known failures", file.case.len());
    assert!(failed == 0, "\n{report}\n{failed} of {} cases in {name} failed", file.case.len());
}

#[test]
fn quote_cases_hold() {
    run_file("quotes.toml");
}

#[test]
fn anonymous_source_cases_hold() {
    run_file("anonymous.toml");
}

#[test]
fn editorial_cases_hold() {
    run_file("editorial.toml");
}

#[test]
fn editorial_label_cases_hold() {
    run_file("editorial-labels.toml");
}

#[test]
fn editorial_intensifier_cases_hold() {
    run_file("editorial-intensifier.toml");
}

#[test]
fn editorial_loaded_word_cases_hold() {
    run_file("editorial-loaded.toml");
}

#[test]
fn paragraphs_in_other_languages_get_quotes_only() {
    run_file("language.toml");
}
