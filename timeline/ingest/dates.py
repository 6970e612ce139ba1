"""Column-wise parsing of written dates and times (polars, no row loops): the one date
reader of every ingest path (generic tables, the dataset adapters, the CLI).

`parse_when` reads ISO dates and date-times (with or without offset), the common
written forms ("24 January 2014", "Jan. 24, 2014", "24-January-2014"), numeric
day/month dates, months ("January 2014", "Jan 2014", "2014-01", "01/2014") and years.
It returns a local wall time, an instant when the text carried an offset, the
precision the text supports, and a reason for every value it could not read.

Rules, each chosen so that nothing is stored with a date the source did not give:

- **Plausible years.** A year outside `years` (default 1900 to next year) is refused
  with its reason: "9-May-20" must never become the year 20, nor "-2014-01-24" the
  year -2014. Pass `years=(lo, hi)` to read older (or planned) events.
- **Two-digit years** ("9-May-20", "1/2/14", "Jan 24, 14": what a spreadsheet writes
  when it re-saves a file) are read by a sliding pivot: YY is the year ending in YY
  within the hundred years that end at next year (in 2026: 00-27 -> 2000-2027,
  28-99 -> 1928-1999). The event datasets start in 1970 (GTD), 1989 (UCDP) and 1997
  (ACLED), so the window holds every year they can hold; a load that used the pivot
  says so in its report. Forms where the two digits could be a day stay unreadable:
  "Jan-14", and dashed numbers ("14-01-24": 2014-01-24 or 14 January 2024?). A numeric
  date with a clock ("1/24/14 14:30", Excel's US date-time) is read the same way.
- **Months and years** are month and year intervals, never a day: "January 2014"
  is the whole of January (formats are matched by shape first, so the lenient
  "%B %d %Y" cannot read it as 20 January 0014).
- **Numeric day/month order** is one decision for a whole file (`numeric_evidence`,
  `decide_order`): `dayfirst=` when given; else the order every unambiguous value
  shows (24/01/2014 -> day first); a file showing both orders is refused (each
  numeric date rejected), and one that never shows either rejects the values whose
  two readings differ ("01/02/2014") and keeps those that read the same ("05/05/2014").
  A numeric date with a clock time ("03/04/2014 20:00", "03.04.2014 8:30 pm") takes the
  same order and is exact to the minute; one whose clock is no time ("25:00") is unread.
- **Any readable date with a clock** ("24 January 2014 14:30", "Jan 24, 2014 2:30 PM",
  "2014-01-24 9 pm") is exact to the minute; with "UTC", "GMT" or "Z" (and an offset,
  "GMT+2") it is an instant. A clock after a month or a year is refused, never dropped;
  zone abbreviations ("EET") are refused: several zones share them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

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
FIRST_YEAR = 1900

Order = Literal["dmy", "mdy", "unknown", "mixed"]
_NUMERIC = r"^\d{1,2}[./-]\d{1,2}[./-]\d{4}$"
# a numeric date with a clock time: 03/04/2014 20:00, 03/04/2014 8:30 pm, 03.04.2014T20:00:15
_NUMERIC_CLOCK = r"^(\d{1,2}[./-]\d{1,2}[./-]\d{4})[ T](\d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)$"
NUMERIC_TIME = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I:%M:%S %p")
# a date whose year is written with two digits, after a day and a month
_TWO_DIGIT_YEAR = (
    r"^(\d{1,2}[./]\d{1,2}[./]|\d{1,2}[ ./-]?[A-Za-z]+[ ./,-]+|[A-Za-z]+ \d{1,2},? )(\d{2})$"
)
# the same in a numeric date with a clock time: 1/24/14 14:30, 24.01.14 8:30 pm
_TWO_DIGIT_YEAR_CLOCK = (
    r"^(\d{1,2}[./]\d{1,2}[./])(\d{2})([ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)$"
)
_MONTH_WORD = r"^[A-Za-z]+[ ./-]+\d{4}$"  # January 2014, Jan-2014
_MONTH_NUM = r"^(\d{4}[-/]\d{1,2}|\d{1,2}/\d{4})$"  # 2014-01, 2014/1, 01/2014
MIXED = (
    "this file writes numeric dates both day first (24/01/2014) and month first "
    "(01/24/2014); pass dayfirst=True or False if one order is right, or fix the rows"
)
AMBIGUOUS = "ambiguous day/month order; pass dayfirst=True (24/01/2014) or False (01/24/2014)"
PIVOT_NOTE = (
    "two-digit years were read by the pivot: {lo:02d}-{hi:02d} -> 19{lo:02d}-19{hi:02d}, "
    "00-{top:02d} -> 2000-20{top:02d} (see timeline.ingest.dates)"
)


def year_range(years: tuple[int, int] | None = None) -> tuple[int, int]:
    """The plausible years, inclusive: `years`, else 1900 to next year."""
    if years is None:
        return FIRST_YEAR, datetime.now(UTC).year + 1
    lo, hi = (int(y) for y in years)
    return lo, hi


def pivot_note(years: tuple[int, int] | None = None) -> str:
    """The report's note for a load that read two-digit years."""
    top = year_range(years)[1] % 100
    return PIVOT_NOTE.format(lo=(top + 1) % 100, hi=99, top=top)


