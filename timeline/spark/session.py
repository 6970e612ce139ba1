"""A Spark session set up the way `timeline.spark` needs it (local, or the cluster's own).

Times: the session zone is UTC, so Spark shows and derives (the `year` partition) the
UTC instants the event table holds, and Parquet timestamps are written as
TIMESTAMP(MICROS, isAdjustedToUTC) like DuckDB and polars write them (not INT96).
"""

from __future__ import annotations

import os
import sys

from pyspark.sql import SparkSession

CONF: dict[str, str] = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def configure(spark: SparkSession) -> SparkSession:
    """Apply `CONF` to an existing session (Databricks, EMR, Dataproc hand you one)."""
    for key, value in CONF.items():
        spark.conf.set(key, value)
    return spark


def local_session(cores: int = 2, *, memory: str = "2g", partitions: int = 8) -> SparkSession:
    """A local[cores] session for a laptop, tests and benchmarks (no web UI).

    `partitions` is the shuffle width: Spark's default of 200 is meant for clusters and
    costs seconds of scheduling on small data.
    """
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need this polars
    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("timeline")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.adaptive.enabled", "true")
    )
    for key, value in CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
