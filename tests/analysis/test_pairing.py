"""Pairing on hand-built cases: the Cairo case, same-day vague rows, selectors, errors."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.analysis.selectors import Select
from timeline.errors import TimelineError

H = pd.Timedelta(hours=1)


def cairo(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="Africa/Cairo").tz_convert("UTC")


def test_cairo_warning_pairs_with_the_car_bomb(cairo_events):
    res = tl.lags(cairo_events, trigger="warning", response="attack", within="7d")
    assert len(res) == 1
    row = res.iloc[0]
    assert row["trigger_id"] == "w1"
    assert row["response_id"] == "a_dir"  # midpoint 06:30 comes before the day rows' 12:00
    assert row["lag_min"] == 4 * H  # bomb from 04:00 Friday - warning until Friday 00:00
    assert row["lag_max"] == 33 * H  # bomb by 09:00 Friday - warning from Thursday 00:00
    assert row["lag"] == pd.Timedelta(hours=18, minutes=30)  # 12:00 Thu -> 06:30 Fri
    assert not row["order_ambiguous"]
    assert not row["censored"]
    assert row["trigger_time"] == cairo("2014-01-23 12:00")


def test_cairo_attack_to_claim_lags(cairo_events):
    res = tl.lags(cairo_events, trigger="attack", response="claim", within="2d")
    assert list(res["trigger_id"]) == ["a_dir", "a2", "a3", "a4"]
    assert (res["response_id"] == "c1").all()
    bomb = res.iloc[0]
    assert bomb["lag_min"] == 8 * H and bomb["lag_max"] == 20 * H
    assert not bomb["order_ambiguous"]
    assert res["order_ambiguous"].iloc[1:].all()  # a day-precision attack vs an evening claim


def test_selector_audio_warning_to_car_bomb(cairo_events):
    sel = tl.lags(
        cairo_events,
        {"kind": "warning", "channel": "audio"},
        Select(kind="attack", subtype="car_bomb"),
        "7d",
    )
    assert list(sel["response_id"]) == ["a_dir"]
    none = tl.lags(cairo_events, {"kind": "warning", "channel": "video"}, "attack", "7d")
    assert none.empty
    assert list(none.columns) == ["actor", *tl.analysis.pairing.COLUMNS]


def same_day(kinds=("warning", "attack")) -> pl.DataFrame:
    day = datetime.fromisoformat("2015-03-02T00:00:00+00:00")
    return pl.DataFrame(
        {
            "event_id": ["g1", "g2"],
            "kind": list(kinds),
            "t_start": [day, day],
            "t_end": [day + timedelta(days=1)] * 2,
            "actor": ["X", "X"],
        }
    )


@pytest.mark.parametrize("direction", ["following", "preceding"])
def test_same_day_vague_rows_are_ambiguous_never_a_certain_zero(direction):
    res = tl.lags(same_day(), "warning", "attack", "7d", direction=direction)
    row = res.iloc[0]
    assert row["lag"] == pd.Timedelta(0)
    assert row["order_ambiguous"]
    assert row["lag_min"] == -pd.Timedelta(days=1) and row["lag_max"] == pd.Timedelta(days=1)
    assert row["lag_min"] < pd.Timedelta(0) < row["lag_max"]


def test_exact_tie_is_lag_zero_and_not_ambiguous():
    t = datetime.fromisoformat("2015-03-02T10:00:00+00:00")
    df = pl.DataFrame(
        {"event_id": ["w", "a"], "kind": ["warning", "attack"], "t_start": [t, t], "t_end": [t, t]}
    )
    row = tl.lags(df, "warning", "attack", "1h", by=None).iloc[0]
    assert row["lag"] == row["lag_min"] == row["lag_max"] == pd.Timedelta(0)
    assert not row["order_ambiguous"]


def test_censoring_at_until_and_window():
    t = datetime.fromisoformat("2015-03-02T00:00:00+00:00")
    df = pl.DataFrame(
        {
            "event_id": ["w1", "w2", "a1"],
            "kind": ["warning", "warning", "attack"],
            "t_start": [t, t + timedelta(days=10), t + timedelta(days=3)],
        }
    )
    res = tl.lags(df, "warning", "attack", "2d", by=None, until=t + timedelta(days=11))
    assert list(res["censored"]) == [True, True]  # a1 is 3 d after w1: outside the window
    assert list(res["followup"]) == [pd.Timedelta(days=2), pd.Timedelta(days=1)]
    assert res["response_id"].isna().all() and res["lag"].isna().all()


def test_preceding_leaves_trigger_empty_when_none_in_window(cairo_events):
    res = tl.lags(cairo_events, "claim", "attack", "7d", direction="preceding")
    assert list(res["response_id"]) == ["a_dir", "a2", "a3", "a4"]
    assert res["trigger_id"].isna().all() and res["censored"].all()


def test_groups_do_not_mix(cairo_events):
    df = cairo_events.copy()
    df.loc[df["event_id"] == "a_dir", "actor"] = "Other"
    res = tl.lags(df, "warning", "attack", "7d")
    assert list(res["response_id"].dropna()) == ["a2"]  # a_dir belongs to someone else
    pooled = tl.lags(df, "warning", "attack", "7d", by=None)
    assert list(pooled["response_id"]) == ["a_dir"]
    assert "actor" not in pooled.columns


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"within": "7 parsecs"}, "not a duration"),
        ({"within": "-3h"}, "not a duration"),
        ({"within": timedelta(hours=-3)}, "negative"),
        ({"trigger": "warnign"}, "not in the vocabulary"),
        ({"trigger": {"kind": "warning", "colour": "red"}}, "unknown field"),
        ({"by": "group"}, "no column"),
        ({"response": "warning"}, "match both"),
        ({"direction": "sideways"}, "direction"),
        ({"until": datetime(2014, 2, 1)}, "naive"),  # noqa: DTZ001 - the point of the test
    ],
)
def test_errors_say_what_and_hint(cairo_events, kwargs, match):
    args = {"trigger": "warning", "response": "attack", "within": "7d", **kwargs}
    with pytest.raises(TimelineError, match=match) as err:
        tl.lags(cairo_events, **args)
    assert "Hint" in str(err.value)


def test_naive_times_are_refused(cairo_events):
    df = cairo_events.assign(t_start=cairo_events["t_start"].dt.tz_localize(None))
    with pytest.raises(TimelineError, match="naive"):
        tl.lags(df, "warning", "attack", "7d")


def test_selector_on_missing_column(cairo_events):
    with pytest.raises(TimelineError, match="no 'channel' column"):
        tl.lags(cairo_events.drop(columns="channel"), {"kind": "warning", "channel": "audio"})
