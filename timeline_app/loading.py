"""Getting user files into a store: uploads arrive as (name, bytes). No Streamlit here,
so the upload path is tested directly as well as through the page."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import timeline as tl
from timeline.ingest.report import IngestReport

Progress = Callable[[int, int | None], None]
UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx", "xls", "parquet", "jsonl", "ndjson")
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_name(name: str) -> str:
    """The file's own name (no folders), harmless on any file system, suffix kept."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return base or "upload.csv"


def ingest_bytes(
    store: tl.EventStore,
    name: str,
    data: bytes,
    *,
    format: str = "auto",
    progress: Progress | None = None,
) -> IngestReport:
    """Write an upload to a temp file with its original suffix and ingest it (bad rows
    are kept in the report, good ones loaded). Raises TimelineError on an unreadable file."""
    if not data:
        raise tl.TimelineError(f"{safe_name(name)} is empty. Hint: choose a file with rows.")
    with tempfile.TemporaryDirectory(prefix="timeline-upload-") as tmp:
        path = Path(tmp) / safe_name(name)
        path.write_bytes(data)
        return store.ingest(path, format=format, on_error="skip", progress=progress, name=path.name)


def ingest_path(
    store: tl.EventStore, path: str, *, format: str = "auto", progress: Progress | None = None
) -> IngestReport:
    """Ingest a file already on this machine (the path option on the Data page)."""
    target = Path(path).expanduser()
    return store.ingest(target, format=format, on_error="skip", progress=progress)


def copy_case(store: tl.EventStore, case: str) -> IngestReport:
    """Put a bundled case into a store (e.g. to add reviewed articles to it)."""
    folder = tl.datasets.path(case)
    return store.ingest(folder / "events.csv", format="table", name=f"{case}/events.csv")


def accept_candidates(
    store: tl.EventStore, text: str, published: str, kept: pd.DataFrame, **options
) -> IngestReport:
    """Store the reviewed article candidates (with the analyst's edits)."""
    return store.ingest_article(text, published, review=kept, **options).report
