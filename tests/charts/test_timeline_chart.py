"""timeline_chart and heat_strip: asserted on chart.to_dict(), not on pixels."""

from __future__ import annotations

import json

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


def test_time_is_temporal_on_a_utc_scale() -> None:
    spec = timeline_chart(_events()).to_dict()
    for layer in _layers(spec):
        x = layer["encoding"]["x"]
        assert x["type"] == "temporal"
        assert x["scale"]["type"] == "utc"
        assert x["title"] == "time (UTC)"


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


def test_colour_is_the_fixed_kind_palette_and_shape_is_the_form() -> None:
    spec = timeline_chart(_events()).to_dict()
    marker = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "point")
    color = marker["encoding"]["color"]["scale"]
    assert color["domain"] == ["warning", "claim", "attack"]
    assert color["range"] == [KIND_COLORS[k] for k in color["domain"]]
    assert marker["encoding"]["shape"]["field"] == "form"
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
    assert texts[0]["encoding"]["text"]["field"] == "lag_text"


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
    assert bar["encoding"]["x"]["title"] == "time (Africa/Cairo, local)"
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


def test_too_many_events_become_a_binned_heat_strip() -> None:
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
    assert spec["mark"]["type"] == "rect"
    values = spec["data"]["values"] if "values" in spec.get("data", {}) else None
    values = values or spec["datasets"][spec["data"]["name"]]
    assert len(values) <= 5000
    assert sum(v["count"] for v in values) == n
    assert "binned" in spec["title"]["subtitle"]
    assert heat_strip(events).to_dict()["encoding"]["color"]["field"] == "count"


def test_bundled_case_renders_with_links() -> None:
    events = tl.datasets.load("cairo-2014-01")
    spec = timeline_chart(events, tl.lags(events), title="Cairo").to_dict()
    rules = [layer for layer in _layers(spec) if layer["mark"]["type"] == "rule"]
    (link,) = _values(spec, rules[0])
    assert link["trigger_id"] == "cairo-2014-01-23-audio-warning"
    assert link["response_id"] == "cairo-2014-01-24-security-directorate"
    assert spec["title"]["text"] == "Cairo"
