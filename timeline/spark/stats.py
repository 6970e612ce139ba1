"""`lag_summary` and `baseline_test` for events and pairs that live on Spark.

lag_summary: counts and the hit rate (with its Wilson interval) are Spark aggregates,
exact at any size. When the pairs fit on the driver (`max_rows`), `tl.lag_summary` runs
on them whole: the same quantiles, bootstrap intervals and Kaplan-Meier median. Beyond,
lag quantiles come from `percentile_approx`, whose rank error is at most 1/`accuracy`;
the `quantiles` column says which was done.

baseline_test: each group's permutations are drawn in its own task by the single-machine
null model (`timeline.analysis.baseline`), seeded from the seed and the group's key (and a
chunk number: with `by=None` the permutations are split over `chunks` tasks). The observed
hit rate is exact; the null is the same model drawn with other random numbers.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
import pyarrow as pa
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from timeline.analysis import nulls
from timeline.analysis.baseline import NULL_MODELS, BaselineResult, Method
from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import MID, by_columns
from timeline.analysis.summary import QUANTILES, wilson
from timeline.analysis.summary import lag_summary as local_summary
from timeline.api import frame
from timeline.errors import TimelineError
from timeline.spark.pairs import _R, _T, mark, points

if TYPE_CHECKING:
    import pandas as pd

_NEED = ("lag", "lag_min", "lag_max", "censored", "followup", "order_ambiguous")


def lag_summary(
    pairs: DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    confidence: float = 0.95,
    n_boot: int = 2000,
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
    if n <= max_rows:
        local = pl.from_arrow(pairs.select(*cols, *_NEED).toArrow())
        out = local_summary(local, by=by, confidence=confidence, n_boot=n_boot, seed=seed)
        return frame(out.with_columns(quantiles=pl.lit("exact")), output=output)
    return frame(_approximate(pairs, cols, confidence, accuracy), output=output)


def _approximate(pairs: DataFrame, cols: list[str], confidence: float, accuracy: int):
    """Exact counts and hit rate; lag quantiles of the followed pairs by percentile_approx."""
    lag_s = F.unix_micros(F.timestamp_seconds(F.lit(0)) + F.col("lag")) / 1e6
    qs = list(QUANTILES.values())
    rows = (
        pairs.groupBy(*cols)
        .agg(
            F.count("*").alias("n_triggers"),
            F.sum((~F.col("censored")).cast("long")).alias("n_followed"),
            F.sum(F.col("order_ambiguous").cast("long")).alias("n_ambiguous"),
            F.percentile_approx(F.when(~F.col("censored"), lag_s), qs, accuracy).alias("_q"),
        )
        .orderBy(*cols)
        .toPandas()
    )
    out = []
    for row in rows.to_dict("records"):
        k, n = int(row["n_followed"]), int(row["n_triggers"])
        lo, hi = wilson(k, n, confidence)
        cells = {c: row[c] for c in cols}
        cells.update(n_triggers=n, n_followed=k, n_censored=n - k,
                     n_ambiguous=int(row["n_ambiguous"]), hit_rate=k / n if n else np.nan,
                     hit_rate_low=lo, hit_rate_high=hi)  # fmt: skip
        found = row["_q"]  # None when no pair of the group was followed
        values = [np.nan] * len(qs) if found is None else [float(v) for v in found]
        for name, value in zip(QUANTILES, values, strict=True):
            cells[name] = None if np.isnan(value) else timedelta(seconds=value)
        cells["quantiles"] = f"approximate: rank error <= {1 / accuracy:g}"
        out.append(cells)
    return pl.DataFrame(out, infer_schema_length=None).with_columns(
        pl.col(name).cast(pl.Duration("us")) for name in QUANTILES
    )


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
    method: Method = "uniform",
    chunks: int | None = None,
) -> BaselineResult:
    """`tl.baseline_test` with each group's permutations drawn in parallel on Spark."""
    if method not in ("uniform", "circular"):
        raise TimelineError(f"method={method!r} is unknown. Hint: 'uniform' or 'circular'.")
    if n_permutations < 1:
        raise TimelineError("n_permutations must be >= 1. Hint: 1000 is a good default.")
    window = to_us(within, name="within")
    cols = by_columns(by, events.columns)
    k = chunks or (1 if cols else events.sparkSession.sparkContext.defaultParallelism)
    sizes = [len(part) for part in np.array_split(np.arange(n_permutations), k) if len(part)]
    marked = mark(points(events, cols), trigger, response).select(*cols, MID, _T, _R)
    spread = marked.withColumn("_chunk", F.explode(F.sequence(F.lit(0), F.lit(len(sizes) - 1))))
    out = T.StructType([T.StructField("_chunk", T.LongType()), T.StructField("n", T.LongType()),
                        T.StructField("hits", T.LongType()),
                        T.StructField("null", T.ArrayType(T.LongType()))])  # fmt: skip
    target = pa.schema([("_chunk", pa.int64()), ("n", pa.int64()), ("hits", pa.int64()),
                        ("null", pa.list_(pa.int64()))])  # fmt: skip

    def per_group(key: tuple, table: pa.Table) -> pa.Table:
        names = tuple(k.as_py() for k in key)
        chunk = int(names[-1])
        group_seed = _group_seed(seed, names[:-1], chunk)
        n, hits, null = _group_null(pl.from_arrow(table), window, sizes[chunk], group_seed, method)
        columns = {"_chunk": [chunk], "n": [n], "hits": [hits], "null": [null.tolist()]}
        return pa.table(columns, schema=target)

    rows = spread.groupBy(*cols, "_chunk").applyInArrow(per_group, out).collect()
    return _pooled(rows, sizes, n_permutations, window, seed, method, trigger)


