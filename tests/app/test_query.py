"""The in-memory filter equals the store's own filter (oracle: EventStore.events_pl)."""

from __future__ import annotations

from datetime import date

import pytest

import timeline as tl
from timeline_app.state.query import Filters, Question, Side


@pytest.fixture(scope="module")
def store() -> tl.EventStore:
    s = tl.EventStore()
    s.ingest(tl.datasets.path("cairo-2014-01") / "events.csv", format="table")
    return s


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(date(2014, 1, 23), date(2014, 1, 23)),
        Filters(date(2014, 1, 24), None, kinds=("attack", "claim")),
        Filters(None, date(2013, 12, 31), actors=("Egyptian security forces",)),
        Filters(countries=("EGY",), kinds=("warning",)),
        Filters(actors=("nobody",)),
    ],
)
def test_polars_filter_matches_the_store(store, filters):
    whole = store.events_pl()
    expected = store.events_pl(**filters.store_args()).get_column("event_id").to_list()
    assert whole.filter(filters.expr()).get_column("event_id").to_list() == expected


def test_question_selectors_and_labels():
    q = Question(Side("warning", channels=("audio",)), Side("attack", subtypes=("car_bomb",)))
    assert q.trigger.spec() == {"kind": "warning", "channel": ["audio"]}
    assert q.response.spec() == {"kind": "attack", "subtype": ["car_bomb"]}
    assert q.label() == "warning (audio) → attack (car_bomb) within 7d (same actor)"


def test_episode_members_partition_the_events():
    from timeline.frames import to_polars
    from timeline_app.state.episodes import members

    events = to_polars(tl.datasets.load())
    table = tl.episodes(events, gap="3d")
    seen = []
    for _, row in table.iterrows():
        ids = members(events, row).get_column("event_id").to_list()
        assert len(ids) == row["n_events"]
        seen += ids
    assert sorted(seen) == sorted(events.get_column("event_id").to_list())
    busiest = table.loc[table["n_events"].idxmax()]
    ids = members(events, busiest).get_column("event_id").to_list()
    assert ids[0] == "cairo-2014-01-23-audio-warning" and ids[-1] == "cairo-2014-01-24-claim"
