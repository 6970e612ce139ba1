"""Maximise sum_i w_i log (A p)_i over the simplex: Turnbull's likelihood, many weightings.

A (rows x cells, 0/1) says which innermost intervals each row covers; w (B, rows) holds one
weighting per bootstrap replicate. The log-likelihood is concave, so a point is a
maximiser iff it meets the KKT (self-consistency) conditions: with the gradient
d_j = sum_i w_i A_ij / (A p)_i and W = sum_i w_i, d_j = W where p_j > 0 and d_j <= W
where p_j = 0. `kkt_gap` is max_j d_j / W - 1, which also bounds the log-likelihood's
shortfall per unit weight (concavity: l(p*) - l(p) <= max_j d_j - W). Every solver here
stops on that certificate, not on how far mass moved.

Small problems (the day-level case: a few dozen cells) use an active-set Newton method
after ten EM steps (Newton steps on the support, cells dropped when a step reaches zero,
cells added along their vertex direction when their gradient beats W), all replicates at
once with batched solves, to a gap of 1e-9. Large ones (more than DENSE_CELLS cells: exact
or minute-level lags mixed with vague ones) use EM with SQUAREM steps, to a gap of 1e-6:
an extrapolation that would leave the simplex is shortened until it does not (clipping it
at 0, as before, zeroed cells that EM, multiplying masses, can never revive).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

KKT_TOL = 1e-9  # max_j d_j / W - 1 at the result: log-likelihood within 1e-9 per unit weight
EM_KKT_TOL = 1e-6  # EM (large problems): 1e-9 took 2x as long and was not always reached
DENSE_CELLS = 24  # Newton up to this many cells (day-level: ~10); EM beyond, faster there
_STEPS = 0.5 ** np.arange(40)  # backtracking fractions of a step
_EM_FIRST = 10  # EM steps before Newton's: ~2x fewer Newton passes on day-level replicates
_EARLY = 2  # passes in which cells may join before the support's masses are optimal


def gradient(A: np.ndarray, w: np.ndarray, p: np.ndarray) -> np.ndarray:
    """d (B, m): the log-likelihood's gradient; rows of zero weight take no part."""
    fitted = p @ A.T
    ratio = np.divide(w, fitted, out=np.zeros_like(w), where=w > 0)
    return ratio @ A


