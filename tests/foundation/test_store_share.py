"""One store file, two processes: readers beside a writer, a clear message on a long write."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

import timeline as tl
from timeline.errors import StoreError, StoreLockedError

ROW = "2014-01-{day:02d},ABM,Car bomb,Egypt\n"


def _python(script: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, text=True, env=env
    )


def _stop(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait()
    proc.stdout.close()


def test_a_long_write_elsewhere_gives_a_clear_message_after_a_bounded_wait(tmp_path):
    path = tmp_path / "busy.duckdb"
    tl.EventStore(path).close()
    holder = _python(f"""
        import duckdb, time
        con = duckdb.connect({str(path)!r}); print("writing", flush=True); time.sleep(30)
    """)  # another process in the middle of a long load
    try:
        assert holder.stdout.readline().strip() == "writing"
        store = tl.EventStore(path, read_only=True, lock_wait=0.5)
        began = time.monotonic()
        with pytest.raises(StoreLockedError, match="being written by another process; try again"):
            len(store)
        assert 0.5 <= time.monotonic() - began < 5
    finally:
        _stop(holder)
    assert len(store) == 0  # the same store object works once the writer is done


def test_a_process_reads_while_another_loads_and_sees_each_load(tmp_path):
    path = tmp_path / "shared.duckdb"
    files = []
    for i in range(8):
        f = tmp_path / f"part{i}.csv"
        rows = "".join(ROW.format(day=d + 1) for d in range(3 * i, 3 * i + 3))
        f.write_text("Date,Group,Type,Country\n" + rows)
        files.append(str(f))
    tl.EventStore(path).close()
    reader = tl.EventStore(path, read_only=True)
    writer = _python(f"""
        import timeline as tl
        s = tl.EventStore({str(path)!r})
        for f in {files!r}:
            s.ingest(f, format="table")
        print("done", s.version(), flush=True)
    """)
    seen, versions = [], []
    try:
        while writer.poll() is None:
            seen.append(len(reader))  # never refused, never a half-written load
            versions.append(reader.version())
        out = writer.stdout.read().split()
        assert writer.returncode == 0 and out[0] == "done"
    finally:
        _stop(writer)
    assert all(n % 3 == 0 for n in seen)
    assert seen == sorted(seen) and versions == sorted(versions)
    assert len(reader) == 24 and reader.version() == int(out[1]) == 8


def test_the_cli_reads_a_store_another_process_is_reading(tmp_path):
    path = tmp_path / "s.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(tl.datasets.path("cairo-2014-01") / "events.csv")
        claims = len(store.events(kinds="claim"))
    holder = _python(f"""
        import duckdb, time
        con = duckdb.connect({str(path)!r}, read_only=True); print("reading", flush=True)
        time.sleep(30)
    """)  # e.g. a dashboard in the middle of a long query
    try:
        assert holder.stdout.readline().strip() == "reading"
        res = subprocess.run(
            [sys.executable, "-m", "timeline.cli", "events", "--store", str(path), "--kind",
             "claim"], capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip().endswith(f"\n{claims} events")
    finally:
        _stop(holder)


@pytest.mark.parametrize(
    ("content", "looks"),
    [(b"Date,Type\n2014-01-24,IED\n", "text, e.g. a CSV file"), (b"PK\x03\x04xx", "a zip")],
)
def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path, content, looks):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreError, match=f"sheet.csv is not a DuckDB event store .*{looks}"):
            tl.EventStore(sheet, read_only=read_only)
    assert sheet.read_bytes() == content


def test_read_only_stores_never_write(tmp_path):
    path = tmp_path / "s.duckdb"
    with pytest.raises(StoreError, match="No store at"):
        tl.EventStore(path, read_only=True)
    assert not path.exists()
    tl.EventStore(path).close()
    store = tl.EventStore(path, read_only=True)
    with pytest.raises(StoreError, match="opened read-only; open it without read_only=True"):
        store.ingest(tl.datasets.path("cairo-2014-01") / "events.csv")
    with pytest.raises(StoreError, match="opened read-only"):
        store.remove_load(1)
    assert len(store) == 0 and store.version() == 0


def test_a_read_only_store_lists_article_candidates_without_writing(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "PUBLISHED: 2020-05-06\nTZ: Europe/Belfast\nSOURCE: Test Wire\n\n"
        "A car bomb went off outside the court at 1.40pm yesterday.\n",
        encoding="utf-8",
    )
    path = tmp_path / "s.duckdb"
    tl.EventStore(path).close()
    store = tl.EventStore(path, read_only=True)
    report = store.ingest_articles(folder, review=None)  # one operation holding others
    assert report["candidates"].tolist() == [1] and report["error"].isna().all()
    refused = store.ingest_articles(folder)  # each article says why it was not stored
    assert "opened read-only" in refused["error"].iloc[0]
    assert len(store) == 0 and store.version() == 0
