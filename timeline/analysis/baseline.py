"""Is a response more likely after a trigger than after a random moment? A permutation test.

Null model: each group's trigger times are redrawn inside that group's observed span
(uniform), or all of a group's triggers are shifted together by one random offset around
its span (circular: keeps their clustering). The statistic is the pooled hit rate: the share
of triggers with a response at or after them within the window. Uniform redraws are
independent, so each group's null hits are drawn as Binomial(n_g, p_g) with p_g the exact
share of its span that a response follows within the window; circular shifts use one
sorted array of response keys (group-blocked) and numpy `searchsorted`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

import numpy as np
import polars as pl

from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import GID, MID, by_columns, with_points
from timeline.analysis.selectors import predicate
from timeline.display import duration
from timeline.errors import TimelineError
from timeline.frames import to_polars
from timeline.results import BASELINE

if TYPE_CHECKING:
    import pandas as pd

Method = Literal["uniform", "circular"]
_CELLS = 4_000_000  # permutation x trigger cells per chunk


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

    def summary(self) -> str:
        """One sentence for a briefing."""
        return (
            f"{self.observed:.1%} of {self.n_triggers} triggers were followed within "
            f"{duration(self.within)} vs {self.expected:.1%} expected by chance "
            f"(lift {self.lift:.2f}x, permutation p = {self.p_value:.3g}, "
            f"{self.n_permutations} {self.method} permutations, seed {self.seed})"
        )

    def __repr__(self) -> str:
        return f"BaselineResult({self.summary()})"

    def to_frame(self, *, output: str = "pandas") -> pd.DataFrame | pl.DataFrame:
        """The result as one row (without the null distribution): pandas, or polars with
        output="polars". Columns: `timeline.results.BASELINE`."""
        from timeline.api import _out

        row = BASELINE.frame([{k: getattr(self, k) for k in BASELINE.names}])
        return _out(row, output)


def _hits(keys: np.ndarray, query: np.ndarray, window: int) -> np.ndarray:
    """True where a response key lies in [query, query + window]."""
    if keys.size == 0:
        return np.zeros(query.shape, bool)
    j = np.searchsorted(keys, query, side="left")
    return (j < keys.size) & (keys[np.minimum(j, keys.size - 1)] <= query + window)


def _prepare(events, trigger, response, by) -> tuple[pl.DataFrame, list[str]]:
    df = to_polars(events, need=("event_id", "kind", "t_start"))
    cols = by_columns(by, df.columns)
    marked = df.with_columns(
        predicate(trigger, df.columns, role="trigger").alias("_t"),
        predicate(response, df.columns, role="response").alias("_r"),
    )
    pts = with_points(marked.select("t_start", "t_end", *cols, "_t", "_r"), cols)
    span = pts.group_by(GID).agg(pl.col(MID).min().alias("_g0"), pl.col(MID).max().alias("_g1"))
    pts = pts.join(span, on=GID).with_columns(
        (pl.col(MID) - pl.col("_g0")).alias("_off"), (pl.col("_g1") - pl.col("_g0")).alias("_span")
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
    method: Method = "uniform",
) -> BaselineResult:
    """Hit rate after the real triggers vs after randomly placed ones, with a p-value."""
    if method not in ("uniform", "circular"):
        raise TimelineError(f"method={method!r} is unknown. Hint: 'uniform' or 'circular'.")
    if n_permutations < 1:
        raise TimelineError("n_permutations must be >= 1. Hint: 1000 is a good default.")
    window = to_us(within, name="within")
    pts, _ = _prepare(events, trigger, response, by)
    trig, resp = pts.filter(pl.col("_t")), pts.filter(pl.col("_r"))
    if trig.height == 0:
        raise TimelineError(f"no event matches trigger={trigger!r}. Hint: check the selector.")
    stride = int(pts.get_column("_span").max()) + window + 1
    if (int(pts.get_column(GID).max()) + 1) * stride >= 2**62:
        raise TimelineError(
            "too many groups over too long a span for microsecond keys. "
            "Hint: analyse fewer groups at once or use a shorter window."
        )
    keys = np.sort(resp.get_column(GID).to_numpy() * stride + resp.get_column("_off").to_numpy())
    gid = trig.get_column(GID).to_numpy()
    off = trig.get_column("_off").to_numpy()
    span = trig.get_column("_span").to_numpy()
    observed_hits = int(_hits(keys, gid * stride + off, window).sum())
    null = _null(keys, gid, off, span, stride, window, n_permutations, seed, method)
    n = gid.size
    observed, expected = observed_hits / n, float(null.mean())
    return BaselineResult(
        observed=observed,
        expected=expected,
        lift=observed / expected if expected > 0 else float("nan"),
        p_value=float((1 + np.sum(null >= observed)) / (n_permutations + 1)),
        n_triggers=n,
        n_hits=observed_hits,
        n_permutations=n_permutations,
        method=method,
        within=timedelta(microseconds=window),
        seed=seed,
        null=null,
    )


def _null(keys, gid, off, span, stride, window, n_perm, seed, method) -> np.ndarray:
    """Hit rate under each permutation, in chunks of permutations (not of events)."""
    rng = np.random.default_rng(seed)
    if method == "uniform":
        return _null_uniform(keys, gid, span, stride, window, n_perm, rng)
    n_groups = int(gid.max()) + 1
    per = max(1, _CELLS // gid.size)
    out = []
    for start in range(0, n_perm, per):
        k = min(per, n_perm - start)
        shift = np.floor(rng.random((k, n_groups))[:, gid] * (span + 1)).astype(np.int64)
        t = (off + shift) % (span + 1)
        hit = _hits(keys, gid * stride + t, window)
        spill = t + window - (span + 1)  # the window wraps round to the span's start
        wrap = _hits(keys, gid * stride, np.maximum(spill, 0)) & (spill >= 0)
        hit |= wrap
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


def _null_uniform(keys, gid, span, stride, window, n_perm, rng) -> np.ndarray:
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