def year_problem(day: pl.Expr, years: tuple[int, int] | None = None) -> pl.Expr:
    """A reason where the date's year lies outside the plausible range, else null."""
    lo, hi = year_range(years)
    year = day.dt.year()
    return pl.when((year < lo) | (year > hi)).then(
        pl.format(
            "year {} outside {}..{} (a mistyped or two-digit year? pass years=(lo, hi) "
            "to read other years)",
            year,
            pl.lit(lo),
            pl.lit(hi),
        )
    )


# month names in French, Spanish, Portuguese and German -> English, so "24 janvier 2014",
# "24 de enero de 2014" and "1er mars 2015" read like "24 January 2014" (whole words only)
_MONTHS_ABROAD: dict[str, str] = {
    **dict.fromkeys(["janvier", "enero", "janeiro", "januar", "jänner"], "January"),
    **dict.fromkeys(["février", "fevrier", "febrero", "fevereiro", "februar"], "February"),
    **dict.fromkeys(["mars", "marzo", "março", "marco", "märz", "maerz"], "March"),
    **dict.fromkeys(["avril", "abril"], "April"),
    **dict.fromkeys(["mai", "mayo", "maio"], "May"),
    **dict.fromkeys(["juin", "junio", "junho", "juni"], "June"),
    **dict.fromkeys(["juillet", "julio", "julho", "juli"], "July"),
    **dict.fromkeys(["août", "aout", "agosto"], "August"),
    **dict.fromkeys(["septembre", "septiembre", "setiembre", "setembro"], "September"),
    **dict.fromkeys(["octobre", "octubre", "outubro", "oktober"], "October"),
    **dict.fromkeys(["novembre", "noviembre", "novembro"], "November"),
    **dict.fromkeys(["décembre", "decembre", "diciembre", "dezembro", "dezember"], "December"),
}


def _in_english(text: pl.Expr) -> pl.Expr:
    text = text.str.replace(r"(?i)^(\d{1,2})(?:er|º|°)?\s+de\s+", "$1 ")  # 24 de enero, 1er
    text = text.str.replace(r"(?i)(\S)\s+de\s+(\d{4})$", "$1 $2")  # enero de 2014
    text = text.str.replace(r"(?i)^1er\b", "1").str.replace(r"^(\d{1,2})\.\s+(\D)", "$1 $2")
    for word, month in _MONTHS_ABROAD.items():
        text = text.str.replace(rf"(?i)(^|[\s\-/]){word}($|[\s\-/,.])", f"${{1}}{month}${{2}}")
    return text


def clean(text: pl.Expr) -> pl.Expr:
    """Fold the spellings that formats cannot: weekdays, 'Jan.', 'Sept', '24th', 'Z', and
    month names in French, Spanish, Portuguese and German."""
    return _in_english(
        text.str.strip_chars()
        .str.replace_all(r"\s+", " ")
        .str.replace(_WEEKDAY, "")
        .str.replace_all(_MONTH_DOT, "$1")
        .str.replace_all(r"(?i)\bsept\b", "Sep")
        .str.replace_all(r"(\d)(st|nd|rd|th)\b", "$1")
        .str.replace(r"Z$", "+00:00")
    )


