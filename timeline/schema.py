"""The canonical event table, declared once: columns, dtypes, vocabularies, validation.

Everything else (store DDL, empty frames, docs, validation) derives from `COLUMNS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import available_timezones

import polars as pl

from timeline.errors import ValidationError

KINDS = ("warning", "threat", "statement", "claim", "denial", "attack", "arrest", "other")
SUBTYPES = (
    "car_bomb", "ied", "suicide_bombing", "grenade", "shooting", "rocket",
    "assassination", "kidnapping", "armed_assault", "other",
)  # fmt: skip
CHANNELS = (
    "audio", "video", "telephone", "forum", "social_media", "press", "letter",
    "in_person", "unknown",
)  # fmt: skip
PRECISIONS = ("minute", "hour", "part_of_day", "day", "week", "month", "year")

UTC_TIME = pl.Datetime("us", "UTC")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    required: bool
    doc: str


COLUMNS: tuple[Column, ...] = (
    Column("event_id", pl.Utf8, True, "stable id: same source row -> same id on re-ingest"),
    Column("kind", pl.Enum(KINDS), True, "what happened: " + ", ".join(KINDS)),
    Column("subtype", pl.Enum(SUBTYPES), False, "attack form: " + ", ".join(SUBTYPES)),
    Column("channel", pl.Enum(CHANNELS), False, "medium of a message: " + ", ".join(CHANNELS)),
    Column("t_start", UTC_TIME, True, "start of the interval the event lies in (UTC)"),
    Column("t_end", UTC_TIME, True, "end of that interval, half-open; == t_start when exact"),
    Column(
        "precision", pl.Enum(PRECISIONS), True, "what the source knew: " + ", ".join(PRECISIONS)
    ),
    Column("tz", pl.Utf8, True, "IANA zone of the place, for local display"),
    Column("time_text", pl.Utf8, False, "the time as the source wrote it"),
    Column("actor", pl.Utf8, False, "canonical actor name"),
    Column("actor_raw", pl.Utf8, False, "actor name as the source wrote it"),
    Column("target", pl.Utf8, False, "who or what was targeted or addressed"),
    Column("location", pl.Utf8, False, "place name"),
    Column("admin1", pl.Utf8, False, "first-level administrative area"),
    Column("country", pl.Utf8, False, "ISO 3166 alpha-3"),
    Column("lat", pl.Float64, False, "latitude, WGS84"),
    Column("lon", pl.Float64, False, "longitude, WGS84"),
    Column("killed", pl.Int64, False, "killed, as reported (best estimate)"),
    Column("killed_low", pl.Int64, False, "lowest killed figure reported"),
    Column("killed_high", pl.Int64, False, "highest killed figure reported"),
    Column("wounded", pl.Int64, False, "wounded, as reported"),
    Column("wounded_high", pl.Int64, False, "highest wounded figure reported"),
    Column("source", pl.Utf8, True, "dataset or outlet(s); several joined by '; '"),
    Column("source_ref", pl.Utf8, False, "the source's own row id, or the line number, or the URL"),
    Column("url", pl.Utf8, False, "link to the report"),
    Column("excerpt", pl.Utf8, False, "the evidence text"),
    Column("confidence", pl.Float64, True, "1.0 for curated rows; lower for extracted ones"),
    Column("attrs", pl.Utf8, False, "JSON object of source-specific attributes kept as they were"),
)

NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
DTYPES: dict[str, pl.DataType] = {c.name: c.dtype for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
PRECISION_RANK: dict[str, int] = {p: i for i, p in enumerate(PRECISIONS)}

ZONES: frozenset[str] = frozenset(available_timezones())  # the IANA zones tzdata knows


def empty() -> pl.DataFrame:
    """An event table with no rows and the canonical dtypes."""
    return pl.DataFrame(schema=DTYPES)


def _failure_rules() -> list[tuple[str, pl.Expr, str]]:
    """(column, expression true on a bad row, reason)."""
    c = pl.col
    rules = [(name, c(name).is_null(), "missing value") for name in REQUIRED]
    rules += [
        ("t_end", c("t_end") < c("t_start"), "interval ends before it starts"),
        ("tz", c("tz").is_not_null() & ~c("tz").is_in(list(ZONES)), "not an IANA time zone"),
        ("confidence", (c("confidence") < 0) | (c("confidence") > 1), "must lie in [0, 1]"),
        ("lat", c("lat").abs() > 90, "latitude outside [-90, 90]"),
        ("lon", c("lon").abs() > 180, "longitude outside [-180, 180]"),
        ("country", c("country").str.contains(r"^[A-Z]{3}$").not_(), "not an ISO alpha-3 code"),
    ]
    rules += [(n, c(n) < 0, "negative count") for n in ("killed", "killed_low", "killed_high")]
    rules += [(n, c(n) < 0, "negative count") for n in ("wounded", "wounded_high")]
    return rules


Rule = tuple[str, pl.Expr, "pl.Expr | str", "pl.Expr | str"]  # column, bad-row test, value, reason


def flagged(df: pl.DataFrame, rules: list[Rule], line: str = "line") -> list[pl.DataFrame]:
    """Failure rows (line, column, value, reason) of each rule that flags any row.

    Every test runs in one pass; rows are gathered only for the tests that hit (a filter
    gathers every column of a wide batch, even when nothing passes it).
    """
    if not rules:
        return []
    masks = df.select(bad.fill_null(False).alias(str(i)) for i, (_, bad, _, _) in enumerate(rules))
    hits = masks.select(pl.all().any()).row(0)
    out = []
    for i, (name, _, value, reason) in enumerate(rules):
        if hits[i]:
            value = pl.col(value) if isinstance(value, str) else value
            reason = pl.lit(reason) if isinstance(reason, str) else reason
            out.append(
                df.filter(masks.get_column(str(i))).select(
                    pl.col(line).cast(pl.Int64).alias("line"),
                    column=pl.lit(name),
                    value=value.cast(pl.Utf8),
                    reason=reason.cast(pl.Utf8),
                )
            )
    return out


def _vocab_failures(df: pl.DataFrame, line: str) -> list[pl.DataFrame]:
    """Values outside a closed vocabulary, before the cast would turn them into errors."""
    rules = []
    for col in COLUMNS:
        if not isinstance(col.dtype, pl.Enum) or col.name not in df.columns:
            continue
        if isinstance(df.schema[col.name], pl.Enum):
            continue
        allowed = list(col.dtype.categories)
        value = pl.col(col.name).cast(pl.Utf8)
        bad = value.is_not_null() & ~value.is_in(allowed)
        rules.append((col.name, bad, value, f"not one of: {', '.join(allowed)}"))
    return flagged(df, rules, line)


def check(df: pl.DataFrame, *, line_col: str = "line") -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split a table into (valid canonical events + `line`, failures).

    `df` may carry a `line` column (the line in the source file); failures name it.
    Missing optional columns are added as nulls; unknown columns are dropped.
    """
    missing_required = [n for n in REQUIRED if n not in df.columns]
    if missing_required:
        df = df.with_columns(pl.lit(None).alias(n) for n in missing_required)
    if line_col not in df.columns:
        df = df.with_row_index(line_col, offset=1).with_columns(pl.col(line_col).cast(pl.Int64))
    line = pl.col(line_col)
    failures = _vocab_failures(df, line_col)
    bad_vocab = (
        pl.concat(failures).get_column("line").unique()
        if failures
        else pl.Series([], dtype=pl.Int64)
    )
    typed = df.with_columns(
        pl.col(n).cast(pl.Utf8).cast(DTYPES[n], strict=False)
        if isinstance(DTYPES[n], pl.Enum) and n in df.columns
        else pl.lit(None, DTYPES[n]).alias(n)
        if n not in df.columns
        else pl.col(n).cast(DTYPES[n], strict=False)
        for n in NAMES
    )
    rules = [
        # a bad word was reported above; not twice
        (name, bad & ~line.is_in(bad_vocab.implode()) if isinstance(DTYPES[name], pl.Enum)
         else bad, pl.col(name), reason)
        for name, bad, reason in _failure_rules()
    ]  # fmt: skip
    failures += flagged(typed, rules, line_col)
    fail = (pl.concat(failures).sort("line") if failures else failure_frame()).with_columns(
        pl.col("line").cast(pl.Int64)
    )
    valid = typed.select(*NAMES, line_col)
    if fail.height:
        valid = valid.filter(~line.is_in(fail.get_column("line").implode()))
    return valid, fail


def failure_frame() -> pl.DataFrame:
    """An empty failures table: line, column, value, reason."""
    return pl.DataFrame(
        schema={"line": pl.Int64, "column": pl.Utf8, "value": pl.Utf8, "reason": pl.Utf8}
    )


def validate(df: pl.DataFrame, *, source: str | None = None) -> pl.DataFrame:
    """The table in canonical dtypes, or a ValidationError naming every bad row."""
    valid, failures = check(df)
    if failures.height:
        raise ValidationError(failures, source=source)
    return valid.drop("line")


def describe(table: str = "events") -> str:
    """A table as Markdown (for docs and --help): the event table, or a result table
    declared in `timeline.results` ("pairs", "summary", "survival", "baseline", "episodes")."""
    if table != "events":
        from timeline.results import describe as result

        return result(table)
    rows = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for c in COLUMNS:
        dtype = "enum" if isinstance(c.dtype, pl.Enum) else str(c.dtype)
        rows.append(f"| {c.name} | {dtype} | {'yes' if c.required else ''} | {c.doc} |")
    return "\n".join(rows)
