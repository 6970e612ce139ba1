"""GDELT event exports: 1.0 (57 or 58 columns, both in one file) and 2.0 (61 columns).

Tab-separated, no header: each line is read whole and split here, so a file mixing
1.0's 57-column backfile rows and 58-column daily rows loads, and a row with any other
field count is rejected by line. Columns are the codebook's, by position (`GDELT2`).

Time: `SQLDATE` (YYYYMMDD) is the event's day -> `[day, day + 1 day)` local to the
action's place, precision day. `DATEADDED` is when GDELT processed the article, not when
the event happened: it is never used as the event time, only kept in `attrs`.
Kinds come from `EventCode` through `cameo.CODES` (13x -> threat, 015 -> claim, 18x/19x/20x
-> attack); other codes are skipped and counted (`cameo=` keeps more).
Actor: `Actor1Name`, else `Actor1Code`; target `Actor2Name`; place from the `ActionGeo_*`
fields, the country from the last part of `ActionGeo_FullName` (GDELT's country codes are
FIPS 10-4, kept in `attrs.fips`), else the coordinates. `SOURCEURL` -> `url`.
Machine-coded from news, so confidence 0.5.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping

import polars as pl

from timeline.ingest import cameo as cameo_codes
from timeline.ingest import dates
from timeline.ingest import fields as f
from timeline.ingest.formats import Adapter, Mapped, register
from timeline.ingest.sources import BATCH_ROWS, Source, read_csv_batches

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT2: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
GDELT1: tuple[str, ...] = tuple(c for c in GDELT2 if not c.endswith("ADM2Code"))
WIDTHS = {"gdelt1": (57, 58), "gdelt2": (61,)}
_SEP = "\x1f"  # never in GDELT text: each line comes in whole


def _first_line(source: Source) -> str:
    if source.path is None:
        return ""
    if source.suffix == ".zip":
        with zipfile.ZipFile(source.path) as zf, zf.open(zf.namelist()[0]) as fh:
            return fh.readline().decode("utf-8", errors="replace")
    with source.path.open("rb") as fh:
        return fh.readline().decode("utf-8", errors="replace")


def _detector(name: str):
    def detect(source: Source, columns: list[str]) -> bool:
        parts = _first_line(source).rstrip("\r\n").split("\t")
        return (
            len(parts) in WIDTHS[name]
            and parts[0].isdigit()
            and len(parts[1]) == 8
            and parts[1].isdigit()
        )

    return detect


def read_lines(source: Source, *, batch_rows: int = BATCH_ROWS) -> Iterator[pl.DataFrame]:
    """Whole lines as `record`, with `line` counted from 1 (there is no header)."""
    if source.frame is not None:
        batches = iter([source.frame.select(pl.col(source.frame.columns[0]).alias("record"))])
    elif source.suffix == ".zip":
        with zipfile.ZipFile(source.path) as zf:
            data = zf.read(zf.namelist()[0])
        batches = pl.read_csv(
            io.BytesIO(data),
            separator=_SEP,
            has_header=False,
            new_columns=["record"],
            quote_char=None,
            infer_schema=False,
        ).iter_slices(batch_rows)
    else:
        batches = read_csv_batches(
            source.path, separator=_SEP, has_header=False, columns=["record"], batch_rows=batch_rows
        )
    done = 0
    for batch in batches:
        yield batch.with_row_index("line", offset=1 + done).with_columns(
            pl.col("line").cast(pl.Int64)
        )
        done += batch.height


def _split(raw: pl.DataFrame, name: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Named text columns for rows of a valid width; failures for the others."""
    names = GDELT1 if name == "gdelt1" else GDELT2
    widths = WIDTHS[name]
    parts = pl.col("record").str.strip_chars_end("\r").str.split("\t")
    df = raw.with_columns(_f=parts).with_columns(_n=pl.col("_f").list.len())
    ok = pl.col("_n").is_in(list(widths))
    expected = " or ".join(map(str, widths))
    bad = f.failures(
        df,
        ~ok,
        "row",
        pl.col("_n").cast(pl.Utf8) + " fields",
        f"a GDELT {'1.0' if name == 'gdelt1' else '2.0'} row has {expected} tab-separated fields",
    )
    good = df.filter(ok).select(
        "line", *[pl.col("_f").list.get(i, null_on_oob=True).alias(c) for i, c in enumerate(names)]
    )
    return good.with_columns(pl.col(c).replace("", None) for c in names), bad


