# Sourcelight — every task of the project. CI runs `make test` (see .ci/run).
# Paths to the shared, read-only material can be overridden: make eval GOLD_DIR=/path/to/gold

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
SHARED ?= $(abspath ../shared)
GOLD_DIR ?= $(SHARED)/eval/gold-dev
CLI := target/cli/sourcelight

.PHONY: cli eval test-rust

cli:
	cargo build --profile cli --bin sourcelight

# Accuracy on the annotated dev corpora (the scorer's figures; see tests/eval/eval.py).
eval: cli
	@if [ ! -d "$(GOLD_DIR)" ]; then echo "eval: $(GOLD_DIR) not found; set GOLD_DIR" >&2; exit 2; fi
	python3 tests/eval/eval.py --bin $(CLI) --gold $(GOLD_DIR) $(EVAL_ARGS)

test-rust:
	cargo test --all-targets
