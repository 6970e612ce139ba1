"""Bundled cases: curated event tables shipped with their sources and provenance."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from timeline.errors import DatasetNotFound

if TYPE_CHECKING:
    from timeline.ingest.report import IngestReport
    from timeline.store import EventStore


def root() -> Path:
    """Where the bundled cases live: inside the installed package, or the repo's datasets/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_bundled", here.parent / "datasets"):
        if candidate.is_dir():
            return candidate
    raise DatasetNotFound("No bundled datasets found; reinstall the package")


def names() -> list[str]:
    """The bundled cases, e.g. ['cairo-2014-01']."""
    return sorted(p.name for p in root().iterdir() if (p / "events.csv").is_file())


def path(name: str) -> Path:
    """The folder of one case (events.csv, README.md, articles/)."""
    folder = root() / name
    if not (folder / "events.csv").is_file():
        raise DatasetNotFound(f"No bundled case {name!r}; available: {', '.join(names())}")
    return folder


def load(name: str = "cairo-2014-01") -> pd.DataFrame:
    """A bundled case as a validated pandas event table."""
    from timeline.ingest import read_events

    return read_events(path(name) / "events.csv", format="table", name=f"{name}/events.csv")


def ingest_into(store: EventStore, name: str = "cairo-2014-01") -> IngestReport:
    """Add a bundled case's events to a store (e.g. to add reviewed articles beside them)."""
    csv = path(name) / "events.csv"
    return store.ingest(csv, format="table", name=f"{name}/events.csv")


def open_store(name: str = "cairo-2014-01") -> EventStore:
    """A new in-memory store holding one bundled case."""
    from timeline.store import EventStore

    store = EventStore()
    ingest_into(store, name)
    return store


def articles(name: str = "cairo-2014-01") -> pd.DataFrame:
    """The case's source articles: file, outlet, title, published, zones, and text."""
    folder = path(name) / "articles"
    index = pd.read_csv(folder / "index.csv", dtype=str)
    index["text"] = [(folder / f).read_text(encoding="utf-8") for f in index["file"]]
    return index
