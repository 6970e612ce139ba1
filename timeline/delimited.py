"""Text tables with another delimiter (';', '|', tab in a .csv): the separator's names.

The block reader reads the file in place with the separator given (`Source.separator`,
see `timeline.ingest.sources.as_source`): quoted values keep their separators and line
breaks, the file keeps its own encoding, and each record its line number.
"""

from __future__ import annotations

from timeline.errors import FormatError

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
