"""The shared sidebar: data in use, filters, the question, the clock. Widgets only."""

from __future__ import annotations

from datetime import date

import streamlit as st

import timeline as tl
from timeline import schema
from timeline_app.state import cache, stores
from timeline_app.state.query import DataRef, Filters, Question, Side, View
from timeline_app.widgets import show

SOURCES = ("Bundled case", "Store file", "Dashboard store")
CLOCKS = ("UTC", "Local time (the events' zone)")
_VIEW = "tl_view"
SWITCH_TO_SESSION = "tl_switch_to_session"


def current() -> View:
    """The view the sidebar set on this run (pages call this)."""
    if _VIEW not in st.session_state:
        return View(DataRef("case", tl.datasets.names()[0]))
    return st.session_state[_VIEW]


def render() -> View:
    """Draw the sidebar and remember what it asks for."""
    with st.sidebar:
        st.subheader("Data")
        ref = _data_ref()
        store = stores.store_for(ref)
        facts = cache.facets(store, ref)
        st.caption(f"{facts['n']:,} event(s) in the store")
        filters = _filters(ref, facts)
        st.subheader("Question")
        question = _question()
        clock = st.radio(  # one place, one zone: its own clock reads best ("Thursday")
            "Times shown in", CLOCKS, key="clock", horizontal=True,
            index=1 if facts.get("one_zone") else 0,
        )  # fmt: skip
    view = View(ref, filters, question, local_time=clock == CLOCKS[1])
    st.session_state[_VIEW] = view
    return view


def _data_ref() -> DataRef:
    if st.session_state.pop(SWITCH_TO_SESSION, False):
        st.session_state["data_source"] = SOURCES[2]
    source = st.radio("Data in use", SOURCES, key="data_source")
    if source == SOURCES[1]:
        folder = stores.data_folder()
        where = f"in {folder}" if folder else "off: `timeline app --data-folder DIR`"
        path = st.text_input(
            "Store file (.duckdb)", key="store_path", placeholder="events.duckdb",
            help=f"A store file in the data folder ({where}), or the dashboard store's path.",
        )  # fmt: skip
        if path.strip():
            ref = _try(lambda: stores.file_ref(path.strip()))
            if ref is not None:
                return ref
        st.caption("Showing the bundled case until a store file is given.")
    if source == SOURCES[2]:
        ref = _try(stores.session_ref)
        if ref is not None:
            st.caption(f"Uploads and accepted article events are kept in {ref.ident}.")
            return ref
        st.caption("Showing the bundled case until the dashboard store can be read.")
    cases = tl.datasets.names()
    return DataRef("case", st.selectbox("Case", cases, key="case_name"))


def _try(make) -> DataRef | None:
    """A DataRef, or None with the reason shown (a missing file, a store being written)."""
    try:
        return make()
    except tl.TimelineError as exc:
        st.error(show.escape_md(str(exc)), icon=":material/error:")
    return None


def _filters(ref: DataRef, facts: dict) -> Filters:
    first, last = facts["first"], facts["last"]
    start = end = None
    if first is not None:
        picked = st.date_input(
            "Date range (UTC days)",
            value=(first, last),
            min_value=min(first, date(1970, 1, 1)),
            max_value=max(last, date(2100, 1, 1)),
            key=f"dates|{ref.kind}|{ref.ident}|{ref.version}",
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            start, end = picked
            if (start, end) == (first, last):
                start = end = None  # the whole store: no time filter
    actors = st.multiselect("Actors", facts["actors"], key="f_actors", placeholder="all")
    countries = st.multiselect(
        "Countries", facts["countries"], key="f_countries", placeholder="all"
    )
    kinds = st.multiselect("Kinds", facts["kinds"], key="f_kinds", placeholder="all")
    known = set(facts["actors"]), set(facts["countries"]), set(facts["kinds"])
    return Filters(
        start,
        end,
        tuple(a for a in actors if a in known[0]),
        tuple(c for c in countries if c in known[1]),
        tuple(k for k in kinds if k in known[2]),
    )


def _side(label: str, key: str, default: str) -> Side:
    kind = st.selectbox(label, schema.KINDS, index=schema.KINDS.index(default), key=f"q_{key}")
    with st.expander(f"Narrow the {key} by channel / subtype"):
        channels = st.multiselect(
            "Channel", schema.CHANNELS, key=f"q_{key}_channels", placeholder="any"
        )
        subtypes = st.multiselect(
            "Subtype", schema.SUBTYPES, key=f"q_{key}_subtypes", placeholder="any"
        )
    return Side(kind, tuple(subtypes), tuple(channels))


def _question() -> Question:
    trigger = _side("Trigger", "trigger", "warning")
    response = _side("Response", "response", "attack")
    within = st.text_input(
        "Window",
        value="7d",
        key="q_within",
        help='How long after a trigger a response still counts: "90min", "36h", "7d", "2w".',
    )
    by_actor = st.checkbox(
        "Same actor only",
        value=True,
        key="q_by_actor",
        help="Pair a trigger only with a response by the same actor.",
    )
    return Question(trigger, response, within.strip() or "7d", by_actor)