def _group_null(group: pl.DataFrame, window: int, n_perm: int, seed: int, method: str):
    """One group: (triggers, observed hits, null hits per permutation) by the local model."""
    mids = group.get_column(MID).to_numpy()
    lo = int(mids.min())
    span = int(mids.max()) - lo
    stride = span + window + 1
    trig = group.filter(pl.col(_T)).get_column(MID).to_numpy() - lo
    if trig.size == 0:
        return 0, 0, np.zeros(n_perm, np.int64)
    keys = np.sort(group.filter(pl.col(_R)).get_column(MID).to_numpy() - lo)
    gid = np.zeros(trig.size, np.int64)
    hits = int(nulls.hits(keys, trig, window).sum())
    spans = np.full(trig.size, span, np.int64)
    rng = np.random.default_rng(seed)
    common = {"stride": stride, "window": window, "n_perm": n_perm, "rng": rng}
    if method == "circular":
        rates = nulls.circular(keys, gid, trig, spans, **common)
    else:
        rates = nulls.uniform(keys, gid, spans, **common)
    return trig.size, hits, np.rint(rates * trig.size).astype(np.int64)


def _pooled(rows, sizes, n_perm, window, seed, method, trigger) -> BaselineResult:
    """Sum the groups' hits, chunk by chunk, into the pooled null of hit rates."""
    starts = np.concatenate([[0], np.cumsum(sizes)])
    null_hits = np.zeros(n_perm, np.int64)
    n = hits = 0
    for row in rows:
        c = row["_chunk"]
        null_hits[starts[c] : starts[c + 1]] += np.asarray(row["null"], np.int64)
        if c == 0:
            n, hits = n + row["n"], hits + row["hits"]
    if n == 0:
        raise TimelineError(f"no event matches trigger={trigger!r}. Hint: check the selector.")
    null = null_hits / n
    observed, expected = hits / n, float(null.mean())
    return BaselineResult(
        observed=observed, expected=expected,
        lift=observed / expected if expected > 0 else float("nan"),
        p_value=float((1 + np.sum(null >= observed)) / (n_perm + 1)),
        n_triggers=n, n_hits=hits, n_permutations=n_perm, method=method,
        within=timedelta(microseconds=window), seed=seed, null=null,
        null_model=NULL_MODELS[method],
    )  # fmt: skip
