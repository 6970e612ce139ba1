"""Time to response over all triggers, censoring respected: median and P(response by t).

Every trigger is a row: a followed one lies in [max(lag_min, 0), lag_max], an unfollowed
one is right-censored after its follow-up (the window, or less near the end of
observation). Order-unknown pairs (lag_min < 0 < lag_max) may be a response that came
first, so each figure is fitted three ways over the same bootstrap replicates:

- "misses": order-unknown pairs censored at their follow-up (the lowest curve of
  P(response by t));
- "hits": order-unknown pairs followed within [0, lag_max] (the highest);
- "split": each counted as followed with weight lag_max / (lag_max - lag_min), the share
  of its interval after the trigger (the estimate if the order is uniformly unknown).

Bounds of an estimate come from the misses/hits fits and from where inside an innermost
interval the mass lies (not identified); the interval is the alpha/2 bootstrap percentile
of the lower bound and the 1 - alpha/2 one of the upper bound. Exact data make the three
fits one Kaplan-Meier fit; anything vague makes them Turnbull fits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from timeline.analysis import bootstrap, turnbull
from timeline.analysis.bootstrap import Draws
from timeline.analysis.intervals import lag_bounds

_EPS = 1e-6  # masses are KKT-certified (npmle): a cumulative 0.5 within this is 0.5


@dataclass(frozen=True)
class Fits:
    """The misses / hits / split fits, row 0 the data, rows 1.. bootstrap replicates."""

    misses: turnbull.Fit
    hits: turnbull.Fit
    split: turnbull.Fit
    counts: np.ndarray  # (1 + B, n_profiles) replicate counts
    profile_hit: np.ndarray  # per profile: followed, order known
    profile_ambiguous: np.ndarray
    profile_after: np.ndarray  # per profile: share of an order-unknown pair after the trigger
    n: int

    @property
    def estimator(self) -> str:
        return self.hits.estimator


def trigger_rows(
    lag_min: np.ndarray,
    lag_max: np.ndarray,
    censored: np.ndarray,
    followup: np.ndarray,
    ambiguous: np.ndarray | None = None,
    within: float = np.inf,
) -> tuple[np.ndarray, ...]:
    """Per trigger (seconds): lower end, upper end, censored, follow-up, order unknown, and
    the share of an order-unknown pair's raw [lag_min, lag_max] that lies after the trigger.

    A pair counts as followed when its midpoints are within the window, so its upper end
    is cut at `within`: a day-level pair 3 d apart (lag in (2 d, 4 d)) is a hit of a
    3-day window, as it is in the raw share.
    """
    cens = np.asarray(censored, bool)
    raw_lo = np.where(cens, 0.0, np.asarray(lag_min, float))
    raw_hi = np.where(cens, 0.0, np.asarray(lag_max, float))
    lo, hi = lag_bounds(raw_lo, raw_hi)
    lo, hi = np.minimum(lo, within), np.minimum(hi, within)
    if ambiguous is None:
        ambiguous = (raw_lo < 0) & (raw_hi > 0)
    amb = np.asarray(ambiguous, bool) & ~cens & (raw_hi > raw_lo)
    width = np.where(amb, raw_hi - raw_lo, 1.0)
    after = np.where(amb, np.clip(raw_hi / width, 0.0, 1.0), 1.0)
    return lo, hi, cens, np.asarray(followup, float), amb, after


def fit_all(
    lag_min: np.ndarray,
    lag_max: np.ndarray,
    censored: np.ndarray,
    followup: np.ndarray,
    *,
    ambiguous: np.ndarray | None = None,
    within: float = np.inf,
    cluster: np.ndarray | Draws | None = None,
    n_boot: int = 500,
    seed: int = 0,
) -> Fits:
    """Fit the three variants to the data and to `n_boot` (cluster) bootstrap replicates."""
    cols = trigger_rows(lag_min, lag_max, censored, followup, ambiguous, within)
    keys, inverse = bootstrap.profiles(*cols)
    counts = bootstrap.replicate_counts(
        inverse, keys.shape[0], n_boot=n_boot, seed=seed, cluster=cluster
    )
    p_lo, p_hi, p_cens, p_fu, p_amb, after = keys.T
    p_cens, p_amb = p_cens.astype(bool), p_amb.astype(bool)
    out_r = np.full(p_fu.size, np.inf)  # unfollowed: censored after the follow-up
    followed = ~p_cens
    hit_l, hit_r = np.where(followed, p_lo, p_fu), np.where(followed, p_hi, out_r)
    known = followed & ~p_amb
    miss_l, miss_r = np.where(known, p_lo, p_fu), np.where(known, p_hi, out_r)
    split_l = np.concatenate([hit_l, p_fu[p_amb]])
    split_r = np.concatenate([hit_r, out_r[p_amb]])
    split_w = np.concatenate([counts * after, counts[:, p_amb] * (1 - after[p_amb])], axis=1)
    return Fits(
        misses=turnbull.fit(miss_l, miss_r, counts),
        hits=turnbull.fit(hit_l, hit_r, counts),
        split=turnbull.fit(split_l, split_r, split_w),
        counts=counts,
        profile_hit=known,
        profile_ambiguous=p_amb,
        profile_after=np.where(p_amb, after, 0.0),
        n=int(inverse.size),
    )


def median_bounds(fit: turnbull.Fit, level: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Per replicate, the range of t where the fitted P(response by t) reaches `level`.

    The lower end is where the cumulative mass reaches `level` (mass at the start of the
    interval it may lie in, `Fit.lo`), the upper where it passes it (at the end, `Fit.hi`);
    inf if it never does.
    """
    if fit.q.size == 0:
        inf = np.full(fit.mass.shape[0], np.inf)
        return inf, inf
    cum = np.cumsum(fit.mass, axis=1)
    reach = cum >= level - _EPS
    past = cum > level + _EPS
    pad = np.full((cum.shape[0], 1), np.inf)
    lo, hi = np.hstack([fit.lo, pad]), np.hstack([fit.hi, pad])
    first = np.where(reach.any(axis=1), reach.argmax(axis=1), fit.q.size)
    after = np.where(past.any(axis=1), past.argmax(axis=1), fit.q.size)
    rows = np.arange(cum.shape[0])
    return lo[rows, first], hi[rows, after]


def cdf_bounds(fit: turnbull.Fit, t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per replicate, P(response by t): surely (whole interval <= t), possibly, and split.

    Intervals are where each cell's mass may lie (`Fit.lo`, `Fit.hi`). The split value
    spreads each finite interval's mass evenly across it.
    """
    lo, hi = fit.lo, fit.hi
    surely = (fit.mass * (hi <= t)).sum(axis=1)
    exact = lo == hi  # closed points; other intervals are open at lo
    possibly = (fit.mass * ((lo < t) | (exact & (lo <= t)))).sum(axis=1)
    width = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        part = np.where(width > 0, np.clip((t - lo) / width, 0, 1), (lo <= t) * 1.0)
    part = np.where(np.isfinite(hi), part, 0.0)
    return surely, possibly, (fit.mass * part).sum(axis=1)
