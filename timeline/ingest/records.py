"""Blocks the fast CSV reader refuses, read record by record so each problem has a line.

polars reads a whole block or fails: one invalid byte, one row with a stray separator,
one unclosed quote at the end of a cut file, and the block (or before this, the whole
file) was lost or silently altered. These blocks are read again here: bad bytes become
U+FFFD and the line is rejected; a row with more fields than the header keeps the
header's fields and is rejected; a last record cut short is rejected. The reason rides
along in the column `PROBLEM`, which `stream` turns into rejected rows.
"""

from __future__ import annotations

import csv
import io

import polars as pl

PROBLEM = "_timeline_problem"
BAD_BYTES = (
    "invalid UTF-8 bytes in this line (the rest of the file is UTF-8); fix them, or "
    "re-save the file as UTF-8"
)
TRUNCATED = (
    "the file ends inside this record (fewer fields than the header, or an unclosed "
    "quote): it was cut short; the rest of the file is loaded"
)


def lossy(frame: pl.DataFrame) -> pl.DataFrame:
    """A frame decoded with U+FFFD for bad bytes: flag the rows that hold one."""
    hit = pl.any_horizontal(
        pl.col(c).str.contains("\ufffd", literal=True).fill_null(False) for c in frame.columns
    )
    return frame.with_columns(pl.when(hit).then(pl.lit(BAD_BYTES)).alias(PROBLEM))


def _row(record: list[str], width: int, separator: str) -> tuple[list[str | None], str | None]:
    problem = BAD_BYTES if any("\ufffd" in v for v in record) else None
    if len(record) > width:
        problem = (
            f"{len(record)} fields where the header has {width}: a stray {separator!r} "
            "(a value that needed quotes?)"
        )
    values = [v if v != "" else None for v in record[:width]]
    return values + [None] * (width - len(values)), problem


def careful(block: bytes, columns: list[str], separator: str, quote: str | None) -> pl.DataFrame:
    """One row per record of `block` (as polars would give), plus `PROBLEM`."""
    text = block.decode("utf-8", errors="replace")
    quoting = csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator,
                        quotechar=quote or '"', quoting=quoting, strict=False)  # fmt: skip
    rows, problems = [], []
    for record in reader:
        values, problem = _row(record, len(columns), separator)
        rows.append(values)
        problems.append(problem)
    frame = pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.Utf8), orient="row")
    return frame.with_columns(pl.Series(PROBLEM, problems, dtype=pl.Utf8))


def truncated(tail: bytes, columns: list[str], separator: str, quote: str | None) -> pl.DataFrame:
    """The file's last record, which has no line end: rejected when it was cut short."""
    frame = careful(tail, columns, separator, quote)
    open_quote = quote is not None and tail.count(quote.encode()) % 2 == 1
    fields = len(next(csv.reader([tail.decode("utf-8", errors="replace")], delimiter=separator,
                                 quotechar=quote or '"', strict=False), []))  # fmt: skip
    if open_quote or fields < len(columns):
        frame = frame.with_columns(pl.lit(TRUNCATED).alias(PROBLEM))
    return frame
