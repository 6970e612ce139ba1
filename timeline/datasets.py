"""Bundled cases: curated event tables shipped with their sources and provenance."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import polars as pl

from timeline.errors import DatasetNotFound

if TYPE_CHECKING:
    import pandas as pd

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


def load(
    name: str = "cairo-2014-01", *, output: Literal["pandas", "polars"] = "pandas"
) -> pd.DataFrame | pl.DataFrame:
    """A bundled case as a validated event table (pandas, or polars with output="polars")."""
    from timeline.api import read_events

    return read_events(
        path(name) / "events.csv", format="table", name=f"{name}/events.csv", output=output
    )


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


def articles(
    name: str = "cairo-2014-01", *, output: Literal["pandas", "polars"] = "pandas"
) -> pd.DataFrame | pl.DataFrame:
    """The case's source articles: file, outlet, title, published, zones, and text."""
    from timeline.api import frame

    folder = path(name) / "articles"
    index = pl.read_csv(folder / "index.csv", infer_schema=False)
    text = [(folder / f).read_text(encoding="utf-8") for f in index.get_column("file")]
    return frame(index.with_columns(text=pl.Series(text, dtype=pl.Utf8)), output=output)
