"""Undo and correct: the load log, removing one load, replacing a source's earlier load."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import timeline as tl
from timeline.errors import StoreError

CASE = tl.datasets.path("cairo-2014-01") / "events.csv"


def _write(path, rows: str):
    path.write_text("Date,Group,Type,Country\n" + rows)
    return path


def test_loads_list_ids_sources_counts_and_options(tmp_path):
    a = _write(tmp_path / "a.csv", "2014-01-23,ABM,Audio warning,Egypt\n")
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        store.ingest(a, tz="Africa/Cairo")
        store.ingest(CASE)
        log = store.loads()
    assert log["load_id"].tolist() == [1, 2]
    assert log["source"].tolist() == ["a.csv", "events.csv"]
    assert log["added"].tolist() == [1, 11]
    assert json.loads(log["options"].iloc[0])["tz"] == "Africa/Cairo"
    assert log["removed_at"].isna().all()


def test_remove_load_takes_exactly_its_rows_and_the_log_keeps_it(tmp_path):
    a = _write(tmp_path / "a.csv", "2014-01-23,ABM,Audio warning,Egypt\n")
    path = tmp_path / "s.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(CASE)
        store.ingest(a)
        before = store.version()
        assert store.remove_load(1) == {"load_id": 1, "removed": 11, "restored": 0}
        assert len(store) == 1
        assert store.events()["source"].tolist() == ["a.csv"]
        assert store.version() == before + 1
    with tl.EventStore(path) as store:  # committed, and the log says what happened
        log = store.loads().set_index("load_id")
        assert log.loc[1, "removed_by"] == "undo" and pd.notna(log.loc[1, "removed_at"])
        with pytest.raises(StoreError, match=r"load 1 \(events.csv\) was already undone at"):
            store.remove_load(1)
        with pytest.raises(StoreError, match="no load 9 in this store; `timeline loads` lists"):
            store.remove_load(9)
        assert store.ingest(CASE).added == 11  # the undone rows can be loaded again


def test_replace_takes_the_place_of_the_earlier_load_of_the_same_source(tmp_path):
    # a file read without its zone, then again with it: the corrected rows replace the old
    a = _write(tmp_path / "a.csv", "2014-01-23 20:00,ABM,Audio warning,\n")
    with tl.EventStore() as plain:  # without replace, the corrected re-run is a second copy
        plain.ingest(a)
        assert plain.ingest(a, tz="Africa/Cairo").added == 1 and len(plain) == 2
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        first = store.ingest(a)
        fixed = store.ingest(a, tz="Africa/Cairo", replace=True)
        assert (fixed.added, fixed.duplicates) == (1, 0)
        assert f"replaced load {first.load_id} of a.csv (1 event(s))" in fixed.notes
        events = store.events()
        assert len(events) == 1
        assert events["t_start"].iloc[0] == pd.Timestamp("2014-01-23 18:00", tz="UTC")
        log = store.loads().set_index("load_id")
        assert log.loc[first.load_id, "removed_by"] == f"replaced by load {fixed.load_id}"


def test_replace_is_one_transaction(tmp_path):
    a = _write(tmp_path / "a.csv", "2014-01-23,ABM,Audio warning,Egypt\n")
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        store.ingest(a)
        _write(a, "2014-02-30,ABM,Audio warning,Egypt\n")  # now a bad row: nothing changes
        with pytest.raises(tl.ValidationError):
            store.ingest(a, replace=True)
        assert len(store) == 1 and store.loads()["removed_at"].isna().all()


def _article_store(path):
    """A store with a curated report, then an article that merges with it."""
    store = tl.EventStore(path)
    store.ingest(CASE)
    arts = tl.datasets.articles("cairo-2014-01")
    first = arts.iloc[0]
    done = store.ingest_article(
        first["text"],
        first["published"],
        tz=first["place_tz"],
        source=first["outlet"],
        review=True,
    )
    return store, done


def test_undoing_an_article_load_restores_the_reports_it_merged(tmp_path):
    store, done = _article_store(tmp_path / "s.duckdb")
    with store:
        if len(done.merges) == 0:
            pytest.skip("the bundled article merges with nothing")
        merged = store.loads()["load_id"].iloc[-1]
        before = set(tl.datasets.load()["event_id"])
        assert not before <= set(store.events()["event_id"])  # some reports were merged away
        with pytest.raises(StoreError, match=f"undo load {merged} first"):
            store.remove_load(1)
        out = store.remove_load(merged)
        assert out["restored"] > 0
        assert set(store.events()["event_id"]) == before
        assert store.known_ids(sorted(before)) == before
        store.remove_load(1)  # now allowed
        assert len(store) == 0


def test_a_corrected_rerun_without_replace_warns_loudly_and_strict_refuses(tmp_path):
    a = tmp_path / "a.csv"  # no country: the zone is the load's tz=
    a.write_text("Date,Group,Type,City\n2014-01-23 10:00,ABM,Audio warning,Cairo\n")
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        store.ingest(a, tz="Africa/Cairo")
        same = store.ingest(a, tz="Africa/Cairo")  # the same rows again: nothing to warn of
        assert same.added == 0 and same.warnings == []
        with pytest.raises(tl.TimelineError, match=r"a.csv \(strict\): .*load 1, still in"):
            store.ingest(a, tz="Europe/London", strict=True)
        assert len(store) == 1 and store.loads()["load_id"].tolist() == [1, 2]
        wrong = store.ingest(a, tz="Europe/London")  # stored at another instant: twice now
        assert wrong.added == 1 and len(store) == 2
        (warning,) = wrong.warnings
        assert "a.csv was loaded before (load 1, still in the store)" in warning
        assert f"timeline undo {wrong.load_id}" in warning and "--replace" in warning
        assert "WARNING: a.csv was loaded before" in wrong.summary()
        fixed = store.ingest(a, tz="Europe/London", replace=True)
        assert fixed.warnings == [] and len(store) == 1


def test_two_files_with_one_name_in_two_folders_are_two_sources(tmp_path):
    (tmp_path / "2015").mkdir()
    (tmp_path / "2016").mkdir()
    old = _write(tmp_path / "2015" / "acled.csv", "2015-03-01,ABM,Car bomb,Egypt\n")
    new = _write(tmp_path / "2016" / "acled.csv", "2016-03-01,ABM,Car bomb,Egypt\n")
    with tl.EventStore(tmp_path / "s.duckdb") as store:
        store.ingest(old, tz="Africa/Cairo")
        quiet = store.ingest(new, tz="Africa/Cairo")  # another file: no re-run warning
        again = store.ingest(new, tz="Africa/Cairo", replace=True)  # replaces 2016 only
        assert quiet.warnings == [] and len(store) == 2
        assert again.notes == [f"replaced load 2 of acled.csv ({1} event(s))"]
        assert store.loads()["path"].str.endswith("acled.csv").all()
        rerun = store.ingest(new, tz="Africa/Cairo", dayfirst=True)  # same file, added 0
        assert rerun.added == 0
