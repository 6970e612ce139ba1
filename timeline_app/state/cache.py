"""Cached loads and computations: thin `st.cache_*` wrappers keyed on small values.

Keys are the store's version (`Version`: which store, and its load log's count and last
load id, so a rerun, a new tab or a touched file never recompute, and a load always
does), the Filters and the Question, never whole frames; the store itself is passed as
`_store` (not hashed). Results are kept with `cache_resource` (shared, not copied: frames
are never mutated here or by the pages), so a filter answered before comes back at once
and a new filter costs one polars filter plus one computation.

Everything is polars; `pairs` hands pandas to the pages that still read pandas, through
the public boundary (`tl.api.frame`), once per key.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import TYPE_CHECKING, NamedTuple

import polars as pl
import streamlit as st

import timeline as tl
from timeline.analysis.summary import summary_and_survival
from timeline.api import frame as to_output
from timeline.facets import Facets
from timeline_app.state.episodes import Shown, members
from timeline_app.state.episodes import shown as shown_episodes
from timeline_app.state.query import DataRef, Filters, Question

if TYPE_CHECKING:
    import pandas as pd

IN_MEMORY_MAX = 3_000_000  # stores up to this size are held whole and filtered in polars
# what the filters, pairing, the chance test and episodes read: the Lags and Sequences pages
# never read the other 20 columns (half the time of reading the store)
ANALYSIS_COLUMNS = ("event_id", "kind", "subtype", "channel", "t_start", "t_end", "actor",
                    "country")  # fmt: skip


class Version(NamedTuple):
    """A store's content version: its identity, number of loads, the last load (id, when
    it finished, its file hash: a store file made again differs) and the row count."""

    kind: str
    ident: str
    loads: int
    last_load: int
    last_stamp: str
    rows: int


@st.cache_data(max_entries=64, show_spinner=False)
def _version(_store: tl.EventStore, ref: DataRef) -> Version:
    """Read once per DataRef (a new file mtime or session version asks again)."""
    with _store.reading():  # one connection for both reads
        log, rows = _store.loads(), len(_store)
    if not len(log):
        return Version(ref.kind, ref.ident, 0, 0, "", rows)
    last = log.loc[log["load_id"].idxmax()]
    stamp = f"{last['finished_at']}|{last['file_hash']}"
    return Version(ref.kind, ref.ident, len(log), int(last["load_id"]), stamp, rows)


def version(store: tl.EventStore, ref: DataRef) -> Version:
    """The cache key of a store's content (a few milliseconds, once per DataRef)."""
    return _version(store, ref)


