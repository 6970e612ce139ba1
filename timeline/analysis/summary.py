"""Numbers an analyst can defend, one row per group: hit rate, P(response within the
window), lag quantiles and the median time to response, each with what the data allow and
a confidence interval (docs/statistics.md is the spec).

Every figure comes from the interval estimators: `hitrate.time_to_response` (raw share,
1 - S(within), the KM/Turnbull median; cluster bootstrap) and `intervals.lag_quantiles`
(quantiles of the followed lags from [lag_min, lag_max]; exact bootstrap). No lag is ever
placed at 0 or at its midpoint: a figure is `<x>_min` to `<x>_max` (what the data allow),
`<x>` set only where they meet, and `<x>_low`/`<x>_high` its interval. Columns and their
meaning: `timeline.results.SUMMARY`; display text: `timeline.display`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from timeline.analysis.bootstrap import Draws, draw_clusters
from timeline.analysis.durations import Duration
from timeline.analysis.frames import by_columns
from timeline.analysis.hitrate import clusters, figures, wilson
from timeline.analysis.intervals import QUANTILES, lag_quantiles
from timeline.analysis.responsetime import Fits, fit_all
from timeline.analysis.survival import (
    BLOCK,
    block_seconds,
    curve_from_fits,
    groups,
    keyed,
    pairs_table,
    seconds,
    window_seconds,
)
from timeline.results import PAIRS, SUMMARY, SURVIVAL


def cluster_ids(pairs: pl.DataFrame, block_s: float | None) -> tuple[np.ndarray, np.ndarray]:
    """(group id, trigger time in s) for the bootstrap: the group is every column that
    `tl.lags` was grouped by (columns beyond the declared pairs columns)."""
    keys = [c for c in pairs.columns if c not in PAIRS.names]
    gid = (
        pairs.select(pl.struct(keys).rank("dense")).to_series().to_numpy().astype(np.int64)
        if keys
        else np.zeros(pairs.height, np.int64)
    )
    if "trigger_time" not in pairs.columns or block_s is None:
        return gid, np.zeros(pairs.height)
    t = pairs.get_column("trigger_time").dt.epoch("us").to_numpy().astype(float) / 1e6
    return gid, np.nan_to_num(t, nan=0.0)


def _arrays(pairs: pl.DataFrame) -> dict[str, np.ndarray]:
    cens = pairs.get_column("censored").fill_null(True).to_numpy().astype(bool)
    lo, hi = seconds(pairs.get_column("lag_min")), seconds(pairs.get_column("lag_max"))
    if "order_ambiguous" in pairs.columns:
        amb = pairs.get_column("order_ambiguous").fill_null(False).to_numpy().astype(bool)
    else:
        amb = ~cens & (lo < 0) & (hi > 0)
    fu = seconds(pairs.get_column("followup"))
    return {"lo": np.nan_to_num(lo), "hi": np.nan_to_num(hi), "cens": cens, "amb": amb, "fu": fu}


def _cells(name: str, row: dict, duration: bool) -> dict[str, object]:
    """One estimator row as the declared cells <name>, _min, _max, _low, _high."""
    cast = _duration if duration else _share
    return {
        name: cast(row["estimate"]),
        f"{name}_min": cast(row["estimate_low"]),
        f"{name}_max": cast(row["estimate_high"]),
        f"{name}_low": cast(row["ci_low"]),
        f"{name}_high": cast(row["ci_high"]),
    }


def _duration(seconds_: float | None) -> int | None:
    """Seconds as whole microseconds; None when missing or infinite ("not reached")."""
    if seconds_ is None or not np.isfinite(seconds_):
        return None
    return round(seconds_ * 1e6)


def _share(value: float | None) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def fits_for(
    pairs: pl.DataFrame, within_s: float, block_s: float | None, n_boot: int, seed: int,
    arrays: dict[str, np.ndarray] | None = None,
) -> tuple[Fits, Draws | None, str]:  # fmt: skip
    """The misses/hits/split fits of one group's triggers (what the summary and the
    survival curve both read), the bootstrap clusters and the interval's name."""
    a = arrays or _arrays(pairs)
    gid, t = cluster_ids(pairs, block_s)
    ids, how = clusters(gid, None if block_s is None else t, block_s)
    cluster = None if ids is None else draw_clusters(ids, n_boot=n_boot, seed=seed)
    fits = fit_all(a["lo"], a["hi"], a["cens"], a["fu"], ambiguous=a["amb"], within=within_s,
                   cluster=cluster, n_boot=n_boot, seed=seed)  # fmt: skip
    return fits, cluster, how


