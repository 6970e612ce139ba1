"""Timeline page: the busiest actors' lanes (or kinds), time on x, matched lags as links;
an overview of counts when there are too many events to draw one by one."""

from __future__ import annotations

import polars as pl
import streamlit as st

import timeline as tl
from timeline_app.state import cache, stores
from timeline_app.widgets import charts, show, sidebar

view = sidebar.current()
st.title("Timeline")
st.caption(f"{view.data.label} · {view.question.label()}")

try:
    store = stores.store_for(view.data)
    events = cache.events(store, view.data, view.filters)
except tl.TimelineError as exc:
    show.error(exc)
    st.stop()
if events.height == 0:
    st.warning("No events match the filters. Widen the date range or clear a filter.")
    st.stop()

facts = cache.facets(store, view.data)
local_tz = facts["tz"] if view.local_time else None
c1, c2, c3, c4 = st.columns(4)
c1.metric("Events", f"{events.height:,}")
c2.metric("Actors", f"{events.get_column('actor').n_unique():,}")
first, last = show.day_span(events, local_tz)
c3.metric("First day", str(first), help=f"In {local_tz or 'UTC'}.")
c4.metric("Last day", str(last), help="The day the last interval ends in (ends are exclusive).")

left, right = st.columns([1, 2])
lanes = left.segmented_control("Lanes", ["actor", "kind"], default="actor", key="tl_lanes")
focus = right.toggle(
    "Start zoomed on the matched pairs",
    value=True,
    key="tl_focus",
    help="The first view spans the question's matched pairs; drag and scroll to see the rest.",
)
pairs = None
binned = events.height > charts.MAX_MARKS
if binned:
    st.caption(
        f"Overview: {events.height:,} events counted per lane and time bin (darker = more, "
        f"log scale). Narrow the dates, actors or kinds to {charts.MAX_MARKS:,} events or "
        "fewer to see each event and the lag links."
    )
else:
    try:
        pairs = cache.pairs(store, view.data, view.filters, view.question)
    except tl.TimelineError as exc:
        show.error(exc, hint="The timeline is drawn without lag links.")

chart = charts.timeline(
    store,
    view.data,
    view.filters,
    view.question,
    lanes or "actor",
    local_tz,
    with_links=pairs is not None,
    focus=focus,
)
picked = charts.draw(chart, key="timeline_chart", select="event")
ids = [p.get("event_id") for p in picked if p.get("event_id")]

if ids:
    st.subheader("Selected event")
    detail = show.events_table(
        events.filter(pl.col("event_id").is_in(ids)), tz=local_tz, columns=tl.schema.NAMES
    )
    for row in detail.to_dict("records"):
        shown = {k: str(v) for k, v in row.items() if v is not None and str(v) not in ("", "nan")}
        st.dataframe({"field": list(shown), "value": list(shown.values())}, hide_index=True)
        if shown.get("excerpt"):
            st.markdown("**Evidence**")
            st.markdown("> " + show.escape_md(shown["excerpt"]))
elif not binned:
    st.caption("Click an event to see its detail and sources; drag to pan, scroll to zoom.")

small = not ids and events.height <= 50
with st.expander(f"Events table ({events.height:,} rows)", expanded=small):
    st.dataframe(show.events_table(events.head(10_000), tz=local_tz), hide_index=True)
    if events.height > 10_000:
        st.caption("First 10,000 rows shown; download them all on the Data page.")
