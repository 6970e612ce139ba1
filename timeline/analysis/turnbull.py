"""Nonparametric MLE of a time-to-response distribution from interval- and right-censored lags.

Each row says only that the lag lies in [left, right]; right = inf is right-censored.
Rows of positive width are open at both ends (a day-level event in [D, D+1 d) is never at
D+1 d), so a same-day pair [0, 1 d) and a next-day pair (0, 2 d) do not pile their mass on
the shared end point 1 d. Zero-width rows are exact lags.

Speed comes from weighting distinct rows: day-level lags take a few dozen distinct
[left, right] pairs whatever the number of triggers, so a 124k-trigger fit is a fit on a
few dozen weighted rows. Bootstrap replicates are rows of a weight matrix (B, d) fitted
together: exact lags use Kaplan-Meier (closed form), others Turnbull's NPMLE solved to its
KKT conditions (`npmle`). A replicate that draws some rows zero times has coarser
innermost intervals than the data: each replicate is fitted on its own
(`replicate_cells`), and `Fit.lo` / `Fit.hi` say where each cell's mass may lie.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from timeline.analysis import npmle
from timeline.analysis.bootstrap import unique_rows

INF = np.inf


@dataclass(frozen=True)
class Fit:
    """Mass on innermost intervals [q_j, p_j] (closed if q == p, else open), per replicate.

    `mass` has shape (B, m): row 0 is the fit to the data's own weights when replicates
    were asked for. Cell j's mass in replicate b lies somewhere in [lo[b, j], hi[b, j]]:
    the data's innermost interval, or, where rows of zero weight in that replicate leave
    its likelihood flat across several cells, the replicate's own innermost interval
    spanning them (its mass on its first cell, 0 on the others). `estimator` is
    "kaplan-meier" or "turnbull".
    """

    q: np.ndarray
    p: np.ndarray
    mass: np.ndarray
    estimator: str
    lo: np.ndarray | None = None
    hi: np.ndarray | None = None

    def __post_init__(self):
        shape = self.mass.shape
        if self.lo is None:
            object.__setattr__(self, "lo", np.broadcast_to(self.q, shape))
        if self.hi is None:
            object.__setattr__(self, "hi", np.broadcast_to(self.p, shape))

    def __iter__(self):
        """Unpacks as (q, p, mass), the shape the survival curve reads."""
        return iter((self.q, self.p, self.mass))


def distinct(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (left, right) rows and, per input row, the index of its distinct row."""
    rows, inverse = unique_rows(np.column_stack([left, right]))
    return rows[:, 0], rows[:, 1], inverse


