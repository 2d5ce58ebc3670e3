#!/usr/bin/env bash
# Quality gate: runs every `attache eval` mode on the development sets in ../shared/eval and
# compares the figures with eval/baseline.json. A drop of more than 0.5 points (0.005) fails.
# Raising the baseline is a deliberate commit: run with --update to rewrite it.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=${EVAL_OUT:-target/eval}
mkdir -p "$out"
cargo build --release -q -p attache
bin=target/release/attache

run() { # name, args...
  local name=$1; shift
  "$bin" eval "$@" --json > "$out/$name.json"
}
run plover-gsr plover-gsr "$shared/eval/plover-gsr/PLOVER_GSR_CAMEO.txt"
run conflibert-class conflibert-class "$shared/eval/conflibert-cameo/class_train.tsv"
run conflibert-spans conflibert-spans "$shared/eval/conflibert-cameo/spans_train.txt"
if "$bin" eval --help | grep -q timeml; then run timeml timeml "$shared/eval/timebank"; fi
if "$bin" eval --help | grep -q ' geo'; then run geo geo "$shared/eval/tr-news/TR-News.xml"; fi

python3 scripts/eval_gate.py eval/baseline.json "$out" "$@"
