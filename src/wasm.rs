//! The only file that knows about JavaScript. It converts the core's byte offsets to UTF-16 code
//! units (what DOM `Range`s count) once per analysis, and hands back plain objects.

use crate::offsets::{OffsetMap, Unit};
use crate::{analyze as core_analyze, report::Report, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    // json_compatible: maps become plain objects, not `Map`s, so the result survives
    // structured cloning and `JSON.stringify` unchanged.
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn options(v: JsValue) -> Result<Options, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| JsValue::from_str(&format!("bad options: {e}")))
}

/// Analyses `text`; every offset in the result is in UTF-16 code units.
#[wasm_bindgen]
pub fn analyze(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let mut analysis = core_analyze(text, &options(opts)?);
    analysis.map_offsets(&OffsetMap::new(text, Unit::Utf16));
    to_js(&analysis)
}

/// The page report (offsets in code points), identical to the CLI's `--json` report.
#[wasm_bindgen]
pub fn report(text: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    let analysis = core_analyze(text, &options(opts)?);
    to_js(&Report::new(text, &analysis))
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
