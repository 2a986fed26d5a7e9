//! Property tests: on arbitrary input the core never panics, every span is a valid, non-empty range
//! on character boundaries, findings are sorted, and the UTF-16 / code-point conversions agree with
//! the standard library.

use proptest::prelude::*;
use sourcelight::offsets::{OffsetMap, Unit};
use sourcelight::{analyze, Options};

/// Text made of the characters that matter to the detectors, so random input hits real paths.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "'",
        "’",
        "‘",
        "«",
        "»",
        "„",
        "''",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        ",",
        ".",
        ":",
        "—",
        "said",
        "told",
        "she",
        "he",
        "officials",
        "a senior official",
        "according to",
        "Rodríguez",
        "Ana",
        "The",
        "regime",
        "claimed",
        "so-called",
        "people familiar with the matter",
        "on condition of anonymity",
        "😀",
        "e\u{301}",
        "U.S.",
        "Mr.",
        "reports",
        "added",
        "critics say",
        "—",
        "x",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let a = analyze(text, &Options::default());
    let mut last = 0;
    for f in &a.findings {
        assert!(f.span.start < f.span.end, "empty span {f:?}");
        assert!(f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert!(f.span.start >= last, "findings not sorted");
        last = f.span.start;
        assert!(!f.note.is_empty() && !f.rule.is_empty());
        if let Some(m) = f.speaker.as_ref().and_then(|s| s.mention) {
            assert!(m.start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        if let Some(i) = f.source_finding {
            assert!(i < a.findings.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn analysis_never_panics_and_spans_are_valid_on_news_like_text(text in newsish()) {
        check(&text);
    }

    #[test]
    fn analysis_never_panics_and_spans_are_valid_on_any_unicode(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn offset_maps_agree_with_the_standard_library(text in "\\PC{0,200}") {
        let u16 = OffsetMap::new(&text, Unit::Utf16);
        let cp = OffsetMap::new(&text, Unit::CodePoints);
        for (b, _) in text.char_indices() {
            prop_assert_eq!(u16.map(b), text[..b].encode_utf16().count());
            prop_assert_eq!(cp.map(b), text[..b].chars().count());
        }
    }
}
