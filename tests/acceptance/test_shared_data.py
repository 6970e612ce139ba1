"""Acceptance: every real sample under ../shared/data loads with the counts its SOURCE.md states.

Skipped when the folder is absent (the samples are internal: their terms forbid copying).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import timeline as tl

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not here"),
]


def _load(relative: str, layout: str) -> tuple[pd.DataFrame, tl.IngestReport]:
    path = DATA / relative
    if not path.is_file():
        pytest.skip(f"{relative} is not here")
    events, report = tl.read_events(path, on_error="skip", return_report=True)
    assert report.format == layout  # auto detection
    assert report.rejected["reason"].str.len().gt(0).all()  # never a rejection without a reason
    return events, report


def _midpoints(events: pd.DataFrame) -> pd.Series:
    return events.t_start + (events.t_end - events.t_start) / 2


def _between(values: pd.Series, first: str, last: str) -> bool:
    """All values on local days first..last (UTC, widened by the widest zone offsets)."""
    low = pd.Timestamp(first, tz="UTC") - pd.Timedelta("14h")
    high = pd.Timestamp(last, tz="UTC") + pd.Timedelta("1D") + pd.Timedelta("12h")
    return bool(values.between(low, high).all())


def test_gtd_0718dist_head():
    events, report = _load("gtd-0718dist-1970-1972/globalterrorismdb_0718dist.head.csv", "gtd")
    assert (report.rows_read, len(events), report.n_rejected) == (1209, 1209, 0)
    years = events.source_ref.str[:4].value_counts().to_dict()
    assert years == {"1970": 651, "1971": 471, "1972": 87}
    # "1970-01 ... 1972-03-15" is the file's first and last record; one 1972 row
    # (eventid 197200000001) is dated 25 May 1972 by its iyear/imonth/iday.
    assert _between(events.t_start, "1970-01-01", "1972-12-31")
    assert events.t_start.min() <= pd.Timestamp("1970-01-01 12:00", tz="UTC")
    last = events.loc[events.source_ref == "197203150001"].iloc[0]
    assert last.precision == "day" and _between(
        pd.Series([last.t_start]), "1972-03-15", "1972-03-15"
    )
    actors = events.actor.value_counts()
    assert actors["Provisional IRA"] == 95 and actors["Official IRA"] == 10 and actors["ETA"] == 6
    calls = events["attrs"].map(json.loads).map(lambda a: a.get("claimmode_txt"))
    assert (calls == "Call (pre-incident)").sum() == 5
    assert set(events.kind) == {"attack"}


def test_acled_asia_2015_old_layout():
    events, report = _load("acled-asia-2015-v6/acled.csv", "acled")
    assert (report.rows_read, len(events), report.n_rejected) == (10194, 10194, 0)
    countries = events.country.value_counts()
    assert countries[["IND", "PAK", "BGD", "NPL", "MMR"]].tolist() == [5146, 1800, 1422, 784, 510]
    days = events[events.precision == "day"]
    assert _between(days.t_start, "2015-01-01", "2015-12-31")
    assert _between(_midpoints(events), "2015-01-01", "2015-12-31")
    assert set(events.precision) == {"day", "week", "month"}


def test_acled_api_2016_sorted_columns():
    events, report = _load("acled-api-2016/acled.csv", "acled")
    assert (report.rows_read, len(events), report.n_rejected) == (500, 500, 0)
    assert _between(events[events.precision == "day"].t_start, "2016-06-17", "2016-07-02")
    assert _between(_midpoints(events), "2016-06-17", "2016-07-02")
    countries = events.country.value_counts()
    assert countries[["LBY", "ZAF", "NGA", "SOM"]].tolist() == [54, 53, 46, 44]
    assert events.source_ref.is_unique


def test_gdelt2_export():
    events, report = _load("gdelt2-export-20191024143000/20191024143000.export.CSV", "gdelt2")
    assert report.rows_read == 2111 and report.n_rejected == 0
    kinds = events.kind.value_counts()
    assert (kinds["attack"], kinds["threat"]) == (176 + 43, 24)
    assert report.skipped["CAMEO code not kept"] == 2111 - len(events)
    added = events["attrs"].map(json.loads).map(lambda a: a["DATEADDED"])
    assert set(added) == {"20191024143000"}
    assert (events.t_start < pd.Timestamp("2019-10-25", tz="UTC")).all()  # SQLDATE, not DATEADDED
    assert (events.t_start.dt.year < 2019).any()  # re-reported old events keep their own day


def test_ucdp_ged_231_sample():
    events, report = _load("ucdp-ged-231-sample/ucdpged_sample_ged231.csv", "ucdp")
    assert (report.rows_read, len(events), report.n_rejected) == (1000, 1000, 0)
    attrs = events["attrs"].map(json.loads)
    assert attrs.map(lambda a: a["date_prec"]).value_counts().to_dict() == {
        "1": 849,
        "2": 107,
        "3": 7,
        "4": 23,
        "5": 14,
    }
    assert attrs.map(lambda a: a["type_of_violence"]).value_counts().to_dict() == {
        "1": 707,
        "3": 160,
        "2": 133,
    }
    assert _between(events.t_start, "1989-01-01", "2022-12-31")
    countries = events.country.value_counts()
    assert countries[["SYR", "AFG", "IND"]].tolist() == [265, 135, 57]
