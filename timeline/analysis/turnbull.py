"""Turnbull's NPMLE of the time-to-response distribution from interval-censored lags.

Each observation says only that the lag lies in [L, R] (R = inf when right-censored).
The estimate puts probability mass on Turnbull's innermost intervals and is fitted by EM.
Every observation covers a contiguous run of innermost intervals, so one EM step is two
cumulative sums and a sparse product: O(n + m), vectorized across bootstrap replicates.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

INF = np.inf


def innermost(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Turnbull's innermost intervals [q_j, p_j]: a left end directly followed by a right end."""
    lv, rv = np.unique(left), np.unique(right)
    values = np.concatenate([lv, rv])
    tags = np.concatenate([np.zeros(lv.size, np.int8), np.ones(rv.size, np.int8)])
    order = np.lexsort((tags, values))  # at equal values, left ends come first (closed)
    values, tags = values[order], tags[order]
    starts = np.flatnonzero((tags[:-1] == 0) & (tags[1:] == 1))
    return values[starts], values[starts + 1]


def fit(
    left: np.ndarray,
    right: np.ndarray,
    weights: np.ndarray,
    *,
    tol: float = 1e-7,
    max_iter: int = 3000,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(q, p, mass) with `mass` of shape (B, m) for weights of shape (B, n)."""
    q, p = innermost(left, right)
    a = np.searchsorted(q, left, side="left")
    b = np.searchsorted(p, right, side="right") - 1
    n, m = left.size, q.size
    rows = np.concatenate([np.arange(n), np.arange(n)])
    cols = np.concatenate([a, b + 1])
    vals = np.concatenate([np.ones(n), -np.ones(n)])
    scatter = sp.csr_matrix((vals, (rows, cols)), shape=(n, m + 1))
    w = np.atleast_2d(weights).astype(float)
    total = w.sum(axis=1, keepdims=True)
    mass = np.full((w.shape[0], m), 1.0 / m)
    for _ in range(max_iter):
        cum = np.concatenate([np.zeros((w.shape[0], 1)), np.cumsum(mass, axis=1)], axis=1)
        inside = cum[:, b + 1] - cum[:, a]
        coef = np.divide(w, inside, out=np.zeros_like(w), where=inside > 0)
        share = np.cumsum(np.asarray((scatter.T @ coef.T).T), axis=1)[:, :m]
        new = mass * share / total
        done = np.max(np.abs(new - mass)) < tol
        mass = new
        if done:
            break
    return q, p, mass
