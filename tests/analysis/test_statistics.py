"""Statistics against hand-computed values and against lifelines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter

import timeline as tl
from timeline import display
from timeline.analysis import turnbull
from timeline.analysis.durations import to_us
from timeline.analysis.summary import wilson
from timeline.analysis.survival import kaplan_meier, median_time
from timeline.display import duration as humanize

H = pd.Timedelta(hours=1)


def pairs_from(lags_h: list[float | None], followup_h: float = 48.0) -> pd.DataFrame:
    """Exact lags in hours; None is a censored trigger followed up for `followup_h`."""
    lag = pd.to_timedelta([np.nan if x is None else x for x in lags_h], unit="h")
    return pd.DataFrame(
        {
            "lag": lag, "lag_min": lag, "lag_max": lag,
            "censored": [x is None for x in lags_h],
            "followup": pd.to_timedelta([followup_h] * len(lags_h), unit="h"),
            "order_ambiguous": False,
        }
    )  # fmt: skip


def seconds_frame(curve) -> pd.DataFrame:
    """A polars curve as pandas with its times in seconds (as lifelines gives them)."""
    return curve.to_pandas().assign(time_s=lambda d: d["time"].dt.total_seconds())


def test_wilson_by_hand():
    # p = 0.3, n = 10, z = 1.959964: centre 0.3553, half-width 0.2477
    lo, hi = wilson(3, 10)
    assert lo == pytest.approx(0.10779, abs=1e-5) and hi == pytest.approx(0.60322, abs=1e-5)
    assert wilson(0, 5)[0] == 0.0 and wilson(5, 5)[1] == 1.0


def test_summary_counts_and_display():
    # exact lags 1, 2, 3, 5 h 40 min and one censored trigger (followed up 48 h)
    s = tl.lag_summary(pairs_from([1, 2, 3, 5 + 40 / 60, None]), n_boot=100).iloc[0]
    assert (s["n_triggers"], s["n_followed"], s["n_censored"]) == (5, 4, 1)
    assert s["hit_rate"] == s["hit_rate_min"] == s["hit_rate_max"] == 0.8
    # exact data: the bounds meet; the median is the 2nd order statistic (ceil(0.5 * 4))
    assert s["median"] == s["median_min"] == s["median_max"] == 2 * H
    assert s["median_low"] <= 2 * H <= s["median_high"]
    assert display.figure(s["median"], s["median_min"], s["median_max"], s["median_low"],
                          s["median_high"]).startswith("2 h [")  # fmt: skip
    assert s["p90"] == (5 + 40 / 60) * H  # ceil(0.9 * 4) = 4th
    # KM: S drops to 0.8, 0.6, 0.4 at 1, 2, 3 h: the median is 3 h; 1 - S(48 h) = 0.8
    assert s["km_median"] == 3 * H and s["km_method"] == "kaplan-meier"
    assert s["p_within"] == pytest.approx(0.8)


def test_summary_per_group_and_seeded():
    p = pairs_from([1, 2, 3, None, 4, 6]).assign(actor=list("AAABBB"))
    a = tl.lag_summary(p, by="actor", n_boot=300, seed=3)
    b = tl.lag_summary(p, by="actor", n_boot=300, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert list(a["actor"]) == ["A", "B"] and list(a["n_followed"]) == [3, 2]


def test_km_by_hand():
    # times 1, 2+, 3, 3, 4: S(1) = 4/5, S(3) = 4/5 * (1 - 2/3) = 4/15
    c = kaplan_meier(np.array([1.0, 2, 3, 3, 4]), np.array([1, 0, 1, 1, 0], bool), 0.95)
    at = c.to_pandas().assign(time_s=lambda d: d["time"].dt.total_seconds()).set_index("time_s")
    assert at.loc[1.0, "survival"] == pytest.approx(0.8)
    assert at.loc[3.0, "survival"] == pytest.approx(4 / 15)
    assert at.loc[3.0, "at_risk"] == 3 and at.loc[3.0, "events"] == 2
    assert median_time(c)[0] == 3.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_km_against_lifelines(seed):
    rng = np.random.default_rng(seed)
    t = np.round(rng.exponential(10, size=60), 1)
    e = rng.random(60) < 0.7
    ours = seconds_frame(kaplan_meier(t, e, 0.95)).iloc[1:].drop_duplicates("time_s", keep="last")
    kmf = KaplanMeierFitter().fit(t, e)
    ref = kmf.survival_function_.join(kmf.confidence_interval_).loc[ours["time_s"]]
    np.testing.assert_allclose(ours["survival"], ref.iloc[:, 0], rtol=1e-10)
    np.testing.assert_allclose(ours["lower"], ref.iloc[:, 1], rtol=1e-8)
    np.testing.assert_allclose(ours["upper"], ref.iloc[:, 2], rtol=1e-8)
    assert median_time(kaplan_meier(t, e, 0.95))[0] == kmf.median_survival_time_


def test_survival_from_pairs_matches_lifelines():
    p = pairs_from([1, 2, None, 3, 3, None, 7, 8], followup_h=10)
    curve = tl.survival(p, n_boot=50)
    time_h = np.where(p["censored"], 10, p["lag"] / H)
    kmf = KaplanMeierFitter().fit(time_h, ~p["censored"])
    curve["time_h"] = curve["time"] / H
    last = curve.drop_duplicates("time_h", keep="last").set_index("time_h")["survival"]
    ref = kmf.survival_function_.iloc[:, 0]
    np.testing.assert_allclose(last.loc[ref.index], ref.to_numpy())
    assert set(curve["method"]) == {"kaplan-meier"}


def test_turnbull_equals_km_on_exact_data():
    rng = np.random.default_rng(5)
    t = np.round(rng.exponential(10, size=40))
    e = rng.random(40) < 0.7
    left, right = np.where(e, t, np.nextafter(t, np.inf)), np.where(e, t, np.inf)
    _q, p, mass = turnbull.fit(left, right, np.ones(40), tol=1e-12, max_iter=100_000)
    km = seconds_frame(kaplan_meier(t, e, 0.95))
    km = km[km["events"] > 0]
    np.testing.assert_allclose(p[np.isfinite(p)], km["time_s"])
    np.testing.assert_allclose((1 - np.cumsum(mass[0]))[: len(km)], km["survival"], atol=1e-6)


def test_turnbull_by_hand_on_overlapping_intervals():
    # [0, 2] and [1, 3]: the only innermost interval is [1, 2], which takes all the mass
    q, p, mass = turnbull.fit(np.array([0.0, 1]), np.array([2.0, 3]), np.ones(2))
    assert list(q) == [1.0] and list(p) == [2.0] and mass[0, 0] == pytest.approx(1.0)


def test_vague_lags_use_turnbull(cairo_events):
    pairs = tl.lags(cairo_events, "attack", "claim", "2d")
    curve = tl.survival(pairs, n_boot=50)
    assert set(curve["method"]) == {"turnbull"}
    # no followed lag can be under 8 h but the order-unknown ones (counted as hits in
    # survival_min): the estimate stays at 1 up to 8 h
    curve["time_h"] = curve["time"] / H
    assert curve.loc[curve["time_h"] <= 8, "survival"].min() == pytest.approx(1.0)
    # the curve runs to the window (censored triggers do not cut the axis), where it is
    # 1 - the summary's P(response within the window), bounds included
    assert curve["time_h"].iloc[-1] == 48
    s = tl.lag_summary(pairs, n_boot=50).iloc[0]
    end = curve.iloc[-1]
    assert end["survival"] == pytest.approx(1 - s["p_within"])
    assert end["survival_min"] == pytest.approx(1 - s["p_within_max"])
    assert end["survival_max"] == pytest.approx(1 - s["p_within_min"])
    assert (curve["lower"] <= curve["survival_min"] + 1e-9).all()
    assert (curve["upper"] >= curve["survival_max"] - 1e-9).all()
    km = tl.survival(pairs, interval=False)
    assert set(km["method"]) == {"kaplan-meier (midpoints)"}


def test_humanize_and_durations():
    assert humanize(5 * 3600 + 40 * 60) == "5 h 40 min"
    assert humanize(2 * 86400 + 3 * 3600) == "2 d 3 h"
    assert humanize(3599.6) == "1 h" and humanize(45) == "45 s" and humanize(-4 * 3600) == "-4 h"
    assert humanize(float("nan")) == ""
    assert to_us("90min") == to_us("1h30min") == 90 * 60 * 10**6
    assert to_us("2w") == 14 * 86400 * 10**6
