//! Notes that many lexicon entries share but for the phrase they name (`'Wicked' is the writer's
//! verdict, not a reported fact.`). `build.rs` stores such a note as one byte, the number of its
//! template here; the library writes it out when first asked, so the wasm carries each shared
//! sentence once instead of hundreds of times (3.6 KB gzipped). A note that does not read exactly
//! as a template fills it in is stored as written.

/// Each template: the text before the phrase, whether the phrase starts with a capital, and the
/// text after it. At most 31, so a template's number is a control character no note begins with.
pub const TEMPLATES: &[(&str, bool, &str)] = &[
    ("'", true, "' is the writer's verdict, not a reported fact."),
    ("'", true, "' amplifies beyond what the facts state."),
    ("'", true, "' is praise in the writer's voice; the article can show what earned it."),
    ("'", true, "' is a pejorative label; neutral reporting describes what the people did."),
    ("'", true, "' is the writer's comment on the fact, not part of it."),
    ("Quotation marks around '", false, "' signal the writer doubts the word (scare quotes)."),
    ("'", true, "' dramatises criticism as an assault; neutral reporting would say 'criticised'."),
    ("'", true, "' asserts certainty in the writer's voice instead of showing the evidence."),
    ("'", true, "' credits a view to unnamed people; the article does not say who."),
    ("'", true, "' labels rather than describes."),
    ("'", true, "' is the writer's verdict on the claim; check whether the article shows the evidence."),
    ("'", true, "' frames the event with the writer's interpretation."),
    ("'", true, "' adds emphasis the facts alone would not carry."),
    ("'", true, "' tells the reader how to feel; the article can describe what happened."),
    ("'", true, "' characterises how the person spoke; neutral reporting would say 'said'."),
    ("'", true, "' is sarcasm in the writer's own voice."),
    ("'", true, "' repeats a word for emphasis, the writer's exaggeration."),
    ("'", true, "' signals the writer doubts what follows."),
];

/// The note template `t` (an index into [`TEMPLATES`]) makes of `phrase`.
pub fn expand(t: usize, phrase: &str) -> String {
    let (before, capital, after) = TEMPLATES[t];
    let mut note = String::with_capacity(before.len() + phrase.len() + after.len());
    note.push_str(before);
    // ASCII only: Unicode's case tables would cost the wasm more than the templates save. A phrase
    // that starts otherwise keeps its note as written (build.rs compares).
    match phrase.as_bytes().first() {
        Some(c) if capital && c.is_ascii_lowercase() => {
            note.push(char::from(c.to_ascii_uppercase()));
            note.push_str(&phrase[1..]);
        }
        _ => note.push_str(phrase),
    }
    note.push_str(after);
    note
}
