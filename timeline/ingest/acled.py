"""ACLED: the old UPPERCASE layout ("01-January-2015", no sub_event_type, ALLY_ACTOR_*),
API output (any column order, maybe a leading index column) and the current export
(ISO dates, sub_event_type, assoc_actor_*, iso3).

Intervals from `time_precision` (local wall time of the place, half-open):

- 1 (the actual day) -> `[date, date + 1 day)`, precision day;
- 2 (the source names a week or weekend) -> `[date - 3 days, date + 4 days)`, precision
  week: seven days centred on the recorded date. ACLED records such events on a day
  inside that week, usually its middle, and it does not say which weekday its weeks
  start on, so a window centred on the date is the honest reading; it also keeps the
  event's midpoint on the recorded day, where pairing puts it;
- 3 (only the month is known) -> the calendar month containing the date, precision month;
- empty -> day; any other code is a rejected row.

Kinds: Battles -> attack/armed_assault; Explosions/Remote violence -> attack with the
sub-event's subtype (Remote explosive/landmine/IED -> ied, Suicide bomb -> suicide_bombing,
Grenade -> grenade, Shelling/artillery/missile and Air/drone strike -> rocket, else other);
Violence against civilians -> attack (Abduction -> kidnapping, Attack -> armed_assault);
Strategic developments -> other (Arrests -> arrest); Protests/Riots -> other. `notes` is the
excerpt, `event_id_cnty` the source reference; the outlets (`source`) go to `attrs.sources`.
"""

from __future__ import annotations

import polars as pl

from timeline import schema
from timeline.ingest import dates
from timeline.ingest import fields as f
from timeline.ingest.formats import Adapter, Mapped, register
from timeline.ingest.sources import Source

REQUIRED = {"event_id_cnty", "event_date", "event_type", "actor1"}

# (pattern on event_type, kind, default subtype), lower-cased; first match wins.
TYPE_RULES: tuple[tuple[str, str, str | None], ...] = (
    (r"^battle", "attack", "armed_assault"),
    (r"explosion|remote violence", "attack", "other"),
    (r"violence against civilians", "attack", "other"),
    (r"strategic development|headquarters|transfer of territory", "other", None),
    (r"riot|protest", "other", None),
)  # fmt: skip
# (pattern on sub_event_type, kind or None = keep, subtype); first match wins.
SUB_RULES: tuple[tuple[str, str | None, str | None], ...] = (
    (r"suicide", None, "suicide_bombing"),
    (r"remote explosive|landmine|\bied\b", None, "ied"),
    (r"grenade", None, "grenade"),
    (r"shelling|artillery|missile|air/drone|air strike|drone", None, "rocket"),
    (r"abduction|forced disappearance", None, "kidnapping"),
    (r"^attack$", None, "armed_assault"),
    (r"^arrests?$", "arrest", None),
)  # fmt: skip
WEEK_BEFORE, WEEK_AFTER = "-3d", "4d"


def _detect(source: Source, columns: list[str]) -> bool:
    return {c.strip().lower() for c in columns} >= REQUIRED


def _kinds(df: pl.DataFrame) -> pl.DataFrame:
    """kind and subtype from event_type/sub_event_type: the rules run once per distinct pair."""
    keys = [c for c in ("event_type", "sub_event_type") if c in df.columns]
    pairs = df.select(keys)  # joined narrow: the wide batch is never gathered
    table = _kind_rules(pairs.unique())
    found = pairs.join(table, on=keys, how="left", nulls_equal=True, maintain_order="left")
    return df.with_columns(found.get_column("kind"), found.get_column("subtype"))


def _kind_rules(df: pl.DataFrame) -> pl.DataFrame:
    etype = pl.col("event_type").str.strip_chars().str.to_lowercase()
    kind = sub = pl.when(pl.lit(False)).then(pl.lit(None, pl.Utf8))
    for pattern, k, s in TYPE_RULES:
        hit = etype.str.contains(pattern).fill_null(False)
        kind, sub = kind.when(hit).then(pl.lit(k)), sub.when(hit).then(pl.lit(s, pl.Utf8))
    df = df.with_columns(kind=kind, subtype=sub)
    if "sub_event_type" not in df.columns:
        return df
    text = pl.col("sub_event_type").str.strip_chars().str.to_lowercase()
    k_out, s_out = pl.col("kind"), pl.col("subtype")
    for pattern, k, s in reversed(SUB_RULES):
        hit = text.str.contains(pattern).fill_null(False) & pl.col("kind").is_not_null()
        k_out = pl.when(hit).then(pl.lit(k) if k else pl.col("kind")).otherwise(k_out)
        s_out = pl.when(hit).then(pl.lit(s, pl.Utf8)).otherwise(s_out)
    return df.with_columns(kind=k_out, subtype=pl.when(k_out == "attack").then(s_out))


