"""Polars helpers for the lag engine: point times (integer microseconds) and group ids.

Tables arrive here already canonical (`timeline.frames.to_polars` is the boundary)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from timeline.errors import TimelineError

# internal column names (prefixed so they never clash with user columns)
MID, START, END, GID = "_mid", "_start", "_end", "_gid"


def by_columns(by: str | Sequence[str] | None, columns: Sequence[str]) -> list[str]:
    """Normalize `by` to a list of existing column names."""
    cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in columns]
    if missing:
        raise TimelineError(
            f"by={by!r}: the events have no column(s) {missing}. "
            "Hint: pass by=None to pool all events, or name an existing column."
        )
    return cols


def with_points(df: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """Add integer microsecond start/end/midpoint and a dense group id over `by`.

    The midpoint is floored to the microsecond. Group ids follow the groups' names (nulls
    last, as a group of their own), so sorting by id sorts by name, whatever the input
    order.
    """
    start = pl.col("t_start").dt.epoch("us")
    end = pl.col("t_end").dt.epoch("us")
    df = df.with_columns(
        start.alias(START),
        end.alias(END),
        (start + (end - start) // 2).alias(MID),
    )
    return df.with_columns(_group_ids(df, by).alias(GID))


def _group_ids(df: pl.DataFrame, by: list[str]) -> pl.Series:
    """Dense ids in name order: codes per row, names ranked once per distinct group."""
    if not by:
        return pl.Series(GID, [0] * df.height, dtype=pl.Int64)
    codes = df.select(_key_id(c, df.schema[c]) for c in by)
    keys = list(codes.columns)
    table = (
        pl.concat([codes, df.select(by)], how="horizontal")
        .unique(keys)
        .sort(by, nulls_last=True)
        .with_row_index(GID)
        .with_columns(pl.col(GID).cast(pl.Int64))
    )
    return codes.join(table.select(*keys, GID), on=keys, how="left", maintain_order="left")[GID]


def _key_id(name: str, dtype: pl.DataType) -> pl.Expr:
    """An integer per distinct value (null included): cheap via the categorical codes."""
    col = pl.col(name)
    if dtype == pl.Utf8:
        col = col.cast(pl.Categorical)
    if isinstance(dtype, pl.Utf8 | pl.Categorical | pl.Enum):
        code = col.to_physical().cast(pl.Int64)
    else:
        code = col.rank("dense").cast(pl.Int64)
    return code.fill_null(-1).alias(f"_key_{name}")


def check_intervals(df: pl.DataFrame) -> None:
    """Intervals that end before they start would give nonsense lags: refuse them."""
    bad = df.filter(pl.col(END) < pl.col(START))
    if bad.height:
        ids = bad.get_column("event_id").head(5).to_list()
        raise TimelineError(
            f"{bad.height} event(s) end before they start (e.g. {ids}). "
            "Hint: validate the table with timeline.schema.validate()."
        )
