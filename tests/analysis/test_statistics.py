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
from timeline.analysis.summary import bootstrap_stats, wilson
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


def test_quantiles_by_hand():
    stats = bootstrap_stats(np.array([1.0, 2.0, 3.0, 4.0, 10.0]), n_boot=200, confidence=0.9,
                            seed=0)  # fmt: skip
    assert stats["median"][0] == 3.0
    assert stats["p25"][0] == 2.0 and stats["p75"][0] == 4.0
    assert stats["p10"][0] == pytest.approx(1.4)  # linear: 1 + 0.4 * (2 - 1)
    assert stats["mean"][0] == 4.0
    assert stats["median"][1] <= 3.0 <= stats["median"][2]


def test_summary_counts_and_display():
    s = tl.lag_summary(pairs_from([1, 2, 3, 5 + 40 / 60, None]), n_boot=100).iloc[0]
    assert (s["n_triggers"], s["n_followed"], s["n_censored"]) == (5, 4, 1)
    assert s["hit_rate"] == 0.8
    assert s["median"] == 2.5 * H
    assert display.interval(s["median"], s["median_low"], s["median_high"]).startswith(
        "2 h 30 min ["
    )
    assert s["p90"].total_seconds() == pytest.approx((3 + 0.7 * (5 + 40 / 60 - 3)) * 3600)
    # KM: S drops to 0.8, 0.6, 0.4 at 1, 2, 3 h: the median is 3 h
    assert s["km_median"] == 3 * H and s["km_method"] == "kaplan-meier"


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
    p = pairs_from([1, 2, None, 3, 3, None, 7, 8], followup_h=5)
    curve = tl.survival(p)
    time_h = np.where(p["censored"], 5, p["lag"] / H)
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
    # all mass lies in [8 h, 20 h] (car bomb's interval): nothing before 8 h, all by 20 h
    curve["time_h"] = curve["time"] / H
    assert curve.loc[curve["time_h"] <= 8, "survival"].min() == pytest.approx(1.0)
    assert curve["survival"].iloc[-1] == pytest.approx(0.0, abs=1e-6)
    assert curve["time_h"].iloc[-1] == 20
    km = tl.survival(pairs, interval=False)
    assert set(km["method"]) == {"kaplan-meier"}


def test_humanize_and_durations():
    assert humanize(5 * 3600 + 40 * 60) == "5 h 40 min"
    assert humanize(2 * 86400 + 3 * 3600) == "2 d 3 h"
    assert humanize(3599.6) == "1 h" and humanize(45) == "45 s" and humanize(-4 * 3600) == "-4 h"
    assert humanize(float("nan")) == ""
    assert to_us("90min") == to_us("1h30min") == 90 * 60 * 10**6
    assert to_us("2w") == 14 * 86400 * 10**6


def test_large_sample_bootstrap_matches_drawn_replicates():
    from timeline.analysis import summary

    rng = np.random.default_rng(3)
    x = rng.lognormal(10, 1, 3_000)
    exact = summary.bootstrap_stats(x, n_boot=0, confidence=0.95, seed=0)
    old, summary.EXACT_FROM = summary.EXACT_FROM, 10**9
    try:
        drawn = summary.bootstrap_stats(x, n_boot=1000, confidence=0.95, seed=0)
    finally:
        summary.EXACT_FROM = old
    for name in ("p10", "median", "p90", "mean"):
        point, low, high = exact[name]
        _, d_low, d_high = drawn[name]
        width = d_high - d_low
        assert low < point < high
        assert abs(low - d_low) < 0.15 * width and abs(high - d_high) < 0.15 * width, name
