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


def _convert(walls: pl.DataFrame, wall: str, zone_col: str) -> pl.Series:
    """UTC instants of the naive `wall` column read in each row's zone (a small table)."""
    zones = walls.get_column(zone_col).unique().to_list()
    if not zones:
        return pl.Series(wall, [], dtype=UTC_TIME)
    if len(zones) <= 8:  # a when/then chain: no sort, no copies
        out = pl.when(pl.col(zone_col) == zones[0]).then(_to_utc(wall, zones[0]))
        for zone in zones[1:]:
            out = out.when(pl.col(zone_col) == zone).then(_to_utc(wall, zone))
        return walls.select(out.otherwise(None).alias(wall)).to_series()
    parts = [
        part.select("__row", _to_utc(wall, part.get_column(zone_col)[0]))
        for part in walls.with_row_index("__row").partition_by(zone_col, maintain_order=False)
    ]
    return pl.concat(parts).sort("__row").get_column(wall)


def _zone_key(zone_col: str) -> pl.Expr:
    return pl.col(zone_col).cast(pl.Utf8).fill_null("UTC").alias("__zone")


def _wall_key(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Datetime("us")).alias("__wall")


def _instants(df: pl.DataFrame, columns: list[str], zone_col: str) -> pl.DataFrame:
    """Distinct (zone, wall time) pairs of `columns` -> `utc`, and `after_gap`.

    Events share few distinct wall times (midnights, month starts), so each pair is
    converted once, however many rows carry it. `after_gap` is the instant an hour
    later, for wall times that fall in a DST gap (null elsewhere).
    """
    rows = df.select(zone_col, *columns).unique()  # few distinct rows: the rest works on them
    keys = pl.concat([rows.select(_zone_key(zone_col), _wall_key(c)) for c in columns]).unique()
    keys = keys.with_columns(utc=_convert(keys, "__wall", "__zone"))
    lost = keys.filter(pl.col("utc").is_null() & pl.col("__wall").is_not_null())
    later = pl.lit(None, UTC_TIME)
    if lost.height:
        shifted = lost.with_columns(pl.col("__wall").dt.offset_by("1h"))
        lost = lost.with_columns(after_gap=_convert(shifted, "__wall", "__zone"))
        keys = keys.join(lost.select("__zone", "__wall", "after_gap"), on=["__zone", "__wall"],
                         how="left")  # fmt: skip
        later = pl.col("after_gap")
    return keys.select("__zone", "__wall", "utc", after_gap=later)


def _looked_up(df: pl.DataFrame, column: str, zone_col: str, table: pl.DataFrame) -> pl.DataFrame:
    """`utc` and `after_gap` of each row's `column`, in row order."""
    rows = df.select(_zone_key(zone_col), _wall_key(column))
    return rows.join(table, on=["__zone", "__wall"], how="left", nulls_equal=True,
                     maintain_order="left").select("utc", "after_gap")  # fmt: skip


def localize(df: pl.DataFrame, columns: list[str], zone_col: str) -> pl.DataFrame:
    """Read naive local `columns` in each row's zone and store them as UTC.

    Each distinct (zone, wall time) is converted once. A wall time that does not exist
    (a DST gap) becomes null; an ambiguous one takes the earlier instant.
    """
    table = _instants(df, columns, zone_col)
    return df.with_columns(
        _looked_up(df, c, zone_col, table).get_column("utc").alias(c) for c in columns
    )


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
    where it is set it wins, and the event is exact. A day (week, month, hour...) whose
    first moment falls in a DST gap (Cairo, 2014-05-16 00:00) starts when the gap ends,
    an hour later; a clock time (precision minute) inside a gap never existed and stays
    null, to be reported.
    """
    local_end = pl.coalesce(
        pl.col(end) if end else pl.lit(None, pl.Datetime("us")),
        span_end(pl.col(start), pl.col(precision)),
    ).cast(pl.Datetime("us"))
    walls = df.select(
        pl.col(start).cast(pl.Datetime("us")).alias("__s"), local_end.alias("__e"), pl.col(zone)
    )
    table = _instants(walls, ["__s", "__e"], zone)
    boundary = pl.col(precision).cast(pl.Utf8) != "minute"
    found = {name: _looked_up(walls, wall, zone, table)
             for name, wall in (("t_start", "__s"), ("t_end", "__e"))}  # fmt: skip
    out = df.with_columns(
        pl.when(boundary & f.get_column("utc").is_null())
        .then(f.get_column("after_gap"))
        .otherwise(f.get_column("utc"))
        .alias(name)
        for name, f in found.items()
    )
    if instant:
        exact = pl.col(instant).dt.convert_time_zone("UTC")
        out = out.with_columns(
            pl.coalesce(exact, pl.col("t_start")).alias("t_start"),
            pl.coalesce(exact, pl.col("t_end")).alias("t_end"),
        )
    return out
