"""Chance baseline, episodes and the synthetic generator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.errors import TimelineError
from timeline.schema import validate


def test_synth_is_valid_seeded_and_true():
    a = tl.synth.generate(seed=4, n_groups=3, days=90, vague_share=0.2)
    b = tl.synth.generate(seed=4, n_groups=3, days=90, vague_share=0.2)
    assert a.events.equals(b.events)
    validate(a.events)
    kinds = a.events.get_column("kind").cast(str)
    assert set(a.truth["warning_id"]) <= set(a.events.filter(kinds == "warning")["event_id"])
    assert (a.truth["true_lag"] > pd.Timedelta(0)).all()
    assert "day" in set(a.events.get_column("precision").cast(str))
    assert "Synth(" in repr(a)


def test_baseline_finds_a_real_effect_and_repeats():
    s = tl.synth.generate(seed=1, n_groups=5, days=365, p_follow=0.7)
    r = tl.baseline_test(s.events, "warning", "attack", "2d", n_permutations=300)
    assert r.p_value < 0.01 and r.lift > 2
    assert r.null.shape == (300,)
    again = tl.baseline_test(s.events, "warning", "attack", "2d", n_permutations=300)
    assert again == r and np.array_equal(again.null, r.null)
    assert "lift" in r.summary() and "BaselineResult(" in repr(r)
    assert r.to_frame().loc[0, "n_triggers"] == r.n_triggers


@pytest.mark.parametrize("method", ["block", "fixed", "uniform", "circular"])
def test_baseline_finds_nothing_when_independent(method):
    s = tl.synth.generate(seed=2, n_groups=5, days=365, p_follow=0.0, background_rate=0.2)
    r = tl.baseline_test(s.events, "warning", "attack", "2d", n_permutations=300, method=method)
    assert r.p_value > 0.01 and 0.6 < r.lift < 1.5


def test_baseline_observed_matches_lags_hit_rate():
    s = tl.synth.generate(seed=3, n_groups=4, days=200)
    r = tl.baseline_test(s.events, "warning", "attack", "1d", n_permutations=50, method="uniform")
    pairs = tl.lags(s.events, "warning", "attack", "1d")
    assert r.observed == pytest.approx(1 - pairs["censored"].mean())
    # the block null leaves out triggers observed for less than the window: add one
    # warning 2 h before the last event
    ev = s.events
    late = ev.filter(pl.col("kind") == "warning").tail(1).with_columns(
        event_id=pl.lit("late"), t_start=ev["t_start"].max() - pd.Timedelta("2h"),
        t_end=ev["t_start"].max() - pd.Timedelta("2h"),
    )  # fmt: skip
    ev = pl.concat([ev, late])
    pairs = tl.lags(ev, "warning", "attack", "1d")
    b = tl.baseline_test(ev, "warning", "attack", "1d", n_permutations=50)
    full = pairs[pairs["followup"] == pd.Timedelta("1d")]
    assert b.n_excluded >= len(pairs) - len(full) >= 1
    assert b.n_triggers + b.n_excluded == len(pairs)
    assert b.observed == pytest.approx(1 - full["censored"].mean(), abs=2 / len(full))


def test_baseline_errors(cairo_events):
    with pytest.raises(TimelineError, match="method"):
        tl.baseline_test(cairo_events, method="shuffle")
    with pytest.raises(TimelineError, match="no event matches"):
        tl.baseline_test(cairo_events, "arrest", "attack")


def test_episodes_on_cairo(cairo_events):
    ep = tl.episodes(cairo_events, "3d")
    assert len(ep) == 1
    row = ep.iloc[0]
    assert (row["n_events"], row["n_warning"], row["n_attack"], row["n_claim"]) == (6, 1, 4, 1)
    # "Thursday" -> "early Friday morning": 4 h to 33 h, not the midpoints' 18 h 30 min
    assert pd.isna(row["warning_to_attack"])  # vague times: no point value
    assert row["warning_to_attack_min"] == pd.Timedelta(hours=4)
    assert row["warning_to_attack_max"] == pd.Timedelta(hours=33)
    assert not row["warning_to_attack_order_unknown"]
    # the last attack (a day-level one) and the evening claim overlap: order unknown
    assert row["attack_to_claim_order_unknown"]
    assert row["attack_to_claim_min"] < pd.Timedelta(0) < row["attack_to_claim_max"]


def test_episodes_split_on_gaps(cairo_events):
    late = cairo_events.iloc[[0]].assign(
        event_id="w9", t_start=lambda d: d["t_start"] + pd.Timedelta(days=10),
        t_end=lambda d: d["t_end"] + pd.Timedelta(days=10),
    )  # fmt: skip
    ep = tl.episodes(pd.concat([cairo_events, late]), "3d")
    assert list(ep["episode"]) == [1, 2] and list(ep["n_events"]) == [6, 1]
    assert pd.isna(ep["warning_to_attack"].iloc[1])
    one = tl.episodes(pd.concat([cairo_events, late]), "11d")
    assert len(one) == 1


def test_coverage_counts_offsets_followed_within_the_window():
    from timeline.analysis.nulls import coverage

    stride, window = 1000, 10
    # group 0: responses at 5 and 12 -> t in [0,5] U [2,12] = 13 offsets; group 1: at 500 -> 11
    keys = np.array([5, 12, stride + 500])
    brute = [
        sum(any(t <= r <= t + window for r in rs) for t in range(stride)) for rs in ([5, 12], [500])
    ]
    assert coverage(keys, stride, window, 3).tolist() == [*brute, 0] == [13, 11, 0]


@pytest.mark.parametrize("seed", [0, 1])
def test_uniform_null_matches_monte_carlo_redraws(seed):
    from timeline.analysis.nulls import hits, uniform

    rng = np.random.default_rng(seed)
    stride, window, n_groups = 10_000, 300, 5
    keys = np.sort(np.concatenate([
        g * stride + rng.integers(0, 4000, rng.integers(1, 30)) for g in range(n_groups)
    ]))  # fmt: skip
    gid = rng.integers(0, n_groups - 1, 400)  # the last group has responses only
    span = np.full(gid.size, 4000)
    null = uniform(keys, gid, span, stride=stride, window=window, n_perm=2000,
                   rng=np.random.default_rng(0))  # fmt: skip
    draws = rng.integers(0, 4001, (2000, gid.size))
    monte_carlo = hits(keys, gid * stride + draws, window).mean(axis=1)
    assert abs(null.mean() - monte_carlo.mean()) < 0.01
    assert abs(null.std() - monte_carlo.std()) < 0.01


def test_block_null_keeps_every_trigger_when_none_saw_the_whole_window(cairo_events):
    r = tl.baseline_test(cairo_events, "warning", "attack", "7d", n_permutations=50)
    assert r.n_triggers == 1 and r.n_excluded == 0 and 0 < r.p_value <= 1
