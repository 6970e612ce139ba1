"""An event folder (the Parquet layout of `timeline.parquet`) as a source for a store.

The rows are canonical events already: their UTC intervals, precision, zone, ids and
canonical actor are kept as they are (`instant_start`/`instant_end` carry the times
through `finish`), and every row is validated again like any other source's. Rows are
numbered across the folder's files in their sorted order; a rejected row names its file.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from timeline import parquet, schema
from timeline.ingest.formats import Adapter, Mapped, register
from timeline.ingest.sources import BATCH_ROWS, Source


def _detect(source: Source, columns: list[str]) -> bool:
    return source.path is not None and parquet.is_event_folder(source.path)


def read_folder(source: Source, *, batch_rows: int = BATCH_ROWS) -> Iterator[pl.DataFrame]:
    """Typed batches of every data file, with `line` (1.. across files) and `file`."""
    done = 0
    for path in parquet.files(source.path):
        name = str(path.relative_to(source.path))
        lazy = pl.scan_parquet(path, hive_partitioning=False).select(schema.NAMES)
        for batch in lazy.collect_batches(chunk_size=batch_rows):
            yield (
                batch.with_columns(file=pl.lit(name))
                .with_row_index("line", offset=1 + done)
                .with_columns(pl.col("line").cast(pl.Int64))
            )
            done += batch.height


def map_events(raw: pl.DataFrame, **_: object) -> Mapped:
    """Canonical rows -> pre-events that `finish` passes through unchanged."""
    pre = raw.drop("file").with_columns(
        instant_start=pl.col("t_start").cast(schema.UTC_TIME),
        instant_end=pl.col("t_end").cast(schema.UTC_TIME),
        local_start=pl.lit(None, pl.Datetime("us")),
    )
    return Mapped(pre.drop("t_start", "t_end"), schema.failure_frame())


register(
    Adapter("events", "events", _detect, map_events, read=read_folder,
            doc="an event folder: Parquet partitioned by year (timeline.parquet)")
)  # fmt: skip
