"""Local wall times -> UTC intervals for a whole batch, each (zone, day) converted once.

`timeexpr.vector.intervals` converts each distinct (zone, wall time): cheap for dates,
but a file of clock times has nearly as many distinct wall times as rows, and reading a
wall time in a zone costs about 0.2 s per million. Here each (zone, local day) is read
twice, at its first moment and at the next day's: when the two are exactly a day apart,
the zone's offset holds the whole day (no DST change or other transition falls in it)
and every wall time of that day is `wall - offset`. The rows of the few days that hold
a transition (or none of whose ends exist) go to `vector.intervals`, so gaps and
ambiguous times follow its rules exactly.
"""

from __future__ import annotations

import polars as pl

from timeline.schema import UTC_TIME
from timeline.timeexpr.vector import intervals, span_end

_DAY_US = 86_400_000_000


def _day_offsets(keys: pl.DataFrame) -> pl.DataFrame:
    """(zone, day) -> the day's offset from UTC in microseconds, null when it changes."""
    parts = []
    for (zone,), part in keys.partition_by("__z", as_dict=True, maintain_order=False).items():
        midnight = pl.col("__day").cast(pl.Datetime("us"))

        def utc(wall: pl.Expr, zone: str = zone) -> pl.Expr:
            aware = wall.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
            return aware.dt.epoch("us")

        parts.append(
            part.select(
                "__key",
                first=utc(midnight),
                next=utc(midnight.dt.offset_by("1d")),
                wall=midnight.dt.epoch("us"),
            )
        )
    both = pl.concat(parts)
    whole = (pl.col("next") - pl.col("first")) == _DAY_US
    return both.select("__key", offset=pl.when(whole).then(pl.col("wall") - pl.col("first")))


def utc_intervals(
    df: pl.DataFrame, *, start: str, precision: str, zone: str, end: str | None = None
) -> pl.DataFrame:
    """`df` with `t_start`, `t_end` (UTC): the same values as `vector.intervals`."""
    local_end = pl.coalesce(
        pl.col(end) if end else pl.lit(None, pl.Datetime("us")),
        span_end(pl.col(start), pl.col(precision)),
    ).cast(pl.Datetime("us"))
    walls = df.select(
        __s=pl.col(start).cast(pl.Datetime("us")),
        __e=local_end,
        __z=pl.col(zone).cast(pl.Utf8).fill_null("UTC"),
    )
    names = walls.get_column("__z").unique().sort()
    zones = pl.Enum(names)
    code = pl.col("__z").cast(zones).to_physical().cast(pl.Int64) * (1 << 32)
    keyed = walls.select(
        s=pl.col("__s").dt.epoch("us"),
        e=pl.col("__e").dt.epoch("us"),
        ks=code + _day_number(pl.col("__s")),
        ke=code + _day_number(pl.col("__e")),
    )
    keys = pl.concat([keyed.select(__key="ks"), keyed.select(__key="ke")]).drop_nulls().unique()
    keys = keys.with_columns(
        __z=pl.lit(names).gather(pl.col("__key") // (1 << 32)),
        __day=(pl.col("__key") % (1 << 32) - (1 << 31)).cast(pl.Int32).cast(pl.Date),
    )
    table = _day_offsets(keys) if keys.height else pl.DataFrame(
        schema={"__key": pl.Int64, "offset": pl.Int64}
    )  # fmt: skip
    found = keyed.select(
        t_start=_shifted(keyed, "s", "ks", table), t_end=_shifted(keyed, "e", "ke", table)
    )
    out = df.with_columns(found)
    exact = (
        (found.get_column("t_start").is_null() & walls.get_column("__s").is_not_null())
        | (found.get_column("t_end").is_null() & walls.get_column("__e").is_not_null())
    ).arg_true()
    if exact.len():  # days with a transition: the exact, distinct-time rules
        slow = intervals(df[exact], start=start, end=end, precision=precision, zone=zone)
        out = out.with_columns(
            out.get_column(c).scatter(exact, slow.get_column(c)) for c in ("t_start", "t_end")
        )
    return out


def _day_number(wall: pl.Expr) -> pl.Expr:
    """The wall time's day as a non-negative number (days before 1970 too)."""
    return wall.dt.date().cast(pl.Int32).cast(pl.Int64) + (1 << 31)


def _shifted(keyed: pl.DataFrame, wall: str, key: str, table: pl.DataFrame) -> pl.Series:
    """UTC of each row's `wall` where its day's offset is known, else null."""
    offset = keyed.select(pl.col(key).alias("__key")).join(
        table, on="__key", how="left", maintain_order="left"
    )
    return (
        (keyed.get_column(wall) - offset.get_column("offset"))
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone("UTC")
        .cast(UTC_TIME)
    )
