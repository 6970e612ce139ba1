"""Staging: a load's rows held in memory up to a budget, spilled to Parquet past it.

Whatever the split, the store ends up with the same events, and a duplicate keeps its
first line even when its copies sit on both sides of the split.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline as tl
from timeline import staging
from timeline.ingest import sources


@pytest.fixture
def csv_with_late_duplicate(tmp_path):
    rows = [f"r{i},2014-01-{1 + i % 28:02d},Shooting,Egypt,row {i}" for i in range(30)]
    rows.append("r1,2014-01-02,Shooting,Egypt,row 1")  # line 32 repeats line 3's id
    path = tmp_path / "rows.csv"
    path.write_text("Event ID,Date,Type,Country,Notes\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize("held_bytes", [0, 1_500, 1 << 30])
def test_any_split_between_memory_and_parquet_gives_the_same_store(
    monkeypatch, csv_with_late_duplicate, held_bytes
):
    monkeypatch.setattr(sources, "BATCH_ROWS", 8)
    monkeypatch.setattr(staging, "HELD_BYTES", held_bytes)
    spilled = []
    write = staging._write
    monkeypatch.setattr(
        staging, "_write", lambda frame, path: (spilled.append(path), write(frame, path))
    )
    store = tl.EventStore()
    report = store.ingest(csv_with_late_duplicate)
    assert (report.added, report.duplicates) == (30, 1)
    events = store.events_pl()
    assert sorted(events.get_column("excerpt").to_list()) == sorted(f"row {i}" for i in range(30))
    if held_bytes == 0:
        assert len(spilled) == 4  # 31 rows in batches of 8
    elif held_bytes == 1_500:
        assert len(spilled) == 2  # two batches held (about 700 bytes each), two spilled
    else:
        assert spilled == []
    assert store.ingest(csv_with_late_duplicate).added == 0


def test_stored_frame_keeps_vocabularies_as_text():
    events = tl.datasets.load()
    frame = staging.stored_frame(pl.from_pandas(events).with_row_index("line"))
    assert frame.schema["kind"] == pl.Utf8 and frame.columns[-1] == "line"


@given(st.lists(st.lists(st.text(max_size=3), max_size=6), max_size=5))
def test_repeated_ids_are_never_missed_whatever_the_batches(batches):
    ids = staging._Ids()
    for batch in batches:
        ids.add(pl.Series(batch, dtype=pl.Utf8))
    flat = [i for batch in batches for i in batch]
    # a repeat is always flagged (the store then counts); distinct ids are not, as far
    # as 64-bit hashes of a few short strings go
    assert ids.maybe_repeated == (len(set(flat)) < len(flat))
