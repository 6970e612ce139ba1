"""Where a file's table is: below title lines, or on a workbook's later sheet.

"Incident log 2014", a blank line, then "Date,Type,Group,...": the first line is no
header, so no layout was recognised. When the file's first lines each hold at most one
cell (a title, a subtitle, blank lines) and a line after them has several, those lines
are skipped and the report says which. Anything else above the header (a second table,
a note spread over cells) is not guessed at: the layout error stands.

A workbook whose first sheet holds no table a layout recognises (a "Notes" or cover
sheet) is read from its first sheet that does, and the report names it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from timeline.ingest.sources import Source, _sheet_rows, head_text, sheet_names

MAX_TITLE_LINES = 10
_PEEK_BYTES = 1 << 16


def first_records(source: Source, n: int) -> list[tuple]:
    """The first `n` records of a text table or sheet, as tuples of cells."""
    if source.suffix in {".xlsx", ".xls"}:
        try:
            return [tuple(r) for r in _sheet_rows(source.path, source.sheet, limit=n)]
        except Exception:  # an unreadable workbook: the reader's own error says so later
            return []
    text = head_text(source.path, _PEEK_BYTES)
    quoting = csv.QUOTE_NONE if source.sep == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=source.sep, quoting=quoting)
    try:
        return [tuple(r) for _, r in zip(range(n), reader, strict=False)]
    except csv.Error:
        return []


def _filled(record: tuple) -> list[str]:
    return [str(c).strip() for c in record if c is not None and str(c).strip()]


def title_lines(source: Source) -> tuple[int, str]:
    """(how many lines above the header hold a title or nothing, the title), or (0, '')."""
    if source.path is None or source.suffix not in {".csv", ".txt", ".tsv", ".xlsx", ".xls"}:
        return 0, ""
    records = first_records(source, MAX_TITLE_LINES + 1)
    for k, record in enumerate(records):
        if len(_filled(record)) >= 2:  # the first line with two cells: the header?
            above = [" ".join(_filled(r)) for r in records[:k]]
            return k, next((t for t in above if t), "")
    return 0, ""


def skipping_titles(source: Source) -> tuple[Source, str] | None:
    """The source read from below its title lines, and the note saying so; None when its
    first lines are not a title over a header."""
    k, title = title_lines(source)
    if not k:
        return None
    shown = title if len(title) <= 60 else title[:57] + "..."
    note = f"skipped {k} line(s) above the header" + (f" (a title: {shown!r})" if title else "")
    return replace(source, skip=k), note


def sheets_to_try(source: Source) -> list[Source]:
    """The source on each of its workbook's sheets in order (itself for other files)."""
    if source.path is None or source.suffix not in {".xlsx", ".xls"} or source.sheet:
        return [source]
    names = sheet_names(source.path)
    return [replace(source, sheet=name) for name in names[1:]] if len(names) > 1 else []


def sheet_note(source: Source) -> str:
    first = sheet_names(source.path)[0]
    return f"read the sheet {source.sheet!r}: the first sheet, {first!r}, holds no table"
