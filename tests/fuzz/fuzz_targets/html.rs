//! HTML extraction (the CLI's .html input) never panics, and maps every text offset back into the source.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let e = sourcelight::html::to_text(src);
    for (i, _) in e.text.char_indices() {
        assert!(e.source_offset(i) <= src.len());
    }
    let _ = sourcelight::analyze(&e.text, &Default::default());
});
