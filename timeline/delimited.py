"""Text tables with another delimiter (';', '|', tab in a .csv): the separator's names,
and the one a header shows when it has no comma (Excel in many locales saves ';').

The block reader reads the file in place with the separator given (`Source.separator`,
see `timeline.ingest.sources.as_source`): quoted values keep their separators and line
breaks, the file keeps its own encoding, and each record its line number.
"""

from __future__ import annotations

from pathlib import Path

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


def sniff(path: Path) -> str | None:
    """The header's separator when it has no comma outside quotes and one other candidate
    (';', tab or '|') splits it; None otherwise (a comma file, or no evidence). The header
    is the first line with any separator: a title above it holds none."""
    from timeline.ingest.sources import head_text

    head = head_text(path)
    lines = head.replace("\r", "\n").split("\n")[:10]
    outside = ""
    for line in lines:  # the header: past a title line or blank lines holding no separator
        outside = "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)
        if any(sep in outside for sep in ",;\t|"):
            break
    if "," in outside:
        return None
    counts = {sep: outside.count(sep) for sep in (";", "\t", "|")}
    best = max(counts.values())
    found = [sep for sep, n in counts.items() if n == best]
    return found[0] if best and len(found) == 1 else None
