"""Turnbull fits of a 300-actor day-level brief: are they maximisers, and how long do they take.

    python benchmarks/turnbull.py                  # lag summary by actor, checks, timings
    python benchmarks/turnbull.py --brief          # also time the brief's spec (tl.brief)
    python benchmarks/turnbull.py --compare A B    # two saved summaries, figure by figure

The store is `tl.synth.generate` with every time day-level (vague_share=1), 300 actors. Every
Turnbull fit made by `lag_summary(by="actor")` (three per actor, 1 + 500 replicates each) is
recorded and checked:

- KKT: d_j = sum_i w_i A_ij / (A p)_i must equal W = sum_i w_i where p_j > 0 and be <= W
  elsewhere; `max_j d_j / W - 1` bounds the log-likelihood's shortfall per unit weight;
  "dead rows" are rows of positive weight left at probability 0 (log-likelihood -inf);
- an independent optimiser (scipy SLSQP over the simplex) on a sample of replicates:
  its log-likelihood minus ours (> 0: ours is not a maximiser);
- start independence (with `npmle`): replicates refitted from random starts, largest
  change of P(by the window) bounds and median bounds.

Runs against another checkout with PYTHONPATH=<its root>. Writes the summary to
benchmarks/out/turnbull-<label>.parquet.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import polars as pl
from scipy.optimize import minimize

import timeline as tl
from timeline.analysis import summary, turnbull

OUT = Path(__file__).resolve().parent / "out"
D = 86400.0


def pairs_300(days: int, rate: float) -> tuple[pl.DataFrame, pl.DataFrame]:
    s = tl.synth.generate(n_groups=300, days=days, warning_rate=rate, background_rate=rate,
                          vague_share=1.0, seed=0)  # fmt: skip
    pairs = tl.lags(s.events, "warning", "attack", within="7d", output="polars")
    return s.events, pairs


def recorded_summary(pairs: pl.DataFrame) -> tuple[pl.DataFrame, list, float, float]:
    """lag_summary by actor; every fit's inputs and result, seconds in fits, in all."""
    calls, spent, fit = [], [0.0], turnbull.fit

    def timed(left, right, weights=None, **kw):
        t0 = time.perf_counter()
        out = fit(left, right, weights, **kw)
        spent[0] += time.perf_counter() - t0
        calls.append((np.asarray(left, float), np.asarray(right, float),
                      np.atleast_2d(np.asarray(weights, float)), out))  # fmt: skip
        return out

    turnbull.fit = timed
    try:
        t0 = time.perf_counter()
        table = summary.lag_summary(pairs, by="actor")
        total = time.perf_counter() - t0
    finally:
        turnbull.fit = fit
    return table, calls, spent[0], total


def cover(left, right) -> np.ndarray:
    q, _, a, b = turnbull.innermost(left, right)
    cells = np.arange(q.size)
    return ((cells >= a[:, None]) & (cells <= b[:, None])).astype(float)


def kkt(A, w, mass) -> tuple[np.ndarray, np.ndarray]:
    """Per replicate: max_j d_j / W - 1 (inf with a dead row), and whether a row died."""
    fitted = mass @ A.T
    dead = ((fitted <= 0) & (w > 0)).any(axis=1)
    ratio = np.divide(w, fitted, out=np.zeros_like(w), where=(w > 0) & (fitted > 0))
    gap = (ratio @ A).max(axis=1) / w.sum(axis=1) - 1
    return np.where(dead, np.inf, gap), dead


def loglik(A, w, p) -> float:
    use = w > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(w[use] * np.log(A[use] @ p)))


def slsqp(A, w) -> float:
    m, use = A.shape[1], w > 0
    rows, wt = A[use], w[use]
    res = minimize(lambda p: -np.sum(wt * np.log(np.maximum(rows @ p, 1e-300))),
                   np.full(m, 1 / m), jac=lambda p: -(wt / np.maximum(rows @ p, 1e-300)) @ rows,
                   method="SLSQP", bounds=[(0, 1)] * m,
                   constraints=[{"type": "eq", "fun": lambda p: p.sum() - 1}],
                   options={"ftol": 1e-15, "maxiter": 3000})  # fmt: skip
    return -res.fun


