//! Whole-article snapshots: every article in tests/fixtures/*.txt (our own writing) is analysed and
//! its findings, one kind per file, are compared with tests/snapshots/<article>.<kind>.snap.
//!
//! A change in behaviour shows up as a readable diff. After checking that the new output is right,
//! rewrite the snapshots with `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`.

use sourcelight::{analyze, Kind, Options};
use std::fmt::Write as _;
use std::path::Path;

fn render(text: &str, kind: Kind) -> String {
    let a = analyze(text, &Options::default());
    let mut out = String::new();
    for f in a.findings.iter().filter(|f| f.kind == kind) {
        let line = text[..f.span.start].matches('\n').count() + 1;
        let _ = write!(out, "{line:>3} {:<16} {:?}", f.subtype, &text[f.span.start..f.span.end]);
        if let Some(s) = &f.speaker {
            let m = s.mention.map(|m| &text[m.start..m.end]).unwrap_or("-");
            let _ = write!(out, "  <- {} [{}] via {m:?}", s.name, s.source_type.as_str());
        }
        let _ = writeln!(out, "  ({})", f.rule);
    }
    if kind == Kind::Quote {
        let _ = writeln!(out, "-- speakers");
        for s in &a.summary.speakers {
            let _ = writeln!(out, "{} x{} [{}]", s.name, s.quotes, s.source_type.as_str());
        }
    }
    if kind == Kind::AnonymousSource {
        let _ = writeln!(out, "-- attributions by source type");
        for (t, n) in &a.summary.attributions {
            let _ = writeln!(out, "{t}: {n}");
        }
    }
    out
}

#[test]
fn every_fixture_article_matches_its_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    let mut articles: Vec<_> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    articles.sort();
    assert!(!articles.is_empty(), "no fixture articles found");
    for path in articles {
        let text = std::fs::read_to_string(&path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        for kind in Kind::ALL {
            let got = render(&text, kind);
            let snap = root.join("tests/snapshots").join(format!("{stem}.{}.snap", kind.as_str()));
            if update {
                std::fs::write(&snap, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&snap).unwrap_or_default();
            if got != want {
                failures.push(format!("{} differs:\n--- expected\n{want}--- got\n{got}", snap.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(rewrite with UPDATE_SNAPSHOTS=1 once the new output is checked)",
        failures.join("\n")
    );
}
