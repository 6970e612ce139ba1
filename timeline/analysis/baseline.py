"""Is a response more likely after a trigger than after a moment chosen by chance?

The statistic is the pooled hit rate: the share of triggers with a response at or after
them (midpoints) within the window, as in `tl.lags`. Its null distribution comes from
moving the triggers while the responses stay put; how they move is the null model, and
the model decides whether the p-value can be trusted on real data:

- "block" (default, `timeline.analysis.nulls.block_shift` on blocks from
  `timeline.analysis.activity`): triggers of one group and one block of time (max(7 d,
  2 x window + 1 d), whole days) rotate together by whole days inside their block, and
  blocks are laid inside stretches of even trigger activity (each group's days are cut
  where its trigger rate changes). It keeps what real streams have and a naive null
  destroys: the data's resolution (day-level triggers stay on their day grid, so same-day
  ties are as likely as in the data), bursts (a burst moves as one) and slow changes of
  activity (triggers stay in their weeks, and do not cross a change of rate the data show:
  there a rotation reads activity shared by both streams as a lead). On simulated streams
  without any lead it rejects at 0.05 in 2-8% of datasets of every scenario, shared abrupt
  monthly swings of activity included, at 10 to 1,000 triggers (benchmarks/validate_lags.py,
  docs/statistics.md "Validation").
- "fixed": the same rotations on a fixed grid of blocks from each group's first event (the
  default until December 2026): biased when activity jumps inside a block, the more
  surely the more triggers (x9 monthly swings: 6-8% at 300 triggers, 12% at 3,000).
- "uniform": each trigger redrawn uniformly over its group's span. Kept for comparison:
  it is anti-conservative on day-level, bursty or trending data.
- "circular": a group's triggers rotate together over its whole span.

Seeded, so results repeat. p is the permutation mid-p: (#null > observed + (#null ==
observed + 1) / 2) / (1 + n_permutations), so the discreteness of a hit rate does not make
the test conservative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

import numpy as np
import polars as pl

from timeline.analysis import activity, nulls
from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import GID, MID, by_columns, with_points
from timeline.analysis.selectors import predicate
from timeline.display import duration
from timeline.errors import TimelineError
from timeline.frames import to_polars
from timeline.results import BASELINE

if TYPE_CHECKING:
    import pandas as pd

Method = Literal["block", "fixed", "uniform", "circular"]
BLOCK_NULLS = ("block", "fixed")
NULL_MODELS = {
    "block": "triggers rotated by whole days within (group, {block}) blocks, cut where "
    "the trigger rate changes",
    "fixed": "triggers rotated by whole days within (group, {block}) blocks on a fixed grid",
    "uniform": "triggers redrawn uniformly over each group's span",
    "circular": "each group's triggers rotated together over its span",
}


@dataclass(frozen=True, repr=False)
class BaselineResult:
    """Observed vs chance hit rate; `null` holds the hit rate of each permutation."""

    observed: float
    expected: float
    lift: float
    p_value: float
    n_triggers: int
    n_hits: int
    n_permutations: int
    method: str
    within: timedelta
    seed: int
    null: np.ndarray = field(compare=False)
    null_model: str = ""
    block: timedelta | None = None
    n_excluded: int = 0  # triggers observed for less than the window (block null only)

    def summary(self) -> str:
        """One sentence for a briefing."""
        return (
            f"{self.observed:.1%} of {self.n_triggers} triggers were followed within "
            f"{duration(self.within)} vs {self.expected:.1%} expected by chance "
            f"(lift {self.lift:.2f}x, permutation p = {self.p_value:.3g}, "
            f"{self.n_permutations} permutations, null: {self.null_model}, seed {self.seed})"
        )

    def __repr__(self) -> str:
        return f"BaselineResult({self.summary()})"

    def to_frame(self, *, output: str = "pandas") -> pd.DataFrame | pl.DataFrame:
        """The result as one row (without the null distribution): pandas, or polars with
        output="polars". Columns: `timeline.results.BASELINE`."""
        from timeline.api import _out

        row = BASELINE.frame([{k: getattr(self, k) for k in BASELINE.names}])
        return _out(row, output)


def _prepare(events, trigger, response, by) -> tuple[pl.DataFrame, list[str]]:
    df = to_polars(events, need=("event_id", "kind", "t_start"))
    cols = by_columns(by, df.columns)
    marked = df.with_columns(
        predicate(trigger, df.columns, role="trigger").alias("_t"),
        predicate(response, df.columns, role="response").alias("_r"),
    )
    pts = with_points(marked.select("t_start", "t_end", *cols, "_t", "_r"), cols)
    span = pts.group_by(GID).agg(pl.col(MID).min().alias("_g0"), pl.col(MID).max().alias("_g1"))
    end = pts.get_column(MID).max()  # end of observation, as in tl.lags
    pts = pts.join(span, on=GID).with_columns(
        (pl.col(MID) - pl.col("_g0")).alias("_off"),
        (pl.col("_g1") - pl.col("_g0")).alias("_span"),
        (pl.lit(end) - pl.col("_g0")).alias("_seen"),
    )
    return pts, cols


def baseline_test(
    events: pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: Duration = "7d",
    *,
    by: str | Sequence[str] | None = "actor",
    n_permutations: int = 1000,
    seed: int = 0,
    method: Method = "block",
    block: Duration | None = None,
) -> BaselineResult:
    """Hit rate after the real triggers vs after moved ones (see the module), with a p-value.

    `block` ("block" and "fixed"): the block within which triggers move, in whole days;
    default max(7 d, 2 x within + 1 d). With those, triggers observed for less than the
    window (near the end) are left out (`n_excluded`): they could only look like misses.
    """
    if method not in NULL_MODELS:
        raise TimelineError(f"method={method!r} is unknown. Hint: one of {list(NULL_MODELS)}.")
    if n_permutations < 1:
        raise TimelineError("n_permutations must be >= 1. Hint: 1000 is a good default.")
    window = to_us(within, name="within")
    block_us = block_length(block, window) if method in BLOCK_NULLS else None
    pts, _ = _prepare(events, trigger, response, by)
    trig, resp = pts.filter(pl.col("_t")), pts.filter(pl.col("_r"))
    if trig.height == 0:
        raise TimelineError(f"no event matches trigger={trigger!r}. Hint: check the selector.")
    stride = int(pts.get_column("_span").max()) + window + nulls.DAY_US + 1
    if (int(pts.get_column(GID).max()) + 1) * stride >= 2**62:
        raise TimelineError(
            "too many groups over too long a span for microsecond keys. "
            "Hint: analyse fewer groups at once or use a shorter window."
        )
    keys = np.sort(resp.get_column(GID).to_numpy() * stride + resp.get_column("_off").to_numpy())
    gid, off, span, seen = (trig.get_column(c).to_numpy() for c in (GID, "_off", "_span", "_seen"))
    rng = np.random.default_rng(seed)
    common = {"stride": stride, "window": window, "n_perm": n_permutations, "rng": rng}
    n_all = gid.size
    if method in BLOCK_NULLS:
        start, room, take = domain(gid, off, seen - window, block_us, method)
        if not take.any():  # too short a record: keep every trigger, rotate over its span
            start, room, take = domain(gid, off, span + nulls.DAY_US - 1, block_us, method)
        gid, off, start, room = gid[take], off[take], start[take], room[take]
        null = nulls.block_shift(keys, gid, start, off - start, room, **common)
    elif method == "circular":
        null = nulls.circular(keys, gid, off, span, **common)
    else:
        null = nulls.uniform(keys, gid, span, **common)
    observed_hits = int(nulls.hits(keys, gid * stride + off, window).sum())
    return make_result(observed_hits, gid.size, n_all - gid.size, null, method, window, seed,
                   block_us)  # fmt: skip


def domain(gid, off, last, block_us, method) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Block start, room and whether each trigger takes part, for a block null."""
    if method == "fixed":
        return nulls.block_domain(off, last, block=block_us)
    return activity.segment_domain(gid, off, last, block=block_us)


