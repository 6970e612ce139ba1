"""A load's rows on their way into the store: a file's inserted in whole chunks while it
is mapped, an article load's staged in memory up to a budget and in Parquet past it.

Whatever the cut, the store ends up with the same events, and a duplicate keeps its
first line even when its copies sit on both sides of the cut.
"""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

import timeline as tl
from timeline import inserts, staging
from timeline.ingest import sources


@pytest.fixture
def csv_with_late_duplicate(tmp_path):
    rows = [f"r{i},2014-01-{1 + i % 28:02d},Shooting,Egypt,row {i}" for i in range(30)]
    rows.append("r1,2014-01-02,Shooting,Egypt,row 1")  # line 32 repeats line 3's id
    path = tmp_path / "rows.csv"
    path.write_text("Event ID,Date,Type,Country,Notes\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize("chunk", [5, 8, 1 << 20])
def test_any_cut_into_inserts_gives_the_same_store(monkeypatch, csv_with_late_duplicate, chunk):
    """A file load inserts whole chunks while mapping; a repeat keeps its first line even
    when its copies go in by different inserts."""
    monkeypatch.setattr(sources, "BATCH_ROWS", 8)
    monkeypatch.setattr(inserts, "CHUNK", chunk)
    sizes = []
    insert = inserts.Inserter._insert
    monkeypatch.setattr(
        inserts.Inserter, "_insert", lambda self, rows: (sizes.append(rows.height),
                                                          insert(self, rows))[1]
    )  # fmt: skip
    store = tl.EventStore()
    report = store.ingest(csv_with_late_duplicate)
    assert (report.added, report.duplicates) == (30, 1)
    events = store.events_pl()
    assert sorted(events.get_column("excerpt").to_list()) == sorted(f"row {i}" for i in range(30))
    assert sum(sizes) == 31 and all(n % chunk == 0 for n in sizes[:-1])
    assert sizes == {5: [5, 10, 5, 10, 1], 8: [8, 8, 8, 7], 1 << 20: [31]}[chunk]
    assert store.ingest(csv_with_late_duplicate).added == 0


@pytest.mark.parametrize("held", [0, 3, 1 << 20])
def test_staged_rows_are_the_same_whatever_the_split_between_memory_and_parquet(monkeypatch, held):
    events = pl.from_pandas(tl.datasets.load()).with_row_index("line")
    one = staging.stored_frame(events.head(4)).estimated_size()
    monkeypatch.setattr(staging, "HELD_BYTES", held * one)  # about `held` slices of 4 rows
    spilled = []
    write = staging._write
    monkeypatch.setattr(
        staging, "_write", lambda frame, path: (spilled.append(path), write(frame, path))
    )
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    with staging.Staging() as staged:
        for part in events.iter_slices(4):
            staged.add(part)
        back = con.sql(f"SELECT * FROM {staged.relation(con)} ORDER BY line").pl()
        staged.release(con)
    expected = staging.stored_frame(events).with_columns(pl.col("line").cast(pl.Int64))
    back = back.with_columns(pl.col("t_start", "t_end").dt.convert_time_zone("UTC"))
    assert back.equals(expected)
    slices = -(-events.height // 4)
    assert {0: len(spilled) == slices, 3: 0 < len(spilled) < slices, 1 << 20: not spilled}[held]


def test_stored_frame_keeps_vocabularies_as_text():
    events = tl.datasets.load()
    frame = staging.stored_frame(pl.from_pandas(events).with_row_index("line"))
    assert frame.schema["kind"] == pl.Utf8 and frame.columns[-1] == "line"