def _iso_dates(values: pl.Series, years: tuple[int, int] | None) -> pl.DataFrame | None:
    """Fast path for current exports: every date ISO -> local + error, else None."""
    text = values.str.strip_chars()
    day = text.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    if (day.is_null() != values.is_null()).any():  # (odd years are caught by year_problem)
        return None
    err = pl.select(
        pl.when(values.is_null())
        .then(pl.lit("missing date"))
        .otherwise(dates.year_problem(pl.lit(day), years))
    ).to_series()
    return pl.DataFrame({"local": day.cast(f.NAIVE), "error": err})


def _times(raw: pl.DataFrame, options: dict) -> tuple[pl.DataFrame, list[schema.Rule]]:
    years = options.get("years")
    parsed = _iso_dates(raw.get_column("event_date"), years)
    if parsed is None:  # older exports write "24 January 2014" or "24-January-2014"
        parsed = dates.parse_when(raw.get_column("event_date"), dayfirst=options.get("dayfirst"),
                                  order=options.get("date_order"), years=years)  # fmt: skip
    code = f.text("time_precision") if "time_precision" in raw.columns else pl.lit(None, pl.Utf8)
    pivoted = parsed["pivoted"] if "pivoted" in parsed.columns else pl.lit(False)
    df = raw.with_columns(_day=parsed["local"], _err=parsed["error"], _tp=code, _pivot=pivoted)
    bad = [
        ("event_date", pl.col("_err").is_not_null(), "event_date", pl.col("_err")),
        ("time_precision", pl.col("_tp").is_not_null() & ~pl.col("_tp").is_in(["1", "2", "3"]),
         "time_precision", "must be 1 (day), 2 (week) or 3 (month)"),
    ]  # fmt: skip
    day = pl.col("_day").dt.truncate("1d")
    df = df.with_columns(
        local_start=pl.when(pl.col("_tp") == "2")
        .then(day.dt.offset_by(WEEK_BEFORE))
        .when(pl.col("_tp") == "3")
        .then(day.dt.month_start())
        .otherwise(day),
        local_end=pl.when(pl.col("_tp") == "2").then(day.dt.offset_by(WEEK_AFTER)),
        precision=pl.when(pl.col("_tp") == "2")
        .then(pl.lit("week"))
        .when(pl.col("_tp") == "3")
        .then(pl.lit("month"))
        .otherwise(pl.lit("day")),
    )
    return df, bad


def _attrs(raw: pl.DataFrame) -> pl.Expr:
    """What the canonical columns do not already say (not actor2, the target; not year;
    not time_precision, which `precision` spells out)."""
    keep = (
        "event_type",
        "sub_event_type",
        "assoc_actor_1",
        "ally_actor_1",
        "assoc_actor_2",
        "ally_actor_2",
        "interaction",
        "admin2",
        "admin3",
        "geo_precision",
        "timestamp",
    )
    extra = {"sources": "source"} if "source" in raw.columns else {}
    return f.attrs(**{c: c for c in keep if c in raw.columns}, **extra)


def _checks(raw: pl.DataFrame) -> list[schema.Rule]:
    bad = [
        ("event_type", pl.col("kind").is_null(), "event_type",
         "unknown ACLED event type (see the codebook's event categories)"),
        ("event_id_cnty", f.text("event_id_cnty").is_null(), "event_id_cnty",
         "missing event_id_cnty"),
    ]  # fmt: skip
    return bad + f.value_rules(raw, ("fatalities",), {"latitude": 90, "longitude": 180})


def map_acled(raw: pl.DataFrame, **options: object) -> Mapped:
    """A raw ACLED batch (any of its layouts) -> pre-events."""
    raw = f.lowered(raw)
    df, bad = _times(raw, options)
    df = _kinds(df)
    opt = f.optional(raw, "actor2", "location", "admin1", "notes", "iso3", "country",
                     "latitude", "longitude", "fatalities")  # fmt: skip
    pre = df.select(
        "line", "local_start", "local_end", "precision", "kind", "subtype",
        id_key=f.text("event_id_cnty"), source_ref=f.text("event_id_cnty"),
        actor_raw=f.text("actor1"), target=opt["actor2"], location=opt["location"],
        admin1=opt["admin1"], country_name=pl.coalesce(opt["iso3"], opt["country"]),
        lat=f.coordinate(opt["latitude"], 90), lon=f.coordinate(opt["longitude"], 180),
        killed=f.number(opt["fatalities"]), excerpt=opt["notes"], source=pl.lit("ACLED"),
        attrs=_attrs(raw),
    )  # fmt: skip
    pre = pre.with_columns(country=f.iso3(pre.get_column("country_name"))).drop("country_name")
    pivot = df.get_column("_pivot").fill_null(False).any()
    notes = [dates.pivot_note(options.get("years"))] if pivot else []  # type: ignore[arg-type]
    return Mapped(pre, f.failing(df, bad + _checks(raw)), notes=notes)


def _date_columns(columns: list[str], mapping: object = None) -> list[str]:
    return [c for c in columns if c.strip().lower() == "event_date"]


register(Adapter("acled", "acled", _detect, map_acled, date_columns=_date_columns,
                 doc="ACLED exports: old UPPERCASE, API and current layouts"))  # fmt: skip
