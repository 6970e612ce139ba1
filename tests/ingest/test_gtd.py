"""GTD adapter: 0718dist columns, cp1252 and UTF-8, unknown days/months, extended incidents."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import timeline as tl

CAIRO = "Africa/Cairo"


def local(text: str, zone: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone).tz_convert("UTC")


def reasons(report: tl.IngestReport) -> dict[int, str]:
    return dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))


def test_cp1252_export_reads_with_dates_subtypes_and_attrs(load):
    events, report = load("gtd_0718dist_cp1252.csv")
    assert report.format == "gtd"
    assert report.rows_read == 13 and len(events) == 9
    bomb = events.loc["201401240001"]
    assert bomb.event_id == "gtd-201401240001"
    assert (bomb.kind, bomb.subtype, bomb.precision) == ("attack", "car_bomb", "day")
    assert bomb.t_start == local("2014-01-24", CAIRO) and bomb.t_end == local("2014-01-25", CAIRO)
    assert bomb.actor == "Ansar Bayt al-Maqdis"
    assert bomb.actor_raw == "Ansar Bayt al-Maqdis (Ansar Jerusalem)"
    assert (bomb.killed, bomb.wounded, bomb.country, bomb.tz) == (4, 76, "EGY", CAIRO)
    assert "café" in bomb.excerpt  # byte 0xE9 in the cp1252 file
    attrs = json.loads(bomb["attrs"])
    assert attrs["claimed"] == "1" and attrs["claimmode_txt"] == "Internet"
    assert attrs["sources"] == [
        "Ahram Online, 24 January 2014.",
        "Egypt Independent, 24 January 2014.",
    ]
    assert set(events.kind) == {"attack"}  # no claim event with a made-up time


def test_utf8_export_gives_the_same_events(load):
    cp, _ = load("gtd_0718dist_cp1252.csv")
    utf, report = load("gtd_0718dist_utf8.csv")
    assert report.n_rejected == 0 and len(utf) == 3
    pd.testing.assert_frame_equal(utf, cp.loc[utf.index])


def test_unknown_day_month_and_extended_intervals(load):
    events, report = load("gtd_0718dist_cp1252.csv")
    month = events.loc["201401000001"]
    assert month.precision == "month" and month.time_text == "January 2014"
    assert (month.t_start, month.t_end) == (local("2014-01-01", CAIRO), local("2014-02-01", CAIRO))
    year = events.loc["201400000001"]
    assert year.precision == "year"
    assert (year.t_start, year.t_end) == (local("2014-01-01", CAIRO), local("2015-01-01", CAIRO))
    hostage = events.loc["201401250001"]
    assert (hostage.subtype, hostage.precision) == ("kidnapping", "day")
    assert (hostage.t_start, hostage.t_end) == (
        local("2014-01-25", CAIRO),
        local("2014-01-29", CAIRO),
    )
    open_ended = events.loc["201401260001"]
    assert open_ended.t_end - open_ended.t_start == pd.Timedelta("1D")
    assert any("without a resolution date" in n for n in report.notes)


def test_subtypes_from_attack_and_weapon_types(load):
    events, _ = load("gtd_0718dist_cp1252.csv")
    assert events.loc["201401270001"].subtype == "suicide_bombing"
    assert events.loc["201401280001"].subtype == "grenade"
    shooting = events.loc["201401290001"]
    assert shooting.subtype == "shooting" and pd.isna(shooting.actor) and pd.isna(shooting.killed)
    assert events.loc["201401300001"].subtype == "assassination"


def test_bad_rows_are_rejected_by_line_with_a_reason(load, fixtures):
    _, report = load("gtd_0718dist_cp1252.csv")
    why = reasons(report)
    assert set(why) == {11, 12, 13, 14}
    assert "imonth: month must be 0 (unknown) to 12" in why[11]
    assert "no such date" in why[12]
    assert "nkill: not a number" in why[13]
    assert "resolution date before the incident's start" in why[14]
    with pytest.raises(tl.ValidationError, match="11"):
        tl.read_events(fixtures / "gtd_0718dist_cp1252.csv")


def test_excel_export_reads_like_the_csv(load, fixtures, tmp_path):
    frame = pd.read_csv(fixtures / "gtd_0718dist_utf8.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "globalterrorismdb_0718dist.xlsx"
    frame.to_excel(path, index=False)
    events, report = load(path)
    assert report.format == "gtd" and len(events) == 3
    assert events.loc["201401240001"].t_start == local("2014-01-24", CAIRO)
