"""The store's tables and its load log: what each load added, and undoing one.

Every row of `events` carries the id of the load that added it. Undoing a load deletes
those rows and marks the load removed (the log keeps it, with when). Reports that an
article load merged into one event are moved to `retired` (not deleted), so undoing the
article load puts them back as they were.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import duckdb
import polars as pl

from timeline import schema
from timeline.errors import StoreError
from timeline.ingest.report import IngestReport

_SQL_TYPES = {pl.Utf8: "VARCHAR", pl.Float64: "DOUBLE", pl.Int64: "BIGINT"}
# Long free text is stored with zstd: DuckDB's default (FSST after trying each method) took
# twice as long to write ACLED's notes and attributes and made the file three times larger.
# Per-row references too (source_ref: zstd half the CPU of the default, 13 MB vs 11 MB a
# 1M-row table). Event ids are stored uncompressed: the content ids are random hex, which
# the default's FSST analysis spends 1.6 CPU-s per 1M rows to shrink from 53 to 24 MB
# (uncompressed: 0.36 s); they are also the key every load's duplicate check reads.
_COMPRESSION = {
    **dict.fromkeys(("excerpt", "attrs", "url", "time_text", "source_ref"), "zstd"),
    "event_id": "uncompressed",
}
LOG_COLUMNS = (
    "load_id, source, format, file_hash, rows_read, added, duplicates, rejected, skipped, "
    "started_at, finished_at, options, removed_at, removed_by, path"
)


def _sql_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Enum):
        return "VARCHAR"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMPTZ"
    return _SQL_TYPES[dtype]


def ddl() -> list[str]:
    """Create (or bring up to date) the store's tables."""
    cols = ",\n  ".join(
        f"{c.name} {_sql_type(c.dtype)}"
        + (f" USING COMPRESSION {_COMPRESSION[c.name]}" if c.name in _COMPRESSION else "")
        for c in schema.COLUMNS
    )
    return [
        f"CREATE TABLE IF NOT EXISTS events (\n  {cols},\n  load_id INTEGER\n)",
        """CREATE TABLE IF NOT EXISTS loads (
            load_id INTEGER, source VARCHAR, format VARCHAR, file_hash VARCHAR,
            rows_read BIGINT, added BIGINT, duplicates BIGINT, rejected BIGINT, skipped BIGINT,
            started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ)""",
        "ALTER TABLE loads ADD COLUMN IF NOT EXISTS options VARCHAR",
        "ALTER TABLE loads ADD COLUMN IF NOT EXISTS removed_at TIMESTAMPTZ",
        "ALTER TABLE loads ADD COLUMN IF NOT EXISTS removed_by VARCHAR",
        "ALTER TABLE loads ADD COLUMN IF NOT EXISTS path VARCHAR",
        """CREATE TABLE IF NOT EXISTS rejected (
            load_id INTEGER, line BIGINT, reason VARCHAR, raw VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS merged (
            member_id VARCHAR, event_id VARCHAR, load_id INTEGER)""",
        f"CREATE TABLE IF NOT EXISTS retired (\n  {cols},\n  load_id INTEGER, "
        "retired_by INTEGER\n)",
    ]


def options_text(options: dict[str, Any]) -> str | None:
    """The options a load was made with, as JSON (only those given)."""
    given = {k: v for k, v in options.items() if v not in (None, False, {}, ())}
    return json.dumps(given, default=str, sort_keys=True) if given else None


