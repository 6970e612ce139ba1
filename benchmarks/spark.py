"""tl.lags vs DuckDB's ASOF JOIN vs timeline.spark.lags on Spark local[2], and ingest speed.

    python benchmarks/spark.py                       # 10M and 50M events, 1M GDELT lines
    python benchmarks/spark.py --sizes 1000000 --gdelt-rows 200000      # a quick look

Each case runs in its own process; its peak memory is the largest sum of resident memory
over the process and its children (Spark's JVM and Python workers count), sampled every
0.2 s. Data: benchmarks/lags.py's (half warnings, half attacks, 1,000 actors, exact times
over one year, fixed seed). Spark reads the events from a Parquet file and the pairs go to
Spark's `noop` sink: every pair is computed, none collected. A single-process case is
skipped at 50M when its 10M peak, scaled, would not fit in the memory available now; the
note says so. Ingest: GDELT 2.0 lines (benchmarks/ingest.py's generator) read by
`tl.read_events`, and by `timeline.spark.ingest` from the same lines in 8 files.

This machine has 2 cores shared with other work: times are one run each, not best-of.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Peak:
    """The largest resident memory of this process tree, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker that just ended
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_lags(case: str, n: int, tmp: Path) -> int:
    lags_bench = _sibling("lags")
    df = lags_bench.make_events(n)
    if case == "timeline":
        return lags_bench.run_timeline(df)
    if case == "duckdb":
        return lags_bench.run_duckdb(df)
    from timeline.spark import lags, local_session

    df.write_parquet(tmp / "events.parquet")
    del df
    spark = local_session(2, memory="6g", partitions=16)
    events = spark.read.parquet(str(tmp / "events.parquet"))
    start = time.perf_counter()
    pairs = lags(events, "warning", "attack", lags_bench.WITHIN, by="actor")
    pairs.write.format("noop").mode("overwrite").save()
    return -int((time.perf_counter() - start) * 1e6)  # the time is the Spark part only


def run_ingest(case: str, n: int, tmp: Path) -> int:
    ingest_bench = _sibling("ingest")
    folder = tmp / "gdelt"
    folder.mkdir()
    whole = tmp / "20191024143000.export.CSV"
    ingest_bench.make_gdelt2(whole, n)
    if case == "ingest-local":
        import timeline as tl

        start = time.perf_counter()
        events = tl.read_events(whole, on_error="skip")
        return -int((time.perf_counter() - start) * 1e6) if len(events) else 0
    lines = whole.read_text().splitlines(keepends=True)
    step = -(-len(lines) // 8)
    for i in range(8):
        (folder / f"2019102414{i:02d}00.export.CSV").write_text("".join(lines[i * step :][:step]))
    del lines
    from timeline.spark import local_session
    from timeline.spark.ingest import ingest

    spark = local_session(2, memory="4g", partitions=8)
    start = time.perf_counter()
    ingest(spark, str(folder), str(tmp / "events"))
    return -int((time.perf_counter() - start) * 1e6)


def child(case: str, n: int) -> None:
    peak = Peak()
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as name:
        runner = run_ingest if case.startswith("ingest") else run_lags
        start = time.perf_counter()
        out = runner(case, n, Path(name))
        secs = time.perf_counter() - start if out >= 0 else -out / 1e6
    print(json.dumps({"case": case, "n": n, "seconds": secs, "peak_mb": peak.stop() / 2**20}))


def measure(case: str, n: int, timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--child", case, "--n", str(n)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"case": case, "n": n, "seconds": None, "peak_mb": None,
                "note": f"stopped after {timeout / 60:.0f} min"}  # fmt: skip
    lines = [x for x in out.stdout.strip().splitlines() if x.startswith("{")]
    if out.returncode or not lines:
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return {"case": case, "n": n, "seconds": None, "peak_mb": None, "note": tail[:80]}
    return json.loads(lines[-1])


def fits(results: list[dict], case: str, n: int) -> str | None:
    """Why `case` is skipped at `n` (its peak, scaled from the largest run, would not fit)."""
    done = [r for r in results if r["case"] == case and r["peak_mb"]]
    if not done:
        return None
    last = max(done, key=lambda r: r["n"])
    need = last["peak_mb"] * n / last["n"]
    free = psutil.virtual_memory().available / 2**20
    return None if need < 0.8 * free else f"needs ~{need / 1024:.0f} GB, {free / 1024:.0f} GB free"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--n", type=int)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000_000, 50_000_000])
    ap.add_argument("--spark-sizes", type=int, nargs="+", help="default: --sizes")
    ap.add_argument("--gdelt-rows", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per case")
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.n)
    load = ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    print(f"load average before: {load} on {psutil.cpu_count()} cores")
    print(f"{'case':<14}{'events':>12}{'seconds':>10}{'peak MB':>10}  note")
    results = []
    spark_sizes = args.spark_sizes or args.sizes
    sizes = sorted(set(args.sizes) | set(spark_sizes))
    plan = [(c, n) for n in sizes for c in ("timeline", "duckdb", "spark")
            if (n in spark_sizes if c == "spark" else n in args.sizes)]  # fmt: skip
    plan += [("ingest-local", args.gdelt_rows), ("ingest-spark", args.gdelt_rows)]
    for case, n in plan:
        skip = fits(results, case, n) if case in ("timeline", "duckdb") else None
        r = {"case": case, "n": n, "seconds": None, "peak_mb": None, "note": skip or ""}
        if not skip:
            r = measure(case, n, args.timeout)
        results.append(r)
        secs = f"{r['seconds']:.1f}" if r["seconds"] is not None else "-"
        peak = f"{r['peak_mb']:.0f}" if r["peak_mb"] is not None else "-"
        print(f"{case:<14}{n:>12,}{secs:>10}{peak:>10}  {r.get('note', '')}", flush=True)
    closing(results)


def closing(results: list[dict]) -> None:
    """Where one process stops fitting, and the throughputs the cluster sizing uses."""
    total = psutil.virtual_memory().total / 2**20
    for case in ("timeline", "duckdb"):
        done = [r for r in results if r["case"] == case and r["peak_mb"]]
        if done:
            last = max(done, key=lambda r: r["n"])
            per = last["peak_mb"] / last["n"]
            fit = total / per / 1e6
            print(f"{case}: {per * 1e6:.0f} MB per million events -> one process of this "
                  f"machine's {total / 1024:.0f} GB fits ~{fit:.0f}M events")  # fmt: skip
    for case, what in (("spark", "events paired"), ("ingest-spark", "GDELT lines mapped"),
                       ("ingest-local", "GDELT lines mapped")):  # fmt: skip
        done = [r for r in results if r["case"] == case and r["seconds"]]
        if done:
            last = max(done, key=lambda r: r["n"])
            cores = 1 if case == "ingest-local" else 2
            unit = "one process" if cores == 1 else "per core"
            rate = last["n"] / last["seconds"] / cores
            print(f"{case}: {rate:,.0f} {what} per second, {unit} ({last['n']:,} in "
                  f"{last['seconds']:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
