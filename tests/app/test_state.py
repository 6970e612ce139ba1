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


def test_shown_episodes_keep_the_rich_ones_or_all_when_none_is_rich(monkeypatch):
    table = tl.episodes(_events(4, seed=5), gap="3d", output="polars")
    even = pl.col("episode") % 2 == 0  # even episodes: no warning, no claim
    table = table.with_columns(pl.when(even).then(0).otherwise(pl.col(c)).alias(c)
                               for c in ("n_warning", "n_claim"))  # fmt: skip
    rich = table.filter(~even)
    assert 0 < rich.height < table.height, "the fixture has episodes of both sorts"
    monkeypatch.setattr(episodes, "MAX_ROWS", 3)
    got = episodes.shown(table, only_rich=True)
    assert got.table.equals(rich)
    assert got.readable.height == 3  # the first MAX_ROWS, formatted
    assert got.readable.get_column("episode").to_list() == ["1", "3", "5"]  # as text
    assert (got.labels, got.largest) == (episodes.choices(rich), episodes.largest(rich))
    assert episodes.shown(table, only_rich=False).table.equals(table)
    none_rich = table.with_columns(n_warning=pl.lit(0), n_claim=pl.lit(0))
    assert episodes.shown(none_rich, only_rich=True).table.equals(none_rich)
