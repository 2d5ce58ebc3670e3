#!/usr/bin/env bash
# Whole-pipeline benchmark on Reuters-21578: `attache code -f jsonl` over the corpus on one
# worker thread and on all cores, with MB/s, documents/s, sentences/s and events/s (per core and
# in all), peak resident memory and start-up time. Prints a table; writes target/bench/summary.json.
#
# Usage: scripts/bench.sh [N]     (first N documents; default all 19,043)
# Env:   BENCH_RUNS=R     best of R runs for each thread count (default 1)
#        STARTUP_RUNS=S   start-up runs, best taken (default 20)
#        REUTERS_DIR      the .sgm files (default ../shared/bench/reuters21578)
#        ATTACHE_BIN      measure this attache binary instead of building target/release/attache
# MB = 10^6 bytes of document text (the JSON "text" fields, UTF-8). Sentences and tokens are
# counted by the pipeline's own text stage (benches/examples/corpus_stats.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS="${1:-0}"
RUNS="${BENCH_RUNS:-1}"
STARTUP_RUNS="${STARTUP_RUNS:-20}"
REUTERS_DIR="${REUTERS_DIR:-../shared/bench/reuters21578}"
OUT=target/bench
CORPUS=$OUT/reuters.jsonl
BIN="${ATTACHE_BIN:-target/release/attache}"
CORES=$(nproc)
mkdir -p "$OUT"

if [ ! -s "$CORPUS" ]; then
  [ -d "$REUTERS_DIR" ] || { echo "bench: no $CORPUS and no $REUTERS_DIR" >&2; exit 1; }
  echo "bench: converting $REUTERS_DIR" >&2
  python3 scripts/reuters_to_jsonl.py "$REUTERS_DIR" > "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
fi
INPUT=$CORPUS
if [ "$DOCS" != 0 ]; then
  INPUT=$OUT/bench-subset.jsonl
  head -n "$DOCS" "$CORPUS" > "$INPUT"
fi

echo "bench: building (release)" >&2
[ -n "${ATTACHE_BIN:-}" ] || cargo build --release -q -p attache
cargo build --release -q -p attache-benches --example corpus_stats
target/release/examples/corpus_stats "$INPUT" > "$OUT/corpus-stats.json"

TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""
now() { date +%s.%N; }

# run THREADS -> "seconds peak_rss_kb cpu_seconds events" (best time of RUNS; RSS and CPU time
# of that run)
run() {
  local j=$1 best="" rss="" cpu="" t0 t1 s m c
  for _ in $(seq "$RUNS"); do
    t0=$(now)
    if [ -n "$TIME" ]; then
      "$TIME" -f '%M %U %S' -o "$OUT/time-j$j.txt" "$BIN" code -f jsonl -j "$j" "$INPUT" > "$OUT/events-j$j.jsonl"
      read -r m c < <(tail -n 1 "$OUT/time-j$j.txt" | awk '{print $1, $2 + $3}')
    else
      "$BIN" code -f jsonl -j "$j" "$INPUT" > "$OUT/events-j$j.jsonl"
      m=0 c=0
    fi
    t1=$(now)
    s=$(python3 -c "print($t1 - $t0)")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $s < $best else 1)"; then
      best=$s rss=$m cpu=$c
    fi
  done
  echo "$best $rss $cpu $(wc -l < "$OUT/events-j$j.jsonl")"
}

echo "bench: coding $INPUT with -j 1" >&2
LOAD=$(cut -d " " -f 1 /proc/loadavg)
read -r S1 RSS1 CPU1 EV1 < <(run 1)
echo "bench: coding $INPUT with -j $CORES" >&2
read -r SN RSSN CPUN EVN < <(run "$CORES")
cmp -s "$OUT/events-j1.jsonl" "$OUT/events-j$CORES.jsonl" || echo "bench: WARNING: -j 1 and -j $CORES outputs differ" >&2

# Start-up: load every dictionary and the gazetteer, code one sentence.
echo "bench: start-up, best of $STARTUP_RUNS" >&2
printf '%s\n' 'Russia attacked Ukraine.' > "$OUT/startup.txt"
START_CMD=("$BIN" code -f jsonl -j 1 "$OUT/startup.txt")
STARTUP=""
if command -v hyperfine >/dev/null &&
  hyperfine -N -w 3 -r "$STARTUP_RUNS" --export-json "$OUT/startup.json" "${START_CMD[*]}" >/dev/null 2>&1; then
  STARTUP=$(python3 -c "import json; print(min(json.load(open('$OUT/startup.json'))['results'][0]['times']))")
  STARTUP_TOOL=hyperfine
