"""ACLED adapter: the old UPPERCASE layout, the 2019-era export and the current ISO one."""

from __future__ import annotations

import json

import pandas as pd

import timeline as tl

CAIRO, MOGADISHU = "Africa/Cairo", "Africa/Mogadishu"


def local(text: str, zone: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone).tz_convert("UTC")


def reasons(report: tl.IngestReport) -> dict[int, str]:
    return dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))


def test_old_uppercase_layout_with_precision_codes(load):
    events, report = load("acled_v6_uppercase.csv")
    assert report.format == "acled" and report.rows_read == 7 and len(events) == 4
    bomb = events.loc["101EGY"]
    assert (bomb.event_id, bomb.kind, bomb.precision) == ("acled-101EGY", "attack", "day")
    assert (bomb.t_start, bomb.t_end) == (local("2014-01-24", CAIRO), local("2014-01-25", CAIRO))
    assert bomb.excerpt == "Car bomb at the Security Directorate.\nFour killed."  # bare LF kept
    assert (bomb.actor, bomb.killed, bomb.country) == ("Ansar Bayt al-Maqdis", 4, "EGY")
    assert json.loads(bomb["attrs"])["sources"] == "Ahram Online"
    week = events.loc["102EGY"]  # precision 2: seven days centred on 22 January
    assert (week.precision, week.subtype) == ("week", "armed_assault")
    assert (week.t_start, week.t_end) == (local("2014-01-19", CAIRO), local("2014-01-26", CAIRO))
    month = events.loc["103EGY"]  # precision 3: the calendar month
    assert (month.t_start, month.t_end) == (local("2014-01-01", CAIRO), local("2014-02-01", CAIRO))
    assert month.kind == "attack"  # "Violence Against Civilians", odd case and all
    assert events.loc["104EGY"].kind == "other"


def test_old_layout_rejects_bad_dates_precisions_and_types(load):
    _, report = load("acled_v6_uppercase.csv")
    why = reasons(report)
    assert list(why) == [6, 7, 8]  # records, header = 1 (a quoted note may span lines)
    assert why[6].startswith("event_date: cannot read as a date")
    assert why[7] == "time_precision: must be 1 (day), 2 (week) or 3 (month)"
    assert why[8].startswith("event_type: unknown ACLED event type")


def test_2019_export_sub_event_types(load):
    events, report = load("acled_2019_export.csv")
    assert report.format == "acled" and len(events) == 6
    assert events.loc["EGY1"].subtype == "ied"
    assert events.loc["EGY1"].t_start == local("2014-01-24", CAIRO)
    assert events.loc["EGY2"].subtype == "suicide_bombing"
    assert events.loc["EGY3"].subtype == "grenade" and events.loc["EGY3"].precision == "week"
    assert events.loc["EGY4"].subtype == "rocket" and events.loc["EGY4"].precision == "month"
    arrest = events.loc["EGY5"]
    assert arrest.kind == "arrest" and pd.isna(arrest.subtype)
    assert events.loc["EGY6"].subtype == "kidnapping"
    assert reasons(report) == {8: "fatalities: not a number"}
    assert (
        json.loads(events.loc["EGY1", "attrs"])["timestamp"] == "1552577412"
    )  # not the event time


def test_current_iso_export(load):
    events, report = load("acled_current.csv")
    assert report.format == "acled" and len(events) == 3
    ied = events.loc["SOM50001"]
    assert (ied.actor, ied.subtype, ied.tz) == ("al-Shabaab", "ied", MOGADISHU)
    assert ied.t_start == local("2024-06-14", MOGADISHU)
    week = events.loc["SOM50002"]
    midpoint = week.t_start + (week.t_end - week.t_start) / 2
    assert midpoint == ied.t_start + pd.Timedelta("12h")  # the recorded day stays the middle
    assert events.loc["SOM50003"].kind == "other"
    assert reasons(report) == {5: "event_id_cnty: missing event_id_cnty"}
