"""Dashboard timings with AppTest: first render on the bundled case, then 1M events.

    python benchmarks/app.py              # ~1M synthetic events (store built once, kept)
    python benchmarks/app.py --rebuild    # build the synthetic store again

The synthetic store (tl.synth.generate: 100 groups over 8 years, ~1M events) is written
once to benchmarks/out/synth-1m.duckdb. Each figure is the wall time of one `AppTest.run()`
(the whole script: sidebar, queries, computations, chart spec), in one process, so caches
warm up as a real server's would. Prints a table and writes benchmarks/out/app.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout

import polars as pl  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import timeline as tl  # noqa: E402
from timeline_app import nav  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
STORE = OUT / "synth-1m.duckdb"


def build_store(path: Path) -> tuple[int, float]:
    """~1M synthetic events in a store file; (rows, seconds)."""
    t0 = time.perf_counter()
    synth = tl.synth.generate(
        n_groups=100, days=2920, warning_rate=1.0, background_rate=1.0, seed=0
    )
    events = (
        synth.events if isinstance(synth.events, pl.DataFrame) else pl.from_pandas(synth.events)
    )
    # the table adapter reads the actor from actor_raw; keep the generated group names
    events = events.with_columns(actor_raw=pl.col("actor"))
    path.unlink(missing_ok=True)
    with tl.EventStore(path) as store:
        store.ingest(events, format="table", name="synth-1m")
        n = len(store)
    return n, time.perf_counter() - t0


def timed(at: AppTest) -> float:
    t0 = time.perf_counter()
    at.run()
    took = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return took


def bundled_case() -> dict[str, float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    first = timed(at)
    at.sidebar.text_input(key="q_within").input("1d")
    window = timed(at)
    at.switch_page(nav.page("lags").path)
    lags = timed(at)
    return {
        "first render (cold process)": first,
        "window 7d -> 1d": window,
        "switch to Lags page": lags,
    }


def million(path: Path) -> dict[str, float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    timed(at)
    at.sidebar.radio(key="data_source").set_value("Store file")
    timed(at)
    at.sidebar.text_input(key="store_path").input(str(path))
    out = {"open store, first render (read all, facets, bin)": timed(at)}
    dates = at.sidebar.date_input[0]
    dates.set_value((date(2016, 1, 1), date(2016, 12, 31)))
    out["filter: one year"] = timed(at)
    at.sidebar.multiselect(key="f_kinds").set_value(["warning", "attack"])
    out["filter: + kinds warning, attack"] = timed(at)
    actors = at.sidebar.multiselect(key="f_actors").options
    at.sidebar.multiselect(key="f_actors").set_value(actors[:1])
    out["filter: + one actor (unbinned, with lag links)"] = timed(at)
    at.sidebar.multiselect(key="f_actors").set_value([])
    out["filter: back to all actors (cached)"] = timed(at)
    at.sidebar.multiselect(key="f_kinds").set_value(["attack", "claim"])
    out["filter: kinds attack, claim"] = timed(at)
    at.sidebar.multiselect(key="f_kinds").set_value([])
    timed(at)
    at.switch_page(nav.page("lags").path)
    out["Lags page, one year (first visit)"] = timed(at)
    at.sidebar.text_input(key="q_within").input("3d")
    out["Lags page, window 7d -> 3d"] = timed(at)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the 1M store again")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {"bundled case (11 events)": bundled_case()}
    if args.rebuild or not STORE.exists():
        n, secs = build_store(STORE)
        results["setup"] = {f"build store ({n:,} events)": secs}
    with tl.EventStore(STORE, read_only=True) as store:
        n = len(store)
    results[f"synthetic store ({n:,} events)"] = million(STORE)
    for section, rows in results.items():
        print(f"\n{section}")
        for name, secs in rows.items():
            print(f"  {name:<52} {secs:7.2f} s")
    (OUT / "app.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