fi
if [ -z "$STARTUP" ]; then
  "${START_CMD[@]}" > /dev/null # warm the page cache
  for _ in $(seq "$STARTUP_RUNS"); do
    t0=$(now)
    "${START_CMD[@]}" > /dev/null
    t1=$(now)
    STARTUP=$(python3 -c "t = $t1 - $t0; b = '$STARTUP'; print(t if not b else min(t, float(b)))")
  done
  STARTUP_TOOL=date
fi
STARTUP_RSS=""
if [ -n "$TIME" ]; then
  "$TIME" -f %M -o "$OUT/time-startup.txt" "${START_CMD[@]}" > /dev/null
  STARTUP_RSS=$(tail -n 1 "$OUT/time-startup.txt")
fi

python3 - "$OUT" "$INPUT" "$CORES" "$S1" "$RSS1" "$EV1" "$SN" "$RSSN" "$EVN" "$STARTUP" "$STARTUP_TOOL" "${STARTUP_RSS:-0}" "$RUNS" "$CPU1" "$CPUN" "$LOAD" <<'PY'
import json, sys
out, inp, cores = sys.argv[1], sys.argv[2], int(sys.argv[3])
s1, rss1, ev1, sn, rssn, evn = float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])
startup, startup_tool, startup_rss, runs = float(sys.argv[10]), sys.argv[11], int(sys.argv[12]), int(sys.argv[13])
cpu1, cpun, load = float(sys.argv[14]), float(sys.argv[15]), float(sys.argv[16])
c = json.load(open(f"{out}/corpus-stats.json"))
mb = c["text_bytes"] / 1e6

def rates(secs, threads, events, rss, cpu):
    return {
        "cpu_seconds": cpu or None, "mb_per_cpu_second": mb / cpu if cpu else None,
        "threads": threads, "seconds": secs,
        "mb_per_s": mb / secs, "mb_per_s_per_core": mb / secs / threads,
        "docs_per_s": c["docs"] / secs, "sentences_per_s": c["sentences"] / secs,
        "tokens_per_s": c["tokens"] / secs,
        "events_per_s": events / secs, "events_per_s_per_core": events / secs / threads,
        "events": events, "peak_rss_mb": rss / 1024 if rss else None,
    }

one, alln = rates(s1, 1, ev1, rss1, cpu1), rates(sn, cores, evn, rssn, cpun)
summary = {
    "corpus": inp, "docs": c["docs"], "text_bytes": c["text_bytes"], "sentences": c["sentences"],
    "tokens": c["tokens"], "cores": cores, "best_of": runs, "load_average_before": load,
    "one_thread": one, "all_cores": alln,
    "scaling": (sn and s1 / sn) / cores,
    "startup_ms": startup * 1000, "startup_tool": startup_tool,
    "startup_peak_rss_mb": startup_rss / 1024 if startup_rss else None,
    "text_stage_mb_per_s": mb / c["seconds"] if c["seconds"] else None,
}
json.dump(summary, open(f"{out}/summary.json", "w"), indent=2)
open(f"{out}/summary.json", "a").write("\n")

print(f"Attaché on {inp}: {c['docs']} documents, {mb:.2f} MB of text, {c['sentences']} sentences, "
      f"{c['tokens']} tokens; {cores} cores; best of {runs}")
hdr = ("threads", "seconds", "MB/s", "MB/s/core", "MB/CPU-s", "docs/s", "sent/s", "events/s", "ev/s/core", "RSS MB")
print(" ".join(f"{h:>9}" for h in hdr))
for r in (one, alln):
    row = (r["threads"], f"{r['seconds']:.2f}", f"{r['mb_per_s']:.2f}", f"{r['mb_per_s_per_core']:.2f}",
           f"{r['mb_per_cpu_second']:.2f}" if r["mb_per_cpu_second"] else "?", f"{r['docs_per_s']:.0f}", f"{r['sentences_per_s']:.0f}", f"{r['events_per_s']:.0f}",
           f"{r['events_per_s_per_core']:.0f}", f"{r['peak_rss_mb']:.0f}" if r["peak_rss_mb"] else "?")
    print(" ".join(f"{v:>9}" for v in row))
print(f"scaling to {cores} cores: {s1 / sn:.2f}x ({summary['scaling'] * 100:.0f}% of linear); "
      f"events: {ev1}; load average before: {load}")
if load > 0.5 * cores:
    print(f"warning: the machine was busy (load average {load} on {cores} cores): wall-clock figures "
          "and scaling are pessimistic; MB/CPU-s is less sensitive to that")
srss = f", peak RSS {summary['startup_peak_rss_mb']:.0f} MB" if summary["startup_peak_rss_mb"] else ""
print(f"start-up (load everything, code one sentence): {startup * 1000:.0f} ms best of runs ({startup_tool}){srss}")
print(f"written: {out}/summary.json")
PY
