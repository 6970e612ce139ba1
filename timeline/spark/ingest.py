"""Raw source files -> an event folder, on Spark, through the single-machine mapping.

Each file is one row of Spark's `binaryFile` source; `mapInArrow` hands it to a Python
worker, which runs exactly what `tl.read_events` runs on that file (`open_source` picks
the adapter by the same detection, `stream` maps, finishes and validates it in batches):
one mapping, two engines. GDELT's daily and 15-minute exports (plain or zipped) are the
case it is built for; GTD, ACLED, UCDP and spreadsheets take the same path.

Out come canonical events in the Parquet layout (`timeline.parquet`), rejected rows
beside them in `<out>/_rejected/` (file, line, reason, the raw row as JSON), and a
report. As in a store, an event id already seen (in an earlier file, by path order, or
on an earlier line) is a duplicate and kept once.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import polars as pl
import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.pandas.types import to_arrow_schema

from timeline import schema
from timeline.errors import TimelineError
from timeline.spark.layout import spark_schema, write_events
from timeline.spark.pairs import to_arrow

_EXTRA = (("file", T.StringType()), ("line", T.LongType()), ("reason", T.StringType()),
          ("raw", T.StringType()), ("row_kind", T.StringType()))  # fmt: skip
MAPPED = T.StructType(spark_schema().fields + [T.StructField(n, t) for n, t in _EXTRA])
REJECTED = "_rejected"


@dataclass
class SparkIngestReport:
    """What a Spark ingest read, wrote and refused, over all its files."""

    files: int = 0
    rows_read: int = 0
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    formats: dict[str, int] = field(default_factory=dict)
    failed_files: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        text = (
            f"SparkIngestReport({self.files} file(s): read {self.rows_read}, added "
            f"{self.added}, duplicates {self.duplicates}, rejected {self.rejected}"
        )
        if self.skipped:
            text += ", skipped " + ", ".join(f"{v} {k}" for k, v in self.skipped.items())
        if self.failed_files:
            text += f", {len(self.failed_files)} file(s) not read"
        return text + ")"


def map_file(name: str, content: bytes, options: dict) -> Iterator[pl.DataFrame]:
    """One file's bytes -> frames in `MAPPED`'s columns: events, rejected rows, a report row.

    The bytes go to a local temporary file of the same name, so detection, encodings and
    zip archives are handled by the very code that reads a file on one machine.
    """
    from timeline.ingest import open_source, stream

    base = PurePosixPath(name).name
    with tempfile.TemporaryDirectory(prefix="timeline-spark-") as tmp:
        path = Path(tmp) / base
        path.write_bytes(content)
        try:
            src, adapter, report = open_source(path, format=options.get("format", "auto"))
            opts = {k: v for k, v in options.items() if k != "format"}
            for valid, _ in stream(src, report, adapter=adapter, **opts):
                yield _events(valid, name)
        except (TimelineError, OSError, zipfile.BadZipFile, pl.exceptions.PolarsError) as exc:
            yield _report_row(name, {"error": str(exc).splitlines()[0]})
            return
    yield _rejected(report.rejected_rows, name)
    yield _report_row(name, {"format": report.format, "rows_read": report.rows_read,
                             "skipped": report.skipped, "file_hash": report.file_hash})  # fmt: skip


def _events(valid: pl.DataFrame, name: str) -> pl.DataFrame:
    return valid.select(
        *[pl.col(c.name).cast(pl.Utf8) if isinstance(c.dtype, pl.Enum) else pl.col(c.name)
          for c in schema.COLUMNS],
        file=pl.lit(name), line=pl.col("line").cast(pl.Int64), row_kind=pl.lit("event"),
    )  # fmt: skip


def _rejected(rows: pl.DataFrame, name: str) -> pl.DataFrame:
    raw_cols = [c for c in rows.columns if c not in ("line", "reason")]
    raw = [json.dumps(r, default=str, ensure_ascii=False) for r in rows.select(raw_cols).to_dicts()]
    return rows.select(
        file=pl.lit(name),
        line=pl.col("line").cast(pl.Int64),
        reason=pl.col("reason").cast(pl.Utf8),
        raw=pl.Series(raw, dtype=pl.Utf8),
        row_kind=pl.lit("rejected"),
    )


def _report_row(name: str, facts: dict) -> pl.DataFrame:
    return pl.DataFrame(
        {"file": [name], "raw": [json.dumps(facts)], "row_kind": ["file"]},
        schema={"file": pl.Utf8, "raw": pl.Utf8, "row_kind": pl.Utf8},
    )


def mapped(files: DataFrame, options: dict) -> DataFrame:
    """`binaryFile` rows (path, content) -> `MAPPED` rows, by the workers."""
    target = to_arrow_schema(MAPPED, timezone="UTC")
    empty = pl.from_arrow(target.empty_table())

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for path, content in zip(batch.column("path").to_pylist(),
                                     batch.column("content").to_pylist(), strict=True):  # fmt: skip
                for frame in map_file(path, content, options):
                    if frame.height:
                        whole = pl.concat([empty, frame], how="diagonal_relaxed")
                        yield from to_arrow(whole, target).to_batches()

    return files.select("path", "content").mapInArrow(run, MAPPED)


def ingest(
    spark: SparkSession,
    inputs: str | list[str],
    out: str,
    *,
    format: str = "auto",
    tz: str | None = None,
    mode: str = "errorifexists",
    **options: object,
) -> SparkIngestReport:
    """Read every file under `inputs` on Spark and write an event folder at `out`.

    `format`, `tz` and the adapter options (e.g. `cameo=` for GDELT) mean what they mean
    for `tl.read_events`. Rejected rows go to `<out>/_rejected/`; nothing is guessed.
    """
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(inputs)
    files = files.filter(~F.regexp_like(F.col("path"), F.lit(r".*/[._][^/]*$")))  # hidden files
    previous = spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "1")  # one file at a time
    rows = mapped(files, {"format": format, "tz": tz, **options}).persist()
    try:
        first = Window.partitionBy("event_id").orderBy("file", "line")
        events = rows.filter(F.col("row_kind") == "event").withColumn(
            "_n", F.row_number().over(first)
        )
        write_events(events.filter(F.col("_n") == 1), out, mode=mode)
        rejected = rows.filter(F.col("row_kind") == "rejected").select(
            "file", "line", "reason", "raw"
        )
        rejected.write.mode("overwrite").parquet(out.rstrip("/") + "/" + REJECTED)
        report = _report(rows)
    finally:
        rows.unpersist()
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", previous)
    return report


def _report(rows: DataFrame) -> SparkIngestReport:
    counts = {kind: (n, ids) for kind, n, ids in rows.groupBy("row_kind").agg(
        F.count("*"), F.countDistinct("event_id")).collect()}  # fmt: skip
    read, written = counts.get("event", (0, 0))
    report = SparkIngestReport(rejected=counts.get("rejected", (0, 0))[0], added=written)
    report.duplicates = read - written
    for name, raw in rows.filter(F.col("row_kind") == "file").select("file", "raw").collect():
        facts = json.loads(raw)
        report.files += 1
        if "error" in facts:
            report.failed_files[name] = facts["error"]
            continue
        report.rows_read += facts["rows_read"]
        report.formats[facts["format"]] = report.formats.get(facts["format"], 0) + 1
        for key, n in facts["skipped"].items():
            report.skipped[key] = report.skipped.get(key, 0) + n
    return report
