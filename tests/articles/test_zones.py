"""An article's two zones (the place's, the outlet's), never UTC by default; corrected re-runs.

Expected times are worked out by hand from the zones' offsets in June 2016: New York is
UTC-4 (EDT), Sydney UTC+10, Cairo UTC+2.
"""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

import timeline as tl
from timeline.errors import TimelineError

# a warning at a clock time "today", and a bomb forty minutes after it
STORY = (
    "A caller telephoned a warning to a newspaper at 9.10pm today.\n\n"
    "Forty minutes later a car bomb exploded outside the city hall, wounding three.\n"
)
NY, SYDNEY, CAIRO = "America/New_York", "Australia/Sydney", "Africa/Cairo"


def starts(**zones) -> list[datetime]:
    found = tl.extract_events(STORY, "2016-06-13", output="polars", **zones)
    return found.sort("t_start").get_column("t_start").to_list()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_an_article_without_the_place_zone_is_refused_not_read_as_utc():
    with pytest.raises(TimelineError, match=r"no zone for the place .* never read as UTC"):
        tl.extract_events(STORY, "2016-06-13")
    with pytest.raises(TimelineError, match=r"no zone for the place"):  # the outlet's is not it
        tl.extract_events(STORY, "2016-06-13", published_tz=NY)
    with pytest.raises(TimelineError, match=r"published_tz='Mars/Base' is not a time zone"):
        tl.extract_events(STORY, "2016-06-13", tz=NY, published_tz="Mars/Base")


def test_clock_times_and_country_come_from_the_place_zone():
    # 21:10 in New York (UTC-4) on 13 June is 01:10 UTC on the 14th
    assert starts(tz=NY) == [utc(2016, 6, 14, 1, 10), utc(2016, 6, 14, 1, 50)]
    assert starts(tz=NY, published_tz=NY) == starts(tz=NY)
    found = tl.extract_events(STORY, "2016-06-13", tz=CAIRO, output="polars")
    assert set(found.get_column("country")) == {"EGY"} and set(found.get_column("tz")) == {CAIRO}


def test_an_outlet_a_day_ahead_moves_today_back_a_day_at_the_place():
    # Sydney's 13 June (its middle, 12:00 +10, is 22:00 on the 12th in New York): the
    # paper's "today" is New York's 12 June, so 21:10 EDT on the 12th = 01:10 UTC on the 13th
    assert starts(tz=NY, published_tz=SYDNEY) == [utc(2016, 6, 13, 1, 10), utc(2016, 6, 13, 1, 50)]
    # an outlet behind the place (New York for Cairo): noon in New York is 18:00 in Cairo,
    # the same calendar day, so 21:10 Cairo (UTC+2) on the 13th = 19:10 UTC
    assert starts(tz=CAIRO, published_tz=NY)[0] == utc(2016, 6, 13, 19, 10)


def test_the_store_report_says_which_clock_dated_the_article():
    store = tl.EventStore()
    done = store.ingest_article(STORY, "2016-06-13", tz=NY, published_tz=SYDNEY, review=True)
    assert any("outlet's clock (Australia/Sydney)" in n and "'today' is 2016-06-12" in n
               for n in done.report.notes)  # fmt: skip


def test_polars_on_request_gives_the_same_candidates():
    as_pandas = tl.extract_events(STORY, "2016-06-13", tz=NY)
    as_polars = tl.extract_events(STORY, "2016-06-13", tz=NY, output="polars")
    assert isinstance(as_polars, pl.DataFrame) and as_polars.columns == list(as_pandas.columns)
    assert as_polars.get_column("event_id").to_list() == as_pandas["event_id"].tolist()
    got = tl.EventStore().ingest_article(STORY, "2016-06-13", tz=NY, output="polars")
    assert isinstance(got, pl.DataFrame) and got.height == as_polars.height


def test_a_corrected_rerun_replaces_what_the_article_stored():
    store = tl.EventStore()
    wrong = store.ingest_article(STORY, "2016-06-13", tz=NY, source="Wire", review=True)
    assert wrong.report.added == 2 and set(store.events()["country"]) == {"USA"}
    # without replace, the same article's ids are duplicates: nothing changes
    again = store.ingest_article(STORY, "2016-06-13", tz=CAIRO, source="Wire", review=True)
    assert again.report.added == 0 and again.report.duplicates == 2
    fixed = store.ingest_article(STORY, "2016-06-13", tz=CAIRO, source="Wire", review=True,
                                 replace=True)  # fmt: skip
    assert fixed.report.added == 2 and any("replaced 2 event(s)" in n for n in fixed.report.notes)
    events = store.events()
    assert len(events) == 2 and set(events["country"]) == {"EGY"}
    assert events["t_start"].min() == utc(2016, 6, 13, 19, 10)  # 21:10 Cairo time
    assert store.loads()["format"].tolist() == ["article"] * 3


def test_replace_refuses_to_undo_a_merge_with_another_outlet():
    store = tl.EventStore()
    store.ingest_article(STORY, "2016-06-13", tz=NY, source="Wire A", review=True)
    merged = store.ingest_article(STORY, "2016-06-13", tz=NY, source="Wire B", review=True)
    assert len(merged.merges) == 2  # both events told by both outlets: one row each
    before = store.events()
    with pytest.raises(TimelineError, match=r"cannot undo a merge: 2 stored event\(s\)"):
        store.ingest_article(STORY, "2016-06-13", tz=CAIRO, source="Wire A", review=True,
                             replace=True)  # fmt: skip
    assert store.events()["event_id"].tolist() == before["event_id"].tolist()


def test_a_batch_article_without_a_zone_is_reported_and_the_rest_stored(tmp_path):
    (tmp_path / "a.txt").write_text("PUBLISHED: 2016-06-13\n\n" + STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        f"PUBLISHED: 2016-06-13\nTZ: {NY}\nPUBLISHED_TZ: {SYDNEY}\n\n" + STORY, encoding="utf-8"
    )
    store = tl.EventStore()
    report = store.ingest_articles(tmp_path)
    assert report["error"].str.startswith("no zone for the place").tolist() == [True, None]
    assert report["stored"].tolist() == [0, 2]
    assert store.events()["t_start"].min() == utc(2016, 6, 13, 1, 10)  # Sydney's clock read
    with_default = tl.EventStore().ingest_articles(tmp_path, tz=CAIRO)
    assert with_default["stored"].tolist() == [2, 2]
