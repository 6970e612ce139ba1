"""Text tables with another delimiter (';', '|', tab in a .csv): a comma copy to load.

The readers take commas in .csv/.txt and tabs in .tsv. A file with another delimiter is
copied, record by record (bounded memory, quoted fields and line breaks kept), into a
comma-separated temporary file; its bytes are kept as they are (surrogateescape), so the
readers still see the file's own encoding, and each record keeps its line number.
"""

from __future__ import annotations

import contextlib
import csv
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline.errors import FormatError, TimelineError

TEXT = {".csv", ".txt", ".tsv"}
NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|", "\\t": "\t"}


def separator(delimiter: str) -> str:
    """One character, or its name ('tab', 'semicolon', 'pipe', 'comma')."""
    sep = NAMES.get(delimiter.lower(), delimiter)
    if len(sep) != 1 or sep in {'"', "\n", "\r"}:
        raise FormatError(
            f"delimiter={delimiter!r} is not one character; use e.g. ';', '|', 'tab' or ','"
        )
    return sep


@contextlib.contextmanager
def as_comma_file(path: Path, delimiter: str) -> Iterator[Path]:
    """`path` itself when its delimiter is the readers' own, else a comma copy."""
    sep = separator(delimiter)
    suffix = path.suffix.lower()
    if suffix not in TEXT:
        raise FormatError(
            f"{path.name}: delimiter= applies to text tables (.csv, .tsv, .txt), not {suffix!r}"
        )
    if sep == ("\t" if suffix == ".tsv" else ","):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="timeline-delim-") as tmp:
        target = Path(tmp) / f"{path.stem}.csv"
        text = {"encoding": "utf-8", "errors": "surrogateescape", "newline": ""}
        with path.open(**text) as src, target.open("w", **text) as dst:
            writer = csv.writer(dst, lineterminator="\n")
            writer.writerows(csv.reader(src, delimiter=sep))
        yield target


def ingest_delimited(store: Any, source: Any, delimiter: str, args: dict, options: dict):
    """`store.ingest` of a comma copy of a text table that uses another delimiter."""
    if not isinstance(source, str | Path):
        raise TimelineError("delimiter= applies to a text file, not to a DataFrame")
    path = Path(source).expanduser()
    keep = ("format", "mapping", "on_error", "tz", "dayfirst", "actors", "progress", "replace")
    given = {k: args[k] for k in keep} | options
    with as_comma_file(path, delimiter) as comma:
        report = store.ingest(comma, name=args["name"] or path.name, **given)
    report.notes.append(f"read with delimiter {delimiter!r}")
    return report
