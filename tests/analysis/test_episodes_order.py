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
