"""The temporal network: hand-worked cases, a contradiction, and soundness on simulations."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline as tl
from timeline.api import extract_events
from timeline.articles.network import INF, solve

MIN = 60.0


def test_an_offset_dates_the_unknown_event_from_the_known_one():
    # attack in [100, 160] min; warning = attack - 45 min
    sol = solve([(100 * MIN, 160 * MIN), (-INF, INF)], [(0, 1, -45 * MIN, -45 * MIN)])
    assert sol.bounds[1] == (55 * MIN, 115 * MIN)


def test_two_statements_intersect():
    # warning at 0..60; attack 30..50 min after it; attack also "at 70..200"
    sol = solve([(0, 60 * MIN), (70 * MIN, 200 * MIN)], [(0, 1, 30 * MIN, 50 * MIN)])
    assert sol.bounds[0] == (20 * MIN, 60 * MIN)
    assert sol.bounds[1] == (70 * MIN, 110 * MIN)


def test_the_lag_is_known_when_no_absolute_time_is():
    sol = solve([(-INF, INF)] * 3, [(0, 1, 10 * MIN, 20 * MIN), (1, 2, 5 * MIN, 5 * MIN)])
    assert sol.between(0, 2) == (15 * MIN, 25 * MIN)
    assert sol.bounds[2] == (-INF, INF)


def test_contradicting_statements_are_refused():
    # b is 10 min after a, and a is 5 min after b
    assert solve([(-INF, INF)] * 2, [(0, 1, 10 * MIN, 10 * MIN), (1, 0, 5 * MIN, 5 * MIN)]) is None


@settings(max_examples=60, deadline=None)
@given(
    truth=st.lists(st.integers(0, 10_000), min_size=2, max_size=6),
    slack=st.lists(st.integers(0, 300), min_size=12, max_size=12),
    known=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_bounds_always_hold_the_truth_and_never_widen(truth, slack, known):
    """Simulated true times; every statement is true (with slack): the solution keeps
    the truth inside and is never wider than what each point was given."""
    n = len(truth)
    bounds = [
        (t - slack[i], t + slack[i + 6]) if known[i] else (-INF, INF) for i, t in enumerate(truth)
    ]
    links = [(i, i + 1, truth[i + 1] - truth[i] - slack[i], truth[i + 1] - truth[i] + slack[i])
             for i in range(n - 1)]  # fmt: skip
    sol = solve(bounds, links)
    assert sol is not None
    for (lo, hi), (lo0, hi0), t in zip(sol.bounds, bounds, truth, strict=True):
        assert lo <= t <= hi
        assert lo >= lo0 and hi <= hi0


def test_article_with_no_absolute_time_still_gives_the_lag():
    text = (
        "A woman rang a hospital switchboard with a warning about a device.\n\n"
        "Twenty-five minutes later, a bomb exploded in the hospital car park.\n\n"
        "Several hours after the blast, the Free Valley Front claimed responsibility.\n"
    )
    df = extract_events(text, "2023-02-10", tz="Europe/London")
    pairs = tl.lags(df, "warning", "attack", "1d", by=None)
    done = pairs[~pairs["censored"].astype(bool)]
    assert list(done["lag"]) == [pd.Timedelta(minutes=25)]
    claim = tl.lags(df, "attack", "claim", "2d", by=None)
    lag = claim.loc[~claim["censored"].astype(bool), "lag"].iloc[0]
    assert pd.Timedelta(hours=2) <= lag <= pd.Timedelta(hours=10)  # "several" = 2..10
