"""Numbers an analyst can defend: hit rate with a Wilson interval, lag quantiles with
bootstrap intervals, and the time-to-response median that respects censoring.

Lag quantiles describe the followed triggers only (conditional on a response inside the
window); the Kaplan-Meier/Turnbull median uses every trigger, censored ones included.
The columns are declared in `timeline.results.SUMMARY`; display text is `timeline.display`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import numpy as np
import polars as pl
from scipy.stats import norm

from timeline.analysis.frames import by_columns
from timeline.analysis.survival import curve, groups, keyed, median_time, pairs_table, seconds
from timeline.results import SUMMARY

QUANTILES = {"p10": 0.10, "p25": 0.25, "median": 0.50, "p75": 0.75, "p90": 0.90}
_CELLS = 20_000_000  # bootstrap cells per chunk: bounds memory at ~160 MB
EXACT_FROM = 200  # above this many lags, the bootstrap distribution is computed, not drawn


def wilson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (good at small n and near 0/1)."""
    if n == 0:
        return float("nan"), float("nan")
    z = norm.ppf((1 + confidence) / 2)
    p = k / n
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, center - half), min(1.0, center + half)


def bootstrap_stats(
    x: np.ndarray, *, n_boot: int, confidence: float, seed: int
) -> dict[str, tuple[float, float, float]]:
    """Quantiles and mean of `x`, each with a percentile-bootstrap interval (vectorized)."""
    names = [*QUANTILES, "mean"]
    if x.size == 0:
        return {k: (np.nan, np.nan, np.nan) for k in names}
    qs = np.array(list(QUANTILES.values()))
    point = [*np.quantile(x, qs), x.mean()]
    if x.size > EXACT_FROM:
        return _large_sample(x, point, confidence)
    rng = np.random.default_rng(seed)
    per_chunk = max(1, _CELLS // x.size)
    draws = []
    for start in range(0, n_boot, per_chunk):  # chunks of replicates, not events
        idx = rng.integers(0, x.size, size=(min(per_chunk, n_boot - start), x.size))
        sample = x[idx]
        draws.append(np.column_stack([np.quantile(sample, qs, axis=1).T, sample.mean(axis=1)]))
    if not draws:
        return {k: (v, np.nan, np.nan) for k, v in zip(names, point, strict=True)}
    alpha = (1 - confidence) / 2
    low, high = np.quantile(np.vstack(draws), [alpha, 1 - alpha], axis=0)
    return {k: (point[i], low[i], high[i]) for i, k in enumerate(names)}


def _large_sample(
    x: np.ndarray, point: list[float], confidence: float
) -> dict[str, tuple[float, float, float]]:
    """The percentile-bootstrap intervals, from the bootstrap distribution itself.

    A resample's k-th order statistic is <= x_(j) exactly when at least k of its n draws
    are <= x_(j), a Binomial(n, j/n) count: so the bootstrap CDF of each quantile is a
    binomial tail over j, exact and O(n), where drawing replicates costs O(n * n_boot).
    The mean's bootstrap distribution is normal at these sizes, with sd = sd_n(x)/sqrt(n).
    """
    from scipy.stats import binom

    n, alpha = x.size, (1 - confidence) / 2
    srt = np.sort(x)
    j = np.arange(1, n + 1)
    out = {}
    for i, (name, q) in enumerate(QUANTILES.items()):
        k = max(1, int(np.ceil(q * n)))
        cdf = binom.sf(k - 1, n, j / n)  # P(resample quantile <= x_(j))
        low, high = np.searchsorted(cdf, [alpha, 1 - alpha], side="left")
        out[name] = (point[i], srt[min(low, n - 1)], srt[min(high, n - 1)])
    half = norm.ppf(1 - alpha) * x.std() / np.sqrt(n)
    out["mean"] = (point[-1], point[-1] - half, point[-1] + half)
    return out


def _duration(seconds: float) -> timedelta | None:
    """Seconds as a microsecond timedelta; None when not finite (not reached, or no data)."""
    return timedelta(microseconds=round(seconds * 1e6)) if np.isfinite(seconds) else None


def _duration_cells(name: str, point: float, low: float, high: float) -> dict[str, object]:
    return {name: _duration(point), f"{name}_low": _duration(low), f"{name}_high": _duration(high)}


def _summarize(pairs: pl.DataFrame, confidence: float, n_boot: int, seed: int) -> dict:
    followed = ~pairs.get_column("censored").to_numpy().astype(bool)
    n, k = pairs.height, int(followed.sum())
    lo, hi = wilson(k, n, confidence)
    row: dict[str, object] = {
        "n_triggers": n, "n_followed": k, "n_censored": n - k,
        "n_ambiguous": int(pairs.get_column("order_ambiguous").sum()),
        "hit_rate": k / n if n else None, "hit_rate_low": lo if n else None,
        "hit_rate_high": hi if n else None,
    }  # fmt: skip
    lags_s = seconds(pairs.get_column("lag"))[followed]
    for name, vals in bootstrap_stats(
        lags_s, n_boot=n_boot, confidence=confidence, seed=seed
    ).items():
        row.update(_duration_cells(name, *vals))
    if n:
        one = curve(pairs, None, confidence, min(n_boot, 200), seed)
        row.update(_duration_cells("km_median", *median_time(one)))
        row["km_method"] = one.get_column("method")[0]
    return row


def lag_summary(
    pairs: pl.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    confidence: float = 0.95,
    n_boot: int = 2000,
    seed: int = 0,
) -> pl.DataFrame:
    """One row (per group when `by` is given) of counts, hit rate and lag statistics.

    `km_median` is the time by which half the triggers had a response, censoring respected
    (Turnbull when lags are intervals); missing ("not reached") when fewer than half were
    ever followed. Columns: `timeline.results.SUMMARY`.
    """
    pairs = pairs_table(pairs)
    cols = by_columns(by, pairs.columns)
    if not cols:
        return SUMMARY.frame([_summarize(pairs, confidence, n_boot, seed)])
    parts = [pairs.select(cols).clear().hstack(SUMMARY.empty())]
    for key, grp in groups(pairs, cols):  # per group, not per event
        row = SUMMARY.frame([_summarize(grp, confidence, n_boot, seed)])
        parts.append(row.select(*keyed(key), pl.all()))
    return pl.concat(parts)
