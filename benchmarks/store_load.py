"""Load speed and peak memory of the analyst CSV and each dataset format, next to pandas.

    python benchmarks/store_load.py [--rows 1000000] [--formats table gtd acled gdelt2 ucdp]
                                    [--rounds 2]

"table" is a 1,000,000-row analyst CSV (Date, Time, Group, Type, City, Country, Killed,
Source, Notes); the dataset files are made by benchmarks/ingest.py in their published
layouts. Each case runs in its own process (its peak memory is that process's VmHWM); the
cases alternate for `--rounds` rounds and the best time of each is kept (the machine is
shared). Target: the whole load into the store no slower than pandas.read_csv of the file.
"floor" is DuckDB inserting the already-mapped rows (read from Parquet) into a new store:
what a load costs with no parsing, dates, zones, ids or validation at all.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest as datasets  # benchmarks/ingest.py: the dataset layouts

GROUPS = ["Ansar Beit al-Maqdes", "ISIL", "Al Shabab", "Boko Haram", "Taliban", "Some Front"]
TYPES = ["Audio warning", "Car bomb", "Claim of responsibility", "Grenade attack", "IED", "Threat"]
COUNTRIES = ["Egypt", "Iraq", "Somalia", "Nigeria", "Afghanistan", "Kenya"]


def make_csv(path: Path, rows: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 3650, rows)
    minutes = rng.integers(0, 1440, rows)
    has_time = rng.random(rows) < 0.5
    frame = pl.DataFrame(
        {
            "Date": (np.datetime64("2010-01-01") + days).astype(str),
            "Time": [None] * rows,
            "Group": np.array(GROUPS)[rng.integers(0, len(GROUPS), rows)],
            "Type": np.array(TYPES)[rng.integers(0, len(TYPES), rows)],
            "City": [f"city {i % 500}" for i in range(rows)],
            "Country": np.array(COUNTRIES)[rng.integers(0, len(COUNTRIES), rows)],
            "Killed": rng.poisson(2, rows),
            "Source": "bench",
            "Notes": [f"synthetic row {i}" for i in range(rows)],
        }
    ).with_columns(
        Time=pl.when(pl.Series(has_time)).then(
            pl.format(
                "{}:{}",
                (pl.Series(minutes) // 60).cast(pl.Utf8).str.zfill(2),
                (pl.Series(minutes) % 60).cast(pl.Utf8).str.zfill(2),
            )
        )
    )
    frame.write_csv(path)


CASES = {
    "pandas.read_csv": "import pandas as pd; df = pd.read_csv(PATH, **OPTS); n = len(df)",
    "polars.read_csv": "import polars as pl; df = pl.read_csv(PATH, **POLARS); n = df.height",
    "tl.read_events": (
        "import timeline as tl; df = tl.read_events(PATH, format=FORMAT, on_error='skip'); "
        "n = len(df)"
    ),
    "EventStore.ingest (file store)": (
        "import timeline as tl; s = tl.EventStore(STORE); "
        "r = s.ingest(PATH, format=FORMAT, on_error='skip'); n = r.added; s.close()"
    ),
    "floor: DuckDB writes mapped rows": (  # no parsing nor mapping: the store's own cost
        "import duckdb, polars as pl; from timeline import loads, schema; "
        "con = duckdb.connect(STORE); [con.execute(q) for q in loads.ddl()]; "
        "con.execute('SET preserve_insertion_order=false'); "
        "con.register('m', pl.read_parquet(MAPPED).to_arrow()); names = ', '.join(schema.NAMES); "
        "n = con.execute(f'INSERT INTO events SELECT {names}, 1 FROM m').fetchall()[0][0]; "
        "con.close()"
    ),
}
PANDAS_OPTS = {"table": "dict()", "gdelt2": "dict(sep='\\t', header=None, dtype=str, quoting=3)"}
POLARS_OPTS = {"gdelt2": "dict(separator='\\t', has_header=False, quote_char=None)"}


def make(fmt: str, path: Path, rows: int) -> None:
    """The analyst CSV ("table") or a dataset file in its published layout."""
    if fmt == "table":
        make_csv(path, rows)
        return
    fixtures = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "fixtures"
    first = {"gtd": "gtd_0718dist_utf8.csv", "acled": "acled_current.csv",
             "ucdp": "ucdp_ged231.csv"}  # fmt: skip
    if fmt == "gdelt2":
        datasets.make_gdelt2(path, rows)
    else:
        header = (fixtures / first[fmt]).read_text(encoding="utf-8").splitlines()[0].split(",")
        getattr(datasets, f"make_{fmt}")(path, rows, header)


def mapped(path: Path, fmt: str) -> None:
    """The file's events as the store holds them, for the floor case (not timed)."""
    import timeline as tl
    from timeline.staging import stored_frame

    events = tl.read_events(path, format=fmt, on_error="skip", output="polars")
    stored_frame(events).write_parquet(path.with_suffix(".parquet"))


def bench(fmt: str, path: Path, tmp: Path, rounds: int) -> dict[str, dict]:
    """The best time of each case over `rounds` alternating rounds (each its own process)."""
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for name, code in CASES.items():
            opts = PANDAS_OPTS.get(fmt, "dict(dtype=str)")
            prelude = (
                f"OPTS = {opts}\nPOLARS = {POLARS_OPTS.get(fmt, 'dict()')}\n"
                f"MAPPED = {str(path.with_suffix('.parquet'))!r}\n"
            )
            store = tmp / f"{fmt}-store.duckdb"
            r = datasets.run_case(prelude + code, path, "auto" if fmt == "table" else fmt, store)
            store.unlink(missing_ok=True)
            if name not in best or r["seconds"] < best[name]["seconds"]:
                best[name] = r
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", nargs="+", default=["table", "gtd", "acled", "gdelt2", "ucdp"])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats:
            path = Path(tmp) / f"{fmt}.csv"
            t0 = time.perf_counter()
            make(fmt, path, args.rows)
            size = path.stat().st_size / 1e6
            made = time.perf_counter() - t0
            mapped(path, "auto" if fmt == "table" else fmt)
            print(f"\n{fmt}: {args.rows:,} rows, {size:.0f} MB (made in {made:.1f} s)")
            results = bench(fmt, path, Path(tmp), args.rounds)
            path.unlink()
            path.with_suffix(".parquet").unlink()
            base = results["pandas.read_csv"]["seconds"]
            print(f"  {'case':32} {'seconds':>8} {'rows/s':>12} {'peak MB':>9} {'vs pandas':>10}")
            for name, r in results.items():
                print(
                    f"  {name:32} {r['seconds']:8.2f} {r['rows'] / r['seconds']:12,.0f} "
                    f"{r['peak_mb']:9.0f} {r['seconds'] / base:9.2f}x"
                )
            ratio = results["EventStore.ingest (file store)"]["seconds"] / base
            verdict = "met" if ratio <= 1 else "MISSED"
            print(f"  store ingest / pandas.read_csv: {ratio:.2f} (target <= 1: {verdict})")
            floor = results["floor: DuckDB writes mapped rows"]["seconds"] / base
            print(f"  of which the store's own write (floor): {floor:.2f}x pandas.read_csv")


if __name__ == "__main__":
    main()
