"""Global Terrorism Database (START/UMD), CSV (cp1252 or UTF-8) or the publisher's .xlsx.

Intervals (local wall time of the place, half-open):

- `iyear/imonth/iday` known -> that day `[d, d + 1 day)`, precision day;
- `iday = 0` -> the calendar month `[1st, 1st of next month)`, precision month;
- `imonth = 0` -> the calendar year `[1 Jan, next 1 Jan)`, precision year (any iday ignored);
- `extended = 1` with a `resolution` date -> `[start, resolution + 1 day)`, the start's
  precision kept; `extended = 1` without resolution -> the start interval alone, noted.

`approxdate` (free text such as "March 6-7, 1971") is kept as `time_text` and in `attrs`.
Every row is an attack; the subtype comes from the suicide flag, `weapsubtype1_txt`,
`attacktype1_txt` and `weaptype1_txt` (`SUBTYPE_RULES`). The GTD never says when a claim
came, so `claimed`/`claimmode_txt` stay attributes: no claim event with a made-up time.
Codes -9/-99 (unknown) become nulls. `scite1..3` are kept in `attrs.sources`.
"""

from __future__ import annotations

import polars as pl

from timeline import schema
from timeline.ingest import dates
from timeline.ingest import fields as f
from timeline.ingest.formats import Adapter, Mapped, register
from timeline.ingest.sources import Source

REQUIRED = {"eventid", "iyear", "imonth", "iday", "gname"}

# (column, regular expression, subtype): the first rule that matches wins.
SUBTYPE_RULES: tuple[tuple[str, str, str], ...] = (
    ("weapsubtype1_txt", r"(?i)^vehicle", "car_bomb"),
    ("weapsubtype1_txt", r"(?i)grenade", "grenade"),
    ("weapsubtype1_txt", r"(?i)projectile|rocket|mortar", "rocket"),
    ("attacktype1_txt", r"(?i)^assassination", "assassination"),
    ("attacktype1_txt", r"(?i)hostage|kidnap|hijack", "kidnapping"),
    ("attacktype1_txt", r"(?i)^bombing", "ied"),
    ("weaptype1_txt", r"(?i)^firearms", "shooting"),
    ("attacktype1_txt", r"(?i)^armed assault", "armed_assault"),
)  # fmt: skip


def _detect(source: Source, columns: list[str]) -> bool:
    return {c.strip().lower() for c in columns} >= REQUIRED


def subtype(raw: pl.DataFrame) -> pl.Expr:
    """Attack subtype: a suicide bombing first, then `SUBTYPE_RULES`, else other."""
    opt = f.optional(raw, "attacktype1_txt", "suicide")  # a layout may lack either
    bombing = opt["attacktype1_txt"].str.contains(r"(?i)^bombing").fill_null(False)
    out = pl.when(bombing & (opt["suicide"] == "1").fill_null(False)).then(
        pl.lit("suicide_bombing")
    )
    for column, pattern, value in SUBTYPE_RULES:
        if column in raw.columns:
            out = out.when(pl.col(column).str.contains(pattern).fill_null(False)).then(
                pl.lit(value)
            )
    return out.otherwise(pl.lit("other")).alias("subtype")


def _dates(raw: pl.DataFrame, years) -> tuple[pl.DataFrame, list[schema.Rule]]:
    """local_start and precision from iyear/imonth/iday (0 = unknown)."""
    y, m, d = (f.number(c, negatives_unknown=False) for c in ("iyear", "imonth", "iday"))
    df = raw.with_columns(_y=y, _m=m, _d=d)
    month_ok, day_ok = pl.col("_m").is_between(0, 12), pl.col("_d").is_between(0, 31)
    bad = [
        ("iyear", pl.col("_y").is_null(), "iyear", "not a year"),
        ("imonth", ~month_ok, "imonth", "month must be 0 (unknown) to 12"),
        ("iday", ~day_ok, "iday", "day must be 0 (unknown) to 31"),
    ]  # fmt: skip
    precision = (
        pl.when(pl.col("_m") == 0)
        .then(pl.lit("year"))
        .when(pl.col("_d") == 0)
        .then(pl.lit("month"))
        .otherwise(pl.lit("day"))
    )
    month = pl.max_horizontal(pl.col("_m"), 1).cast(pl.Utf8).str.zfill(2)
    day = pl.when(pl.col("_m") == 0).then(1).otherwise(pl.max_horizontal(pl.col("_d"), 1))
    ymd = pl.format("{}-{}-{}", pl.col("_y"), month, day.cast(pl.Utf8).str.zfill(2))
    df = df.with_columns(local_start=f.iso_date(ymd), precision=precision)
    impossible = month_ok & day_ok & pl.col("local_start").is_null() & pl.col("_y").is_not_null()
    far = dates.year_problem(pl.col("local_start"), years)
    bad.append(("iyear", far.is_not_null(), "iyear", far))
    bad.append(
        ("iday", impossible, pl.format("{}-{}-{}", "iyear", "imonth", "iday"), "no such date")
    )
    return df, bad


