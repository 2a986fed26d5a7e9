//! Options: categories switched off, and phrases the reader adds.

use sourcelight::{analyze, Kind, Options, UserPhrase};

const TEXT: &str =
    "The so-called reform plan stalled. A senior official said “it will fail,” she added. The quarry closed.";

fn kinds(o: &Options) -> Vec<Kind> {
    analyze(TEXT, o).findings.iter().map(|f| f.kind).collect()
}

#[test]
fn a_category_switched_off_yields_no_findings_of_that_kind() {
    let all = kinds(&Options::default());
    assert!(all.contains(&Kind::Quote) && all.contains(&Kind::AnonymousSource) && all.contains(&Kind::Editorial));
    let o = Options { editorial: false, anonymous: false, ..Options::default() };
    assert!(kinds(&o).iter().all(|&k| k == Kind::Quote));
}

#[test]
fn a_reader_phrase_is_found_as_whole_words_with_its_note() {
    let o = Options {
        user_phrases: vec![UserPhrase {
            kind: Kind::Editorial,
            phrase: "Quarry".into(),
            note: Some("My word.".into()),
        }],
        ..Options::default()
    };
    let a = analyze(TEXT, &o);
    let f = a.findings.iter().find(|f| f.rule == "user.phrase").expect("the reader's phrase is found");
    assert_eq!(&TEXT[f.span.start..f.span.end], "quarry");
    assert_eq!(f.note, "My word.");
}

#[test]
fn a_reader_phrase_repeating_a_built_in_finding_gives_one_highlight_and_keeps_links() {
    let plain = analyze(TEXT, &Options::default());
    let o = Options {
        user_phrases: vec![
            UserPhrase { kind: Kind::Editorial, phrase: "so-called".into(), note: None },
            UserPhrase { kind: Kind::AnonymousSource, phrase: "a senior official".into(), note: None },
        ],
        ..Options::default()
    };
    let a = analyze(TEXT, &o);
    let spans = |a: &sourcelight::Analysis| a.findings.iter().map(|f| (f.kind, f.span)).collect::<Vec<_>>();
    assert_eq!(spans(&a), spans(&plain), "no duplicate highlight");
    for f in &a.findings {
        if let Some(i) = f.source_finding {
            assert_eq!(a.findings[i].kind, Kind::AnonymousSource);
        }
    }
}

#[test]
fn a_reader_editorial_phrase_inside_a_quote_is_the_speakers_and_not_flagged() {
    let o = Options {
        user_phrases: vec![UserPhrase { kind: Kind::Editorial, phrase: "will fail".into(), note: None }],
        ..Options::default()
    };
    assert!(!analyze(TEXT, &o).findings.iter().any(|f| f.rule == "user.phrase"));
}
