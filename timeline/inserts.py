"""A file load's batches inserted into the store while the next batch is mapped.

Staging every batch (in memory, then Parquet past a budget) and inserting all of them at
the end made the load pay for the insert after the mapping, plus a Parquet round trip and
two more passes over the staged rows to find duplicates. Here each batch is inserted, in
the load's one transaction, by a writer thread while the caller maps the next batch:
memory holds at most the batch being inserted and the one being mapped, and a failed or
killed load is rolled back as before (nothing of it is committed).

A batch's rows already in the store are left out by their event id; the store includes
the earlier batches of this load (the transaction sees its own rows), so a row repeated
later in the file keeps its first line, as a repeat within one batch does. The price: the
store file is held for writing for the whole load, not only for the final insert, so a
reader in another process waits for the load (up to its `lock_wait`).

Rows go in in chunks of whole DuckDB row groups (`CHUNK`): an insert that ends in a
partly filled row group leaves it for the checkpoint to rewrite, and batches cut
anywhere made the file half again as large and the close seconds longer (measured on a
1M-row table: 4 inserts of 250k rows, 87 MB and +4.5 s at close; of 245,760, as one).
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor

import duckdb
import polars as pl

from timeline import schema
from timeline.staging import stored_frame

_NAMES = ", ".join(schema.NAMES)
_TABLE = "_timeline_batch"
ROW_GROUP = 122_880  # DuckDB's rows per row group
CHUNK = 2 * ROW_GROUP


class Inserter:
    """Insert batches into `events` under `load_id` on `con`, one in flight at a time.

    `con` must be in a transaction and used by no one else until `finish` or `abandon`
    returns (DuckDB connections are not shared between threads at once).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: int):
        self.con, self.load_id = con, load_id
        self.rows = self.added = 0
        self._held: list[pl.DataFrame] = []  # rows waiting for a whole chunk
        self._held_rows = 0
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="timeline-insert")
        self._pending: Future[int] | None = None
        self.con.execute("SET preserve_insertion_order=false")  # see EventStore._publish
        self.con.execute("SET threads=1")

    def add(self, batch: pl.DataFrame) -> None:
        """Queue a batch of valid events (with `line`); inserted in whole chunks."""
        self.rows += batch.height
        self._held.append(batch)
        self._held_rows += batch.height
        if self._held_rows >= CHUNK:
            rows = pl.concat(self._held, rechunk=False)
            whole = rows.height - rows.height % CHUNK
            self._held, self._held_rows = [rows.slice(whole)], rows.height - whole
            self._submit(rows.slice(0, whole))

    def _submit(self, rows: pl.DataFrame) -> None:
        """Insert `rows` in the writer thread, after the previous insert has ended."""
        self._wait()
        if rows.height:
            self._pending = self._pool.submit(self._insert, rows)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.added += pending.result()

    def _insert(self, batch: pl.DataFrame) -> int:
        frame = stored_frame(batch)
        repeats = frame.get_column("event_id").is_duplicated().any()
        first = (  # the same id twice in this batch: keep its first line
            " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY line) = 1"
            if repeats
            else ""
        )
        self.con.register(_TABLE, frame.to_arrow())
        try:
            return self.con.execute(
                f"INSERT INTO events SELECT {_NAMES}, ? FROM {_TABLE} s "
                "WHERE event_id NOT IN (SELECT e.event_id FROM events e "
                f"SEMI JOIN {_TABLE} n ON e.event_id = n.event_id){first}",
                [self.load_id],
            ).fetchall()[0][0]
        finally:
            self.con.unregister(_TABLE)

    def finish(self) -> int:
        """Wait for the last insert; the rows added by the whole load."""
        try:
            if self._held_rows:
                self._submit(pl.concat(self._held, rechunk=False))
            self._held = []
            self._wait()
        finally:
            self._close()
        return self.added

    def abandon(self) -> None:
        """After a failure: let the insert in flight end (its error is the caller's
        to ignore: the transaction is rolled back), so the connection is free."""
        self._held = []
        with contextlib.suppress(Exception):
            self._wait()
        self._close()

    def _close(self) -> None:
        self._pool.shutdown(wait=True)
        with contextlib.suppress(duckdb.Error):
            self.con.execute("RESET preserve_insertion_order")
            self.con.execute("RESET threads")
