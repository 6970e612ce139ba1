"""Files of one kind (a group's statements, with no type column), media written as words,
and rows that repeat each other: what an analyst's statements export looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline as tl
from timeline.errors import FormatError

HEADER = "release_id,released,speaker,media,keyword\n"
ROWS = [
    "AB20100301,3/1/2010,Abu Example,Audio Transcript,prisoners",
    "AB20100301,3/1/2010,Abu Example,Audio Transcript,elections",
    "AB20100301,3/1/2010,Abu Example,Audio Transcript,embassy",
    "CD20100415,4/15/2010,Another Speaker,Video message,martyrs",
    "EF20100502,5/2/2010,Third Voice,smoke signal,none",
]
MAPPING = {"released": "date", "speaker": "actor_raw", "media": "channel"}


@pytest.fixture
def statements(tmp_path: Path) -> Path:
    path = tmp_path / "statements.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def _read(path: Path, **options):
    return tl.read_events(path, on_error="skip", output="polars", return_report=True,
                          tz="Asia/Baghdad", mapping=MAPPING, **options)  # fmt: skip


def test_every_row_takes_the_kind_given_and_media_words_become_channels(statements):
    events, report = _read(statements, kind="statement")
    assert set(events.get_column("kind").cast(str)) == {"statement"}
    assert sorted(events.get_column("channel").cast(str)) == ["audio", "audio", "audio", "video"]
    # a medium no rule reads is its row's rejection, with the column named
    (bad,) = report.rejected_rows.select("line", "reason").rows()
    assert bad[0] == 6 and "channel" in bad[1]


def test_rows_that_repeat_each_other_are_kept_with_a_note_naming_the_id_column(statements):
    events, report = _read(statements, kind="statement")
    assert events.height == 4  # three copies of one release and one other release
    assert any("2 row(s) repeat an earlier row's content exactly" in n for n in report.notes)
    assert report.unused_columns["release_id"] == "Event_ID (event_id)"
    assert any("mapping={'release_id': 'event_id'}" in w for w in report.warnings)


def test_with_its_id_column_mapped_the_copies_are_one_event(statements):
    _, report = tl.read_events(
        statements, on_error="skip", output="polars", return_report=True, tz="Asia/Baghdad",
        mapping={**MAPPING, "release_id": "event_id"}, kind="statement",
    )  # fmt: skip
    store = tl.EventStore()
    loaded = store.ingest(statements, on_error="skip", tz="Asia/Baghdad", kind="statement",
                          mapping={**MAPPING, "release_id": "event_id"})  # fmt: skip
    assert (loaded.added, loaded.duplicates) == (2, 2)
    assert not any("repeat an earlier row" in n for n in report.notes + loaded.notes)


def test_kind_is_refused_where_it_cannot_apply(statements, tmp_path):
    typed = tmp_path / "typed.csv"
    typed.write_text("Date,Type,Group\n2014-01-24,Car bomb,ISIL\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"kind='statement' is for a file without an event type"):
        tl.read_events(typed, kind="statement", tz="UTC")
    with pytest.raises(FormatError, match=r"kind='speech' is not an event kind"):
        _read(statements, kind="speech")
    with pytest.raises(FormatError, match=r"no event type column found.*pass kind="):
        _read(statements)
    gtd = Path(__file__).parent / "fixtures" / "gtd_0718dist_utf8.csv"
    with pytest.raises(FormatError, match=r"kind= is for a generic table.*gtd layout"):
        tl.read_events(gtd, kind="attack")