def make_result(hits, n, excluded, null, method, window, seed, block_us) -> BaselineResult:
    """The result from pooled hits and null hit rates (shared with the Spark engine)."""
    observed, expected = hits / n, float(null.mean())
    block_td = None if block_us is None else timedelta(microseconds=block_us)
    return BaselineResult(
        observed=observed,
        expected=expected,
        lift=observed / expected if expected > 0 else float("nan"),
        p_value=mid_p(observed, null),
        n_triggers=n,
        n_hits=hits,
        n_permutations=null.size,
        method=method,
        within=timedelta(microseconds=window),
        seed=seed,
        null=null,
        null_model=NULL_MODELS[method].format(block="" if block_td is None else duration(block_td)),
        block=block_td,
        n_excluded=excluded,
    )


def mid_p(observed: float, null: np.ndarray) -> float:
    """Permutation mid-p: the observed counts as one draw, ties (with it) count half.

    Hit rates are discrete (k of n triggers), so many permutations tie with the observed;
    counting ties whole, as (1 + #null >= observed) / (1 + B) does, makes the test
    conservative (1-2% false positives at 0.05 with 30 triggers). Half-counting ties is the
    mean of the exact randomized p-value; it keeps the size near nominal (validated).
    """
    above = np.sum(null > observed)
    ties = np.sum(np.isclose(null, observed, rtol=0, atol=1e-12)) + 1
    return float((above + 0.5 * ties) / (null.size + 1))


def block_length(block: Duration | None, window: int) -> int:
    """The block in whole days: the given one, else max(7 d, 2 x window + 1 d).

    Why that short: inside a block the null is exact only if the trigger rate is even; the
    default null cuts blocks where the rate changes (`timeline.analysis.activity`), but a
    change too small to detect still biases a long block (a rotation carries triggers from
    a busy stretch into a quieter one: with the fixed grid, simulated monthly activity,
    1,000 triggers, 3-day window, 22% of null datasets rejected at 0.05 with 30-day blocks,
    7% with 7-day). The floor is set by the window: a rotation by fewer than window + 1
    day can keep a trigger's own response in reach, so at 2 x window + 1 d at least about
    half the rotations move it out; 7 days keep 7 rotations (a p-value's resolution) for
    short windows.
    """
    default = max(7 * nulls.DAY_US, 2 * window + nulls.DAY_US)
    us = default if block is None else to_us(block, name="block")
    days = -(-us // nulls.DAY_US)
    if block is not None and days * nulls.DAY_US <= window:
        raise TimelineError(
            f"block={block!r} is not longer than the window. Hint: a block of at least "
            "2 x within, e.g. '28d', lets a moved trigger leave its own response behind."
        )
    return days * nulls.DAY_US
