"""The stores the dashboard reads: bundled cases, store files, and one per session."""

from __future__ import annotations

import uuid
from pathlib import Path

import streamlit as st

import timeline as tl
from timeline_app.state.query import DataRef

_SID, _STORE, _VERSION = "tl_session_id", "tl_session_store", "tl_session_version"


@st.cache_resource(show_spinner="Loading the bundled case…")
def case_store(name: str) -> tl.EventStore:
    """An in-memory store holding one bundled case (shared by all sessions, read only)."""
    return tl.datasets.open_store(name)


@st.cache_resource(max_entries=4, show_spinner="Opening the store file…")
def file_store(path: str, mtime_ns: int) -> tl.EventStore:
    """A store file opened read only; a new mtime opens it again."""
    del mtime_ns  # part of the cache key only
    return tl.EventStore(path, read_only=True)


def file_ref(path: str) -> DataRef:
    """A DataRef for a store file; raises TimelineError when it is missing."""
    target = Path(path).expanduser()
    if not target.is_file():
        raise tl.TimelineError(f"No store file at {target}. Hint: give the path of a .duckdb file.")
    return DataRef("file", str(target.resolve()), target.stat().st_mtime_ns)


def session_store() -> tl.EventStore:
    """This session's in-memory store (uploads and reviewed articles go here)."""
    if _STORE not in st.session_state:
        st.session_state[_SID] = uuid.uuid4().hex[:12]
        st.session_state[_STORE] = tl.EventStore()
        st.session_state[_VERSION] = 0
    return st.session_state[_STORE]


def session_ref() -> DataRef:
    """The DataRef of this session's store at its current version."""
    session_store()
    return DataRef("session", st.session_state[_SID], st.session_state[_VERSION])


def session_changed() -> None:
    """Call after writing to the session store: every cache keyed on it moves on."""
    session_store()
    st.session_state[_VERSION] += 1


def store_for(ref: DataRef) -> tl.EventStore:
    """The store a DataRef names."""
    if ref.kind == "case":
        return case_store(ref.ident)
    if ref.kind == "file":
        return file_store(ref.ident, ref.version)
    return session_store()
