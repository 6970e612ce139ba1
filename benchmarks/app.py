"""Dashboard timings with AppTest: first paint and filter changes per page, next to targets.

    python benchmarks/app.py              # ~1M events, 300 actors, day-level times
    python benchmarks/app.py --quick      # ~20k events, 60 actors (a minute or two)
    python benchmarks/app.py --pages lags,data --timeout 120
    python benchmarks/app.py --rebuild    # build the synthetic store again

The store (tl.synth.generate, every time day-level as in GTD/ACLED/UCDP) is written once to
benchmarks/out/. Each page runs in its own process, so its caches start cold and a page
that runs past --timeout is stopped (reported as "> N s"). In that process the app is
first run once on the bundled case (imports, as a running server has them), then:

- first paint: a new session opens the store on that page (reading the store, facets,
  the page's computations and chart specs: one `AppTest.run()`, whole span). The new
  session shares the warm one's component registry: a server scans the installed
  packages for components once at startup (streamlit Runtime), but each AppTest scans
  again on its first run (~0.6 s here), a cost no user's session pays;
- filter changes, each a value not asked before: one year, kinds warning+attack, one
  actor, all actors again (cached).

Targets (issue 15): first paint under 3 s, every filter change under 1 s. `--components`
also times the library calls behind the pages on the whole span (which function is slow).
Writes benchmarks/out/app.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout

OUT = ROOT / "benchmarks" / "out"
FIRST_PAINT, FILTER = 3.0, 1.0  # seconds (issue 15, item 5)
SIZES = {  # name: (groups, days, rate per group per kind per day) -> ~3.4 * g * d * r events
    "1m": (300, 2920, 0.335),
    "quick": (60, 730, 0.135),
}
FILTERS = ("one year", "+ kinds warning, attack", "+ one actor", "all actors again (cached)")


def build_store(path: Path, size: str) -> tuple[int, float]:
    """A synthetic store file (day-level times, many actors); (rows, seconds)."""
    import polars as pl

    import timeline as tl

    groups, days, rate = SIZES[size]
    t0 = time.perf_counter()
    synth = tl.synth.generate(n_groups=groups, days=days, warning_rate=rate,
                              background_rate=rate, vague_share=1.0, seed=0)  # fmt: skip
    # the table adapter reads the actor from actor_raw; keep the generated group names
    events = synth.events.with_columns(actor_raw=pl.col("actor"))
    path.unlink(missing_ok=True)
    with tl.EventStore(path) as store:
        store.ingest(events, format="table", name=f"synth-{size}")
        n = len(store)
    return n, time.perf_counter() - t0


def timed(at) -> float:
    t0 = time.perf_counter()
    at.run()
    took = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return took


def emit(step: str, secs: float) -> None:
    """One timing as a JSON line (the parent keeps those printed before a timeout)."""
    print(json.dumps({step: secs}), flush=True)


def page_worker(page: str, store: Path) -> None:
    """First paint and filter changes of one page (run in its own process)."""
    from streamlit.testing.v1 import AppTest

    from timeline_app import nav

    os.environ["TIMELINE_APP_DATA"] = str(store.parent)  # the app opens files only there
    path = nav.page(page).path
    warm = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    warm.switch_page(path)
    timed(warm)  # imports and the bundled case: what a running server already has
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at._bidi_component_manager = warm._bidi_component_manager  # scanned once, as a server does
    at.session_state["data_source"] = "Store file"
    at.session_state["store_path"] = str(store)
    at.switch_page(path)
    emit("first paint", timed(at))
    shown = [c.value for c in at.sidebar.caption if "in the store" in c.value]
    if not shown or shown[0].startswith(("0 ", "11 ")):  # the store, not the bundled case
        raise RuntimeError(f"the page did not open {store}: {shown or 'no store caption'}")
    first, last = at.sidebar.date_input[0].value
    year = (first.year + last.year) // 2
    at.sidebar.date_input[0].set_value((date(year, 1, 1), date(year, 12, 31)))
    emit(FILTERS[0], timed(at))
    at.sidebar.multiselect(key="f_kinds").set_value(["warning", "attack"])
    emit(FILTERS[1], timed(at))
    actors = at.sidebar.multiselect(key="f_actors")
    actors.set_value(actors.options[:1])
    emit(FILTERS[2], timed(at))
    at.sidebar.multiselect(key="f_actors").set_value([])
    emit(FILTERS[3], timed(at))


COMPONENTS = (
    "read store (events_pl)", "tl.lags", "tl.lag_summary", "tl.lag_summary by actor (top 20)",
    "tl.survival", "summary and survival, one fit (the Lags page)",
    "tl.baseline_test (1000 permutations)", "tl.episodes", "timeline chart spec",
)  # fmt: skip


def component_worker(name: str, store: Path) -> None:
    """One library call behind a page, on the whole store (run in its own process)."""
    import polars as pl

    import timeline as tl
    from timeline.analysis.summary import summary_and_survival

    with tl.EventStore(store, read_only=True) as s:
        t0 = time.perf_counter()
        events = s.events_pl()
        read = time.perf_counter() - t0
    pairs = tl.lags(events, "warning", "attack", "7d", output="polars")
    top = pairs.get_column("actor").value_counts(sort=True).head(20).get_column("actor")
    calls = {
        "tl.lags": lambda: tl.lags(events, "warning", "attack", "7d", output="polars"),
        "tl.lag_summary": lambda: tl.lag_summary(pairs, output="polars"),
        COMPONENTS[3]: lambda: tl.lag_summary(
            pairs.filter(pl.col("actor").is_in(top.implode())), by="actor", output="polars"
        ),
        "tl.survival": lambda: tl.survival(pairs, output="polars"),
        COMPONENTS[5]: lambda: summary_and_survival(pairs, within="7d"),
        COMPONENTS[6]: lambda: tl.baseline_test(events, "warning", "attack", "7d", seed=0),
        "tl.episodes": lambda: tl.episodes(events, "3d", output="polars"),
        "timeline chart spec": lambda: tl.charts.timeline_chart(events).to_dict(),
    }
    if name == COMPONENTS[0]:
        emit(name, read)
        return
    t0 = time.perf_counter()
    calls[name]()
    emit(name, time.perf_counter() - t0)


def in_process(args: list[str], timeout: float) -> dict[str, float | str]:
    """Run this script as a worker: its timings; a step past `timeout` is a text."""
    cmd = [sys.executable, __file__, *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        out, failed = done.stdout, done.returncode != 0
        why = "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:100]
    except subprocess.TimeoutExpired as exc:
        out, failed = exc.stdout or b"", True
        out = out.decode() if isinstance(out, bytes) else out
        why = f"> {timeout:.0f} s (stopped)"
    rows: dict[str, float | str] = {}
    for line in out.splitlines():
        if line.startswith("{"):
            rows.update(json.loads(line))
    if failed:
        rows["stopped"] = why
    return rows


def _cell(secs: float | str | None, target: float | None) -> str:
    if secs is None:
        return f"{'—':>8}"
    if isinstance(secs, str):
        return secs
    mark = "" if target is None else ("  ok" if secs < target else "  SLOW")
    return f"{secs:7.2f}s{mark}"


def report(pages: dict[str, dict], components: dict[str, dict]) -> None:
    print(f"\n{'page':<12}{'first paint':>16}{'worst filter':>16}   (targets: first paint "
          f"< {FIRST_PAINT:g} s, filter change < {FILTER:g} s)")  # fmt: skip
    for page, rows in pages.items():
        got = [rows[f] for f in FILTERS if isinstance(rows.get(f), float)]
        worst = rows.get("stopped") if len(got) < len(FILTERS) else max(got)
        print(f"{page:<12}{_cell(rows.get('first paint', rows.get('stopped')), FIRST_PAINT):>16}"
              f"{_cell(worst, FILTER):>16}")  # fmt: skip
        for f in FILTERS:
            print(f"{'':<14}filter: {f:<30}{_cell(rows.get(f), FILTER)}")
    if components:
        print("\nlibrary calls behind the pages (whole span)")
        for name, rows in components.items():
            print(f"  {name:<44}{_cell(rows.get(name, rows.get('stopped')), None)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a ~20k-event store")
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    parser.add_argument("--pages", help="comma-separated URL paths (default: every page)")
    parser.add_argument("--components", action="store_true", help="time the library calls")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per page")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--component", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.worker or args.component:
        work = page_worker if args.worker else component_worker
        work(args.worker or args.component, Path(args.store))
        return
    from timeline_app import nav

    size = "quick" if args.quick else "1m"
    store = OUT / f"synth-{size}.duckdb"
    OUT.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not store.exists():
        n, secs = build_store(store, size)
        print(f"built {store.name}: {n:,} events in {secs:.1f} s")
    wanted = args.pages.split(",") if args.pages else [p.url_path for p in nav.PAGES]
    pages = {p: in_process(["--worker", p, "--store", str(store)], args.timeout) for p in wanted}
    components = {
        c: in_process(["--component", c, "--store", str(store)], args.timeout)
        for c in (COMPONENTS if args.components else ())
    }
    report(pages, components)
    (OUT / f"app-{size}.json").write_text(json.dumps({"pages": pages, "components": components},
                                                     indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