def _attrs() -> pl.Expr:
    keep = (
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
        "IsRootEvent",
        "Actor1Code",
        "Actor1KnownGroupCode",
        "Actor2Code",
        "ActionGeo_Type",
        "DATEADDED",
    )
    return f.attrs(**{c: c for c in keep}, cameo_label="label", fips="ActionGeo_CountryCode")


def _checks(df: pl.DataFrame, years) -> list[pl.DataFrame]:
    code, root = pl.col("EventCode"), pl.col("EventRootCode")
    code_ok = code.str.contains(r"^\d{3,4}$").fill_null(False)
    zeros_lost = (  # a spreadsheet or pandas re-saved the file: "013" became "13"
        code.str.contains(r"^\d{1,4}$") & (~code_ok | root.str.contains(r"^\d$"))
        | (code_ok & root.is_not_null() & ~code.str.starts_with(root))
    ).fill_null(False)
    far = dates.year_problem(pl.col("local_start"), years)
    return [f.failing(df, [  # every rule in one pass
        ("EventCode", zeros_lost, pl.format("{} (root {})", code, root),
         "CAMEO code without its leading zero (the file was re-saved by a spreadsheet or "
         "pandas?); load the original GDELT file"),
        ("EventCode", ~code_ok & ~zeros_lost, "EventCode",
         "not a CAMEO event code (3 or 4 digits)"),
        ("SQLDATE", far.is_not_null(), "SQLDATE", far),
        ("SQLDATE", pl.col("local_start").is_null(), "SQLDATE", "not a date (YYYYMMDD)"),
        ("GLOBALEVENTID", pl.col("GLOBALEVENTID").is_null(), "GLOBALEVENTID",
         "missing GLOBALEVENTID"),
        *f.value_rules(df, (), {"ActionGeo_Lat": 90, "ActionGeo_Long": 180}),
    ])]  # fmt: skip


def _pre(df: pl.DataFrame) -> pl.DataFrame:
    pre = df.select(
        "line", "local_start", "kind", "subtype", precision=pl.lit("day"),
        id_key="GLOBALEVENTID", source_ref="GLOBALEVENTID",
        actor_raw=pl.coalesce("Actor1Name", "Actor1Code"), target="Actor2Name",
        location="ActionGeo_FullName", admin1="ActionGeo_ADM1Code",
        lat=f.coordinate("ActionGeo_Lat", 90), lon=f.coordinate("ActionGeo_Long", 180),
        url="SOURCEURL", source=pl.lit("GDELT"), attrs=_attrs(),
        _place=pl.col("ActionGeo_FullName").str.split(",").list.last().str.strip_chars(),
    )  # fmt: skip
    return pre.with_columns(country=f.iso3(pre.get_column("_place"))).drop("_place")


def _mapper(name: str):
    def map_gdelt(raw: pl.DataFrame, *, cameo: Mapping[str, str] | list[str] | None = None,
                  years: tuple[int, int] | None = None, **_: object) -> Mapped:  # fmt: skip
        """A batch of GDELT lines -> pre-events for the kept CAMEO codes."""
        df, bad_width = _split(raw, name)
        codes = cameo_codes.table(df.get_column("EventCode").drop_nulls().unique().to_list(), cameo)
        df = df.join(codes, left_on="EventCode", right_on="code", how="left", maintain_order="left")
        day = pl.col("SQLDATE").str.strptime(pl.Date, "%Y%m%d", strict=False).cast(f.NAIVE)
        df = df.with_columns(local_start=day)
        bad = [bad_width, *_checks(df, years)]
        failed = pl.concat([b.select("line") for b in bad]).get_column("line")
        skip = pl.col("kind").is_null() & ~pl.col("line").is_in(failed.implode())
        skipped = df.select(skip.sum()).item()
        return Mapped(_pre(df.filter(~skip)), f.concat_failures(bad),
                      skipped={"CAMEO code not kept": skipped} if skipped else {})  # fmt: skip

    return map_gdelt


for _name, _label in (("gdelt1", "GDELT 1.0 events (57/58 columns)"),
                      ("gdelt2", "GDELT 2.0 events (61 columns)")):  # fmt: skip
    register(Adapter(_name, "gdelt", _detector(_name), _mapper(_name), read=read_lines,
                     confidence=0.5, doc=_label + ", tab-separated, no header"))  # fmt: skip
