"""Which IANA zone a row's times are local to: explicit zone, country, coordinates, default."""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from importlib.resources import files

import polars as pl


@cache
def _countries() -> list[dict[str, str]]:
    with files("timeline.data").joinpath("countries.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _key(name: str) -> str:
    """A name as looked up: no accents, case, dots, apostrophes (straight or curly) or
    brackets; commas and dashes as spaces ("Côte d’Ivoire" = "Cote d'Ivoire")."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    text = text.encode("ascii", "ignore").decode().lower()
    for gone in ".'()":
        text = text.replace(gone, "")
    return " ".join(text.replace(",", " ").replace("-", " ").split())


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in _countries():
        a3 = row["alpha3"]
        for name in [row["alpha3"], row["alpha2"], row["name"], *row["aliases"].split("|")]:
            if name:
                index.setdefault(_key(name), a3)
    return index


def country_code(name: str | None) -> str | None:
    """ISO alpha-3 for a country name, alpha-2 or alpha-3 code; None when unknown."""
    if name is None:
        return None
    return _country_index().get(_key(name))


@cache
def country_zones() -> dict[str, tuple[str, ...]]:
    """alpha-3 -> the IANA zones of that country (tzdata's zone.tab)."""
    return {r["alpha3"]: tuple(z for z in r["zones"].split("|") if z) for r in _countries()}


def single_zone(alpha3: str | None) -> str | None:
    """The country's zone when it has exactly one (Egypt -> Africa/Cairo), else None."""
    zones = country_zones().get(alpha3 or "", ())
    return zones[0] if len(zones) == 1 else None


@cache
def main_zones() -> dict[str, str]:
    """alpha-3 -> the zone of the capital, for countries with several zones (Spain ->
    Europe/Madrid, Argentina -> America/Argentina/Buenos_Aires, USA -> America/New_York)."""
    return {r["alpha3"]: r["main_zone"] for r in _countries()
            if r.get("main_zone") and "|" in r["zones"]}  # fmt: skip


def country_codes(names: pl.Series) -> pl.Series:
    """Vectorised `country_code`: resolves each distinct name once."""
    uniq = names.drop_nulls().unique()
    mapping = {n: country_code(n) for n in uniq.to_list()}
    return names.replace_strict(mapping, default=None, return_dtype=pl.Utf8)


@cache
def _finder():
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=True)


def zone_at(lat: float, lon: float) -> str | None:
    """IANA zone at a coordinate (offline polygons from timezonefinder)."""
    return _finder().timezone_at(lat=lat, lng=lon)


def resolve_zones(
    df: pl.DataFrame,
    *,
    default: str | None = None,
) -> tuple[pl.Series, pl.Series]:
    """Zone per row and how it was found.

    Order: `tz` column, else the country's single zone, else lat/lon, else the main
    zone of a country with several (`main-zone`: the capital's), else `default`, else
    UTC (reported as `utc-fallback`). `df` may hold `tz`, `country` (alpha-3), `lat`,
    `lon`; coordinates out of range or not finite are not looked up.
    """
    n = df.height
    null = pl.repeat(None, n, dtype=pl.Utf8, eager=True)
    explicit = df.get_column("tz").cast(pl.Utf8) if "tz" in df.columns else null
    by_country = by_main = null
    if "country" in df.columns:
        codes = df.get_column("country").cast(pl.Utf8)
        distinct = codes.drop_nulls().unique().to_list()
        mapping = {c: single_zone(c) for c in distinct}
        by_country = codes.replace_strict(mapping, default=None, return_dtype=pl.Utf8)
        main = {c: main_zones().get(c) for c in distinct}
        by_main = codes.replace_strict(main, default=None, return_dtype=pl.Utf8)
    by_coords = null
    if {"lat", "lon"} <= set(df.columns):
        need = df.select(
            pl.col("lat").cast(pl.Float64).round(2),
            pl.col("lon").cast(pl.Float64).round(2),
            needed=explicit.is_null() & by_country.is_null(),
        )
        usable = pl.col("lat").is_finite() & pl.col("lon").is_finite()
        in_range = (pl.col("lat").abs() <= 90) & (pl.col("lon").abs() <= 180)
        points = need.filter(pl.col("needed") & (usable & in_range).fill_null(False)).unique(
            ["lat", "lon"]
        )
        if points.height:
            points = points.with_columns(
                zone=pl.Series(
                    [zone_at(a, b) for a, b in points.select("lat", "lon").iter_rows()],
                    dtype=pl.Utf8,
                )
            )
            by_coords = need.join(
                points.select("lat", "lon", "zone"),
                on=["lat", "lon"],
                how="left",
                maintain_order="left",
            ).get_column("zone")
    frame = pl.DataFrame({"a": explicit, "b": by_country, "c": by_coords, "m": by_main})
    zone = frame.select(
        pl.coalesce("a", "b", "c", "m", pl.lit(default, pl.Utf8), pl.lit("UTC")).alias("tz")
    ).get_column("tz")
    how = frame.select(
        pl.when(pl.col("a").is_not_null())
        .then(pl.lit("column"))
        .when(pl.col("b").is_not_null())
        .then(pl.lit("country"))
        .when(pl.col("c").is_not_null())
        .then(pl.lit("coordinates"))
        .when(pl.col("m").is_not_null())
        .then(pl.lit("main-zone"))
        .when(pl.lit(default is not None))
        .then(pl.lit("default"))
        .otherwise(pl.lit("utc-fallback"))
        .alias("how")
    ).get_column("how")
    return zone, how
