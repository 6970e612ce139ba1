"""What people see, pinned on hand-computed cases: a same-day pair is never a lag of 0
(summary, survival, episodes, CLI text, brief table); one vague lag gives its bounds; an
infinite bound reads "not reached". The Lags page: tests/app/test_lags_page.py."""

from __future__ import annotations

import json
from datetime import UTC as UTC_TZ
from datetime import datetime, timedelta

import polars as pl
import pytest

import timeline as tl
from timeline import display

H, D = timedelta(hours=1), timedelta(days=1)


def day_events() -> pl.DataFrame:
    """A day-level warning and attack of one actor on 10 Jan 2014 (order unknown), and a
    statement on 31 Jan, so the warning is watched for the whole 7-day window."""
    return pl.DataFrame(
        {
            "event_id": ["w", "a", "s"],
            "kind": ["warning", "attack", "statement"],
            "actor": ["X", "X", "X"],
            "source": ["test"] * 3,
            "precision": ["day"] * 3,
            "tz": ["UTC"] * 3,
            "t_start": [datetime(2014, 1, d, tzinfo=UTC_TZ) for d in (10, 10, 31)],
        }
    ).with_columns(t_end=pl.col("t_start") + pl.duration(days=1))


@pytest.fixture(scope="module")
def same_day():
    events = day_events()
    pairs = tl.lags(events, "warning", "attack", "7d", output="polars")
    assert pairs.get_column("followup")[0] == 7 * D
    return events, pairs


def no_zero(cells: list[object]) -> None:
    text = [str(c) for c in cells if c is not None]
    assert not [c for c in text if c == "0 s" or c.startswith("0 s ") or "[0 s" in c], text


def test_same_day_pair_is_order_unknown_in_the_pairs(same_day):
    _, pairs = same_day
    row = pairs.row(0, named=True)
    assert row["order_ambiguous"] and (row["lag_min"], row["lag_max"]) == (-D, D)
    shown = display.pairs_table(pairs, ["actor"])  # what `timeline lags` prints
    assert shown.get_column("lag")[0] == "order unknown (-1 d to 1 d)"


def test_same_day_pair_in_the_summary_is_0_to_1_day_never_0(same_day):
    _, pairs = same_day
    s = tl.lag_summary(pairs, within="7d", n_boot=50, output="polars").row(0, named=True)
    # followed, if at all, within [0, 1 d): the bounds, no point value
    assert s["median"] is None and (s["median_min"], s["median_max"]) == (timedelta(0), D)
    assert (s["median_low"], s["median_high"]) == (timedelta(0), D)
    # hit: a miss if the attack came first (0), a hit if after (1), estimate 1/2
    assert (s["hit_rate_min"], s["hit_rate"], s["hit_rate_max"]) == (0.0, 0.5, 1.0)
    assert s["n_ambiguous"] == 1
    table = display.summary_table(
        tl.lag_summary(pairs, within="7d", n_boot=50, output="polars"), short=True
    )
    assert table.get_column("median lag [95% CI]")[0] == "0 to 1 d [0, 1 d]"
    assert table.get_column("hit rate [95% CI]")[0].startswith("50% (0% to 100%) [")
    no_zero(table.row(0))


def test_same_day_pair_in_survival_puts_no_mass_at_0(same_day):
    _, pairs = same_day
    curve = tl.survival(pairs, within="7d", n_boot=50, output="polars")
    at_zero = curve.filter(pl.col("time") == timedelta(0))
    assert at_zero.get_column("survival").to_list() == [1.0]
    # the estimate falls straight across (0, 1 d) to 1 - 1/2 and stays to the window
    assert curve.filter(pl.col("time") == D).get_column("survival").item() == pytest.approx(0.5)
    assert curve.get_column("time")[-1] == 7 * D
    assert curve.get_column("survival_min")[-1] == 0.0  # as a hit
    assert curve.get_column("survival_max")[-1] == 1.0  # as a miss


def test_same_day_pair_in_episodes_reads_order_unknown(same_day):
    events, _ = same_day
    ep = tl.episodes(events, "3d", output="polars").head(1)
    row = ep.row(0, named=True)
    assert row["warning_to_attack"] is None and row["warning_to_attack_order_unknown"]
    assert (row["warning_to_attack_min"], row["warning_to_attack_max"]) == (-D, D)
    shown = display.episodes_table(ep, ["actor"])
    assert shown.get_column("warning -> attack")[0] == "order unknown"
    no_zero(shown.row(0))


def test_same_day_pair_in_the_brief_table(same_day):
    events, _ = same_day
    spec = json.dumps(tl.brief(events, "warning", "attack", "7d", n_permutations=20))
    assert '"t": "0 to 1 d"' in spec and '"t": "[0, 1 d]"' in spec  # figure over interval
    assert '"0 s"' not in spec and "[0 s" not in spec


def test_one_vague_lag_gives_its_bounds(cairo_events):
    pairs = tl.lags(cairo_events, "warning", "attack", "7d", output="polars")
    s = tl.lag_summary(pairs, within="7d", n_boot=50, output="polars").row(0, named=True)
    bounds = (4 * H, 33 * H)  # "Thursday" [00:00, 24:00) -> "early Friday" [04:00, 09:00)
    for name in ("median", "p10", "p90"):
        assert (s[f"{name}_min"], s[f"{name}_max"]) == bounds
        assert (s[f"{name}_low"], s[f"{name}_high"]) == bounds
    # the median time to response, too: one trigger, followed somewhere in [4 h, 33 h]
    assert (s["km_median_min"], s["km_median_max"]) == bounds and s["km_method"] == "turnbull"


def test_infinite_bound_reads_not_reached():
    # 1 of 3 triggers followed (after 5 h) in a 7-day window: the median is at least 7 d
    lag = [5 * H, None, None]
    pairs = pl.DataFrame(
        {"lag": lag, "lag_min": lag, "lag_max": lag, "censored": [False, True, True],
         "followup": [7 * D] * 3, "order_ambiguous": [False] * 3},
        schema_overrides={c: pl.Duration("us") for c in ("lag", "lag_min", "lag_max")},
    )  # fmt: skip
    s = tl.lag_summary(pairs, n_boot=50, output="polars")
    assert s.get_column("km_median_max")[0] is None  # infinite: missing means not reached
    text = display.summary_table(s).get_column("median time to response [95% CI]")[0]
    assert text.startswith("7 d to not reached [") and "not reached]" in text
