"""The Parquet event folder without Spark: a store's export reads back and loads back."""

from __future__ import annotations

import json

import duckdb
import pytest

import timeline as tl
from timeline import parquet, synth


def test_export_then_load_into_a_new_store(tmp_path):
    store = tl.EventStore()
    store.ingest(synth.generate(n_groups=2, days=500, vague_share=0.5, seed=6).events)
    want = store.events_pl()
    folder = store.export_parquet(tmp_path / "events")
    manifest = json.loads((folder / parquet.MANIFEST).read_text())
    assert manifest["columns"]["t_start"] == "timestamp_utc" and manifest["version"] == 1
    assert parquet.read(folder).equals(want)
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder}/*/*.parquet')").fetchall()[0]
    assert rows == (want.height,)

    copy = tl.EventStore()
    report = copy.ingest(folder)
    assert (report.format, report.added, report.n_rejected) == ("events", want.height, 0)
    assert copy.events_pl().equals(want)  # actor, zone, precision and times as they were
    assert copy.ingest(folder).added == 0
    with pytest.raises(tl.TimelineError, match="not empty"):
        store.export_parquet(folder)
    assert store.export_parquet(folder, overwrite=True) == folder
    assert parquet.read(folder).equals(want)


def test_a_bad_row_in_a_folder_is_named_not_loaded(tmp_path):
    events = synth.generate(n_groups=1, days=30, seed=7).events
    folder = parquet.write(events, tmp_path / "f")
    part = next(folder.glob("year=*/*.parquet"))
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 2 THEN 'attacks' "
        f"ELSE kind END AS kind) FROM read_parquet('{part}')) TO '{part}.tmp' (FORMAT parquet)"
    )
    part.unlink()
    (tmp_path / "f" / part.parent.name / "bad.parquet").write_bytes(
        (part.parent / (part.name + ".tmp")).read_bytes()
    )
    (part.parent / (part.name + ".tmp")).unlink()
    store = tl.EventStore()
    report = store.ingest(folder, on_error="skip")
    assert report.n_rejected == 1 and report.added == events.height - 1
    row = report.rejected_rows.row(0, named=True)
    assert row["line"] == 2 and "kind" in row["reason"] and row["file"].endswith("bad.parquet")
