#!/usr/bin/env python3
"""Code news articles into events on Apache Spark with `attache code`, and write Parquet.

    spark-submit --master local[2] --files target/release/attache \\
        examples/spark/attache_spark.py --input 'articles/*.jsonl' --output events/

Reads JSON Lines articles ({"id", "date", "text", ...} per line) from any path or Hadoop URI that
`SparkContext.textFile` accepts (globs, comma-separated lists, hdfs://, s3a://, gzip files), pipes
every partition through one `attache code` process (`RDD.pipe(..., checkCode=True)`), parses the
event records with a fixed schema, shuffles them by `event_date` (the day of the event when its
date names one; `__HIVE_DEFAULT_PARTITION__` otherwise) and writes Parquet partitioned by it. The columns are those of
`attache export --format parquet`, so both outputs can be queried together.

The `attache` binary is shipped to the executors with `spark-submit --files PATH/attache`; see
README.md beside this file for the pipe contract, the `--conf` settings that matter and how to
query the output.
"""

import argparse
import json
import os
import shlex
import sys
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# Spark is given the schema instead of inferring it: inference would read the whole output once
# more (and so run the coder twice), and a missing optional field would change the types.
S = T.StringType()
L = T.LongType()


def _f(name, dtype, nullable=True):
    return T.StructField(name, dtype, nullable)


ACTOR = T.StructType([_f("text", S), _f("name", S), _f("code", S), _f("country", S),
                      _f("sector", S), _f("start", L), _f("end", L), _f("inferred", S)])
EVENT_SCHEMA = T.StructType([
    _f("id", S), _f("doc_id", S), _f("sentence", L), _f("cameo", S), _f("cameo_root", S),
    _f("goldstein", T.FloatType()), _f("quad_class", T.IntegerType()),
    _f("plover", T.StructType([_f("event", S), _f("mode", S)])),
    _f("status", S),
    _f("actor", T.ArrayType(ACTOR)), _f("recipient", T.ArrayType(ACTOR)),
    _f("trigger", T.StructType([_f("text", S), _f("start", L), _f("end", L)])),
    _f("date", T.StructType([_f("value", S), _f("granularity", S), _f("text", S),
                             _f("start", L), _f("end", L)])),
    _f("location", T.StructType([
        _f("text", S), _f("name", S), _f("country", S), _f("geonameid", L),
        _f("lat", T.DoubleType()), _f("lon", T.DoubleType()), _f("feature", S),
        _f("resolution", S), _f("start", L), _f("end", L)])),
    _f("attribution", T.ArrayType(T.StructType([_f("text", S), _f("source", S),
                                                _f("start", L), _f("end", L)]))),
    _f("counts", T.ArrayType(T.StructType([
        _f("kind", S), _f("value", T.DoubleType()), _f("qualifier", S), _f("text", S),
        _f("start", L), _f("end", L), _f("attribution", S)]))),
])
# Column order of `attache export --format parquet` (event_date is derived).
COLUMNS = ["id", "doc_id", "sentence", "cameo", "cameo_root", "goldstein", "quad_class", "plover",
           "status", "actor", "recipient", "trigger", "date", "event_date", "location",
           "attribution", "counts"]

# Runs the shipped binary: `./NAME` in the executor's working directory (YARN, Kubernetes,
# standalone: where --files lands), else the driver's SparkFiles copy (local mode). With a trace
# directory it also records "pid start end exit-status" per coder process.
LAUNCHER = 'b="./$0"; [ -x "$b" ] || b="$ATTACHE_LOCAL_BINARY"; exec "$b" "$@"'
TRACING_LAUNCHER = (
    'b="./$0"; [ -x "$b" ] || b="$ATTACHE_LOCAL_BINARY"; s=$(date +%s.%N); "$b" "$@"; rc=$?; '
    'echo "$$ $s $(date +%s.%N) $rc" > "$ATTACHE_TRACE_DIR/coder-$$.txt"; exit $rc'
)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True,
                   help="JSON Lines articles: path, glob, comma-separated list or Hadoop URI")
    p.add_argument("--output", required=True, help="Parquet output directory (Hadoop URI)")
    p.add_argument("--binary", default="attache",
                   help="file name of the attache binary shipped with --files (default: attache)")
    p.add_argument("--partitions", type=int, default=0,
                   help="minimum input partitions, one coder process each "
                        "(default: 2 x spark.default.parallelism)")
    p.add_argument("--threads", type=int, default=1,
                   help="attache -j per process; keep spark.task.cpus equal to it (default: 1)")
    p.add_argument("--status", default="",
                   help="keep only these statuses (attache code --status), e.g. occurred,planned")
    p.add_argument("--files-per-date", type=int, default=1,
                   help="Parquet files per event_date directory: events are shuffled by date so "
                        "that each day is written by N tasks, not by every task (default: 1)")
    p.add_argument("--mode", default="errorifexists",
                   choices=["errorifexists", "overwrite", "append"], help="Parquet save mode")
    p.add_argument("--metrics",
                   help="write a JSON summary (input lines, events, seconds) to this local file")
    p.add_argument("--trace-dir",
                   help="local directory where each coder process records its pid and run time "
                        "(a diagnostic for local runs)")
    return p.parse_args(argv)