class _Held:
    """The frames read from one store version: the whole table once a page draws it, else
    only the analysis columns (a select of the whole table once that is read)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.frames: dict[str, pl.DataFrame] = {}


@st.cache_resource(max_entries=4, show_spinner=False)
def _held(_store: tl.EventStore, v: Version) -> _Held:
    return _Held()


def _whole(_store: tl.EventStore, v: Version, analysis: bool) -> pl.DataFrame | None:
    """Every event (the analysis columns only, with `analysis`), held per version; None
    above IN_MEMORY_MAX."""
    if v.rows > IN_MEMORY_MAX:
        return None
    held = _held(_store, v)
    with held.lock:
        frames = held.frames
        if "all" in frames:
            return frames["all"].select(ANALYSIS_COLUMNS) if analysis else frames["all"]
        if analysis:
            if "analysis" not in frames:
                frames["analysis"] = _store.events_pl(columns=ANALYSIS_COLUMNS)
            return frames["analysis"]
        with st.spinner("Reading the store…"):
            frames["all"] = _store.events_pl()
        frames.pop("analysis", None)  # a select of the whole table from now on
        return frames["all"]


def all_events(store: tl.EventStore, ref: DataRef) -> pl.DataFrame | None:
    """The whole store in memory when it is small enough (None above IN_MEMORY_MAX)."""
    return _whole(store, version(store, ref), analysis=False)


@st.cache_resource(max_entries=24, show_spinner=False)
def _events(
    _store: tl.EventStore, v: Version, filters: Filters, analysis: bool = False
) -> pl.DataFrame:
    whole = _whole(_store, v, analysis)
    if whole is None:
        columns = ANALYSIS_COLUMNS if analysis else None
        return _store.events_pl(**filters.store_args(), columns=columns)
    return whole if filters == Filters() else whole.filter(filters.expr())


def events(
    store: tl.EventStore, ref: DataRef, filters: Filters, *, analysis: bool = False
) -> pl.DataFrame:
    """The store's events under the filters (polars, canonical dtypes, by time); with
    `analysis`, only ANALYSIS_COLUMNS (what pairing, episodes and the chance test read).

    Filtering the cached table in polars answers in milliseconds; very large stores are
    filtered by DuckDB instead.
    """
    return _events(store, version(store, ref), filters, analysis)


@st.cache_resource(max_entries=16, show_spinner=False)
def _facets(_store: tl.EventStore, v: Version) -> Facets:
    return _store.facets()


def facets(store: tl.EventStore, ref: DataRef) -> Facets:
    """What the filters offer: actors, countries, kinds, first/last day, zone, count
    (`timeline.facets.Facets`, from SQL aggregates: no page pays for reading the whole
    store to draw its sidebar). Do not mutate."""
    return _facets(store, version(store, ref))


@st.cache_resource(max_entries=32, show_spinner=False)
def _pairs(_store: tl.EventStore, v: Version, filters: Filters, q: Question) -> pl.DataFrame:
    return tl.lags(
        _events(_store, v, filters, True),
        trigger=q.trigger.spec(),
        response=q.response.spec(),
        within=q.within,
        by=q.by,
        output="polars",
    )


def pairs_pl(store: tl.EventStore, ref: DataRef, filters: Filters, q: Question) -> pl.DataFrame:
    """`tl.lags` for the question on the filtered events (polars: `timeline.results.PAIRS`)."""
    return _pairs(store, version(store, ref), filters, q)


@st.cache_resource(max_entries=8, show_spinner=False)
def _pairs_pandas(_store: tl.EventStore, v: Version, filters: Filters, q: Question):
    return to_output(_pairs(_store, v, filters, q))


def pairs(store: tl.EventStore, ref: DataRef, filters: Filters, q: Question) -> pd.DataFrame:
    """The same pairs as pandas, for the pages that read pandas (converted once per key)."""
    return _pairs_pandas(store, version(store, ref), filters, q)


@st.cache_resource(max_entries=32, show_spinner="Summarising the lags…")
def _summary(
    _store: tl.EventStore, v: Version, filters: Filters, q: Question, by: str | None, top: int
) -> pl.DataFrame:
    if by is None:
        return _overall(_store, v, filters, q)[0]
    table = _pairs(_store, v, filters, q)
    if by not in table.columns:
        raise tl.TimelineError("The per-actor comparison needs the question matched by actor.")
    busiest = table.get_column(by).value_counts(sort=True).head(top).get_column(by)
    return tl.lag_summary(table.filter(pl.col(by).is_in(busiest.implode())), by=by,
                          within=q.within, output="polars")  # fmt: skip


def summary(
    store: tl.EventStore,
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
    return _summary(store, version(store, ref), filters, q, by, top)


@st.cache_resource(max_entries=32, show_spinner="Summarising the lags…")
def _overall(
    _store: tl.EventStore, v: Version, filters: Filters, q: Question
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The overall summary and survival curve, from one set of fits (the costly part)."""
    return summary_and_survival(_pairs(_store, v, filters, q), within=q.within)


@st.cache_resource(max_entries=32, show_spinner=False)
def _lag_chart(_store: tl.EventStore, v: Version, filters: Filters, q: Question, name: str):
    if name == "histogram":
        return tl.charts.lag_histogram(_pairs(_store, v, filters, q))
    return tl.charts.survival_chart(_overall(_store, v, filters, q)[1])


