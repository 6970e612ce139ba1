"""EventStore.facets (SQL aggregates) and the narrow reads (columns=, ids=) of events_pl."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

import timeline as tl
from timeline import schema
from timeline.errors import TimelineError

# (kind, day, end day, tz, actor, country): nulls, three zones (two tied), one event ending
# on the next day, kinds out of vocabulary order, actors whose byte order is not their case
ROWS = [
    ("attack", "2013-12-31", "2014-01-01", "Africa/Cairo", "beta", "EGY"),
    ("warning", "2014-01-02", "2014-01-03", "Africa/Cairo", "Ansar", None),
    ("claim", "2014-01-05", "2014-01-06", "Asia/Baghdad", None, "IRQ"),
    ("warning", "2014-01-07", "2014-01-08", "Asia/Baghdad", "beta", "IRQ"),
    ("attack", "2014-01-09", "2014-01-11", "Europe/Paris", "Zeta", "FRA"),
    ("attack", "2014-01-10", "2014-01-11", "Africa/Cairo", None, None),
    ("claim", "2014-01-10", "2014-01-11", "Asia/Baghdad", "Ansar", "EGY"),
]


def _utc(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def _store(rows) -> tl.EventStore:
    frame = pl.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(rows))],
            "kind": [r[0] for r in rows],
            "t_start": [_utc(r[1]) for r in rows],
            "t_end": [_utc(r[2]) for r in rows],
            "precision": ["day"] * len(rows),
            "tz": [r[3] for r in rows],
            "actor_raw": [r[4] for r in rows],
            "country": [r[5] for r in rows],
            "source": ["test"] * len(rows),
        },
        schema_overrides={"actor_raw": pl.Utf8, "country": pl.Utf8},
    )
    store = tl.EventStore()
    if rows:
        store.ingest(frame, format="table", name="facets")
    return store


def _facets_in_polars(frame: pl.DataFrame) -> dict:
    """The same facets computed from the whole table in polars (an independent oracle)."""
    zones = frame.get_column("tz").drop_nulls().value_counts(sort=True, name="n")
    top = zones.filter(pl.col("n") == pl.col("n").max()).get_column("tz").sort()
    present = set(frame.get_column("kind").cast(pl.Utf8).unique().to_list())
    return {
        "n": frame.height,
        "actors": frame.get_column("actor").drop_nulls().unique().sort().to_list(),
        "countries": frame.get_column("country").drop_nulls().unique().sort().to_list(),
        "kinds": [k for k in schema.KINDS if k in present],
        "first": frame.get_column("t_start").min().date(),
        "last": frame.get_column("t_end").max().date(),
        "tz": top[0],
        "one_zone": zones.height == 1,
    }


def test_facets_are_the_hand_counted_values_and_equal_a_polars_computation():
    store = _store(ROWS)
    facets = store.facets()
    assert facets == {
        "n": 7,
        "actors": ["Ansar", "Zeta", "beta"],  # byte order: capitals first, nulls left out
        "countries": ["EGY", "FRA", "IRQ"],
        "kinds": ["warning", "claim", "attack"],  # the vocabulary's order
        "first": date(2013, 12, 31),
        "last": date(2014, 1, 11),
        "tz": "Africa/Cairo",  # 3 events, tied with Asia/Baghdad: the first by name
        "one_zone": False,
    }
    assert facets == _facets_in_polars(store.events_pl())


def test_one_zone_and_the_commonest_zone_without_a_tie():
    store = _store([r for r in ROWS if r[3] != "Africa/Cairo"])
    assert (store.facets()["tz"], store.facets()["one_zone"]) == ("Asia/Baghdad", False)
    only = _store([r for r in ROWS if r[3] == "Asia/Baghdad"])
    facets = only.facets()
    assert (facets["tz"], facets["one_zone"], facets["n"]) == ("Asia/Baghdad", True, 3)
    assert facets == _facets_in_polars(only.events_pl())


def test_an_empty_store_has_empty_facets():
    assert _store([]).facets() == {
        "n": 0, "actors": [], "countries": [], "kinds": [], "first": None, "last": None,
        "tz": "UTC", "one_zone": False,
    }  # fmt: skip


def test_facets_of_a_store_file_after_a_second_load(tmp_path):
    path = tmp_path / "f.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(_store(ROWS[:3]).events_pl(), format="table", name="a")
        assert store.facets()["n"] == 3
        store.ingest(_store(ROWS[3:]).events_pl().with_columns(
            event_id=pl.col("event_id") + "-b", actor_raw=pl.col("actor")), format="table",
            name="b")  # fmt: skip
    with tl.EventStore(path, read_only=True) as store:
        assert store.facets() == _facets_in_polars(store.events_pl())
        assert store.facets()["n"] == 7


def test_events_pl_reads_only_the_columns_asked_for_in_the_same_order():
    store = _store(ROWS)
    whole = store.events_pl()
    narrow = store.events_pl(columns=["actor", "t_start", "event_id", "kind"])
    assert narrow.columns == ["event_id", "kind", "t_start", "actor"]  # table order
    assert narrow.equals(whole.select(narrow.columns))
    some = store.events_pl(start="2014-01-05", columns=["event_id", "kind", "t_start"])
    assert some.equals(whole.filter(pl.col("t_end") >= _utc("2014-01-05")).select(some.columns))
    with pytest.raises(TimelineError, match=r"\['colour'\] are not event columns"):
        store.events_pl(columns=["event_id", "colour"])


def test_events_pl_by_ids_gives_those_events_whole_and_in_time_order():
    store = _store(ROWS)
    whole = store.events_pl()
    ids = whole.get_column("event_id").to_list()
    picked = store.events_pl(ids=[ids[5], ids[1], "no-such-id", ids[3]])
    assert picked.equals(whole[[1, 3, 5]])
    assert store.events_pl(ids=[]).height == 0


def test_reads_inside_reading_share_one_connection(tmp_path, monkeypatch):
    from timeline import storefile

    path = tmp_path / "r.duckdb"
    with tl.EventStore(path) as store:
        store.ingest(_store(ROWS).events_pl(), format="table", name="a")
    opened = []
    real = storefile.connect
    monkeypatch.setattr(storefile, "connect", lambda *a, **k: opened.append(1) or real(*a, **k))
    store = tl.EventStore(path, read_only=True)
    with store.reading():
        assert (len(store), store.facets()["n"], len(store.loads())) == (7, 7, 1)
    assert len(opened) == 1
    assert len(store) == 7 and len(opened) == 2, "after the block, a read opens its own again"
