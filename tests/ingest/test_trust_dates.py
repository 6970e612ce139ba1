"""One date reader for every path: plausible years, two-digit years by a pivot, months as
months, one day/month order per file, dayfirst honoured, date-only columns stay days."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.errors import ValidationError
from timeline.ingest import dates, sources

NEXT = datetime.now(UTC).year + 1
HEADER = "Date,Group,Type,Country\n"


def read(tmp_path, body, *, header=HEADER, name="events.csv", **options):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return tl.read_events(path, on_error="skip", return_report=True, **options)


def reasons(report) -> dict[int, str]:
    return dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))


def day(text: str, zone: str = "Africa/Cairo") -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone).tz_convert("UTC")


@pytest.mark.parametrize(
    ("text", "local", "precision"),
    [
        ("9-May-20", "2020-05-09", "day"),  # a spreadsheet's D-Mon-YY
        ("24-Jan-14", "2014-01-24", "day"),
        ("Jan 24, 14", "2014-01-24", "day"),
        ("24 January 2014", "2014-01-24", "day"),
        ("January 2014", "2014-01-01", "month"),  # not 20 January 0014
        ("Jan 2014", "2014-01-01", "month"),
        ("Jan-2014", "2014-01-01", "month"),
        ("2014-01", "2014-01-01", "month"),
        ("01/2014", "2014-01-01", "month"),
        ("2014", "2014-01-01", "year"),
        ("24/01/2014", "2014-01-24", "day"),
    ],
)
def test_written_forms(text, local, precision):
    out = dates.parse_when(pl.Series([text])).row(0, named=True)
    assert out["error"] is None
    assert (str(out["local"].date()), out["precision"]) == (local, precision)


def test_the_pivot_keeps_years_within_the_hundred_that_end_next_year():
    top = NEXT % 100
    out = dates.parse_when(pl.Series([f"1-Jan-{top:02d}", f"1-Jan-{(top + 1) % 100:02d}"]))
    assert [d.year for d in out["local"]] == [NEXT, NEXT - 99]
    assert out["pivoted"].to_list() == [True, True]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("-2014-01-24", r"year -2014 outside 1900\.\."),
        ("0014-01-24", r"year 14 outside 1900\.\."),
        ("1850-03-01", r"year 1850 outside"),
        (f"{NEXT + 1}-01-01", rf"year {NEXT + 1} outside"),
        ("Jan-14", "cannot read as a date"),  # a day or a year? never guessed
        ("14-01-24", r"year 14 outside"),
    ],
)
def test_implausible_years_are_refused_with_the_reason(text, why):
    out = dates.parse_when(pl.Series([text])).row(0, named=True)
    assert out["local"] is None and out["precision"] is None
    assert re.search(why, out["error"])


def test_years_option_widens_the_range(tmp_path):
    events, report = read(tmp_path, "1850-03-01,A,Car bomb,Egypt\n", years=(1800, 2000))
    middle = events.t_start[0] + (events.t_end[0] - events.t_start[0]) / 2
    assert report.n_rejected == 0 and str(middle.date()) == "1850-03-01"  # (Cairo's LMT)
    _, report = read(tmp_path, "1850-03-01,A,Car bomb,Egypt\n")
    assert "year 1850 outside" in reasons(report)[2]
    with pytest.raises(ValidationError, match=r"line 2: Date: year -2014 outside 1900\.\."):
        tl.read_events(_write(tmp_path, "-2014-01-24,A,Car bomb,Egypt\n"))


def _write(tmp_path, body):
    path = tmp_path / "strict.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_resaved_spreadsheet_loads_in_the_right_years_with_a_note(tmp_path):
    events, report = read(tmp_path, "9-May-20,A,Car bomb,Egypt\n24-Jan-14,A,Shooting,Egypt\n")
    assert list(events.t_start) == [day("2020-05-09"), day("2014-01-24")]
    assert any("two-digit years were read by the pivot" in n for n in report.notes)


def test_month_text_with_a_time_column_stays_a_month(tmp_path):
    body = "January 2014,10:30,A,Car bomb,Egypt\n24 January 2014,10:30,A,Car bomb,Egypt\n"
    events, report = read(tmp_path, body, header="Date,Time,Group,Type,Country\n")
    assert reasons(report) == {
        2: "Time: a clock time for a date known only to the month; give the day too"
    }
    assert events.precision[0] == "minute" and events.t_start[0] == day("2014-01-24 10:30")


def test_one_order_for_the_whole_file_even_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "BATCH_ROWS", 2)
    body = "03/04/2014,A,Car bomb,Egypt\n05/06/2014,A,Car bomb,Egypt\n24/01/2014,A,Car bomb,Egypt\n"
    events, report = read(tmp_path, body)
    # the first batch alone is ambiguous; the file (line 4: day 24) says day first
    assert report.n_rejected == 0
    assert [t.strftime("%m-%d") for t in events.t_start + pd.Timedelta("12h")] == [
        "04-03", "06-05", "01-24"
    ]  # fmt: skip


def test_a_file_with_both_orders_is_refused(tmp_path):
    body = "24/01/2014,A,Car bomb,Egypt\n01/24/2014,A,Car bomb,Egypt\n2014-01-25,A,IED,Egypt\n"
    events, report = read(tmp_path, body)
    assert len(events) == 1  # the ISO row
    assert set(reasons(report)) == {2, 3}
    assert "both day first" in reasons(report)[2]
    events, report = read(tmp_path, body, dayfirst=True)
    assert len(events) == 2 and "cannot read as a date" in reasons(report)[3]


def test_an_ambiguous_file_refuses_only_the_values_that_read_two_ways(tmp_path):
    events, report = read(tmp_path, "01/02/2014,A,IED,Egypt\n05/05/2014,A,IED,Egypt\n")
    assert reasons(report) == {2: "Date: " + dates.AMBIGUOUS}
    assert events.t_start[0] == day("2014-05-05")


ACLED_US = (
    "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,country,"
    "latitude,longitude,fatalities\n"
    "EGY1,01/24/2014,2014,1,Battles,Armed clash,Group A,Egypt,30.05,31.25,0\n"
    "EGY2,03/04/2014,2014,1,Battles,Armed clash,Group A,Egypt,30.05,31.25,0\n"
)


def test_acled_honours_dayfirst_and_the_files_evidence(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_US, encoding="utf-8")
    events = tl.read_events(path).set_index("source_ref")
    assert events.t_start["EGY2"] == day("2014-03-04")  # month first, as line 2 shows
    path.write_text(ACLED_US.replace("01/24/2014", "05/05/2014"), encoding="utf-8")
    events = tl.read_events(path, dayfirst=True).set_index("source_ref")
    assert events.t_start["EGY2"] == day("2014-04-03")
    with pytest.raises(ValidationError, match="ambiguous day/month order"):
        tl.read_events(path)


def test_midnight_datetime_columns_are_days_and_clock_columns_stay_exact(tmp_path):
    frame = pd.DataFrame(
        {
            "Date": pd.to_datetime(["2014-01-24", "2014-01-25"]),
            "Type": ["IED", "IED"],
            "Country": ["Egypt", "Egypt"],
        }
    )
    events = tl.read_events(frame)
    assert list(events.precision) == ["day", "day"]
    assert events.t_end[0] - events.t_start[0] == pd.Timedelta("1D")
    frame["Date"] = pd.to_datetime(["2014-01-24 00:00", "2014-01-25 06:30"])
    assert list(tl.read_events(frame).precision) == ["minute", "minute"]
    frame["Date"] = pd.to_datetime(["2014-01-24", "2014-01-25"])
    frame.to_parquet(tmp_path / "events.parquet")
    assert list(tl.read_events(tmp_path / "events.parquet").precision) == ["day", "day"]


def test_excel_date_cells_at_midnight_are_days(tmp_path):
    frame = pd.DataFrame(
        {"Date": [datetime(2014, 1, 24), datetime(2014, 1, 25)], "Type": ["IED"] * 2,  # noqa: DTZ001
         "Country": ["Egypt"] * 2}
    )  # fmt: skip
    frame.to_excel(tmp_path / "events.xlsx", index=False)
    events = tl.read_events(tmp_path / "events.xlsx")
    assert list(events.precision) == ["day", "day"]


def test_a_numeric_date_with_a_clock_time_follows_the_files_order(tmp_path):
    body = (
        "03/04/2014 20:00,A,Car bomb,Egypt\n"  # the file is day first (line 4 says so)
        "2014-03-04 20:00,A,Car bomb,Egypt\n"
        "24/01/2014,A,IED,Egypt\n"
        "03.04.2014 8:30 p.m.,A,IED,Egypt\n"
        "03/04/2014 25:00,A,IED,Egypt\n"  # no such time: unread, not a day
    )
    events, report = read(tmp_path, body)
    assert list(reasons(report)) == [6] and "cannot read as a date" in reasons(report)[6]
    assert list(events.t_start) == [  # in file order
        day("2014-04-03 20:00"), day("2014-03-04 20:00"), day("2014-01-24"),
        day("2014-04-03 20:30"),
    ]  # fmt: skip
    assert list(events.precision) == ["minute", "minute", "day", "minute"]
    timed = events.precision == "minute"
    assert (events.t_start[timed] == events.t_end[timed]).all()  # a minute is an instant
    month_first, _ = read(tmp_path, "03/04/2014 20:00,A,IED,Egypt\n", dayfirst=False)
    assert month_first.t_start[0] == day("2014-03-04 20:00")


def test_a_numeric_date_time_whose_order_the_file_cannot_decide_is_refused(tmp_path):
    body = "03/04/2014 20:00,A,IED,Egypt\n05/05/2014 07:00,A,IED,Egypt\n"
    events, report = read(tmp_path, body)
    assert reasons(report) == {2: "Date: " + dates.AMBIGUOUS}
    assert list(events.t_start) == [day("2014-05-05 07:00")]


def test_written_midnight_clocks_of_a_resaved_export_are_days(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "BATCH_ROWS", 2)  # the decision holds across batches
    body = (
        "2021-04-03 00:00:00,,A,Car bomb,Egypt\n2021-04-03 00:00:00,14:30,A,Car bomb,Egypt\n"
        "2021-04-05 00:00,,A,IED,Egypt\n"
    )
    events, report = read(tmp_path, body, header="Date,Time,Group,Type,Country\n")
    assert report.n_rejected == 0
    assert list(events.precision) == ["day", "minute", "day"]
    assert events.t_start[1] == day("2021-04-03 14:30")  # the Time column is not dropped


def test_a_real_midnight_in_a_column_of_clock_times_stays_a_clock_time(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "BATCH_ROWS", 2)
    body = (
        "2021-04-03 00:00:00,A,Car bomb,Egypt\n2021-04-04 00:00:00,A,Car bomb,Egypt\n"
        "2021-04-05 14:30:00,A,IED,Egypt\n"
    )
    events, _ = read(tmp_path, body)
    assert list(events.precision) == ["minute", "minute", "minute"]


def test_a_date_and_a_time_column_that_disagree_are_refused(tmp_path):
    body = "2021-04-04 14:30,09:00,A,Car bomb,Egypt\n2021-04-04 14:30,14:30,A,IED,Egypt\n"
    _, report = read(tmp_path, body, header="Date,Time,Group,Type,Country\n")
    assert reasons(report) == {2: "Time: the date already has another clock time (14:30); keep one"}


@pytest.mark.parametrize(
    ("text", "hint"),
    [("44290", "a spreadsheet's day number?"), ("Apr-21", "write the year in full")],
)
def test_spreadsheet_forms_are_refused_with_what_they_likely_are(text, hint):
    error = dates.parse_when(pl.Series([text])).get_column("error")[0]
    assert error.startswith("cannot read as a date (") and hint in error


def test_a_spreadsheets_us_date_time_with_a_two_digit_year_is_read_in_the_files_order(tmp_path):
    # Excel writes "1/24/14 14:30" for a US date-time; the file's order comes from 1/24
    # (Egypt: the clock times are Cairo's)
    body = "1/24/14 14:30,A,IED,Egypt\n2/3/14 9:05 PM,A,IED,Egypt\n"
    events, report = read(tmp_path, body, tz="UTC")
    assert report.n_rejected == 0
    assert cairo(events) == ["2014-01-24 14:30", "2014-02-03 21:05"]
    assert set(events["precision"]) == {"minute"}
    assert any("two-digit years were read by the pivot" in n for n in report.notes)
    # the same values day first: 24/01/14 is the 24th, 3/2/14 the 3rd of February
    events, report = read(tmp_path, "24/01/14 14:30,A,IED,Egypt\n3/2/14 21:05,A,IED,Egypt\n",
                          tz="UTC")  # fmt: skip
    assert cairo(events) == ["2014-01-24 14:30", "2014-02-03 21:05"]
    # a clock that is no time leaves the value unread, never a day without it
    _, report = read(tmp_path, "1/24/14 25:00,A,IED,Egypt\n", tz="UTC")
    assert "cannot read as a date" in reasons(report)[2]


def cairo(events) -> list[str]:
    return sorted(events["t_start"].dt.tz_convert("Africa/Cairo").dt.strftime("%Y-%m-%d %H:%M"))


@pytest.mark.parametrize(
    ("written", "local", "instant"),
    [
        ("24 January 2014 14:30", "2014-01-24 14:30", None),
        ("Jan 24, 2014 2:30 PM", "2014-01-24 14:30", None),
        ("Friday, January 24, 2014 at 6:30 a.m.", "2014-01-24 06:30", None),
        ("24 January 2014 at 9 pm", "2014-01-24 21:00", None),
        ("2014-01-24 2:30pm", "2014-01-24 14:30", None),
        ("24/01/2014 14h30", "2014-01-24 14:30", None),
        ("2014-01-24 14:30 UTC", None, "2014-01-24 14:30"),  # said to be UTC: an instant
        ("2014-01-24 14:30 GMT+2", None, "2014-01-24 12:30"),
        ("24 January 2014 14:30 UTC-05:30", None, "2014-01-24 20:00"),
    ],
)
def test_a_written_date_with_a_clock_is_exact_to_the_minute(written, local, instant):
    out = dates.parse_when(pl.Series([written]), order="dmy").row(0, named=True)
    assert out["error"] is None and out["precision"] == "minute"
    fmt = "%Y-%m-%d %H:%M"
    assert (out["local"] and out["local"].strftime(fmt)) == local
    assert (out["instant"] and out["instant"].strftime(fmt)) == instant


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("January 2014 14:30", "a clock time for a date known only to the month"),
        ("24 January 1850 14:30", "year 1850 outside"),
        ("24 January 2014 25:00", "cannot read as a date"),
        ("2014-01-24 14:30 EET", "cannot read as a date"),  # an abbreviation: which EET?
    ],
)
def test_a_clock_the_date_cannot_hold_is_refused_with_its_reason(written, reason):
    out = dates.parse_when(pl.Series([written]), order="dmy").row(0, named=True)
    assert out["local"] is None and out["instant"] is None and reason in out["error"]


def test_a_time_column_beside_a_date_with_its_own_utc_time_is_refused(tmp_path):
    body = "2014-01-24T14:30Z,10:00,A,IED,Egypt\n2014-01-24 14:30 UTC,,A,IED,Egypt\n"
    events, report = read(tmp_path, body, header="Date,Time,Group,Type,Country\n")
    assert reasons(report) == {
        2: "Time: the date already has another clock time (14:30 UTC); keep one"
    }
    assert events["t_start"].dt.strftime("%H:%M").to_list() == ["14:30"]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("24 janvier 2014", "2014-01-24"),
        ("1er mars 2015", "2015-03-01"),
        ("24 de enero de 2014", "2014-01-24"),
        ("5 août 2013", "2013-08-05"),
        ("24. März 2014", "2014-03-24"),
        ("3 de março de 2015", "2015-03-03"),
    ],
)
def test_month_names_in_french_spanish_portuguese_and_german_are_read(written, day):
    out = dates.parse_when(pl.Series([written]), order="dmy").row(0, named=True)
    assert out["precision"] == "day" and out["local"].strftime("%Y-%m-%d") == day


def test_a_foreign_month_alone_is_a_month_and_a_place_name_is_no_month():
    out = dates.parse_when(pl.Series(["mai 2014", "Marseille 2014"]), order="dmy")
    assert out["precision"].to_list() == ["month", None]
