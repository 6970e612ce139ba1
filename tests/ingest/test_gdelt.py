"""GDELT adapters: 2.0 (61 columns), 1.0 with 57- and 58-column rows, CAMEO codes, day trap."""

from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest

import timeline as tl

CAIRO = "Africa/Cairo"
GDELT2 = "20140125093000.export.CSV"


def local(text: str, zone: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone).tz_convert("UTC")


def test_gdelt2_kinds_subtypes_and_places(load):
    events, report = load(GDELT2)
    assert report.format == "gdelt2"
    assert report.rows_read == 7 and report.skipped == {"CAMEO code not kept": 1}
    threat, bomb, claim = (events.loc[i] for i in ("300000001", "300000002", "300000003"))
    assert (threat.kind, bomb.kind, bomb.subtype, claim.kind) == (
        "threat",
        "attack",
        "car_bomb",
        "claim",
    )
    assert events.loc["300000007"].subtype == "suicide_bombing"
    assert events.loc["300000007"].actor == "Islamic State"
    assert (bomb.actor, bomb.actor_raw) == ("Ansar Bayt al-Maqdis", "ANSAR BAYT AL-MAQDIS")
    assert (bomb.country, bomb.tz, bomb.location) == ("EGY", CAIRO, "Cairo, Al Qahirah, Egypt")
    assert bomb.url == "https://example.org/car-bomb" and bomb.confidence == 0.5
    assert events.loc["300000007"].country == "IRQ"


def test_sqldate_is_the_day_and_dateadded_only_an_attribute(load):
    events, _ = load(GDELT2)
    bomb = events.loc["300000002"]
    assert bomb.precision == "day"
    assert (bomb.t_start, bomb.t_end) == (local("2014-01-24", CAIRO), local("2014-01-25", CAIRO))
    attrs = json.loads(bomb["attrs"])
    assert attrs["DATEADDED"] == "20140125093000" and attrs["EventCode"] == "1832"
    assert attrs["fips"] == "EG"


def test_bad_rows_are_reported_by_line(load):
    _, report = load(GDELT2)
    why = dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))
    assert why == {
        5: "row: a GDELT 2.0 row has 61 tab-separated fields",
        6: "SQLDATE: not a date (YYYYMMDD)",
    }


def test_gdelt1_file_mixing_57_and_58_columns(load):
    events, report = load("gdelt1_mixed.CSV")
    assert report.format == "gdelt1" and report.n_rejected == 0
    assert sorted(events.index) == ["1000001", "1000002", "1000003"]
    london = events.loc["1000001"]
    assert (london.subtype, london.actor, london.country) == ("ied", "al-Qaeda", "GBR")
    assert pd.isna(london.url)  # backfile rows have no SOURCEURL
    assert events.loc["1000002"].kind == "threat"
    assert events.loc["1000003"].url == "https://example.org/kandahar"
    assert events.loc["1000003"].subtype == "shooting"


def test_cameo_option_keeps_more_codes(load):
    events, report = load(GDELT2, cameo={"04": "statement"})
    assert events.loc["300000004"].kind == "statement"
    assert report.skipped == {}
    events, _ = load("gdelt1_mixed.CSV", cameo=["042"])
    assert events.loc["1000004"].kind == "other"


def test_zipped_export_is_recognised(load, fixtures, tmp_path):
    path = tmp_path / "20140125093000.export.CSV.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(fixtures / GDELT2, GDELT2)
    events, report = load(path)
    assert report.format == "gdelt2" and len(events) == 4


def test_same_day_threat_and_attack_are_order_ambiguous(load):
    """The sub-day trap: a day-level source cannot say which came first on 24 January."""
    events, _ = load(GDELT2)
    threat, bomb = events.loc["300000001"], events.loc["300000002"]
    assert (threat.t_start, threat.t_end) == (bomb.t_start, bomb.t_end)
    api = pytest.importorskip("timeline.api")
    assert api.lags is tl.lags
    pairs = tl.lags(
        events.reset_index(drop=True), trigger="threat", response="attack", within="7d", by=None
    )
    row = pairs.set_index("trigger_id").loc["gdelt-300000001"]
    assert row.response_id == "gdelt-300000002"
    assert bool(row.order_ambiguous)
    assert row.lag_min < pd.Timedelta(0) < row.lag_max
