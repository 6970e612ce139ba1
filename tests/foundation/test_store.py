"""EventStore: atomic, idempotent loads into a DuckDB file; filters; the load log."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

import timeline as tl
from timeline.errors import TimelineError, ValidationError

GOOD = "2014-01-23,ABM,Audio warning,Egypt\n2014-01-24,ABM,Car bomb,Egypt\n"
BAD = "2014-02-30,ABM,Shooting,Egypt\n2014-01-25,ABM,Picnic,Egypt\n"


@pytest.fixture
def mixed_csv(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("Date,Group,Type,Country\n" + GOOD + BAD)
    return path


def test_strict_load_of_bad_file_writes_nothing(tmp_path, mixed_csv):
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        with pytest.raises(ValidationError) as err:
            store.ingest(mixed_csv)
        assert "line 4" in str(err.value) and "line 5" in str(err.value)
        assert len(store) == 0
        assert store.loads().empty


def test_skip_load_writes_exactly_the_good_rows(tmp_path, mixed_csv):
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        report = store.ingest(mixed_csv, on_error="skip")
        assert (report.added, report.n_rejected, report.format) == (2, 2, "table")
        assert sorted(store.events()["kind"].astype(str)) == ["attack", "warning"]
        log = store.loads()
        assert log[["rows_read", "added", "rejected"]].iloc[0].tolist() == [4, 2, 2]
        rejected = store.rejected()
        assert rejected["line"].tolist() == [4, 5]
        assert "Picnic" in rejected["raw"].iloc[1]


def test_second_load_of_the_same_file_adds_nothing(tmp_path, mixed_csv):
    path = tmp_path / "s.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(mixed_csv, on_error="skip")
    with tl.EventStore(path) as store:  # reopened from disk
        again = store.ingest(mixed_csv, on_error="skip")
        assert (again.added, again.duplicates) == (0, 2)
        assert len(store) == 2
        assert store.loads()["file_hash"].nunique() == 1


def test_dataframe_sources_and_look_alike_rows_within_one_load():
    frame = pd.DataFrame({"Date": ["2014-01-24"] * 2, "Type": ["IED"] * 2, "Country": ["EG"] * 2})
    store = tl.EventStore()
    report = store.ingest(frame)
    assert (report.added, report.duplicates) == (2, 0)  # two bombings that day, not one
    again = store.ingest(frame)
    assert (again.added, again.duplicates) == (0, 2)


def test_events_filters():
    store = tl.EventStore()
    store.ingest(tl.datasets.path("cairo-2014-01") / "events.csv")
    jan24 = store.events(start="2014-01-24", end="2014-01-25")
    assert "cairo-2014-01-24-claim" in set(jan24["event_id"])
    assert "cairo-2013-12-24-mansoura" not in set(jan24["event_id"])
    assert set(store.events(kinds="claim")["kind"].astype(str)) == {"claim"}
    assert len(store.events(actors=["Egyptian security forces"])) == 1
    assert len(store.events(countries=["USA"])) == 0
    out = store.events()
    assert str(out["t_start"].dtype) == "datetime64[us, UTC]"
    assert out["t_start"].is_monotonic_increasing
    with pytest.raises(TimelineError, match="start="):
        store.events(start="next Tuesday")


def test_a_load_killed_midway_leaves_the_store_unchanged(tmp_path):
    path = tmp_path / "killed.duckdb"
    first = tmp_path / "first.csv"
    first.write_text("Date,Type,Country\n2014-01-24,IED,Egypt\n")
    with tl.EventStore(path) as store:
        store.ingest(first)
    big = tmp_path / "big.csv"
    with big.open("w") as fh:
        fh.write("Date,Type,Country,Notes\n")
        for i in range(400_000):
            fh.write(f"2014-01-{1 + i % 28:02d},Shooting,Egypt,row {i}\n")
    script = textwrap.dedent(f"""
        import timeline as tl
        s = tl.EventStore({str(path)!r})
        def progress(done, total):
            if done >= 100_000:
                print("midway", flush=True)
                import time; time.sleep(60)
        s.ingest({str(big)!r}, progress=progress)
    """)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout.readline().strip() == "midway"
        time.sleep(0.2)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.stdout.close()
    with tl.EventStore(path) as store:
        assert len(store) == 1
        assert store.loads()["added"].tolist() == [1]
        assert store.ingest(first).added == 0


def test_empty_sources_say_so(tmp_path):
    zero = tmp_path / "zero.csv"
    zero.write_bytes(b"")
    with pytest.raises(TimelineError, match=r"zero.csv is empty \(0 bytes\)"):
        tl.EventStore().ingest(zero)
    header_only = tmp_path / "header.csv"
    header_only.write_text("Date,Type\n")
    report = tl.EventStore().ingest(header_only)
    assert report.added == 0 and "no rows" in report.summary()
