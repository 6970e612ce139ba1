"""lag_summary and baseline_test on Spark against their single-machine results."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import timeline as tl
from timeline import synth

COLS = ["event_id", "kind", "actor", "channel", "t_start", "t_end"]


@pytest.fixture(scope="module")
def stream():
    """Vague times, several groups: the summary's intervals and ambiguous pairs matter."""
    events = synth.generate(n_groups=5, days=200, vague_share=0.3, seed=5).events.select(COLS)
    return events


@pytest.fixture(scope="module")
def spark_events(spark, stream):
    return spark.createDataFrame(stream.to_arrow(), schema=(
        "event_id string, kind string, actor string, channel string, t_start timestamp, "
        "t_end timestamp"))  # fmt: skip


def test_summary_exact_when_pairs_fit_and_counts_exact_when_not(stream, spark_events):
    from timeline.spark import lag_summary, lags

    pairs = lags(spark_events, "warning", "attack", "3d").cache()
    want = tl.lag_summary(tl.lags(stream, "warning", "attack", "3d"), by="actor")
    got = lag_summary(pairs, by="actor")
    assert (got["quantiles"] == "exact").all()
    pd.testing.assert_frame_equal(got.drop(columns="quantiles"), want)

    approx = lag_summary(pairs, by="actor", within="3d", max_rows=0)  # as if they did not fit
    exact_cols = ["actor", "n_triggers", "n_followed", "n_censored", "n_ambiguous",
                  "n_complete", "hit_rate_min", "hit_rate_max"]  # fmt: skip
    pd.testing.assert_frame_equal(approx[exact_cols], want[exact_cols])
    np.testing.assert_allclose(approx["hit_rate"], want["hit_rate"])  # the split estimate
    local = tl.lags(stream, "warning", "attack", "3d")
    full = ~local.censored & (local.followup >= pd.Timedelta("3d"))
    for actor, row in approx.set_index("actor").iterrows():
        mine = local[(local.actor == actor) & full]
        lows = np.sort(mine["lag_min"].dt.total_seconds().clip(lower=0).to_numpy())
        median_s = row["median_min"].total_seconds()  # the lower ends' median, approximately
        rank = np.searchsorted(lows, median_s, side="right") / lows.size  # share <= the value
        assert median_s in lows and abs(rank - 0.5) <= 1 / lows.size + 1e-4
    assert approx["quantiles"].str.startswith("approximate").all()
    pairs.unpersist()


def test_baseline_observed_exact_and_null_from_the_same_model(stream, spark_events):
    from timeline.spark import baseline_test

    want = tl.baseline_test(
        stream, "warning", "attack", "2d", n_permutations=400, seed=1, method="uniform"
    )
    got = baseline_test(
        spark_events, "warning", "attack", "2d", n_permutations=400, seed=1, method="uniform"
    )
    assert (got.n_triggers, got.n_hits, got.observed) == (want.n_triggers, want.n_hits,
                                                         want.observed)  # fmt: skip
    assert got.null.shape == (400,) and got.n_permutations == 400
    spread = want.null.std() * np.sqrt(2 / 400)  # two independent means of 400 draws
    assert abs(got.expected - want.expected) < 5 * spread
    assert got.lift > 2  # the generator makes warnings precede attacks

    pooled = baseline_test(spark_events, "warning", "attack", "2d", by=None, n_permutations=90,
                           seed=2, method="circular", chunks=3)  # fmt: skip
    local = tl.baseline_test(stream, "warning", "attack", "2d", by=None, n_permutations=90,
                             seed=2, method="circular")  # fmt: skip
    assert (pooled.n_hits, pooled.observed) == (local.n_hits, local.observed)
    assert pooled.null.shape == (90,)
    assert not np.array_equal(pooled.null[:30], pooled.null[30:60])  # chunks draw their own
    assert abs(pooled.expected - local.expected) < 5 * local.null.std() * np.sqrt(2 / 90)


def test_block_null_on_spark_is_the_local_default(stream, spark_events):
    from timeline.spark import baseline_test

    want = tl.baseline_test(stream, "warning", "attack", "2d", n_permutations=300, seed=4)
    got = baseline_test(spark_events, "warning", "attack", "2d", n_permutations=300, seed=4)
    assert got.method == want.method == "block" and got.null_model == want.null_model
    # the same triggers take part (those seen for the whole window) and hit alike
    assert (got.n_triggers, got.n_excluded, got.n_hits) == (
        want.n_triggers,
        want.n_excluded,
        want.n_hits,
    )
    spread = want.null.std() * np.sqrt(2 / 300)
    assert abs(got.expected - want.expected) < 5 * spread
    assert got.p_value < 0.05 and want.p_value < 0.05  # the generator makes warnings lead
