"""`lag_summary` and `baseline_test` for events and pairs that live on Spark.

lag_summary: when the pairs fit on the driver (`max_rows`), `tl.lag_summary` runs on them
whole: the same estimators and columns (`timeline.results.SUMMARY`). Beyond, counts and
the raw share with its bounds are exact Spark aggregates (Wilson intervals), and the lag
quantiles' bounds come from `percentile_approx` (rank error at most 1/`accuracy`) with no
interval and no time-to-response fit; the `quantiles` column says which was done.

baseline_test: each group's permutations are drawn in its own task by the single-machine
null model (`timeline.analysis.nulls`, the block null by default as in `tl.baseline_test`),
seeded from the seed and the group's key (and a chunk number: with `by=None` the
permutations are split over `chunks` tasks). The observed hit rate is exact; the null is
the same model drawn with other random numbers; the p-value is the same mid-p.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
import pyarrow as pa
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from timeline.analysis import nulls
from timeline.analysis.baseline import (
    BLOCK_NULLS,
    NULL_MODELS,
    BaselineResult,
    Method,
    block_length,
    domain,
    make_result,
)
from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import MID, by_columns
from timeline.analysis.summary import QUANTILES, wilson
from timeline.analysis.summary import lag_summary as local_summary
from timeline.api import frame
from timeline.errors import TimelineError
from timeline.results import PAIRS, SUMMARY
from timeline.spark.pairs import _R, _T, mark, points

if TYPE_CHECKING:
    import pandas as pd

_NEED = ("lag", "lag_min", "lag_max", "censored", "followup", "order_ambiguous")


def lag_summary(
    pairs: DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    within: Duration | None = None,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
    max_rows: int = 5_000_000,
    accuracy: int = 10_000,
    output: str = "pandas",
) -> pd.DataFrame | pl.DataFrame:
    """`tl.lag_summary` of Spark pairs: exact when they fit on the driver, else approximate."""
    cols = by_columns(by, pairs.columns)
    missing = [c for c in _NEED if c not in pairs.columns]
    if missing:
        raise TimelineError(f"pairs lack column(s) {missing}. Hint: pass timeline.spark.lags(...).")
    n = pairs.count()
    extra = [c for c in pairs.columns if c not in PAIRS.names and c not in cols]
    if n <= max_rows:
        need = [*_NEED, *(["trigger_time"] if "trigger_time" in pairs.columns else [])]
        local = pl.from_arrow(pairs.select(*cols, *extra, *need).toArrow())
        out = local_summary(local, by=by, within=within, confidence=confidence, n_boot=n_boot,
                            seed=seed)  # fmt: skip
        return frame(out.with_columns(quantiles=pl.lit("exact")), output=output)
    if within is None:
        within_s = pairs.agg(F.max(_seconds("followup"))).first()[0] or 0.0
    else:
        within_s = to_us(within, name="within") / 1e6
    return frame(_approximate(pairs, cols, within_s, confidence, accuracy), output=output)


def _seconds(col: str):
    """A Spark interval column as float seconds."""
    return F.unix_micros(F.timestamp_seconds(F.lit(0)) + F.col(col)) / 1e6


def _approximate(pairs: DataFrame, cols: list[str], within_s: float, confidence: float,
                 accuracy: int) -> pl.DataFrame:  # fmt: skip
    """Exact counts and raw share with its bounds (Wilson intervals); lag quantiles of the
    followed pairs seen for the whole window as bounds: `percentile_approx` of the lower
    ends (clipped at 0) and of the upper ends, as `intervals.lag_quantiles` does exactly.
    No bootstrap, no time-to-response fit: those columns stay empty."""
    lo, hi = F.greatest(_seconds("lag_min"), F.lit(0.0)), _seconds("lag_max")
    followed, amb = ~F.col("censored"), ~F.col("censored") & F.col("order_ambiguous")
    after = F.when(amb, F.least(F.greatest(hi / (hi - _seconds("lag_min")), F.lit(0.0)),
                                F.lit(1.0))).otherwise(F.lit(1.0))  # fmt: skip
    full = followed & (_seconds("followup") >= within_s - 1e-6)
    qs = list(QUANTILES.values())
    rows = (
        pairs.groupBy(*cols)
        .agg(
            F.count("*").alias("n"),
            F.sum(followed.cast("long")).alias("k"),
            F.sum(amb.cast("long")).alias("amb"),
            F.sum(F.when(followed, after).otherwise(0.0)).alias("split"),
            F.sum(full.cast("long")).alias("complete"),
            F.percentile_approx(F.when(full, lo), qs, accuracy).alias("_lo"),
            F.percentile_approx(F.when(full, hi), qs, accuracy).alias("_hi"),
        )
        .orderBy(*cols)
        .toPandas()
    )
    records = rows.to_dict("records")
    out = [_approximate_row(r, cols, within_s, confidence, accuracy) for r in records]
    return SUMMARY.frame(
        [{k: v for k, v in r.items() if k in SUMMARY.names} for r in out],
        by=pl.DataFrame([{c: r[c] for c in cols} for r in out]) if cols else None,
    ).with_columns(quantiles=pl.Series([r["quantiles"] for r in out], dtype=pl.Utf8))


def _approximate_row(row: dict, cols: list[str], within_s, confidence, accuracy) -> dict:
    n, k, amb = int(row["n"]), int(row["k"]), int(row["amb"])
    least, most = (k - amb) / n if n else None, k / n if n else None
    cells = {c: row[c] for c in cols}
    cells.update(n_triggers=n, n_followed=k, n_censored=n - k, n_ambiguous=amb,
                 n_complete=int(row["complete"]), window=round(within_s * 1e6),
                 hit_rate=row["split"] / n if n else None, hit_rate_min=least,
                 hit_rate_max=most,
                 hit_rate_low=wilson(k - amb, n, confidence)[0] if n else None,
                 hit_rate_high=wilson(k, n, confidence)[1] if n else None)  # fmt: skip
    found_lo, found_hi = row["_lo"], row["_hi"]  # None when no pair was followed
    if found_lo is not None:
        for name, a, b in zip(QUANTILES, found_lo, found_hi, strict=True):
            us_a, us_b = round(float(a) * 1e6), round(float(b) * 1e6)
            cells |= {name: us_a if us_a == us_b else None, f"{name}_min": us_a,
                      f"{name}_max": us_b}  # fmt: skip
        cells["lag_method"] = "interval bounds; no interval (approximate)"
    cells["quantiles"] = f"approximate: rank error <= {1 / accuracy:g}"
    return cells


def _group_seed(seed: int, key: object, chunk: int) -> int:
    """A seed per (group, chunk), the same on every run and machine."""
    crc = zlib.crc32(repr(key).encode("utf-8"))
    return int(np.random.SeedSequence([seed, crc, chunk]).generate_state(1)[0])


def baseline_test(
    events: DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: Duration = "7d",
    *,
    by: str | Sequence[str] | None = "actor",
    n_permutations: int = 1000,
    seed: int = 0,
    method: Method = "block",
    block: Duration | None = None,
    chunks: int | None = None,
) -> BaselineResult:
    """`tl.baseline_test` with each group's permutations drawn in parallel on Spark: the
    same nulls (`timeline.analysis.nulls`; the block null by default), the same mid-p."""
    if method not in NULL_MODELS:
        raise TimelineError(f"method={method!r} is unknown. Hint: one of {list(NULL_MODELS)}.")
    if n_permutations < 1:
        raise TimelineError("n_permutations must be >= 1. Hint: 1000 is a good default.")
    window = to_us(within, name="within")
    block_us = block_length(block, window) if method in BLOCK_NULLS else None
    cols = by_columns(by, events.columns)
    k = chunks or (1 if cols else events.sparkSession.sparkContext.defaultParallelism)
    sizes = [len(part) for part in np.array_split(np.arange(n_permutations), k) if len(part)]
    marked = mark(points(events, cols), trigger, response).select(*cols, MID, _T, _R)
    end = marked.agg(F.max(MID)).first()[0]  # end of observation, as in tl.lags
    spread = marked.withColumn("_chunk", F.explode(F.sequence(F.lit(0), F.lit(len(sizes) - 1))))

    def run(keep_all: bool) -> list:
        def per_group(key: tuple, table: pa.Table) -> pa.Table:
            names = tuple(k.as_py() for k in key)
            chunk = int(names[-1])
            model = Model(method, window, sizes[chunk], _group_seed(seed, names[:-1], chunk),
                          end, block_us, keep_all)  # fmt: skip
            n, n_all, hits, null = _group_null(pl.from_arrow(table), model)
            columns = {"_chunk": [chunk], "n": [n], "n_all": [n_all], "hits": [hits],
                       "null": [null.tolist()]}  # fmt: skip
            return pa.table(columns, schema=_NULL_ARROW)

        return spread.groupBy(*cols, "_chunk").applyInArrow(per_group, _NULL_SPARK).collect()

    rows = run(keep_all=False)
    if method in BLOCK_NULLS and not any(r["n"] for r in rows):
        rows = run(keep_all=True)  # too short a record: every trigger, as the local test
    return _pooled(rows, sizes, n_permutations, window, seed, method, trigger, block_us)


_NULL_SPARK = T.StructType([T.StructField("_chunk", T.LongType()), T.StructField("n", T.LongType()),
                   T.StructField("n_all", T.LongType()), T.StructField("hits", T.LongType()),
                   T.StructField("null", T.ArrayType(T.LongType()))])  # fmt: skip
_NULL_ARROW = pa.schema([("_chunk", pa.int64()), ("n", pa.int64()), ("n_all", pa.int64()),
                         ("hits", pa.int64()), ("null", pa.list_(pa.int64()))])  # fmt: skip


@dataclass(frozen=True)
class Model:
    """What one group's task needs to draw its share of the null."""

    method: str
    window: int
    n_perm: int
    seed: int
    end: int  # end of observation (epoch microseconds)
    block: int | None
    keep_all: bool  # block null: keep triggers seen for less than the window


