"""Lag quantiles from interval data: bounds the data allow, and an exact bootstrap interval.

A followed trigger's lag is known only to lie in [lag_min, lag_max] (its two events'
intervals). An order-unknown pair (lag_min < 0 < lag_max) enters as [0, lag_max]: if the
response followed, it did so by at most lag_max. No lag is ever placed at 0 or at its
midpoint: the q-quantile of the true lags lies between the q-quantile of the lower ends
and the q-quantile of the upper ends (lag_min <= lag <= lag_max row by row), and those two
are the estimate's bounds ("0 to 2 d" for day-level data). The interval adds sampling: the
alpha/2 percentile-bootstrap quantile of the lower ends and the 1 - alpha/2 one of the
upper ends. The bootstrap distribution of an order statistic is a binomial tail, so it is
computed exactly over the distinct values (O(distinct), no replicates drawn): one vague
lag gives its own bounds, a day-level store of 124k lags a few dozen distinct values.

Result columns (one row per quantile; durations in seconds, inf kept as inf):
statistic, q, estimate (null unless the bounds meet), estimate_low, estimate_high,
ci_low, ci_high, confidence, estimator, interval, n.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
from scipy.special import bdtrc

from timeline.analysis.bootstrap import Draws, percentile, replicate_counts, unique_rows

QUANTILES = {"p10": 0.10, "p25": 0.25, "median": 0.50, "p75": 0.75, "p90": 0.90}
RESULT_SCHEMA = {
    "statistic": pl.Utf8, "q": pl.Float64, "estimate": pl.Float64,
    "estimate_low": pl.Float64, "estimate_high": pl.Float64, "ci_low": pl.Float64,
    "ci_high": pl.Float64, "confidence": pl.Float64, "estimator": pl.Utf8,
    "interval": pl.Utf8, "n": pl.Int64,
}  # fmt: skip


def lag_bounds(lag_min: np.ndarray, lag_max: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[max(lag_min, 0), lag_max] for followed pairs: a response that followed did so at >= 0."""
    lo = np.maximum(np.asarray(lag_min, float), 0.0)
    return lo, np.maximum(np.asarray(lag_max, float), lo)


def order_statistic(x: np.ndarray, q: float, confidence: float) -> tuple[float, float, float]:
    """(point, low, high): the ceil(q n)-th order statistic and its exact percentile bootstrap.

    A resample's k-th order statistic is <= v exactly when at least k of its n draws are
    <= v, a Binomial(n, F_n(v)) count.
    """
    v, counts = np.unique(np.asarray(x, float), return_counts=True)
    n = int(counts.sum())
    if n == 0:
        return (np.nan, np.nan, np.nan)
    k = max(1, int(np.ceil(q * n - 1e-9)))
    cum = np.cumsum(counts)
    cdf = bdtrc(k - 1, n, cum / n)  # P(resampled k-th order statistic <= v_j)
    cdf[-1] = 1.0
    alpha = (1 - confidence) / 2
    pick = lambda level: float(v[min(np.searchsorted(cdf, level, side="left"), v.size - 1)])  # noqa: E731
    return float(v[np.searchsorted(cum, k)]), pick(alpha), pick(1 - alpha)


def replicate_order_statistic(values: np.ndarray, counts: np.ndarray, q: float) -> np.ndarray:
    """The ceil(q n)-th order statistic of each replicate of weighted `values` (B, d)."""
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(counts[:, order], axis=1)
    k = np.maximum(1, np.ceil(q * cum[:, -1] - 1e-9))
    return values[order][np.argmax(cum >= k[:, None], axis=1)]


def lag_quantiles(
    lag_min: np.ndarray,
    lag_max: np.ndarray,
    *,
    quantiles: dict[str, float] | Sequence[float] = QUANTILES,
    confidence: float = 0.95,
    cluster: np.ndarray | Draws | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pl.DataFrame:
    """Quantiles of the followed lags (seconds) as bounds with a bootstrap interval.

    Pass only followed pairs (censored rows have no lag), ideally only those followed up
    for the whole window. Without `cluster`: the exact bootstrap over pairs. With
    `cluster` (ids, e.g. `bootstrap.time_blocks`): `n_boot` replicates drawing whole
    clusters, for lags that come in bursts (several warnings answered by one attack).
    """
    if not isinstance(quantiles, dict):
        quantiles = {f"p{round(100 * q):g}": float(q) for q in quantiles}
    lo, hi = lag_bounds(lag_min, lag_max)
    if cluster is not None and lo.size:
        return _clustered(lo, hi, quantiles, confidence, cluster, n_boot, seed)
    rows = []
    for name, q in quantiles.items():
        point_lo, ci_lo, _ = order_statistic(lo, q, confidence)
        point_hi, _, ci_hi = order_statistic(hi, q, confidence)
        same = point_lo == point_hi
        rows.append({
            "statistic": name, "q": q, "estimate": point_lo if same else None,
            "estimate_low": point_lo, "estimate_high": point_hi, "ci_low": ci_lo,
            "ci_high": ci_hi, "confidence": confidence,
            "estimator": "empirical" if np.array_equal(lo, hi) else "interval bounds",
            "interval": "exact percentile bootstrap over pairs", "n": int(lo.size),
        })  # fmt: skip
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)


def _clustered(lo, hi, quantiles, confidence, cluster, n_boot, seed) -> pl.DataFrame:
    keys, inverse = unique_rows(np.column_stack([lo, hi]))
    if not isinstance(cluster, Draws):
        cluster = np.asarray(cluster)
    counts = replicate_counts(inverse, keys.shape[0], n_boot=n_boot, seed=seed,
                              cluster=cluster)  # fmt: skip
    alpha = (1 - confidence) / 2
    rows = []
    for name, q in quantiles.items():
        low = replicate_order_statistic(keys[:, 0], counts, q)
        high = replicate_order_statistic(keys[:, 1], counts, q)
        rows.append({
            "statistic": name, "q": q, "estimate": low[0] if low[0] == high[0] else None,
            "estimate_low": low[0], "estimate_high": high[0],
            "ci_low": percentile(low[1:], alpha), "ci_high": percentile(high[1:], 1 - alpha),
            "confidence": confidence,
            "estimator": "empirical" if np.array_equal(lo, hi) else "interval bounds",
            "interval": "cluster bootstrap", "n": int(lo.size),
        })  # fmt: skip
    return pl.DataFrame(rows, schema=RESULT_SCHEMA)
