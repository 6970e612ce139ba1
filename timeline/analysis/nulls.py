"""Null distributions of the hit rate for the chance test: where might the triggers have been?

All work on integer microseconds: response keys `gid * stride + offset` (sorted), trigger
group ids and offsets from their group's first event. Each returns the pooled hit rate
(share of triggers with a response in [t, t + window]) of every permutation.

- `block_shift` (default): each group's time is cut into blocks of whole days; in every
  permutation, all triggers of one (group, block) move together by one random whole number
  of days, circularly inside their block. Why this null:
  * resolution: whole-day moves keep a day-level trigger on a day boundary grid and an
    exact one at its time of day, so a same-day tie (which counts as a hit) is exactly as
    likely under the null as in the data, and daily cycles are kept;
  * burstiness: a burst of warnings moves as one, so the null's spread reflects that hits
    within a burst are one event, not many;
  * slow changes: triggers stay inside their block, so active and quiet weeks or months
    keep their triggers; only the alignment inside a block, the thing tested, is broken.
  It is exact (a randomization test) when, within each block, the triggers' pattern is as
  likely at any whole-day rotation given the responses. Blocks must be longer than the
  window (else a moved trigger meets its own response again) and shorter than the
  stretches over which activity changes; the default is max(7 d, 2 x window + 1 d)
  (`timeline.analysis.baseline.block_length` argues it), laid inside stretches of even
  trigger activity (`timeline.analysis.activity`; `block_domain` is the fixed grid). Triggers
  observed for less than the window (near the end) take no part: a rotation would move
  them to where the whole window is seen, which biases the null upward.
- `uniform`: each trigger redrawn uniformly in its group's span (exact, via Binomial).
- `circular`: a group's triggers rotated together by one offset over its whole span.
"""

from __future__ import annotations

import numpy as np

from timeline.analysis.bootstrap import unique_rows

DAY_US = 86_400_000_000
_CELLS = 4_000_000  # permutation x trigger cells per chunk


def hits(keys: np.ndarray, query: np.ndarray, window: int) -> np.ndarray:
    """True where a response key lies in [query, query + window]."""
    if keys.size == 0:
        return np.zeros(query.shape, bool)
    if query.ndim == 1 and query.size > 10_000:  # sorted queries walk the keys in order:
        order = np.argsort(query)  # ~5x faster than random probes into a large array
        j = np.empty(query.size, np.int64)
        j[order] = np.searchsorted(keys, query[order], side="left")
    else:
        j = np.searchsorted(keys, query, side="left")
    return (j < keys.size) & (keys[np.minimum(j, keys.size - 1)] <= query + window)


def block_domain(
    off: np.ndarray, last: np.ndarray, *, block: int, unit: int = DAY_US
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each trigger's block start, the block's room (whole units) and whether it takes part.

    `last` is the latest offset whose window still ends inside observation. A block's room
    stops there (rounded down to whole units), so no rotated trigger loses follow-up; the
    triggers past it (observed for less than the window) are left out of the test, in the
    data and in every permutation alike.
    """
    start = off // block * block
    room = np.clip((last + 1 - start) // unit * unit, 0, block)
    return start, room, (off - start) < room


def block_shift(
    keys: np.ndarray,
    gid: np.ndarray,
    start: np.ndarray,
    rel: np.ndarray,
    room: np.ndarray,
    *,
    stride: int,
    window: int,
    n_perm: int,
    rng: np.random.Generator,
    unit: int = DAY_US,
) -> np.ndarray:
    """Hit rate when each (group, block) of triggers rotates by whole `unit`s in its room.

    `start` is each trigger's block start (offset from its group's origin), `rel` its
    position inside the block (< room), `room` the block's length in whole units.
    """
    cell = unique_rows(np.column_stack([gid, start]))[1]
    n_cells = int(cell.max()) + 1
    units = np.zeros(n_cells, np.int64)
    units[cell] = room // unit
    base = gid * stride + start
    # hits of each cell at each of its rotations, counted once: a permutation then costs
    # one lookup per cell, not one search per trigger
    per_turn = np.zeros((n_cells, int(units.max())))
    for k in range(per_turn.shape[1]):
        hit = hits(keys, base + (rel + k * unit) % room, window)
        per_turn[:, k] = np.bincount(cell, weights=hit, minlength=n_cells)
    rows = np.arange(n_cells)
    per = max(1, _CELLS // n_cells)
    out = []
    for first in range(0, n_perm, per):
        turns = np.floor(rng.random((min(per, n_perm - first), n_cells)) * units).astype(np.int64)
        out.append(per_turn[rows, turns].sum(axis=1) / gid.size)
    return np.concatenate(out)


def circular(keys, gid, off, span, *, stride, window, n_perm, rng) -> np.ndarray:
    """Hit rate when each group's triggers rotate together by one offset over its span."""
    n_groups = int(gid.max()) + 1
    per = max(1, _CELLS // gid.size)
    out = []
    for start in range(0, n_perm, per):
        k = min(per, n_perm - start)
        shift = np.floor(rng.random((k, n_groups))[:, gid] * (span + 1)).astype(np.int64)
        t = (off + shift) % (span + 1)
        hit = hits(keys, gid * stride + t, window)
        spill = t + window - (span + 1)  # the window wraps round to the span's start
        hit |= hits(keys, gid * stride, np.maximum(spill, 0)) & (spill >= 0)
        out.append(hit.mean(axis=1))
    return np.concatenate(out)


def coverage(keys: np.ndarray, stride: int, window: int, n_groups: int) -> np.ndarray:
    """Per group, how many offsets t in its span have a response in [t, t + window].

    That set is the union of [r - window, r] over the group's responses r (clipped at the
    span's start); keys are sorted and group-blocked, so one pass over them counts it.
    """
    group = keys // stride
    lo = np.maximum(group * stride, keys - window)
    lo[1:] = np.maximum(lo[1:], keys[:-1] + 1)  # do not count what the previous one covered
    counted = np.maximum(0, keys - lo + 1)
    return np.bincount(group, weights=counted, minlength=n_groups)


def uniform(keys, gid, span, *, stride, window, n_perm, rng) -> np.ndarray:
    """Uniform redraws are independent, so a group's hits are Binomial(n_g, p_g).

    p_g is the share of the group's span after which a response follows within the
    window (`coverage`): exact, and O(groups) per permutation instead of O(triggers).
    """
    n_groups = int(max(gid.max(), keys[-1] // stride if keys.size else 0)) + 1
    n_g = np.bincount(gid, minlength=n_groups)
    span_g = np.zeros(n_groups, np.int64)
    span_g[gid] = span
    p_g = np.clip(coverage(keys, stride, window, n_groups) / (span_g + 1), 0.0, 1.0)
    used = n_g > 0
    n_g, p_g = n_g[used], p_g[used]
    per = max(1, _CELLS // n_g.size)
    out = [
        rng.binomial(n_g, p_g, size=(min(per, n_perm - start), n_g.size)).sum(axis=1)
        for start in range(0, n_perm, per)
    ]
    return np.concatenate(out) / gid.size
