"""Field readers shared by the dataset adapters (GTD, ACLED, GDELT, UCDP).

Counts, coordinates, country names of past states, JSON attributes and failure rows:
all polars expressions; each distinct country name is resolved once per batch.
"""

from __future__ import annotations

import polars as pl

from timeline import schema
from timeline.timeexpr.zones import country_code

NAIVE = pl.Datetime("us")

# Names the datasets use for states that no longer exist (or that they spell their own way),
# -> today's ISO alpha-3 when the territory lies in one country; None -> use coordinates.
HISTORICAL: dict[str, str | None] = {
    "west germany (frg)": "DEU", "east germany (gdr)": "DEU", "west germany": "DEU",
    "east germany": "DEU", "south vietnam": "VNM", "north yemen": "YEM", "south yemen": "YEM",
    "rhodesia": "ZWE", "zaire": "COD", "people's republic of the congo": "COG",
    "bosnia-herzegovina": "BIH", "bosnia-herzegovina (yugoslavia)": "BIH",
    "soviet union": None, "yugoslavia": None, "czechoslovakia": None, "serbia-montenegro": None,
    "international": None, "new hebrides": "VUT",
}  # fmt: skip


# No single recorded event comes near a million dead or wounded (the deadliest attacks
# count thousands): a count above it is a typo or another column's numbers, so the row
# is rejected rather than stored.
COUNT_CEILING = 1_000_000
UNKNOWN_CODES = (-9.0, -99.0)  # GTD's "unknown"


_ABSURD = f"above {COUNT_CEILING:,}: not believable for one event (another column's numbers?)"


def _expr(col: str | pl.Expr) -> pl.Expr:
    return pl.col(col) if isinstance(col, str) else col


def number(col: str | pl.Expr, *, integer: bool = True, negatives_unknown: bool = True) -> pl.Expr:
    """Text -> number; '' -> null; a value `count_problem`/`coordinate_problem` refuses ->
    null (its row is rejected there); GTD's -9/-99 -> null when `negatives_unknown`."""
    value = _expr(col).str.strip_chars().cast(pl.Float64, strict=False)
    dtype = pl.Int64 if integer else pl.Float64
    return value.map_batches(  # the parsed column is used several times: parse it once
        lambda v: _kept(v, integer, negatives_unknown), return_dtype=dtype
    )


def _kept(value: pl.Series, integer: bool, negatives_unknown: bool) -> pl.Series:
    keep = value.is_finite()
    if negatives_unknown:
        keep = keep & (value >= 0)
    if integer:
        keep = keep & (value == value.round(0)) & (value.abs() <= COUNT_CEILING)
    out = pl.select(pl.when(keep).then(value)).to_series()
    return out.cast(pl.Int64) if integer else out


def count_problem(col: str | pl.Expr, *, unknown_codes: bool = False) -> pl.Expr:
    """Why a count is refused (null when it is fine or empty): every bad value a reason."""
    return (
        _expr(col)
        .str.strip_chars()
        .map_batches(lambda t: _count_reasons(t, unknown_codes), return_dtype=pl.Utf8)
    )


def _count_reasons(text: pl.Series, unknown_codes: bool) -> pl.Series:
    """`count_problem` on a batch: the text is parsed once (an expression chain parsed it
    at every test, which cost more than the rest of the count's handling)."""
    v = text.cast(pl.Float64, strict=False)
    negative = v < 0
    if unknown_codes:
        negative = negative & ~v.is_in(UNKNOWN_CODES)
    frame = pl.DataFrame({"t": text, "v": v, "neg": negative})
    t, value = pl.col("t"), pl.col("v")
    return frame.select(
        pl.when(t.is_not_null() & (t != "") & value.is_null())
        .then(pl.lit("not a number"))
        .when(value.is_nan() | value.is_infinite())
        .then(pl.lit("not a finite number"))
        .when(pl.col("neg"))
        .then(pl.lit("negative count"))
        .when(value != value.round(0))
        .then(pl.lit("not a whole number"))
        .when(value > COUNT_CEILING)
        .then(pl.lit(_ABSURD))
    ).to_series()


def coordinate(col: str | pl.Expr, limit: float) -> pl.Expr:
    """A latitude (limit 90) or longitude (180); null where `coordinate_problem` refuses it."""
    v = _expr(col).str.strip_chars().cast(pl.Float64, strict=False)
    return pl.when(v.is_finite() & (v.abs() <= limit)).then(v)