def _ends(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row ends ranked with ties broken so that touching open rows stay disjoint: at one
    value, open right ends < exact left ends < exact right ends < open left ends.
    Returns the distinct (value, tag) keys, each row end's rank, and which keys are left."""
    exact = left == right
    values = np.concatenate([left, right])
    tags = np.concatenate([np.where(exact, 1.0, 3.0), np.where(exact, 2.0, 0.0)])
    keys, rank = unique_rows(np.column_stack([values, tags]))
    return keys, rank, (keys[:, 1] == 1) | (keys[:, 1] == 3)


def innermost(
    left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Turnbull's innermost intervals [q, p] and, per row, the run (first, last) it covers.

    An innermost interval is a left end directly followed by a right end (`_ends` order).
    """
    keys, rank, is_left = _ends(left, right)
    starts = np.flatnonzero(is_left[:-1] & ~is_left[1:])
    ends = starts + 1
    n = left.size
    first = np.searchsorted(starts, rank[:n], side="left")
    last = np.searchsorted(ends, rank[n:], side="right") - 1
    return keys[starts, 0], keys[ends, 0], first, last


def replicate_cells(
    left: np.ndarray, right: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per replicate (rows of w) and data cell: may it carry mass, and where may it lie.

    A replicate's innermost intervals come from its rows of positive weight only. A data
    cell outside all of them gets no mass at any maximiser; several cells inside one of
    them are covered by the same rows, so the likelihood cannot tell them apart: the first
    carries the interval's mass, spread over [lo, hi] (the interval's ends). Returns
    (free (B, m) bool, lo, hi).
    """
    keys, rank, is_left = _ends(left, right)
    n, k = left.size, keys.shape[0]
    starts = np.flatnonzero(is_left[:-1] & ~is_left[1:])
    rows = np.r_[np.arange(n), np.arange(n)]
    ends = sp.csr_matrix((np.ones(2 * n), (rank, rows)), shape=(k, n))  # key x row
    active = np.asarray(ends @ (w > 0).T.astype(float)).T > 0
    at = np.where(active, np.arange(k), -1)
    prev = np.maximum.accumulate(at, axis=1)[:, starts]
    nxt = np.minimum.accumulate(np.where(active, np.arange(k), k)[:, ::-1], axis=1)[:, ::-1]
    nxt = nxt[:, starts + 1]
    inside = (prev >= 0) & (nxt < k)
    inside &= is_left[np.maximum(prev, 0)] & ~is_left[np.minimum(nxt, k - 1)]
    same = np.zeros_like(inside)
    same[:, 1:] = inside[:, :-1] & (prev[:, 1:] == prev[:, :-1])
    lo = np.where(inside, keys[np.maximum(prev, 0), 0], keys[starts, 0])
    hi = np.where(inside, keys[np.minimum(nxt, k - 1), 0], keys[starts + 1, 0])
    return inside & ~same, lo, hi


def fit(
    left: np.ndarray,
    right: np.ndarray,
    weights: np.ndarray | None = None,
    *,
    tol: float | None = None,
    max_iter: int = 3000,
) -> Fit:
    """NPMLE for rows [left, right] with weights of shape (d,) or (B, d).

    Rows may repeat (their weights add up). Kaplan-Meier when every finite row is exact,
    else Turnbull, solved to the KKT conditions (`npmle`); `tol` is kept for callers and
    ignored (the stopping rule is the KKT certificate, `npmle.KKT_TOL`).
    """
    left, right = np.asarray(left, float), np.asarray(right, float)
    w = np.atleast_2d(np.ones(left.size) if weights is None else np.asarray(weights, float))
    if left.size == 0:
        return Fit(np.empty(0), np.empty(0), np.zeros((w.shape[0], 0)), "kaplan-meier")
    finite = np.isfinite(right)
    if np.all(left[finite] == right[finite]):
        return _kaplan_meier(left, right, w)
    q, p, a, b = innermost(left, right)
    free, lo, hi = replicate_cells(left, right, w)
    mass = npmle.solve_runs(a, b, q.size, w, free, max_iter)
    return Fit(q, p, mass, "turnbull", lo, hi)


def _kaplan_meier(left, right, w) -> Fit:
    """Kaplan-Meier as masses on event times; mass beyond the last event sits on [c, inf]."""
    event = np.isfinite(right)
    times = left
    order = np.lexsort((~event, times))  # events before censorings at the same time
    t, e, ww = times[order], event[order], w[:, order]
    at_risk = np.cumsum(ww[:, ::-1], axis=1)[:, ::-1]
    d = np.where(e, ww, 0.0)
    hazard = np.divide(d, at_risk, out=np.zeros_like(d), where=at_risk > 0)
    surv = np.cumprod(1.0 - hazard, axis=1)
    before = np.concatenate([np.ones((w.shape[0], 1)), surv[:, :-1]], axis=1)
    drop = (before - surv)[:, e]
    et = t[e]
    uniq, first = np.unique(et, return_index=True)
    mass = np.add.reduceat(drop, first, axis=1) if et.size else np.zeros((w.shape[0], 0))
    q, p = uniq, uniq.copy()
    if (~e).any():  # what no event took lies beyond the last time seen
        q, p = np.append(q, t.max()), np.append(p, INF)
        mass = np.concatenate([mass, surv[:, -1:]], axis=1)
    return Fit(q, p, mass, "kaplan-meier")