def kkt_gap(A: np.ndarray, w: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per replicate, max_j d_j / W - 1 (<= 0 at a maximiser; inf if a row has no mass)."""
    total = w.sum(axis=1)
    bad = ((p @ A.T <= 0) & (w > 0)).any(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = gradient(A, w, p).max(axis=1, initial=0.0) / total - 1
    return np.where(bad, np.inf, np.where(total > 0, gap, 0.0))


def loglik(A: np.ndarray, w: np.ndarray, p: np.ndarray) -> np.ndarray:
    """sum_i w_i log (A p)_i per replicate (rows of zero weight left out)."""
    fitted = p @ A.T
    with np.errstate(divide="ignore"):
        return np.where(w > 0, w * np.log(np.where(w > 0, fitted, 1.0)), 0.0).sum(axis=1)


def solve(
    A: np.ndarray,
    w: np.ndarray,
    free: np.ndarray,
    max_iter: int = 3000,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """The maximiser (B, m) with mass only on `free` cells (B, m); all zero where w is.

    `start` (m,) is where to start (uniform on the free cells without it): the result is
    the same from any start, which the tests check.
    """
    p = _start(A, w, free, start)
    if A.shape[1] <= DENSE_CELLS:
        return _newton(A, w, free, p, max_iter)
    first, last = A.argmax(axis=1), A.shape[1] - 1 - A[:, ::-1].argmax(axis=1)
    return _em(first, last, A.shape[1], w, p, max_iter)


def solve_runs(
    first: np.ndarray, last: np.ndarray, m: int, w: np.ndarray, free: np.ndarray,
    max_iter: int = 3000,
) -> np.ndarray:  # fmt: skip
    """`solve` for rows covering runs of cells first..last: the (rows x cells) matrix is
    built only for a small number of cells (Newton); large problems stay runs (EM)."""
    if m <= DENSE_CELLS:
        cells = np.arange(m)
        A = ((cells >= first[:, None]) & (cells <= last[:, None])).astype(float)
        return solve(A, w, free, max_iter)
    n = free.sum(axis=1, keepdims=True)
    alive = (w.sum(axis=1, keepdims=True) > 0) & (n > 0)
    return _em(first, last, m, w, np.where(alive, free / np.maximum(n, 1), 0.0), max_iter)


def _start(A, w, free, start) -> np.ndarray:
    """A point of finite likelihood: `start` on the free cells, with a little mass added
    on free cells covering rows it leaves empty; uniform on the free cells without it."""
    n = free.sum(axis=1, keepdims=True)
    alive = (w.sum(axis=1, keepdims=True) > 0) & (n > 0)
    uniform = np.where(alive, free / np.maximum(n, 1), 0.0)
    if start is None:
        return uniform
    p = np.where(free, start, 0.0)
    empty = ((w > 0) & (p @ A.T <= 0)).astype(float)
    p += 0.01 * (((empty @ A) > 0) & free)
    p = np.where(p.sum(axis=1, keepdims=True) > 0, p, uniform)
    return np.where(alive, p / np.maximum(p.sum(axis=1, keepdims=True), 1e-300), 0.0)


def _newton(A, w, free, p, max_iter) -> np.ndarray:
    """Active-set Newton from p: each pass moves the support's masses by a Newton step,
    dropping cells that reach 0; once the support is optimal, cells whose gradient
    exceeds W first join it (a step toward them)."""
    total = w.sum(axis=1)
    scale = np.maximum(total, 1e-300)[:, None]
    for _ in range(_EM_FIRST):  # EM fixes large relative errors of masses cheaply
        p = p * gradient(A, w, p) / scale
    m = A.shape[1]
    pairs = (A[:, :, None] * A[:, None, :]).reshape(A.shape[0], m * m)  # curvature by GEMM
    support = p > 0
    live = np.flatnonzero(total > 0)
    for k in range(max_iter):
        if live.size == 0:
            return p
        pl, sl, wl = p[live], support[live], w[live]
        fitted, r = _ratio(A, wl, pl)
        g = r @ A
        d = g / total[live, None]
        off = np.where(free[live] & ~sl, d - 1, -np.inf).max(axis=1, initial=-np.inf)
        on = (np.abs(d - 1) * sl).max(axis=1)
        done = (on <= KKT_TOL) & (off <= KKT_TOL)
        # cells join once the support is optimal (or early on, where it saves passes)
        grow = (off > KKT_TOL) & ((on <= KKT_TOL) | (k < _EARLY))
        if grow.any():  # then a Newton step in the same pass, from the new point
            add = free[live[grow]] & ~sl[grow] & (d[grow] > 1 + KKT_TOL)
            pl[grow], sl[grow] = _add_vertex(A, wl[grow], pl[grow], add, sl[grow])
            fitted[grow], r[grow] = _ratio(A, wl[grow], pl[grow])
            g[grow] = r[grow] @ A
        live, keep = live[~done], ~done
        if live.size:
            state = (pl[keep], sl[keep], fitted[keep], r[keep], g[keep])
            p[live], support[live] = _newton_step(A, pairs, wl[keep], *state)
    return p


def _ratio(A, w, p) -> tuple[np.ndarray, np.ndarray]:
    """Each row's fitted probability and w_i / (A p)_i (0 for rows of weight 0)."""
    fitted = p @ A.T
    return fitted, w / np.maximum(fitted, 1e-300)


def _newton_step(A, pairs, w, p, support, fitted, r, g) -> tuple[np.ndarray, np.ndarray]:
    """One damped Newton step on the support (mass kept summing to 1). A step that would
    take cells below 0 either stops at the first (dropping it) or, when that is better,
    goes the whole way and drops every cell it took below 0."""
    step = _direction(pairs, support, fitted, r, g)
    shrink = np.where(step < 0, p / np.where(step < 0, -step, 1.0), np.inf)
    limit = np.minimum(shrink.min(axis=1), 1.0)
    rise = (g * step).sum(axis=1)
    t = _backtrack(w, fitted, step @ A.T, limit, rise)
    # a cell within 1e-9 of a step from 0 leaves (rounding would stall the search there)
    hit = ((t == limit) & (limit < 1.0)) | (limit < 1e-9)
    t = np.where(hit, limit, t)
    new = np.clip(p + t[:, None] * step, 0.0, None)
    block = shrink.argmin(axis=1)
    new[hit, block[hit]] = 0.0
    new /= new.sum(axis=1, keepdims=True)
    cut = np.flatnonzero(limit < 1.0)
    if cut.size:
        whole = np.clip(p[cut] + step[cut], 0.0, None)
        whole /= np.maximum(whole.sum(axis=1, keepdims=True), 1e-300)
        better = loglik(A, w[cut], whole) > loglik(A, w[cut], new[cut])
        new[cut[better]] = whole[better]
    return new, support & (new > 0)


def _direction(pairs, support, fitted, r, g) -> np.ndarray:
    """Newton's direction on the support with sum 0 (off the support 0).

    With C the curvature on the support, the step is C^-1 (g - mu 1), mu fixing the sum.
    """
    b, m = support.shape
    curv = ((r / np.maximum(fitted, 1e-300)) @ pairs).reshape(b, m, m)
    curv *= support[:, :, None] & support[:, None, :]
    diag = np.arange(m)
    curv[:, diag, diag] += ~support
    rhs = np.empty((b, m, 2))
    rhs[:, :, 0] = g * support
    rhs[:, :, 1] = support
    x = np.linalg.solve(curv, rhs)
    mu = x[:, :, 0].sum(axis=1) / np.maximum(x[:, :, 1].sum(axis=1), 1e-300)
    return (x[:, :, 0] - mu[:, None] * x[:, :, 1]) * support


def _backtrack(w, base, move, limit, rise) -> np.ndarray:
    """The longest fraction of `limit` along `step` (rows' masses change by `move`) with
    an Armijo rise (0 if none); the whole step first, halvings only where it fails."""
    ll0 = (w * np.log(np.maximum(base, 1e-300))).sum(axis=1)
    t = limit.copy()
    ok = _armijo(w, base, move, t[:, None], rise, ll0)[:, 0]
    bad = np.flatnonzero(~ok)
    if bad.size:
        ts = limit[bad, None] * _STEPS[None, :]
        good = _armijo(w[bad], base[bad], move[bad], ts, rise[bad], ll0[bad])
        first = good.argmax(axis=1)
        t[bad] = np.where(good.any(axis=1), ts[np.arange(bad.size), first], 0.0)
    return t


def _armijo(w, base, move, ts, rise, ll0) -> np.ndarray:
    """(b, k): does a step of ts along `move` raise the likelihood by 1e-4 t rise (or, near
    the top, where the rise is below rounding, keep every row's mass positive)?"""
    fitted = base[:, None, :] + ts[:, :, None] * move[:, None, :]
    alive = ((fitted > 0) | (w[:, None, :] == 0)).all(axis=2)
    ll = (w[:, None, :] * np.log(np.maximum(fitted, 1e-300))).sum(axis=2)
    ok = alive & (ll - ll0[:, None] >= 1e-4 * ts * rise[:, None])
    tiny = (rise <= 1e-12 * w.sum(axis=1))[:, None]
    return ok | (tiny & alive)


def _add_vertex(A, w, p, add, support) -> tuple[np.ndarray, np.ndarray]:
    """Move mass toward the cells whose gradient exceeds W (`add`), evenly:
    p -> (1 - s) p + s e, s a Newton step on that segment, halved until the likelihood
    rises (it does for small s: the slope at 0 is the mean of their d_j, minus W)."""
    target = add / add.sum(axis=1, keepdims=True)
    fitted = p @ A.T
    diff = target @ A.T - fitted  # (b, rows): how each row's mass changes on the segment
    ratio = np.divide(w * diff, fitted, out=np.zeros_like(w), where=w > 0)
    slope = ratio.sum(axis=1)
    bend = np.divide(ratio * diff, fitted, out=np.zeros_like(w), where=w > 0).sum(axis=1)
    first = np.clip(slope / np.maximum(bend, 1e-300), 0.0, 1.0)
    ts = first[:, None] * _STEPS[None, :]
    ll0 = (w * np.log(np.maximum(fitted, 1e-300))).sum(axis=1)
    good = _armijo(w, fitted, diff, ts, slope, ll0)
    s = np.where(good.any(axis=1), ts[np.arange(ts.shape[0]), good.argmax(axis=1)], 0.0)
    new = (1 - s[:, None]) * p + s[:, None] * target
    return new, (support | add) & (new > 0)


def _em(first, last, m, w, p, max_iter) -> np.ndarray:
    """EM (self-consistency) with SQUAREM steps (Varadhan & Roland 2008), kept on the
    simplex: where an extrapolation goes below 0 the plain double EM step is taken. Rows
    are runs of cells, so a step is two cumulative sums; it stops on the KKT gap."""
    d = first.size
    rows = np.arange(d)
    scatter = sp.csr_matrix(
        (np.r_[np.ones(d), -np.ones(d)], (np.r_[rows, rows], np.r_[first, last + 1])),
        shape=(d, m + 1),
    ).T.tocsr()  # (cells + 1, rows): +1 where a row starts, -1 past where it ends
    total = w.sum(axis=1)
    scale = np.where(total > 0, total, 1.0)[:, None]

    def fitted(q):
        cum = np.concatenate([np.zeros((q.shape[0], 1)), np.cumsum(q, axis=1)], axis=1)
        return cum[:, last + 1] - cum[:, first]

    def grad(q, ww):
        ratio = ww / np.maximum(fitted(q), 1e-300)
        return np.cumsum(np.asarray(scatter @ ratio.T).T, axis=1)[:, :m]

    def ll(q, ww):
        return (ww * np.log(np.maximum(fitted(q), 1e-300))).sum(axis=1)

    live = np.flatnonzero(total > 0)
    for _ in range(max_iter // 2):
        if live.size == 0:
            break
        pl, wl, sc = p[live], w[live], scale[live]
        g = grad(pl, wl) / sc
        going = g.max(axis=1) - 1 > EM_KKT_TOL
        live, pl, wl, sc, g = live[going], pl[going], wl[going], sc[going], g[going]
        m1 = pl * g
        m2 = m1 * grad(m1, wl) / sc
        r, v = m1 - pl, m2 - 2 * m1 + pl
        rn, vn = np.linalg.norm(r, axis=1), np.linalg.norm(v, axis=1)
        alpha = np.minimum(-rn / np.where(vn > 0, vn, np.inf), -1.0)[:, None]
        jump = m2
        for k in range(6, -1, -1):  # the longest extrapolation that stays >= 0
            a = -1 + (alpha + 1) * 0.5**k
            cand = pl - 2 * a * r + a**2 * v
            jump = np.where((cand >= 0).all(axis=1, keepdims=True), cand, jump)
        jump = jump / jump.sum(axis=1, keepdims=True)
        p[live] = np.where((ll(jump, wl) >= ll(m2, wl))[:, None], jump, m2)
    return p
