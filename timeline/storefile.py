"""Opening the store's DuckDB file: one connection per operation, readers beside a writer.

DuckDB lets one process hold a file for writing OR several processes read it. So that the
dashboard and the CLI can share one file, a file store never keeps a connection open: each
operation opens one (read-only unless it writes), and closes it when done. A connection the
file's lock refuses is retried for a bounded time, then the user reads that the store is
being written by another process. Within one process all stores of one file take turns
(DuckDB refuses two connections to one file with different read-only settings).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FunctionType
from typing import Any

import duckdb

from timeline.errors import StoreError, StoreLockedError

_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file
_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()
LOCK_WAIT = 10.0  # seconds a refused connection is retried before the user is told


def path_lock(path: Path | None) -> threading.RLock:
    """One lock per store file in this process (a fresh one for an in-memory store)."""
    if path is None:
        return threading.RLock()
    key = str(path.resolve())
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.RLock())


def check_file(path: Path, *, must_exist: bool) -> None:
    """A path that is not a DuckDB store (a CSV, a folder, nothing) is a clear error."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not an event store; give a .duckdb file")
    if not path.exists():
        if must_exist:
            raise StoreError(
                f"No store at {path}. Hint: create one with `timeline ingest FILE --store {path}`"
            )
        return
    with path.open("rb") as fh:
        head = fh.read(12)
    if head[8:12] != _MAGIC:
        raise StoreError(
            f"{path} is not a DuckDB event store (it holds {_looks_like(head)}); give a "
            ".duckdb file (a new name creates one), and load data files with `ingest`"
        )


def _looks_like(head: bytes) -> str:
    if not head:
        return "nothing: 0 bytes"
    if head.startswith(b"PK"):
        return "a zip archive, e.g. an Excel file"
    if head.startswith(b"PAR1"):
        return "Parquet data"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data of another kind"
    return "text, e.g. a CSV file"


def connect(
    path: Path | None, *, write: bool, memory_limit: str, wait: float = LOCK_WAIT
) -> duckdb.DuckDBPyConnection:
    """A configured connection; a lock held elsewhere is retried for `wait` seconds."""
    target = str(path) if path is not None else ":memory:"
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(target, read_only=not write and path is not None)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"Cannot open the store {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                doing = "open in another process" if write else "being written by another process"
                raise StoreLockedError(
                    f"the store {path} is {doing}; try again when it has finished "
                    f"(waited {wait:g} s)"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.25)
        except duckdb.Error as exc:
            raise StoreError(f"{path} is not a readable event store: {exc}") from exc
    con.execute("SET TimeZone='UTC'")
    con.execute(f"SET memory_limit='{memory_limit}'")  # DuckDB spills to disk past it
    con.execute("SET enable_progress_bar=false")
    return con


class Connections:
    """The store's connection: kept for memory, one per outermost operation for a file."""

    def __init__(self, path: Path | None, *, read_only: bool, memory_limit: str, wait: float):
        self.path, self.read_only, self.wait = path, read_only, wait
        self.memory_limit = memory_limit
        self.con: duckdb.DuckDBPyConnection | None = None
        self._writing = False
        self.closed = False
        if path is None:
            self.con = connect(None, write=True, memory_limit=memory_limit)

    @contextlib.contextmanager
    def use(self, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection, or a new one for the length of this block."""
        if self.closed:
            raise StoreError(f"the store {self.path or '(in memory)'} is closed")
        write = write and not self.read_only  # a read-only store reads, and refuses writes
        if self.con is not None and (self.path is None or self._writing or not write):
            yield self.con  # in memory, or an outer operation's connection
            return
        if self.con is not None:
            raise StoreError("internal: a write was started inside a read of the store")
        self.con = connect(self.path, write=write, memory_limit=self.memory_limit, wait=self.wait)
        self._writing = write
        try:
            yield self.con
        finally:
            con, self.con, self._writing = self.con, None, False
            con.close()

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        self.closed = True


def serialized(writes: set[str], free: set[str]):
    """Run each method of a store class under its file's lock, on a connection.

    Public methods (and len/repr) get a connection for their whole run (a writing one for
    the names in `writes`); private ones only take the lock and use their caller's, unless
    named in `writes`. Methods in `free` take neither (reading a file to load runs outside
    the lock; only its publishing takes it). The lock is reentrant, so a method that calls
    another (or a callback into the store) does not block; DuckDB connections must not be
    used from two threads at once.
    """

    def decorate(cls: type) -> type:
        skip = {"__init__", "__enter__", "__exit__", "close", *free}
        for name, member in list(vars(cls).items()):
            if isinstance(member, FunctionType) and name not in skip:
                public = not name.startswith("_") or name in {"__len__", "__repr__"}
                mode = (name in writes) if public or name in writes else None
                setattr(cls, name, _locked(member, mode))
        return cls

    return decorate


def _locked(method: Any, write: bool | None) -> Any:
    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if write is None:
                return method(self, *args, **kwargs)
            with self._connections.use(write=write):
                return method(self, *args, **kwargs)

    return run
