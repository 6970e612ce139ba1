"""Time-to-response curves from lag pairs: Kaplan-Meier, or Turnbull when times are vague.

Right-censored data (exact lags): Kaplan-Meier with a Greenwood band on the log(-log S)
scale (lifelines' default). Interval lags ([lag_min, lag_max] wider than zero, e.g. a
"Thursday" warning): Turnbull's NPMLE, with a percentile bootstrap band, so a vague time
is not treated as if its minute were known. The result is a step table ready to chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
from scipy.stats import norm

from timeline.analysis import turnbull
from timeline.analysis.frames import by_columns
from timeline.frames import to_polars
from timeline.results import SURVIVAL

NEED = ("lag", "lag_min", "lag_max", "censored", "followup")


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
        z = norm.ppf((1 + confidence) / 2)
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


def turnbull_curve(pairs: pl.DataFrame, confidence: float, n_boot: int, seed: int) -> pl.DataFrame:
    """Turnbull step table: followed rows are [lag_min, lag_max] (clipped at 0), unfollowed
    rows are right-censored just after their follow-up. Band: percentile bootstrap."""
    cens = pairs.get_column("censored").to_numpy().astype(bool)
    lo = np.clip(seconds(pairs.get_column("lag_min")), 0, None)
    hi = np.clip(seconds(pairs.get_column("lag_max")), 0, None)
    fu = seconds(pairs.get_column("followup"))
    left = np.where(cens, np.nextafter(fu, np.inf), lo)  # censored at t: the lag is > t
    right = np.where(cens, np.inf, hi)
    rng = np.random.default_rng(seed)
    n = left.size
    boot = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot) if n_boot else np.empty((0, n))
    q, p, mass = turnbull.fit(left, right, np.vstack([np.ones(n), boot]))
    surv_all = 1.0 - np.cumsum(mass, axis=1)
    surv_all = np.clip(surv_all, 0.0, 1.0)
    alpha = (1 - confidence) / 2
    if n_boot:
        lower, upper = np.quantile(surv_all[1:], [alpha, 1 - alpha], axis=0)
    else:
        lower = upper = np.full(q.size, np.nan)
    surv = surv_all[0]
    before = np.concatenate([[1.0], surv[:-1]])
    lo_before = np.concatenate([[1.0], lower[:-1]])
    hi_before = np.concatenate([[1.0], upper[:-1]])
    keep = np.isfinite(p)
    # each innermost interval gives two points: the curve falls straight across [q, p],
    # where the data cannot say when inside it the responses came
    t = np.column_stack([q, p])[keep].ravel()
    two = lambda a, b: np.column_stack([a, b])[keep].ravel()  # noqa: E731
    return _curve(
        t, two(before, surv), two(lo_before, lower), two(hi_before, upper),
        two(n * before, n * before), two(np.zeros(q.size), n * mass[0]),
        np.full(t.size, np.nan), "turnbull", n,
    )  # fmt: skip


def curve(pairs: pl.DataFrame, interval: bool | None, confidence, n_boot, seed) -> pl.DataFrame:
    """One group's curve: Turnbull when asked or when a followed lag is an interval."""
    followed = ~pairs.get_column("censored").to_numpy().astype(bool)
    wider = pairs.select((pl.col("lag_max") > pl.col("lag_min")).fill_null(False)).to_series()
    vague = bool(wider.to_numpy()[followed].any())
    if interval or (interval is None and vague):
        return turnbull_curve(pairs, confidence, n_boot, seed)
    lag, fu = seconds(pairs.get_column("lag")), seconds(pairs.get_column("followup"))
    return kaplan_meier(np.where(followed, lag, fu), followed, confidence)


def survival(
    pairs: pl.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    interval: bool | None = None,
    confidence: float = 0.95,
    n_boot: int = 200,
    seed: int = 0,
) -> pl.DataFrame:
    """Share of triggers still without a response after t, per group when `by` is given.

    interval=None picks Turnbull when any followed lag is an interval wider than zero,
    Kaplan-Meier otherwise; True/False force one. Censored rows count up to `followup`.
    """
    pairs = pairs_table(pairs)
    cols = by_columns(by, pairs.columns)
    if not cols:
        return curve(pairs, interval, confidence, n_boot, seed)
    parts = [pairs.select(cols).clear().hstack(SURVIVAL.empty())]
    for key, grp in groups(pairs, cols):  # a few groups, not events
        one = curve(grp, interval, confidence, n_boot, seed)
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
