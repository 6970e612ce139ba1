"""Cached loads and computations: thin `st.cache_*` wrappers keyed on small values.

Keys are the DataRef (store identity + version), the Filters and the Question, never whole
frames; the store itself is passed as `_store` (not hashed). Event frames are kept with
`cache_resource` (shared, not copied: polars frames are never mutated here), so a filter
answered before comes back at once and a new filter costs one query plus one computation.
"""

from __future__ import annotations

import pandas as pd
import polars as pl
import streamlit as st

import timeline as tl
from timeline_app.state.query import DataRef, Filters, Question

IN_MEMORY_MAX = 3_000_000  # stores up to this size are held whole and filtered in polars


@st.cache_resource(max_entries=4, show_spinner="Reading the store…")
def all_events(_store: tl.EventStore, ref: DataRef) -> pl.DataFrame | None:
    """The whole store in memory when it is small enough (None above IN_MEMORY_MAX)."""
    if len(_store) > IN_MEMORY_MAX:
        return None
    return _store.events_pl()


@st.cache_resource(max_entries=24, show_spinner=False)
def events(_store: tl.EventStore, ref: DataRef, filters: Filters) -> pl.DataFrame:
    """The store's events under the filters (polars, canonical dtypes, by time).

    Filtering the cached table in polars answers in milliseconds; very large stores are
    filtered by DuckDB instead.
    """
    whole = all_events(_store, ref)
    if whole is None:
        return _store.events_pl(**filters.store_args())
    return whole if filters == Filters() else whole.filter(filters.expr())


@st.cache_data(max_entries=16, show_spinner=False)
def facets(_store: tl.EventStore, ref: DataRef) -> dict:
    """What the filters offer: actors, countries, kinds, first/last day, zone, count."""
    frame = events(_store, ref, Filters())
    if frame.height == 0:
        return {
            "n": 0,
            "actors": [],
            "countries": [],
            "kinds": [],
            "first": None,
            "last": None,
            "tz": "UTC",
            "one_zone": False,
        }
    tz = frame.get_column("tz").drop_nulls().mode()
    return {
        "n": frame.height,
        "actors": sorted(frame.get_column("actor").drop_nulls().unique().to_list()),
        "countries": sorted(frame.get_column("country").drop_nulls().unique().to_list()),
        "kinds": [k for k in tl.schema.KINDS if k in set(frame.get_column("kind").to_list())],
        "first": frame.get_column("t_start").min().date(),
        "last": frame.get_column("t_end").max().date(),
        "tz": sorted(tz.to_list())[0] if tz.len() else "UTC",
        "one_zone": frame.get_column("tz").drop_nulls().n_unique() == 1,
    }


@st.cache_data(max_entries=32, show_spinner=False)
def pairs(_store: tl.EventStore, ref: DataRef, filters: Filters, q: Question) -> pd.DataFrame:
    """`tl.lags` for the question on the filtered events."""
    frame = events(_store, ref, filters)
    return tl.lags(
        frame, trigger=q.trigger.spec(), response=q.response.spec(), within=q.within, by=q.by
    )


@st.cache_data(max_entries=32, show_spinner="Summarising the lags…")
def summary(
    _store: tl.EventStore,
    ref: DataRef,
    filters: Filters,
    q: Question,
    by: str | None = None,
    top: int = 20,
) -> pl.DataFrame:
    """`tl.lag_summary` of the question's pairs (polars: `timeline.results.SUMMARY`),
    overall (by=None) or per actor.

    Per actor, only the `top` actors with the most triggers are summarised.
    """
    table = pairs(_store, ref, filters, q)
    if by is None:
        return tl.lag_summary(table, output="polars")
    if by not in table.columns:
        raise tl.TimelineError("The per-actor comparison needs the question matched by actor.")
    busiest = table[by].value_counts().head(top).index
    return tl.lag_summary(table[table[by].isin(busiest)], by=by, output="polars")


@st.cache_data(max_entries=32, show_spinner=False)
def survival(_store: tl.EventStore, ref: DataRef, filters: Filters, q: Question) -> pd.DataFrame:
    """The Kaplan-Meier (or Turnbull) curve of the question's pairs."""
    return tl.survival(pairs(_store, ref, filters, q))


@st.cache_resource(max_entries=16, show_spinner="Testing against chance…")
def baseline(
    _store: tl.EventStore, ref: DataRef, filters: Filters, q: Question, n_permutations: int
) -> object:
    """`tl.baseline_test` (seeded, so the numbers repeat)."""
    return tl.baseline_test(
        events(_store, ref, filters),
        q.trigger.spec(),
        q.response.spec(),
        q.within,
        by=q.by,
        n_permutations=n_permutations,
        seed=0,
    )


@st.cache_data(max_entries=16, show_spinner=False)
def episodes(
    _store: tl.EventStore, ref: DataRef, filters: Filters, gap: str, by_actor: bool
) -> pd.DataFrame:
    """`tl.episodes` of the filtered events."""
    return tl.episodes(events(_store, ref, filters), gap=gap, by="actor" if by_actor else None)
