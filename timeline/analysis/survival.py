"""Time-to-response curves from lag pairs: Kaplan-Meier, or Turnbull when times are vague.

Right-censored data (exact lags): Kaplan-Meier with a Greenwood band on the log(-log S)
scale (lifelines' default). Interval lags ([lag_min, lag_max] wider than zero, e.g. a
"Thursday" warning): Turnbull's NPMLE, with a percentile bootstrap band, so a vague time
is not treated as if its minute were known. The result is a step table ready to chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from timeline.analysis import turnbull
from timeline.errors import TimelineError

US = pd.Timedelta(microseconds=1)
CURVE_COLUMNS = (
    "time_s", "time_h", "survival", "lower", "upper", "at_risk", "events", "censored", "method",
)  # fmt: skip


def _seconds(col: pd.Series) -> np.ndarray:
    return (col / US).to_numpy(dtype=float) / 1e6


def _check(pairs: pd.DataFrame) -> None:
    need = {"lag", "lag_min", "lag_max", "censored", "followup"}
    missing = sorted(need - set(pairs.columns))
    if missing:
        raise TimelineError(
            f"pairs lack column(s) {missing}. Hint: pass the result of tl.lags(...)."
        )


def kaplan_meier(time_s: np.ndarray, observed: np.ndarray, confidence: float) -> pd.DataFrame:
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


def _curve(times, surv, lower, upper, at_risk, events, censored, method, n) -> pd.DataFrame:
    head = {"time_s": 0.0, "survival": 1.0, "lower": 1.0, "upper": 1.0, "at_risk": float(n),
            "events": 0.0, "censored": 0.0}  # fmt: skip
    body = pd.DataFrame(
        {
            "time_s": times,
            "survival": surv,
            "lower": lower,
            "upper": upper,
            "at_risk": at_risk,
            "events": events,
            "censored": censored,
        }
    )
    out = pd.concat([pd.DataFrame([head]), body], ignore_index=True)
    out["time_h"] = out["time_s"] / 3600.0
    out["method"] = method
    return out[list(CURVE_COLUMNS)]


def turnbull_curve(pairs: pd.DataFrame, confidence: float, n_boot: int, seed: int) -> pd.DataFrame:
    """Turnbull step table: followed rows are [lag_min, lag_max] (clipped at 0), unfollowed
    rows are right-censored just after their follow-up. Band: percentile bootstrap."""
    cens = pairs["censored"].to_numpy(bool)
    lo = np.clip(_seconds(pairs["lag_min"]), 0, None)
    hi = np.clip(_seconds(pairs["lag_max"]), 0, None)
    fu = _seconds(pairs["followup"])
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


def _one(pairs: pd.DataFrame, interval: bool | None, confidence, n_boot, seed) -> pd.DataFrame:
    followed = ~pairs["censored"].to_numpy(bool)
    vague = bool((pairs["lag_max"] > pairs["lag_min"])[followed].any())
    if interval or (interval is None and vague):
        return turnbull_curve(pairs, confidence, n_boot, seed)
    time_s = np.where(followed, _seconds(pairs["lag"]), _seconds(pairs["followup"]))
    return kaplan_meier(time_s, followed, confidence)


def survival(
    pairs: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    interval: bool | None = None,
    confidence: float = 0.95,
    n_boot: int = 200,
    seed: int = 0,
) -> pd.DataFrame:
    """Share of triggers still without a response after t, per group when `by` is given.

    interval=None picks Turnbull when any followed lag is an interval wider than zero,
    Kaplan-Meier otherwise; True/False force one. Censored rows count up to `followup`.
    """
    _check(pairs)
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    if not cols:
        return _one(pairs, interval, confidence, n_boot, seed)
    parts = []
    for key, grp in pairs.groupby(cols, sort=True, dropna=False):  # a few groups, not events
        curve = _one(grp, interval, confidence, n_boot, seed)
        parts.append(curve.assign(**dict(zip(cols, key, strict=True)))[[*cols, *CURVE_COLUMNS]])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*cols])


def median_time(curve: pd.DataFrame) -> tuple[float, float, float]:
    """(median, low, high) in seconds: when the curve and its bands reach 0.5 (inf if never).

    Kaplan-Meier is a step function; a Turnbull curve is read linearly across each
    innermost interval (mass spread evenly inside it).
    """
    t = curve["time_s"].to_numpy(float)
    linear = curve["method"].iloc[0] == "turnbull"

    def first(col: str) -> float:
        s = curve[col].to_numpy(float)
        hit = np.flatnonzero(s <= 0.5)
        if not hit.size:
            return float("inf")
        i = hit[0]
        if not linear or i == 0 or s[i - 1] == s[i]:
            return float(t[i])
        return float(t[i - 1] + (s[i - 1] - 0.5) / (s[i - 1] - s[i]) * (t[i] - t[i - 1]))

    return first("survival"), first("lower"), first("upper")
