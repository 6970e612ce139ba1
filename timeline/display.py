"""Display text, in one place: durations, intervals, hit rates, counts, and the summary
table people see.

Tables (dashboard), chart labels, the CLI and the brief all format through here, and pick
their columns from the declarations in `timeline.results` (`Table.display`), so a figure
reads the same everywhere: "5 h 40 min [4 h, 7 h 10 min]", "80% [38%, 96%]", and a bound
that was never reached says so instead of vanishing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

import polars as pl

from timeline.results import SUMMARY, Table

NOT_REACHED = "not reached"


def _two_units(total: pl.Expr, per: int, big: str, small: str) -> pl.Expr:
    """'{total // per} big {total % per} small', the small part left out when zero."""
    hi, lo = (total // per).cast(pl.Int64), (total % per).cast(pl.Int64)
    return (
        pl.when(lo > 0)
        .then(pl.format(f"{{}} {big} {{}} {small}", hi, lo))
        .otherwise(pl.format(f"{{}} {big}", hi))
    )


def seconds_text(seconds: pl.Expr) -> pl.Expr:
    """Seconds as a person reads them: "5 h 40 min", "2 d 3 h", "45 s" (vectorised).

    Two units at most, rounded (half to even) at the smaller one; null when the value is
    missing or not finite.
    """
    rest = seconds.abs()
    hours, mins, secs = (rest / 3600).round(), (rest / 60).round(), rest.round()
    body = (
        pl.when(hours >= 24)
        .then(_two_units(hours, 24, "d", "h"))
        .when(mins >= 60)
        .then(_two_units(mins, 60, "h", "min"))
        .when(secs >= 60)
        .then(_two_units(secs, 60, "min", "s"))
        .otherwise(pl.format("{} s", secs.cast(pl.Int64)))
    )
    sign = pl.when(seconds < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.when(seconds.is_finite()).then(pl.concat_str(sign, body))


def duration_text(col: str | pl.Expr) -> pl.Expr:
    """A Duration column as text (see `seconds_text`)."""
    expr = pl.col(col) if isinstance(col, str) else col
    return seconds_text(expr.dt.total_microseconds().cast(pl.Float64) / 1e6)


def _seconds(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, timedelta):  # pandas Timedelta too (a subclass)
        return value / timedelta(microseconds=1) / 1e6
    if hasattr(value, "dtype") and str(getattr(value, "dtype", "")).startswith("timedelta64"):
        return float(value / value.__class__(1, "us")) / 1e6  # numpy timedelta64
    seconds = float(value)  # type: ignore[arg-type]
    return seconds if math.isfinite(seconds) else None


def duration(value: timedelta | float | None) -> str:
    """One duration (a timedelta, or seconds) as text; "" when missing (NaT, NaN, None)."""
    try:
        seconds = _seconds(value)
    except (TypeError, ValueError):
        return ""
    if seconds is None or seconds != seconds:
        return ""
    return pl.select(seconds_text(pl.lit(seconds, pl.Float64))).item() or ""


def interval(point: object, low: object, high: object, *, missing: str = "") -> str:
    """ "5 h [4 h, 7 h]"; a missing bound reads `missing` (e.g. "not reached"), and with no
    bounds at all only the value shows."""
    text = duration(point)
    if not text:
        return missing
    lo, hi = duration(low), duration(high)
    if not lo and not hi and not missing:
        return text
    return f"{text} [{lo or missing or '?'}, {hi or missing or '?'}]"


def share(value: float | None) -> str:
    """A share as a whole percentage: "80%"; "" when missing."""
    if value is None or value != value:
        return ""
    return f"{value:.0%}"


def rate(value: float | None, low: float | None, high: float | None) -> str:
    """A hit rate with its interval: "80% [38%, 96%]"."""
    text = share(value)
    if not text:
        return ""
    lo, hi = share(low), share(high)
    return f"{text} [{lo}, {hi}]" if lo and hi else text


def count(value: int | None) -> str:
    """A count as text ("" when missing)."""
    return "" if value is None else f"{int(value):,}"


def cell(table: Table, row: dict, column: str) -> object:
    """One display cell of a declared table's row: counts stay numbers, the rest is text."""
    field = table.field(column)
    bounds = f"{column}_low" in row and f"{column}_high" in row
    low, high = (row.get(f"{column}_low"), row.get(f"{column}_high")) if bounds else (None, None)
    if field.unit == "count":
        return row.get(column)
    if field.unit == "share":
        return rate(row.get(column), low, high)
    if field.unit == "duration":
        followed = row.get("n_triggers", 1) != 0  # nothing is "not reached" with no triggers
        return interval(row.get(column), low, high, missing=field.missing if followed else "")
    value = row.get(column)
    return field.missing if value is None else str(value)


def summary_table(
    summary: pl.DataFrame, by: str | Sequence[str] | None = None, *, short: bool = False
) -> pl.DataFrame:
    """A `lag_summary` table as people see it: the group columns, then the declared
    display columns (`results.SUMMARY.display`) under their labels."""
    return display_table(SUMMARY, summary, by, short=short)


def display_table(
    table: Table, frame: pl.DataFrame, by: str | Sequence[str] | None = None, *, short: bool = False
) -> pl.DataFrame:
    """Any declared table's display columns, formatted, labelled, group columns first."""
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    shows = [s for s in table.columns(short=short) if s.column in frame.columns]
    rows = frame.to_dicts()
    data: dict[str, list] = {k: frame.get_column(k).cast(pl.Utf8).to_list() for k in keys}
    for s in shows:
        data[s.label] = [cell(table, row, s.column) for row in rows]
    schema = {k: pl.Utf8 for k in keys}
    schema |= {s.label: _cell_dtype(table, s.column) for s in shows}
    return pl.DataFrame(data, schema=schema)


def _cell_dtype(table: Table, column: str) -> pl.DataType:
    return pl.Int64 if table.field(column).unit == "count" else pl.Utf8


def pairs_table(pairs: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """`tl.lags` pairs as people read them: the lag and the range its intervals allow."""
    lag, lo, hi = (duration_text(c) for c in ("lag", "lag_min", "lag_max"))
    return pairs.select(
        *by,
        "trigger_id",
        "response_id",
        lag.fill_null("").alias("lag"),
        pl.when(lo.is_not_null())
        .then(pl.format("{} to {}", lo, hi))
        .otherwise(pl.lit(""))
        .alias("lag_range"),
        "censored",
        "order_ambiguous",
    )


def text_table(frame: pl.DataFrame, *, max_width: int = 40) -> str:
    """A small frame as aligned plain text (for the terminal); nulls print as ""."""
    cols = frame.columns
    cells = [
        ["" if v is None else str(v)[:max_width] for v in frame.get_column(c).to_list()]
        for c in cols
    ]
    widths = [max([len(c), *map(len, col)]) for c, col in zip(cols, cells, strict=True)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=True))]
    for i in range(frame.height):
        lines.append("  ".join(col[i].rjust(w) for col, w in zip(cells, widths, strict=True)))
    return "\n".join(lines)
