#!/usr/bin/env python3
"""Spark reads the Parquet file of `attache export --format parquet` and compares it, row for row,
with the Parquet dataset the Spark job wrote.

Usage: spark_readback.py EXPORT.parquet SPARK_OUTPUT_DIR RESULT.json
"""
import json
import sys

from pyspark.sql import SparkSession


def main():
    export, spark_dir, result = sys.argv[1:4]
    spark = (SparkSession.builder.master("local[1]").appName("attache-readback")
             .config("spark.ui.enabled", "false").config("spark.log.level", "WARN")
             .getOrCreate())
    try:
        rust = spark.read.parquet(export)
        own = spark.read.parquet(spark_dir)
        cols = rust.columns
        out = {
            "rust_rows": rust.count(),
            "spark_rows": own.count(),
            "same_columns": sorted(cols) == sorted(own.columns),
            "rust_schema": rust.schema.simpleString(),
        }
        a, b = rust.select(*cols), own.select(*cols)
        out["rust_minus_spark"] = a.exceptAll(b).count()
        out["spark_minus_rust"] = b.exceptAll(a).count()
    finally:
        spark.stop()
    with open(result, "w", encoding="utf-8") as f:
        json.dump(out, f)
    print("spark_readback: " + json.dumps({k: v for k, v in out.items() if k != "rust_schema"}))


if __name__ == "__main__":
    main()
