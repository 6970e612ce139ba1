"""The chance test's block: as short as the window allows, because longer blocks read
activity shared by both streams as a lead (docs/statistics.md, "Chance test")."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import timeline as tl
from timeline.analysis.baseline import block_length
from timeline.analysis.nulls import DAY_US

H_US = 3_600_000_000


@pytest.mark.parametrize(
    ("window_us", "days"),
    [
        (H_US, 7),  # a short window: a week, 7 rotations
        (3 * DAY_US, 7),  # 2 x 3 d + 1 d
        (7 * DAY_US, 15),  # 2 x 7 d + 1 d
        (4 * DAY_US + 12 * H_US, 10),  # 2 x 4.5 d + 1 d = 10 d
        (4 * DAY_US + 13 * H_US, 11),  # 10 d 2 h, rounded up to whole days
    ],
)
def test_default_block_is_twice_the_window_plus_a_day_and_at_least_a_week(window_us, days):
    assert block_length(None, window_us) == days * DAY_US


def test_a_given_block_is_kept_in_whole_days_and_must_exceed_the_window():
    assert block_length("30d", 3 * DAY_US) == 30 * DAY_US
    assert block_length("36h", H_US) == 2 * DAY_US
    with pytest.raises(tl.TimelineError, match="not longer than the window"):
        block_length("3d", 3 * DAY_US)


def shared_activity(seed: int, n_warn: int = 1000, groups: int = 5) -> pl.DataFrame:
    """Warnings and attacks with no link but the same busy (x3) and quiet (x1/3) months
    per group, over a year: the case a long block reads as a lead."""
    rng = np.random.default_rng(seed)
    level = np.where(rng.random((groups, 13)) < 0.5, 3.0, 1 / 3)
    p = (level / level.sum()).ravel()

    def times(n: int) -> tuple[np.ndarray, np.ndarray]:
        g, month = np.divmod(rng.choice(p.size, size=n, p=p), 13)
        t = ((month + rng.random(n)) * 30 * DAY_US).astype(np.int64)
        keep = t < 365 * DAY_US
        return g[keep], t[keep]

    wg, wt = times(n_warn)
    ag, at = times(rng.poisson(0.04 * groups * 390))
    dt = pl.Datetime("us", "UTC")
    t = np.concatenate([wt, at]) + 1_388_534_400_000_000
    return pl.DataFrame({
        "event_id": [str(i) for i in range(t.size)],
        "kind": ["warning"] * wt.size + ["attack"] * at.size,
        "t_start": pl.Series(t).cast(dt), "t_end": pl.Series(t).cast(dt),
        "actor": np.concatenate([wg, ag]).astype(str),
    })  # fmt: skip


def test_default_block_keeps_shared_activity_from_reading_as_a_lead():
    # 60 null datasets of 1,000 warnings. Hit rate minus the null's mean, averaged: 0 for
    # a calibrated null. A month-long block moves triggers from busy into quiet weeks, so
    # its null expects too few hits (bias ~0.008, a fifth of the tests reject at 0.05);
    # the default block moves them less (~0.002)
    bias = {None: [], "30d": []}
    for seed in range(60):
        ev = shared_activity(seed)
        for block, out in bias.items():
            r = tl.baseline_test(ev, within="3d", n_permutations=99, seed=seed, block=block)
            out.append(r.observed - r.expected)
    default, month = np.mean(bias[None]), np.mean(bias["30d"])
    assert month > 0.005
    assert default < 0.5 * month