def _summarize(pairs, within_s, block_s, confidence, n_boot, seed) -> tuple[dict, Fits | None]:
    """One group's summary row and the fits it read (None without triggers)."""
    a = _arrays(pairs)
    n = pairs.height
    row: dict[str, object] = {
        "n_triggers": n, "n_followed": int((~a["cens"]).sum()),
        "n_censored": int(a["cens"].sum()), "n_ambiguous": int((a["amb"] & ~a["cens"]).sum()),
        "window": round(within_s * 1e6),
    }  # fmt: skip
    if n == 0:
        return row, None
    fits, cluster, how = fits_for(pairs, within_s, block_s, n_boot, seed, a)
    tt = figures(fits, within_s, confidence, how)
    stats = {r["statistic"]: r for r in tt.iter_rows(named=True)}
    row |= _cells("hit_rate", stats["share"], duration=False)
    row |= _cells("p_within", stats["p_within"], duration=False)
    row |= _cells("km_median", stats["median_time"], duration=True)
    row["km_method"] = stats["p_within"]["estimator"]
    row["interval"] = stats["p_within"]["interval"]
    followed = ~a["cens"]
    full = followed & (a["fu"] >= within_s - 1e-6)
    row["n_complete"] = int(full.sum())
    use, which = (full, "") if full.any() else (followed, "; all followed (none seen for "
                                                "the whole window)")  # fmt: skip
    if use.any():
        cl = None if cluster is None else cluster.subset(use)  # the same replicates
        lq = lag_quantiles(a["lo"][use], a["hi"][use], confidence=confidence, cluster=cl,
                           n_boot=n_boot, seed=seed)  # fmt: skip
        for r in lq.iter_rows(named=True):
            row |= _cells(r["statistic"], r, duration=True)
        row["lag_method"] = f"{r['estimator']}; {r['interval']}{which}"
    return row, fits


def lag_summary(
    pairs: pl.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    within: Duration | None = None,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
    block: Duration | None = BLOCK,
) -> pl.DataFrame:
    """One row (per group when `by` is given) of counts, hit rate and lag statistics.

    `within` is the pairing window (default: the longest follow-up). Hit rate and time to
    response use a cluster bootstrap over (the pairs' group x `block` of trigger time);
    block=None, or too few clusters, resamples triggers. Columns:
    `timeline.results.SUMMARY`.
    """
    pairs = pairs_table(pairs)
    cols = by_columns(by, pairs.columns)
    within_s = window_seconds(pairs, within)
    block_s = block_seconds(block)
    args = (within_s, block_s, confidence, n_boot, seed)
    if not cols:
        return SUMMARY.frame([_summarize(pairs, *args)[0]])
    parts = [pairs.select(cols).clear().hstack(SUMMARY.empty())]
    for key, grp in groups(pairs, cols):  # per group, not per event
        row = SUMMARY.frame([_summarize(grp, *args)[0]])
        parts.append(row.select(*keyed(key), pl.all()))
    return pl.concat(parts)


def summary_and_survival(
    pairs: pl.DataFrame,
    *,
    within: Duration | None = None,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
    block: Duration | None = BLOCK,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`lag_summary(pairs)` and `survival(pairs)` (one group) from one set of fits.

    The two read the same misses/hits/split fits and bootstrap replicates; a page that
    shows both fits them once instead of twice (the same frames as the two calls)."""
    pairs = pairs_table(pairs)
    within_s = window_seconds(pairs, within)
    block_s = block_seconds(block)
    row, fits = _summarize(pairs, within_s, block_s, confidence, n_boot, seed)
    if fits is None:  # no triggers: no curve
        return SUMMARY.frame([row]), SURVIVAL.empty()
    return SUMMARY.frame([row]), curve_from_fits(fits, within_s, confidence)


__all__ = ["QUANTILES", "lag_summary", "summary_and_survival", "wilson", "window_seconds"]
