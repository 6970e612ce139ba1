"""Time-to-response curves from lag pairs: the estimate `lag_summary` reports, as a curve.

The curve comes from the same misses / hits / split fits as the summary's P(response
within the window) (`responsetime.fit_all`: Kaplan-Meier when every lag is exact, else
Turnbull, so a "Thursday" warning is not treated as if its minute were known), with the
same cluster-bootstrap replicates for its band, from 0 to the window. `kaplan_meier`
(Greenwood band on the log(-log S) scale, lifelines' default) remains for
`interval=False`, a comparison on midpoint lags.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import polars as pl

from timeline.analysis import turnbull
from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import by_columns
from timeline.analysis.responsetime import Fits
from timeline.frames import to_polars
from timeline.results import SURVIVAL

BLOCK = "30d"  # bootstrap clusters: (group x 30-day block of trigger time)

NEED = ("lag", "lag_min", "lag_max", "censored", "followup")
GRID = 2000  # curve points at most: a chart shows ~600


def seconds(col: pl.Series) -> np.ndarray:
    """A Duration column as float seconds (NaN where missing)."""
    return col.dt.total_microseconds().cast(pl.Float64).to_numpy() / 1e6


def pairs_table(pairs: pl.DataFrame) -> pl.DataFrame:
    """The pairs with the columns the statistics need (a clear error when they lack one)."""
    return to_polars(pairs, need=NEED, what="pairs")


def groups(table: pl.DataFrame, cols: list[str]) -> list[tuple[pl.DataFrame, pl.DataFrame]]:
    """(key row, rows) per group of `cols`, groups in sorted order with nulls last."""
    ordered = table.sort(cols, nulls_last=True, maintain_order=True)
    parts = ordered.partition_by(cols, maintain_order=True, include_key=True)
    return [(part.select(cols).head(1), part) for part in parts]


def keyed(key: pl.DataFrame) -> list[pl.Expr]:
    """The group key row as literal columns (to put in front of that group's rows)."""
    return [pl.lit(key.get_column(c)[0], key.schema[c]).alias(c) for c in key.columns]


def kaplan_meier(time_s: np.ndarray, observed: np.ndarray, confidence: float) -> pl.DataFrame:
    """Kaplan-Meier step table with a Greenwood log(-log) band, starting at (0, 1)."""
    times, inverse = np.unique(time_s, return_inverse=True)
    events = np.bincount(inverse, weights=observed.astype(float), minlength=times.size)
    leaving = np.bincount(inverse, minlength=times.size).astype(float)
    at_risk = time_s.size - np.concatenate([[0.0], np.cumsum(leaving)[:-1]])
    surv = np.cumprod(1.0 - events / at_risk)
    with np.errstate(divide="ignore", invalid="ignore"):
        green = np.cumsum(events / (at_risk * (at_risk - events)))
        z = NormalDist().inv_cdf((1 + confidence) / 2)
        log_s = np.log(surv)
        spread = z * np.sqrt(green) / log_s
        lower = np.exp(-np.exp(np.log(-log_s) - spread))
        upper = np.exp(-np.exp(np.log(-log_s) + spread))
    lower = np.where(surv >= 1, 1.0, np.where(surv <= 0, 0.0, lower))
    upper = np.where(surv >= 1, 1.0, np.where(surv <= 0, 0.0, upper))
    return _curve(
        times, surv, lower, upper, at_risk, events, leaving - events, "kaplan-meier", time_s.size
    )


def _curve(times, surv, lower, upper, at_risk, events, censored, method, n) -> pl.DataFrame:
    """The declared curve table, starting at (0, 1); times given in seconds."""
    first = lambda head, rest: np.concatenate([[head], np.asarray(rest, float)])  # noqa: E731
    us = np.round(first(0.0, times) * 1e6).astype(np.int64)
    return pl.DataFrame(
        {
            "time": pl.Series(us).cast(pl.Duration("us")),
            "survival": first(1.0, surv),
            "survival_min": first(1.0, surv),
            "survival_max": first(1.0, surv),
            "lower": first(1.0, lower),
            "upper": first(1.0, upper),
            "at_risk": first(float(n), at_risk),
            "events": first(0.0, events),
            "censored": first(0.0, censored),
            "method": [method] * (len(times) + 1),
        },
        schema=SURVIVAL.schema(),
        nan_to_null=False,
    )


def _cumulative(fit: turnbull.Fit, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P(response by t) per replicate on the sorted grid `t`: surely, possibly (B, T), and
    the estimate (row 0, mass spread evenly inside each finite interval).

    Cell j's mass counts surely from the first grid time >= its interval's end (`Fit.hi`),
    possibly from the first one past its start (at it, for an exact time): each is a
    search, a count per grid time and a cumulative sum.
    """
    b = fit.mass.shape[0]
    if fit.q.size == 0:
        zero = np.zeros((b, t.size))
        return zero, zero, zero[0]
    lo, hi = np.asarray(fit.lo), np.asarray(fit.hi)
    surely = _from(np.searchsorted(t, hi, side="left"), fit.mass, t.size)
    start = np.where(
        lo == hi, np.searchsorted(t, lo, side="left"), np.searchsorted(t, lo, side="right")
    )
    possibly = _from(start, fit.mass, t.size)
    keep = fit.mass[0] > 0  # row 0's intervals with mass: disjoint and sorted
    q, p, mass = lo[0, keep], hi[0, keep], fit.mass[0, keep]
    k = np.searchsorted(p, t, side="right")  # intervals wholly at or before t
    nxt = np.minimum(k, max(q.size - 1, 0))
    if q.size == 0:
        return surely, possibly, surely[0]
    width = p[nxt] - q[nxt]
    inside = (k < q.size) & (q[nxt] < t) & np.isfinite(width) & (width > 0)
    part = np.where(inside, (t - q[nxt]) / np.where(width > 0, width, 1.0), 0.0)
    estimate = surely[0] + mass[nxt] * np.clip(part, 0.0, 1.0)
    return surely, possibly, estimate


def _from(first: np.ndarray, mass: np.ndarray, size: int) -> np.ndarray:
    """(B, size): per row, the mass of cells whose grid index `first` is at or before each
    grid time."""
    b = mass.shape[0]
    flat = (np.arange(b)[:, None] * (size + 1) + first).ravel()
    counts = np.bincount(flat, weights=mass.ravel(), minlength=b * (size + 1))
    return np.cumsum(counts.reshape(b, size + 1), axis=1)[:, :size]


def _grid(fits: Fits, within: float, steps: int = GRID) -> np.ndarray:
    """Times to evaluate the curve at: every end of an innermost interval up to the window
    (and of the data fit's intervals), and the window itself (censored triggers do not cut
    the axis); thinned to `steps`."""
    ends = [np.array([0.0, within])]
    for f in (fits.split, fits.hits, fits.misses):
        ends += [f.q, f.p, np.asarray(f.lo)[0], np.asarray(f.hi)[0]]
    t = np.unique(np.concatenate(ends))
    t = t[np.isfinite(t) & (t >= 0) & (t <= within)]
    if t.size > steps:
        t = np.unique(np.concatenate([np.quantile(t, np.linspace(0, 1, steps)), [0.0, within]]))
    return t


def curve_from_fits(fits: Fits, within: float, confidence: float) -> pl.DataFrame:
    """The step table of the fits the summary reads: estimate (split), what the data allow
    (hits / misses fits) and the bootstrap band (alpha/2 of the lowest, 1 - alpha/2 of the
    highest), so the curve at the window is 1 - the summary's P(response within)."""
    t = _grid(fits, within)
    _, possibly, _ = _cumulative(fits.hits, t)
    surely, _, _ = _cumulative(fits.misses, t)
    _, _, estimate = _cumulative(fits.split, t)
    alpha = (1 - confidence) / 2
    low_reps, high_reps = 1 - possibly[1:], 1 - surely[1:]
    has_reps = low_reps.shape[0] > 0
    lower = np.quantile(low_reps, alpha, axis=0, method="inverted_cdf") if has_reps else None
    upper = np.quantile(high_reps, 1 - alpha, axis=0, method="inverted_cdf") if has_reps else None
    surv = np.clip(1 - estimate, 0.0, 1.0)
    before = np.concatenate([[1.0], surv[:-1]])
    n = fits.n
    return pl.DataFrame(
        {
            "time": pl.Series(np.round(t * 1e6).astype(np.int64)).cast(pl.Duration("us")),
            "survival": surv,
            "survival_min": np.clip(1 - possibly[0], 0.0, 1.0),
            "survival_max": np.clip(1 - surely[0], 0.0, 1.0),
            "lower": np.full(t.size, np.nan) if lower is None else np.clip(lower, 0.0, 1.0),
            "upper": np.full(t.size, np.nan) if upper is None else np.clip(upper, 0.0, 1.0),
            "at_risk": n * before,
            "events": n * (before - surv),
            "censored": np.full(t.size, np.nan),
            "method": [fits.estimator] * t.size,
        },
        schema=SURVIVAL.schema(),
        nan_to_null=False,
    )


def curve(pairs: pl.DataFrame, interval: bool | None, within: float, confidence: float,
          n_boot: int, seed: int, block: float | None) -> pl.DataFrame:  # fmt: skip
    """One group's curve: the summary's fits (KM when every lag is exact, else Turnbull);
    interval=False forces Kaplan-Meier on midpoint lags (Greenwood band), for comparison;
    no triggers, no curve (no rows)."""
    if pairs.height == 0:
        return SURVIVAL.empty()
    if interval is False:
        followed = ~pairs.get_column("censored").to_numpy().astype(bool)
        lag, fu = seconds(pairs.get_column("lag")), seconds(pairs.get_column("followup"))
        out = kaplan_meier(np.where(followed, lag, fu), followed, confidence)
        return out.with_columns(method=pl.lit("kaplan-meier (midpoints)"))
    from timeline.analysis.summary import fits_for

    fits, _, _ = fits_for(pairs, within, block, n_boot, seed)
    return curve_from_fits(fits, within, confidence)


def window_seconds(pairs: pl.DataFrame, within: Duration | None) -> float:
    """The window in seconds: as given, else the longest follow-up (a trigger watched for
    the whole window has followup == window)."""
    if within is not None:
        return to_us(within, name="within") / 1e6
    fu = seconds(pairs.get_column("followup"))
    return float(np.nanmax(fu)) if fu.size and np.isfinite(fu).any() else 0.0


def block_seconds(block: Duration | None) -> float | None:
    """The bootstrap's cluster block in seconds (None: resample triggers)."""
    return None if block is None else to_us(block, name="block") / 1e6


def survival(
    pairs: pl.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    within: Duration | None = None,
    interval: bool | None = None,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
    block: Duration | None = BLOCK,
) -> pl.DataFrame:
    """Share of triggers still without a response after t, up to the window, per group
    when `by` is given: the estimate `lag_summary` reports (its P(response within) is
    1 - the curve at the window), what the data allow, and the same bootstrap band.

    Kaplan-Meier when every followed lag is exact, Turnbull otherwise (`method`);
    interval=False forces Kaplan-Meier on midpoints (Greenwood band), for comparison only.
    """
    pairs = pairs_table(pairs)
    cols = by_columns(by, pairs.columns)
    within_s = window_seconds(pairs, within)
    block_s = block_seconds(block)
    args = (interval, within_s, confidence, n_boot, seed, block_s)
    if not cols:
        return curve(pairs, *args)
    parts = [pairs.select(cols).clear().hstack(SURVIVAL.empty())]
    for key, grp in groups(pairs, cols):  # a few groups, not events
        one = curve(grp, *args)
        parts.append(one.select(*keyed(key), pl.all()))
    return pl.concat(parts)


def median_time(curve: pl.DataFrame) -> tuple[float, float, float]:
    """(median, low, high) in seconds: when the curve and its bands reach 0.5 (inf if never).

    Kaplan-Meier is a step function; a Turnbull curve is read linearly across each
    innermost interval (mass spread evenly inside it).
    """
    t = seconds(curve.get_column("time"))
    linear = curve.get_column("method")[0] == "turnbull"

    def first(col: str) -> float:
        s = curve.get_column(col).to_numpy().astype(float)
        hit = np.flatnonzero(s <= 0.5)
        if not hit.size:
            return float("inf")
        i = hit[0]
        if not linear or i == 0 or s[i - 1] == s[i]:
            return float(t[i])
        return float(t[i - 1] + (s[i - 1] - 0.5) / (s[i - 1] - s[i]) * (t[i] - t[i - 1]))

    return first("survival"), first("lower"), first("upper")
