"""The stores the dashboard reads: bundled cases, store files, and its own store file.

The dashboard's own store (uploads and accepted article events) is a DuckDB file, so a
browser reload or a restart loses nothing, and the CLI can read or load into the same
file meanwhile (`timeline.storefile`: one connection per operation). Its place is
`timeline app --store FILE` (the TIMELINE_APP_STORE variable), else
`$XDG_DATA_HOME/timeline/dashboard.duckdb` (~/.local/share/...). Every session of one
server shares it.

Files on the server are read by path only inside the data folder the app was given
(`timeline app --data-folder DIR`, the TIMELINE_APP_DATA variable); without one the
path boxes are off and uploads are the way in.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

import timeline as tl
from timeline_app.state.query import DataRef

STORE_ENV, DATA_ENV = "TIMELINE_APP_STORE", "TIMELINE_APP_DATA"


@st.cache_resource(show_spinner="Loading the bundled case…")
def case_store(name: str) -> tl.EventStore:
    """An in-memory store holding one bundled case (shared by all sessions, read only)."""
    return tl.datasets.open_store(name)


@st.cache_resource(max_entries=8, show_spinner=False)
def file_store(path: str, writable: bool = False) -> tl.EventStore:
    """A store file (it holds no connection between reads, so keeping it costs nothing)."""
    return tl.EventStore(path, read_only=not writable)


def dashboard_path() -> Path:
    """Where the dashboard keeps uploads and accepted article events."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return (Path(base) / "timeline" / "dashboard.duckdb").resolve()


def data_folder() -> Path | None:
    """The folder files may be read from by path (None: path boxes are off)."""
    folder = os.environ.get(DATA_ENV)
    return Path(folder).expanduser().resolve() if folder else None


def data_file(path: str) -> Path:
    """`path` (relative to the data folder, or absolute inside it), or a TimelineError."""
    folder = data_folder()
    if folder is None:
        raise tl.TimelineError(
            "Reading files on the server by path is off. Upload the file instead, or start "
            "the dashboard with `timeline app --data-folder DIR` to read files in DIR."
        )
    target = (folder / Path(path).expanduser()).resolve()  # symlinks followed, then checked
    if not target.is_relative_to(folder):
        raise tl.TimelineError(
            f"{path} is outside the data folder {folder}; only files in it can be read."
        )
    return target


def file_ref(path: str) -> DataRef:
    """A DataRef for a store file at its current version; raises TimelineError when the
    file is missing, outside the data folder, or not a store."""
    target = Path(path).expanduser().resolve()
    if target != dashboard_path():
        target = data_file(path)
    if not target.is_file():
        raise tl.TimelineError(f"No store file at {target}. Hint: give the path of a .duckdb file.")
    return DataRef("file", str(target), file_store(str(target)).version())


def session_store() -> tl.EventStore:
    """The dashboard's own store (created on first use), where loads go."""
    path = dashboard_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return file_store(str(path), writable=True)


def session_ref() -> DataRef:
    """The DataRef of the dashboard's store at its current version (new loads by any
    process, the CLI included, move it on)."""
    store = session_store()
    return DataRef("file", str(store.path), store.version())


def session_changed() -> None:
    """Loads move the store's own version on; nothing to do (kept for callers)."""


def store_for(ref: DataRef) -> tl.EventStore:
    """The store a DataRef names."""
    if ref.kind == "case":
        return case_store(ref.ident)
    if ref.kind == "file":
        return file_store(ref.ident, Path(ref.ident) == dashboard_path())
    return session_store()