def full_year(text: pl.Expr, years: tuple[int, int] | None = None) -> pl.Expr:
    """A two-digit year written out by the pivot (see the module docstring): trailing, or
    before the clock of a numeric date ("1/24/14 14:30", a spreadsheet's date-time)."""
    top = year_range(years)[1]
    alone = text.str.extract(_TWO_DIGIT_YEAR, 2).cast(pl.Int32)
    clocked = text.str.extract(_TWO_DIGIT_YEAR_CLOCK, 2).cast(pl.Int32)
    yy = pl.coalesce(alone, clocked)
    year = pl.when(2000 + yy <= top).then(2000 + yy).otherwise(1900 + yy).cast(pl.Utf8)
    return (
        pl.when(alone.is_not_null())
        .then(text.str.extract(_TWO_DIGIT_YEAR, 1) + year)
        .when(clocked.is_not_null())
        .then(
            text.str.extract(_TWO_DIGIT_YEAR_CLOCK, 1)
            + year
            + text.str.extract(_TWO_DIGIT_YEAR_CLOCK, 3)
        )
        .otherwise(text)
    )


def _first(text: pl.Expr, formats: tuple[str, ...], dtype: pl.DataType) -> pl.Expr:
    return pl.coalesce([text.str.strptime(dtype, f, strict=False) for f in formats])


def _numeric_date(text: pl.Expr) -> pl.Expr:
    """The d/m/y part of a numeric date, alone or before a clock time; else null."""
    return pl.coalesce(
        pl.when(text.str.contains(_NUMERIC)).then(text),
        _upper(text).str.extract(_NUMERIC_CLOCK, 1),
    )


def _upper(text: pl.Expr) -> pl.Expr:
    return text.str.to_uppercase().str.replace(r"\b([AP])\.?M\.?$", "${1}M")


def _numeric(text: pl.Expr, order: str) -> pl.Expr:
    fmt = "%d/%m/%Y" if order == "dmy" else "%m/%d/%Y"
    slashed = _numeric_date(text).str.replace_all(r"[.\-]", "/")
    return slashed.str.strptime(pl.Date, fmt, strict=False)


def _numeric_clock(text: pl.Expr) -> pl.Expr:
    """The clock time after a numeric date (null without one, or when it is no time)."""
    return _first(_upper(text).str.extract(_NUMERIC_CLOCK, 2), NUMERIC_TIME, pl.Time)


def per_distinct(values: pl.Series, parse) -> pl.DataFrame:
    """`parse` (a Series named 'raw' -> a frame) of each distinct text once, joined back
    in row order: dates, times and counts repeat across many rows."""
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


def numeric_evidence(values: pl.Series, years: tuple[int, int] | None = None) -> tuple[bool, bool]:
    """(some value reads only day first, some only month first): one file's evidence."""
    t = full_year(clean(pl.col("raw")), years)
    frame = values.cast(pl.Utf8).drop_nulls().unique().to_frame("raw")
    found = frame.select(dmy=_numeric(t, "dmy"), mdy=_numeric(t, "mdy")).select(
        only_dmy=(pl.col("dmy").is_not_null() & pl.col("mdy").is_null()).any(),
        only_mdy=(pl.col("mdy").is_not_null() & pl.col("dmy").is_null()).any(),
    )
    return bool(found.item(0, 0)), bool(found.item(0, 1))


# what every numeric date has before `clean` (which drops weekdays and ordinal suffixes):
# a day or month of one or two digits, a separator, the other, a separator, a digit
_MAYBE_NUMERIC = r"^\D*\d{1,2}(st|nd|rd|th)?[./-]\d{1,2}(st|nd|rd|th)?[./-]\d"


