"""The story view shared by tl.chart, tl.brief, the CLI and the dashboard: filters, zone,
first window."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import polars as pl
import pytest

import timeline as tl
from timeline.errors import TimelineError
from timeline.export.story import focus_window, page_slots, story, zone_for


@pytest.fixture(scope="module")
def events() -> pl.DataFrame:
    return pl.from_pandas(tl.datasets.load("cairo-2014-01"))


def test_filters_of_reads_loose_input_and_matches_the_store(events) -> None:
    f = tl.Filters.of(start="2014-01-23", end=date(2014, 1, 24), kinds="warning, attack")
    assert f == tl.Filters(date(2014, 1, 23), date(2014, 1, 24), (), (), ("warning", "attack"))
    store = tl.EventStore()
    store.ingest(tl.datasets.path("cairo-2014-01") / "events.csv", format="table")
    expected = store.events_pl(**f.store_args()).get_column("event_id").sort().to_list()
    assert f.apply(events).get_column("event_id").sort().to_list() == expected
    assert f.label() == "2014-01-23 to 2014-01-24; kinds: warning, attack"
    with pytest.raises(TimelineError, match="after end"):
        tl.Filters.of(start="2014-02-01", end="2014-01-01")


def test_zone_is_the_events_own_when_they_share_one(events) -> None:
    assert zone_for(events, "auto") == "Africa/Cairo"
    mixed = events.with_columns(tz=pl.when(pl.int_range(pl.len()) < 3).then(pl.lit("UTC"))
                                .otherwise("tz"))  # fmt: skip
    assert zone_for(mixed, "auto") is None  # two zones: UTC, and the axis says so
    assert zone_for(mixed, "local") == "Africa/Cairo"  # the commonest
    assert zone_for(events, "utc") is None and zone_for(events, "Asia/Baghdad") == "Asia/Baghdad"
    with pytest.raises(TimelineError, match="Unknown time zone"):
        zone_for(events, "Mars/Olympus")


def test_focus_window_is_the_matched_span_padded_by_a_tenth() -> None:
    t0 = datetime(2014, 1, 1, tzinfo=UTC)
    pairs = pl.DataFrame(
        {
            "trigger_time": [t0, t0 + timedelta(days=3), t0 + timedelta(days=50)],
            "response_time": [t0 + timedelta(days=1), t0 + timedelta(days=10), None],
            "censored": [False, False, True],
        }
    )
    lo, hi = focus_window(pairs)
    assert (lo, hi) == (t0 - timedelta(hours=24), t0 + timedelta(days=11))  # 10 d span
    assert focus_window(pairs.filter(pl.col("censored"))) is None


def test_chart_draws_only_the_filtered_events_in_the_story_window(events) -> None:
    chart = tl.chart(events, filters={"kinds": ["warning", "attack"]})
    spec = chart.to_dict()
    rows = next(v for v in spec["datasets"].values() if v and "event_id" in v[0])
    kinds = {r["kind"] for r in rows}
    assert kinds == {"warning", "attack"}
    s = story(events, filters={"kinds": ["warning", "attack"]})
    x = spec["layer"][1]["layer"][1]["encoding"]["x"]
    assert x["scale"]["domain"][0] < x["scale"]["domain"][1]
    assert s.local_tz == "Africa/Cairo" and x["title"].startswith("time (Africa/Cairo, local)")


def _marks(spec: dict) -> set[str]:
    """Every mark type in a (nested) spec."""
    found = set()
    for key, value in spec.items() if isinstance(spec, dict) else []:
        if key == "mark":
            found.add(value["type"] if isinstance(value, dict) else value)
        elif isinstance(value, dict):
            found |= _marks(value)
        elif isinstance(value, list):
            for item in value:
                found |= _marks(item) if isinstance(item, dict) else set()
    return found


def test_a_timeline_too_tall_for_the_page_is_exported_as_the_overview(tmp_path) -> None:
    """Fitting 50 sub-rows into a slide squeezed the lanes until their names overprinted;
    a page holds `page_slots` rows, and above that the export draws counts per bin."""
    events = tl.synth.generate(n_groups=6, days=20, warning_rate=0.5, background_rate=0.5,
                               vague_share=0.8, seed=4).events  # fmt: skip
    assert events.height < 2000  # few enough for the detail view on screen
    on_screen = tl.chart(events, focus=False).to_dict()
    assert "point" in _marks(on_screen) and len(on_screen["layer"][0]["encoding"]["y"]["sort"]) > 15
    assert page_slots("slide") == 15 and page_slots("a4") > page_slots("slide")
    out = tl.chart(events, focus=False, out=tmp_path / "t.json", preset="slide")
    spec = json.loads(out.read_text(encoding="utf-8"))
    assert "point" not in _marks(spec) and "rect" in _marks(spec)
    assert "too many overlapping events" in json.dumps(spec)
