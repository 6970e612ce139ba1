"""Cached chart building (the pure builders live in `timeline.charts`) and drawing."""

from __future__ import annotations

from typing import Any

import pandas as pd
import polars as pl
import streamlit as st
from streamlit.errors import StreamlitAPIException

import timeline as tl
import timeline.charts as tc
from timeline.export import story
from timeline_app.state import cache
from timeline_app.state.query import DataRef, Filters, Question, Side, View
from timeline_app.widgets import vega

MAX_MARKS = 2000  # above this many events the timeline is the overview (counts per bin)


@st.cache_resource(max_entries=16, show_spinner="Drawing the timeline…")
def timeline(
    _store: tl.EventStore,
    ref: DataRef,
    filters: Filters,
    question: Question,
    lanes: str,
    local_tz: str | None,
    with_links: bool,
    focus: bool = False,
) -> Any:
    """The timeline chart: detail up to MAX_MARKS events, else the overview (the builder
    decides). With `focus`, the first x range spans the matched pairs, as `tl.brief` does."""
    events = cache.events(_store, ref, filters)
    if events.height > MAX_MARKS:  # overview: bins, no single events, so no links
        return tc.timeline_chart(events, lanes=lanes, local_tz=local_tz, max_marks=MAX_MARKS)
    pairs = cache.pairs(_store, ref, filters, question) if with_links else None
    window = focus_window(pairs) if focus and pairs is not None else None
    return tc.timeline_chart(
        events, pairs, lanes=lanes, local_tz=local_tz, window=window, max_marks=MAX_MARKS
    )


def focus_window(pairs: pd.DataFrame) -> tuple | None:
    """The matched pairs' span, padded (the one rule, `timeline.export.story.focus_window`)."""
    cols = [c for c in ("trigger_time", "response_time", "censored") if c in pairs.columns]
    if len(cols) < 3 or pairs.empty:
        return None
    return story.focus_window(pl.from_pandas(pairs[cols]))


def draw(chart: Any, *, key: str, select: str | None = None) -> list[dict]:
    """Render a chart; with `select`, return the points selected in that selection."""
    if select is None:
        st.vega_lite_chart(vega.spec(chart), key=key, width="stretch")
        return []
    try:
        state = st.vega_lite_chart(
            vega.spec(chart), key=key, on_select="rerun", selection_mode=[select], width="stretch"
        )
    except StreamlitAPIException:  # the chart has no such selection: draw it plainly
        st.vega_lite_chart(vega.spec(chart), key=f"{key}-plain", width="stretch")
        return []
    picked = state.selection.get(select, []) if state is not None else []
    return picked if isinstance(picked, list) else []


def _claims(question: Question) -> Question:
    """Attack -> claim with the sidebar's window and actor matching."""
    return Question(Side("attack"), Side("claim"), question.within, question.by_actor)


def named(name: str, store: tl.EventStore, view: View) -> Any:
    """One of the `EXPORTABLE` charts for the current view."""
    ref, filters, q = view.data, view.filters, view.question
    local_tz = cache.facets(store, ref)["tz"] if view.local_time else None
    if name == "Timeline":
        return timeline(store, ref, filters, q, "actor", local_tz, with_links=True, focus=True)
    question = _claims(q) if name.startswith("Attack → claim") else q
    kind = name.removeprefix("Attack → claim: ")
    makers = {
        "Lag histogram": (tc.lag_histogram, lambda: cache.pairs(store, ref, filters, question)),
        "Survival curve": (
            tc.survival_chart,
            lambda: cache.survival(store, ref, filters, question),
        ),
        "Per-actor comparison": (
            tc.actor_comparison,
            lambda: cache.summary(store, ref, filters, question, "actor"),
        ),
        "Chance baseline": (
            tc.baseline_chart,
            lambda: cache.baseline(store, ref, filters, question, 200),
        ),
    }
    build, data = makers[kind]
    return build(data())


EXPORTABLE = (
    "Timeline",
    "Lag histogram",
    "Survival curve",
    "Per-actor comparison",
    "Chance baseline",
    "Attack → claim: Lag histogram",
    "Attack → claim: Survival curve",
)
