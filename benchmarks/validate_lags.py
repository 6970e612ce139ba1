"""Do the lag statistics tell the truth on streams whose truth we know?

    python benchmarks/validate_lags.py --quick     # 50 datasets per cell, ~3 min
    python benchmarks/validate_lags.py             # 400 datasets per cell, ~30 min
    python benchmarks/validate_lags.py --speed     # fits on a 1M-event day-level store
    python benchmarks/validate_lags.py --test-only --sizes 10,30,300,1000  # chance test only

The streams come from the simulator below (numpy only, independent of timeline.synth and
of the estimators): per scenario and size n (warnings), a null dataset (warnings and
attacks independent, sharing the scenario's burstiness and activity) and a led dataset
(60% of warnings followed by an attack after a lognormal lag, plus background attacks).
The truth is computed from true times on a separate pool of datasets (an oracle pairing
with no vagueness and no end of observation).

Columns: FPR at 0.05 / 0.01 of the chance test on null data; power (p < 0.05) on led
data (at n and at 200 warnings); coverage of the 95% intervals of P(response within the
window) (1 - S, cluster bootstrap), of the median lag (followed, complete follow-up) and
of the KM/Turnbull median time to response, all read from `tl.lag_summary` (what every
front end shows); last, the raw share's coverage of P(within), for information: under
censoring the raw share counts unseen follow-up as misses, so it is not an estimator of
the truth and not held to the target. "(se)" is the binomial standard error of each rate.
Each cell is marked against the issue's targets: "!" a miss, "=" above 99% because the
estimate's bounds alone (what the data allow, no sampling) already hold the truth in
>= 95% of datasets (the second table): day resolution, not a loose interval.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import timeline as tl

DAY = 86_400.0
US = 1_000_000
EPOCH_US = 1_388_534_400 * US  # 2014-01-01 UTC, midnight


@dataclass(frozen=True)
class Scenario:
    name: str
    days: float = 365.0
    window_d: float = 3.0
    lag_median_h: float = 12.0
    lag_sigma: float = 1.0
    background: float = 0.06  # attacks per group per day
    precision: str = "exact"  # exact | day | mixed
    shape: str = "poisson"  # poisson | bursty | trend | rising
    groups: int = 5


SCENARIOS = [
    Scenario("exact Poisson"),
    Scenario("day-level", precision="day"),
    Scenario("mixed 30% vague", precision="mixed"),
    Scenario("bursty", shape="bursty"),
    Scenario("shared activity trend", shape="trend", background=0.04),
    Scenario(
        "end-of-observation",
        days=60.0,
        window_d=5.0,
        lag_median_h=24.0,
        lag_sigma=0.8,
        background=0.02,
        shape="rising",
        groups=30,
    ),
]


# ---- simulation (true times in seconds from the start) ----------------------------------


def _activity(rng, sc: Scenario, days: float) -> np.ndarray:
    """Per group, one activity level per 30-day month: active (x3) or quiet (x1/3)."""
    months = int(np.ceil(days / 30))
    return np.where(rng.random((sc.groups, months)) < 0.5, 3.0, 1 / 3)


def _times(rng, sc: Scenario, n: int, act: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """n event times (and groups) following the scenario's shape."""
    span = sc.days * DAY
    if sc.shape == "trend":
        w = act.ravel() / act.sum()
        cell = rng.choice(w.size, size=n, p=w)
        g, m = np.divmod(cell, act.shape[1])
        t = (m + rng.random(n)) * 30 * DAY
        keep = t < span
        return g[keep], t[keep]
    g = rng.integers(0, sc.groups, n)
    if sc.shape == "rising":
        return g, span * np.sqrt(rng.random(n))
    if sc.shape == "bursty":
        n_c = max(1, n // 4)
        centre = rng.random((sc.groups, n_c)) * span
        t = centre[g, rng.integers(0, n_c, n)] + rng.exponential(6 * 3600, n)
        return g, t
    return g, rng.random(n) * span


def simulate(rng, sc: Scenario, n: int, led: bool) -> dict:
    """True times of warnings and attacks; attacks are simulated past the end too."""
    act = _activity(rng, sc, sc.days + sc.window_d * 2)
    wg, wt = _times(rng, sc, n, act)
    n_bg = rng.poisson(sc.background * sc.groups * (sc.days + 2 * sc.window_d))
    ext = Scenario(**{**sc.__dict__, "days": sc.days + 2 * sc.window_d})
    ag, at = _times(rng, ext, n_bg, act)
    if led:
        follow = rng.random(wg.size) < 0.6
        lag = np.exp(np.log(sc.lag_median_h * 3600) + sc.lag_sigma * rng.standard_normal(wg.size))
        ag = np.concatenate([ag, wg[follow]])
        at = np.concatenate([at, wt[follow] + lag[follow]])
    return {"wg": wg, "wt": wt, "ag": ag, "at": at}


def oracle(sim: dict, window: float) -> tuple[np.ndarray, np.ndarray]:
    """Per warning: time to the first attack at or after it (inf if none), and hit flag."""
    key_a = sim["ag"] * 1e9 + sim["at"]
    order = np.sort(key_a)
    key_w = sim["wg"] * 1e9 + sim["wt"]
    j = np.searchsorted(order, key_w, side="left")
    nxt = np.where(j < order.size, order[np.minimum(j, order.size - 1)], np.inf)
    same = np.floor(nxt / 1e9) == sim["wg"]
    t = np.where(same, nxt - key_w, np.inf)
    return t, t <= window


def to_events(rng, sim: dict, sc: Scenario) -> pl.DataFrame:
    """The observed table: events up to the end of observation, at the scenario's precision."""
    t = np.concatenate([sim["wt"], sim["at"]])
    g = np.concatenate([sim["wg"], sim["ag"]])
    kind = np.repeat(["warning", "attack"], [sim["wt"].size, sim["at"].size])
    seen = (t >= 0) & (t < sc.days * DAY)
    t, g, kind = t[seen], g[seen], kind[seen]
    us = np.round(t * US).astype(np.int64)
    vague = {"exact": 0.0, "day": 1.0, "mixed": 0.3}[sc.precision] > rng.random(t.size)
    day_us = int(DAY * US)
    start = np.where(vague, us // day_us * day_us, us)
    end = np.where(vague, start + day_us, start)
    dt = pl.Datetime("us", "UTC")
    return pl.DataFrame({
        "event_id": np.arange(t.size).astype(str), "kind": kind,
        "t_start": pl.Series(EPOCH_US + start).cast(dt),
        "t_end": pl.Series(EPOCH_US + end).cast(dt), "actor": g.astype(str),
    })  # fmt: skip


# ---- one dataset through the product ------------------------------------------------------


def analyse(events: pl.DataFrame, sc: Scenario, n_boot: int) -> dict:
    """The product's figures for one dataset: `tl.lag_summary`, as every front end shows it."""
    within = f"{sc.window_d:g}d"
    until = datetime.fromtimestamp((EPOCH_US + int(sc.days * DAY * US)) / US, tz=UTC)
    pairs = tl.lags(events, "warning", "attack", within, until=until, output="polars")
    row = tl.lag_summary(pairs, within=within, n_boot=n_boot, output="polars").row(0, named=True)

    def figure(name: str, scale: float) -> dict:
        as_num = lambda v: np.inf if v is None else v / scale  # noqa: E731
        cols = {"ci_low": "_low", "ci_high": "_high", "set_low": "_min", "set_high": "_max"}
        return {k: as_num(row[f"{name}{c}"]) for k, c in cols.items()}

    second = timedelta(seconds=1)
    out = {
        "share": figure("hit_rate", 1.0),
        "p_within": figure("p_within", 1.0),
        "median_lag": figure("median", second),
        "median_time": figure("km_median", second),
    }
    if row["median_low"] is None:  # no followed trigger: no interval
        out["median_lag"] = dict.fromkeys(out["median_lag"])
    return out


BLOCK: str | None = None  # --block: the chance test's block (default: the product's)
METHOD = "block"  # --method: the chance test's null (default: the product's)
TEST_ONLY = False  # --test-only: the chance test's columns, no coverage (no bootstrap)


def p_value(events: pl.DataFrame, sc: Scenario, n_perm: int, seed: int) -> float:
    r = tl.baseline_test(events, "warning", "attack", f"{sc.window_d:g}d",
                         n_permutations=n_perm, seed=seed, block=BLOCK,
                         method=METHOD)  # fmt: skip
    return r.p_value


def covers(row: dict, truth: float, low: str = "ci_low", high: str = "ci_high") -> bool:
    lo, hi = row[low], row[high]
    return lo is not None and hi is not None and lo - 1e-9 <= truth <= hi + 1e-9


def bounds_cover(row: dict, truth: float) -> bool:
    """Does what the data allow (the estimate's bounds, no sampling at all) hold the truth?"""
    return covers(row, truth, "set_low", "set_high")


# ---- truth and the table --------------------------------------------------------------------


def truth(sc: Scenario, n: int, pool: int, seed: int) -> dict:
    """Pooled over `pool` led datasets of this size: hit probability, medians."""
    rng = np.random.default_rng(seed)
    ts = np.concatenate([oracle(simulate(rng, sc, n, True), sc.window_d * DAY)[0]
                         for _ in range(pool)])  # fmt: skip
    w = sc.window_d * DAY
    hit = ts <= w
    med_time = float(np.quantile(ts, 0.5)) if hit.mean() >= 0.5 else np.inf
    return {"p_within": hit.mean(), "median_lag": float(np.median(ts[hit])),
            "median_time": med_time}  # fmt: skip


def rate(x: list[bool]) -> str:
    a = np.asarray(x, float)
    if a.size == 0:
        return f"{'-':>13}"
    p = a.mean()
    return f"{f'{p:.1%} ({np.sqrt(p * (1 - p) / a.size):.1%})':>13}"


FIGURES = ("p_within", "share", "median_lag", "median_time")


def run_cell(sc: Scenario, n: int, reps: int, n_perm: int, n_boot: int) -> dict:
    base = zlib.crc32(f"{sc.name}/{n}".encode()) % 10**6
    tr = None if TEST_ONLY else truth(sc, n, pool=max(200, 20_000 // n), seed=base + 7)
    out = {k: [] for k in ("fp05", "fp01", "power", *FIGURES,
                           *(f"set_{f}" for f in FIGURES))}  # fmt: skip
    for i in range(reps):  # the loop is over experiments, one dataset each
        rng = np.random.default_rng([base, i])
        null = to_events(rng, simulate(rng, sc, n, False), sc)
        p0 = p_value(null, sc, n_perm, seed=i)
        out["fp05"].append(p0 < 0.05)
        out["fp01"].append(p0 < 0.01)
        led = to_events(rng, simulate(rng, sc, n, True), sc)
        out["power"].append(p_value(led, sc, n_perm, seed=i) < 0.05)
        if TEST_ONLY:
            continue
        rows = analyse(led, sc, n_boot)
        for f in FIGURES:  # the raw share is read against P(response within the window)
            true = tr["p_within" if f == "share" else f]
            out[f].append(covers(rows[f], true))
            out[f"set_{f}"].append(bounds_cover(rows[f], true))
    return out


def power_at(sc: Scenario, n: int, reps: int, n_perm: int) -> list[bool]:
    out = []
    for i in range(reps):
        rng = np.random.default_rng([zlib.crc32(sc.name.encode()), 99, i])
        led = to_events(rng, simulate(rng, sc, n, True), sc)
        out.append(p_value(led, sc, n_perm, seed=i) < 0.05)
    return out


def speed(n_events: int = 1_000_000, n_triggers: int = 124_000) -> None:
    """Interval-data fits on the pairs of a day-level store of `n_events` events."""
    rng = np.random.default_rng(0)
    n_groups, days = 1000, 365
    g = rng.integers(0, n_groups, n_events)
    t = rng.random(n_events) * days * DAY
    sim = {"wg": g[:n_triggers], "wt": t[:n_triggers], "ag": g[n_triggers:],
           "at": t[n_triggers:]}  # fmt: skip
    sc = Scenario("speed", days=days, window_d=7.0, precision="day", groups=n_groups)
    events = to_events(rng, sim, sc)
    pairs = tl.lags(events, "warning", "attack", "7d", output="polars")
    for n_boot in (0, 200, 500):  # best of 3: the machine is shared
        best = [np.inf, np.inf]
        for _ in range(3):
            t0 = time.perf_counter()
            summary = tl.lag_summary(pairs, within="7d", n_boot=n_boot, output="polars")
            t1 = time.perf_counter()
            curve = tl.survival(pairs, within="7d", n_boot=n_boot, output="polars")
            t2 = time.perf_counter()
            best = [min(best[0], t1 - t0), min(best[1], t2 - t1)]
        print(f"{events.height:,} events, {pairs.height:,} triggers (day-level), "
              f"{n_boot} bootstrap replicates: lag_summary {best[0]:.2f} s, "
              f"survival {best[1]:.2f} s ({curve.height} curve points; best of 3)")  # fmt: skip
    from timeline import display

    print(display.text_table(display.summary_table(summary, short=True), max_width=60))


LEGEND = """\
Targets (issue 12): FPR at 0.05 within 2-8% in every scenario (all are null data for the
test); power >= 90% at 200 warnings; coverage 90-99% at n >= 30 of P(within), median lag
and KM/Turnbull median. Marks: "!" misses its target; "=" covers above 99% because what
the data allow already holds the truth (second table: the estimate's bounds alone, no
allowance for sampling, contain it in >= 95% of datasets, the nominal level), so an
interval that adds sampling to those bounds covers more: resolution, not a loose
interval.
P(within) = 1 - S(window) (Kaplan-Meier/Turnbull, censored triggers censored) is the hit
rate the coverage target applies to. The raw share (followed / triggers, "info") counts
a trigger seen for less than the window as a miss: under censoring it estimates less than
the truth, so it is shown next to P(within) and not held to the target."""


def mark(kind: str, x: list[bool], n: int, bounds: list[bool] | None = None) -> str:
    """The rate, its SE and a mark against the issue's target ("!" miss, "=" inherent)."""
    if len(x) == 0:  # not measured (--test-only)
        return rate(x) + " "
    p, text = np.mean(x), rate(x)
    if kind == "fpr" and not 0.02 <= p <= 0.08:
        return text + "!"
    if kind == "power" and p < 0.90:
        return text + "!"
    if kind == "cov" and n >= 30 and not 0.90 <= p <= 0.99:
        inherent = p > 0.99 and bounds is not None and np.mean(bounds) >= 0.95
        return text + ("=" if inherent else "!")
    return text + " "


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="50 datasets per cell")
    ap.add_argument("--reps", type=int, default=None)
    ap.add_argument("--sizes", default="10,30,300")
    ap.add_argument("--speed", action="store_true", help="time the fits on a 1M-event store")
    ap.add_argument("--only", default="", help="scenarios whose name contains this")
    ap.add_argument("--block", default=None, help="the chance test's block, e.g. 7d")
    ap.add_argument("--method", default="block", help="the chance test's null")
    ap.add_argument("--test-only", action="store_true", help="chance test only, no coverage")
    ap.add_argument("--json", default=None, help="also write every cell's rates here")
    args = ap.parse_args()
    global BLOCK, METHOD, TEST_ONLY
    BLOCK, METHOD, TEST_ONLY = args.block, args.method, args.test_only
    if args.speed:
        return speed()
    reps = args.reps or (50 if args.quick else 400)
    n_perm, n_boot = (199, 200) if args.quick else (499, 400)
    sizes = [int(s) for s in args.sizes.split(",")]
    t0 = time.perf_counter()
    w = 14
    head = (f"{'scenario':<22} {'n':>4} | {'FPR@.05':>{w}} {'FPR@.01':>{w}} {'power':>{w}} | "
            f"{'cov P(within)':>{w}} {'cov med lag':>{w}} {'cov KM/TB med':>{w}} | "
            f"{'raw share info':>{w}}")  # fmt: skip
    print(f"{reps} datasets per row; {n_perm} permutations; {n_boot} bootstrap replicates; "
          f"rate (binomial SE)")  # fmt: skip
    print(head)
    print("-" * len(head))
    second, cells = [], {}
    for sc in [s for s in SCENARIOS if args.only in s.name]:
        for n in sizes:
            o = run_cell(sc, n, reps, n_perm, n_boot)
            cov = [mark("cov", o[f], n, o[f"set_{f}"]) for f in ("p_within", "median_lag",
                                                                 "median_time")]  # fmt: skip
            test = [mark("fpr", o["fp05"], n), rate(o["fp01"]) + " ", rate(o["power"]) + " "]
            print(f"{sc.name:<22} {n:>4} | {' '.join(test)} | {' '.join(cov)} | "
                  f"{rate(o['share'])}", flush=True)  # fmt: skip
            second.append((sc.name, n, [rate(o[f"set_{f}"]) for f in FIGURES]))
            cells[f"{sc.name}/{n}"] = {k: [float(np.mean(v)), len(v)] for k, v in o.items() if v}
        pw = power_at(sc, 200, reps, n_perm)
        cells[f"{sc.name}/power200"] = {"power": [float(np.mean(pw)), len(pw)]}
        print(f"{sc.name:<22} {200:>4} | {'':>{w}} {'':>{w}} {mark('power', pw, 200)} | "
              "(power at 200 warnings, 60% followed)", flush=True)  # fmt: skip
    print("\nWhat the data allow: share of datasets whose estimate bounds (_min.._max, no "
          "sampling) contain the truth")  # fmt: skip
    print(f"{'scenario':<22} {'n':>4} | {'P(within)':>{w}} {'raw share':>{w}} "
          f"{'median lag':>{w}} {'KM/TB median':>{w}}")  # fmt: skip
    for name, n, row in second:
        print(f"{name:<22} {n:>4} | {' '.join(f'{c:>{w}}' for c in row)}")
    print("\n" + LEGEND)
    if args.json:
        Path(args.json).write_text(json.dumps(cells, indent=1))
    print(f"done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
