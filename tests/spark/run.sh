#!/usr/bin/env bash
# End-to-end test of the Spark job (examples/spark) and of `attache export --format parquet`.
#
# Installs what it needs (Java 17 if missing, PySpark/DuckDB/DataFusion in target/spark-venv),
# builds `attache --features parquet` (release), codes a few thousand Reuters-21578 stories
# (../shared/bench/reuters21578, or generated articles when it is absent) with a deliberately
# broken record in between, once in a single process and twice on Spark (local[2] and local[1]),
# then checks with DuckDB, DataFusion and Spark that the outputs agree event for event.
# Prints "spark: N passed, M failed" and exits non-zero on any failure.
#
# Environment: ATTACHE_SPARK_DOCS (documents, default 6000), ATTACHE_SPARK_PARTITIONS (default 4),
# ATTACHE_SPARK_PROFILE (release, or dev to reuse the test build), ATTACHE_SPARK_REUTERS (corpus
# folder, default ../shared/bench/reuters21578).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DOCS=${ATTACHE_SPARK_DOCS:-6000}
PARTITIONS=${ATTACHE_SPARK_PARTITIONS:-4}
VENV=$ROOT/target/spark-venv
WORK=$ROOT/target/spark-test
BIN=$WORK/attache  # a copy of target/release/attache, safe from concurrent rebuilds

step() { echo "== [${SECONDS}s] $*"; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
  else
    echo "missing: $* (install it, or run as root on Debian/Ubuntu)" >&2
    return 1
  fi
}

# --- Java 17+ for Spark 4 ---------------------------------------------------------------------
java_major() {
  local v
  v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  echo "${v:-0}"
}
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  step "installing Java 17"
  apt_install openjdk-17-jre-headless
fi
step "java $(java_major)"

# --- Python environment -------------------------------------------------------------------------
REQS=$(cat examples/spark/requirements.txt tests/spark/requirements.txt | sha256sum | cut -c1-16)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements" 2>/dev/null)" != "$REQS" ]; then
  step "creating $VENV (PySpark, DuckDB, DataFusion)"
  rm -rf "$VENV"
  python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$VENV"; }
  "$VENV/bin/pip" install -q --disable-pip-version-check -r tests/spark/requirements.txt
  echo "$REQS" > "$VENV/.requirements"
fi
export PYSPARK_PYTHON=$VENV/bin/python PYSPARK_DRIVER_PYTHON=$VENV/bin/python
export SPARK_LOCAL_IP=127.0.0.1

# --- attache ------------------------------------------------------------------------------------
# CI sets ATTACHE_SPARK_PROFILE=dev: `cargo test --features parquet` has already compiled that
# build, and a cold release build of arrow/parquet would cost CI several minutes.
if [ "${ATTACHE_SPARK_PROFILE:-release}" = dev ]; then
  step "building attache (dev, --features parquet)"
  cargo build -q -p attache --features parquet
  BUILT=target/debug/attache
else
  step "building attache (release, --features parquet)"
  cargo build --release -q -p attache --features parquet
  BUILT=target/release/attache
fi
rm -rf "$WORK"
mkdir -p "$WORK/trace1" "$WORK/trace2"
cp "$BUILT" "$BIN"

# --- input: a few thousand documents and three broken records -----------------------------------
REUTERS=${ATTACHE_SPARK_REUTERS:-../shared/bench/reuters21578}
if [ -d "$REUTERS" ] && [ -f scripts/reuters_to_jsonl.py ]; then
  step "input: first $DOCS Reuters-21578 stories"
  python3 scripts/reuters_to_jsonl.py "$REUTERS" > "$WORK/all.jsonl" 2>/dev/null
  head -n "$DOCS" "$WORK/all.jsonl" > "$WORK/docs.jsonl"
  rm "$WORK/all.jsonl"
else
  step "input: $DOCS generated articles ($REUTERS is absent)"
  python3 tests/spark/gen_articles.py "$DOCS" > "$WORK/docs.jsonl"
fi
python3 - "$WORK/docs.jsonl" "$WORK/input.jsonl" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
broken = [
    '{"id": "broken-json", "date": "1987-03-01", "text": "an unterminated string',
    '{"id": "broken-date", "date": "31/02/1987", "text": "Iran attacked Iraq."}',
    '{"id": "broken-notext", "date": "1987-03-01", "title": "no body"}',
]
n = len(lines)
for pos, rec in sorted(zip((n // 4, n // 2, 3 * n // 4), broken), reverse=True):
    lines.insert(pos, rec)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
wc -l < "$WORK/docs.jsonl" | tr -d ' ' > "$WORK/docs.txt"

# --- single process -----------------------------------------------------------------------------
step "single process: attache code -j 1"
t0=$(now)
rc=0
"$BIN" code --input-format jsonl -j 1 < "$WORK/input.jsonl" > "$WORK/single.jsonl" 2> "$WORK/single.err" || rc=$?
t1=$(now)
[ "$rc" = 0 ] || { echo "attache code exited $rc"; cat "$WORK/single.err"; exit 1; }
secs "$t0" "$t1" > "$WORK/single_seconds.txt"
echo "single process: $(wc -l < "$WORK/single.jsonl") events in $(cat "$WORK/single_seconds.txt") s"

step "attache export --format parquet"
"$BIN" export --format parquet --input "$WORK/single.jsonl" --output "$WORK/single.parquet"

# --- Spark --------------------------------------------------------------------------------------
submit() {
  local master=$1 out=$2
  shift 2
  "$VENV/bin/spark-submit" --master "$master" \
    --conf spark.ui.enabled=false --conf spark.log.level=WARN --conf spark.driver.memory=1g \
    --files "$BIN" \
    examples/spark/attache_spark.py \
    --input "file://$WORK/input.jsonl" --output "file://$WORK/$out" --partitions "$PARTITIONS" "$@" \
    > "$WORK/$out.out" 2> "$WORK/$out.err" || {
      echo "spark-submit --master $master failed:"; tail -60 "$WORK/$out.err"; exit 1; }
  cat "$WORK/$out.out"
}
step "Spark local[2]"
submit 'local[2]' spark2 --trace-dir "$WORK/trace2" --metrics "$WORK/m2.json"
step "Spark local[1]"
submit 'local[1]' spark1 --trace-dir "$WORK/trace1" --metrics "$WORK/m1.json"

step "Spark reads the exported Parquet"
"$VENV/bin/python" tests/spark/spark_readback.py "$WORK/single.parquet" "$WORK/spark2" \
  "$WORK/readback.json" 2> "$WORK/readback.err" || { tail -40 "$WORK/readback.err"; exit 1; }

# --- checks -------------------------------------------------------------------------------------
step "checks"
"$VENV/bin/python" tests/spark/check.py "$WORK"
echo "== [${SECONDS}s] done"
