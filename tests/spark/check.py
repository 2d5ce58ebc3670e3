#!/usr/bin/env python3
"""Checks for tests/spark/run.sh: compares the Spark outputs and the `attache export` Parquet
with the single-process JSON Lines run, event for event, using DuckDB and DataFusion.

Usage: check.py WORK_DIR   (the files run.sh leaves there)
Prints one line per check and a closing "spark: N passed, M failed"; exits 1 on any failure.
"""
import collections
import datetime
import glob
import json
import os
import re
import sys

import duckdb

WORK = sys.argv[1]
BROKEN_IDS = ["broken-date", "broken-notext"]  # run.sh also inserts one malformed JSON line
RESULTS = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}{(': ' + str(detail)) if detail else ''}", flush=True)
    return ok


def path(name):
    return os.path.join(WORK, name)


DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")


def event_day(value):
    if value is None or not DAY.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def norm(v):
    """A canonical form: floats rounded (goldstein is float32 in Parquet), dates as strings."""
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, float):
        return round(v, 4)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


COUNT_KEYS = ["kind", "value", "qualifier", "text", "start", "end", "attribution"]
ACTOR_KEYS = ["text", "name", "code", "country", "sector", "start", "end", "inferred"]


def canon_json(rec):
    rec = dict(rec)
    rec["event_date"] = event_day(rec["date"]["value"])
    # Optional keys the JSON omits when empty are nulls in Parquet.
    rec["counts"] = [{k: c.get(k) for k in COUNT_KEYS} for c in rec["counts"]]
    for side in ("actor", "recipient"):
        rec[side] = [{k: a.get(k) for k in ACTOR_KEYS} for a in rec[side]]
    return json.dumps(norm(rec), sort_keys=True)


def canon_row(row):
    row = dict(row)
    if row.get("event_date") == "__HIVE_DEFAULT_PARTITION__":
        row["event_date"] = None
    return json.dumps(norm(row), sort_keys=True)


def rows(con, source):
    r = con.sql(f"SELECT * FROM {source}")
    cols = r.columns
    return [dict(zip(cols, t)) for t in r.fetchall()]


def trace(name):
    """(pid, start, end, exit status) of each coder process the job's --trace-dir recorded."""
    procs = []
    for f in glob.glob(path(name + "/coder-*.txt")):
        pid, start, end, rc = open(f, encoding="utf-8").read().split()
        procs.append((int(pid), float(start), float(end), int(rc)))
    return procs


def span(procs):
    """Seconds from the first coder process's start to the last one's end."""
    return max(p[2] for p in procs) - min(p[1] for p in procs) if procs else 0.0


