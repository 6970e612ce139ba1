"""Lags page: summary, histogram, survival curve, per-actor comparison, chance baseline."""

from __future__ import annotations

import streamlit as st

import timeline as tl
from timeline.display import pairs_table, summary_table  # the declared columns, formatted
from timeline.results import PAIRS
from timeline_app.state import cache, stores
from timeline_app.state.query import Question, Side
from timeline_app.widgets import charts, show, sidebar

# the costly parts wait for a click above these, so the page paints and answers a filter
# change in about a second on a big store (issue 15: first paint < 3 s, a change < 1 s):
AUTO_MAX_EVENTS = 50_000  # the chance test: permutations of every filtered event
AUTO_MAX_ACTORS = 5  # the per-actor comparison: one bootstrap fit per actor (~0.1 s each)
TOP_ACTORS = 20


def field(result, name: str):
    """A field of a result object or dict (None when absent)."""
    return result.get(name) if isinstance(result, dict) else getattr(result, name, None)


def chart_or_error(build, *, key: str) -> None:
    """Draw the chart `build()` returns; a TimelineError becomes a message."""
    try:
        charts.draw(build(), key=key)
    except tl.TimelineError as exc:
        show.error(exc)


def baseline(store, view, q: Question, key: str, n_events: int) -> None:
    st.markdown("**Against chance** — are responses likelier after triggers than at random times?")
    n_perm = st.number_input("Permutations", 50, 10000, 1000, step=50, key=f"nperm-{key}")
    auto = n_events <= AUTO_MAX_EVENTS
    if not auto and not st.button("Run the permutation test", key=f"run-baseline-{key}"):
        return
    try:
        result = cache.baseline(store, view.data, view.filters, q, int(n_perm))
    except tl.TimelineError as exc:
        show.error(exc)
        return
    c1, c2, c3 = st.columns(3)
    lift, p = field(result, "lift"), field(result, "p_value")
    c1.metric("Lift (observed / expected hit rate)", "—" if lift is None else f"{lift:.2f}")
    c2.metric("Permutation p-value", "—" if p is None else f"{p:.3f}")
    c3.metric("Permutations", f"{int(n_perm):,}")
    chart_or_error(lambda: tl.charts.baseline_chart(result), key=f"baseline-{key}")


def figures(store, view, q: Question, key: str, pairs, n_events: int) -> None:
    """Histogram and survival curve side by side, then the per-actor comparison."""
    args = (store, view.data, view.filters, q)
    left, right = st.columns(2)
    with left:
        st.markdown("**Lags** (log time axis)")
        chart_or_error(lambda: cache.lag_chart(*args, "histogram"), key=f"hist-{key}")
    with right:
        st.markdown(
            "**Share of triggers still without a response**, up to the window "
            "(estimator in the subtitle; shaded: what the data allow and the 95% band)"
        )
        chart_or_error(lambda: cache.lag_chart(*args, "survival"), key=f"km-{key}")
    if not q.by_actor:
        return
    st.markdown(f"**Per actor** (the {TOP_ACTORS} actors with the most triggers)")
    n_actors = min(TOP_ACTORS, pairs.get_column("actor").n_unique())
    if n_actors > AUTO_MAX_ACTORS and not st.button(
        f"Compare the {n_actors} actors (pick up to {AUTO_MAX_ACTORS} actors for an "
        "instant answer)",
        key=f"run-actors-{key}",
    ):
        return
    try:
        per_actor = cache.summary(store, view.data, view.filters, q, "actor", TOP_ACTORS)
    except tl.TimelineError as exc:
        show.error(exc)
        return
    chart_or_error(lambda: tl.charts.actor_comparison(per_actor), key=f"actors-{key}")
    st.dataframe(summary_table(per_actor, "actor"), hide_index=True, key=f"per-actor-{key}")


def section(store, view, q: Question, key: str) -> None:
    try:
        pairs = cache.pairs_pl(store, view.data, view.filters, q)  # polars: no conversion
        overall = cache.summary(store, view.data, view.filters, q)
    except tl.TimelineError as exc:
        show.error(exc)
        return
    if pairs.is_empty():
        st.warning(
            f"No {q.trigger.label()} events among the filtered events. "
            "Change the trigger or clear a filter."
        )
        return
    st.dataframe(summary_table(overall), hide_index=True, key=f"summary-{key}")
    if int(overall.get_column("n_followed")[0]) == 0:
        st.warning(
            f"No trigger was followed by a {q.response.label()} within {q.within}. "
            "The window may be too small: widen it in the sidebar."
        )
    n_events = cache.events(store, view.data, view.filters, analysis=True).height
    figures(store, view, q, key, pairs, n_events)
    baseline(store, view, q, key, n_events)
    with st.expander(f"Pairs ({pairs.height:,} rows)"):
        keys = [c for c in pairs.columns if c not in PAIRS.names]
        shown = pairs_table(pairs.head(10_000), keys)  # ranges, never midpoints
        st.dataframe(shown, hide_index=True)


view = sidebar.current()
st.title("Lags")
st.caption(view.data.label)
claims = Question(Side("attack"), Side("claim"), view.question.within, view.question.by_actor)
store = stores.store_for(view.data)
# one question at a time (not tabs, which compute every tab's figures on each run)
questions = {"question": view.question, "claims": claims}
chosen = st.radio(
    "Question", list(questions), format_func=lambda k: questions[k].label(),
    horizontal=True, key="lags_question", label_visibility="collapsed",
)  # fmt: skip
section(store, view, questions[chosen], chosen)
