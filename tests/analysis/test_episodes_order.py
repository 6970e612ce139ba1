"""Episodes sort rows by group, midpoint and event id with a cheaper two-step sort; it must
give the three-key sort's order, also where the one-integer key would overflow."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from timeline.analysis.episodes import _in_time_order
from timeline.analysis.frames import GID, MID


def _points(seed: int, n: int, span_us: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    return pl.DataFrame(
        {
            "event_id": [f"e{i}" for i in rng.permutation(n)],
            GID: rng.integers(0, 7, n).astype(np.int64),
            MID: rng.integers(0, 12, n).astype(np.int64) * (span_us // 12),  # many ties
        }
    )


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("span_us", [86_400_000_000, 2**61])  # a day; overflowing the key
def test_two_step_sort_is_the_three_key_sort(seed, span_us):
    pts = _points(seed, 500, span_us)
    want = pts.sort(GID, MID, "event_id")
    assert _in_time_order(pts).equals(want)
    assert _in_time_order(pts.clear()).is_empty()


@pytest.mark.parametrize("seed", range(5))
def test_input_already_in_id_order_among_ties_and_a_few_runs_out_of_it(seed):
    """A store read comes by time, then id: ties already in id order (no string sort);
    swapping the ids of a few rows breaks some runs of equal keys, which alone are sorted."""
    want = _points(seed, 500, 86_400_000_000).sort(GID, MID, "event_id")
    backwards = want.sort(GID, MID, "event_id", descending=[False, False, True])
    assert _in_time_order(backwards).equals(want)  # every run of ties out of id order
    rng = np.random.default_rng(seed)
    shuffled = want.sample(fraction=1.0, shuffle=True, seed=seed)
    by_id = shuffled.sort(MID, "event_id")  # by midpoint then id, not by group: ties in order
    assert _in_time_order(by_id).equals(want)
    ids = want.get_column("event_id").to_numpy().copy()
    swap = rng.choice(len(ids), size=(3, 2), replace=False)
    for a, b in swap:
        ids[a], ids[b] = ids[b], ids[a]
    broken = want.with_columns(event_id=pl.Series(ids))
    assert _in_time_order(broken).equals(broken.sort(GID, MID, "event_id"))
    with_null = broken.with_columns(
        event_id=pl.when(pl.int_range(pl.len()) == 7).then(None).otherwise(pl.col("event_id"))
    )
    assert _in_time_order(with_null).equals(with_null.sort(GID, MID, "event_id"))
