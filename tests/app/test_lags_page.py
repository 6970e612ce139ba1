"""The Lags page on the bundled Cairo case: lags as the intervals the times allow."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from timeline_app.nav import PAGES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PAGE = {p.url_path: p.path for p in PAGES}
MEDIAN = "median lag [95% CI]"


def test_lags_page_shows_the_warning_to_car_bomb_lag_as_an_interval(root):
    at = AppTest.from_file(str(root / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(PAGE["lags"]).run()
    assert not at.exception, [e.value for e in at.exception]
    first = [d.value for d in at.dataframe if MEDIAN in d.value.columns]
    first_pairs = [d.value for d in at.dataframe if "lag" in d.value.columns]
    at.radio(key="lags_question").set_value("claims").run()  # the other question
    assert not at.exception, [e.value for e in at.exception]
    second = [d.value for d in at.dataframe if MEDIAN in d.value.columns]
    tables = first + second
    warning_attack, attack_claim = first[0], second[0]
    # "Thursday" [23 Jan) -> "early Friday morning" [04:00, 09:00): 4 h to 33 h
    assert warning_attack[MEDIAN].iloc[0] == "4 h to 1 d 9 h [4 h, 1 d 9 h]"
    # the same figures as the CLI and the brief: the summary is on the question's window
    # (7 d), not on the longest follow-up the filtered data happen to have
    assert warning_attack["median time to response [95% CI]"].iloc[0] == (
        "4 h to 1 d 9 h [4 h, 1 d 9 h] (turnbull)"
    )
    # attack -> claim: three day-level attacks on the claim's day: order unknown, and the
    # median is a range from 0, never the point "0 s"
    assert attack_claim["order unknown"].iloc[0] == 3
    assert attack_claim[MEDIAN].iloc[0].startswith("0 to ")
    for table in tables:
        cells = [str(v) for v in table.to_numpy().ravel()]
        assert not [c for c in cells if c == "0 s" or c.startswith("0 s ")]
    pairs = first_pairs + [d.value for d in at.dataframe if "lag" in d.value.columns]
    lags = {str(v) for t in pairs for v in t["lag"]}
    assert "4 h to 1 d 9 h" in lags and any(v.startswith("order unknown") for v in lags)


def test_per_actor_comparison_waits_for_a_click_above_five_actors(root, tmp_path, monkeypatch):
    """Eight actors: one bootstrap fit each, so the comparison waits for the button; the
    page's own summary is the library's (one shared fit for the table and the curve)."""
    import polars as pl

    import timeline as tl
    from timeline.display import summary_table

    synth = tl.synth.generate(n_groups=8, days=90, warning_rate=0.2, seed=5)
    events = synth.events.with_columns(actor_raw=pl.col("actor"))
    path = tmp_path / "eight.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(events, format="table", name="eight")
    monkeypatch.setenv("TIMELINE_APP_DATA", str(tmp_path))
    at = AppTest.from_file(str(root / "app.py"), default_timeout=120)
    at.session_state["data_source"] = "Store file"
    at.session_state["store_path"] = str(path)
    at.switch_page(PAGE["lags"]).run()
    assert not at.exception, [e.value for e in at.exception]
    per_actor = lambda: [d.value for d in at.dataframe if {"actor", MEDIAN} <= set(d.value)]  # noqa: E731
    assert per_actor() == [], "the comparison must wait for the click"
    pairs = tl.lags(events, "warning", "attack", "7d", output="polars")
    want = summary_table(tl.lag_summary(pairs, within="7d", output="polars")).to_pandas()
    [shown] = [d.value for d in at.dataframe if MEDIAN in d.value.columns]
    assert shown.reset_index(drop=True).equals(want), (shown, want)
    at.button(key="run-actors-question").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [table] = per_actor()
    assert sorted(table["actor"]) == sorted(events["actor"].unique().to_list())
    # five actors or fewer: answered at once, no click
    at.sidebar.multiselect(key="f_actors").set_value(sorted(table["actor"])[:3]).run()
    assert not at.exception, [e.value for e in at.exception]
    [table] = per_actor()
    assert len(table) == 3
