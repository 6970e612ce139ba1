"""Altair charts as the Vega-Lite specs Streamlit sends, made once per chart object.

`st.altair_chart` validates the whole spec against the schema and turns each inline
dataset (a list of dicts) into Arrow through pandas on every rerun: ~2 s for a
5,000-rect timeline, paid even when the chart itself came from a cache. Here the spec is
made once per chart (unvalidated: the chart tests validate every builder's spec) and the
top-level data and named datasets go to Streamlit as polars frames, which it sends as Arrow
directly (a list of rows goes through pandas: 1.7 s for 1,500 rows).
"""

from __future__ import annotations

import threading
import weakref
from contextlib import nullcontext
from typing import Any

import altair as alt
import polars as pl

_LOCK = threading.Lock()  # altair's theme switch is global to all threads
_SPECS: dict[int, tuple[weakref.ref, dict]] = {}


def _frames(datasets: dict[str, Any]) -> dict[str, Any]:
    """Each list-of-rows dataset as a polars frame; left as it is when it does not fit one."""
    out = {}
    for name, rows in datasets.items():
        try:
            out[name] = pl.DataFrame(rows, infer_schema_length=None) if rows else rows
        except Exception:  # mixed types in a column: Streamlit's own path takes it
            out[name] = rows
    return out


def _make(chart: Any) -> dict:
    with _LOCK, alt.theme.enable("none") if alt.theme.active == "default" else nullcontext():
        spec = chart.to_dict(validate=False)
    if isinstance(spec.get("datasets"), dict):
        spec["datasets"] = _frames(spec["datasets"])
    data = spec.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list) and len(data) == 1:
        spec["data"] = {"values": _frames({"top": data["values"]})["top"]}
    return spec


def spec(chart: Any) -> dict:
    """A fresh top-level copy of the chart's spec (Streamlit pops its datasets)."""
    key = id(chart)
    found = _SPECS.get(key)
    if found is None or found[0]() is not chart:
        made = _make(chart)
        _SPECS[key] = (weakref.ref(chart, lambda _, k=key: _SPECS.pop(k, None)), made)
        found = _SPECS[key]
    made = found[1]
    out = {**made, "datasets": dict(made["datasets"])} if "datasets" in made else dict(made)
    if isinstance(made.get("data"), dict):
        out["data"] = dict(made["data"])  # Streamlit pops the top-level data too
    return out
