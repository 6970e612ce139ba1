"""The adapters a source can be read with, and `auto` detection by header."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from timeline.errors import FormatError
from timeline.ingest.sources import Source, header, iter_raw


@dataclass
class Mapped:
    """An adapter's output for one batch: pre-events (see `finish`) and the rows it refused."""

    pre: pl.DataFrame
    failures: pl.DataFrame
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Adapter:
    """One source layout: how to recognise it, read it in batches and map a batch."""

    name: str
    id_prefix: str
    detect: Callable[[Source, list[str]], bool]
    map_batch: Callable[..., Mapped]
    read: Callable[[Source], Iterator[pl.DataFrame]] = iter_raw
    confidence: float = 1.0
    doc: str = ""
    # the raw columns holding written dates (whose numeric order is decided per file)
    date_columns: Callable[[list[str], dict[str, str] | None], list[str]] | None = None
    # a generic table's unused columns -> the closest role (None for dataset layouts)
    lists_unused: Callable[[pl.DataFrame, dict[str, str] | None], dict[str, str | None]] | None = (
        None
    )


_REGISTRY: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    _REGISTRY[adapter.name] = adapter
    return adapter


def _load_builtin() -> None:
    # Imported for their `register` side effect; the generic table is tried last.
    from timeline.ingest import table  # noqa: F401

    for module in ("folder", "gtd", "acled", "gdelt", "ucdp"):
        try:
            __import__(f"timeline.ingest.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"timeline.ingest.{module}":
                raise


def names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def choose(source: Source, format: str = "auto", *, mapping: Any = None) -> Adapter:
    """The adapter for `format`, or the first whose `detect` accepts the source.

    A `mapping` means the user is describing a generic table.
    """
    _load_builtin()
    if format == "auto" and mapping:
        format = "table"
    if format != "auto":
        if format not in _REGISTRY:
            raise FormatError(
                f"Unknown format {format!r}; choose one of: auto, {', '.join(sorted(_REGISTRY))}"
            )
        return _REGISTRY[format]
    problem: Exception | None = None
    try:
        cols = [str(c) for c in header(source)]
    except (OSError, FormatError, pl.exceptions.PolarsError) as exc:
        # No readable header (a GDELT line, a .zip): layouts that read the raw first
        # line themselves may still recognise the file.
        cols, problem = [], exc
    ordered = [a for n, a in _REGISTRY.items() if n != "table"] + [_REGISTRY["table"]]
    ordered.sort(key=lambda a: a.name != "events")  # a folder first: others open a file
    for adapter in ordered:
        if adapter.detect(source, cols):
            return adapter
    if problem is not None:
        raise FormatError(f"{source.name}: cannot read the file ({problem})") from problem
    raise FormatError(
        f"{source.name}: layout not recognised (columns: {', '.join(cols[:12])}); name a Date "
        "column, pass mapping={column: role}, or choose format= one of "
        + ", ".join(sorted(_REGISTRY))
    )