def _resolution(df: pl.DataFrame, years) -> tuple[pl.DataFrame, list[schema.Rule], int]:
    """local_end from `resolution` for extended incidents."""
    if "resolution" not in df.columns:
        df = df.with_columns(resolution=pl.lit(None, pl.Utf8))
    if "extended" not in df.columns:
        df = df.with_columns(extended=pl.lit(None, pl.Utf8))
    given = f.text("resolution")
    column = df.get_column("resolution")
    if column.null_count() < df.height:  # most batches have no resolution date at all
        read = dates.parse_when(column, order="mdy", years=years)
        parsed, why = pl.lit(read.get_column("local")).dt.date(), pl.lit(read.get_column("error"))
    else:
        parsed, why = pl.lit(None, pl.Date), pl.lit(None, pl.Utf8)
    extended = pl.col("extended").str.strip_chars() == "1"
    df = df.with_columns(_res=pl.when(extended).then(parsed), _res_err=why)
    df = df.with_columns(local_end=pl.col("_res").cast(f.NAIVE).dt.offset_by("1d"))
    bad = [
        ("resolution", extended & given.is_not_null() & pl.col("_res").is_null(), "resolution",
         "cannot read the date (GTD writes M/D/YYYY): " + pl.col("_res_err")),
        ("resolution", pl.col("local_end") <= pl.col("local_start"), "resolution",
         "resolution date before the incident's start"),
    ]  # fmt: skip
    open_ended = df.select((extended & given.is_null()).fill_null(False).sum()).item()
    return df, bad, open_ended


def _attrs(raw: pl.DataFrame) -> pl.Expr:
    keep = (
        "approxdate",
        "extended",
        "resolution",
        "claimed",
        "claimmode_txt",
        "compclaim",
        "attacktype1_txt",
        "weaptype1_txt",
        "weapsubtype1_txt",
        "suicide",
        "success",
        "doubtterr",
        "country_txt",
        "gname2",
        "gname3",
        "guncertain1",
    )
    sources = pl.concat_list(
        [f.text(c) for c in ("scite1", "scite2", "scite3") if c in raw.columns]
        or [pl.lit(None, pl.Utf8)]
    ).list.drop_nulls()
    return f.attrs(**{c: c for c in keep if c in raw.columns}, sources=sources)


def map_gtd(raw: pl.DataFrame, **options: object) -> Mapped:
    """A raw GTD batch -> pre-events (one attack per incident)."""
    raw = f.lowered(raw)
    years = options.get("years")
    df, bad = _dates(raw, years)
    df, more, open_ended = _resolution(df, years)
    bad += [
        *more,
        ("eventid", f.text("eventid").is_null(), "eventid", "missing eventid"),
        *f.value_rules(raw, ("nkill", "nwound"), {"latitude": 90, "longitude": 180},
                       unknown_codes=True),
    ]  # fmt: skip
    opt = f.optional(raw, "provstate", "city", "target1", "summary", "approxdate", "country_txt",
                     "latitude", "longitude", "nkill", "nwound")  # fmt: skip
    actor = f.text("gname")
    pre = df.select(
        "line", "local_start", "local_end", "precision",
        id_key=f.text("eventid"), source_ref=f.text("eventid"), kind=pl.lit("attack"),
        subtype=subtype(raw), actor_raw=pl.when(actor.str.to_lowercase() != "unknown").then(actor),
        target=opt["target1"], location=opt["city"], admin1=opt["provstate"],
        country_name=opt["country_txt"],
        lat=f.coordinate(opt["latitude"], 90), lon=f.coordinate(opt["longitude"], 180),
        killed=f.number(opt["nkill"]), wounded=f.number(opt["nwound"]), excerpt=opt["summary"],
        time_text=opt["approxdate"], source=pl.lit("GTD"), attrs=_attrs(raw),
    )  # fmt: skip
    pre = pre.with_columns(country=f.iso3(pre.get_column("country_name"))).drop("country_name")
    notes = [f"{open_ended} extended incident(s) without a resolution date: kept as their "
             "start day (end unknown)"] if open_ended else []  # fmt: skip
    return Mapped(pre, f.failing(df, bad), notes=notes)  # every rule in one pass


register(Adapter("gtd", "gtd", _detect, map_gtd,
                 doc="Global Terrorism Database (CSV or .xlsx, 0718dist columns)"))  # fmt: skip
