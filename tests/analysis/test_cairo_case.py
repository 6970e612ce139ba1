"""The lag engine on the bundled Cairo case (the product's first real question)."""

import pandas as pd

import timeline as tl


def test_warning_pairs_with_the_security_directorate_car_bomb():
    events = tl.datasets.load("cairo-2014-01")
    pairs = tl.lags(events, trigger="warning", response="attack", within="7d")
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert row["trigger_id"] == "cairo-2014-01-23-audio-warning"
    assert row["response_id"] == "cairo-2014-01-24-security-directorate"
    # "Thursday" [23 Jan 00:00, 24 Jan 00:00) -> "early Friday morning" [04:00, 09:00) Cairo
    assert row["lag_min"] == pd.Timedelta(hours=4)
    assert row["lag_max"] == pd.Timedelta(hours=33)
    assert not row["order_ambiguous"] and not row["censored"]


def test_attack_to_claim_lags_for_the_evening_claim():
    events = tl.datasets.load("cairo-2014-01")
    pairs = tl.lags(events, trigger="attack", response="claim", within="7d")
    jan24 = pairs[pairs["response_id"] == "cairo-2014-01-24-claim"]
    assert len(jan24) == 4
    bomb = jan24.set_index("trigger_id").loc["cairo-2014-01-24-security-directorate"]
    assert (bomb["lag_min"], bomb["lag_max"]) == (pd.Timedelta(hours=8), pd.Timedelta(hours=20))
    summary = tl.lag_summary(pairs)
    assert summary["n_triggers"].iloc[0] == len(pairs)


def test_the_january_episode_holds_the_warning_the_attacks_and_the_claim():
    eps = tl.episodes(tl.datasets.load("cairo-2014-01"), gap="3d")
    jan = eps[eps["n_events"] == 6].iloc[0]
    ids = list(jan["event_ids"])
    assert (ids[0], ids[-1]) == ("cairo-2014-01-23-audio-warning", "cairo-2014-01-24-claim")
    assert (jan["n_warning"], jan["n_attack"], jan["n_claim"]) == (1, 4, 1)
    # the old 18 h 30 min (midpoint to midpoint) was wrong: the times allow 4 h to 33 h
    assert pd.isna(jan["warning_to_attack"])
    assert (jan["warning_to_attack_min"], jan["warning_to_attack_max"]) == (
        pd.Timedelta(hours=4),
        pd.Timedelta(hours=33),
    )