def _group_null(group: pl.DataFrame, m: Model) -> tuple[int, int, int, np.ndarray]:
    """One group: (triggers tested, triggers, observed hits, null hits per permutation)."""
    mids = group.get_column(MID).to_numpy()
    lo = int(mids.min())
    span = int(mids.max()) - lo
    stride = span + m.window + nulls.DAY_US + 1
    trig = group.filter(pl.col(_T)).get_column(MID).to_numpy() - lo
    n_all = int(trig.size)
    if trig.size == 0:
        return 0, 0, 0, np.zeros(m.n_perm, np.int64)
    keys = np.sort(group.filter(pl.col(_R)).get_column(MID).to_numpy() - lo)
    rng = np.random.default_rng(m.seed)
    common = {"stride": stride, "window": m.window, "n_perm": m.n_perm, "rng": rng}
    if m.method in BLOCK_NULLS:
        last = span + nulls.DAY_US - 1 if m.keep_all else m.end - lo - m.window
        gid = np.zeros(trig.size, np.int64)
        start, room, take = domain(gid, trig, np.full(trig.size, last), m.block, m.method)
        gid, trig, start, room = gid[take], trig[take], start[take], room[take]
        if trig.size == 0:
            return 0, n_all, 0, np.zeros(m.n_perm, np.int64)
        rates = nulls.block_shift(keys, gid, start, trig - start, room, **common)
    else:
        gid = np.zeros(trig.size, np.int64)
        spans = np.full(trig.size, span, np.int64)
        if m.method == "circular":
            rates = nulls.circular(keys, gid, trig, spans, **common)
        else:
            rates = nulls.uniform(keys, gid, spans, **common)
    hits = int(nulls.hits(keys, trig, m.window).sum())
    return trig.size, n_all, hits, np.rint(rates * trig.size).astype(np.int64)


def _pooled(rows, sizes, n_perm, window, seed, method, trigger, block_us) -> BaselineResult:
    """Sum the groups' hits, chunk by chunk, into the pooled null of hit rates."""
    starts = np.concatenate([[0], np.cumsum(sizes)])
    null_hits = np.zeros(n_perm, np.int64)
    n = n_all = hits = 0
    for row in rows:
        c = row["_chunk"]
        null_hits[starts[c] : starts[c + 1]] += np.asarray(row["null"], np.int64)
        if c == 0:
            n, n_all, hits = n + row["n"], n_all + row["n_all"], hits + row["hits"]
    if n == 0:
        raise TimelineError(f"no event matches trigger={trigger!r}. Hint: check the selector.")
    result = make_result(hits, n, n_all - n, null_hits / n, method, window, seed, block_us)
    return replace(result, n_permutations=n_perm)
