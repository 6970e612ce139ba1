"""lag_histogram, survival_chart, actor_comparison, baseline_chart, episode_strip (to_dict)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import timeline as tl
from timeline.charts import (
    actor_comparison,
    baseline_chart,
    baseline_sentence,
    episode_strip,
    lag_histogram,
    survival_chart,
)
from timeline.errors import TimelineError


def _values(spec: dict, unit: dict | None = None) -> list[dict]:
    data = (unit or {}).get("data") or spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def _pairs() -> pd.DataFrame:
    lags = pd.to_timedelta(["30s", "5min", "2h", "5h40min", "1d", None, None])
    return pd.DataFrame(
        {
            "actor": ["A"] * 7,
            "lag": lags,
            "censored": [False] * 5 + [True, True],
            "order_ambiguous": [False, False, True, False, False, False, False],
        }
    )


def test_lag_histogram_is_log_scaled_with_readable_ticks() -> None:
    spec = lag_histogram(_pairs(), title="Lags").to_dict()
    x = spec["encoding"]["x"]
    assert x["scale"]["type"] == "log"
    assert 1440 in x["axis"]["values"] and 10080 in x["axis"]["values"]
    assert "'1 d'" in x["axis"]["labelExpr"] and "'1 wk'" in x["axis"]["labelExpr"]


def test_lag_histogram_excludes_censored_and_counts_them_in_the_subtitle() -> None:
    spec = lag_histogram(_pairs(), title="Lags").to_dict()
    rows = _values(spec)
    assert sum(r["n"] for r in rows) == 5
    assert "2 censored" in spec["title"]["subtitle"]
    assert "1 with ambiguous order" in spec["title"]["subtitle"]
    ambiguous = [r for r in rows if r["order"] == "order ambiguous"]
    assert sum(r["n"] for r in ambiguous) == 1
    assert spec["encoding"]["color"]["field"] == "order"


def test_lag_histogram_bins_are_log_spaced_and_sub_minute_lags_land_in_the_first() -> None:
    rows = _values(lag_histogram(_pairs()).to_dict())
    first = min(rows, key=lambda r: r["lo"])
    assert first["lo"] == pytest.approx(1.0)
    for r in rows:
        assert r["hi"] / r["lo"] == pytest.approx(10**0.25)


def test_survival_chart_is_a_step_curve_with_a_band() -> None:
    curve = pd.DataFrame(
        {"time_h": [0.0, 4.0, 33.0], "survival": [1.0, 0.5, 0.0],
         "lower": [1.0, 0.2, 0.0], "upper": [1.0, 0.8, 0.0], "method": ["kaplan-meier"] * 3}
    )  # fmt: skip
    spec = survival_chart(curve, title="S").to_dict()
    band, line = spec["layer"]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"]["field"] == "upper"
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["x"]["field"] == "time_h"
    assert "kaplan-meier" in spec["title"]["subtitle"]


def test_survival_chart_from_the_engine() -> None:
    events = tl.datasets.load()
    spec = survival_chart(tl.survival(tl.lags(events))).to_dict()
    assert _values(spec)[0]["survival"] == 1.0
    with pytest.raises(TimelineError, match=r"tl\.survival"):
        survival_chart(pd.DataFrame({"x": [1]}))


def test_actor_comparison_reads_lag_summary_columns() -> None:
    summary = pd.DataFrame(
        {"actor": ["A", "B"], "median_h": [3.0, 10.0], "median_low_h": [1.0, 5.0],
         "median_high_h": [6.0, 20.0], "hit_rate": [0.5, 0.8],
         "hit_rate_low": [0.2, 0.5], "hit_rate_high": [0.8, 0.95]}
    )  # fmt: skip
    spec = actor_comparison(summary).to_dict()
    rows = {r["group"]: r for r in _values(spec)}
    assert rows["B"]["median_low"] == 5.0 and rows["B"]["hit_high"] == 0.95
    lag, hits = spec["hconcat"]
    assert hits["layer"][1]["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert lag["layer"][-1]["encoding"]["x"]["field"] == "median_h"


def test_actor_comparison_from_the_engine() -> None:
    events = tl.datasets.load()
    spec = actor_comparison(tl.lag_summary(tl.lags(events), by="actor")).to_dict()
    assert [r["group"] for r in _values(spec)] == ["Ansar Bayt al-Maqdis"]


def test_baseline_chart_marks_the_observed_rate() -> None:
    result = {"null": np.linspace(0, 0.5, 100), "observed": 0.9, "expected": 0.25,
              "lift": 3.6, "p_value": 0.01}  # fmt: skip
    spec = baseline_chart(result).to_dict()
    hist, rule = spec["layer"]
    assert sum(r["n"] for r in _values(spec, hist)) == 100
    assert _values(spec, rule) == [{"observed": 0.9}]
    assert "lift 3.60" in spec["title"]["subtitle"] and "p = 0.01" in spec["title"]["subtitle"]
    assert "lift 3.6x" in baseline_sentence(result)


def test_baseline_chart_from_the_engine() -> None:
    result = tl.baseline_test(tl.datasets.load(), n_permutations=200)
    spec = baseline_chart(result).to_dict()
    assert sum(r["n"] for r in _values(spec, spec["layer"][0])) == 200


def test_episode_strip_links_warning_attack_and_claim() -> None:
    events = tl.datasets.load()
    episode = events[events["event_id"].str.startswith("cairo-2014-01-2")]
    spec = episode_strip(episode, title="Jan 23-24").to_dict()
    rule = next(u for u in spec["layer"] if u.get("mark", {}).get("type") == "rule")
    links = {(r["trigger_id"], r["response_id"]) for r in _values(spec, rule)}
    assert ("cairo-2014-01-23-audio-warning", "cairo-2014-01-24-security-directorate") in links
    assert any(resp == "cairo-2014-01-24-claim" for _, resp in links)


def test_long_survival_curves_are_thinned_to_what_a_chart_can_show() -> None:
    from timeline.charts.lags import CURVE_STEPS

    n = 5000
    t = np.linspace(0, 100, n)
    curve = pd.DataFrame({"time_h": t, "survival": 1 - t / 100, "lower": 0.0, "upper": 1.0,
                          "method": "kaplan-meier"})  # fmt: skip
    spec = survival_chart(curve).to_dict()
    values = spec["data"]["values"]
    assert len(values) <= CURVE_STEPS + 1
    assert values[0]["time_h"] == 0 and values[-1]["time_h"] == 100
    assert values[-1]["survival"] == 0
    times = [v["time_h"] for v in values]
    assert times == sorted(set(times))


def test_lag_histogram_spreads_a_vague_lag_over_its_range() -> None:
    # "Thursday" -> "early Friday morning": 4 h to 33 h, one pair spread over that range
    pairs = tl.lags(tl.datasets.load(), "warning", "attack", "7d")
    rows = _values(lag_histogram(pairs).to_dict())
    assert sum(r["n"] for r in rows) == pytest.approx(1.0)
    assert min(r["hi"] for r in rows) > 4 * 60 and max(r["lo"] for r in rows) < 33 * 60
    # linear share: the bin [10^3, 10^3.25) minutes holds (1778.3 - 1000) / (29 * 60)
    share = next(r["n"] for r in rows if r["lo"] == pytest.approx(1000.0))
    assert share == pytest.approx((10**3.25 - 1000) / (29 * 60))


def test_survival_chart_runs_to_the_window_with_both_bands() -> None:
    pairs = tl.lags(tl.datasets.load(), "attack", "claim", "2d")
    spec = survival_chart(tl.survival(pairs, n_boot=50)).to_dict()
    line = spec["layer"][-1]
    assert line["encoding"]["x"]["scale"]["domain"] == [0, 48.0]  # censored: no cut
    assert line["mark"]["interpolate"] == "linear"  # Turnbull: straight across intervals
    bands = {layer["encoding"]["y"]["field"] for layer in spec["layer"][:-1]}
    assert bands == {"lower", "survival_min"}
    assert "turnbull" in spec["title"]["subtitle"]


def test_lag_histogram_of_repeated_ranges_is_the_sum_of_each_pair_drawn_alone() -> None:
    # day-level stores repeat a handful of lag ranges thousands of times: the chart must
    # count each pair as if it were drawn on its own
    rng = np.random.default_rng(3)
    lo = pd.to_timedelta(rng.integers(0, 3, 60), unit="D")
    widths = pd.to_timedelta(rng.choice([0, 1, 2], 60), unit="D")
    pairs = pd.DataFrame(
        {
            "lag": lo + widths / 2,
            "lag_min": lo,
            "lag_max": lo + widths,
            "censored": False,
            "order_ambiguous": rng.random(60) < 0.3,
        }
    )
    together = {}
    for r in _values(lag_histogram(pairs).to_dict()):
        together[(round(r["lo"], 6), r["order"])] = r["n"]
    alone: dict = {}
    for i in range(len(pairs)):
        for r in _values(lag_histogram(pairs.iloc[[i]]).to_dict()):
            key = (round(r["lo"], 6), r["order"])
            alone[key] = alone.get(key, 0.0) + r["n"]
    assert together.keys() == alone.keys()
    for key, n in alone.items():
        assert together[key] == pytest.approx(n)
    assert sum(together.values()) == pytest.approx(60)
