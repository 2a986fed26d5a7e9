//! `sourcelight`: the core on the command line, for researchers and for `make eval`.
//!
//! ```text
//! sourcelight analyze FILE...            report per .txt/.html file (line:col, category, note)
//! sourcelight analyze --json FILE...     the same as JSON (one report per line)
//! sourcelight analyze --jsonl [FILE]     documents JSONL in (stdin by default), predictions JSONL out
//! sourcelight analyze --publisher NAME …  the texts' own outlet: `told NAME` is not secondhand
//! sourcelight analyze --tsv FILE...      one summary row per file (counts, shares, most quoted)
//! sourcelight analyze --jsonl --tsv      the same for documents JSONL, one row per id
//! ```
//!
//! Bad input never panics and never stops the batch: each problem is one line on stderr naming
//! the file (and line), the other documents are still processed, and the exit status is 1.

use sourcelight::offsets::{OffsetMap, Unit};
use sourcelight::report::Report;
use sourcelight::{analyze, html, Analysis, Kind, Options, SourceType};
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

const USAGE: &str = "\
sourcelight — see how a news story is sourced: direct quotes and their speakers, anonymous sources,
editorial wording.

Usage:
  sourcelight analyze [--json | --tsv] [--only KINDS] [--publisher NAME] FILE...
      Analyse .txt or .html files; print each finding with its line:column, category and note
      (or, with --json, one JSON report per line; with --tsv, one summary row per file).
  sourcelight analyze --jsonl [--tsv] [--only KINDS] [--publisher NAME] [FILE]
      Read documents as JSON lines {\"id\": ..., \"text\": ...} (from FILE or standard input) and
      write predictions in the evaluation format (offsets in Unicode code points); with --tsv,
      one summary row per document instead.
  sourcelight --help | --version

KINDS is a comma-separated list of quote, anonymous_source, editorial (default: all).
NAME is the outlet that published the texts (\"Reuters\", \"nytimes.com\"): what is credited to it
(\"told Reuters\") is its own reporting, not another outlet's.
Exit status: 0 on success, 1 if any input could not be processed, 2 on a usage error.";

fn main() -> ExitCode {
    // A bug in the core must cost one document, not the batch: report it as a one-line error.
    panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(msg) => {
            eprintln!("sourcelight: {msg}");
            eprintln!("Try 'sourcelight --help'.");
            ExitCode::from(2)
        }
    }
}

#[derive(Default)]
struct Args {
    json: bool,
    jsonl: bool,
    tsv: bool,
    options: Options,
    files: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => a.json = true,
            "--jsonl" => a.jsonl = true,
            "--tsv" => a.tsv = true,
            "--only" => {
                let v = it.next().ok_or("--only needs a list of kinds")?;
                let kinds: Result<Vec<Kind>, String> =
                    v.split(',').map(|k| Kind::parse(k.trim()).ok_or_else(|| format!("unknown kind '{k}'"))).collect();
                let kinds = kinds?;
                a.options.quotes = kinds.contains(&Kind::Quote);
                a.options.anonymous = kinds.contains(&Kind::AnonymousSource);
                a.options.editorial = kinds.contains(&Kind::Editorial);
            }
            "--publisher" => {
                let v = it.next().filter(|v| !v.trim().is_empty()).ok_or("--publisher needs the site's name")?;
                a.options.publisher = Some(v.clone());
            }
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'")),
            s => a.files.push(s.to_string()),
        }
    }
    if a.json && a.jsonl {
        return Err("--json and --jsonl cannot be combined".into());
    }
    if a.json && a.tsv {
        return Err("--json and --tsv cannot be combined".into());
    }
    if !a.jsonl && a.files.is_empty() {
        return Err("analyze needs at least one FILE (or --jsonl)".into());
    }
    if a.jsonl && a.files.len() > 1 {
        return Err("--jsonl reads one FILE or standard input".into());
    }
    Ok(a)
}

fn run(args: &[String]) -> Result<bool, String> {
    match args.first().map(String::as_str) {
        None | Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            Ok(true)
        }
        Some("-V") | Some("--version") => {
            println!("sourcelight {}", env!("CARGO_PKG_VERSION"));
            Ok(true)
        }
        Some("analyze") => {
            let a = parse(&args[1..])?;
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            if a.tsv {
                let _ = writeln!(out, "{}", tsv_header());
            }
            let ok = if a.jsonl { run_jsonl(&a, &mut out) } else { run_files(&a, &mut out) };
            out.flush().map_err(|e| format!("cannot write output: {e}"))?;
            Ok(ok)
        }
        Some(other) => Err(format!("unknown command '{other}'")),
    }
}

/// Runs the core on one text, turning a panic into an error message.
fn analyze_guarded(text: &str, options: &Options) -> Result<Analysis, String> {
    panic::catch_unwind(AssertUnwindSafe(|| analyze(text, options))).map_err(|e| {
        let msg = e
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        format!("internal error while analysing ({msg}); please report it with this document")
    })
}

