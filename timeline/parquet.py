"""The event table as a Parquet folder that DuckDB, polars and Spark all read.

Layout (version 1), derived from `timeline.schema.COLUMNS`:

    events/
      _timeline_events.json        layout name, version, partition key, columns and types
      year=2014/<any>.parquet      one or more files per year
      year=2015/<any>.parquet

- One row per event, the columns of `schema.NAMES` in that order, nothing else.
- `year` is the UTC year of `t_start`. It is a directory (Hive partitioning), not a column
  of the files; readers that add it as a column (all three do) may drop it.
- Types: text and the vocabularies (kind, subtype, channel, precision) as UTF-8 strings;
  counts int64; lat, lon, confidence double; t_start, t_end as Parquet
  TIMESTAMP(MICROS, isAdjustedToUTC=true): UTC instants, never wall times.
- Files whose names start with `_` or `.` are not data (Spark's `_SUCCESS` included).

Any engine may write the folder as long as it keeps these rules: here DuckDB writes it
(`write`, `EventStore.export_parquet`) and `timeline.spark` writes it from Spark.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl

from timeline import schema
from timeline.errors import FormatError, TimelineError

LAYOUT = "timeline-events"
VERSION = 1
MANIFEST = "_timeline_events.json"
PARTITION = "year"


def column_types() -> dict[str, str]:
    """Column -> type in the layout's words: string, int64, double, timestamp_utc."""
    out = {}
    for col in schema.COLUMNS:
        if isinstance(col.dtype, pl.Datetime):
            out[col.name] = "timestamp_utc"
        elif col.dtype == pl.Int64:
            out[col.name] = "int64"
        elif col.dtype == pl.Float64:
            out[col.name] = "double"
        else:  # Utf8 and the vocabularies
            out[col.name] = "string"
    return out


def manifest() -> dict:
    """What `_timeline_events.json` holds."""
    return {
        "layout": LAYOUT,
        "version": VERSION,
        "partition": {PARTITION: "UTC year of t_start"},
        "columns": column_types(),
    }


def write_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text(json.dumps(manifest(), indent=1) + "\n", encoding="utf-8")


def _select_sql() -> str:
    """The layout's columns from a relation with the store's types (session zone UTC)."""
    return ", ".join(schema.NAMES) + f", year(t_start AT TIME ZONE 'UTC') AS {PARTITION}"


def prepare_folder(folder: str | Path, overwrite: bool) -> Path:
    path = Path(folder).expanduser()
    if path.exists() and not path.is_dir():
        raise TimelineError(f"{path} is a file, not a folder. Hint: give a folder name.")
    if path.is_dir() and any(path.iterdir()):
        if not overwrite:
            raise TimelineError(
                f"{path} is not empty. Hint: choose a new folder, or pass overwrite=True."
            )
        if not is_event_folder(path):
            raise TimelineError(
                f"{path} holds other files, not an event folder: it is left alone. "
                "Hint: choose a new folder."
            )
        for part in path.glob(f"{PARTITION}=*/*.parquet"):
            part.unlink()
    path.mkdir(parents=True, exist_ok=True)
    return path


def copy_relation(con: duckdb.DuckDBPyConnection, relation: str, folder: Path) -> int:
    """DuckDB writes `relation` (canonical columns) into the layout; returns the row count."""
    con.execute("SET TimeZone='UTC'")
    rows = con.execute(f"SELECT count(*) FROM {relation}").fetchall()[0][0]
    if rows:
        con.execute(
            f"COPY (SELECT {_select_sql()} FROM {relation}) TO '{_quoted(folder)}' "
            f"(FORMAT parquet, PARTITION_BY ({PARTITION}), COMPRESSION zstd, "
            "OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'events_{uuid}')"
        )
    write_manifest(folder)
    return rows


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def write(events: pl.DataFrame, folder: str | Path, *, overwrite: bool = False) -> Path:
    """Validate canonical events and write them as an event folder; returns the folder."""
    frame = schema.validate(events)
    path = prepare_folder(folder, overwrite)
    stored = frame.with_columns(
        pl.col(c.name).cast(pl.Utf8) for c in schema.COLUMNS if isinstance(c.dtype, pl.Enum)
    )
    con = duckdb.connect()
    try:
        con.register("_events", stored.to_arrow())
        copy_relation(con, "_events", path)
    finally:
        con.close()
    return path


def is_event_folder(path: str | Path) -> bool:
    """A folder with the manifest, or with year=YYYY/ partitions of Parquet files."""
    path = Path(path)
    if not path.is_dir():
        return False
    return (path / MANIFEST).is_file() or any(path.glob(f"{PARTITION}=*/*.parquet"))


def files(folder: str | Path) -> list[Path]:
    """The data files of an event folder, in a stable order."""
    path = Path(folder).expanduser()
    if not is_event_folder(path):
        raise FormatError(
            f"{path} is not an event folder (no {MANIFEST}, no {PARTITION}=YYYY/*.parquet). "
            "Hint: write one with EventStore.export_parquet(folder)."
        )
    _check_manifest(path)
    return sorted(p for p in path.glob(f"{PARTITION}=*/*.parquet") if not _hidden(p))


def _hidden(path: Path) -> bool:
    return path.name.startswith(("_", "."))


def _check_manifest(path: Path) -> None:
    if not (path / MANIFEST).is_file():
        return
    try:
        found = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FormatError(f"{path / MANIFEST} is not readable JSON ({exc})") from exc
    if found.get("layout") != LAYOUT or found.get("version", 0) > VERSION:
        raise FormatError(
            f"{path} holds layout {found.get('layout')!r} version {found.get('version')!r}; "
            f"this version reads {LAYOUT!r} up to version {VERSION}. Hint: upgrade timeline."
        )


def canonical(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """Rows read from the layout by any engine -> validated canonical polars, by time."""
    lazy = frame.lazy().select(pl.col(n).cast(schema.DTYPES[n]) for n in schema.NAMES)
    return schema.validate(lazy.collect()).sort("t_start", "t_end", "event_id")


def read(folder: str | Path) -> pl.DataFrame:
    """The folder's events as a validated polars frame, by time (the partition key dropped)."""
    parts = files(folder)
    if not parts:
        return schema.empty()
    return canonical(pl.scan_parquet(parts, hive_partitioning=False))
