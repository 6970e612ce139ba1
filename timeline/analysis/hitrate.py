"""Hit rate that respects follow-up, and the time-to-response median, with honest intervals.

The raw share (followed / all triggers) counts a trigger observed for less than the window
as a miss; `p_within` = 1 - S(within) from the Kaplan-Meier/Turnbull fit counts it as
censored, so near the end of observation it is the figure to quote. Order-unknown pairs
give bounds (counted as misses / as hits) and an estimate (counted by the share of their
interval after the trigger); see `timeline.analysis.responsetime`.

Hits are correlated: warnings come in bursts that share one attack, and groups differ.
The default interval is a cluster bootstrap over (group x block of trigger time), 30-day
blocks: a burst stays inside one cluster, and whole clusters are resampled, so the
interval widens with the correlation instead of assuming independent triggers.

Result columns: as `timeline.analysis.intervals.RESULT_SCHEMA` (statistic "share",
"p_within" as probabilities; "median_time" in seconds, inf when not reached).
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import polars as pl

from timeline.analysis import bootstrap
from timeline.analysis.intervals import RESULT_SCHEMA
from timeline.analysis.responsetime import Fits, cdf_bounds, fit_all, median_bounds

BLOCK_S = 30 * bootstrap.DAY_S
MIN_CLUSTERS = 10


def time_to_response(
    lag_min: np.ndarray,
    lag_max: np.ndarray,
    censored: np.ndarray,
    followup: np.ndarray,
    *,
    within: float,
    ambiguous: np.ndarray | None = None,
    group: np.ndarray | None = None,
    trigger_time: np.ndarray | None = None,
    block: float | None = BLOCK_S,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
) -> pl.DataFrame:
    """Rows "share", "p_within" and "median_time" for one set of triggers (seconds).

    `trigger_time` (seconds) and `group` (integer ids) define the bootstrap clusters;
    without `trigger_time`, or with block=None, triggers are resampled independently.
    """
    cluster, how = clusters(group, trigger_time, block)
    fits = fit_all(lag_min, lag_max, censored, followup, ambiguous=ambiguous,
                   within=within, cluster=cluster, n_boot=n_boot, seed=seed)  # fmt: skip
    return figures(fits, within, confidence, how)


def figures(fits: Fits, within: float, confidence: float, how: str) -> pl.DataFrame:
    """The rows "share", "p_within" and "median_time" of fitted triggers (`fit_all`)."""
    rows = [_share(fits, confidence), _p_within(fits, within, confidence),
            _median(fits, within, confidence)]  # fmt: skip
    named = [how + (WIDENED if r["q"] is None else "") for r in rows]
    table = [{**r, "confidence": confidence, "interval": i, "n": fits.n}
             for r, i in zip(rows, named, strict=True)]  # fmt: skip
    return pl.DataFrame(table, schema=RESULT_SCHEMA)


def clusters(
    group: np.ndarray | None, trigger_time: np.ndarray | None, block: float | None
) -> tuple[np.ndarray | None, str]:
    """Bootstrap cluster ids (None: resample triggers) and the interval's name.

    Fewer than MIN_CLUSTERS clusters cannot carry a cluster bootstrap (a replicate of two
    clusters is one of three patterns): triggers are then resampled, and the name says so.
    """
    if trigger_time is None or block is None or np.size(trigger_time) == 0:
        return None, "bootstrap over triggers"
    ids = bootstrap.time_blocks(group, np.asarray(trigger_time, float), block_s=block)
    if np.unique(ids).size < MIN_CLUSTERS:
        return None, f"bootstrap over triggers (fewer than {MIN_CLUSTERS} clusters)"
    return ids, f"cluster bootstrap over (group x {block / bootstrap.DAY_S:g}-day block)"


WIDENED = "; hit rates at least as wide as Wilson's"


def _ci(low_reps: np.ndarray, high_reps: np.ndarray, confidence: float) -> dict:
    alpha = (1 - confidence) / 2
    if low_reps.size == 0:
        return {"ci_low": None, "ci_high": None}
    return {
        "ci_low": bootstrap.percentile(low_reps, alpha),
        "ci_high": bootstrap.percentile(high_reps, 1 - alpha),
    }


def wilson(k: float, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (good at small n and near 0/1)."""
    if n == 0:
        return float("nan"), float("nan")
    z = NormalDist().inv_cdf((1 + confidence) / 2)
    p = k / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z / denom * np.sqrt(max(p * (1 - p), 0.0) / n + z * z / (4 * n * n))
    return max(0.0, center - half), min(1.0, center + half)


def _at_least_wilson(ci: dict, least: float, most: float, n: int, confidence: float) -> dict:
    """The bootstrap interval, widened to Wilson's where that is wider: a bootstrap of a
    few triggers collapses (one followed trigger gives "100% [100%, 100%]"), Wilson does
    not; with many triggers the (cluster) bootstrap is the wider one and stands."""
    if ci["ci_low"] is None or n == 0:
        return ci
    w_low, w_high = wilson(least * n, n, confidence)[0], wilson(most * n, n, confidence)[1]
    return {"ci_low": min(ci["ci_low"], w_low), "ci_high": max(ci["ci_high"], w_high)}


def _share(fits: Fits, confidence: float) -> dict:
    total = fits.counts.sum(axis=1)
    known = fits.counts @ fits.profile_hit / total
    maybe = fits.counts @ (fits.profile_hit | fits.profile_ambiguous) / total
    split = fits.counts @ (fits.profile_hit + fits.profile_after) / total
    return {"statistic": "share", "q": None, "estimate": split[0], "estimate_low": known[0],
            "estimate_high": maybe[0], "estimator": "raw share",
            **_at_least_wilson(_ci(known[1:], maybe[1:], confidence), known[0], maybe[0],
                               fits.n, confidence)}  # fmt: skip


def _p_within(fits: Fits, within: float, confidence: float) -> dict:
    low, _, _ = cdf_bounds(fits.misses, within)
    _, high, _ = cdf_bounds(fits.hits, within)
    _, _, split = cdf_bounds(fits.split, within)
    return {"statistic": "p_within", "q": None, "estimate": split[0], "estimate_low": low[0],
            "estimate_high": high[0], "estimator": fits.estimator,
            **_at_least_wilson(_ci(low[1:], high[1:], confidence), low[0], high[0], fits.n,
                               confidence)}  # fmt: skip


def _median(fits: Fits, within: float, confidence: float) -> dict:
    """Beyond the window nothing is observed: a median past it is "not reached" (inf)."""
    low, _ = median_bounds(fits.hits)
    _, high = median_bounds(fits.misses)
    low, high = np.where(low > within, np.inf, low), np.where(high > within, np.inf, high)
    return {"statistic": "median_time", "q": 0.5,
            "estimate": low[0] if low[0] == high[0] else None,
            "estimate_low": low[0], "estimate_high": high[0], "estimator": fits.estimator,
            **_ci(low[1:], high[1:], confidence)}  # fmt: skip
