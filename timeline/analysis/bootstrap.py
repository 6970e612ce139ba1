"""Bootstrap weights over distinct rows: pairs (i.i.d.) or clusters (group x time block).

A replicate is a vector of counts over the distinct trigger rows ("profiles"): a day-level
store of 124k triggers has a few dozen profiles, so B replicates cost O(B x profiles), not
O(B x triggers). With clusters, whole clusters are drawn with replacement, which keeps hits
that share a group or a burst together: correlated hits widen the interval as they should.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

DAY_S = 86_400.0


def profiles(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the given per-trigger columns and each trigger's row index."""
    table = np.column_stack([np.asarray(c, float) for c in columns])
    keys, inverse = np.unique(table, axis=0, return_inverse=True)
    return keys, inverse.ravel()


def time_blocks(group: np.ndarray | None, time_s: np.ndarray, *, block_s: float) -> np.ndarray:
    """Cluster ids: one per (group, block of `block_s` seconds of trigger time)."""
    block = np.floor((time_s - np.min(time_s)) / block_s).astype(np.int64)
    g = np.zeros(time_s.size, np.int64) if group is None else np.asarray(group)
    return np.unique(np.column_stack([g, block]), axis=0, return_inverse=True)[1].ravel()


def replicate_counts(
    inverse: np.ndarray,
    n_profiles: int,
    *,
    n_boot: int,
    seed: int,
    cluster: np.ndarray | None = None,
) -> np.ndarray:
    """(1 + n_boot, n_profiles) counts: row 0 is the data, the others bootstrap replicates.

    cluster=None resamples triggers (multinomial over profiles); else whole clusters.
    """
    n = inverse.size
    data = np.bincount(inverse, minlength=n_profiles).astype(float)
    rng = np.random.default_rng(seed)
    if cluster is None:
        draws = rng.multinomial(n, data / n, size=n_boot).astype(float)
        return np.vstack([data, draws])
    c = np.unique(cluster, return_inverse=True)[1].ravel()
    n_c = int(c.max()) + 1
    per_cluster = sp.csr_matrix(
        (np.ones(n), (c, inverse)), shape=(n_c, n_profiles)
    )  # duplicates add up
    pick = rng.multinomial(n_c, np.full(n_c, 1.0 / n_c), size=n_boot).astype(float)
    return np.vstack([data, np.asarray((per_cluster.T @ pick.T).T)])


def percentile(x: np.ndarray, level: float) -> float:
    """A percentile of replicate values without interpolation (inf stays inf)."""
    x = np.asarray(x, float)
    x = x[~np.isnan(x)]
    if x.size == 0:
        return float("nan")
    return float(np.quantile(x, level, method="inverted_cdf"))