/// Reads a file as text: rejects binary data and invalid UTF-8 with a message naming the problem.
fn read_text(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let mut f = std::fs::File::open(path).map_err(|e| format!("{path}: cannot open: {}", io_reason(&e)))?;
    f.read_to_end(&mut bytes).map_err(|e| format!("{path}: cannot read: {}", io_reason(&e)))?;
    decode(path, bytes)
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.contains(&0) {
        return Err(format!("{name}: looks like a binary file (it contains NUL bytes); expected .txt or .html"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{name}: not valid UTF-8 (line {line}, byte {at}); convert it to UTF-8 first")
    })
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

fn is_html(path: &str, text: &str) -> bool {
    let p = path.to_ascii_lowercase();
    if p.ends_with(".html") || p.ends_with(".htm") || p.ends_with(".xhtml") {
        return true;
    }
    let head = text.trim_start().get(..15).unwrap_or("").to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn run_files(a: &Args, out: &mut impl Write) -> bool {
    let mut ok = true;
    for path in &a.files {
        let result = read_text(path).and_then(|src| {
            let (text, extracted) = if is_html(path, &src) {
                let e = html::to_text(&src);
                (e.text.clone(), Some(e))
            } else {
                (src.clone(), None)
            };
            let analysis = analyze_guarded(&text, &a.options).map_err(|e| format!("{path}: {e}"))?;
            if a.tsv {
                let _ = writeln!(out, "{}", tsv_row(path, &analysis));
            } else if a.json {
                let report = Report::new(&text, analysis);
                let line = serde_json::to_string(&serde_json::json!({"file": path, "report": report}))
                    .map_err(|e| format!("{path}: {e}"))?;
                let _ = writeln!(out, "{line}");
            } else {
                write_human(out, path, &src, &text, extracted.as_ref(), &analysis);
            }
            Ok(())
        });
        if let Err(e) = result {
            eprintln!("sourcelight: {e}");
            ok = false;
        }
    }
    ok
}

/// Line starts of a text, so each finding's line:column is a binary search, not a rescan; and the
/// last position asked for, so columns along one long line are counted on from there (findings
/// come in text order), not from the line start each time.
struct Lines<'a> {
    src: &'a str,
    starts: Vec<usize>,
    /// Byte offset, line and column of the last answer.
    last: (usize, usize, usize),
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { src, starts, last: (0, 1, 1) }
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    fn line_col(&mut self, pos: usize) -> (usize, usize) {
        let pos = floor_boundary(self.src, pos);
        let line = self.starts.partition_point(|&s| s <= pos);
        let (last_pos, last_line, last_col) = self.last;
        let (from, col) =
            if line == last_line && last_pos <= pos { (last_pos, last_col) } else { (self.starts[line - 1], 1) };
        let col = col + self.src[from..pos].chars().count();
        self.last = (pos, line, col);
        (line, col)
    }
}

fn write_human(out: &mut impl Write, path: &str, src: &str, text: &str, html: Option<&html::Extracted>, an: &Analysis) {
    let c = &an.summary.counts;
    let n = |k: &str| c.get(k).copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "{path}: {} quotes, {} anonymous sources, {} editorial",
        n("quote"),
        n("anonymous_source"),
        n("editorial")
    );
    let mut lines = Lines::new(src);
    for f in &an.findings {
        let src_pos = html.map(|h| h.source_offset(f.span.start)).unwrap_or(f.span.start);
        let (line, col) = lines.line_col(src_pos);
        let words = shorten(&text[f.span.start..f.span.end], 70);
        let mut who = String::new();
        if let Some(s) = &f.speaker {
            who = format!(" — {} ({})", s.name, s.source_type.as_str().replace('_', " "));
        }
        let _ = writeln!(out, "  {line}:{col}\t{}/{}\t“{words}”{who}", f.kind.as_str(), f.subtype);
        let _ = writeln!(out, "      {} [{}]", f.note, f.rule);
    }
    if !an.summary.speakers.is_empty() {
        let list: Vec<String> = an.summary.speakers.iter().map(|s| format!("{} ×{}", s.name, s.quotes)).collect();
        let _ = writeln!(out, "  quoted: {}", list.join(", "));
    }
    let _ = writeln!(out, "  words in quotes: {:.0}%", an.summary.quoted_share * 100.0);
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn shorten(s: &str, max: usize) -> String {
    let flat: String = s.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    if flat.chars().count() <= max {
        return flat;
    }
    let head: String = flat.chars().take(max - 1).collect();
    format!("{head}…")
}

fn run_jsonl(a: &Args, out: &mut impl Write) -> bool {
    let (name, reader): (String, Box<dyn BufRead>) = match a.files.first() {
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => (p.clone(), Box::new(io::BufReader::new(f))),
            Err(e) => {
                eprintln!("sourcelight: {p}: cannot open: {}", io_reason(&e));
                return false;
            }
        },
        None => ("stdin".to_string(), Box::new(io::BufReader::new(io::stdin()))),
    };
    let mut ok = true;
    let mut seen = std::collections::HashSet::new();
    for (n, line) in reader.split(b'\n').enumerate() {
        let lineno = n + 1;
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                eprintln!("sourcelight: {name}:{lineno}: cannot read: {}", io_reason(&e));
                return false;
            }
        };
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        match predict_line(&bytes, &a.options, a.tsv) {
            Ok((id, line)) => {
                if !seen.insert(id.clone()) {
                    eprintln!("sourcelight: {name}:{lineno}: duplicate id {id}; skipped");
                    ok = false;
                    continue;
                }
                let _ = writeln!(out, "{line}");
            }
            Err(e) => {
                eprintln!("sourcelight: {name}:{lineno}: {e}");
                ok = false;
            }
        }
    }
    ok
}

