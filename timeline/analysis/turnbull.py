"""Nonparametric MLE of a time-to-response distribution from interval- and right-censored lags.

Each row says only that the lag lies in [left, right]; right = inf is right-censored.
Rows of positive width are open at both ends (a day-level event in [D, D+1 d) is never at
D+1 d), so a same-day pair [0, 1 d) and a next-day pair (0, 2 d) do not pile their mass on
the shared end point 1 d. Zero-width rows are exact lags.

Speed comes from weighting distinct rows: day-level lags take a few dozen distinct
[left, right] pairs whatever the number of triggers, so a 124k-trigger fit is a fit on a
few dozen weighted rows. Bootstrap replicates are rows of a weight matrix (B, d) fitted
together: exact lags use Kaplan-Meier (closed form), others Turnbull's EM, where each row
covers a contiguous run of innermost intervals, so one step is two cumulative sums.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from timeline.analysis.bootstrap import unique_rows

INF = np.inf


@dataclass(frozen=True)
class Fit:
    """Mass on innermost intervals [q_j, p_j] (closed if q == p, else open), per replicate.

    `mass` has shape (B, m): row 0 is the fit to the data's own weights when replicates
    were asked for. `estimator` is "kaplan-meier" or "turnbull".
    """

    q: np.ndarray
    p: np.ndarray
    mass: np.ndarray
    estimator: str

    def __iter__(self):
        """Unpacks as (q, p, mass), the shape the survival curve reads."""
        return iter((self.q, self.p, self.mass))


def distinct(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (left, right) rows and, per input row, the index of its distinct row."""
    rows, inverse = unique_rows(np.column_stack([left, right]))
    return rows[:, 0], rows[:, 1], inverse


def innermost(
    left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Turnbull's innermost intervals [q, p] and, per row, the run (first, last) it covers.

    Ends are ranked with ties broken so that touching open rows stay disjoint: at one value,
    open right ends < exact left ends < exact right ends < open left ends. An innermost
    interval is a left end directly followed by a right end in that order.
    """
    exact = left == right
    values = np.concatenate([left, right])
    tags = np.concatenate([np.where(exact, 1.0, 3.0), np.where(exact, 2.0, 0.0)])
    keys, rank = unique_rows(np.column_stack([values, tags]))
    is_left = (keys[:, 1] == 1) | (keys[:, 1] == 3)
    starts = np.flatnonzero(is_left[:-1] & ~is_left[1:])
    ends = starts + 1
    n = left.size
    first = np.searchsorted(starts, rank[:n], side="left")
    last = np.searchsorted(ends, rank[n:], side="right") - 1
    return keys[starts, 0], keys[ends, 0], first, last


def fit(
    left: np.ndarray,
    right: np.ndarray,
    weights: np.ndarray | None = None,
    *,
    tol: float = 1e-7,
    max_iter: int = 3000,
) -> Fit:
    """NPMLE for rows [left, right] with weights of shape (d,) or (B, d).

    Rows may repeat (their weights add up). Kaplan-Meier when every finite row is exact,
    else Turnbull (EM from a uniform start until no mass moves by more than `tol`).
    """
    left, right = np.asarray(left, float), np.asarray(right, float)
    w = np.atleast_2d(np.ones(left.size) if weights is None else np.asarray(weights, float))
    if left.size == 0:
        return Fit(np.empty(0), np.empty(0), np.zeros((w.shape[0], 0)), "kaplan-meier")
    finite = np.isfinite(right)
    if np.all(left[finite] == right[finite]):
        return _kaplan_meier(left, right, w)
    q, p, a, b = innermost(left, right)
    return Fit(q, p, _em(a, b, q.size, w, tol, max_iter), "turnbull")


def _em(a, b, m, w, tol, max_iter) -> np.ndarray:
    """Turnbull's self-consistency iterations, all replicates at once, SQUAREM-accelerated.

    Plain EM crawls when mass has to move across many innermost intervals; SQUAREM
    (Varadhan & Roland 2008) extrapolates along two EM steps and is typically 10-100x
    faster to the same fixed point. Each replicate gets its own step length.
    """
    n = a.size
    rows = np.concatenate([np.arange(n), np.arange(n)])
    scatter = sp.csr_matrix(
        (np.concatenate([np.ones(n), -np.ones(n)]), (rows, np.concatenate([a, b + 1]))),
        shape=(n, m + 1),
    ).T.tocsr()
    wt = np.ascontiguousarray(w.T)  # (rows, B): row gathers below are contiguous copies
    total = wt.sum(axis=0)
    total[total == 0] = 1.0
    out = np.full((m, wt.shape[1]), 1.0 / m)
    live = np.arange(wt.shape[1])  # replicates still moving; converged ones leave the loop

    def step(mass: np.ndarray) -> np.ndarray:  # mass: (m, live)
        cum = np.concatenate([np.zeros((1, mass.shape[1])), np.cumsum(mass, axis=0)])
        inside = cum[b + 1] - cum[a]
        ww = wt[:, live]
        coef = np.divide(ww, inside, out=np.zeros_like(ww), where=inside > 0)
        return mass * np.cumsum(scatter @ coef, axis=0)[:m] / total[live]

    mass = out.copy()
    for _ in range(max_iter // 3):
        m1 = step(mass)
        m2 = step(m1)
        r, v = m1 - mass, m2 - 2 * m1 + mass
        rn, vn = np.linalg.norm(r, axis=0), np.linalg.norm(v, axis=0)
        alpha = np.minimum(np.where(vn > 0, -rn / np.where(vn > 0, vn, 1.0), -1.0), -1.0)
        jump = np.clip(mass - 2 * alpha * r + alpha**2 * v, 0.0, None)
        jump /= np.maximum(jump.sum(axis=0), 1e-300)
        new = step(jump)
        moving = np.maximum(np.abs(new - m2).max(axis=0), np.abs(m2 - m1).max(axis=0)) >= tol
        out[:, live] = new
        live, mass = live[moving], new[:, moving]
        if live.size == 0:
            break
    return out.T


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
