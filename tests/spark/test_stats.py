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

    approx = lag_summary(pairs, by="actor", max_rows=0)  # as if they did not fit
    exact_cols = ["actor", "n_triggers", "n_followed", "n_censored", "n_ambiguous", "hit_rate",
                  "hit_rate_low", "hit_rate_high"]  # fmt: skip
    pd.testing.assert_frame_equal(approx[exact_cols], want[exact_cols])
    local = tl.lags(stream, "warning", "attack", "3d")
    for actor, row in approx.set_index("actor").iterrows():
        lags_s = local.loc[(local.actor == actor) & ~local.censored, "lag"].dt.total_seconds()
        x = np.sort(lags_s.to_numpy())
        median_s = row["median"].total_seconds()
        rank = np.searchsorted(x, median_s, side="right") / x.size  # share <= the value
        assert median_s in x and abs(rank - 0.5) <= 1 / x.size + 1e-4
    assert approx["quantiles"].str.startswith("approximate").all()
    pairs.unpersist()


def test_baseline_observed_exact_and_null_from_the_same_model(stream, spark_events):
    from timeline.spark import baseline_test

    want = tl.baseline_test(stream, "warning", "attack", "2d", n_permutations=400, seed=1,
                           method="uniform")
    got = baseline_test(spark_events, "warning", "attack", "2d", n_permutations=400, seed=1)
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
