"""Column-wise parsing of written dates and times (polars, no row loops).

`parse_when` reads ISO dates and date-times (with or without offset), the common
written forms ("24 January 2014", "Jan. 24, 2014", "24-January-2014"), numeric
day/month dates (an ambiguous order is an error unless `dayfirst` says which),
months ("January 2014", "2014-01") and years. It returns a local wall time, an
instant when the text carried an offset, the precision the text supports, and a
reason for every value it could not read.
"""

from __future__ import annotations

import polars as pl

from timeline.timeexpr import words

_WEEKDAY = rf"(?i)^({'|'.join(words.WEEKDAY_ABBREVS)})[a-z]*\.?,?\s+"
_MONTH_DOT = rf"(?i)\b({words.alternation(words.MONTH_ABBREVS)})\."

AWARE = (
    "%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%#z", "%Y-%m-%dT%H:%M%#z",
    "%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%#z", "%Y-%m-%d %H:%M%#z",
)  # fmt: skip
NAIVE_MINUTE = (
    "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
)  # fmt: skip
DAY = (
    "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y",
    "%B %d %Y", "%b %d %Y", "%d-%B-%Y", "%d-%b-%Y", "%d %B, %Y",
)  # fmt: skip
MONTH = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y")  # after prefixing/suffixing a day 1
TIME = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I %p", "%I%p")

NAIVE = pl.Datetime("us")
AWARE_UTC = pl.Datetime("us", "UTC")


def clean(text: pl.Expr) -> pl.Expr:
    """Fold the spellings that formats cannot: weekdays, 'Jan.', 'Sept', '24th', 'Z'."""
    return (
        text.str.strip_chars()
        .str.replace_all(r"\s+", " ")
        .str.replace(_WEEKDAY, "")
        .str.replace_all(_MONTH_DOT, "$1")
        .str.replace_all(r"(?i)\bsept\b", "Sep")
        .str.replace_all(r"(\d)(st|nd|rd|th)\b", "$1")
        .str.replace(r"Z$", "+00:00")
    )


def _first(text: pl.Expr, formats: tuple[str, ...], dtype: pl.DataType) -> pl.Expr:
    return pl.coalesce([text.str.strptime(dtype, f, strict=False) for f in formats])


def _numeric(text: pl.Expr, order: str) -> pl.Expr:
    fmt = "%d/%m/%Y" if order == "dmy" else "%m/%d/%Y"
    slashed = text.str.replace_all(r"[.\-]", "/")
    is_numeric = text.str.contains(r"^\d{1,2}[./-]\d{1,2}[./-]\d{4}$")
    return pl.when(is_numeric).then(slashed.str.strptime(pl.Date, fmt, strict=False))


def _per_distinct(values: pl.Series, parse) -> pl.DataFrame:
    """Parse each distinct text once and join back: dates repeat across many rows."""
    raw = values.cast(pl.Utf8).rename("raw")
    distinct = raw.unique()
    if distinct.len() * 2 > raw.len():
        return parse(raw)
    parsed = parse(distinct).with_columns(raw=distinct)
    return (
        raw.to_frame()
        .join(parsed, on="raw", how="left", nulls_equal=True, maintain_order="left")
        .drop("raw")
    )


def parse_when(values: pl.Series, *, dayfirst: bool | None = None) -> pl.DataFrame:
    """local (naive), instant (UTC), precision, error for each written date/time."""
    return _per_distinct(values, lambda v: _parse_when(v, dayfirst))


