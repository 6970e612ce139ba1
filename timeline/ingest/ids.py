"""Event ids from a row's content, numbered by occurrence so look-alike rows stay distinct.

"The same row" is the same content (`CONTENT`: kind, subtype, channel, the interval and
its precision, actor as written, target, place, counts, source, url, excerpt; never the
line number or the file name) at the same occurrence: the k-th row of a file with that
content gets the id of the k-th such row of any other load. So loading a file again adds
nothing, three identical rows (three same-day bombings by one group in one city, no id
column) are three events, and a file with one more copy adds one. A source's own id
column (`event_id`, or a dataset's id) is used as it is instead.
"""

from __future__ import annotations

import threading

import duckdb
import numpy as np
import polars as pl

CONTENT = (
    "kind", "subtype", "channel", "t_start", "t_end", "precision", "actor_raw", "target",
    "location", "country", "killed", "wounded", "source", "url", "excerpt",
)  # fmt: skip


_CONNECTION: list[duckdb.DuckDBPyConnection] = []  # one in-memory database per process
_LOCK = threading.Lock()


def _cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the process's in-memory DuckDB (connecting costs ~30 ms a batch)."""
    with _LOCK:
        if not _CONNECTION:
            _CONNECTION.append(duckdb.connect())
        return _CONNECTION[0].cursor()


def _text(name: str, dtype: pl.DataType) -> pl.Expr:
    """A column as text for the key: times as epoch microseconds, a missing value ''."""
    col = pl.col(name)
    if isinstance(dtype, pl.Datetime):
        col = col.dt.epoch("us")
    return (col if dtype == pl.Utf8 else col.cast(pl.Utf8)).fill_null("")


def content_ids(df: pl.DataFrame, prefix: str) -> pl.Series:
    """Stable ids from the row's content (md5, same on every machine and version).

    The key is each CONTENT column as text joined by U+001F; DuckDB hashes it and writes
    the id in one pass, on the process's shared in-memory connection.
    """
    cols = [c for c in CONTENT if c in df.columns]
    empty = {c for c in cols if df.get_column(c).null_count() == df.height}
    if len(empty) == len(cols):  # literals alone would make one row, not the batch's
        empty = set()
    parts = [  # an empty column is '' in every key: a constant, not a column to walk
        pl.lit("") if c in empty else _text(c, df.schema[c]) for c in cols
    ]
    keyed = df.select(key=pl.concat_str(parts, separator="\x1f"))
    con = _cursor()
    try:  # string views: DuckDB reads polars' strings without a copy
        con.register("keyed", keyed.to_arrow(compat_level=pl.CompatLevel.newest()))
        ids = con.sql(
            "SELECT $p || '-' || left(md5(key), 20) AS event_id FROM keyed", params={"p": prefix}
        ).pl()
    finally:
        con.close()
    return ids.get_column("event_id")


class Occurrences:
    """How often each content id has occurred so far in one load (across its batches).

    Ids are kept as a sorted array of their 64-bit hashes (8 bytes a row, merged in
    linear time per batch), and the few that repeat in a dict of extra counts: a
    10M-row file costs 80 MB, not a set of strings. The hashes only live for one load,
    so polars' hash (not stable across versions) is fine here. A 16 MB bitmap of the
    hashes' top 27 bits answers "never seen" for nearly every new row without a search.
    """

    _BITS = 27

    def __init__(self) -> None:
        self._seen = np.empty(0, dtype=np.uint64)
        self._extra: dict[int, int] = {}  # occurrences beyond the first
        self._bitmap = np.zeros(0, dtype=np.uint8)  # allocated with the first batch

    def _slots(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        top = keys >> np.uint64(64 - self._BITS)
        return (top >> np.uint64(3)).astype(np.int64), (1 << (top & np.uint64(7))).astype(np.uint8)

    def numbered(self, ids: pl.Series) -> pl.Series:
        """`ids` with '-k' added to the k-th occurrence (k >= 2) of the same id."""
        hashes = ids.hash(seed=0)
        keys = hashes.to_numpy()
        k = self._before(keys) + 1
        repeated = hashes.is_duplicated().to_numpy()  # integers: cheaper than the strings
        if repeated.any():  # the n-th copy within this batch
            within = hashes.filter(repeated).to_frame("h").select(pl.int_range(pl.len()).over("h"))
            k[repeated] += within.to_series().to_numpy()
        self._remember(keys, k)
        if not (k > 1).any():
            return ids
        n = pl.Series("k", k)
        return pl.select(
            pl.when(n > 1).then(ids + "-" + n.cast(pl.Utf8)).otherwise(ids).alias(ids.name)
        ).to_series()

    def _before(self, keys: np.ndarray) -> np.ndarray:
        """How many rows of earlier batches had each key."""
        before = np.zeros(len(keys), dtype=np.int64)
        if not len(self._seen):
            return before
        byte, bit = self._slots(keys)
        maybe = np.flatnonzero(self._bitmap[byte] & bit)  # the rest were never seen
        pos = np.searchsorted(self._seen, keys[maybe])
        hit = pos < len(self._seen)
        hit[hit] = self._seen[pos[hit]] == keys[maybe][hit]
        found = maybe[hit]
        before[found] = 1
        for i in found:  # only ids a batch before held: rare
            before[i] += self._extra.get(int(keys[i]), 0)
        return before

    def _remember(self, keys: np.ndarray, k: np.ndarray) -> None:
        fresh = np.sort(keys[k == 1])  # first occurrences: distinct already
        if not len(self._bitmap):
            self._bitmap = np.zeros(1 << (self._BITS - 3), dtype=np.uint8)
        byte, bit = self._slots(fresh)
        for one in np.unique(bit):  # per bit position: a repeated byte gets the same value
            at = byte[bit == one]
            self._bitmap[at] |= one
        self._seen = np.sort(np.concatenate([self._seen, fresh]), kind="stable")  # a merge
        for key, n in zip(keys[k > 1].tolist(), k[k > 1].tolist(), strict=True):
            self._extra[key] = max(self._extra.get(key, 0), n - 1)
