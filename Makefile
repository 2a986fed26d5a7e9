# Sourcelight — every task of the project. CI runs `make test` (see .ci/run and the README).
#
#   make run      build everything and show the extension highlighting the sample article
#   make serve    the www demo (the same core and highlighting, no install) on 127.0.0.1
#   make test     the whole suite: Rust tests, wasm smoke test, lint, browser end-to-end tests,
#                 and the extension on every saved real page (make test-pages, when they are there)
#   make eval     accuracy on the annotated dev corpora     make bench   speed and size
#   make eval-article  article-body extraction on the saved real pages in ../shared/pages
#   make dist     dist/chrome, dist/firefox and their zips  make lint    fmt, clippy, web-ext lint
#
# Shared, read-only material lives beside the project; override the paths if it is elsewhere:
#   make eval GOLD_DIR=/path/to/gold-dev      make bench SHARED=/path/to/shared

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SHARED ?= $(abspath ../shared)
GOLD_DIR ?= $(SHARED)/eval/gold-dev
PAGES_DIR ?= $(SHARED)/pages

WASM_BINDGEN_VERSION := 0.2.130
WASM_PACK_VERSION := 0.15.1
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)

CLI := target/cli/sourcelight
WASM_DIR := build/wasm
WASM := $(WASM_DIR)/sourcelight_bg.wasm
WASM_OPT := $(WASM_DIR)/sourcelight_bg.opt.wasm
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
RUST_SRC := $(shell find src -type f) Cargo.toml Cargo.lock build.rs
EXT_SRC := $(shell find extension -type f -not -path '*/node_modules/*')
WWW_SRC := $(shell find www/src -type f) www/build.mjs tests/fixtures/sample-article.txt
NODE_STAMP := node_modules/.package-lock.json

.PHONY: help setup setup-rust setup-browsers setup-node build wasm cli dist www run serve test test-rust \
        test-wasm test-e2e test-pages eval eval-article screenshots bench size lint fmt clean fuzz

help:
	@sed -n '2,12p' Makefile | sed 's/^# \{0,1\}//'

# ---- setup: idempotent; installs only what is missing or at the wrong version ----

setup: setup-rust setup-browsers setup-node

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@# wasm-bindgen's CLI must match the crate's pinned version exactly (see Cargo.toml).
	@if ! wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
	  echo "setup: installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; fi
	@if ! wasm-pack --version 2>/dev/null | grep -q " $(WASM_PACK_VERSION)$$"; then \
	  echo "setup: installing wasm-pack $(WASM_PACK_VERSION)"; \
	  cargo install wasm-pack --version $(WASM_PACK_VERSION) --force; fi

setup-browsers:
	@# Debian's own chromium and firefox-esr: the browsers the end-to-end tests drive, with their
	@# Spanish interface (the extension's Spanish messages are tested in a browser speaking Spanish).
	@missing=""; \
	for p in chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr; do \
	  command -v $${p%%:*} >/dev/null || missing="$$missing $${p##*:}"; done; \
	for p in chromium-l10n firefox-esr-l10n-es-es; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

setup-node: $(NODE_STAMP)
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# ---- build ----

build: cli dist

cli:
	cargo build --profile cli --bin sourcelight

wasm: $(WASM_OPT)
$(WASM): $(RUST_SRC) | setup-rust
	@# --mode no-install: never let wasm-pack fetch tools; --no-opt: wasm-opt runs below, pinned.
	wasm-pack build --release --target no-modules --no-typescript --no-pack --no-opt --mode no-install \
	  --out-dir $(WASM_DIR) --out-name sourcelight
	@rm -f $(WASM_DIR)/.gitignore
$(WASM_OPT): $(WASM) $(NODE_STAMP)
	@# npm binaryen, never Debian's (its wasm-opt 108 silently breaks this module; see TOOLCHAIN.md).
	@# A function called from one place is inlined only when small: otherwise -Oz folds every stage
	@# of `analyze` into one 110 KB function, which V8's lazy baseline compiler takes 16 ms for on
	@# the first analysis in a browser, against about 5 ms for the same code in its own functions
	@# (BENCHMARKS.md, cold start). Size and throughput are the same.
	wasm-opt -Oz --one-caller-inline-max-function-size 2000 --strip-debug --strip-producers --strip-target-features \
	  $(WASM) -o $@

dist: dist/sourcelight-$(VERSION)-chrome.zip
dist/sourcelight-$(VERSION)-chrome.zip: $(WASM_OPT) $(EXT_SRC) $(NODE_STAMP)
	node extension/build.mjs --wasm-dir $(WASM_DIR) --out dist --zip

