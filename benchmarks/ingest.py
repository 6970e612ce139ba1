"""Load speed and peak memory of the dataset adapters at 1M rows, next to pandas.read_csv.

    python benchmarks/ingest.py [--rows 1000000] [--formats gtd acled gdelt2 ucdp]
                                [--rounds 3]

Each format's file is generated in its published layout, in a temporary folder:

- GTD 0718dist, 135 columns (the incident fields filled, the rest empty);
- ACLED current export, all 31 columns filled as in the samples (notes of 100-300
  characters; the samples average 177-213), about 500 bytes a row;
- GDELT 2.0, 61 tab-separated columns without header (the fields the adapter reads);
- UCDP GED 23.1, all 49 columns filled as in the sample, about 540 bytes a row.

Each case runs in its own process (imports included; a store is closed, so its checkpoint
counts); its peak memory is that process's VmHWM (ru_maxrss would carry over the
generating parent's peak on Linux). The cases alternate for `--rounds` rounds and the
best time of each is kept: this 2-core machine's speed drifts by 30% within minutes.
Target: the whole load into the store is no slower than pandas.read_csv parsing the file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.ingest.gdelt import GDELT2

PLACES = [  # country, city, lat, lon, GDELT full name
    ("Egypt", "Cairo", 30.05, 31.25, "Cairo, Al Qahirah, Egypt"),
    ("Iraq", "Baghdad", 33.34, 44.39, "Baghdad, Baghdad, Iraq"),
    ("Somalia", "Mogadishu", 2.04, 45.34, "Mogadishu, Banaadir, Somalia"),
    ("Nigeria", "Maiduguri", 11.85, 13.16, "Maiduguri, Borno, Nigeria"),
    ("Afghanistan", "Kandahar", 31.61, 65.69, "Kandahar, Kandahar, Afghanistan"),
    ("United States", "Chicago", 41.85, -87.65, "Chicago, Illinois, United States"),
]
GROUPS = [
    "Ansar Bayt al-Maqdis",
    "Islamic State of Iraq and the Levant (ISIL)",
    "Al-Shabaab",
    "Boko Haram",
    "Taliban",
    "Unknown",
    "Some Front",
]
ATTACKS = [
    ("Bombing/Explosion", "Explosives", "Vehicle"),
    ("Armed Assault", "Firearms", ""),
    ("Assassination", "Firearms", "Handgun"),
    ("Bombing/Explosion", "Explosives", "Grenade"),
    ("Hostage Taking (Kidnapping)", "Firearms", "Unknown Gun Type"),
]
CAMEO = ["138", "1832", "190", "193", "015", "040", "042", "051", "010", "036"]


def _pick(values: list, idx: np.ndarray) -> np.ndarray:
    return np.array(values)[idx % len(values)]


def _base(rows: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    day = np.datetime64("2000-01-01") + rng.integers(0, 6500, rows)
    place = rng.integers(0, len(PLACES), rows)
    return {
        "i": np.arange(rows),
        "day": day,
        "place": place,
        "group": rng.integers(0, len(GROUPS), rows),
        "kind": rng.integers(0, 10, rows),
        "killed": rng.poisson(2, rows),
    }


def make_gtd(path: Path, rows: int, header: list[str]) -> None:
    b = _base(rows, 1)
    day = pl.Series(b["day"]).cast(pl.Date)
    attack = b["kind"] % len(ATTACKS)
    cols = {c: pl.lit(None, pl.Utf8) for c in header}
    frame = pl.DataFrame({"_day": day}).select(
        eventid=pl.Series(b["i"] + 200000000000).cast(pl.Utf8),
        iyear=pl.col("_day").dt.year(),
        imonth=pl.col("_day").dt.month(),
        iday=pl.when(pl.Series(b["i"] % 50 == 0)).then(0).otherwise(pl.col("_day").dt.day()),
        extended=pl.lit("0"),
        country_txt=pl.Series(_pick([p[0] for p in PLACES], b["place"])),
        city=pl.Series(_pick([p[1] for p in PLACES], b["place"])),
        latitude=pl.Series(_pick([p[2] for p in PLACES], b["place"])),
        longitude=pl.Series(_pick([p[3] for p in PLACES], b["place"])),
        attacktype1_txt=pl.Series(_pick([a[0] for a in ATTACKS], attack)),
        weaptype1_txt=pl.Series(_pick([a[1] for a in ATTACKS], attack)),
        weapsubtype1_txt=pl.Series(_pick([a[2] for a in ATTACKS], attack)),
        suicide=pl.lit("0"),
        gname=pl.Series(_pick(GROUPS, b["group"])),
        nkill=pl.Series(b["killed"]),
        nwound=pl.Series(b["killed"] * 3),
        summary=pl.format("Synthetic incident {}", pl.Series(b["i"])),
        scite1=pl.lit("Bench wire"),
        claimed=pl.lit("0"),
    )
    frame.select(
        *[frame[c].cast(pl.Utf8) if c in frame.columns else cols[c].alias(c) for c in header]
    ).write_csv(path)


NOTE = (
    "militants attacked a checkpoint near the market, security forces returned fire and "
    "the clashes lasted until the evening; local sources reported casualties among "
    "civilians and the fighters, and several houses were damaged by the shelling"
)


def _notes(b: dict[str, np.ndarray]) -> pl.Series:
    """Unique notes of 100-300 characters, like ACLED's (the samples average 177-213)."""
    text = " ".join([NOTE] * 3)
    start = (b["i"] * 37) % (len(text) // 3)
    length = 90 + (b["i"] * 13) % 200
    return (
        pl.DataFrame({"i": b["i"], "start": start, "length": length})
        .select(pl.format("On day {}, {}.", "i", pl.lit(text).str.slice("start", "length")))
        .to_series()
    )


def make_acled(path: Path, rows: int, header: list[str]) -> None:
    """All 31 columns of the current export, filled as in the real samples."""
    b = _base(rows, 2)
    types = [  # disorder type, event type, sub-event type
        ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Political violence", "Battles", "Armed clash"),
        ("Political violence", "Violence against civilians", "Attack"),
        ("Demonstrations", "Protests", "Peaceful protest"),
        ("Strategic developments", "Strategic developments", "Arrests"),
    ]
    t = b["kind"] % len(types)
    day = pl.Series(b["day"]).cast(pl.Date)
    jitter = (b["i"] % 1000) / 10_000
    frame = pl.DataFrame(
        {
            "event_id_cnty": [f"BEN{i}" for i in b["i"]],
            "event_date": day.cast(pl.Utf8),
            "year": day.dt.year(),
            "time_precision": np.where(b["i"] % 10 < 8, 1, np.where(b["i"] % 10 == 8, 2, 3)),
            "disorder_type": _pick([x[0] for x in types], t),
            "event_type": _pick([x[1] for x in types], t),
            "sub_event_type": _pick([x[2] for x in types], t),
            "actor1": _pick(GROUPS, b["group"]),
            "assoc_actor_1": np.where(b["i"] % 2 == 0, "", "Tribal militia"),
            "inter1": "Rebel group",
            "actor2": np.where(b["i"] % 5 < 3, "Military Forces", ""),
            "assoc_actor_2": np.where(b["i"] % 10 == 0, "Police Forces", ""),
            "inter2": "State forces",
            "interaction": "Rebel group-State forces",
            "civilian_targeting": np.where(t == 2, "Civilian targeting", ""),
            "iso": (b["place"] * 100 + 4).astype(str),
            "region": "Northern Africa",
            "country": _pick([p[0] for p in PLACES], b["place"]),
            "admin1": _pick([p[4].split(", ")[1] for p in PLACES], b["place"]),
            "admin2": _pick([p[1] for p in PLACES], b["place"]),
            "admin3": np.where(b["i"] % 2 == 0, "", "Sub-district " + (b["i"] % 97).astype(str)),
            "location": _pick([p[1] for p in PLACES], b["place"]),
            "latitude": np.round(_pick([p[2] for p in PLACES], b["place"]) + jitter, 4),
            "longitude": np.round(_pick([p[3] for p in PLACES], b["place"]) - jitter, 4),
            "geo_precision": b["i"] % 3 + 1,
            "source": np.where(b["i"] % 3 == 0, "Reuters; Al Ahram", "Bench wire"),
            "source_scale": "National",
            "notes": _notes(b),
            "fatalities": b["killed"],
            "tags": np.where(b["i"] % 20 == 0, "crowd size=no report", ""),
            "timestamp": 1718652345 + b["i"] % 86400,
        }
    )
    missing = [pl.col(c).replace("", None) for c, t in frame.schema.items() if t == pl.Utf8]
    frame.with_columns(missing).select(header).write_csv(path)  # empty cells, as ACLED writes


def make_gdelt2(path: Path, rows: int) -> None:
    b = _base(rows, 3)
    values = {
        "GLOBALEVENTID": (b["i"] + 800_000_000).astype(str),
        "SQLDATE": pl.Series(b["day"]).cast(pl.Date).dt.strftime("%Y%m%d").to_numpy(),
        "Actor1Name": _pick([g.upper() for g in GROUPS], b["group"]),
        "EventCode": _pick(CAMEO, b["kind"]),
        "ActionGeo_Type": np.full(rows, "4"),
        "ActionGeo_FullName": _pick([p[4] for p in PLACES], b["place"]),
        "ActionGeo_Lat": _pick([str(p[2]) for p in PLACES], b["place"]),
        "ActionGeo_Long": _pick([str(p[3]) for p in PLACES], b["place"]),
        "DATEADDED": np.full(rows, "20191024143000"),
        "SOURCEURL": np.array([f"https://example.org/{i}" for i in b["i"]]),
    }
    frame = pl.DataFrame({c: values.get(c, np.full(rows, "")) for c in GDELT2})
    frame.write_csv(path, separator="\t", include_header=False, quote_style="never")


def make_ucdp(path: Path, rows: int, header: list[str]) -> None:
    """All 49 columns of GED 23.1, filled as in the sample (about 600 bytes a row)."""
    b = _base(rows, 4)
    day = pl.Series(b["day"]).cast(pl.Date)
    end = pl.Series(b["day"] + (b["i"] % 2)).cast(pl.Date)
    group = _pick(GROUPS, b["group"])
    country = _pick([p[0] for p in PLACES], b["place"])
    city = _pick([p[1] for p in PLACES], b["place"])
    jitter = (b["i"] % 1000) / 10_000
    lat = np.round(_pick([p[2] for p in PLACES], b["place"]) + jitter, 6)
    lon = np.round(_pick([p[3] for p in PLACES], b["place"]) - jitter, 6)
    text = pl.Series(b["i"]).cast(pl.Utf8)
    aux = pl.DataFrame({"d": day, "i": b["i"], "c": city, "lat": lat, "lon": lon}).select(
        article=pl.format(
            '"Bench wire,{},report {}: gunmen attacked a checkpoint near {} and '
            'clashed with the army until dawn"',
            "d",
            "i",
            "c",
        ),
        wkt=pl.format("POINT ({} {})", "lon", "lat"),
    )
    frame = pl.DataFrame(
        {
            "id": b["i"] + 1,
            "relid": "BEN-" + text + "-1-" + pl.Series(b["group"]).cast(pl.Utf8),
            "year": day.dt.year(),
            "active_year": 1,
            "code_status": "Clear",
            "type_of_violence": b["kind"] % 3 + 1,
            "conflict_dset_id": 299 + b["group"],
            "conflict_new_id": 299 + b["group"],
            "conflict_name": pl.Series(country) + ": Government",
            "dyad_dset_id": 11973 + b["group"],
            "dyad_new_id": 11973 + b["group"],
            "dyad_name": "Government of " + pl.Series(country) + " - " + pl.Series(group),
            "side_a_dset_id": 118 + b["group"],
            "side_a_new_id": 118 + b["group"],
            "side_a": group,
            "side_b_dset_id": 4456,
            "side_b_new_id": 4456,
            "side_b": "Civilians",
            "number_of_sources": b["i"] % 3 + 1,
            "source_article": aux.get_column("article"),
            "source_office": "Bench wire",
            "source_date": day.cast(pl.Utf8),
            "source_headline": "Attack near " + pl.Series(city) + ", report " + text,
            "source_original": "local sources",
            "where_prec": b["i"] % 4 + 1,
            "where_coordinates": pl.Series(city) + " town",
            "where_description": "near " + pl.Series(city),
            "adm_1": pl.Series(city) + " province",
            "adm_2": pl.Series(city) + " district",
            "latitude": lat,
            "longitude": lon,
            "geom_wkt": aux.get_column("wkt"),
            "priogrid_gid": 181154 + b["place"],
            "country": country,
            "country_id": 600 + b["place"],
            "region": "Middle East",
            "event_clarity": 1,
            "date_prec": b["i"] % 2 + 1,
            "date_start": day,
            "date_end": end,
            "deaths_a": b["killed"] % 2,
            "deaths_b": b["killed"] // 2,
            "deaths_civilians": b["killed"] % 3,
            "deaths_unknown": 0,
            "best": b["killed"],
            "high": b["killed"] + 2,
            "low": b["killed"],
            "gwnoa": 600 + b["place"],
            "gwnob": None,
        }
    )
    frame.select(header).write_csv(path)


def run_case(code: str, path: Path, fmt: str, store: Path) -> dict:
    script = f"""
import json, time
PATH, FORMAT, STORE = {str(path)!r}, {fmt!r}, {str(store)!r}
t0 = time.perf_counter()
{code}
elapsed = time.perf_counter() - t0
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(json.dumps({{"seconds": elapsed, "rows": n, "peak_mb": int(hwm.split()[1]) / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


CASES = {
    "pandas.read_csv": "import pandas as pd; df = pd.read_csv(PATH, **OPTS); n = len(df)",
    "tl.read_events": (
        "import timeline as tl; df = tl.read_events(PATH, format=FORMAT, "
        "on_error='skip'); n = len(df)"
    ),
    "EventStore.ingest": (
        "import timeline as tl; s = tl.EventStore(STORE); "
        "r = s.ingest(PATH, format=FORMAT, on_error='skip'); n = r.added; s.close()"
    ),
}
PANDAS_OPTS = {"gdelt2": "dict(sep='\\t', header=None, dtype=str, quoting=3)"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", default=["gtd", "acled", "gdelt2", "ucdp"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    fixtures = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "fixtures"

    def header(name: str) -> list[str]:  # the published column order, from the fixtures
        return (fixtures / name).read_text(encoding="utf-8").splitlines()[0].split(",")

    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats:
            path = Path(tmp) / f"{fmt}.csv"
            if fmt == "gtd":
                make_gtd(path, args.rows, header("gtd_0718dist_utf8.csv"))
            elif fmt == "ucdp":
                make_ucdp(path, args.rows, header("ucdp_ged231.csv"))
            elif fmt == "acled":
                make_acled(path, args.rows, header("acled_current.csv"))
            else:
                make_gdelt2(path, args.rows)
            size = path.stat().st_size / 1e6
            print(f"\n{fmt}: {args.rows:,} rows, {size:,.0f} MB")
            best: dict[str, dict] = {}
            for _ in range(args.rounds):
                for name, code in CASES.items():
                    opts = PANDAS_OPTS.get(fmt, "dict(dtype=str)")
                    store = Path(tmp) / f"{fmt}-{name}.duckdb"
                    r = run_case(f"OPTS = {opts}\n{code}", path, fmt, store)
                    store.unlink(missing_ok=True)
                    if name not in best or r["seconds"] < best[name]["seconds"]:
                        best[name] = r
            base = best["pandas.read_csv"]["seconds"]
            for name, r in best.items():
                print(
                    f"  {name:<20} {r['seconds']:7.1f} s  {args.rows / r['seconds']:>10,.0f} "
                    f"rows/s  peak {r['peak_mb']:7,.0f} MB  {r['seconds'] / base:5.2f}x pandas  "
                    f"({r['rows']:,} events)"
                )
            ratio = best["EventStore.ingest"]["seconds"] / best["pandas.read_csv"]["seconds"]
            verdict = "met" if ratio <= 1 else "MISSED"
            print(f"  store ingest / pandas.read_csv: {ratio:.2f} (target <= 1: {verdict})")


if __name__ == "__main__":
    main()
