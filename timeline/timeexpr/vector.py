"""Column-wise time model: local wall times + zones + precisions -> UTC intervals (polars)."""

from __future__ import annotations

import polars as pl

from timeline.schema import UTC_TIME

# How far an interval of each precision reaches from its local start.
SPAN = {"minute": None, "hour": "1h", "day": "1d", "week": "1w", "month": "1mo", "year": "1y"}


def span_end(start: pl.Expr, precision: pl.Expr) -> pl.Expr:
    """Local end of the interval that starts at local `start` with `precision`."""
    out = pl.when(precision == "minute").then(start)
    for name, step in SPAN.items():
        if step:
            out = out.when(precision == name).then(start.dt.offset_by(step))
    return out.otherwise(None)


def _to_utc(col: str, zone: str) -> pl.Expr:
    return (
        pl.col(col)
        .dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
    )


def localize(df: pl.DataFrame, columns: list[str], zone_col: str) -> pl.DataFrame:
    """Read naive local `columns` in each row's zone and store them as UTC.

    One pass per distinct zone (a handful), never per row. A wall time that does not
    exist (a DST gap) becomes null; an ambiguous one takes the earlier instant.
    """
    zones = df.get_column(zone_col).fill_null("UTC").unique().to_list()
    if len(zones) <= 8:  # a when/then chain: no sort, no copies

        def chain(col: str) -> pl.Expr:
            out = pl.when(pl.col(zone_col).fill_null("UTC") == zones[0]).then(
                _to_utc(col, zones[0])
            )
            for zone in zones[1:]:
                out = out.when(pl.col(zone_col) == zone).then(_to_utc(col, zone))
            return out.otherwise(None).alias(col)

        if not zones:
            return df.with_columns(pl.col(c).cast(UTC_TIME) for c in columns)
        return df.with_columns(chain(c) for c in columns)
    indexed = df.with_row_index("__row")
    parts = [
        part.with_columns(_to_utc(c, part.get_column(zone_col)[0] or "UTC") for c in columns)
        for part in indexed.partition_by(zone_col, maintain_order=False)
    ]
    return pl.concat(parts).sort("__row").drop("__row")


def intervals(
    df: pl.DataFrame,
    *,
    start: str,
    precision: str,
    zone: str,
    end: str | None = None,
    instant: str | None = None,
) -> pl.DataFrame:
    """Add `t_start`, `t_end` (UTC) from local `start` (+ optional local `end`).

    `instant`, if given, is an already-aware time (an ISO string with an offset):
    where it is set it wins, and the event is exact.
    """
    local_end = pl.coalesce(
        pl.col(end) if end else pl.lit(None, pl.Datetime("us")),
        span_end(pl.col(start), pl.col(precision)),
    ).cast(pl.Datetime("us"))
    walls = df.select(
        pl.col(start).cast(pl.Datetime("us")).alias("__s"), local_end.alias("__e"), pl.col(zone)
    )
    utc = localize(walls, ["__s", "__e"], zone)
    utc = _boundaries_after_gaps(utc, walls, df.get_column(precision), zone)
    out = df.with_columns(utc.get_column("__s"), utc.get_column("__e"))
    if instant:
        exact = pl.col(instant).dt.convert_time_zone("UTC")
        out = out.with_columns(
            pl.coalesce(exact, pl.col("__s")).alias("__s"),
            pl.coalesce(exact, pl.col("__e")).alias("__e"),
        )
    return out.rename({"__s": "t_start", "__e": "t_end"})


def _boundaries_after_gaps(
    utc: pl.DataFrame, walls: pl.DataFrame, precision: pl.Series, zone: str
) -> pl.DataFrame:
    """A day that starts in a DST gap (Cairo, 2014-05-16 00:00) starts when the gap ends.

    Only boundaries (day, week, month, year, hour starts and ends) move, one hour later;
    a clock time inside a gap never existed and stays null, to be reported.
    """
    lost = pl.any_horizontal(
        pl.col(c).is_null() & walls.get_column(c).is_not_null() for c in ("__s", "__e")
    )
    if not utc.select((lost & (precision.cast(pl.Utf8) != "minute")).any()).item():
        return utc  # no boundary fell in a gap (rows without a time stay as they are)
    later = localize(
        walls.with_columns(pl.col("__s", "__e").dt.offset_by("1h")), ["__s", "__e"], zone
    )
    boundary = precision.cast(pl.Utf8) != "minute"
    return utc.with_columns(
        pl.when(pl.col(c).is_null() & boundary).then(later.get_column(c)).otherwise(pl.col(c))
        for c in ("__s", "__e")
    )