# The www demo as static files in www/dist (see www/README.md for hosting it).
www: www/dist/index.html
www/dist/index.html: dist/sourcelight-$(VERSION)-chrome.zip $(WWW_SRC)
	node www/build.mjs --wasm-dir $(WASM_DIR) --dist dist --out www/dist

size: $(WASM_OPT)
	@raw=$$(stat -c %s $(WASM_OPT)); gz=$$(gzip -9 -c $(WASM_OPT) | wc -c); \
	glue=$$(gzip -9 -c $(WASM_DIR)/sourcelight.js | wc -c); \
	printf 'wasm (after wasm-opt -Oz): %7d bytes raw, %7d bytes gzip -9\n' $$raw $$gz; \
	printf 'wasm before wasm-opt:      %7d bytes raw\n' $$(stat -c %s $(WASM)); \
	printf 'JS glue:                   %7d bytes gzip -9\n' $$glue

# ---- run: the extension on the bundled sample article in a real browser; serve: the demo ----

run: setup dist www
	node tests/e2e/run.mjs

SERVE_PORT ?= 8080
serve: www
	node www/serve.mjs --dir www/dist --port $(SERVE_PORT)

# ---- tests ----

test: setup build
	$(MAKE) --no-print-directory test-rust test-wasm lint test-e2e test-pages

test-rust:
	cargo test --all-targets

# The final, optimised .wasm instantiated in Node gives the same report as the native CLI.
test-wasm: $(WASM_OPT) cli
	node --test tests/wasm/*.test.mjs

test-e2e: dist www
	node --test --test-concurrency=1 tests/e2e/*.test.mjs

# The extension on every saved real page in ../shared/pages (others' pages, read from disk, never
# copied), in Chromium and Firefox: no error, no DOM change, done in time; table in
# test-artifacts/pages-report.tsv (see tests/pages/README.md). Skips when the pages are not there.
test-pages: dist
	node tests/pages/pages.mjs --pages $(PAGES_DIR)

# ---- measurement ----

# Accuracy on the annotated dev corpora (the scorer's figures; see tests/eval/eval.py).
eval: cli
	@if [ ! -d "$(GOLD_DIR)" ]; then echo "eval: $(GOLD_DIR) not found; set GOLD_DIR" >&2; exit 2; fi
	python3 tests/eval/eval.py --bin $(CLI) --gold $(GOLD_DIR) $(EVAL_ARGS)

# How well the extension finds the article body on saved real pages (others' pages, read from
# ../shared/pages for measurement only): body-text precision/recall and the share of highlights
# inside the true body, against a whole-body baseline. Skips when the pages are not there.
eval-article: dist
	node tests/e2e/article-eval.mjs --pages $(PAGES_DIR)

# The README's screenshots, from the last end-to-end run (make test-e2e).
screenshots:
	cp test-artifacts/chromium-hover-card.png www/img/screenshot-chromium.png
	cp test-artifacts/chromium-popup-full.png www/img/screenshot-popup.png
	cp test-artifacts/chromium-options.png www/img/screenshot-options.png
	cp test-artifacts/www-chromium.png www/img/screenshot-demo.png

# Speed and size side by side with compromise.js and mark.js (tests/bench/bench.mjs; figures in
# BENCHMARKS.md). Parts whose shared input is missing are skipped. Never part of `make test`.
# BENCH_ARGS="--only cold" measures the cold start alone.
bench: cli dist size
	node tests/bench/bench.mjs --cli $(CLI) --wasm-dir $(WASM_DIR) --gold $(GOLD_DIR) --pages $(PAGES_DIR) $(BENCH_ARGS)

# Bounded fuzzing of the core with libFuzzer (not in CI): FUZZ_SECONDS per target. cargo-fuzz needs
# nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them, without a sanitizer.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := analyze offsets html
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz-corpus/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS)s"; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none -O $$t \
	    target/fuzz-corpus/$$t tests/fuzz/seeds -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -print_final_stats=1 2>&1 | grep -aE '^(stat::(number_of_executed_units|new_units_added|peak_rss_mb)|Done|==|SUMMARY|thread|Failing input)'; \
	done

# ---- hygiene ----

lint: dist
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	web-ext lint --source-dir dist/firefox --warnings-as-errors

fmt:
	cargo fmt

clean:
	rm -rf target build dist test-artifacts
