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


def change_points(count: np.ndarray, home: np.ndarray, *, half: int, level: float) -> np.ndarray:
    """Days where the count changes: the likelihood ratio of the `half` days before against
    the `half` days after exceeds `level` and is the largest within `half` days. `home` > 0
    marks a group's days (groups padded apart by 0s); a day needs `half` days of its own
    group on both sides (one event near a group's edge is no change of rate)."""
    csum = np.concatenate([[0], np.cumsum(count)])
    day = np.arange(count.size)
    first = np.maximum.accumulate(np.where(np.diff(home, prepend=0) != 0, day, 0))
    ends = np.where(np.diff(home, append=0) != 0, day + 1, count.size)
    lo = np.maximum(day - half, first)
    hi = np.minimum(day + half, np.minimum.accumulate(ends[::-1])[::-1])
    x, y = csum[day] - csum[lo], csum[hi] - csum[day]
    a, b = day - lo, hi - day
    rate = (x + y) / np.maximum(a + b, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.nan_to_num(x * np.log(x / (a * rate))) + np.nan_to_num(y * np.log(y / (b * rate)))
    valid = (home > 0) & (a == half) & (b == half)  # whole reach on both sides
    lr = np.where(valid, lr - day * 1e-12, 0.0)  # ties: the earliest day wins
    peak = maximum_filter1d(lr, size=2 * half + 1, mode="constant")
    return valid & (lr > level) & (lr >= peak)


def segment_domain(
    gid: np.ndarray, off: np.ndarray, last: np.ndarray, *, block: int, unit: int = DAY_US
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each trigger's block start, the block's room (whole units) and whether it takes part,
    as `nulls.block_domain`, with blocks laid inside stretches of even trigger activity.

    `gid`, `off`: every trigger's group and offset (all of them: they measure activity);
    `last`: the latest offset whose window ends inside observation. A stretch of L days
    holds max(1, L // block) blocks of nearly equal whole days.
    """
    width = block // unit
    first, end, home = _layout(gid, np.maximum(off, last) // unit + 1, REACH * width)
    count = np.bincount(first[gid] + off // unit, minlength=home.size)
    cut = change_points(count, home, half=REACH * width, level=LEVEL)
    cut[first[:-1]] = True  # each group's first day starts a stretch
    at = np.flatnonzero(cut)
    stretch = np.cumsum(cut) - 1
    seg_start = at[stretch]
    seg_end = np.minimum(np.append(at[1:], home.size), end[home[at] - 1])[stretch]
    mine = first[gid] + off // unit
    s, length = seg_start[mine], (seg_end - seg_start)[mine]
    n_b = np.maximum(1, length // width)
    i = (mine - s) * n_b // length
    lo = s + (i * length + n_b - 1) // n_b - first[gid]
    hi = s + ((i + 1) * length + n_b - 1) // n_b - first[gid]
    start = lo * unit
    room = np.clip((np.minimum(last + 1, hi * unit) - start) // unit * unit, 0, None)
    return start, room, (off - start) < room


def _layout(gid: np.ndarray, days_of: np.ndarray, pad: int):
    """Groups' days laid end to end, `pad` empty days apart: each group's first day and
    end (exclusive), and per day its group + 1 (0 on padding)."""
    n_groups = int(gid.max()) + 1
    days = np.ones(n_groups, np.int64)
    np.maximum.at(days, gid, days_of)
    first = np.concatenate([[0], np.cumsum(days + pad)])
    end = first[:-1] + days
    group = np.repeat(np.arange(n_groups), days + pad)
    inside = np.arange(first[-1]) < end[group]
    return first, end, np.where(inside, group + 1, 0)
