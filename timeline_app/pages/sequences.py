"""Sequences page: episodes (chains of events with short gaps), one strip at a time."""

from __future__ import annotations

import streamlit as st

import timeline as tl
from timeline_app.state import cache, episodes, stores
from timeline_app.widgets import charts, show, sidebar

view = sidebar.current()
st.title("Sequences")
st.caption(f"{view.data.label} · episodes: events of one actor with gaps shorter than the gap")
store = stores.store_for(view.data)
gap = st.text_input("Gap that ends an episode", value="3d", key="episode_gap").strip() or "3d"
try:
    table = cache.episodes(store, view.data, view.filters, gap, view.question.by_actor)
except tl.TimelineError as exc:
    show.error(exc)
    st.stop()
if table.is_empty():
    st.warning("No events match the filters, so there are no episodes.")
    st.stop()

only_rich = st.toggle("Only episodes with a warning or a claim", value=True, key="episode_rich")
shown = cache.shown_episodes_of(store, view.data, view.filters, gap, view.question.by_actor,
                                only_rich)  # fmt: skip
st.dataframe(shown.readable, hide_index=True, key="episodes_table")
n_shown = shown.table.height
if n_shown > episodes.MAX_ROWS or n_shown > episodes.MAX_CHOICES:
    st.caption(
        f"{n_shown:,} episodes: the table shows the first {episodes.MAX_ROWS:,}, the list "
        f"below the {episodes.MAX_CHOICES:,} largest. Narrow the filters to see the rest."
    )

labels = shown.labels
busiest = list(labels).index(shown.largest)
pick = st.selectbox(
    "Episode to draw", list(labels), index=busiest, format_func=labels.get, key="episode_pick"
)
local_tz = cache.facets(store, view.data)["tz"] if view.local_time else None
by_actor = view.question.by_actor
chosen, strip = cache.episode(store, view.data, view.filters, gap, by_actor, pick, local_tz)
charts.draw(strip, key="episode_strip")
st.dataframe(show.events_table(chosen, tz=local_tz), hide_index=True, key="episode_events")
