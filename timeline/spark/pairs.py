"""`tl.lags` on Spark: the same pairing kernel, run per group with `applyInArrow`.

Pairing is independent per `by` group, so each group's triggers and responses go to one
Python worker, which runs `timeline.analysis.pairing.pair` on them with polars: the
numbers are those of `tl.lags`, row for row. With `by=None` there is one group, so the
timeline is cut into time buckets instead: a bucket owns the rows it pairs (triggers when
following, responses when preceding) and also receives every partner within `within` of
them, so each owned row finds the same partner it would find in the whole table.

Selectors are evaluated by the same polars predicate (`timeline.analysis.selectors`) in
the workers; the end and start of observation are global and computed first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

import polars as pl
import pyarrow as pa
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.pandas.types import to_arrow_schema

from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import END, GID, MID, START, by_columns
from timeline.analysis.pairing import Direction, _end_us, pair, pair_columns
from timeline.analysis.selectors import Select, as_select, predicate
from timeline.errors import TimelineError

_T, _R, _BUCKET = "_is_trigger", "_is_response", "_bucket"
_VOCAB = ("kind", "subtype", "channel")
RESULT = T.StructType(
    [
        T.StructField("trigger_id", T.StringType()),
        T.StructField("response_id", T.StringType()),
        T.StructField("trigger_time", T.TimestampType()),
        T.StructField("response_time", T.TimestampType()),
        *(T.StructField(c, T.DayTimeIntervalType()) for c in ("lag", "lag_min", "lag_max")),
        T.StructField("censored", T.BooleanType()),
        T.StructField("followup", T.DayTimeIntervalType()),
        T.StructField("order_ambiguous", T.BooleanType()),
    ]
)


def to_arrow(frame: pl.DataFrame, target: pa.Schema) -> pa.Table:
    """A polars frame as an Arrow table of exactly `target`'s types (what Spark expects)."""
    table = frame.select(target.names).to_arrow()
    return table.cast(target)


def points(df: DataFrame, by_cols: list[str]) -> DataFrame:
    """event_id, selector columns, `by`, and integer microsecond start/end/midpoint."""
    sel = [c for c in _VOCAB if c in df.columns]
    return df.select(
        "event_id",
        *sel,
        *by_cols,
        F.unix_micros("t_start").alias(START),
        F.unix_micros("t_end").alias(END),
    ).withColumn(MID, F.expr(f"{START} + (({END} - {START}) div 2)"))