def lag_chart(store: tl.EventStore, ref: DataRef, filters: Filters, q: Question, name: str):
    """The question's "histogram" or "survival" chart, built once per key (a rerun that
    changes nothing, or a filter asked before, draws it without building it again)."""
    return _lag_chart(store, version(store, ref), filters, q, name)


def survival(store: tl.EventStore, ref: DataRef, filters: Filters, q: Question) -> pl.DataFrame:
    """The Kaplan-Meier (or Turnbull) curve of the question's pairs (polars)."""
    return _overall(store, version(store, ref), filters, q)[1]


@st.cache_resource(max_entries=16, show_spinner="Testing against chance…")
def _baseline(
    _store: tl.EventStore, v: Version, filters: Filters, q: Question, n_permutations: int
) -> object:
    return tl.baseline_test(
        _events(_store, v, filters, True),
        q.trigger.spec(),
        q.response.spec(),
        q.within,
        by=q.by,
        n_permutations=n_permutations,
        seed=0,
    )


def baseline(
    store: tl.EventStore, ref: DataRef, filters: Filters, q: Question, n_permutations: int
) -> object:
    """`tl.baseline_test` (seeded, so the numbers repeat)."""
    return _baseline(store, version(store, ref), filters, q, n_permutations)


@st.cache_resource(max_entries=16, show_spinner=False)
def _episodes(
    _store: tl.EventStore, v: Version, filters: Filters, gap: str, by_actor: bool
) -> pl.DataFrame:
    by = "actor" if by_actor else None
    return tl.episodes(_events(_store, v, filters, True), gap=gap, by=by, output="polars")


def episodes(
    store: tl.EventStore, ref: DataRef, filters: Filters, gap: str, by_actor: bool
) -> pl.DataFrame:
    """`tl.episodes` of the filtered events (polars: `timeline.results.EPISODES`)."""
    return _episodes(store, version(store, ref), filters, gap, by_actor)


@st.cache_resource(max_entries=16, show_spinner=False)
def _shown(
    _store: tl.EventStore, v: Version, filters: Filters, gap: str, by_actor: bool, only_rich: bool
) -> Shown:
    return shown_episodes(_episodes(_store, v, filters, gap, by_actor), only_rich)


def shown_episodes_of(
    store: tl.EventStore, ref: DataRef, filters: Filters, gap: str, by_actor: bool,
    only_rich: bool,
) -> Shown:  # fmt: skip
    """The episodes the Sequences page offers, formatted once per key (2,000 rows of lags
    as text cost a few tenths of a second on every rerun)."""
    return _shown(store, version(store, ref), filters, gap, by_actor, only_rich)


@st.cache_resource(max_entries=16, show_spinner=False)
def _episode(
    _store: tl.EventStore, v: Version, filters: Filters, gap: str, by_actor: bool, number: int,
    local_tz: str | None,
) -> tuple[pl.DataFrame, object]:  # fmt: skip
    table = _episodes(_store, v, filters, gap, by_actor)
    row = table.row(by_predicate=pl.col("episode") == number, named=True)
    # its rows whole, from the store: the span lets DuckDB skip the rest of the file
    span = row["start"], row["end"] + timedelta(microseconds=1)  # an exact event at the end
    chosen = members(_store.events_pl(*span, ids=list(row["event_ids"])), row)
    return chosen, tl.charts.episode_strip(chosen, local_tz=local_tz)


def episode(
    store: tl.EventStore, ref: DataRef, filters: Filters, gap: str, by_actor: bool, number: int,
    local_tz: str | None,
) -> tuple[pl.DataFrame, object]:  # fmt: skip
    """One episode's events (time order) and its strip chart, built once per key."""
    return _episode(store, version(store, ref), filters, gap, by_actor, number, local_tz)
