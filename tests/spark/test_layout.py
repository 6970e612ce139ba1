"""The Parquet event folder round-trips through DuckDB, polars and Spark."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

import timeline as tl
from timeline import parquet, schema, synth


def stored_events() -> tl.EventStore:
    store = tl.EventStore()
    events = synth.generate(n_groups=3, days=800, vague_share=0.3, seed=4).events
    store.ingest(events)
    return store


def test_store_export_is_read_alike_by_duckdb_polars_and_spark(spark, tmp_path):
    from timeline.spark import read_events, write_events

    store = stored_events()
    want = store.events_pl()
    folder = store.export_parquet(tmp_path / "events")
    years = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert years == ["year=2014", "year=2015", "year=2016"]
    first = next(folder.glob("year=2014/*.parquet"))
    assert str(pq.read_schema(first).field("t_start").type) == "timestamp[us, tz=UTC]"

    by_polars = parquet.read(folder)
    assert by_polars.equals(want)
    sql = f"SELECT * EXCLUDE (year) FROM read_parquet('{folder}/*/*.parquet', hive_partitioning=1)"
    by_duckdb = parquet.canonical(duckdb.sql(sql).pl())
    assert by_duckdb.equals(want)
    on_spark = read_events(spark, str(folder))
    assert on_spark.count() == want.height

    again = tmp_path / "again"  # Spark writes the folder; polars and a new store read it
    write_events(on_spark, str(again))
    assert (again / parquet.MANIFEST).is_file()
    spark_file = next(again.glob("year=2015/*.parquet"))
    assert str(pq.read_schema(spark_file).field("t_end").type) == "timestamp[us, tz=UTC]"
    assert parquet.read(again).equals(want)
    copy = tl.EventStore()
    report = copy.ingest(again)
    assert (report.format, report.added, report.n_rejected) == ("events", want.height, 0)
    assert copy.events_pl().equals(want)
    assert copy.ingest(again).added == 0  # the same events again add nothing


def test_year_is_the_utc_year_of_t_start(tmp_path):
    """A day in Cairo that starts on 31 December at 22:00 UTC belongs to that year."""
    events = synth.generate(n_groups=1, days=3, seed=1).events.head(2)
    t = pl.Datetime("us", "UTC")
    starts = pl.Series(["2014-12-31T23:59:59", "2015-01-01T00:00:00"])
    events = events.with_columns(
        t_start=starts.str.to_datetime(time_unit="us", time_zone="UTC").cast(t)
    ).with_columns(t_end=pl.col("t_start"))
    folder = parquet.write(events, tmp_path / "f")
    got = {p.parent.name: pl.read_parquet(p).height for p in folder.glob("*/*.parquet")}
    assert got == {"year=2014": 1, "year=2015": 1}


def test_folder_detection_and_refusals(tmp_path):
    assert not parquet.is_event_folder(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(tl.TimelineError, match="not an event folder"):
        parquet.write(schema.empty(), tmp_path, overwrite=True)
    with pytest.raises(tl.TimelineError, match="not empty"):
        parquet.write(schema.empty(), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "x"
    empty = parquet.write(schema.empty(), tmp_path / "empty")
    assert parquet.is_event_folder(empty) and parquet.read(empty).height == 0


def test_the_core_package_never_imports_pyspark():
    code = (
        "import sys, timeline as tl, timeline.parquet, timeline.store, timeline.ingest\n"
        "tl.lags, tl.EventStore, tl.read_events\n"
        "print('pyspark' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