def _parse_when(values: pl.Series, dayfirst: bool | None) -> pl.DataFrame:
    frame = pl.DataFrame({"raw": values.cast(pl.Utf8)}).with_columns(t=clean(pl.col("raw")))
    t = pl.col("t")
    frame = frame.with_columns(
        aware=_first(t, AWARE, AWARE_UTC),
        minute=_first(t, NAIVE_MINUTE, NAIVE),
        day=pl.coalesce(
            _first(t, DAY, pl.Date),
            pl.when(t.str.contains(r"^\d{8}$")).then(
                t.str.strptime(pl.Date, "%Y%m%d", strict=False)
            ),
        ),
        dmy=_numeric(t, "dmy"),
        mdy=_numeric(t, "mdy"),
        month=pl.coalesce(
            pl.when(t.str.contains(r"^\d{4}-\d{1,2}$")).then(
                (t + "-01").str.strptime(pl.Date, "%Y-%m-%d", strict=False)
            ),
            _first("1 " + t, MONTH[1:], pl.Date),
        ),
        year=pl.when(t.str.contains(r"^\d{4}$")).then(
            pl.date(t.cast(pl.Int32, strict=False), 1, 1)
        ),
    )
    numeric, numeric_error = _choose_order(frame, dayfirst)
    frame = frame.with_columns(numeric=numeric, numeric_error=numeric_error)
    local = pl.coalesce(
        "minute",
        pl.col("day").cast(NAIVE),
        pl.col("numeric").cast(NAIVE),
        pl.col("month").cast(NAIVE),
        pl.col("year").cast(NAIVE),
    )
    precision = (
        pl.when(pl.col("aware").is_not_null() | pl.col("minute").is_not_null())
        .then(pl.lit("minute"))
        .when(pl.col("day").is_not_null() | pl.col("numeric").is_not_null())
        .then(pl.lit("day"))
        .when(pl.col("month").is_not_null())
        .then(pl.lit("month"))
        .when(pl.col("year").is_not_null())
        .then(pl.lit("year"))
    )
    unreadable = (
        "cannot read as a date; use ISO (2014-01-24, 2014-01-24T06:30) or a written form "
        "like '24 January 2014'"
    )
    error = (
        pl.when(pl.col("raw").is_null() | (t == ""))
        .then(pl.lit("missing date"))
        .when(pl.col("numeric_error").is_not_null())
        .then(pl.col("numeric_error"))
        .when(pl.col("aware").is_null() & local.is_null())
        .then(pl.lit(unreadable))
    )
    return frame.select(
        local=pl.when(pl.col("aware").is_null()).then(local),
        instant=pl.col("aware"),
        precision=pl.when(error.is_null()).then(precision),
        error=error,
    )


def _choose_order(frame: pl.DataFrame, dayfirst: bool | None) -> tuple[pl.Expr, pl.Expr]:
    """Pick day/month order for numeric dates: the option, else the file's evidence."""
    dmy, mdy = pl.col("dmy"), pl.col("mdy")
    none = pl.lit(None, pl.Utf8)
    if dayfirst is not None:
        return (dmy if dayfirst else mdy), none
    only_dmy = frame.select((dmy.is_not_null() & mdy.is_null()).any()).item()
    only_mdy = frame.select((mdy.is_not_null() & dmy.is_null()).any()).item()
    if only_dmy and not only_mdy:
        return dmy, none
    if only_mdy and not only_dmy:
        return mdy, none
    differ = dmy.is_not_null() & mdy.is_not_null() & (dmy != mdy)
    why = (
        "day/month order differs between rows of this file; pass dayfirst=True or False"
        if only_dmy
        else "ambiguous day/month order; pass dayfirst=True (24/01/2014) or False (01/24/2014)"
    )
    value = pl.when(~differ).then(pl.coalesce(dmy, mdy))
    return value, pl.when(differ).then(pl.lit(why))


def parse_clock(values: pl.Series) -> pl.DataFrame:
    """time (naive time of day) and error for clock times: 06:30, 6:30 p.m., 18h30."""
    return _per_distinct(values, _parse_clock)


def _parse_clock(values: pl.Series) -> pl.DataFrame:
    t = (
        pl.col("raw")
        .str.strip_chars()
        .str.to_lowercase()
        .str.replace_all(r"\b([ap])\.?\s?m\.?", "${1}m")
        .str.replace(r"\s*local time$", "")
        .str.replace(r"^(\d{1,2})h(\d{2})$", "$1:$2")
        .str.to_uppercase()
    )
    frame = pl.DataFrame({"raw": values.cast(pl.Utf8)})
    return frame.select(
        time=_first(t, TIME, pl.Time),
    ).with_columns(
        error=pl.when(frame.get_column("raw").is_not_null() & pl.col("time").is_null()).then(
            pl.lit("cannot read as a clock time; use 06:30 or 6:30 pm")
        )
    )
