"""Load speed of a 1,000,000-row analyst CSV into the DuckDB store, next to pandas.read_csv.

    python benchmarks/store_load.py [--rows 1000000]

Each case runs in its own process so peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

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
    "pandas.read_csv": "import pandas as pd; df = pd.read_csv(PATH); n = len(df)",
    "polars.read_csv": "import polars as pl; df = pl.read_csv(PATH); n = df.height",
    "tl.read_events": (
        "import timeline as tl; df = tl.read_events(PATH, on_error='skip'); n = len(df)"
    ),
    "EventStore.ingest (file store)": (
        "import timeline as tl; s = tl.EventStore(STORE); "
        "r = s.ingest(PATH, on_error='skip'); n = r.added; s.close()"
    ),
}


def run_case(code: str, path: Path, store: Path) -> dict:
    script = f"""
import json, resource, time
PATH, STORE = {str(path)!r}, {str(store)!r}
t0 = time.perf_counter()
{code}
elapsed = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "rows": n, "peak_mb": rss}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        t0 = time.perf_counter()
        make_csv(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"{args.rows:,} rows, {size:.0f} MB CSV (made in {time.perf_counter() - t0:.1f} s)")
        results = {}
        for name, code in CASES.items():
            store = Path(tmp) / f"store-{len(results)}.duckdb"
            results[name] = run_case(code, path, store)
        base = results["pandas.read_csv"]["seconds"]
        print(f"{'case':34} {'seconds':>8} {'rows/s':>12} {'peak MB':>9} {'vs pandas':>10}")
        for name, r in results.items():
            print(
                f"{name:34} {r['seconds']:8.2f} {r['rows'] / r['seconds']:12,.0f} "
                f"{r['peak_mb']:9.0f} {r['seconds'] / base:9.2f}x"
            )


if __name__ == "__main__":
    main()