def has_numeric(values: pl.Series) -> bool:
    """Whether any value is a numeric d/m/y date (whose order must be decided).

    Asked of every batch of a file without numeric dates: one cheap pattern over the
    values answers "no" for ISO and written dates before the full reading is tried.
    """
    text = values.cast(pl.Utf8).drop_nulls().unique()
    maybe = text.str.contains(_MAYBE_NUMERIC)
    if not maybe.any():
        return False
    frame = text.filter(maybe).to_frame("raw")
    return bool(
        frame.select(_numeric_date(full_year(clean(pl.col("raw")))).is_not_null().any()).item()
    )


_CLOCKED = r"^\s*\S+[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*$"
_AT_MIDNIGHT = r"^(\s*\S+)[ T]0{1,2}:00(?::00(?:\.0+)?)?\s*$"


def midnight_only(values: pl.Series, none_ok: bool = False) -> bool:
    """Every value written with a clock has 00:00 (and there is one, unless `none_ok`)."""
    text = values.cast(pl.Utf8).drop_nulls().unique()
    clocked = text.filter(text.str.contains(_CLOCKED))
    if clocked.is_empty():
        return none_ok
    return bool(clocked.str.contains(_AT_MIDNIGHT).all())


def without_midnight(values: pl.Series) -> pl.Series:
    """ "2021-04-03 00:00:00" -> "2021-04-03": the day a date column meant."""
    return values.cast(pl.Utf8).str.replace(_AT_MIDNIGHT, "$1").str.strip_chars()


def decide_order(evidence: tuple[bool, bool], dayfirst: bool | None = None) -> Order:
    """The one day/month order of a file: the option, else what its values show."""
    if dayfirst is not None:
        return "dmy" if dayfirst else "mdy"
    only_dmy, only_mdy = evidence
    if only_dmy and only_mdy:
        return "mixed"
    return "dmy" if only_dmy else "mdy" if only_mdy else "unknown"


def parse_when(
    values: pl.Series,
    *,
    dayfirst: bool | None = None,
    order: Order | None = None,
    years: tuple[int, int] | None = None,
) -> pl.DataFrame:
    """local (naive), instant (UTC), precision, error, pivoted for each written date/time.

    `order` is the file's numeric day/month order (`decide_order`); without it, the
    option `dayfirst`, else the evidence of `values` alone, decides.
    """
    if order is None:
        order = decide_order(numeric_evidence(values, years), dayfirst)
    return per_distinct(values, lambda v: _with_clock(_parse_when(v, order, years), v, order,
                                                      years))  # fmt: skip


def _shapes(t: pl.Expr) -> dict[str, pl.Expr]:
    """Each reading of `t`, guarded by its shape where a format alone is too lenient."""
    month_word = t.str.contains(_MONTH_WORD)
    return {
        "aware": _first(t, AWARE, AWARE_UTC),
        "minute": _first(t, NAIVE_MINUTE, NAIVE),
        "day": pl.when(~month_word).then(
            pl.coalesce(
                _first(t, DAY, pl.Date),
                pl.when(t.str.contains(r"^\d{8}$")).then(
                    t.str.strptime(pl.Date, "%Y%m%d", strict=False)
                ),
            )
        ),
        "dmy": _numeric(t, "dmy"),
        "mdy": _numeric(t, "mdy"),
        "clock": _numeric_clock(t),
        "clocked": _upper(t).str.contains(_NUMERIC_CLOCK),
        "month": pl.coalesce(
            pl.when(t.str.contains(_MONTH_NUM)).then(
                pl.coalesce(
                    (t.str.replace("/", "-") + "-01").str.strptime(
                        pl.Date, "%Y-%m-%d", strict=False
                    ),
                    ("01/" + t).str.strptime(pl.Date, "%d/%m/%Y", strict=False),
                )
            ),
            pl.when(month_word).then(
                _first("1 " + t.str.replace(r"[./-]+(\d{4})$", " $1"), MONTH[1:], pl.Date)
            ),
        ),
        "year": pl.when(t.str.contains(r"^\d{4}$")).then(
            pl.date(t.cast(pl.Int32, strict=False), 1, 1)
        ),
    }


