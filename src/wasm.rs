//! The only file that knows about JavaScript. It converts the core's byte offsets to UTF-16 code
//! units (what DOM `Range`s count) once per analysis, and hands back plain objects.

use crate::offsets::{OffsetMap, Unit};
use crate::{analyze as core_analyze, report::Report, Kind, Options, UserPhrase};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    // json_compatible: maps become plain objects, not `Map`s, so the result survives
    // structured cloning and `JSON.stringify` unchanged.
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The options object from JavaScript, read field by field. Missing, `null` or `undefined` fields
/// keep their defaults. Read by hand rather than by serde: serde's messages for a value of the
/// wrong type format floats, and that formatting code made the wasm about 6 KB larger gzipped.
fn options(v: JsValue) -> Result<Options, JsValue> {
    let mut o = Options::default();
    if v.is_undefined() || v.is_null() {
        return Ok(o);
    }
    let bad = |what: &str| JsValue::from_str(&["bad options: ", what].concat());
    let get = |obj: &JsValue, key: &str| {
        js_sys::Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|x| !x.is_undefined() && !x.is_null())
    };
    for (key, slot) in [("quotes", &mut o.quotes), ("anonymous", &mut o.anonymous), ("editorial", &mut o.editorial)] {
        if let Some(x) = get(&v, key) {
            *slot = x.as_bool().ok_or_else(|| bad(&[key, " must be true or false"].concat()))?;
        }
    }
    if let Some(x) = get(&v, "publisher") {
        o.publisher = Some(x.as_string().ok_or_else(|| bad("publisher must be a string"))?);
    }
    if let Some(list) = get(&v, "user_phrases") {
        if !js_sys::Array::is_array(&list) {
            return Err(bad("user_phrases must be an array"));
        }
        for item in js_sys::Array::from(&list).iter() {
            let text = |key: &str| get(&item, key).and_then(|x| x.as_string());
            let kind =
                text("kind").and_then(|k| Kind::parse(&k)).ok_or_else(|| bad("a user phrase needs a known kind"))?;
            let phrase = text("phrase").ok_or_else(|| bad("a user phrase needs its phrase"))?;
            o.user_phrases.push(UserPhrase { kind, phrase, note: text("note") });
        }
    }
    Ok(o)
}

/// Analyses `text`: findings and summary, every offset in UTF-16 code units.
#[wasm_bindgen]
pub fn analyze(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let mut analysis = core_analyze(text, &options(opts)?);
    // The list of attributions stays empty: the page draws findings and shows the summary, which
    // counts them already, and a JS object for each (one for every `said` of the text) was work in
    // the page's thread for nothing. `report` keeps them, as the CLI does. (Not a doc comment:
    // wasm-bindgen copies those into the glue the content script carries.)
    analysis.attributions = Vec::new();
    analysis.map_offsets(&OffsetMap::new(text, Unit::Utf16));
    to_js(&analysis)
}

/// The page report (offsets in code points), identical to the CLI's `--json` report.
#[wasm_bindgen]
pub fn report(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let analysis = core_analyze(text, &options(opts)?);
    to_js(&Report::new(text, analysis))
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
