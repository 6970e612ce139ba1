"""A range of days in one date cell is the interval a Start and an End column would give."""

from __future__ import annotations

import polars as pl
import pytest

import timeline as tl

HEADER = "Date,Type,Group,Country\n"


def _load(tmp_path, body: str, header: str = HEADER, **options):
    path = tmp_path / "ranges.csv"
    path.write_text(header + body, encoding="utf-8")
    return tl.read_events(path, on_error="skip", return_report=True, output="polars", **options)


def _cairo(column: pl.Series) -> list[str]:
    return column.dt.convert_time_zone("Africa/Cairo").dt.strftime("%Y-%m-%d %H:%M").to_list()


@pytest.mark.parametrize(
    "written",
    [
        "24-26 January 2014",
        "24–26 January 2014",  # an en dash
        '"January 24-26, 2014"',
        "2014-01-24/2014-01-26",
        "24/01/2014 - 26/01/2014",
        "24 January 2014 to 26 January 2014",
        '"Jan 24, 2014 until Jan 26, 2014"',
    ],
)
def test_a_range_of_days_is_the_interval_from_its_first_to_its_last_day(tmp_path, written):
    events, report = _load(tmp_path, f"{written},Siege attack,A,Egypt\n")
    assert report.n_rejected == 0
    assert _cairo(events["t_start"]) == ["2014-01-24 00:00"]
    assert _cairo(events["t_end"]) == ["2014-01-27 00:00"]  # the end of the 26th
    assert events["precision"].cast(str).to_list() == ["day"]


def test_months_make_a_range_of_months_and_a_backwards_range_is_refused(tmp_path):
    body = "January 2014 - March 2014,IED,A,Egypt\n26-24 January 2014,IED,B,Egypt\n"
    events, report = _load(tmp_path, body)
    assert _cairo(events["t_start"]) == ["2014-01-01 00:00"]
    assert _cairo(events["t_end"]) == ["2014-04-01 00:00"]
    reasons = report.rejected_rows.select("line", "reason").rows()
    assert reasons == [(3, "Date: the range ends before it starts")]


def test_a_range_beside_an_end_column_is_not_guessed_at(tmp_path):
    events, report = _load(tmp_path, "24-26 January 2014,2014-01-30,IED,A,Egypt\n",
                           header="Date,End,Type,Group,Country\n")  # fmt: skip
    assert events.height == 0
    assert "cannot read as a date" in report.rejected_rows.item(0, "reason")


def test_a_dataset_date_holds_one_day_never_a_range(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,actor1,country\n"
        "EGY1,24-26 January 2014,Battles,A,Egypt\n",
        encoding="utf-8",
    )
    events, report = tl.read_events(path, on_error="skip", return_report=True)
    assert len(events) == 0 and report.n_rejected == 1