def log_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The load log, oldest first (a store from an older version lacks the new columns)."""
    have = {d[0] for d in con.execute("SELECT * FROM loads LIMIT 0").description}
    cols = ", ".join(
        c if c in have else f"NULL AS {c}" for c in (x.strip() for x in LOG_COLUMNS.split(","))
    )
    return con.sql(f"SELECT {cols} FROM loads ORDER BY load_id").pl()


def version(con: duckdb.DuckDBPyConnection) -> int:
    """A number that grows with every load and every undo: what a cache can key on."""
    log = log_frame(con)
    return log.height + int(log.get_column("removed_at").is_not_null().sum())


def live_loads_of(
    con: duckdb.DuckDBPyConnection,
    source: str,
    *,
    path: str | None = None,
    with_rows: bool = False,
) -> list[int]:
    """The loads of `source` that are still in the store (that added rows).

    The same source is the same name and, where both loads know it, the same file path:
    two exports both called acled.csv in two folders are two sources (replace=True must
    not undo the other one)."""
    same_path = (
        pl.lit(True) if path is None else pl.col("path").is_null() | (pl.col("path") == path)
    )
    log = log_frame(con).filter(
        (pl.col("source") == source) & pl.col("removed_at").is_null() & same_path
    )
    if with_rows:
        log = log.filter(pl.col("added") > 0)
    return log.get_column("load_id").to_list()


def rerun_warning(report: IngestReport, earlier: list[int], *, strict: bool = False) -> str | None:
    """The warning of a load that added rows beside earlier loads of the same source.

    Warned, not refused: a sheet that grew under the same name is loaded again on
    purpose and adds only its new rows. But a re-run with corrected options (tz=,
    dayfirst=, mapping=) without replace=True adds every row a second time, and only the
    user knows which of the two it was; strict=True refuses it (see `EventStore.ingest`).
    """
    if not earlier or not report.added:
        return None
    ids = ("load " if len(earlier) == 1 else "loads ") + ", ".join(str(i) for i in earlier)
    if strict:
        return (
            f"{report.source} was loaded before ({ids}, still in the store) and this "
            f"load would add {report.added} event(s) beside it; nothing was stored. Load "
            "with --replace (replace=True) if it corrects that load, or without --strict"
        )
    return (
        f"{report.source} was loaded before ({ids}, still in the store) and this load "
        f"added {report.added} event(s) beside it ({report.duplicates} already stored): if "
        "this is a corrected re-run (other tz, dayfirst, mapping...), its events are now "
        f"stored twice. Undo it with `timeline undo {report.load_id}` "
        f"(store.remove_load({report.load_id})) and load again with --replace (replace=True)"
    )


def check_removable(con: duckdb.DuckDBPyConnection, load_id: int) -> None:
    """The load exists, is still in the store, and no later load merged its rows away."""
    log = log_frame(con).filter(pl.col("load_id") == load_id)
    if log.height == 0:
        raise StoreError(f"no load {load_id} in this store; `timeline loads` lists them")
    row = log.row(0, named=True)
    if row["removed_at"] is not None:
        raise StoreError(
            f"load {load_id} ({row['source']}) was already undone at "
            f"{row['removed_at']:%Y-%m-%d %H:%M} UTC"
        )
    by = con.execute(
        "SELECT DISTINCT retired_by FROM retired WHERE load_id = ? ORDER BY 1", [load_id]
    ).fetchall()
    if by:
        later = ", ".join(str(b[0]) for b in by)
        raise StoreError(
            f"load {load_id} ({row['source']}) has events that load {later} merged with "
            f"article reports; undo load {later} first"
        )


def remove(con: duckdb.DuckDBPyConnection, load_id: int, when: datetime, by: str) -> dict:
    """Delete a load's rows, restore the reports it had merged away, mark it removed.

    Runs inside the caller's transaction. Returns the counts removed and restored.
    """
    check_removable(con, load_id)
    names = ", ".join(schema.NAMES)
    removed = con.execute("DELETE FROM events WHERE load_id = ?", [load_id]).fetchall()[0][0]
    restored = con.execute(
        f"INSERT INTO events SELECT {names}, load_id FROM retired WHERE retired_by = ?",
        [load_id],
    ).fetchall()[0][0]
    con.execute("DELETE FROM retired WHERE retired_by = ?", [load_id])
    con.execute("DELETE FROM merged WHERE load_id = ?", [load_id])
    con.execute(
        "UPDATE loads SET removed_at = ?, removed_by = ? WHERE load_id = ?", [when, by, load_id]
    )
    return {"load_id": load_id, "removed": removed, "restored": restored}


def retire(con: duckdb.DuckDBPyConnection, links: pl.DataFrame, load_id: int) -> None:
    """Move the stored reports that merged events (or an article re-run) replace to
    `retired`, so undo restores them; remember the merged ids."""
    names = ", ".join(schema.NAMES)
    links = links.with_columns(load_id=pl.lit(load_id, pl.Int32))
    con.register("_links", links.to_arrow())
    try:
        members = "SELECT member_id FROM _links"
        con.execute(
            f"INSERT INTO retired SELECT {names}, load_id, ? FROM events "
            f"WHERE event_id IN ({members})",
            [load_id],
        )
        con.execute(f"DELETE FROM events WHERE event_id IN ({members})")
        con.execute(  # a link without a merged id is a row an article re-run replaces
            "INSERT INTO merged SELECT member_id, event_id, load_id FROM _links "
            "WHERE event_id IS NOT NULL"
        )
    finally:
        con.unregister("_links")


def record(con: duckdb.DuckDBPyConnection, report: IngestReport, started: datetime,
           given: dict[str, Any]) -> None:  # fmt: skip
    """Log a load (with its options) and the rows it rejected, in the caller's transaction."""
    values = [report.load_id, report.source, report.format, report.file_hash, report.rows_read,
              report.added, report.duplicates, report.n_rejected, sum(report.skipped.values()),
              started, datetime.now(UTC), options_text(given), None, None,
              report.path]  # fmt: skip
    con.execute(f"INSERT INTO loads ({LOG_COLUMNS}) VALUES ({', '.join(['?'] * 15)})", values)
    if report.n_rejected:
        rows = report.rejected_rows
        raw_cols = [c for c in rows.columns if c not in ("line", "reason")]
        raw = [json.dumps(r, default=str, ensure_ascii=False)
               for r in rows.select(raw_cols).to_dicts()]  # rejected rows only  # fmt: skip
        frame = rows.select(
            load_id=pl.lit(report.load_id, pl.Int32),
            line=pl.col("line").cast(pl.Int64),
            reason="reason",
            raw=pl.Series(raw, dtype=pl.Utf8),
        )
        con.register("_rejected", frame.to_arrow())
        con.execute("INSERT INTO rejected SELECT * FROM _rejected")
        con.unregister("_rejected")
