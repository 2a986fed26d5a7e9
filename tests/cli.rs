//! The command-line tool on good and bad input: every problem is one clear line on stderr naming
//! the file (and line), the exit status is non-zero, nothing panics, and the other documents are
//! still processed.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sourcelight"))
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        bin().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sourcelight-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_text_file_gets_a_readable_report_with_line_numbers() {
    let p = temp("story.txt", "Headline\n\n“We will not back down,” Beltrán told reporters.\n".as_bytes());
    let o = run(&["analyze", p.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("1 quotes"), "{out}");
    assert!(out.contains("3:2\tquote/full\t“We will not back down,” — Beltrán"), "{out}");
}

#[test]
fn an_html_file_is_reduced_to_its_text_and_lines_point_into_the_html() {
    let html = "<html><head><script>var x = '“no,” she said';</script></head>\n<body>\n<p>“We will not back down,” Beltrán told reporters.</p></body></html>";
    let p = temp("story.html", html.as_bytes());
    let o = run(&["analyze", p.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("1 quotes"), "the script's quote must not count: {out}");
    assert!(out.contains("\n  3:5\tquote/full"), "{out}");
}

#[test]
fn bad_files_are_reported_one_line_each_and_the_good_one_is_still_analysed() {
    let good = temp("good.txt", "“Yes,” Ana said.".as_bytes());
    let latin1 = temp("latin1.txt", b"Caf\xe9 \xab oui \xbb\n");
    let binary = temp("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let missing = "/nonexistent/story.txt";
    let o = run(&["analyze", latin1.to_str().unwrap(), binary.to_str().unwrap(), missing, good.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].contains("latin1.txt: not valid UTF-8 (line 1"), "{err}");
    assert!(lines[1].contains("image.png: looks like a binary file"), "{err}");
    assert!(lines[2].contains("/nonexistent/story.txt: cannot open: no such file"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(String::from_utf8_lossy(&o.stdout).contains("good.txt: 1 quotes"));
}

#[test]
fn jsonl_predictions_use_code_point_offsets_and_skip_bad_lines_with_their_line_number() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"😀 “We won,” she said.\"}\n",
        "{not json}\n",
        "{\"id\": \"b\"}\n",
        "\n",
        "{\"id\": 7, \"text\": \"No quotes here.\"}\n",
        "{\"id\": \"a\", \"text\": \"again\"}\n",
    );
    let o = run(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("stdin:2: invalid JSON"), "{err}");
    assert!(err.contains("stdin:3: document b: missing \"text\""), "{err}");
    assert!(err.contains("stdin:6: duplicate id a"), "{err}");
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], 7);
    let q = lines[0]["spans"].as_array().unwrap().iter().find(|s| s["kind"] == "quote").unwrap();
    // "😀 “" is 3 code points (4 UTF-16 units): the quote starts at code point 3.
    assert_eq!((q["start"].as_u64(), q["end"].as_u64()), (Some(3), Some(10)));
    assert_eq!(q["speaker_start"].as_u64(), Some(12));
}

#[test]
fn usage_errors_exit_with_status_two_and_a_hint() {
    for args in [
        &["analyze"][..],
        &["frobnicate"],
        &["analyze", "--only", "gossip", "x.txt"],
        &["analyze", "--json", "--jsonl"],
        &["analyze", "--json", "--tsv", "x.txt"],
    ] {
        let o = run(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Try 'sourcelight --help'."));
    }
    let o = run(&["--help"], b"");
    assert!(o.status.success() && String::from_utf8_lossy(&o.stdout).contains("--jsonl"));
}

#[test]
fn only_restricts_the_kinds_reported() {
    let o = run(
        &["analyze", "--jsonl", "--only", "quote"],
        "{\"id\":\"x\",\"text\":\"A senior official said the regime “will fall,” he added.\"}\n".as_bytes(),
    );
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["spans"].as_array().unwrap().iter().all(|s| s["kind"] == "quote"));
}

#[test]
fn publisher_makes_words_told_to_that_outlet_its_own_reporting() {
    let doc = "{\"id\":\"x\",\"text\":\"The mayor told Reuters the port would reopen.\"}\n".as_bytes();
    let secondhand = |o: &Output| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["spans"].as_array().unwrap().iter().filter(|s| s["kind"] == "secondhand_source").count()
    };
    assert_eq!(secondhand(&run(&["analyze", "--jsonl"], doc)), 1);
    let o = run(&["analyze", "--jsonl", "--publisher", "Thomson Reuters"], doc);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(secondhand(&o), 0);
    let o = run(&["analyze", "--jsonl", "--publisher"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--publisher needs"), "{}", stderr(&o));
}

#[test]
fn columns_count_characters_along_a_line_and_restart_on_the_next() {
    let p = temp("columns.txt", "Héllo, officials said it. “Nö,” aides said.\nÖne more: aides said.\n".as_bytes());
    let o = run(&["analyze", "--only", "anonymous_source", p.to_str().unwrap()], b"");
    let out = String::from_utf8(o.stdout).unwrap();
    let findings = out.lines().filter(|l| l.starts_with("  ") && l.trim_start().starts_with(char::is_numeric));
    let at: Vec<&str> = findings.filter_map(|l| l.trim_start().split('\t').next()).collect();
    assert_eq!(at, ["1:8", "1:33", "2:11"], "{out}");
}

/// The `--tsv` rows as header → cell maps.
fn tsv_rows(out: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let out = String::from_utf8(out.to_vec()).unwrap();
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "row and header differ in width: {l}");
            header.iter().zip(cells).map(|(h, c)| (h.to_string(), c.to_string())).collect()
        })
        .collect()
}