/// One document line → one prediction line, or with `tsv` one summary row (and the document's id).
fn predict_line(bytes: &[u8], options: &Options, tsv: bool) -> Result<(String, String), String> {
    let s = std::str::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 at byte {}", e.valid_up_to()))?;
    let v: serde_json::Value = serde_json::from_str(s).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match v.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err("missing \"id\" (a string)".into()),
    };
    let text =
        v.get("text").and_then(|t| t.as_str()).ok_or_else(|| format!("document {id}: missing \"text\" (a string)"))?;
    let analysis = analyze_guarded(text, options).map_err(|e| format!("document {id}: {e}"))?;
    if tsv {
        let row = tsv_row(&id, &analysis);
        return Ok((id, row));
    }
    let map = OffsetMap::new(text, Unit::CodePoints);
    let spans: Vec<serde_json::Value> = analysis
        .findings
        .iter()
        .filter(|f| !f.span.is_empty())
        .map(|f| {
            // A claim credited to another outlet names its source (the outlet): it is shown with the
            // anonymous sources, but it is not "a source whose identity is withheld".
            let kind = if f.kind == Kind::AnonymousSource && f.subtype == "secondhand" {
                "secondhand_source"
            } else {
                f.kind.as_str()
            };
            let mut o = serde_json::json!({
                "kind": kind,
                "start": map.map(f.span.start),
                "end": map.map(f.span.end),
                "category": f.subtype,
                "rule": f.rule,
            });
            if let Some(sp) = &f.speaker {
                o["speaker"] = serde_json::Value::String(sp.name.clone());
                if let Some(m) = sp.mention {
                    o["speaker_start"] = map.map(m.start).into();
                    o["speaker_end"] = map.map(m.end).into();
                }
            }
            o
        })
        .collect();
    let line = serde_json::to_string(&serde_json::json!({"id": v["id"], "spans": spans})).map_err(|e| e.to_string())?;
    Ok((id, line))
}

/// The `--tsv` columns: fixed for every run (each kind with all its subtypes, each source type),
/// so rows from different runs and corpora line up in a spreadsheet or a statistics package.
fn tsv_header() -> String {
    let mut cols = vec!["document".to_string(), "words".into(), "quoted_share".into()];
    for k in Kind::ALL {
        cols.push(k.as_str().into());
        cols.extend(k.subtypes().iter().map(|s| format!("{}.{s}", k.as_str())));
    }
    cols.push("unattributed_quotes".into());
    cols.extend(SourceType::ALL.iter().map(|t| format!("attributions.{}", t.as_str())));
    cols.extend(["anonymous_attribution_share", "anonymous_quote_share", "most_quoted"].map(String::from));
    cols.join("\t")
}

/// One document's summary under `tsv_header`. Shares are fractions with three decimals; the most
/// quoted speaker is `Name (n)`. Tabs and line breaks in names become spaces: a cell never splits.
fn tsv_row(document: &str, an: &Analysis) -> String {
    let s = &an.summary;
    let count = |m: &sourcelight::summary::Counts, key: &str| m.get(key).copied().unwrap_or(0).to_string();
    let mut cells = vec![cell(document), s.words.to_string(), format!("{:.3}", s.quoted_share)];
    for k in Kind::ALL {
        cells.push(count(&s.counts, k.as_str()));
        cells.extend(k.subtypes().iter().map(|sub| count(&s.subtypes, &format!("{}.{sub}", k.as_str()))));
    }
    cells.push(s.unattributed_quotes.to_string());
    cells.extend(SourceType::ALL.iter().map(|t| count(&s.attributions, t.as_str())));
    cells.push(format!("{:.3}", s.anonymous_attribution_share));
    cells.push(format!("{:.3}", s.anonymous_quote_share));
    cells.push(s.speakers.first().map(|sp| format!("{} ({})", cell(&sp.name), sp.quotes)).unwrap_or_default());
    cells.join("\t")
}

fn cell(s: &str) -> String {
    s.chars().map(|c| if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c }).collect()
}