def coder_command(args):
    """The `RDD.pipe` command and environment that run `attache code` on an executor."""
    code = ["code", "--format", "jsonl", "--input-format", "jsonl", "--line-buffered",
            "-j", str(max(1, args.threads))]
    if args.status:
        code += ["--status", args.status]
    launcher = TRACING_LAUNCHER if args.trace_dir else LAUNCHER
    # `sh -c SCRIPT NAME ARGS...`: $0 is the binary's file name, "$@" its arguments.
    command = shlex.join(["/bin/sh", "-c", launcher, args.binary] + code)
    # RDD.pipe starts the process with exactly this environment (an empty one by default).
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C.UTF-8",
           "ATTACHE_LOCAL_BINARY": SparkFiles.get(args.binary)}
    if args.trace_dir:
        env["ATTACHE_TRACE_DIR"] = args.trace_dir
    return command, env


def event_date():
    """The day of `date.value` when that TIMEX value starts with YYYY-MM-DD, as a DATE, else null
    (the same rule as `attache export --format parquet`)."""
    return F.when(F.col("date.value").rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}"),
                  F.expr("try_cast(substr(date.value, 1, 10) AS DATE)"))


def counted(accumulator):
    """A mapPartitions function that passes its elements through and counts them."""
    def count(iterator):
        n = 0
        for x in iterator:
            n += 1
            yield x
        accumulator.add(n)
    return count


def run(spark, args):
    sc = spark.sparkContext
    partitions = args.partitions or 2 * sc.defaultParallelism
    articles = sc.textFile(args.input, minPartitions=partitions)
    if sc.master.startswith("local") and not os.path.exists(SparkFiles.get(args.binary)):
        sys.exit(f"attache_spark: no `{args.binary}` among the job's files: "
                 f"pass `spark-submit --files PATH/{args.binary}`")
    command, env = coder_command(args)
    # Counters for the summary, updated as the data streams by (a retried task counts twice).
    input_lines, output_events = sc.accumulator(0), sc.accumulator(0)
    # checkCode=True: a coder that exits non-zero fails the task (and Spark retries it) instead
    # of its partition's events being silently lost.
    lines = (articles.mapPartitions(counted(input_lines))
             .pipe(command, env=env, checkCode=True)
             .mapPartitions(counted(output_events)))
    events = (spark.read.schema(EVENT_SCHEMA).option("mode", "FAILFAST").json(lines)
              .withColumn("event_date", event_date())
              .select(*COLUMNS))
    # Without the shuffle every task would write a small file into every date directory it has
    # events for; with it each date is written by `--files-per-date` tasks.
    if args.files_per_date <= 1:
        events = events.repartition("event_date")
    else:
        salt = F.pmod(F.hash("id"), F.lit(args.files_per_date))
        events = events.repartition("event_date", salt)
    start = time.monotonic()
    events.write.mode(args.mode).partitionBy("event_date").parquet(args.output)
    seconds = time.monotonic() - start
    summary = {"master": sc.master, "default_parallelism": sc.defaultParallelism,
               "partitions": articles.getNumPartitions(), "input_lines": input_lines.value,
               "events": output_events.value, "seconds": round(seconds, 3)}
    print("attache_spark: " + json.dumps(summary), flush=True)
    if args.metrics:
        with open(args.metrics, "w", encoding="utf-8") as f:
            json.dump(summary, f)
    return summary


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = SparkSession.builder.appName("attache-code").getOrCreate()
    try:
        run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
