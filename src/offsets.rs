//! Offset conversion. The core works in UTF-8 byte offsets; the DOM counts UTF-16 code units and
//! the evaluation format counts Unicode code points. Each conversion is done once, for all offsets of
//! an analysis, by walking the text a single time.

/// The unit to convert byte offsets into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Utf16,
    CodePoints,
}

/// A byte-offset → unit-offset table over the char boundaries of one text.
///
/// Stores one checkpoint every 64 bytes and walks at most 64 bytes from there, so memory stays at
/// a fraction of the text and each lookup is O(1).
pub struct OffsetMap<'a> {
    text: &'a str,
    unit: Unit,
    /// `checkpoints[k]` = unit offset of the first char boundary at or after byte `k * STEP`, and
    /// that boundary's byte offset. Empty for an ASCII text, whose offsets are the same in every
    /// unit (half the texts of the dev corpora).
    checkpoints: Vec<(usize, usize)>,
}

const STEP: usize = 64;

impl<'a> OffsetMap<'a> {
    pub fn new(text: &'a str, unit: Unit) -> OffsetMap<'a> {
        if text.is_ascii() {
            return OffsetMap { text, unit, checkpoints: Vec::new() };
        }
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(text.len() / STEP + 2);
        let (mut units, mut counted) = (0usize, 0usize);
        for k in 0..=text.len() / STEP {
            let mut b = k * STEP;
            while !text.is_char_boundary(b) {
                b += 1;
            }
            units += units_in(&bytes[counted..b], unit);
            counted = b;
            checkpoints.push((b, units));
        }
        OffsetMap { text, unit, checkpoints }
    }

    /// The unit offset of byte offset `byte`. A byte inside a character maps to that character's start;
    /// a byte past the end maps to the end.
    pub fn map(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let Some(&(b, u)) = self.checkpoints.get(byte / STEP) else {
            // Only an ASCII text has no checkpoints: a byte is a unit.
            return byte;
        };
        if b > byte {
            // The checkpoint's boundary is past `byte`: `byte` is inside the char before it.
            return u - self.char_width_before(b);
        }
        // The whole characters from the checkpoint up to `byte` (a byte inside a character stops
        // at its start), counted by their bytes as the checkpoints were, not decoded one by one.
        let mut end = byte;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        u + units_in(&self.text.as_bytes()[b..end], self.unit)
    }

    fn char_width_before(&self, b: usize) -> usize {
        self.text[..b].chars().next_back().map(|c| width(c, self.unit)).unwrap_or(0)
    }
}

/// The units of whole characters `bytes`: a character is one unit per leading byte (any but
/// `10xxxxxx`), and one more in UTF-16 for a four-byte one (`11110xxx`). Eight bytes at a time,
/// as bits of a number counted with one instruction: the wasm has no vector instructions, and a
/// loop over bytes took about 1.5 % of its time.
fn units_in(bytes: &[u8], unit: Unit) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let (mut continuation, mut four) = (0u32, 0u32);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        // The high bit of each byte, and the bits below it moved up to its place: no bit crosses
        // into the next byte's high bit.
        continuation += (v & !(v << 1) & HIGH).count_ones();
        four += (v & v << 1 & v << 2 & v << 3 & HIGH).count_ones();
    }
    let rest = chunks.remainder();
    let leading = bytes.len() - continuation as usize - rest.iter().filter(|&&b| (b as i8) < -0x40).count();
    match unit {
        Unit::Utf16 => leading + four as usize + rest.iter().filter(|&&b| b >= 0xF0).count(),
        Unit::CodePoints => leading,
    }
}

fn width(c: char, unit: Unit) -> usize {
    match unit {
        Unit::Utf16 => c.len_utf16(),
        Unit::CodePoints => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, unit: Unit) {
        let m = OffsetMap::new(text, unit);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let expect = match unit {
                Unit::Utf16 => text[..b].encode_utf16().count(),
                Unit::CodePoints => text[..b].chars().count(),
            };
            assert_eq!(m.map(b), expect, "byte {b} of {text:?}");
        }
    }

    #[test]
    fn every_char_boundary_maps_exactly_in_both_units() {
        let long = "“Sí,” dijo 👍🏽 e\u{301} ".repeat(40);
        for t in ["", "abc", "€", "a😀b", "\r\ncafe\u{301}\r\n", long.as_str()] {
            check(t, Unit::Utf16);
            check(t, Unit::CodePoints);
        }
    }

    #[test]
    fn units_counted_eight_bytes_at_a_time_are_those_counted_one_by_one() {
        let text = "aé€😀 “x” 👍🏽 Zürich ١٢٣ 東京 \u{10FFFF}".repeat(3);
        for k in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
            let part = &text[..k];
            assert_eq!(units_in(part.as_bytes(), Unit::CodePoints), part.chars().count());
            assert_eq!(units_in(part.as_bytes(), Unit::Utf16), part.encode_utf16().count());
        }
    }

    #[test]
    fn a_byte_inside_a_character_maps_to_that_characters_start() {
        let m = OffsetMap::new("a😀b", Unit::Utf16);
        assert_eq!(m.map(2), 1);
        assert_eq!(m.map(99), 4);
    }
}
