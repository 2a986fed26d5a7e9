//! The byte → UTF-16 and byte → code point maps agree with the standard library at every char
//! boundary and never panic at any byte offset.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcelight::offsets::{OffsetMap, Unit};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let u16 = OffsetMap::new(&text, Unit::Utf16);
    let cp = OffsetMap::new(&text, Unit::CodePoints);
    let (mut units, mut points) = (0, 0);
    for (b, c) in text.char_indices() {
        assert_eq!(u16.map(b), units);
        assert_eq!(cp.map(b), points);
        units += c.len_utf16();
        points += 1;
    }
    assert_eq!(u16.map(text.len()), units);
    for b in 0..=text.len() + 2 {
        let _ = u16.map(b);
    }
});