def coordinate_problem(col: str | pl.Expr, limit: float) -> pl.Expr:
    text = _expr(col).str.strip_chars()
    v = text.cast(pl.Float64, strict=False)
    return (
        pl.when(text.is_not_null() & (text != "") & v.is_null())
        .then(pl.lit("not a number"))
        .when(v.is_nan() | v.is_infinite())
        .then(pl.lit("not a finite number"))
        .when(v.abs() > limit)
        .then(pl.lit(f"outside [-{limit:g}, {limit:g}]"))
    )


def value_rules(raw: pl.DataFrame, counts: tuple[str, ...], coords: dict[str, float],
                *, unknown_codes: bool = False) -> list[schema.Rule]:  # fmt: skip
    """A rule per count and coordinate column the batch has: a line and a reason each."""
    rules = []
    for c in counts:
        if c in raw.columns:
            why = count_problem(c, unknown_codes=unknown_codes)
            rules.append((c, why.is_not_null(), c, why))
    for c, limit in coords.items():
        if c in raw.columns:
            why = coordinate_problem(c, limit)
            rules.append((c, why.is_not_null(), c, why))
    return rules


def text(col: str) -> pl.Expr:
    """Trimmed text; empty -> null (`replace`, not when/then: that trims twice)."""
    return pl.col(col).str.strip_chars().replace("", None)


def optional(raw: pl.DataFrame, *names: str) -> dict[str, pl.Expr]:
    """Trimmed text of each named column, or nulls where a layout lacks it."""
    absent = pl.repeat(None, pl.len(), dtype=pl.Utf8)  # a column, so batch UDFs see rows
    return {c: text(c) if c in raw.columns else absent for c in names}


def _one_country(name: str) -> str | None:
    key = " ".join(name.lower().split())
    if key in HISTORICAL:
        return HISTORICAL[key]
    hit = country_code(name)
    if hit is None and "(" in name:
        outer, _, inner = name.partition("(")
        hit = country_code(outer) or country_code(inner.rstrip(") "))
        hit = hit or HISTORICAL.get(" ".join(outer.lower().split()))
    return hit


def iso3(names: pl.Series) -> pl.Series:
    """Country names/codes -> ISO alpha-3, null when unknown (the zone then comes from lat/lon)."""
    raw = names.cast(pl.Utf8).str.strip_chars()
    mapping = {n: _one_country(n) for n in raw.drop_nulls().unique().to_list() if n}
    return raw.replace_strict(mapping, default=None, return_dtype=pl.Utf8)


def attrs(**fields: pl.Expr | str) -> pl.Expr:
    """A JSON object string from named expressions (source-specific attributes)."""
    exprs = [(pl.col(v) if isinstance(v, str) else v).alias(k) for k, v in fields.items()]
    return pl.struct(exprs).struct.json_encode().alias("attrs")


def failures(
    raw: pl.DataFrame, mask: pl.Expr, column: str, value: pl.Expr | str, reason: str | pl.Expr
) -> pl.DataFrame:
    """line, column, value, reason for each row where `mask` holds."""
    return failing(raw, [(column, mask, value, reason)])


def failing(frame: pl.DataFrame, rules: list[schema.Rule]) -> pl.DataFrame:
    """Failure rows of every (column, bad-row test, value, reason) rule, tested in one pass."""
    return concat_failures(schema.flagged(frame, rules))


def concat_failures(parts: list[pl.DataFrame]) -> pl.DataFrame:
    parts = [p for p in parts if p.height]
    return pl.concat(parts) if parts else schema.failure_frame()


def iso_date(col: str | pl.Expr) -> pl.Expr:
    """'YYYY-MM-DD' (optionally followed by a time, as in UCDP's CSV) -> naive midnight."""
    value = pl.col(col) if isinstance(col, str) else col
    return (
        value.str.strip_chars()
        .str.slice(0, 10)
        .str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        .cast(NAIVE)
    )


def lowered(raw: pl.DataFrame) -> pl.DataFrame:
    """Column names in lower case (ACLED's old exports shout), `line` kept."""
    return raw.rename({c: c.strip().lower() for c in raw.columns if c != "line"})
