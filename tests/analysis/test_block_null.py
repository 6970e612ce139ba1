"""The chance test's block: as short as the window allows, because longer blocks read
activity shared by both streams as a lead (docs/statistics.md, "Chance test")."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import timeline as tl
from timeline.analysis.activity import segment_domain
from timeline.analysis.baseline import block_length
from timeline.analysis.nulls import DAY_US, block_domain

H_US = 3_600_000_000


@pytest.mark.parametrize(
    ("window_us", "days"),
    [
        (H_US, 7),  # a short window: a week, 7 rotations
        (3 * DAY_US, 7),  # 2 x 3 d + 1 d
        (7 * DAY_US, 15),  # 2 x 7 d + 1 d
        (4 * DAY_US + 12 * H_US, 10),  # 2 x 4.5 d + 1 d = 10 d
        (4 * DAY_US + 13 * H_US, 11),  # 10 d 2 h, rounded up to whole days
    ],
)
def test_default_block_is_twice_the_window_plus_a_day_and_at_least_a_week(window_us, days):
    assert block_length(None, window_us) == days * DAY_US


def test_a_given_block_is_kept_in_whole_days_and_must_exceed_the_window():
    assert block_length("30d", 3 * DAY_US) == 30 * DAY_US
    assert block_length("36h", H_US) == 2 * DAY_US
    with pytest.raises(tl.TimelineError, match="not longer than the window"):
        block_length("3d", 3 * DAY_US)


def shared_activity(seed: int, n_warn: int = 1000, groups: int = 5) -> pl.DataFrame:
    """Warnings and attacks with no link but the same busy (x3) and quiet (x1/3) months
    per group, over a year: the case a long block reads as a lead."""
    rng = np.random.default_rng(seed)
    level = np.where(rng.random((groups, 13)) < 0.5, 3.0, 1 / 3)
    p = (level / level.sum()).ravel()

    def times(n: int) -> tuple[np.ndarray, np.ndarray]:
        g, month = np.divmod(rng.choice(p.size, size=n, p=p), 13)
        t = ((month + rng.random(n)) * 30 * DAY_US).astype(np.int64)
        keep = t < 365 * DAY_US
        return g[keep], t[keep]

    wg, wt = times(n_warn)
    ag, at = times(rng.poisson(0.04 * groups * 390))
    dt = pl.Datetime("us", "UTC")
    t = np.concatenate([wt, at]) + 1_388_534_400_000_000
    return pl.DataFrame({
        "event_id": [str(i) for i in range(t.size)],
        "kind": ["warning"] * wt.size + ["attack"] * at.size,
        "t_start": pl.Series(t).cast(dt), "t_end": pl.Series(t).cast(dt),
        "actor": np.concatenate([wg, ag]).astype(str),
    })  # fmt: skip


def test_default_block_keeps_shared_activity_from_reading_as_a_lead():
    # 60 null datasets of 1,000 warnings. Hit rate minus the null's mean, averaged: 0 for
    # a calibrated null. A month-long block moves triggers from busy into quiet weeks, so
    # its null expects too few hits (bias ~0.008, a fifth of the tests reject at 0.05);
    # the default block moves them less (~0.002)
    bias = {None: [], "30d": []}
    for seed in range(60):
        ev = shared_activity(seed)
        for block, out in bias.items():
            r = tl.baseline_test(ev, within="3d", n_permutations=99, seed=seed, block=block)
            out.append(r.observed - r.expected)
    default, month = np.mean(bias[None]), np.mean(bias["30d"])
    assert month > 0.005
    assert default < 0.5 * month


def test_shared_activity_swings_are_not_read_as_a_lead():
    # 200 null datasets of 1,000 warnings whose busy (x3) and quiet (x1/3) months are
    # shared with the attacks. On the fixed grid the null expects too few hits (mean
    # observed - expected above that of the default null by > 3 standard errors); with
    # blocks cut where the trigger rate changes the bias is gone and the test rejects at
    # 0.05 in 2-8% of datasets
    bias = {"block": [], "fixed": []}
    rejected = []
    for seed in range(200):
        ev = shared_activity(seed)
        for method, out in bias.items():
            r = tl.baseline_test(ev, within="3d", n_permutations=99, seed=seed, method=method)
            out.append(r.observed - r.expected)
            if method == "block":
                rejected.append(r.p_value < 0.05)
    excess = np.subtract(bias["fixed"], bias["block"])  # paired: the same datasets
    assert np.mean(excess) > 3 * np.std(excess) / np.sqrt(excess.size)
    assert abs(np.mean(bias["block"])) < 2 * np.std(bias["block"]) / np.sqrt(excess.size)
    assert 0.02 <= np.mean(rejected) <= 0.08


def led_by_warnings(seed: int, n_warn: int = 200) -> pl.DataFrame:
    """Shared busy and quiet months, and 60% of warnings followed by an attack after a
    lognormal lag (median 12 h): a lead the test must find."""
    ev = shared_activity(seed, n_warn=n_warn)
    rng = np.random.default_rng(10_000 + seed)
    warn = ev.filter(pl.col("kind") == "warning")
    led = warn.filter(pl.Series(rng.random(warn.height) < 0.6))
    lag = pl.Series(np.exp(np.log(12 * 3600) + rng.standard_normal(led.height)) * 1e6)
    shift = lag.cast(pl.Int64).cast(pl.Duration("us"))
    attacks = led.with_columns(
        event_id="led-" + pl.col("event_id"), kind=pl.lit("attack"),
        t_start=pl.col("t_start") + shift, t_end=pl.col("t_end") + shift,
    )  # fmt: skip
    return pl.concat([ev, attacks])


def test_a_known_lead_is_found_through_shared_activity():
    found = [
        tl.baseline_test(led_by_warnings(seed), within="3d", n_permutations=199, seed=seed)
        for seed in range(40)
    ]
    assert np.mean([r.p_value < 0.05 for r in found]) >= 0.9
    assert np.median([r.lift for r in found]) > 1.2


def test_blocks_are_cut_where_the_trigger_rate_changes():
    # one trigger a day for 30 days (noon), then none for 30 days: the likelihood ratio of
    # 14 days before against 14 after peaks at day 30 (14 vs 0: 14 log 2 = 9.7 > 2)
    off = (np.arange(30) * DAY_US + DAY_US // 2).astype(np.int64)
    gid = np.zeros(30, np.int64)
    last = np.full(30, 60 * DAY_US - 1)
    start, room, take = segment_domain(gid, off, last, block=7 * DAY_US)
    # [0, 30 d) holds 30 // 7 = 4 blocks starting at ceil(30 i / 4) days: 0, 8, 15, 23
    want = np.repeat([0, 8, 15, 23], [8, 7, 8, 7])
    assert np.array_equal(start // DAY_US, want)
    assert np.array_equal(room // DAY_US, np.diff([0, 8, 15, 23, 30])[np.searchsorted(
        [0, 8, 15, 23], want)])  # fmt: skip
    assert take.all()


def test_an_even_rate_keeps_the_grid_and_edges_make_no_cut():
    # a steady trigger a day over 70 days, and a second group with one trigger on its last
    # day: no change of rate, so both lay blocks of 70 // 7 = 10 x 7 d and 1 x 5 d
    off = np.concatenate([np.arange(70), [4]]) * DAY_US
    gid = np.concatenate([np.zeros(70, np.int64), [1]])
    last = np.concatenate([np.full(70, 70 * DAY_US - 1), [5 * DAY_US - 1]])
    start, room, take = segment_domain(gid, off, last, block=7 * DAY_US)
    assert np.array_equal(start[:70] // DAY_US, np.arange(70) // 7 * 7)
    assert (room[:70] == 7 * DAY_US).all()
    assert (start[70], room[70]) == (0, 5 * DAY_US)
    assert take.all()


def test_triggers_past_the_last_full_window_take_no_part():
    # the last full window starts at 13 d 12 h. 20 days of even rate: 2 blocks of 10 d;
    # the second's room stops at the last whole day whose every moment is <= 13 d 12 h
    # (day 12), so the triggers of days 13 on take no part, as on the fixed grid
    off = np.arange(20) * DAY_US
    last = np.full(20, 13 * DAY_US + DAY_US // 2)
    start, room, take = segment_domain(np.zeros(20, np.int64), off, last, block=7 * DAY_US)
    assert np.array_equal(take, off < 13 * DAY_US)
    assert np.array_equal(take, block_domain(off, last, block=7 * DAY_US)[2])
    assert np.array_equal(start // DAY_US, np.repeat([0, 10], 10))
    assert np.array_equal(room // DAY_US, np.repeat([10, 3], 10))


def test_the_null_used_is_named():
    from timeline.charts.baseline import baseline_sentence

    ev = shared_activity(0, n_warn=100)
    cut = tl.baseline_test(ev, within="3d", n_permutations=20)
    grid = tl.baseline_test(ev, within="3d", n_permutations=20, method="fixed")
    assert cut.null_model.endswith("blocks, cut where the trigger rate changes")
    assert "7 d" in cut.null_model and "fixed grid" in grid.null_model
    assert "block null, 7 d blocks cut at changes of activity" in baseline_sentence(cut)
    assert "block null, fixed 7 d blocks" in baseline_sentence(grid)


def likelihood_ratio(days, p, reach):
    """Poisson likelihood ratio: triggers on days [p - reach, p) against [p, p + reach)."""
    x = np.sum((days >= p - reach) & (days < p))
    y = np.sum((days >= p) & (days < p + reach))
    return sum(k * np.log(k / ((x + y) / 2)) for k in (x, y) if k > 0)


def brute_force_blocks(gid, off, last, width):
    """Cuts and blocks by direct counting, day by day (the rule in docs/statistics.md)."""
    reach, day = 2 * width, off // DAY_US
    start, room = np.zeros(off.size, np.int64), np.zeros(off.size, np.int64)
    for g in np.unique(gid):
        mine = gid == g
        end = int(max(np.max(off[mine]), np.max(last[mine])) // DAY_US + 1)
        ok = range(reach, end - reach + 1)
        ratio = {p: likelihood_ratio(day[mine], p, reach) for p in ok}
        cuts = [p for p in ok if ratio[p] > 2 and all(ratio[p] > ratio[q] or (
            ratio[p] == ratio[q] and q >= p) for q in range(p - reach, p + reach + 1)
            if q in ratio)]  # fmt: skip
        edges = [0, *cuts, end]
        for i in np.flatnonzero(mine):
            k = np.searchsorted(edges, day[i], side="right")
            s, length = edges[k - 1], edges[k] - edges[k - 1]
            n_b = max(1, length // width)
            b = (day[i] - s) * n_b // length
            lo, hi = s + -(-b * length // n_b), s + -(-(b + 1) * length // n_b)
            start[i] = lo * DAY_US
            room[i] = max(0, (min(last[i] + 1, hi * DAY_US) - start[i]) // DAY_US * DAY_US)
    return start, room


@pytest.mark.parametrize("seed", range(12))
def test_blocks_agree_with_counting_day_by_day(seed):
    rng = np.random.default_rng(seed)
    n, groups = int(rng.integers(5, 120)), int(rng.integers(1, 4))
    rate = np.where(rng.random((groups, 8)) < 0.5, 4.0, 0.4)  # busy and quiet stretches
    gid, part = np.divmod(rng.choice(rate.size, n, p=(rate / rate.sum()).ravel()), 8)
    off = ((part + rng.random(n)) * 15 * DAY_US).astype(np.int64)
    last = rng.integers(60, 130, groups)[gid] * DAY_US
    width = int(rng.choice([7, 11]))
    start, room, take = segment_domain(gid, off, last, block=width * DAY_US)
    want_start, want_room = brute_force_blocks(gid, off, last, width)
    assert np.array_equal(start, want_start) and np.array_equal(room, want_room)
    assert np.array_equal(take, off - start < room)
