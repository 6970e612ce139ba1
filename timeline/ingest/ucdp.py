"""UCDP Georeferenced Event Dataset (GED), CSV as published (or converted from R/Stata).

Interval: `[date_start, date_end + 1 day)` in the place's local wall time, whatever
`date_prec` says; `date_prec` (1 exact day, 2 within 2-6 days, 3 within a week, 4 within
a month, 5 longer) sets the precision label (1 -> day, 2/3 -> week, 4 -> month, 5 ->
year) and is kept in `attrs`. Dates may carry a time part ("2013-01-03 00:00:00.000"),
which is ignored. `side_a` -> actor, `side_b` -> target, `best`/`low`/`high` -> killed,
killed_low, killed_high; `type_of_violence` (1 state-based, 2 non-state, 3 one-sided)
is kept in `attrs`; every event is an attack (armed_assault). `id` is the reference.
"""

from __future__ import annotations

import polars as pl

from timeline import schema
from timeline.ingest import dates
from timeline.ingest import fields as f
from timeline.ingest.formats import Adapter, Mapped, register
from timeline.ingest.sources import Source

REQUIRED = {"id", "date_start", "date_end", "side_a", "type_of_violence", "best"}
PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}


def _detect(source: Source, columns: list[str]) -> bool:
    return {c.strip().lower() for c in columns} >= REQUIRED


def _attrs(raw: pl.DataFrame) -> pl.Expr:
    """What the canonical columns do not already say (not side_b, the target; not the
    country's id or grid cell, which the coordinates give)."""
    keep = (
        "relid",
        "date_prec",
        "type_of_violence",
        "conflict_name",
        "dyad_name",
        "where_prec",
        "event_clarity",
        "deaths_a",
        "deaths_b",
        "deaths_civilians",
        "deaths_unknown",
        "number_of_sources",
        "source_article",
        "source_office",
        "source_date",
    )
    return f.attrs(**{c: c for c in keep if c in raw.columns})


def _checks(raw: pl.DataFrame, prec: pl.Expr, years) -> list[schema.Rule]:
    iso = "not a date (YYYY-MM-DD)"
    far_start = dates.year_problem(pl.col("local_start"), years)
    far_end = dates.year_problem(pl.col("_last"), years)
    bad = [
        ("date_start", far_start.is_not_null(), "date_start", far_start),
        ("date_end", far_end.is_not_null(), "date_end", far_end),
        ("date_start", pl.col("local_start").is_null(), "date_start", iso),
        ("date_end", pl.col("_last").is_null(), "date_end", iso),
        ("date_end", pl.col("_last") < pl.col("local_start"), "date_end",
         "ends before date_start"),
        ("date_prec", prec.is_not_null() & ~prec.is_in(list(PRECISION)), "date_prec",
         "must be 1 to 5"),
        ("id", f.text("id").is_null(), "id", "missing id"),
    ]  # fmt: skip
    return bad + f.value_rules(raw, ("best", "low", "high"), {"latitude": 90, "longitude": 180})


def map_ucdp(raw: pl.DataFrame, **options: object) -> Mapped:
    """A raw UCDP GED batch -> pre-events."""
    raw = f.lowered(raw)
    df = raw.with_columns(local_start=f.iso_date("date_start"), _last=f.iso_date("date_end"))
    df = df.with_columns(local_end=pl.col("_last").dt.offset_by("1d"))
    prec = f.text("date_prec") if "date_prec" in raw.columns else pl.lit(None, pl.Utf8)
    opt = f.optional(
        raw,
        "side_b",
        "where_coordinates",
        "adm_1",
        "country",
        "source_headline",
        "low",
        "high",
        "latitude",
        "longitude",
    )
    pre = df.select(
        "line", "local_start", "local_end",
        precision=prec.replace_strict(PRECISION, default="day"),
        id_key=f.text("id"), source_ref=f.text("id"), kind=pl.lit("attack"),
        subtype=pl.lit("armed_assault"), actor_raw=f.text("side_a"), target=opt["side_b"],
        location=opt["where_coordinates"], admin1=opt["adm_1"], country_name=opt["country"],
        lat=f.coordinate(opt["latitude"], 90), lon=f.coordinate(opt["longitude"], 180),
        killed=f.number("best"), killed_low=f.number(opt["low"]),
        killed_high=f.number(opt["high"]), excerpt=opt["source_headline"],
        source=pl.lit("UCDP GED"), attrs=_attrs(raw),
    )  # fmt: skip
    pre = pre.with_columns(country=f.iso3(pre.get_column("country_name"))).drop("country_name")
    return Mapped(pre, f.failing(df, _checks(raw, prec, options.get("years"))))


register(
    Adapter("ucdp", "ucdp", _detect, map_ucdp, doc="UCDP Georeferenced Event Dataset (GED) CSV")
)
