"""The dashboard's state helpers: cache keys follow the store's content, episode choices."""

from __future__ import annotations

import polars as pl
import pytest

import timeline as tl
from timeline_app.state import cache, episodes
from timeline_app.state.query import DataRef, Filters

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # caches outside a server


def _events(n_groups: int, seed: int) -> pl.DataFrame:
    synth = tl.synth.generate(n_groups=n_groups, days=60, warning_rate=0.2, seed=seed)
    return synth.events.with_columns(actor_raw=pl.col("actor"))


def test_a_load_moves_the_version_and_the_cached_events_follow_it():
    store = tl.EventStore()
    first = _events(3, seed=1)
    store.ingest(first, format="table", name="a")
    before = DataRef("session", "test-version", 0)
    v0, rows0 = cache.version(store, before), cache.events(store, before, Filters()).height
    assert (v0.loads, v0.rows, rows0) == (1, first.height, first.height)
    again = cache.events(store, before, Filters())
    assert again is cache.events(store, before, Filters()), "a rerun must not recompute"

    second = _events(2, seed=2).with_columns(event_id=pl.col("event_id") + "-b")
    store.ingest(second, format="table", name="b")
    after = DataRef("session", "test-version", 1)  # what session_changed() hands out
    v1 = cache.version(store, after)
    assert (v1.loads, v1.last_load, v1.rows) == (2, 2, first.height + second.height)
    assert cache.events(store, after, Filters()).height == first.height + second.height
    facts = cache.facets(store, after)
    assert facts["n"] == first.height + second.height
    assert set(facts["actors"]) == set(first["actor"]) | set(second["actor"])


def test_an_unchanged_store_under_a_new_ref_version_reuses_the_cache():
    """A touched file (new mtime, same loads) keeps its computed results."""
    store = tl.EventStore()
    store.ingest(_events(2, seed=3), format="table", name="c")
    a, b = DataRef("file", "/x/touched.duckdb", 1), DataRef("file", "/x/touched.duckdb", 2)
    assert cache.events(store, a, Filters()) is cache.events(store, b, Filters())


def test_episode_choices_match_a_row_by_row_labelling_and_keep_the_largest():
    events = _events(4, seed=4)
    table = tl.episodes(events, gap="3d", output="polars")
    want = {
        row["episode"]: f"#{row['episode']} · {row['start']:%Y-%m-%d} · {row['n_events']} events"
        f" · {row['actor']}"
        for row in table.iter_rows(named=True)
    }
    assert episodes.choices(table) == want
    capped = episodes.choices(table, limit=5)
    sizes = dict(zip(table["episode"], table["n_events"], strict=True))
    largest = sorted(table["n_events"], reverse=True)[:5]
    assert sorted((sizes[e] for e in capped), reverse=True) == largest
    assert list(capped) == sorted(capped), "kept in table order"
    assert episodes.largest(table) in capped
    # ties: the earliest of the equally large episodes is kept and is "the largest"
    most = max(sizes.values())
    assert episodes.largest(table) == min(e for e, n in sizes.items() if n == most)
