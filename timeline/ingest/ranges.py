"""A range of days written in one date cell: "24-26 January 2014", "January 24-26, 2014",
"2014-01-24/2014-01-26", "24/01/2014 - 26/01/2014", "24 January 2014 to 26 January 2014".

Curated spreadsheets write multi-day events (a siege, a wave of attacks) this way. Such
a value is the interval from the first day's start to the last day's end, exactly as a
Start and an End column would give it; refusing it made a whole file fail, and reading
only its first day would narrow what the source said. Only generic tables read ranges
(a dataset's date column holds one day), only values the date reader left unread are
tried, and a range that ends before it starts is refused with that reason.
"""

from __future__ import annotations

import polars as pl

from timeline.ingest import dates
from timeline.timeexpr.vector import span_end

_DASH = r"\s*[-\u2013\u2014]\s*"
# (pattern, how its groups make the first and the last day)
_FORMS: tuple[tuple[str, str, str], ...] = (
    (rf"^(\d{{1,2}}){_DASH}(\d{{1,2}})\s+([A-Za-z]+\.?,?\s+\d{{4}})$", "${1} ${3}", "${2} ${3}"),
    (rf"^([A-Za-z]+\.?)\s+(\d{{1,2}}){_DASH}(\d{{1,2}}),?\s+(\d{{4}})$",
     "${1} ${2}, ${4}", "${1} ${3}, ${4}"),
    (r"^(\d{4}-\d{2}-\d{2})\s*/\s*(\d{4}-\d{2}-\d{2})$", "${1}", "${2}"),
    (r"(?i)^(.+?)(?:\s+[-\u2013\u2014]\s+|\s+to\s+|\s+until\s+)(.+)$", "${1}", "${2}"),
)  # fmt: skip


def _sides(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The first and the last day's text of a range (null when `text` is none)."""
    first, last = [], []
    for pattern, a, b in _FORMS:
        hit = text.str.contains(pattern)
        first.append(pl.when(hit).then(text.str.replace(pattern, a)))
        last.append(pl.when(hit).then(text.str.replace(pattern, b)))
    return pl.coalesce(first), pl.coalesce(last)


def read_ranges(values: pl.Series, read: pl.DataFrame, **when) -> tuple[pl.DataFrame, pl.Series]:
    """`read` (from `dates.parse_when`) with ranges read as their first day, and the local
    end (exclusive) of each range, null elsewhere. `when`: the file's date options."""
    none = pl.repeat(None, read.height, dtype=dates.NAIVE, eager=True).alias("end")
    unread = read.get_column("local").is_null() & read.get_column("instant").is_null()
    if not unread.any():
        return read, none
    first, last = _sides(pl.col("t"))  # only the values left unread: usually a few
    text = values.cast(pl.Utf8).filter(unread).str.strip_chars()
    sides = text.to_frame("t").select(a=first, b=last)
    found = sides.get_column("a").is_not_null()
    if not found.any():
        return read, none
    a = dates.parse_when(sides.get_column("a").filter(found), **when)
    b = dates.parse_when(sides.get_column("b").filter(found), **when)
    both = a.select(
        ok=pl.col("local").is_not_null() & b.get_column("local").is_not_null(),
        backwards=pl.col("local") > b.get_column("local"),
    )
    ok = both.get_column("ok") & ~both.get_column("backwards").fill_null(False)
    backwards = both.get_column("ok") & both.get_column("backwards").fill_null(False)
    end = b.select(span_end(pl.col("local"), pl.col("precision"))).to_series()
    index = pl.Series("i", range(read.height), dtype=pl.UInt32).filter(unread).filter(found)
    fixed = a.with_columns(
        local=pl.when(ok).then(pl.col("local")),
        precision=pl.when(ok).then(pl.col("precision")),
        error=pl.when(backwards).then(pl.lit("the range ends before it starts")),
        pivoted=pl.col("pivoted") | b.get_column("pivoted"),
        i=index,
        end=pl.when(ok).then(end),
    ).filter(ok | backwards)
    out = read.with_row_index("i").with_columns(end=none)
    out = out.update(fixed.select(out.columns), on="i", include_nulls=True)
    return out.drop("i", "end"), out.get_column("end")
