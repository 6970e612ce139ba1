"""UCDP GED adapter: [date_start, date_end + 1 day), date_prec, best/low/high, DST midnights."""

from __future__ import annotations

import json

import pandas as pd

DAMASCUS = "Asia/Damascus"


def local(text: str, zone: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone).tz_convert("UTC")


def test_intervals_precision_and_counts(load):
    events, report = load("ucdp_ged231.csv")
    assert report.format == "ucdp" and report.rows_read == 7 and len(events) == 4
    day = events.loc["900001"]
    assert (day.event_id, day.precision, day.tz) == ("ucdp-900001", "day", DAMASCUS)
    assert (day.t_start, day.t_end) == (
        local("2014-01-24", DAMASCUS),
        local("2014-01-25", DAMASCUS),
    )
    assert (day.actor, day.target, day.country) == (
        "Government of Syria",
        "Syrian insurgents",
        "SYR",
    )
    week = events.loc["900002"]
    assert week.precision == "week"
    assert (week.t_start, week.t_end) == (
        local("2014-01-20", DAMASCUS),
        local("2014-01-27", DAMASCUS),
    )
    assert (week.killed, week.killed_low, week.killed_high) == (14, 10, 20)
    attrs = json.loads(week["attrs"])
    assert attrs["date_prec"] == "3" and attrs["type_of_violence"] == "1"


def test_a_day_without_midnight_starts_at_one(load):
    """Syria moved its clocks at 00:00 on 28 March 2014: that day began at 01:00."""
    events, _ = load("ucdp_ged231.csv")
    gap = events.loc["900003"]
    assert gap.t_start == pd.Timestamp("2014-03-27 22:00", tz="UTC")
    assert gap.t_end == local("2014-03-29", DAMASCUS)


def test_datetime_text_and_iraq(load):
    events, _ = load("ucdp_ged231.csv")
    mosul = events.loc["900004"]
    assert (mosul.actor, mosul.country, mosul.tz) == ("Islamic State", "IRQ", "Asia/Baghdad")
    assert mosul.t_start == local("2014-06-10", "Asia/Baghdad")


def test_rejected_rows_name_the_reason(load):
    _, report = load("ucdp_ged231.csv")
    why = dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))
    assert sorted(why) == [6, 7, 8]
    assert why[6].startswith("date_end: ends before date_start")
    assert why[7] == "date_start: not a date (YYYY-MM-DD)"
    assert why[8] == "date_prec: must be 1 to 5"
