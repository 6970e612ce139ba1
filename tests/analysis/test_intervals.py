"""Interval-data estimators: hand-computed semantics, an independent EM, lifelines, bootstrap."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from lifelines import KaplanMeierFitter

import timeline as tl
from timeline.analysis import bootstrap, turnbull
from timeline.analysis.hitrate import time_to_response
from timeline.analysis.intervals import lag_quantiles, order_statistic
from timeline.analysis.responsetime import median_bounds

H, D = 3600.0, 86400.0
INF = np.inf


def rows(table) -> dict[str, dict]:
    return {r["statistic"]: r for r in table.iter_rows(named=True)}


def test_same_day_pair_is_never_a_lag_of_zero():
    # warning and attack on the same day: lag in (-1 d, 1 d), order unknown
    q = rows(lag_quantiles(np.array([-D]), np.array([D])))["median"]
    assert q["estimate"] is None and (q["estimate_low"], q["estimate_high"]) == (0.0, D)
    fit = turnbull.fit(np.array([0.0]), np.array([D]))
    assert fit.q.tolist() == [0.0] and fit.p.tolist() == [D]  # an interval, not a point at 0
    t = rows(time_to_response(np.array([-D]), np.array([D]), np.array([False]),
                              np.array([3 * D]), within=3 * D, n_boot=20))  # fmt: skip
    assert (t["share"]["estimate_low"], t["share"]["estimate_high"]) == (0.0, 1.0)
    assert t["share"]["estimate"] == pytest.approx(0.5)  # half its interval is after
    assert t["median_time"]["estimate"] is None
    assert t["median_time"]["estimate_high"] == INF  # as a miss, never reached


def test_day_level_lags_do_not_pile_on_the_shared_day_boundary():
    # 5 same-day (0, 1 d), 3 next-day (0, 2 d), 1 two days later (1 d, 3 d)
    fit = turnbull.fit(np.array([0, 0, D]), np.array([D, 2 * D, 3 * D]), np.array([5, 3, 1.0]))
    assert fit.q.tolist() == [0, D] and fit.p.tolist() == [D, 2 * D]
    # likelihood 5 ln a + 3 ln(a + b) + ln b with a + b = 1 -> a = 5/6
    np.testing.assert_allclose(fit.mass[0], [5 / 6, 1 / 6], atol=1e-6)
    low, high = median_bounds(fit)
    assert (low[0], high[0]) == (0.0, D)


def test_one_vague_lag_gives_its_bounds(cairo_events):
    pairs = tl.lags(cairo_events, "warning", "attack", "3d")  # Thursday -> early Friday
    lo = pairs["lag_min"].dt.total_seconds().to_numpy()
    hi = pairs["lag_max"].dt.total_seconds().to_numpy()
    assert (lo[0], hi[0]) == (4 * H, 33 * H)
    med = rows(lag_quantiles(lo, hi))["median"]
    assert (med["estimate_low"], med["estimate_high"]) == (4 * H, 33 * H)
    assert (med["ci_low"], med["ci_high"]) == (4 * H, 33 * H)
    t = rows(time_to_response(lo, hi, pairs["censored"].to_numpy(),
                              pairs["followup"].dt.total_seconds().to_numpy(),
                              within=3 * D, n_boot=20))  # fmt: skip
    assert t["median_time"]["estimator"] == "turnbull"
    assert (t["median_time"]["estimate_low"], t["median_time"]["estimate_high"]) == (4 * H, 33 * H)


def test_infinite_bound_stays_infinite():
    # 1 of 3 followed within 7 d: the median is not reached
    t = rows(time_to_response(np.array([5 * H, np.nan, np.nan]), np.array([5 * H, np.nan, np.nan]),
                              np.array([False, True, True]), np.full(3, 7 * D), within=7 * D,
                              n_boot=50))  # fmt: skip
    med = t["median_time"]
    assert med["estimator"] == "kaplan-meier"
    # at least the whole window, and beyond it nothing is seen: "7 d to not reached"
    assert (med["estimate_low"], med["estimate_high"], med["ci_high"]) == (7 * D, INF, INF)
    assert t["p_within"]["estimate"] == pytest.approx(1 / 3)


def test_hit_rate_counts_short_followup_as_censored_not_missed():
    # lags 1 h, 2 h; one unfollowed after the full 10 h window; one seen for only 1.5 h
    lag = np.array([H, 2 * H, np.nan, np.nan])
    t = rows(time_to_response(lag, lag, np.array([False, False, True, True]),
                              np.array([10 * H, 10 * H, 10 * H, 1.5 * H]), within=10 * H,
                              n_boot=50))  # fmt: skip
    assert t["share"]["estimate"] == pytest.approx(0.5)
    # Kaplan-Meier: S(1 h) = 3/4; the 1.5 h one leaves; S(2 h) = 3/4 * 1/2
    assert t["p_within"]["estimate"] == pytest.approx(1 - 3 / 8)
    assert t["p_within"]["estimator"] == "kaplan-meier"


def test_share_bounds_count_order_unknown_pairs_as_misses_and_as_hits():
    lag_min = np.array([H, -12 * H, np.nan, np.nan])
    lag_max = np.array([H, 36 * H, np.nan, np.nan])
    t = rows(time_to_response(lag_min, lag_max, np.array([False, False, True, True]),
                              np.full(4, 3 * D), within=3 * D, n_boot=50))  # fmt: skip
    share = t["share"]
    assert (share["estimate_low"], share["estimate_high"]) == (0.25, 0.5)
    assert share["estimate"] == pytest.approx((1 + 36 / 48) / 4)  # 3/4 of it after the trigger
    assert t["p_within"]["estimate_low"] == pytest.approx(0.25)
    assert t["p_within"]["estimate_high"] == pytest.approx(0.5)


def naive_turnbull(left, right, iters=3_000):
    """Independent EM: innermost intervals by brute force over candidate end points."""
    exact = left == right
    cands = np.unique(np.concatenate([left, right]))
    cands = cands[np.isfinite(cands)]
    # a candidate cell is either a point {c} or an open gap (c_i, c_i+1) or (c_last, inf)
    cells = [(c, c) for c in cands] + list(zip(cands, [*cands[1:], INF], strict=True))

    def contains(i, cell):
        a, b = cell
        if a == b:  # a point lies in a closed row, or inside an open row
            return (left[i] <= a <= right[i]) if exact[i] else (left[i] < a < right[i])
        return left[i] <= a and b <= right[i]  # an open gap inside the row's span

    alpha = np.array([[contains(i, c) for c in cells] for i in range(left.size)], float)
    mass = np.full(len(cells), 1 / len(cells))
    for _ in range(iters):
        mass = mass * (alpha / (alpha @ mass)[:, None]).mean(axis=0)
    return cells, mass


@pytest.mark.parametrize("seed", [0, 1])
def test_turnbull_matches_an_independent_em(seed):
    rng = np.random.default_rng(seed)
    lo = rng.integers(0, 6, 25).astype(float)
    width = rng.choice([0.0, 1.0, 2.0, INF], 25, p=[0.3, 0.3, 0.3, 0.1])
    hi = lo + width
    fit = turnbull.fit(lo, hi, tol=1e-12, max_iter=30_000)  # SQUAREM: converged
    cells, mass = naive_turnbull(lo, hi)
    for t in (0.5, 1.0, 2.5, 4.0, 7.0):  # P(lag <= t) where both fits pin it
        ours = fit.mass[0, fit.p <= t].sum()
        theirs = sum(m for (a, b), m in zip(cells, mass, strict=True) if b <= t)
        assert ours == pytest.approx(theirs, abs=2e-3), t


def test_weighted_distinct_rows_equal_repeated_rows():
    left, right = np.array([0.0, 1, 0, 2]), np.array([2.0, 3, 1, 5])
    w = np.array([3, 1, 2, 4])
    a = turnbull.fit(left, right, w.astype(float), tol=1e-12)
    b = turnbull.fit(np.repeat(left, w), np.repeat(right, w), tol=1e-12)
    np.testing.assert_allclose(a.mass, b.mass, atol=1e-8)


def test_kaplan_meier_path_matches_lifelines():
    rng = np.random.default_rng(7)
    t = np.round(rng.exponential(10, 60), 1)
    e = rng.random(60) < 0.7
    fit = turnbull.fit(t, np.where(e, t, INF))
    km = KaplanMeierFitter().fit(t, e)
    surv = km.survival_function_at_times(fit.q[np.isfinite(fit.p)]).to_numpy()
    np.testing.assert_allclose(1 - np.cumsum(fit.mass[0])[np.isfinite(fit.p)], surv, atol=1e-10)
    low, _ = median_bounds(fit)
    assert low[0] == km.median_survival_time_


def test_exact_order_statistic_bootstrap_matches_drawn_replicates():
    rng = np.random.default_rng(3)
    x = np.round(rng.lognormal(2, 1, 40), 1)
    point, low, high = order_statistic(x, 0.5, 0.95)
    k = int(np.ceil(0.5 * x.size))
    draws = np.sort(x[rng.integers(0, x.size, (20_000, x.size))], axis=1)[:, k - 1]
    assert point == np.sort(x)[k - 1]
    assert low == np.quantile(draws, 0.025, method="inverted_cdf")
    assert high == np.quantile(draws, 0.975, method="inverted_cdf")


def test_cluster_bootstrap_widens_the_interval_when_hits_come_in_bursts():
    # 20 bursts of 10 triggers each; a burst is all hits or all misses
    burst_hit = np.random.default_rng(1).random(20) < 0.5
    hit = np.repeat(burst_hit, 10)
    lag = np.where(hit, H, np.nan)
    time_s = np.repeat(np.arange(20) * 40 * D, 10) + np.tile(np.arange(10) * 60.0, 20)
    args = (lag, lag, ~hit, np.full(200, 3 * D))
    iid = rows(time_to_response(*args, within=3 * D, n_boot=400))["p_within"]
    clu = rows(time_to_response(*args, within=3 * D, trigger_time=time_s, n_boot=400))
    clu = clu["p_within"]
    assert "cluster" in clu["interval"] and "triggers" in iid["interval"]
    assert clu["ci_high"] - clu["ci_low"] > 2.5 * (iid["ci_high"] - iid["ci_low"])


def test_replicate_counts_keep_the_number_of_triggers():
    inverse = np.array([0, 0, 1, 2, 2, 2])
    counts = bootstrap.replicate_counts(inverse, 3, n_boot=50, seed=0)
    assert counts[0].tolist() == [2, 1, 3] and np.all(counts.sum(axis=1) == 6)
    clustered = bootstrap.replicate_counts(inverse, 3, n_boot=50, seed=0,
                                           cluster=np.array([0, 0, 1, 1, 2, 2]))  # fmt: skip
    assert clustered.shape == (51, 3) and np.all(clustered.sum(axis=1) == 6)


def day_level_streams(seed: int, n_warn: int = 60, n_attack: int = 150) -> pl.DataFrame:
    """Independent warning and attack streams over 120 days, both known to the day."""
    rng = np.random.default_rng(seed)
    day_us = 86_400_000_000
    t = rng.integers(0, 120 * day_us, n_warn + n_attack) // day_us * day_us + 1_388_534_400_000_000
    dt = pl.Datetime("us", "UTC")
    return pl.DataFrame({
        "event_id": [str(i) for i in range(t.size)],
        "kind": ["warning"] * n_warn + ["attack"] * n_attack,
        "t_start": pl.Series(t).cast(dt), "t_end": pl.Series(t + day_us).cast(dt),
        "actor": rng.choice(["a", "b"], t.size),
    })  # fmt: skip


def test_chance_test_is_calibrated_on_day_level_data_where_the_uniform_null_is_not():
    p_block, p_uniform = [], []
    for seed in range(40):
        ev = day_level_streams(seed)
        for method, out in (("block", p_block), ("uniform", p_uniform)):
            r = tl.baseline_test(ev, within="2d", n_permutations=99, seed=seed, method=method)
            out.append(r.p_value)
    assert np.mean(np.array(p_block) < 0.05) <= 0.125  # 5 of 40; expected 2
    assert np.mean(np.array(p_uniform) < 0.05) >= 0.5  # same-day ties read as hits


def test_block_null_moves_whole_days_inside_the_block():
    from timeline.analysis.nulls import DAY_US, block_shift

    # one trigger at noon of day 0, its response 1 h later, a 2 h window, a 4-day block:
    # only the rotation by 0 days keeps the hit, so the null hit rate is 1/4 on average
    keys, noon = np.array([DAY_US // 2 + 3_600_000_000]), DAY_US // 2
    null = block_shift(keys, np.array([0]), np.array([0]), np.array([noon]),
                       np.array([4 * DAY_US]), stride=10 * DAY_US, window=7_200_000_000,
                       n_perm=4000, rng=np.random.default_rng(0))  # fmt: skip
    assert set(np.unique(null)) == {0.0, 1.0}
    assert null.mean() == pytest.approx(0.25, abs=0.03)


def test_block_domain_stops_where_the_window_would_run_past_the_end():
    from timeline.analysis.nulls import DAY_US, block_domain

    # blocks of 10 days; the last full window starts at day 24.5: the third block keeps
    # 4 whole days (20..24), and a trigger at day 24.75 or later is left out
    off = np.array([3, 12, 21, 24.25, 24.75, 27]) * DAY_US
    start, room, take = block_domain(off.astype(np.int64), np.full(6, int(24.5 * DAY_US)),
                                     block=10 * DAY_US)  # fmt: skip
    assert (start // DAY_US).tolist() == [0, 10, 20, 20, 20, 20]
    assert (room // DAY_US).tolist() == [10, 10, 4, 4, 4, 4]
    assert take.tolist() == [True, True, True, False, False, False]


def test_clustered_quantiles_agree_with_the_exact_bootstrap_when_clusters_are_single():
    rng = np.random.default_rng(4)
    x = np.round(rng.lognormal(2, 1, 60), 1)
    exact = rows(lag_quantiles(x, x))["median"]
    drawn = rows(lag_quantiles(x, x, cluster=np.arange(60), n_boot=4000))["median"]
    assert drawn["estimate"] == exact["estimate"]
    width = exact["ci_high"] - exact["ci_low"]
    assert abs(drawn["ci_low"] - exact["ci_low"]) <= 0.15 * width
    assert abs(drawn["ci_high"] - exact["ci_high"]) <= 0.15 * width
    vague = rows(lag_quantiles(np.array([-D]), np.array([D]), cluster=np.array([0])))["median"]
    assert (vague["estimate_low"], vague["ci_high"]) == (0.0, D)
