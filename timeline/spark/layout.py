"""The event folder (`timeline.parquet`) on Spark: its schema, reading and writing it.

The Spark schema is derived from the layout's column types, which derive from
`timeline.schema`: one declaration for DuckDB, polars and Spark.
"""

from __future__ import annotations

import json

import polars as pl
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from timeline import parquet, schema
from timeline.errors import TimelineError

_TYPES = {
    "string": T.StringType(),
    "int64": T.LongType(),
    "double": T.DoubleType(),
    "timestamp_utc": T.TimestampType(),
}


def spark_schema() -> T.StructType:
    """The event table as a Spark StructType (timestamps are UTC instants)."""
    return T.StructType(
        [T.StructField(name, _TYPES[kind], True) for name, kind in parquet.column_types().items()]
    )


def events_ddl() -> str:
    """The same schema as a DDL string, for `mapInArrow`/`applyInArrow` results."""
    return spark_schema().simpleString()[len("struct<") : -1].replace(":", " ")


def read_events(spark: SparkSession, folder: str) -> DataFrame:
    """An event folder as a Spark DataFrame with the canonical columns (year dropped)."""
    frame = spark.read.schema(spark_schema().add(parquet.PARTITION, T.IntegerType()))
    return frame.parquet(folder).select(*schema.NAMES)


def from_polars(spark: SparkSession, events: pl.DataFrame) -> DataFrame:
    """A canonical polars table as a Spark DataFrame (validated first; small data only)."""
    frame = schema.validate(events).with_columns(
        pl.col(c.name).cast(pl.Utf8) for c in schema.COLUMNS if isinstance(c.dtype, pl.Enum)
    )
    return spark.createDataFrame(frame.to_arrow(), schema=spark_schema())


def with_year(df: DataFrame) -> DataFrame:
    """The layout's partition key: the UTC year of t_start (the session zone is UTC)."""
    return df.withColumn(parquet.PARTITION, F.year(F.col("t_start")))


def write_events(df: DataFrame, folder: str, *, mode: str = "errorifexists") -> None:
    """Write canonical events as an event folder (partitioned by year, with its manifest)."""
    spark = df.sparkSession
    zone = spark.conf.get("spark.sql.session.timeZone")
    if zone not in ("UTC", "Etc/UTC", "Z"):
        raise TimelineError(
            f"the session zone is {zone}; the layout's year is the UTC year. "
            "Hint: timeline.spark.configure(spark) sets it to UTC."
        )
    spark.conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    out = with_year(df.select(*schema.NAMES))
    out.write.mode(mode).partitionBy(parquet.PARTITION).parquet(folder)
    _put_text(spark, folder.rstrip("/") + "/" + parquet.MANIFEST, json.dumps(parquet.manifest()))


def _put_text(spark: SparkSession, path: str, text: str) -> None:
    """A small file on whatever file system `path` names (local, HDFS, S3, GCS, DBFS)."""
    jvm = spark.sparkContext._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    fs = target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    stream = fs.create(target, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()
