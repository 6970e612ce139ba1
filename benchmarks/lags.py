"""Time (best of 3) and peak memory: tl.lags vs DuckDB ASOF, pandas merge_asof, a naive loop.

    python benchmarks/lags.py            # 1M and 10M events (+ naive loop and baseline at 100k)
    python benchmarks/lags.py --quick    # 1M only

Each case runs in its own subprocess, so peak memory (ru_maxrss) is per case. Data: half
warnings, half attacks, 1,000 groups, exact times over one year, fixed seed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

YEAR_US = 365 * 86_400_000_000
WITHIN = "7d"
WITHIN_US = 7 * 86_400_000_000


def make_events(n: int, seed: int = 0) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    t = pl.Series(1_388_534_400_000_000 + rng.integers(0, YEAR_US, n)).cast(
        pl.Datetime("us", "UTC")
    )
    return pl.DataFrame(
        {
            "event_id": pl.int_range(n, eager=True).cast(pl.Utf8),
            "kind": pl.Series(np.where(np.arange(n) % 2 == 0, "warning", "attack")),
            "t_start": t,
            "t_end": t,
            "actor": pl.Series(rng.integers(0, 1000, n)).cast(pl.Utf8),
        }
    )


def split(df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    pts = df.with_columns(mid=pl.col("t_start").dt.epoch("us"))
    trig = pts.filter(pl.col("kind") == "warning").select("actor", "event_id", "mid")
    resp = pts.filter(pl.col("kind") == "attack").select("actor", "event_id", "mid")
    return trig, resp


def run_timeline(df):
    import timeline as tl

    return len(tl.lags(df, "warning", "attack", WITHIN))


def run_duckdb(df):
    import duckdb

    trig, resp = split(df)
    con = duckdb.connect()
    con.register("trig", trig.to_arrow())
    con.register("resp", resp.to_arrow())
    q = f"""SELECT t.actor, t.event_id AS trigger_id,
            CASE WHEN r.mid - t.mid <= {WITHIN_US} THEN r.event_id END AS response_id,
            CASE WHEN r.mid - t.mid <= {WITHIN_US} THEN r.mid - t.mid END AS lag
            FROM trig t ASOF LEFT JOIN resp r ON t.actor = r.actor AND r.mid >= t.mid"""
    return len(con.sql(q).fetch_arrow_table())


def run_pandas(df):
    trig, resp = (x.to_pandas().sort_values("mid") for x in split(df))
    out = pd.merge_asof(
        trig, resp, on="mid", by="actor", direction="forward", tolerance=WITHIN_US,
        suffixes=("", "_r"),
    )  # fmt: skip
    return len(out)


def run_naive(df):
    trig, resp = (x.to_pandas() for x in split(df))
    groups = {k: g.sort_values("mid") for k, g in resp.groupby("actor")}
    rows = []
    for t in trig.itertuples():  # the loop we want to avoid
        g = groups.get(t.actor)
        hit = g[(g["mid"] >= t.mid) & (g["mid"] - t.mid <= WITHIN_US)] if g is not None else []
        rows.append(hit["event_id"].iloc[0] if len(hit) else None)
    return len(rows)


def run_baseline(df):
    import timeline as tl

    return tl.baseline_test(df, "warning", "attack", "2d", n_permutations=1000).n_triggers


CASES = {
    "timeline": run_timeline, "duckdb": run_duckdb, "pandas": run_pandas,
    "naive": run_naive, "baseline": run_baseline,
}  # fmt: skip


def child(case: str, n: int) -> None:
    if case != "naive":
        CASES[case](make_events(1000, seed=1))  # warm up imports and thread pools
    df = make_events(n)
    secs = float("inf")
    for _ in range(1 if case == "naive" else 3):  # best of three: less noise from the machine
        start = time.perf_counter()
        rows = CASES[case](df)
        secs = min(secs, time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"case": case, "n": n, "rows": rows, "seconds": secs, "peak_mb": peak_mb}))


def measure(case: str, n: int) -> dict:
    cmd = [sys.executable, __file__, "--child", case, "--n", str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--n", type=int)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.n)
    sizes = [1_000_000] if args.quick else [1_000_000, 10_000_000]
    plan = [(c, n) for n in sizes for c in ("timeline", "duckdb", "pandas")]
    plan += [("naive", 100_000), ("timeline", 100_000), ("baseline", 100_000)]
    print(f"{'case':<10}{'events':>12}{'rows':>12}{'seconds':>10}{'peak MB':>10}")
    results = []
    for case, n in plan:
        r = measure(case, n)
        results.append(r)
        print(f"{case:<10}{n:>12,}{r['rows']:>12,}{r['seconds']:>10.3f}{r['peak_mb']:>10.0f}")
    by = {(r["case"], r["n"]): r["seconds"] for r in results}
    for n in sizes:
        ratio = by[("duckdb", n)] / by[("timeline", n)]
        print(f"at {n:,}: timeline is {ratio:.2f}x DuckDB's speed")
    print(f"at 100,000: timeline is {by[('naive', 100_000)] / by[('timeline', 100_000)]:.0f}x "
          "the naive loop")  # fmt: skip


if __name__ == "__main__":
    main()
