"""Ids that never merge distinct rows, and headers the load did not use."""

from __future__ import annotations

import pytest

import timeline as tl
from timeline.errors import FormatError, ValidationError
from timeline.ingest import sources

BOMBINGS = (
    "Date,Group,Type,City,Country\n"
    "2014-01-24,Ansar Beit al-Maqdes,Car bomb,Cairo,Egypt\n"
    "2014-01-24,Ansar Beit al-Maqdes,Car bomb,Cairo,Egypt\n"
    "2014-01-24,Ansar Beit al-Maqdes,Car bomb,Cairo,Egypt\n"
)


def test_look_alike_rows_stay_distinct_and_a_reload_adds_nothing(tmp_path):
    path = tmp_path / "bombings.csv"
    path.write_text(BOMBINGS, encoding="utf-8")
    store = tl.EventStore()
    first = store.ingest(path)
    assert (first.added, first.duplicates) == (3, 0)
    again = store.ingest(path)
    assert (again.added, again.duplicates) == (0, 3)
    path.write_text(BOMBINGS + BOMBINGS.splitlines()[1] + "\n", encoding="utf-8")
    assert store.ingest(path).added == 1  # a fourth bombing: one more event
    ids = store.events()["event_id"]
    assert ids.is_unique and len(ids) == 4


def test_occurrences_are_counted_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "BATCH_ROWS", 2)
    path = tmp_path / "bombings.csv"
    path.write_text(BOMBINGS + "2014-01-25,Other,Shooting,Cairo,Egypt\n", encoding="utf-8")
    events = tl.read_events(path)
    assert events.event_id.is_unique and len(events) == 4
    ids = sorted(events.event_id[events.actor_raw == "Ansar Beit al-Maqdes"])
    assert ids[0] + "-2" in ids and ids[0] + "-3" in ids


def test_the_same_row_in_another_file_position_is_the_same_event(tmp_path):
    lines = BOMBINGS.splitlines()
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("\n".join([lines[0], "2014-01-25,X,Shooting,Cairo,Egypt", lines[1]]) + "\n")
    b.write_text("\n".join([lines[0], lines[1]]) + "\n")
    store = tl.EventStore()
    store.ingest(a)
    assert store.ingest(b).added == 0


def test_a_misspelt_header_is_named_with_the_closest_role(tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text("Date,Grup,Type,City\n2014-01-24,Ansar,Car bomb,Cairo\n", encoding="utf-8")
    _, report = tl.read_events(path, return_report=True, tz="Africa/Cairo")
    assert report.unused_columns == {"Grup": "Group (actor_raw)"}
    text = report.summary()
    assert "columns not used: Grup -> Group (actor_raw)?" in text
    assert "WARNING: column 'Grup' is not used: did you mean Group?" in text
    assert "WARNING: no row has an actor" in text
    with pytest.raises(FormatError, match=r"typo.csv \(strict\): column 'Grup' is not used"):
        tl.read_events(path, strict=True)
    store = tl.EventStore()
    with pytest.raises(FormatError, match="no row has an actor"):
        store.ingest(path, strict=True, tz="Africa/Cairo")
    assert len(store) == 0


def test_unrelated_extra_columns_are_listed_without_a_guess(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("Date,Group,Type,City,Analyst initials\n2014-01-24,A,IED,Cairo,JD\n")
    _, report = tl.read_events(path, return_report=True, tz="Africa/Cairo")
    assert report.unused_columns == {"Analyst initials": None}
    assert report.warnings == []
    tl.read_events(path, strict=True, tz="Africa/Cairo")  # nothing to refuse


def test_a_file_with_no_place_says_so(tmp_path):
    path = tmp_path / "noplace.csv"
    path.write_text("Date,Group,Type\n2014-01-24,A,IED\n", encoding="utf-8")
    _, report = tl.read_events(path, return_report=True, tz="Africa/Cairo")
    assert [w.split(":")[0] for w in report.warnings] == [
        "no row has a place (location, admin1, country or coordinates)"
    ]
    with pytest.raises(FormatError, match="no row has a place"):
        tl.read_events(path, strict=True, tz="Africa/Cairo")


def test_a_file_with_no_type_column_is_an_error(tmp_path):
    path = tmp_path / "notype.csv"
    path.write_text("Date,Group,City\n2014-01-24,A,Cairo\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no event type column found"):
        tl.read_events(path)


def test_blank_rows_are_skipped_and_counted_not_rejected(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Date,Type,Group,City\n2014-01-24,Car bomb,ISIL,Cairo\n,,,\n , ,\t,\n\n"
        "2014-01-25,Threat,ISIL,Cairo\n,,,\n",
        encoding="utf-8",
    )
    events, report = tl.read_events(path, tz="UTC", return_report=True)  # on_error="raise"
    assert len(events) == 2 and report.n_rejected == 0
    assert report.skipped == {"blank row(s)": 4} and report.rows_read == 6
    assert "skipped 4 blank row(s)" in report.summary()
    # a row with one cell is not blank: it is rejected, on its own line
    path.write_text("Date,Type,Group,City\n,,,\n,,ISIL,\n2014-01-24,Car bomb,ISIL,Cairo\n")
    with pytest.raises(ValidationError, match=r"line 3: Date: missing date"):
        tl.read_events(path, tz="UTC")
