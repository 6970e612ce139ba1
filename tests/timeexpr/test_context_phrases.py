"""Phrase families added for news and business text: reporting quarters, fiscal years,
decades and centuries, years in words, holidays, and sentence cues (tense, earnings).

Values are hand-checked: 1989-10-26 is a Thursday in Q4 1989, so the latest reported
quarter is Q3 (July to September) 1989.
"""

from __future__ import annotations

import pytest

from timeline.timeexpr import cues, vague
from timeline.timeexpr.phrases import normalize_time

REF = "1989-10-26"  # a Thursday


def span(text: str, ref: str = REF, **kw) -> tuple[str, str]:
    iv = normalize_time(text, ref, "UTC", **kw)
    assert iv is not None, text
    a, b = iv.local()
    return a.strftime("%Y-%m-%d"), b.strftime("%Y-%m-%d")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("the quarter", "1989-07-01", "1989-10-01"),
        ("the latest quarter", "1989-07-01", "1989-10-01"),
        ("the latest period", "1989-07-01", "1989-10-01"),
        ("the current quarter", "1989-10-01", "1990-01-01"),
        ("next quarter", "1990-01-01", "1990-04-01"),
        ("the year-earlier quarter", "1988-07-01", "1988-10-01"),
        ("the year-ago period", "1988-07-01", "1988-10-01"),
        ("the quarter a year ago", "1988-07-01", "1988-10-01"),
        ("the year-ago second quarter", "1988-04-01", "1988-07-01"),
        ("the 1988 third quarter", "1988-07-01", "1988-10-01"),
        ("the 1988 period", "1988-07-01", "1988-10-01"),
        ("this year's third quarter", "1989-07-01", "1989-10-01"),
        ("next year's first quarter", "1990-01-01", "1990-04-01"),
        ("its fourth quarter", "1989-10-01", "1990-01-01"),
        ("fiscal 1989", "1989-01-01", "1990-01-01"),
        ("the current fiscal year", "1989-01-01", "1990-01-01"),
        ("the past year", "1988-01-01", "1989-01-01"),
        ("year-end", "1989-09-01", "1990-01-01"),
    ],
)
def test_reporting_periods(text: str, start: str, end: str) -> None:
    assert span(text) == (start, end)


def test_reported_quarter_in_january_is_last_years_fourth() -> None:
    assert span("the latest quarter", "2014-01-24") == ("2013-10-01", "2014-01-01")


@pytest.mark.parametrize(
    ("text", "ref", "start", "end"),
    [
        ("the 1990s", REF, "1990-01-01", "2000-01-01"),
        ("the early 1980s", REF, "1980-01-01", "1984-01-01"),
        ("the late '70s", REF, "1976-01-01", "1980-01-01"),
        ("the nineties", "1998-03-03", "1990-01-01", "2000-01-01"),
        ("the nineties", REF, "1990-01-01", "2000-01-01"),  # the coming decade
        ("the last decade", "1998-02-06", "1980-01-01", "1990-01-01"),
        ("the 20th century", REF, "1900-01-01", "2000-01-01"),
        ("this century", "1998-02-13", "1900-01-01", "2000-01-01"),
        ("nineteen ninety-six", REF, "1996-01-01", "1997-01-01"),
        ("the year two thousand", REF, "2000-01-01", "2001-01-01"),
        ("January nineteen ninety-seven", REF, "1997-01-01", "1997-02-01"),
    ],
)
def test_eras_and_spelled_years(text: str, ref: str, start: str, end: str) -> None:
    assert span(text, ref) == (start, end)


def test_decade_parts_come_from_the_vague_table() -> None:
    assert vague.DECADE_PARTS["mid"] == (3, 7)
    assert span("the mid-1990s") == ("1993-01-01", "1997-01-01")


@pytest.mark.parametrize(
    ("text", "ref", "day"),
    [
        ("Thanksgiving", "2000-02-10", "1999-11-25"),  # 4th Thursday, past preferred
        ("Thanksgiving Day", "1999-12-01", "1999-11-25"),
        ("Election Day", "1998-10-26", "1998-11-03"),  # Tuesday after the first Monday
        ("last Christmas", "2014-01-24", "2013-12-25"),
        ("next Labor Day", "2014-01-24", "2014-09-01"),
        ("Memorial Day 2014", REF, "2014-05-26"),
    ],
)
def test_holidays(text: str, ref: str, day: str) -> None:
    assert span(text, ref)[0] == day


def test_weekday_before_a_date_defers_to_the_date() -> None:
    assert span("Friday, Oct. 23", "1998-11-21") == ("1998-10-23", "1998-10-24")


def test_the_weekend_is_this_weekend() -> None:
    assert span("the weekend", "1989-10-30") == ("1989-10-28", "1989-10-30")


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The board will meet Tuesday to vote.", "1989-10-31"),
        ("The deal is scheduled to close Tuesday.", "1989-10-31"),
        ("The board met Tuesday.", "1989-10-24"),
        ("The company said Tuesday that it will sell the unit.", "1989-10-24"),  # 'said' nearer
        (None, "1989-10-24"),
    ],
)
def test_tense_decides_a_bare_weekday(sentence: str | None, day: str) -> None:
    assert span("Tuesday", context=sentence)[0] == day


def test_future_tense_moves_a_yearless_month_ahead() -> None:
    s = "The three are expected to join in April."
    assert span("April", "1998-12-05", context=s)[0] == "1999-04-01"
    assert span("April", "1998-12-05")[0] == "1998-04-01"


def test_a_year_ago_in_an_earnings_sentence_is_the_year_ago_quarter() -> None:
    s = "Net rose to $87 million, or $2.02 a share, from $58 million a year earlier."
    assert span("a year earlier", context=s) == ("1988-07-01", "1988-10-01")
    assert span("a year earlier", context="The dam broke a year earlier.")[0] == "1988-01-01"
    assert span("year-earlier") == ("1988-01-01", "1989-01-01")


@pytest.mark.parametrize(
    ("text", "rule"),
    [("recent years", "past"), ("the near term", "future"), ("the last few months", "recently")],
)
def test_open_ended_words_are_in_the_vague_table(text: str, rule: str) -> None:
    iv = normalize_time(text, REF, "UTC")
    assert iv is not None and iv.rule == rule
    assert text in (*vague.PAST, *vague.FUTURE, *vague.RECENT)


def test_cues_need_the_sentence() -> None:
    assert cues.tense_prefer(None, "Tuesday", "past") == "past"
    assert not cues.is_earnings("The dam broke.")
    assert cues.is_earnings("Profit rose 5%.")