def checks(calls: list, sample: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    gaps, dead, n_rep, behind, moved = [], 0, 0, [], []
    fits = [c for c in calls if c[3].estimator == "turnbull"]
    for left, right, w, out in fits:
        A = cover(left, right)
        gap, died = kkt(A, w, out.mass)
        gaps.append(gap)
        dead += int(died.sum())
        n_rep += w.shape[0]
    for k in rng.choice(len(fits), size=min(sample, len(fits)), replace=False):
        left, right, w, out = fits[k]
        A, b = cover(left, right), rng.integers(w.shape[0])
        behind.append(slsqp(A, w[b]) - loglik(A, w[b], out.mass[b]))
        moved.append(start_change(left, right, w, out, A, rng))
    g = np.concatenate(gaps)
    return {
        "turnbull fits": len(fits), "replicates": n_rep,
        "KKT gap > 1e-6": int((g > 1e-6).sum()), "KKT gap > 1e-9": int((g > 1e-9).sum()),
        "largest KKT gap": float(g.max()), "dead rows (log-lik -inf)": dead,
        f"SLSQP log-lik minus ours, {len(behind)} replicates, max": float(np.max(behind)),
        "largest figure change from a random start": float(np.max(moved)),
    }  # fmt: skip


def start_change(left, right, w, out, A, rng) -> float:
    """Largest change of P(by 7 d) bounds and median bounds when replicates start at random."""
    try:
        from timeline.analysis import npmle
        from timeline.analysis.responsetime import cdf_bounds, median_bounds
    except ImportError:  # a checkout before npmle: no start to choose
        return float("nan")
    free = turnbull.replicate_cells(left, right, w)[0]
    mass = npmle.solve(A, w, free, start=rng.dirichlet(np.ones(A.shape[1])))
    other = turnbull.Fit(out.q, out.p, mass, "turnbull", out.lo, out.hi)

    def figs(f):
        med = [np.minimum(x, 30 * D) / D for x in median_bounds(f)]  # days, inf as 30
        return np.concatenate([*cdf_bounds(f, 7 * D), *med])

    return float(np.abs(figs(other) - figs(out)).max())


def compare(a: Path, b: Path) -> dict:
    x, y = pl.read_parquet(a), pl.read_parquet(b)
    out = {}
    for col in ("p_within", "p_within_min", "p_within_max", "p_within_low", "p_within_high"):
        diff = (x[col] - y[col]).abs()
        out[col] = {"max": diff.max(), "actors changed > 0.001": int((diff > 1e-3).sum())}
    for col in ("km_median_min", "km_median_max", "km_median_low", "km_median_high"):
        a, b = (s.dt.total_microseconds().fill_null(-1) for s in (x[col], y[col]))
        ne = (a != b).sum()
        out[col] = {"actors changed": int(ne)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=730)
    ap.add_argument("--rate", type=float, default=0.05, help="per actor per kind per day")
    ap.add_argument("--sample", type=int, default=60, help="fits checked against SLSQP")
    ap.add_argument("--label", default="current")
    ap.add_argument("--brief", action="store_true", help="also time tl.brief's spec")
    ap.add_argument("--compare", nargs=2, type=Path)
    args = ap.parse_args()
    if args.compare:
        print(json.dumps(compare(*args.compare), indent=1, default=str))
        return
    events, pairs = pairs_300(args.days, args.rate)
    table, calls, in_fits, total = recorded_summary(pairs)
    OUT.mkdir(exist_ok=True)
    table.write_parquet(OUT / f"turnbull-{args.label}.parquet")
    n = len(calls)
    print(json.dumps({"pairs": pairs.height, "fits": n, "lag_summary by actor s": round(total, 2),
                      "in turnbull.fit s": round(in_fits, 2),
                      "ms per fit (1 + 500 replicates)": round(1e3 * in_fits / n, 2)}))  # fmt: skip
    print(json.dumps(checks(calls, args.sample)))
    if args.brief:
        t0 = time.perf_counter()
        tl.brief(events, "warning", "attack", "7d")
        print(json.dumps({"tl.brief spec s": round(time.perf_counter() - t0, 2)}))


if __name__ == "__main__":
    main()