#[test]
fn tsv_gives_one_summary_row_per_article_whose_subtype_columns_add_up_to_each_kind() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    let mut args = vec!["analyze", "--tsv"];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args, b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = tsv_rows(&o.stdout);
    assert_eq!(rows.len(), files.len());
    let n = |row: &std::collections::HashMap<String, String>, k: &str| row[k].parse::<usize>().unwrap();
    let mut findings = 0;
    for (row, file) in rows.iter().zip(&files) {
        assert_eq!(&row["document"], file);
        // A subtype the core produces but the columns miss would leave its kind's sum short.
        for kind in ["quote", "anonymous_source", "editorial"] {
            let parts: usize = row.keys().filter(|k| k.starts_with(&format!("{kind}."))).map(|k| n(row, k)).sum();
            assert_eq!(parts, n(row, kind), "{file}: {kind} subtypes");
            findings += n(row, kind);
        }
        // The same figures as the JSON report's summary.
        let j = run(&["analyze", "--json", file], b"");
        let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
        let summary = &v["report"]["summary"];
        assert_eq!(n(row, "words") as u64, summary["words"].as_u64().unwrap(), "{file}");
        assert_eq!(n(row, "quote") as u64, summary["counts"]["quote"].as_u64().unwrap(), "{file}");
        assert_eq!(n(row, "attributions.anonymous") as u64, summary["attributions"]["anonymous"].as_u64().unwrap());
        let top = &summary["speakers"][0];
        if top.is_object() {
            assert_eq!(row["most_quoted"], format!("{} ({})", top["name"].as_str().unwrap(), top["quotes"]), "{file}");
        }
    }
    assert!(findings > 0, "the fixtures have findings");
}

#[test]
fn tsv_over_jsonl_names_each_row_by_its_id_and_keeps_cells_on_one_line() {
    let input = concat!(
        "{\"id\": \"two\\tparts\", \"text\": \"“We won,” Ana Beltrán said. “Again,” she added. Officials said it was over.\"}\n",
        "{\"id\": 7, \"text\": \"No quotes here.\"}\n",
    );
    let o = run(&["analyze", "--jsonl", "--tsv"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = tsv_rows(&o.stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["document"], "two parts");
    assert_eq!(rows[0]["quote.full"], "2");
    assert_eq!(rows[0]["most_quoted"], "Ana Beltrán (2)");
    assert_eq!(rows[0]["anonymous_source.unnamed_person"], "1");
    assert_eq!(
        (rows[1]["document"].as_str(), rows[1]["quote"].as_str(), rows[1]["most_quoted"].as_str()),
        ("7", "0", "")
    );
}