def mark(pts: DataFrame, trigger: object, response: object) -> DataFrame:
    """`pts` with the trigger/response flags, by the polars selectors (in the workers)."""
    columns = list(pts.columns)
    keep = [c for c in columns if c not in _VOCAB]
    out = T.StructType(
        [pts.schema[c] for c in keep]
        + [T.StructField(_T, T.BooleanType()), T.StructField(_R, T.BooleanType())]
    )
    target = to_arrow_schema(out, timezone="UTC")

    def flags(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            frame = pl.from_arrow(batch).with_columns(
                predicate(trigger, columns, role="trigger").alias(_T),
                predicate(response, columns, role="response").alias(_R),
            )
            yield from to_arrow(frame, target).to_batches()

    return pts.mapInArrow(flags, out)


def _disjoint_kinds(trigger: object, response: object) -> bool:
    """Whether no event can match both selectors: kinds only, and no kind in common.

    Then the check needs no data, and the Python selectors run in one pass, not two.
    """
    sel = [as_select(spec, role="selector") for spec in (trigger, response)]
    if any(not isinstance(s, Select) or set(s.fields()) != {"kind"} for s in sel):
        return False
    return not set(sel[0].fields()["kind"]) & set(sel[1].fields()["kind"])


def _observation(pts: DataFrame, marked: DataFrame, trigger, response, cut: int | None):
    """(first midpoint, last midpoint) of all events; refuses what `tl.lags` refuses.

    Like `tl.lags`, an event after `cut` (the end of observation given) is not checked.
    """
    disjoint = _disjoint_kinds(trigger, response)
    seen = F.lit(True) if cut is None else F.col(MID) <= F.lit(cut)
    both = F.lit(False) if disjoint else (F.col(_T) & F.col(_R) & seen)
    row = (
        (pts if disjoint else marked)
        .agg(
            F.min(MID).alias("begin"),
            F.max(MID).alias("end"),
            F.sum(both.cast("long")).alias("both"),
            F.sum((F.col(END) < F.col(START)).cast("long")).alias("reversed"),
        )
        .first()
    )
    if row["reversed"]:
        ids = [r[0] for r in pts.filter(F.col(END) < F.col(START)).select("event_id").take(5)]
        raise TimelineError(
            f"{row['reversed']} event(s) end before they start (e.g. {ids}). "
            "Hint: validate the table with timeline.schema.validate()."
        )
    if row["both"]:
        ids = [r[0] for r in marked.filter(both).select("event_id").take(3)]
        raise TimelineError(
            f"{row['both']} event(s) match both trigger={trigger!r} and response={response!r} "
            f"(e.g. {ids}). Hint: make the two selectors disjoint (different kinds, subtypes "
            "or channels)."
        )
    return row["begin"] or 0, row["end"] or 0


def pair_group(
    group: pl.DataFrame, *, window: int, end: int, begin: int, direction: Direction,
    by_cols: Sequence[str] = (),
) -> pl.DataFrame:  # fmt: skip
    """One group's (or bucket's) rows -> its pairs, in `tl.lags`'s columns (polars)."""
    cols = [*by_cols, "event_id", START, END, MID]
    trig = group.filter(pl.col(_T)).select(*cols).with_columns(pl.lit(0, pl.Int64).alias(GID))
    resp = group.filter(pl.col(_R)).select(*cols).with_columns(pl.lit(0, pl.Int64).alias(GID))
    out = pair(trig, resp, window=window, end=end, begin=begin, direction=direction)
    return out.select(pair_columns(by_cols))


def lags(
    df: DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: Duration = "7d",
    *,
    by: str | Sequence[str] | None = "actor",
    direction: Direction = "following",
    until: datetime | None = None,
    buckets: int | None = None,
) -> DataFrame:
    """`tl.lags` on a Spark DataFrame of events: the same rows, as a Spark DataFrame.

    Runs one Spark job at once (the start and end of observation, and the checks); the
    pairing runs when the result is used. `buckets` (by=None only) sets how many time
    slices share the work; default: four per core of the cluster.
    """
    window = to_us(within, name="within")
    if direction not in ("following", "preceding"):
        raise TimelineError(
            f"direction={direction!r} is unknown. Hint: use 'following' or 'preceding'."
        )
    by_cols = by_columns(by, df.columns)
    for spec, role in ((trigger, "trigger"), (response, "response")):
        predicate(spec, df.columns, role=role)  # a misspelt kind fails here, not in a worker
    pts = points(df, by_cols)
    marked = mark(pts, trigger, response)
    cut = None if until is None else _end_us(until, pl.DataFrame({MID: [0]}))
    begin, last = _observation(pts, marked, trigger, response, cut)
    end = last if cut is None else cut
    work = marked.filter(F.col(_T) | F.col(_R))
    if until is not None:
        work = work.filter(F.col(MID) <= F.lit(end))
    out = T.StructType([df.schema[c] for c in by_cols] + RESULT.fields)
    target = to_arrow_schema(out, timezone="UTC")
    options = {"window": window, "end": end, "begin": begin, "direction": direction}

    def kernel(table: pa.Table) -> pa.Table:
        group = pl.from_arrow(table)
        return to_arrow(pair_group(group, by_cols=by_cols, **options), target)

    if by_cols:
        return work.groupBy(*by_cols).applyInArrow(kernel, out)
    n = buckets or 4 * work.sparkSession.sparkContext.defaultParallelism
    size = max(window, 1, -(-(last - begin + 1) // max(n, 1)))
    return (
        _bucketed(work, begin, size, window, direction).groupBy(_BUCKET).applyInArrow(kernel, out)
    )


def _bucketed(work: DataFrame, begin: int, size: int, window: int, direction: str) -> DataFrame:
    """The rows a bucket pairs (its own, once) and the partners they may need (repeated).

    following: a response at r may be the first within `within` of a trigger in any bucket
    from that of r - within to that of r; preceding: a trigger at t, of a response in any
    bucket from that of t to that of t + within. Integer division: no rounding at edges.
    """
    own = _T if direction == "following" else _R
    lo, hi = (f"{MID} - {window}", MID) if direction == "following" else (MID, f"{MID} + {window}")

    def bucket(x: str) -> str:
        return f"greatest(({x} - {begin}) div {size}, 0)"

    buckets = F.expr(
        f"CASE WHEN {own} THEN array({bucket(MID)}) ELSE sequence({bucket(lo)}, {bucket(hi)}) END"
    )
    return work.withColumn(_BUCKET, F.explode(buckets))
