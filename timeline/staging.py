"""Where a load's valid rows wait until the store publishes them in one transaction.

The first rows stay in memory (up to `HELD_BYTES`); past that, each batch is written to
a Parquet file in a background thread while the next batch is mapped. Memory stays
bounded whatever the file's size, and a small load never touches the disk. (Holding a
whole 1M-row load in memory was measured: it added 0.7 GB and saved no time, since the
writes run alongside the mapping.)
"""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

import duckdb
import numpy as np
import polars as pl

from timeline import schema

HELD_BYTES = 64 << 20


def stored_frame(batch: pl.DataFrame) -> pl.DataFrame:
    """The canonical columns as the store holds them (vocabularies as text), and `line`."""
    return batch.select(
        *[pl.col(n).cast(pl.Utf8) if isinstance(schema.DTYPES[n], pl.Enum) else pl.col(n)
          for n in schema.NAMES],
        *([pl.col("line").cast(pl.Int64)] if "line" in batch.columns else []),
    )  # fmt: skip


def _write(frame: pl.DataFrame, path: Path) -> None:
    frame.write_parquet(path, compression="lz4", statistics=False)


class _Ids:
    """Whether an event id may occur twice among a load's staged rows.

    The store then keeps each id's first line, which needs a count(DISTINCT) over the
    staged rows (0.4 CPU-s and a pass over the staged files per 1M rows); most loads
    have no repeated id, and 64-bit hashes of the ids (sorted, 8 bytes a row, merged
    per batch) say so for sure: two equal hashes only mean "maybe", and the store counts.
    """

    def __init__(self) -> None:
        self._seen = np.empty(0, dtype=np.uint64)
        self.maybe_repeated = False

    def add(self, ids: pl.Series) -> None:
        if self.maybe_repeated:
            return
        keys = np.sort(ids.hash(seed=0).to_numpy())
        pos = np.searchsorted(self._seen, keys).clip(max=max(len(self._seen) - 1, 0))
        if (keys[1:] == keys[:-1]).any() or (len(self._seen) and (self._seen[pos] == keys).any()):
            self.maybe_repeated, self._seen = True, np.empty(0, dtype=np.uint64)
            return
        self._seen = np.sort(np.concatenate([self._seen, keys]), kind="stable")  # a merge


class Staging:
    """A load's rows, in memory up to a budget and in Parquet files past it."""

    def __init__(self, held_bytes: int | None = None):
        self.held_bytes = HELD_BYTES if held_bytes is None else held_bytes
        self.rows = 0
        self._held: list[pl.DataFrame] = []
        self._size = 0
        self._folder = tempfile.TemporaryDirectory(prefix="timeline-load-")
        self._files: list[str] = []
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="timeline-stage")
        self._writing: Future[None] | None = None
        self._ids = _Ids()

    @property
    def maybe_repeated(self) -> bool:
        """False when no event id occurs twice among the staged rows (for sure)."""
        return self._ids.maybe_repeated

    def add(self, batch: pl.DataFrame) -> None:
        frame = stored_frame(batch)
        self.rows += frame.height
        self._ids.add(frame.get_column("event_id"))
        if self._size < self.held_bytes:  # sizing a frame walks its strings: only while needed
            size = frame.estimated_size()
            if self._size + size <= self.held_bytes:
                self._held.append(frame)
                self._size += size
                return
            self._size = self.held_bytes  # full: the rest goes to Parquet
        self._wait()  # one file is written while the next batch is mapped
        path = Path(self._folder.name) / f"{len(self._files):06d}.parquet"
        self._files.append(str(path))
        self._writing = self._writer.submit(_write, frame, path)

    def _wait(self) -> None:
        if self._writing is not None:
            self._writing.result()
            self._writing = None

    def relation(self, con: duckdb.DuckDBPyConnection) -> str:
        """The staged rows as a SQL subquery for `con` (the held rows are registered)."""
        self._wait()
        parts = []
        if self._held:
            con.register("_staged_held", pl.concat(self._held, rechunk=False).to_arrow())
            parts.append("SELECT * FROM _staged_held")
        if self._files:
            files = ", ".join("'" + f.replace("'", "''") + "'" for f in self._files)
            parts.append(f"SELECT * FROM read_parquet([{files}])")
        return "(" + " UNION ALL ".join(parts) + ")"

    def release(self, con: duckdb.DuckDBPyConnection) -> None:
        """Unregister the held rows from `con` (after the INSERT has read them)."""
        if self._held:
            con.unregister("_staged_held")

    def close(self) -> None:
        self._writer.shutdown(wait=True, cancel_futures=True)
        self._held.clear()
        self._folder.cleanup()

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
