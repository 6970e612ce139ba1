"""The common last step of every adapter: zones, UTC intervals, actors, ids, validation.

An adapter maps its layout to "pre-events": canonical columns plus the time as
`local_start` (naive wall time), optional `local_end` (exclusive), optional
`instant_start`/`instant_end` (aware, from text with an offset), `precision`, and
optionally `id_key` (the source's own stable id). `prepare` (per batch, in parallel)
and `complete` (in file order) turn them into events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from timeline import schema
from timeline.actors import ActorTable
from timeline.frames import without_lines
from timeline.ingest.ids import Occurrences, content_ids
from timeline.ingest.instants import utc_intervals
from timeline.timeexpr.zones import country_codes, resolve_zones


@dataclass
class Finished:
    events: pl.DataFrame
    failures: pl.DataFrame
    unknown_actors: list[str] = field(default_factory=list)
    zones: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    repeats: int = 0  # rows kept as the k-th copy (k >= 2) of an earlier row's content


def _fill(df: pl.DataFrame, name: str, value: object, dtype: pl.DataType) -> pl.DataFrame:
    if name not in df.columns:
        return df.with_columns(pl.lit(value, dtype).alias(name))
    return df.with_columns(pl.col(name).cast(dtype, strict=False).fill_null(value))


def _countries(df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    if "country" not in df.columns:
        return df, schema.failure_frame()
    raw = df.get_column("country").cast(pl.Utf8)
    codes = country_codes(raw)
    bad = df.filter(raw.is_not_null() & codes.is_null() & (raw.str.strip_chars() != ""))
    failures = bad.select(
        "line",
        column=pl.lit("country"),
        value=pl.col("country").cast(pl.Utf8),
        reason=pl.lit("unknown country; use a name or an ISO code"),
    )
    return df.with_columns(country=codes), failures


def _zones(df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A zone the tz database does not know is a rejected row, not a crash."""
    if "tz" not in df.columns:
        return df, schema.failure_frame()
    given = pl.col("tz").cast(pl.Utf8).str.strip_chars()
    known = given.is_in(sorted(schema.ZONES))
    failures = df.filter(given.is_not_null() & ~known).select(
        "line",
        column=pl.lit("tz"),
        value=pl.col("tz").cast(pl.Utf8),
        reason=pl.lit("not an IANA time zone; use a name like 'Africa/Cairo'"),
    )
    return df.with_columns(tz=pl.when(known).then(given)), failures


@dataclass
class Prepared:
    """A batch's valid events and failures, with content ids not yet numbered.

    Everything here depends on the batch alone, so batches are prepared in parallel;
    `complete` numbers repeated contents (the k-th in the load gets '-k'), in file order.
    """

    valid: pl.DataFrame
    failures: pl.DataFrame
    unknown_actors: list[str]
    zones: dict[str, int]
    content: pl.DataFrame | None  # line, content id, whether the row gave its own id


def prepare(
    pre: pl.DataFrame,
    *,
    source_name: str,
    id_prefix: str,
    actors: ActorTable,
    tz: str | None = None,
    confidence: float = 1.0,
) -> Prepared:
    """Pre-events (with a `line` column) -> zones, UTC intervals, actors, ids, validation."""
    df, failures = _countries(pre)
    df, bad_zones = _zones(df)
    failures = pl.concat([failures, bad_zones])
    zone, how = resolve_zones(df, default=tz)
    df = df.with_columns(tz=zone)
    for name in ("local_end", "instant_start", "instant_end"):
        if name not in df.columns:
            dtype = pl.Datetime("us", "UTC") if name.startswith("instant") else pl.Datetime("us")
            df = df.with_columns(pl.lit(None, dtype).alias(name))
    df = utc_intervals(df, start="local_start", end="local_end", precision="precision", zone="tz")
    df = df.with_columns(
        t_start=pl.coalesce("instant_start", "t_start"),
        t_end=pl.coalesce("instant_end", "instant_start", "t_end"),
    )
    gap = schema.flagged(df, [(
        "time", pl.col("t_start").is_null() & pl.col("local_start").is_not_null(),
        pl.col("local_start"),
        pl.lit("this wall time does not exist in the place's zone (a DST gap): ") + pl.col("tz"),
    )])  # fmt: skip
    failures = pl.concat([failures, *gap])
    if "actor_raw" not in df.columns:
        df = df.with_columns(actor_raw=pl.lit(None, pl.Utf8))
    canonical, unknown = actors.resolve(df.get_column("actor_raw"))
    if "actor" in df.columns:  # canonical events (an event folder) keep their own name
        canonical = df.select(pl.coalesce(pl.col("actor").cast(pl.Utf8), canonical)).to_series()
    df = df.with_columns(actor=canonical)
    df, content = _ids(df, id_prefix)
    df = _fill(df, "source", source_name, pl.Utf8)
    df = _fill(df, "confidence", confidence, pl.Float64)
    valid, failures = _validated(df, failures)
    kept = ~df.get_column("line").is_in(failures.get_column("line").implode())
    counts = how.filter(kept).value_counts()  # how the zones of the kept rows were found
    zones = dict(
        zip(counts.get_column("how").to_list(), counts.get_column("count").to_list(), strict=True)
    )
    return Prepared(valid, failures, unknown, zones, content)


def _ids(df: pl.DataFrame, id_prefix: str) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """The event ids (given, from the source's id key, or from content), and the rows whose
    id is their content's (numbered later, in file order)."""
    if "id_key" in df.columns:
        ids = (id_prefix + "-" + df.get_column("id_key").cast(pl.Utf8)).alias("event_id")
        content = None
    else:  # before the file name fills `source`: a renamed file gives the same ids
        ids = content_ids(df, id_prefix)  # every row counts for the numbering
        given = pl.col("event_id").is_not_null() if "event_id" in df.columns else pl.lit(False)
        content = df.select("line", event_id=ids, given=given)
    if "event_id" in df.columns:
        ids = df.select(pl.coalesce(pl.col("event_id").cast(pl.Utf8), ids)).to_series()
    return df.with_columns(event_id=ids), content


def _validated(df: pl.DataFrame, failures: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    valid, more = schema.check(df.select(*[c for c in schema.NAMES if c in df.columns], "line"))
    echoes = (pl.col("reason") == "missing value") & pl.col("line").is_in(
        failures.get_column("line").implode()
    )  # a consequence of a failure already reported
    failures = pl.concat([failures, more.filter(~echoes)]).unique(maintain_order=True).sort("line")
    return without_lines(valid, failures), failures


def complete(prepared: Prepared, occurrences: Occurrences | None = None) -> Finished:
    """A prepared batch, in file order: its content ids numbered by occurrence."""
    valid, content, repeats = prepared.valid, prepared.content, 0
    if content is not None and content.height:
        ids = content.get_column("event_id")
        numbered = (occurrences or Occurrences()).numbered(ids)
        if numbered is not ids:  # some content repeated: rare
            renamed = content.with_columns(event_id=numbered).filter(
                (numbered != ids) & ~pl.col("given")
            )
            valid = valid.update(renamed.drop("given"), on="line")
            repeats = valid.height - valid.join(renamed, on="line", how="anti").height
    return Finished(
        valid, prepared.failures, prepared.unknown_actors, prepared.zones, repeats=repeats
    )
