//! The default rule id of a lexicon entry is its lexicon's name and a slug of its phrase
//! (`editorial-loaded.spin-machine`). `build.rs` checks the ids are unique; the library builds
//! them when first asked, so the wasm does not carry a second copy of every phrase.

/// `phrase` with every run of characters that are not letters or digits made one `-`, and no `-`
/// at either end.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
