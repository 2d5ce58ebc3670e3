#!/usr/bin/env python3
"""Where `attache` spends its time, from a `perf script` dump of a call-graph recording.

Usage:
  perf record -F 4999 --call-graph dwarf,32768 -o perf.data \\
      target/release/attache code -f jsonl -j 1 DOCS.jsonl > /dev/null
  perf script -i perf.data -F comm,tid,ip,sym --inline > perf.script
  python3 scripts/perf_breakdown.py perf.script [TOP]

Prints the share of samples (all threads) by phase (loading the dictionaries, coding, reading
input, writing output), the coding samples by pipeline stage (the crate of the innermost
`attache_*` frame that is not the pipeline itself), and the TOP (default 25) self-time
functions of the coding phase with the stage function that called them.
"""
import collections
import re
import sys

STAGES = ("text", "actors", "time", "places", "numbers", "clauses", "events")
CRATE = re.compile(r"^<?attache_(\w+)::")


def samples(path):
    frames = []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if frames:
                    yield frames
                frames = []
            elif line[0] in " \t":
                parts = line.strip().split(" ", 1)
                frames.append(parts[1] if len(parts) > 1 else "?")
    if frames:
        yield frames


def short(name, n=90):
    name = re.sub(r"<[^<>]*(?:<[^<>]*>[^<>]*)*>", "<..>", name) if len(name) > n else name
    return name if len(name) <= n else name[: n - 3] + "..."


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    phase = collections.Counter()
    stage = collections.Counter()
    leaf = collections.Counter()
    total = coding = 0
    for fr in samples(path):
        total += 1
        joined = "\n".join(fr)
        if "Pipeline::builtin" in joined or "Pipeline::from_dir" in joined:
            phase["load dictionaries + gazetteer"] += 1
            continue
        if "code_text" not in joined:
            if "write_event" in joined or "serde_json::ser" in joined:
                phase["write output (JSON)"] += 1
            elif "input::for_each" in joined or "serde_json::de" in joined:
                phase["read input (JSON)"] += 1
            else:
                phase["other (runtime, rayon, kernel)"] += 1
            continue
        phase["code documents"] += 1
        coding += 1
        st, caller = "pipeline (inlined, unattributed)", None
        for name in fr:  # leaf first
            m = CRATE.match(name)
            if m and m.group(1) in STAGES:
                st, caller = m.group(1), name
                break
            if m and m.group(1) == "doc":
                caller = caller or name
        stage[st] += 1
        leaf[(fr[0], caller)] += 1

    print(f"{total} samples")
    print("by phase:")
    for k, v in phase.most_common():
        print(f"  {100 * v / total:5.1f}%  {k}")
    print("coding, by stage (share of coding samples):")
    for k, v in stage.most_common():
        print(f"  {100 * v / coding:5.1f}%  {k}")
    print(f"coding, top {top} self-time functions (share of coding samples; called from):")
    for (fn, caller), v in leaf.most_common(top):
        via = f"   <- {short(caller, 70)}" if caller and caller != fn else ""
        print(f"  {100 * v / coding:5.1f}%  {short(fn)}{via}")


if __name__ == "__main__":
    main()
