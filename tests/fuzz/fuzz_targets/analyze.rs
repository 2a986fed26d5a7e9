//! Any bytes that are valid UTF-8 go through the whole core: it must not panic, and every span must
//! be a non-empty range on character boundaries, in order, with valid links.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcelight::{analyze, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let a = analyze(text, &Options::default());
    let mut last = 0;
    for f in &a.findings {
        assert!(f.span.start < f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert!(f.span.start >= last);
        last = f.span.start;
        if let Some(m) = f.speaker.as_ref().and_then(|s| s.mention) {
            assert!(m.start < m.end && m.end <= text.len());
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        if let Some(i) = f.source_finding {
            assert!(i < a.findings.len());
        }
    }
    assert!(a.summary.quoted_words <= a.summary.words);
});
