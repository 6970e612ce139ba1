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

from timeline.results import SUMMARY, Field, Table

NOT_REACHED = "not reached"
ORDER_UNKNOWN = "order unknown"


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
    return _scalar_text(seconds)


def _scalar_text(seconds: float) -> str:
    """`seconds_text` for one value, in plain Python: a table cell formatted through a
    polars query each cost ~1 ms, 24 s for a 290-group summary. Tested equal to
    `seconds_text` (tests/foundation/test_display.py)."""
    rest = abs(seconds)
    hours, mins, secs = round(rest / 3600), round(rest / 60), round(rest)

    def two(total: int, per: int, big: str, small: str) -> str:
        hi, lo = divmod(total, per)
        return f"{hi} {big} {lo} {small}" if lo > 0 else f"{hi} {big}"

    if hours >= 24:
        body = two(hours, 24, "d", "h")
    elif mins >= 60:
        body = two(mins, 60, "h", "min")
    elif secs >= 60:
        body = two(secs, 60, "min", "s")
    else:
        body = f"{secs} s"
    return ("-" if seconds < 0 else "") + body


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


def span(low: object, high: object, *, missing: str = "") -> str:
    """What the data allow: "4 h to 1 d 9 h"; "0 to 1 d" for a same-day pair (never "0 s"
    alone); a missing upper end reads `missing` ("14 h to not reached")."""
    lo, hi = duration(low), duration(high)
    if not lo:
        return missing
    if lo == "0 s":
        lo = "0"
    if lo == hi:
        return lo
    return f"{lo} to {hi or missing or '?'}"


def figure(
    point: object, low: object, high: object, ci_low: object, ci_high: object, *,
    missing: str = "",
) -> str:  # fmt: skip
    """An interval estimate as people read it: "5 h [4 h, 7 h]" when exact, else
    "4 h to 1 d 9 h [4 h, 1 d 9 h]" (what the data allow, then the confidence interval);
    an infinite (missing) bound reads `missing`, e.g. "14 h to not reached [...]"."""
    text = duration(point) or span(low, high, missing=missing)
    if not text:
        return missing
    lo, hi = duration(ci_low), duration(ci_high)
    if not lo and not hi:
        return text
    lo = "0" if lo == "0 s" else lo
    return f"{text} [{lo or missing or '?'}, {hi or missing or '?'}]"


def share(value: float | None) -> str:
    """A share as a whole percentage: "80%"; "" when missing."""
    if value is None or value != value:
        return ""
    return f"{value:.0%}"


def rate(
    value: float | None, low: float | None, high: float | None, *,
    least: float | None = None, most: float | None = None,
) -> str:  # fmt: skip
    """A hit rate with its interval: "80% [38%, 96%]"; with bounds that differ (order
    unknown pairs counted as misses / as hits): "80% (60% to 90%) [38%, 96%]"."""
    text = share(value)
    if not text:
        return ""
    a, b = share(least), share(most)
    if a and b and a != b:
        text = f"{text} ({a} to {b})"
    lo, hi = share(low), share(high)
    return f"{text} [{lo}, {hi}]" if lo and hi else text


def count(value: int | None) -> str:
    """A count as text ("" when missing)."""
    return "" if value is None else f"{int(value):,}"


def cell(table: Table, row: dict, column: str, method: str = "") -> object:
    """One display cell of a declared table's row: counts stay numbers, the rest is text.

    A figure declared with `_min`/`_max` reads as what the data allow plus its interval;
    `method` names a column whose estimator follows the figure ("... (turnbull)").
    """
    return _cell(table.field(column), frozenset(table.names), row, column, method)


def _cell(field: Field, names: frozenset[str], row: dict, column: str, method: str) -> object:
    """`cell` with the declaration looked up once per column, not once per cell."""
    get = lambda suffix: row.get(f"{column}{suffix}") if f"{column}{suffix}" in names else None  # noqa: E731
    low, high, least, most = get("_low"), get("_high"), get("_min"), get("_max")
    if field.unit == "count":
        return row.get(column)
    if field.unit == "share":
        return rate(row.get(column), low, high, least=least, most=most)
    if field.unit == "duration":
        text = _duration_cell(names, row, column, field.missing)
        how = row.get(method) if method else None
        return f"{text} ({how})" if text and how else text
    value = row.get(column)
    return field.missing if value is None else str(value)


def _duration_cell(names: frozenset[str], row: dict, column: str, missing: str) -> str:
    if row.get("n_triggers", 1) == 0:
        missing = ""  # nothing is "not reached" with no triggers
    if f"{column}_min" in names:
        if row.get(f"{column}_order_unknown"):
            return ORDER_UNKNOWN
        parts = (row.get(f"{column}{s}") for s in ("", "_min", "_max", "_low", "_high"))
        return figure(*parts, missing=missing)
    return interval(row.get(column), row.get(f"{column}_low"), row.get(f"{column}_high"),
                    missing=missing)  # fmt: skip


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
    names = frozenset(table.names)
    read = {s.column + x for s in shows for x in _PARTS} | {s.method for s in shows}
    rows = frame.select(c for c in frame.columns if c in read | {"n_triggers"}).to_dicts()
    data: dict[str, list] = {k: frame.get_column(k).cast(pl.Utf8).to_list() for k in keys}
    for s in shows:
        field = table.field(s.column)
        data[s.label] = [_cell(field, names, row, s.column, s.method) for row in rows]
    schema = {k: pl.Utf8 for k in keys}
    schema |= {s.label: _cell_dtype(table, s.column) for s in shows}
    return pl.DataFrame(data, schema=schema)


_PARTS = ("", "_min", "_max", "_low", "_high", "_order_unknown")  # the columns a cell reads


def _cell_dtype(table: Table, column: str) -> pl.DataType:
    return pl.Int64 if table.field(column).unit == "count" else pl.Utf8


def pairs_table(pairs: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """`tl.lags` pairs as people read them: the lag as the range its intervals allow
    ("4 h to 1 d 9 h"; the value where exact; "order unknown" where the intervals overlap),
    never a midpoint."""
    lo, hi = (duration_text(c) for c in ("lag_min", "lag_max"))
    lo = pl.when(lo == "0 s").then(pl.lit("0")).otherwise(lo)
    unknown = pl.col("order_ambiguous").fill_null(False)
    text = (
        pl.when(pl.col("lag_min").is_null())
        .then(pl.lit(""))
        .when(unknown)
        .then(pl.format("order unknown ({} to {})", duration_text("lag_min"), hi))
        .when(pl.col("lag_min") == pl.col("lag_max"))
        .then(duration_text("lag_min"))
        .otherwise(pl.format("{} to {}", lo, hi))
    )
    return pairs.select(
        *by, "trigger_id", "response_id", text.alias("lag"), "censored", "order_ambiguous"
    )


def episodes_table(episodes: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """`tl.episodes` as people read them (declared display columns; lags as ranges)."""
    from timeline.results import EPISODES

    return display_table(EPISODES, episodes, list(by))


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
