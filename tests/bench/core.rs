//! `make bench`, native part: the core's throughput on the texts of the annotated dev corpora
//! (others' texts, read for measurement only), timed inside one process around `analyze` alone —
//! no JSON, no I/O — and the latency of the very first analysis, which builds the lexicon tables.
//!
//! Usage: cargo bench --profile cli --bench core -- GOLD_DIR [ROUNDS]
//! Prints one JSON object for tests/bench/bench.mjs.

use sourcelight::{analyze, Options};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let gold = args.next().unwrap_or_else(|| "../shared/eval/gold-dev".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let Ok(dir) = std::fs::read_dir(&gold) else {
        println!("{{\"skipped\": \"{gold} not found\"}}");
        return;
    };
    let mut files: Vec<_> =
        dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    files.sort();
    let mut texts = Vec::new();
    for f in files {
        let body = std::fs::read_to_string(&f).expect("corpus readable");
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus is JSON lines");
            texts.push(v["text"].as_str().expect("a text").to_string());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let options = Options::default();

    // The first analysis pays for building the vocabulary and the phrase matchers.
    let t = Instant::now();
    let first = analyze(&texts[0], &options);
    let first_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let again = analyze(&texts[0], &options);
    let again_ms = t.elapsed().as_secs_f64() * 1e3;
    assert_eq!(first, again);

    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..rounds {
        findings = 0;
        let t = Instant::now();
        for text in &texts {
            findings += analyze(text, &options).findings.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let out = serde_json::json!({
        "documents": texts.len(),
        "bytes": bytes,
        "findings": findings,
        "seconds": best,
        "mb_per_s": bytes as f64 / 1e6 / best,
        "first_ms": first_ms,
        "first_text_bytes": texts[0].len(),
        "again_ms": again_ms,
    });
    println!("{out}");
}
