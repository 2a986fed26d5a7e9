#!/usr/bin/env python3
"""Runs the sourcelight CLI over every annotated dev corpus and prints the scorer's figures.

Usage: eval.py [--bin PATH] [--gold DIR] [--out DIR] [--corpus NAME ...] [--tables]

For each GOLD/<corpus>.jsonl: the documents (id + text only) go through `sourcelight analyze
--jsonl`, the predictions are written to OUT/<corpus>.pred.jsonl for error analysis, and
../shared/eval/score.py (next to the gold directory) scores them. Prints one summary table; with
--tables, also the scorer's own table per corpus. Also prints the editorial false-alarm rate on
babe-mbic: the share of sentences labelled non-biased and entirely factual in which anything is
flagged as editorial.

Standard library only. The gold files are others' texts: they are read, never copied.
"""
import argparse
import json
import os
import subprocess
import sys
import time


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/cli/sourcelight")
    ap.add_argument("--gold", default=os.environ.get("GOLD_DIR", "../shared/eval/gold-dev"))
    ap.add_argument("--scorer", default=None, help="score.py (default: GOLD/../score.py)")
    ap.add_argument("--out", default="target/eval")
    ap.add_argument("--corpus", action="append", help="only these corpora (repeatable)")
    ap.add_argument("--tables", action="store_true", help="print the scorer's full table per corpus")
    ap.add_argument("--json", help="also write all figures to this JSON file")
    args = ap.parse_args()

    if not os.path.isdir(args.gold):
        print(f"eval: gold directory {args.gold} not found (set GOLD_DIR=...)", file=sys.stderr)
        return 2
    scorer = args.scorer or os.path.join(os.path.dirname(os.path.abspath(args.gold.rstrip("/"))), "score.py")
    os.makedirs(args.out, exist_ok=True)
    corpora = sorted(f[:-6] for f in os.listdir(args.gold) if f.endswith(".jsonl"))
    if args.corpus:
        corpora = [c for c in corpora if c in args.corpus]

    rows = []
    figures = {}
    for corpus in corpora:
        gold_path = os.path.join(args.gold, corpus + ".jsonl")
        gold = load_jsonl(gold_path)
        docs_path = os.path.join(args.out, corpus + ".docs.jsonl")
        pred_path = os.path.join(args.out, corpus + ".pred.jsonl")
        with open(docs_path, "w", encoding="utf-8") as f:
            for d in gold:
                f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        with open(docs_path, "rb") as fin, open(pred_path, "wb") as fout:
            r = subprocess.run([args.bin, "analyze", "--jsonl"], stdin=fin, stdout=fout, stderr=subprocess.PIPE)
        secs = time.perf_counter() - t0
        if r.returncode != 0:
            print(f"eval: {corpus}: sourcelight exited {r.returncode}: {r.stderr.decode()[:500]}", file=sys.stderr)
            return 1
        res = subprocess.run([sys.executable, scorer, gold_path, pred_path, "--json"], capture_output=True, text=True)
        if res.returncode != 0:
            print(f"eval: {corpus}: scorer failed: {res.stderr[:1000]}", file=sys.stderr)
            return 1
        score = json.loads(res.stdout)
        figures[corpus] = {"score": score, "seconds": secs}
        chars = sum(len(d["text"]) for d in gold)
        for kind, k in sorted(score["kinds"].items()):
            sp = score.get("speaker", {}) if kind == "quote" else {}
            rows.append((corpus, kind, k, sp, chars, secs))
        if corpus == "babe-mbic":
            figures[corpus]["false_alarm"] = babe_false_alarms(gold, load_jsonl(pred_path))
        if args.tables:
            print(subprocess.run([sys.executable, scorer, gold_path, pred_path], capture_output=True, text=True).stdout)

    def f(x):
        return "    -" if x is None else f"{x:5.3f}"

    print(f"{'corpus':<22} {'kind':<17} {'gold':>5} {'pred':>5} | {'P':>5} {'R':>5} {'F1':>5} | "
          f"{'sP':>5} {'sR':>5} {'sF1':>5} | {'spkr':>5} {'n':>4} | {'MB/s':>6}")
    print("-" * 112)
    for corpus, kind, k, sp, chars, secs in rows:
        lo, st = k["loose"], k["strict"]
        spk = f(sp.get("combined")) if sp.get("n") else "    -"
        n = str(sp.get("n", "")) if sp.get("n") else ""
        print(f"{corpus:<22} {kind:<17} {k['gold']:>5} {k['pred']:>5} | {f(lo['precision'])} {f(lo['recall'])} {f(lo['f1'])} | "
              f"{f(st['precision'])} {f(st['recall'])} {f(st['f1'])} | {spk} {n:>4} | {chars / 1e6 / max(secs, 1e-9):6.2f}")
    if "babe-mbic" in figures:
        fa = figures["babe-mbic"]["false_alarm"]
        print(f"\nbabe-mbic false-alarm rate: {fa['flagged']}/{fa['sentences']} = {fa['rate']:.3f} "
              "of sentences labelled non-biased and entirely factual have an editorial highlight")
    print("\nP/R/F1 loose (overlap ≥0.5 of gold and ≥0.3 of prediction); sP/sR/sF1 strict (≥0.9 both);"
          " spkr = speaker accuracy on matched quotes (n); MB/s includes process start-up.")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=1)
    return 0


def babe_false_alarms(gold, preds):
    by_id = {p["id"]: p for p in preds}
    clean = [d for d in gold if d.get("label_bias") == "Non-biased" and d.get("label_opinion") == "Entirely factual"]
    flagged = sum(1 for d in clean if any(s["kind"] == "editorial" for s in by_id.get(d["id"], {}).get("spans", [])))
    return {"sentences": len(clean), "flagged": flagged, "rate": flagged / len(clean) if clean else 0.0}


if __name__ == "__main__":
    sys.exit(main())
