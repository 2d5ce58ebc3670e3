#!/usr/bin/env bash
# Quality gate: runs every `attache eval` mode on the development sets in ../shared/eval and
# compares the figures with eval/baseline.json. A drop of more than 0.5 points (0.005) fails.
# Raising the baseline is a deliberate commit: run with --update to rewrite it.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=${EVAL_OUT:-target/eval}
mkdir -p "$out"
# The debug build is the one `cargo test --workspace` already made (no extra compile in CI).
cargo build -q -p attache
bin=target/debug/attache

run() { # name, args...
  local name=$1; shift
  "$bin" eval "$@" --json > "$out/$name.json"
}
run plover-gsr plover-gsr "$shared/eval/plover-gsr/PLOVER_GSR_CAMEO.txt"
run conflibert-class conflibert-class "$shared/eval/conflibert-cameo/class_train.tsv"
run conflibert-spans conflibert-spans "$shared/eval/conflibert-cameo/spans_train.txt"
run timeml timeml "$shared/eval/timebank"
run geo geo "$shared/eval/tr-news/TR-News.xml"
run status status eval/gold/status.jsonl

python3 scripts/eval_gate.py eval/baseline.json "$out" "$@"
