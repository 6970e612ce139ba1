"""Blocks for the chance test's null, laid inside stretches of even trigger activity.

The block null (`timeline.analysis.nulls.block_shift`) is exact when, inside each block,
the triggers are as likely at any whole-day rotation: their rate is even across the block.
Where activity jumps inside a block (a quiet month after a busy one, shared by warnings and
attacks), a rotation carries triggers from the busy side, where responses are frequent,
into the quiet side, where they are rare: the null expects too few hits and the test reads
shared activity as a lead, more surely the more triggers there are (simulated x9 monthly
swings, 7-day blocks: 7% of null datasets rejected at 0.05 with 300 triggers, 12% with
3,000). Shorter blocks cannot fix it: a block must exceed the window.

So each group's days are first cut where its trigger rate changes, and blocks are laid
inside the stretches between cuts. A cut is a day where the trigger count of the two blocks
before it and that of the two blocks after differ beyond chance (Poisson likelihood ratio
above `LEVEL`, 2 x LR ~ chi2(1), p ~ 0.05 for one day) and differ most within two blocks.

Why the triggers alone: the responses stay put in the null, and under no lead they are
independent of the triggers, so cuts that depend only on the triggers cannot bias the null
(the expected hit rate of a stretch is the same wherever inside it a trigger sits);
cutting on both streams placed cuts at the edges of response bursts and made the test
conservative (simulated: bias -0.005 at 1,000 triggers with LR > 2). Cutting too often only
costs power (a trigger in a short block cannot leave its own response behind); each stretch
is at least two blocks long (the cuts are maxima over two blocks), so blocks keep the
default length or more.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import maximum_filter1d

from timeline.analysis.nulls import DAY_US

LEVEL = 2.0  # Poisson likelihood ratio a change of trigger rate must exceed
REACH = 2  # blocks either side that a cut compares


def change_points(count: np.ndarray, valid: np.ndarray, *, half: int, level: float) -> np.ndarray:
    """Days where the count changes: the Poisson likelihood ratio of the `half` days before
    against the `half` days after exceeds `level` and is the largest within `half` days
    (ties: the earliest). Groups lie `half` empty days apart; `valid` marks the days with
    `half` days of their own group on both sides (one event near a group's edge is no
    change of rate)."""
    csum = np.concatenate([[0], np.cumsum(count)])
    day = np.arange(count.size)
    x = csum[day] - csum[np.maximum(day - half, 0)]
    y = csum[np.minimum(day + half, count.size)] - csum[day]
    both = np.maximum(x + y, 1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.nan_to_num(x * np.log(x / both)) + np.nan_to_num(y * np.log(y / both))
    lr = np.where(valid, lr, 0.0)
    ranked = lr - (day - day.min(initial=0)) * 1e-12 * (lr > 0)
    peak = maximum_filter1d(ranked, size=2 * half + 1, mode="constant")
    return valid & (lr > level) & (ranked >= peak)


def segment_domain(
    gid: np.ndarray, off: np.ndarray, last: np.ndarray, *, block: int, unit: int = DAY_US
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each trigger's block start, the block's room (whole units) and whether it takes part,
    as `nulls.block_domain`, with blocks laid inside stretches of even trigger activity.

    `gid`, `off`: every trigger's group and offset (all of them: they measure activity);
    `last`: the latest offset whose window ends inside observation. A group's days run from
    0 to its last trigger or last full window; a stretch of L days holds max(1, L // block)
    blocks of nearly equal whole days.
    """
    width, reach = block // unit, REACH * (block // unit)
    day = off // unit
    n_groups = int(gid.max()) + 1
    end = np.ones(n_groups, np.int64)  # each group's days: [0, end)
    np.maximum.at(end, gid, np.maximum(off, last) // unit + 1)
    cut_group, cut_day = _cuts(gid, day, end, reach)
    cut_group = np.concatenate([[-1], cut_group, [n_groups]])  # sentinels: none is missed
    cut_day = np.concatenate([[0], cut_day, [0]])
    stride = end.max() + 1
    at = np.searchsorted(cut_group * stride + cut_day, gid * stride + day, side="right")
    s = np.where(cut_group[at - 1] == gid, cut_day[at - 1], 0)
    e = np.where(cut_group[at] == gid, cut_day[at], end[gid])
    length = e - s
    n_b = np.maximum(1, length // width)
    i = (day - s) * n_b // length
    lo = s + (i * length + n_b - 1) // n_b
    hi = s + ((i + 1) * length + n_b - 1) // n_b
    start = lo * unit
    room = np.clip((np.minimum(last + 1, hi * unit) - start) // unit * unit, 0, None)
    return start, room, (off - start) < room


def _cuts(gid, day, end, reach) -> tuple[np.ndarray, np.ndarray]:
    """(group, day) of every cut, sorted. Only days within two reaches of a group's
    triggers are laid out (elsewhere the count is 0 on both sides: no cut), so memory
    follows the triggers' spans, not the record's."""
    n_groups = end.size
    lo = np.full(n_groups, np.iinfo(np.int64).max)
    np.minimum.at(lo, gid, day)
    hi = np.zeros(n_groups, np.int64)
    np.maximum.at(hi, gid, day + 1)
    lo = np.clip(lo - 2 * reach, 0, end)
    hi = np.clip(hi + 2 * reach, lo, end)
    first = np.concatenate([[0], np.cumsum(hi - lo + reach)])  # `reach` empty days apart
    group = np.repeat(np.arange(n_groups), hi - lo + reach)
    true_day = np.arange(first[-1]) - first[group] + lo[group]
    inside = true_day < hi[group]
    valid = inside & (true_day >= reach) & (true_day + reach <= end[group])
    count = np.bincount(first[gid] + day - lo[gid], minlength=first[-1])
    cut = change_points(count, valid, half=reach, level=LEVEL)
    return group[cut], true_day[cut]
