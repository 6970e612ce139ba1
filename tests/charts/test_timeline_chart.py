"""timeline_chart and heat_strip: asserted on chart.to_dict(), not on pixels."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.charts import KIND_COLORS, heat_strip, timeline_chart
from timeline.errors import TimelineError


def _events() -> pd.DataFrame:
    t = pd.Timestamp
    return pd.DataFrame(
        {
            "event_id": ["w1", "a1", "c1"],
            "kind": ["warning", "attack", "claim"],
            "subtype": [None, "car_bomb", None],
            "channel": ["audio", None, "forum"],
            "t_start": [t("2014-01-22T22:00Z"), t("2014-01-24T04:30Z"), t("2014-01-24T15:00Z")],
            "t_end": [t("2014-01-23T22:00Z"), t("2014-01-24T04:30Z"), t("2014-01-24T22:00Z")],
            "tz": ["Africa/Cairo"] * 3,
            "actor": ["ABM", "ABM", "ABM"],
            "time_text": ["Thursday", "at 6:30 a.m.", "this evening"],
            "source": ["Mada Masr", "LWJ", "LWJ"],
            "excerpt": ["=cmd|' /C calc'!A0", "a car bomb", "datum.x + 'alert(1)'"],
        }
    )


def _pairs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "actor": ["ABM"],
            "trigger_id": ["w1"],
            "response_id": ["a1"],
            "lag": [pd.Timedelta(hours=5, minutes=40)],
            "censored": [False],
            "order_ambiguous": [False],
        }
    )


def _layers(spec: dict, data: dict | None = None) -> list[dict]:
    """Every unit spec in a (nested) layer spec, with the data it inherits filled in."""
    out = []
    data = spec.get("data", data)
    for layer in spec.get("layer", []):
        if "layer" in layer:
            out += _layers(layer, data)
        else:
            out.append({"data": data, **layer})
    return out


def _values(spec: dict, layer: dict) -> list[dict]:
    data = layer.get("data") or spec.get("data")
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def _marks(spec: dict, kind: str) -> list[dict]:
    return [layer for layer in _layers(spec) if layer["mark"]["type"] == kind]


def test_time_is_temporal_on_a_utc_scale() -> None:
    spec = timeline_chart(_events()).to_dict()
    timed = [layer for layer in _layers(spec) if "x" in layer["encoding"]]
    assert len(timed) == 2  # bars and markers (the lane shading has no x)
    for layer in timed:
        x = layer["encoding"]["x"]
        assert x["type"] == "temporal"
        assert x["scale"]["type"] == "utc"
        assert x["title"] == "time (UTC), 2014"  # the span stays in 2014: the year is in the title


def test_vague_events_are_bars_spanning_their_interval_and_exact_ones_are_points() -> None:
    spec = timeline_chart(_events()).to_dict()
    bars = [layer for layer in _layers(spec) if layer["mark"]["type"] == "bar"]
    assert len(bars) == 1
    assert bars[0]["transform"] == [{"filter": "!datum.exact"}]
    assert bars[0]["encoding"]["x2"]["field"] == "x2"
    rows = {r["event_id"]: r for r in _values(spec, bars[0])}
    assert rows["w1"]["x"] == "2014-01-22T22:00:00.000Z"
    assert rows["w1"]["x2"] == "2014-01-23T22:00:00.000Z"
    assert rows["w1"]["exact"] is False
    assert rows["a1"]["exact"] is True


def test_colour_and_shape_both_say_the_kind_and_the_form_is_in_the_tooltip() -> None:
    spec = timeline_chart(_events()).to_dict()
    marker = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "point")
    color = marker["encoding"]["color"]["scale"]
    assert color["domain"] == ["warning", "claim", "attack"]
    assert color["range"] == [KIND_COLORS[k] for k in color["domain"]]
    shape = marker["encoding"]["shape"]
    assert shape["field"] == "kind" and shape["scale"]["domain"] == color["domain"]
    assert len(set(shape["scale"]["range"])) == 3  # no two kinds share a shape
    assert "form" in {t["field"] for t in marker["encoding"]["tooltip"]}
    forms = {r["event_id"]: r["form"] for r in _values(spec, marker)}
    assert forms == {"w1": "audio", "a1": "car_bomb", "c1": "forum"}


def test_selections_event_and_zoom_are_declared() -> None:
    spec = timeline_chart(_events()).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params["event"]["select"]["fields"] == ["event_id"]
    assert params["event"]["select"]["type"] == "point"
    assert params["zoom"]["bind"] == "scales"
    assert params["zoom"]["select"]["encodings"] == ["x"]


def test_links_join_trigger_to_response_with_the_lag_written() -> None:
    spec = timeline_chart(_events(), _pairs()).to_dict()
    rules = [layer for layer in _layers(spec) if layer["mark"]["type"] == "rule"]
    texts = [layer for layer in _layers(spec) if layer["mark"]["type"] == "text"]
    assert len(rules) == 1 and len(texts) == 1
    (link,) = _values(spec, rules[0])
    assert link["lag_text"] == "5 h 40 min"
    assert link["x"] == "2014-01-23T10:00:00.000Z"  # the warning's midpoint
    assert link["x2"] == "2014-01-24T04:30:00.000Z"
    assert link["link"] == "lag (trigger → response)"
    assert texts[0]["encoding"]["text"]["field"] == "lag_text"
    assert rules[0]["encoding"]["strokeDash"]["scale"]["domain"] == [link["link"]]


def test_censored_pairs_draw_no_link() -> None:
    pairs = _pairs().assign(censored=True, response_id=None, lag=pd.NaT)
    spec = timeline_chart(_events(), pairs).to_dict()
    assert not [layer for layer in _layers(spec) if layer["mark"]["type"] == "rule"]


def test_source_text_stays_data_never_an_expression() -> None:
    spec = timeline_chart(_events(), _pairs(), title="t").to_dict()
    text = json.dumps(spec)
    marker = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "point")
    excerpts = {r["excerpt"] for r in _values(spec, marker)}
    assert "datum.x + 'alert(1)'" in excerpts
    assert "alert(1)" not in json.dumps([layer.get("transform") for layer in _layers(spec)])
    assert text.count("alert(1)") == 1  # once, as a data value (layers share the dataset)


def test_local_tz_shifts_to_the_wall_clock_and_says_so() -> None:
    spec = timeline_chart(_events(), local_tz="Africa/Cairo").to_dict()
    bar = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "bar")
    assert bar["encoding"]["x"]["title"] == "time (Africa/Cairo, local), 2014"
    rows = {r["event_id"]: r for r in _values(spec, bar)}
    assert rows["w1"]["x"] == "2014-01-23T00:00:00.000Z"  # Cairo midnight (UTC+2)
    assert rows["w1"]["local"] == "Thu 2014-01-23 00:00 → Fri 2014-01-24 00:00 (Africa/Cairo)"


def test_lanes_by_kind() -> None:
    spec = timeline_chart(_events(), lanes="kind").to_dict()
    bar = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "bar")
    assert {r["lane"] for r in _values(spec, bar)} == {"warning", "attack", "claim"}
    with pytest.raises(TimelineError, match="lanes="):
        timeline_chart(_events(), lanes="country")  # type: ignore[arg-type]


def test_polars_input_gives_the_same_spec() -> None:
    a = timeline_chart(_events(), _pairs()).to_dict()
    b = timeline_chart(pl.from_pandas(_events()), pl.from_pandas(_pairs())).to_dict()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_too_many_events_become_an_overview_of_counts_on_a_log_scale() -> None:
    n = 12_000
    start = pd.Timestamp("2014-01-01T00:00Z")
    events = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "kind": ["attack"] * n,
            "t_start": start + pd.to_timedelta(range(n), unit="min"),
            "actor": ["A", "B", "C"] * (n // 3),
        }
    )
    chart = timeline_chart(events, max_marks=5000)
    spec = chart.to_dict()
    (rect,) = _marks(spec, "rect")  # three actors, none folded: one layer, one scale
    values = _values(spec, rect)
    assert len(values) <= 3 * 170
    assert sum(v["count"] for v in values) == n
    assert rect["encoding"]["color"]["scale"]["type"] == "log"
    assert "events in 6 h bins" in spec["title"]["subtitle"][0]  # 8.3 days / 160 -> 6 h
    assert max(v["count"] for v in values) == 120  # 360 minutes, one actor in three
    assert rect["encoding"]["color"]["scale"]["domain"] == [1, 120]
    (strip,) = _marks(heat_strip(events).to_dict(), "rect")
    assert strip["encoding"]["color"]["field"] == "count"


def test_bundled_case_renders_with_links() -> None:
    events = tl.datasets.load("cairo-2014-01")
    spec = timeline_chart(events, tl.lags(events), title="Cairo").to_dict()
    rules = [layer for layer in _layers(spec) if layer["mark"]["type"] == "rule"]
    (link,) = _values(spec, rules[0])
    assert link["trigger_id"] == "cairo-2014-01-23-audio-warning"
    assert link["response_id"] == "cairo-2014-01-24-security-directorate"
    assert spec["title"]["text"] == "Cairo"


def test_three_same_day_attacks_are_three_marks_in_three_sub_rows() -> None:
    events = tl.datasets.load("cairo-2014-01")
    spec = timeline_chart(events, tl.lags(events)).to_dict()
    marker = _marks(spec, "point")[0]
    rows = _values(spec, marker)
    assert {r["event_id"] for r in rows} == set(events["event_id"])  # every event drawn
    day = [r for r in rows if r["kind"] == "attack" and r["x"].startswith("2014-01-23T22")]
    assert len(day) == 3  # the three attacks of Friday 24 January (Cairo day)
    assert len({r["slot"] for r in day}) == 3
    assert marker["encoding"]["y"]["sort"].count(day[0]["lane"]) == 1  # one labelled lane


def _overlap(a: dict, b: dict, gap: pd.Timedelta) -> bool:
    t = pd.Timestamp
    return t(a["x"]) < max(t(b["x2"]), t(b["x"]) + gap) and t(b["x"]) < max(
        t(a["x2"]), t(a["x"]) + gap
    )


@pytest.mark.parametrize(("groups", "rate", "lanes"), [(3, 1.5, 12), (200, 0.02, 3)])
def test_no_two_events_of_one_sub_row_overlap_brute_force(groups, rate, lanes) -> None:
    """Oracle: every pair of events sharing a slot is checked for overlap by hand (sparse
    lanes, and dense folded lanes where the size-class layout wins)."""
    events = tl.synth.generate(n_groups=groups, days=20, warning_rate=rate, background_rate=rate,
                               vague_share=0.5, seed=3).events  # fmt: skip
    spec = timeline_chart(events, max_lanes=lanes).to_dict()
    rows = _values(spec, _marks(spec, "point")[0])
    assert len(rows) == events.height
    span = max(pd.Timestamp(r["x2"]) for r in rows) - min(pd.Timestamp(r["x"]) for r in rows)
    gap = span * (12 / 800) * 0.99
    by_slot: dict[str, list[dict]] = {}
    for r in rows:
        by_slot.setdefault(r["slot"], []).append(r)
    assert max(len(v) for v in by_slot.values()) < len(rows)
    for members in by_slot.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                assert not _overlap(a, b, gap), (a["event_id"], b["event_id"])


def test_hundreds_of_actors_fold_into_the_busiest_lanes_and_other_actors() -> None:
    events = tl.synth.generate(n_groups=300, days=60, warning_rate=0.05, background_rate=0.03,
                               seed=1).events  # fmt: skip
    events = events.with_columns(  # a few events with no actor: an honest lane, not "(none)"
        actor=pl.when(pl.int_range(pl.len()) % 97 == 0).then(None).otherwise("actor")
    )
    assert events.get_column("actor").n_unique() > 250
    spec = timeline_chart(events, max_marks=10_000, max_lanes=12).to_dict()
    marker = _marks(spec, "point")[0]
    rows = _values(spec, marker)
    lanes = {r["lane"] for r in rows}
    assert len(lanes) == 12 and "other actors" in lanes
    assert "(none)" not in json.dumps(spec)
    top = events.group_by("actor").len().sort("len", descending=True)
    assert top.get_column("actor")[0] in lanes or top.get_column("actor")[0] is None
    assert "more in 'other actors'" in spec["title"]["subtitle"][0]
    overview = timeline_chart(events, max_marks=100, max_lanes=12).to_dict()
    rects = _marks(overview, "rect")
    assert len({v["slot"] for r in rects for v in _values(overview, r)}) == 12
    assert all(len(r["encoding"]["y"]["sort"]) == 12 for r in rects)


def test_the_kind_legend_lists_exactly_the_kinds_drawn() -> None:
    events = tl.datasets.load("cairo-2014-01")
    spec = timeline_chart(events, tl.lags(events)).to_dict()
    marker = _marks(spec, "point")[0]
    drawn = {r["kind"] for r in _values(spec, marker)}
    for channel in ("color", "shape", "stroke"):
        assert set(marker["encoding"][channel]["scale"]["domain"]) == drawn
        assert marker["encoding"][channel]["title"] == "kind"  # one merged legend
    (rule,) = _marks(spec, "rule")
    links = {r["link"] for r in _values(spec, rule)}
    assert set(rule["encoding"]["strokeDash"]["scale"]["domain"]) == links


def test_the_year_is_on_every_label_when_the_span_crosses_one() -> None:
    events = _events().assign(
        t_start=pd.to_datetime(["2013-12-30T10:00Z", "2014-01-02T10:00Z", "2014-01-03T10:00Z"]),
        t_end=pd.to_datetime(["2013-12-30T10:00Z", "2014-01-02T10:00Z", "2014-01-03T10:00Z"]),
    )
    spec = timeline_chart(events).to_dict()
    x = _marks(spec, "point")[0]["encoding"]["x"]
    assert x["title"] == "time (UTC)"
    assert all("%Y" in x["axis"]["format"][u] for u in ("month", "week", "date", "hours"))
    # in Cairo's clock the same span still crosses; a span inside one year does not
    inside = timeline_chart(_events()).to_dict()
    x = _marks(inside, "point")[0]["encoding"]["x"]
    assert "%Y" not in x["axis"]["format"]["date"] and x["title"].endswith("2014")


def test_the_year_follows_the_zone_shown() -> None:
    """22:30 UTC on 31 December is already the next year in Cairo (UTC+2)."""
    t = pd.to_datetime(["2013-12-31T12:00Z", "2013-12-31T22:30Z"])
    events = _events().iloc[:2].assign(t_start=t, t_end=t)
    utc = _marks(timeline_chart(events).to_dict(), "point")[0]["encoding"]["x"]
    cairo = _marks(timeline_chart(events, local_tz="Africa/Cairo").to_dict(), "point")[0]
    assert utc["title"] == "time (UTC), 2013"
    assert cairo["encoding"]["x"]["title"] == "time (Africa/Cairo, local)"  # crosses into 2014
    assert "%Y" in cairo["encoding"]["x"]["axis"]["format"]["date"]


def test_overview_of_a_big_store_sends_bins_not_rows() -> None:
    events = tl.synth.generate(n_groups=400, days=730, warning_rate=0.2, background_rate=0.2,
                               vague_share=0.5, seed=2).events  # fmt: skip
    assert events.height > 100_000
    spec = timeline_chart(events).to_dict()
    rects = _marks(spec, "rect")
    values = [v for r in rects for v in _values(spec, r)]
    assert len(values) <= 12 * 170
    assert sum(v["count"] for v in values) == events.height
    assert rects[0]["encoding"]["x"]["axis"]["format"]["date"] == "%d %b %Y"  # 2014 to 2016


def test_the_year_stays_on_the_labels_when_panning_can_cross_it() -> None:
    """The first view lies in 2014, but the data reaches back into 2013: labels carry years."""
    events = _events().assign(
        t_start=pd.to_datetime(["2013-12-20T10:00Z", "2014-01-02T10:00Z", "2014-01-03T10:00Z"]),
        t_end=pd.to_datetime(["2013-12-20T10:00Z", "2014-01-02T10:00Z", "2014-01-03T10:00Z"]),
    )
    window = ("2014-01-01T00:00:00+00:00", "2014-01-05T00:00:00+00:00")
    x = _marks(timeline_chart(events, window=window).to_dict(), "point")[0]["encoding"]["x"]
    assert "%Y" in x["axis"]["format"]["date"] and x["title"] == "time (UTC)"


def test_episode_strip_honours_the_zone_and_says_when_the_order_is_unknown() -> None:
    from timeline.frames import to_polars

    events = to_polars(tl.datasets.load("cairo-2014-01"))
    friday = events.filter(
        pl.col("event_id").is_in(["cairo-2014-01-24-talbiya-grenades", "cairo-2014-01-24-claim"])
    )
    spec = tl.charts.episode_strip(friday, local_tz="Africa/Cairo").to_dict()
    (rule,) = _marks(spec, "rule")
    (link,) = _values(spec, rule)
    # a day-level grenade and an evening claim: -7 h to 1 d apart, never "0 s" or one value
    assert link["lag_text"] == "order unknown (-7 h to 1 d)"
    assert rule["encoding"]["x"]["title"].startswith("time (Africa/Cairo, local)")
    assert set(rule["encoding"]["y"]["sort"]) >= {"attack", "claim"}


def test_an_overview_with_a_window_bins_and_ranks_what_the_window_shows() -> None:
    # decades of old events and a two-day window on a few recent ones: the window's
    # events in bins of hours, its actors first (not 365-day bars over empty lanes)
    n_old = 12_000
    old = pd.DataFrame(
        {
            "event_id": [f"old{i}" for i in range(n_old)],
            "kind": ["attack"] * n_old,
            "t_start": pd.Timestamp("1970-01-01T00:00Z") + pd.to_timedelta(range(n_old), unit="D"),
            "actor": [f"Old {i % 40}" for i in range(n_old)],
        }
    )
    recent = pd.DataFrame(
        {
            "event_id": [f"new{i}" for i in range(30)],
            "kind": ["attack"] * 30,
            "t_start": pd.Timestamp("2019-10-24T00:00Z") + pd.to_timedelta(range(30), unit="h"),
            "actor": ["Recent"] * 30,
        }
    )
    events = pd.concat([old, recent], ignore_index=True)
    window = (datetime(2019, 10, 23, 12, tzinfo=UTC), datetime(2019, 10, 25, 12, tzinfo=UTC))
    spec = timeline_chart(events, window=window, max_marks=5000).to_dict()
    subtitle = spec["title"]["subtitle"][0]
    assert subtitle.startswith("30 events in") and "d bins" not in subtitle
    values = [v for rect in _marks(spec, "rect") for v in _values(spec, rect)]
    assert {v["slot"] for v in values} == {"Recent"}
    assert sum(v["count"] for v in values) == 30
