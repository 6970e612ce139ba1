"""Delimited text in blocks that end on a record boundary: memory bounded by the block.

polars' streaming CSV reader runs ahead of a slow consumer: while the adapters mapped a
1 GB ACLED file batch by batch, the reader held most of the file in memory. Here the
file is read in byte blocks sized to hold about one batch of rows, each cut after the
last newline that is not inside a quoted field (an even number of quotes precedes it,
which also holds for RFC 4180's doubled quotes), and parsed by `polars.read_csv`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import numpy as np
import polars as pl

from timeline.ingest import records

MIN_BLOCK, MAX_BLOCK = 1 << 20, 256 << 20
_BOM = b"\xef\xbb\xbf"


def _last_end(buf: bytearray, end: int, quoted: bool) -> int:
    """Offset just past the last newline of `buf[:end]` that ends a record, or 0 if none.

    `buf` starts at a record boundary, so a newline ends a record when an even number of
    quotes precedes it. Counting runs at memchr speed; the search walks back from the
    end and usually stops at the last newline.
    """
    pos = buf.rfind(b"\n", 0, end)
    if not quoted or pos < 0:
        return pos + 1
    quotes = buf.count(b'"', 0, pos)
    while quotes % 2:  # that newline is inside a quoted cell: try the one before
        before = buf.rfind(b"\n", 0, pos)
        if before < 0:
            return 0
        quotes -= buf.count(b'"', before, pos)
        pos = before
    return pos + 1


def _first_end(buf: bytearray, end: int, quoted: bool) -> int:
    """Offset just past the first newline of `buf[:end]` that ends a record, or 0."""
    pos = buf.find(b"\n", 0, end)
    while pos >= 0 and quoted and buf.count(b'"', 0, pos) % 2:
        pos = buf.find(b"\n", pos + 1, end)
    return pos + 1


class _Blocks:
    """A file read into one reused buffer, handed out in record-aligned blocks."""

    def __init__(self, fh: BinaryIO, quoted: bool):
        self._fh, self._quoted = fh, quoted
        self._buf = bytearray(MIN_BLOCK)
        self._filled = 0  # bytes of an unfinished record kept at the buffer's start
        self._eof = False
        self.done = False  # the last block has been handed out

    def _fill(self, size: int) -> int:
        want = self._filled + size
        if len(self._buf) < want:
            self._buf.extend(bytes(want - len(self._buf)))
        with memoryview(self._buf) as view:
            got = self._fh.readinto(view[self._filled : want]) if not self._eof else 0
        self._eof = self._eof or got == 0
        return self._filled + got

    def next(self, size: int, first: bool = False) -> bytes:
        """The next whole records (about `size` bytes; one record if `first`), or b""."""
        while True:
            end = self._fill(size)
            if first:  # one record, even from the file's last block
                cut = _first_end(self._buf, end, self._quoted) or (end if self._eof else 0)
            else:
                cut = end if self._eof else _last_end(self._buf, end, self._quoted)
            if cut or self._eof:
                with memoryview(self._buf) as view:
                    block = bytes(view[:cut])  # the one copy: polars keeps its own
                    self._buf[: end - cut] = view[cut:end]
                self._filled = end - cut
                self.done = self._eof and self._filled == 0
                return block
            self._filled = end  # one record longer than the block: read on


def read_blocks(
    path: Path,
    *,
    separator: str = ",",
    has_header: bool = True,
    columns: list[str] | None = None,
    batch_rows: int,
    quoted: bool | None = None,
    skip: int = 0,
) -> Iterator[pl.DataFrame]:
    """Text batches of about `batch_rows` rows of a UTF-8 delimited file.

    `quoted`: whether '"' quotes values (default: only with the comma separator).

    The next block is read and parsed in a second thread while the caller maps the
    current one: at most two blocks are in memory.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="timeline-read") as reader:
        quote = '"' if (separator == "," if quoted is None else quoted) else None
        frames = _frames(path, separator, quote, has_header, columns, batch_rows, skip)
        ahead = reader.submit(next, frames, None)
        while (frame := ahead.result()) is not None:
            ahead = reader.submit(next, frames, None)
            yield from frame.iter_slices(batch_rows)


def _frames(
    path: Path,
    separator: str,
    quote: str | None,
    has_header: bool,
    columns: list[str] | None,
    batch_rows: int,
    skip: int = 0,
) -> Iterator[pl.DataFrame]:
    options = {"separator": separator, "quote_char": quote, "infer_schema": False,
               "raise_if_empty": False}  # fmt: skip
    with path.open("rb") as fh:
        if fh.read(len(_BOM)) != _BOM:
            fh.seek(0)
        blocks = _Blocks(fh, quote is not None)
        for _ in range(skip):  # a title above the header
            blocks.next(MIN_BLOCK, first=True)
        if has_header:
            head = blocks.next(MIN_BLOCK, first=True)
            columns = pl.read_csv(head + b"\n", has_header=True, **options).columns
        size = MIN_BLOCK * 8
        while block := blocks.next(size):
            if block.isspace():
                continue
            for frame in _parse(block, columns, separator, quote, final=blocks.done):
                if frame.height:  # size the next block for about one batch of rows
                    size = int(np.clip(len(block) / frame.height * batch_rows, MIN_BLOCK,
                                       MAX_BLOCK))  # fmt: skip
                    yield frame


def _parse(
    block: bytes, columns: list[str], separator: str, quote: str | None, *, final: bool
) -> Iterator[pl.DataFrame]:
    """Frames of a block; the file's last record apart when no line end closes it."""
    tail = b""
    if final and not block.endswith((b"\n", b"\r")):
        cut = _last_end(bytearray(block), len(block), quote is not None)
        block, tail = block[:cut], block[cut:]
    if block and not block.isspace():
        yield _frame(block, columns, separator, quote)
    if tail.strip():
        yield records.truncated(tail, columns, separator, quote)


def _frame(block: bytes, columns: list[str], separator: str, quote: str | None) -> pl.DataFrame:
    """The fast reader; a block it refuses is read again with each problem on its line."""
    options = {"separator": separator, "quote_char": quote, "infer_schema": False,
               "raise_if_empty": False, "has_header": False, "new_columns": columns}  # fmt: skip
    try:
        return pl.read_csv(io.BytesIO(block), **options)  # from BytesIO: faster than bytes
    except pl.exceptions.PolarsError as exc:
        if "utf-8" in str(exc).lower():
            try:
                return records.lossy(pl.read_csv(io.BytesIO(block), encoding="utf8-lossy",
                                                 **options))  # fmt: skip
            except pl.exceptions.PolarsError:
                pass
        return records.careful(block, columns, separator, quote)