def main():
    con = duckdb.connect()
    single = [json.loads(line) for line in open(path("single.jsonl"), encoding="utf-8")]
    expected = collections.Counter(canon_json(r) for r in single)
    ids = sorted(r["id"] for r in single)
    print(f"single-process run: {len(single)} events, {len(set(r['doc_id'] for r in single))} "
          f"documents with events")
    check("single-process run produced events", len(single) > 100, len(single))

    # The pipe contract on the single-process run: error records on stderr only.
    errs = [json.loads(line) for line in open(path("single.err"), encoding="utf-8")
            if line.startswith("{")]
    check("bad input lines became error records on stderr", len(errs) == 3,
          [e.get("id") or e["error"][:40] for e in errs])
    check("no error record on stdout", all("cameo" in r and "error" not in r for r in single))

    # Spark outputs, local[2] and local[1]: the same events as the single process.
    for label in ["spark2", "spark1"]:
        src = f"read_parquet('{path(label)}/*/*.parquet', hive_partitioning = true)"
        got = rows(con, src)
        check(f"{label}: row count equals the single-process run", len(got) == len(single),
              f"{len(got)} vs {len(single)}")
        check(f"{label}: sorted event ids equal the single-process run",
              sorted(r["id"] for r in got) == ids)
        diff = collections.Counter(canon_row(r) for r in got)
        missing, extra = expected - diff, diff - expected
        check(f"{label}: every field of every event equals the single-process run",
              not missing and not extra,
              f"{sum(missing.values())} missing, {sum(extra.values())} extra"
              + (f"; first missing: {next(iter(missing))[:300]}" if missing else ""))
        parts = {os.path.basename(p) for p in glob.glob(path(label) + "/event_date=*")}
        check(f"{label}: partitioned by event_date", len(parts) > 1, f"{len(parts)} partitions")

    # More than one coder process, running at the same time, all exiting 0.
    procs = trace("trace2")
    overlap = any(a[1] < b[2] and b[1] < a[2] for i, a in enumerate(procs) for b in procs[i + 1:])
    check("more than one coder process ran (local[2])", len({p[0] for p in procs}) > 1,
          f"{len(procs)} processes")
    check("coder processes ran concurrently", overlap)
    check("every coder process exited 0", all(p[3] == 0 for p in procs))

    # The broken records were reported by the executors and did not stop the job.
    spark_errs = []
    for line in open(path("spark2.err"), encoding="utf-8", errors="replace"):
        if line.startswith('{"error"'):
            spark_errs.append(json.loads(line))
    check("broken records were reported as error records by the Spark job",
          sorted(e["id"] for e in spark_errs if e.get("id")) == BROKEN_IDS
          and sum(1 for e in spark_errs if e["error"].startswith("malformed JSON")) == 1,
          [e.get("id") or e["error"][:30] for e in spark_errs])

    # `attache export --format parquet` read back with DuckDB.
    src = f"read_parquet('{path('single.parquet')}')"
    got = rows(con, src)
    check("export: DuckDB reads as many rows as events", len(got) == len(single),
          f"{len(got)} vs {len(single)}")
    diff = collections.Counter(canon_row(r) for r in got)
    check("export: every field of every event round-trips through Parquet",
          diff == expected, f"{sum((expected - diff).values())} differ")
    q = con.sql(f"""SELECT sum(len(actor)), sum(len(recipient)), count(location),
                          sum(len(counts)), sum(len(attribution)), count(event_date),
                          count(DISTINCT actor[1].code)
                   FROM {src}""").fetchone()
    want = (sum(len(r["actor"]) for r in single), sum(len(r["recipient"]) for r in single),
            sum(r["location"] is not None for r in single), sum(len(r["counts"]) for r in single),
            sum(len(r["attribution"]) for r in single),
            sum(event_day(r["date"]["value"]) is not None for r in single),
            len({r["actor"][0]["code"] for r in single if r["actor"]}))
    check("export: nested figures (actors, recipients, locations, counts, attribution, "
          "event dates, actor codes)", tuple(q) == want, f"{tuple(q)} vs {want}")
    sample = next((r for r in single if r["location"] and r["counts"] and r["actor"]), None)
    if sample:
        q = con.sql(f"""SELECT actor[1].code, location.name, location.geonameid, counts[1].kind,
                              counts[1].value, date.granularity
                       FROM {src} WHERE id = ?""", params=[sample["id"]]).fetchone()
        want = (sample["actor"][0]["code"], sample["location"]["name"],
                sample["location"]["geonameid"], sample["counts"][0]["kind"],
                sample["counts"][0]["value"], sample["date"]["granularity"])
        check(f"export: nested fields of {sample['id']}", tuple(q) == want, f"{q} vs {want}")
    by_day_export = dict(con.sql(f"SELECT event_date::VARCHAR, count(*) FROM {src} GROUP BY 1")
                         .fetchall())
    by_day_spark = dict(con.sql(
        f"""SELECT try_cast(event_date AS DATE)::VARCHAR, count(*)
            FROM read_parquet('{path('spark2')}/*/*.parquet', hive_partitioning = true)
            GROUP BY 1""").fetchall())
    check("export and Spark agree on events per event_date", by_day_export == by_day_spark)

    # DataFusion reads the export too.
    try:
        import datafusion
        ctx = datafusion.SessionContext()
        ctx.register_parquet("events", path("single.parquet"))
        batches = ctx.sql("""SELECT count(*) AS n, count(location) AS loc,
                                    sum(array_length(actor)) AS actors
                             FROM events""").collect()
        d = batches[0].to_pydict()
        want = {"n": [len(single)], "loc": [sum(r["location"] is not None for r in single)],
                "actors": [sum(len(r["actor"]) for r in single)]}
        check("export: DataFusion reads the same figures", d == want, f"{d} vs {want}")
    except ImportError as e:
        check("export: DataFusion is installed", False, e)

    # Spark reading the export (spark_readback.py wrote its verdict).
    rb = json.load(open(path("readback.json"), encoding="utf-8"))
    check("export: Spark reads the same rows as its own output", rb["rust_rows"] == len(single)
          and rb["rust_minus_spark"] == 0 and rb["spark_minus_rust"] == 0, rb)

    # Throughput, local[1] vs local[2]: the whole write job, and the coding stage alone (first
    # coder start to last coder end, which leaves out Spark's per-job start-up).
    m1 = json.load(open(path("m1.json"), encoding="utf-8"))
    m2 = json.load(open(path("m2.json"), encoding="utf-8"))
    docs = int(open(path("docs.txt"), encoding="utf-8").read())
    check("the job's own counters: every input line read, every event written",
          all(m["input_lines"] == docs + 3 and m["events"] == len(single) for m in (m1, m2)),
          [(m["input_lines"], m["events"]) for m in (m1, m2)])
    ratio = m1["seconds"] / m2["seconds"] if m2["seconds"] else 0.0
    c1, c2 = span(trace("trace1")), span(trace("trace2"))
    coder_ratio = c1 / c2 if c2 else 0.0
    one = float(open(path("single_seconds.txt"), encoding="utf-8").read())
    print(f"throughput over {docs} documents, {m2['partitions']} partitions: "
          f"single process (-j 1) {docs / one:.0f} docs/s ({one:.2f} s); "
          f"local[1] {docs / m1['seconds']:.0f} docs/s ({m1['seconds']} s job, {c1:.2f} s coding); "
          f"local[2] {docs / m2['seconds']:.0f} docs/s ({m2['seconds']} s job, {c2:.2f} s coding); "
          f"ratio local[2]/local[1] {ratio:.2f}x (job), {coder_ratio:.2f}x (coding stage)")
    with open(path("throughput.json"), "w", encoding="utf-8") as f:
        json.dump({"docs": docs, "partitions": m2["partitions"], "single_seconds": one,
                   "local1_seconds": m1["seconds"], "local2_seconds": m2["seconds"],
                   "local1_coding_seconds": round(c1, 3), "local2_coding_seconds": round(c2, 3),
                   "ratio_job": round(ratio, 2), "ratio_coding": round(coder_ratio, 2),
                   "load_average": os.getloadavg()}, f)

    print(f"spark: {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