def _numeric_reading(order: Order) -> tuple[pl.Expr, pl.Expr]:
    """The numeric date under the file's order, and the reason where there is none."""
    dmy, mdy = pl.col("dmy"), pl.col("mdy")
    given = dmy.is_not_null() | mdy.is_not_null()
    none = pl.lit(None, pl.Utf8)
    if order == "dmy":
        return dmy, none
    if order == "mdy":
        return mdy, none
    if order == "mixed":
        return pl.lit(None, pl.Date), pl.when(given).then(pl.lit(MIXED))
    differ = dmy.is_not_null() & mdy.is_not_null() & (dmy != mdy)
    return pl.when(~differ).then(pl.coalesce(dmy, mdy)), pl.when(differ).then(pl.lit(AMBIGUOUS))


def _parse_when(values: pl.Series, order: Order, years: tuple[int, int] | None) -> pl.DataFrame:
    frame = pl.DataFrame({"raw": values.cast(pl.Utf8)}).with_columns(c=clean(pl.col("raw")))
    frame = frame.with_columns(t=full_year(pl.col("c"), years))
    frame = frame.with_columns(**_shapes(pl.col("t")))
    numeric, numeric_error = _numeric_reading(order)
    frame = frame.with_columns(numeric=numeric, numeric_error=numeric_error).with_columns(
        numeric=pl.when(~pl.col("clocked") | pl.col("clock").is_not_null()).then("numeric")
    )  # a date with a clock that is no time (25:00) is not read at all
    timed = pl.col("numeric").is_not_null() & pl.col("clock").is_not_null()
    local = pl.coalesce(
        "minute",
        pl.col("day").cast(NAIVE),
        pl.when(timed).then(pl.col("numeric").dt.combine(pl.col("clock"))),
        pl.col("numeric").cast(NAIVE),
        pl.col("month").cast(NAIVE),
        pl.col("year").cast(NAIVE),
    )
    precision = (
        pl.when(pl.col("aware").is_not_null() | pl.col("minute").is_not_null() | timed)
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
        pl.when(pl.col("raw").is_null() | (pl.col("c") == ""))
        .then(pl.lit("missing date"))
        .when(pl.col("numeric_error").is_not_null())
        .then(pl.col("numeric_error"))
        .when(pl.col("aware").is_null() & local.is_null())
        .then(_unreadable(pl.col("c"), unreadable))
        .otherwise(
            year_problem(pl.coalesce(pl.col("aware").dt.replace_time_zone(None), local), years)
        )
    )
    return frame.select(
        local=pl.when(error.is_null() & pl.col("aware").is_null()).then(local),
        instant=pl.when(error.is_null()).then(pl.col("aware")),
        precision=pl.when(error.is_null()).then(precision),
        error=error,
        pivoted=pl.col("t") != pl.col("c"),
    )


# a date of any form the reader knows, then a clock time, then perhaps UTC or an offset:
# "24 January 2014 14:30", "Jan 24, 2014 2:30 PM", "2014-01-24 14:30 UTC", "... GMT+2"
_CLOCK_TAIL = (
    r"(?i)^(.+?)(?:,?\s+(?:at\s+)?|T)"
    r"(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}h\d{2}|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*(UTC|GMT|Z)(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?)?\s*$"
)


