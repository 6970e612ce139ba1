"""normalize_time: each phrase family, against reference dates that break naive parsers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.errors import TimeParseError
from timeline.timeexpr import vague, words
from timeline.timeexpr.phrases import intersect, normalize_time

CAIRO, NY = "Africa/Cairo", "America/New_York"
FRI = "2014-01-24"  # a Friday


def local(iv):
    a, b = iv.local()
    return a.strftime("%Y-%m-%d %H:%M"), b.strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Thursday", "2014-01-23 00:00", "2014-01-24 00:00", "day"),
        ("Friday", "2014-01-24 00:00", "2014-01-25 00:00", "day"),  # same weekday = today
        ("Saturday", "2014-01-18 00:00", "2014-01-19 00:00", "day"),  # past preferred
        ("last Friday", "2014-01-17 00:00", "2014-01-18 00:00", "day"),
        ("next Friday", "2014-01-31 00:00", "2014-02-01 00:00", "day"),
        ("today", "2014-01-24 00:00", "2014-01-25 00:00", "day"),
        ("yesterday", "2014-01-23 00:00", "2014-01-24 00:00", "day"),
        ("tonight", "2014-01-24 20:00", "2014-01-25 06:00", "part_of_day"),
        ("last night", "2014-01-23 20:00", "2014-01-24 06:00", "part_of_day"),
        ("this morning", "2014-01-24 05:00", "2014-01-24 12:00", "part_of_day"),
        ("this evening", "2014-01-24 17:00", "2014-01-25 00:00", "part_of_day"),
        ("early Friday morning", "2014-01-24 04:00", "2014-01-24 09:00", "part_of_day"),
        ("Thursday evening", "2014-01-23 17:00", "2014-01-24 00:00", "part_of_day"),
        ("shortly after midnight", "2014-01-24 00:00", "2014-01-24 01:00", "hour"),
        ("late Thursday", "2014-01-23 18:00", "2014-01-24 00:00", "part_of_day"),
    ],
)
def test_days_and_parts_of_day_relative_to_a_friday(text, start, end, precision):
    iv = normalize_time(text, FRI, CAIRO)
    assert local(iv) == (start, end)
    assert iv.precision == precision
    assert iv.rule


@pytest.mark.parametrize(
    ("text", "start", "end", "kw"),
    [
        ("Dec. 24", "2013-12-24 00:00", "2013-12-25 00:00", {}),  # read in January: last year
        ("24 December 2013", "2013-12-24 00:00", "2013-12-25 00:00", {}),
        ("January 24, 2014", "2014-01-24 00:00", "2014-01-25 00:00", {}),
        ("on Jan. 24", "2014-01-24 00:00", "2014-01-25 00:00", {}),
        ("24/01/2014", "2014-01-24 00:00", "2014-01-25 00:00", {}),
        ("05/01/2014", "2014-05-01 00:00", "2014-05-02 00:00", {}),
        ("05/01/2014", "2014-01-05 00:00", "2014-01-06 00:00", {"day_first": True}),
        ("2013-12-31", "2013-12-31 00:00", "2014-01-01 00:00", {}),
        ("in early September", "2013-09-01 00:00", "2013-09-11 00:00", {}),
        ("mid-September 2012", "2012-09-11 00:00", "2012-09-21 00:00", {}),
        ("late last year", "2013-09-01 00:00", "2014-01-01 00:00", {}),
        ("December", "2013-12-01 00:00", "2014-01-01 00:00", {}),
        ("March 26", "2014-03-26 00:00", "2014-03-27 00:00", {}),  # near future beats a year ago
        ("the third quarter", "2013-07-01 00:00", "2013-10-01 00:00", {}),
        ("last week", "2014-01-13 00:00", "2014-01-20 00:00", {}),
        ("two days ago", "2014-01-22 00:00", "2014-01-23 00:00", {}),
        ("2013", "2013-01-01 00:00", "2014-01-01 00:00", {}),
        ("since Dec. 24", "2013-12-24 00:00", "2014-01-25 00:00", {}),
    ],
)
def test_dates_months_and_years(text, start, end, kw):
    assert local(normalize_time(text, FRI, CAIRO, **kw)) == (start, end)


def test_new_year_boundary_reads_december_as_last_year_and_january_as_this():
    assert local(normalize_time("Dec. 31", "2014-01-01", CAIRO))[0] == "2013-12-31 00:00"
    assert local(normalize_time("Jan. 2", "2013-12-31", CAIRO))[0] == "2014-01-02 00:00"
    assert local(normalize_time("Wednesday", "2014-01-01", CAIRO))[0] == "2014-01-01 00:00"
    assert local(normalize_time("Tuesday", "2014-01-01", CAIRO))[0] == "2013-12-31 00:00"


@pytest.mark.parametrize(
    ("text", "start", "end", "exact"),
    [
        ("at 6:30 a.m.", "2014-01-24 06:30", "2014-01-24 06:30", True),
        ("at 14:30 local time", "2014-01-24 14:30", "2014-01-24 14:30", True),
        ("around 10 am", "2014-01-24 09:30", "2014-01-24 10:30", False),
        ("Thursday at 9 pm", "2014-01-23 21:00", "2014-01-23 21:00", True),
        ("at noon", "2014-01-24 12:00", "2014-01-24 12:00", True),
        ("12 a.m. Thursday", "2014-01-23 00:00", "2014-01-23 00:00", True),
    ],
)
def test_clock_times(text, start, end, exact):
    iv = normalize_time(text, FRI, CAIRO)
    assert local(iv) == (start, end)
    assert iv.is_exact is exact
    assert iv.precision == ("minute" if exact else "hour")


def test_the_place_zone_not_the_newsroom_decides_today():
    # A New York article dated 24 January: "today" is the Cairo day, 22:00 UTC on the 23rd.
    iv = normalize_time("today", "2014-01-24", CAIRO)
    assert iv.start == datetime(2014, 1, 23, 22, tzinfo=UTC)
    assert normalize_time("today", "2014-01-24", NY).start == datetime(2014, 1, 24, 5, tzinfo=UTC)


def test_a_datetime_reference_is_read_in_the_place_zone():
    # 23:30 UTC on the 23rd is already Friday the 24th in Cairo.
    ref = datetime(2014, 1, 23, 23, 30, tzinfo=UTC)
    assert local(normalize_time("today", ref, CAIRO))[0] == "2014-01-24 00:00"


def test_dst_spring_forward_in_new_york():
    night = normalize_time("last night", "2014-03-09", NY)
    assert night.width == timedelta(hours=9)  # 20:00 EST to 06:00 EDT: one hour lost
    early = normalize_time("early Sunday morning", "2014-03-09", NY)
    assert early.start == datetime(2014, 3, 9, 8, tzinfo=UTC)  # 04:00 EDT


def test_dst_day_in_cairo_has_23_hours():
    # Egypt moved clocks forward at midnight on 15/16 May 2014: Friday the 16th lost an hour.
    friday = normalize_time("Friday", "2014-05-16", CAIRO)
    assert friday.width == timedelta(hours=23)
    assert friday.end == datetime(2014, 5, 16, 21, tzinfo=UTC)


def test_dst_fall_back_day_has_25_hours():
    assert normalize_time("Sunday", "2014-11-02", NY).width == timedelta(hours=25)


ANCHOR = normalize_time("Thursday", FRI, CAIRO)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("a few hours later", "2014-01-23 01:00", "2014-01-24 06:00"),
        ("minutes after the blast", "2014-01-23 00:02", "2014-01-24 01:00"),
        ("40 minutes before the explosion", "2014-01-22 23:20", "2014-01-23 23:20"),
        ("the next day", "2014-01-24 00:00", "2014-01-25 00:00"),
        ("that evening", "2014-01-23 17:00", "2014-01-24 00:00"),
        ("two days later", "2014-01-25 00:00", "2014-01-26 00:00"),
        ("about two hours later", "2014-01-23 01:30", "2014-01-24 02:30"),
    ],
)
def test_offsets_from_an_anchor(text, start, end):
    iv = normalize_time(text, FRI, CAIRO, anchor=ANCHOR)
    assert local(iv) == (start, end)
    assert iv.rule.startswith(("offset", "anchor-day"))


def test_offset_from_an_exact_anchor_is_exact():
    blast = datetime(2014, 1, 24, 4, 30, tzinfo=UTC)
    iv = normalize_time("40 minutes before the explosion", FRI, CAIRO, anchor=blast)
    assert iv.is_exact
    assert iv.start == datetime(2014, 1, 24, 3, 50, tzinfo=UTC)


def test_the_seed_car_bomb_is_the_offset_intersected_with_the_part_of_day():
    later = normalize_time("a few hours later", FRI, CAIRO, anchor=ANCHOR)
    morning = normalize_time("early Friday morning", FRI, CAIRO)
    both = intersect(later, morning)
    assert local(both) == ("2014-01-24 04:00", "2014-01-24 06:00")
    assert intersect(morning, normalize_time("Thursday evening", FRI, CAIRO)) is None


def test_vague_words_come_from_the_documented_table():
    assert vague.VAGUE_COUNTS["a few"] == (1, 6)
    assert words.PARTS_OF_DAY["early morning"] == (4, 9)
    assert words.PARTS_OF_DAY["evening"] == (17, 24)
    assert "| a few <unit>s | 1 to 6 units |" in vague.describe()


@pytest.mark.parametrize(
    "text", ["hello world", "the bank", "", "said the minister", "31 February"]
)
def test_non_times_give_none(text):
    assert normalize_time(text, FRI, CAIRO) is None


def test_offset_without_anchor_is_an_error_with_a_hint():
    with pytest.raises(TimeParseError, match=r"relative to another event; hint: pass anchor="):
        normalize_time("a few hours later", FRI, CAIRO)


def test_bad_zone_and_bad_reference_are_errors():
    with pytest.raises(TimeParseError, match=r"Unknown time zone 'Mars/Base'"):
        normalize_time("today", FRI, "Mars/Base")
    with pytest.raises(TimeParseError, match=r"Cannot read the reference 'last Friday'"):
        normalize_time("today", "last Friday", CAIRO)


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    wd=st.sampled_from(words.WEEKDAYS),
    zone=st.sampled_from([CAIRO, NY, "Asia/Baghdad", "Australia/Sydney"]),
)
def test_bare_weekday_is_within_the_past_week_and_has_that_weekday(day, wd, zone):
    iv = normalize_time(wd.title(), day.isoformat(), zone)
    got = iv.local()[0].date()
    assert got.strftime("%A").lower() == wd
    assert timedelta(0) <= day - got < timedelta(days=7)
    assert iv.start < iv.end
