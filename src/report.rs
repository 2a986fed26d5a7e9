//! The page report: every finding with its text, offsets in Unicode code points (the same in every
//! language), and the summary. The CLI's `--json` output, the extension's and the demo's JSON
//! export are all this structure, produced by this code.

use crate::offsets::{OffsetMap, Unit};
use crate::{Analysis, SourceType, Summary};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSpeaker {
    pub name: String,
    pub source_type: SourceType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportFinding {
    pub kind: String,
    pub subtype: String,
    /// Code-point offsets into the analysed text, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    pub note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ReportSpeaker>,
}

/// One attribution (who is credited with what), for researchers: the source phrase and the cue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportAttribution {
    pub source: String,
    pub source_start: usize,
    pub source_end: usize,
    pub cue: String,
    pub source_type: SourceType,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub tool: String,
    pub version: String,
    pub findings: Vec<ReportFinding>,
    pub attributions: Vec<ReportAttribution>,
    pub summary: Summary,
}

impl Report {
    /// Builds the report of `analysis`, whose offsets are bytes into `text`. Takes the analysis, so
    /// its summary moves into the report rather than being copied (a copy of its maps is more code
    /// in the wasm for nothing).
    pub fn new(text: &str, analysis: Analysis) -> Report {
        let map = OffsetMap::new(text, Unit::CodePoints);
        let findings = analysis
            .findings
            .iter()
            .map(|f| ReportFinding {
                kind: f.kind.as_str().to_string(),
                subtype: f.subtype.to_string(),
                start: map.map(f.span.start),
                end: map.map(f.span.end),
                text: text[f.span.start..f.span.end].to_string(),
                rule: f.rule.to_string(),
                note: f.note.to_string(),
                speaker: f.speaker.as_ref().map(|s| ReportSpeaker {
                    name: s.name.clone(),
                    source_type: s.source_type,
                    start: s.mention.map(|m| map.map(m.start)),
                    end: s.mention.map(|m| map.map(m.end)),
                }),
            })
            .collect();
        let attributions = analysis
            .attributions
            .iter()
            .map(|a| ReportAttribution {
                source: text[a.source.start..a.source.end].to_string(),
                source_start: map.map(a.source.start),
                source_end: map.map(a.source.end),
                cue: text[a.cue.start..a.cue.end].to_string(),
                source_type: a.source_type,
                name: a.name.clone(),
            })
            .collect();
        Report {
            tool: "sourcelight".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            findings,
            attributions,
            summary: analysis.summary,
        }
    }
}