def _with_clock(
    read: pl.DataFrame, values: pl.Series, order: Order, years: tuple[int, int] | None
) -> pl.DataFrame:
    """Values the reader left unread that are a readable date and a clock time (and
    perhaps UTC): exact to the minute. A clock after a month or a year is refused, not
    dropped: the source gave a time the date cannot hold."""
    unread = read.get_column("local").is_null() & read.get_column("instant").is_null()
    if not unread.any():  # the usual batch: one check
        return read
    parts = values.cast(pl.Utf8).str.extract_groups(_CLOCK_TAIL)
    retry = unread & parts.struct.field("1").is_not_null()
    if not retry.any():
        return read
    parts = parts.filter(retry).struct.unnest()
    date = _parse_when(parts.get_column("1"), order, years)
    clock = _parse_clock(parts.get_column("2"))
    zone = parts.get_column("3").is_not_null()
    hours = parts.get_column("4").cast(pl.Int64).fill_null(0)
    minutes = parts.get_column("5").cast(pl.Int64).fill_null(0)
    offset = pl.duration(minutes=hours * 60 + hours.sign() * minutes)
    timed = pl.col("time").is_not_null()
    fixed = (
        pl.concat([date, clock.rename({"error": "clock_error"})], how="horizontal")
        .select(
            ok=(pl.col("precision") == "day") & timed & pl.col("error").is_null(),
            at=pl.col("local").dt.combine(pl.col("time")),
            coarse=pl.col("precision").is_in(["week", "month", "year"]) & timed,
            dated=timed
            & pl.col("error").is_not_null()
            & ~pl.col("error").str.starts_with("cannot"),
            reason=pl.col("error"),  # the date part's own problem (a year out of range)
            precision=pl.col("precision"),
            pivoted=pl.col("pivoted"),
        )
        .with_columns(zone=zone, offset=pl.select(offset).to_series())
    )
    fixed = fixed.select(
        local=pl.when(pl.col("ok") & ~pl.col("zone")).then("at"),
        instant=pl.when(pl.col("ok") & pl.col("zone")).then(
            (pl.col("at") - pl.col("offset")).dt.replace_time_zone("UTC")
        ),
        precision=pl.when(pl.col("ok")).then(pl.lit("minute")),
        error=pl.when(pl.col("coarse")).then(
            pl.format("a clock time for a date known only to the {}; give the day too",
                      pl.col("precision"))
        ).when(pl.col("dated")).then("reason"),
        pivoted=pl.col("pivoted"),
        ok=pl.col("ok") | pl.col("coarse") | pl.col("dated"),
    )  # fmt: skip
    index = pl.Series(range(read.height)).filter(retry)
    keep = fixed.get_column("ok")
    updates = fixed.drop("ok").with_columns(i=index).filter(keep)
    out = read.with_row_index("i").update(updates, on="i", include_nulls=True).drop("i")
    return out


def _unreadable(text: pl.Expr, reason: str) -> pl.Expr:
    """The reason, with what the value most likely is when a spreadsheet wrote it."""
    serial = text.str.contains(r"^\d{5}(?:\.\d+)?$")  # Excel's day count (44290 = 2021-04-03)
    month_yy = text.str.contains(r"(?i)^[a-z]{3,9}[-/. ]\d{2}$")  # "Apr-21": 2021 or the 21st?
    head, tail = reason.split("; ", 1)
    return (
        pl.when(serial)
        .then(pl.lit(f"{head} (a spreadsheet's day number? save the column as dates); {tail}"))
        .when(month_yy)
        .then(
            pl.lit(
                f"{head} (a month and a two-digit year, or a day? write the year in full); {tail}"
            )
        )
        .otherwise(pl.lit(reason))
    )


def parse_clock(values: pl.Series) -> pl.DataFrame:
    """time (naive time of day) and error for clock times: 06:30, 6:30 p.m., 18h30."""
    return per_distinct(values, _parse_clock)


def _parse_clock(values: pl.Series) -> pl.DataFrame:
    t = (
        pl.col("raw")
        .str.strip_chars()
        .str.to_lowercase()
        .str.replace_all(r"\b([ap])\.?\s?m\.?", "${1}m")
        .str.replace(r"\s*local time$", "")
        .str.replace(r"^(\d{1,2})h(\d{2})$", "$1:$2")
        .str.replace(r"^(\d{1,2})\s*([ap]m)$", "$1:00 $2")  # 9 pm: chrono needs the minutes
        .str.to_uppercase()
    )
    frame = pl.DataFrame({"raw": values.cast(pl.Utf8)})
    return frame.select(
        time=_first(t, TIME, pl.Time),
    ).with_columns(
        error=pl.when(
            (frame.get_column("raw").str.strip_chars() != "") & pl.col("time").is_null()
        ).then(pl.lit("cannot read as a clock time; use 06:30 or 6:30 pm"))
    )
