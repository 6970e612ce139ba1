"""The one boundary between pandas and polars: canonical tables in and out."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import polars as pl

from timeline import schema
from timeline.errors import TimelineError

if TYPE_CHECKING:
    import pandas as pd

_COUNTS = ("killed", "killed_low", "killed_high", "wounded", "wounded_high")


def is_pandas(obj: object, kind: str = "DataFrame") -> bool:
    """Whether `obj` is a pandas `kind`, without importing pandas (it costs a quarter second
    at start-up, and an object cannot be a pandas one unless pandas is already loaded)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, getattr(pandas, kind))


def to_polars(events: pd.DataFrame | pl.DataFrame) -> pl.DataFrame:
    """A pandas or polars event table as polars, canonical columns cast where present."""
    if isinstance(events, pl.DataFrame):
        frame = events
    elif is_pandas(events):
        frame = pl.from_pandas(events.reset_index(drop=True))
    else:
        raise TimelineError(
            f"Expected a pandas or polars DataFrame of events, got {type(events).__name__}"
        )
    casts = []
    for name in frame.columns:
        dtype = schema.DTYPES.get(name)
        if dtype is None or frame.schema[name] == dtype:
            continue
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime):
            current = frame.schema[name]
            if isinstance(current, pl.Datetime) and current.time_zone is None:
                raise TimelineError(
                    f"Column {name!r} holds naive times; times must be UTC-aware "
                    "(e.g. pd.to_datetime(..., utc=True))"
                )
            col = (
                col.cast(pl.Datetime("us", current.time_zone)).dt.convert_time_zone("UTC")
                if isinstance(current, pl.Datetime)
                else col.cast(dtype)
            )
        elif isinstance(dtype, pl.Enum):
            col = col.cast(pl.Utf8).cast(dtype)
        else:
            col = col.cast(dtype)
        casts.append(col.alias(name))
    return frame.with_columns(casts) if casts else frame


def to_pandas(frame: pl.DataFrame) -> pd.DataFrame:
    """polars -> pandas with nullable integer counts, categorical vocabularies, UTC times."""
    out = frame.to_pandas()
    for name in _COUNTS:
        if name in out.columns:
            out[name] = out[name].astype("Int64")
    return out


def without_lines(frame: pl.DataFrame, failures: pl.DataFrame) -> pl.DataFrame:
    """`frame` minus the rows whose `line` failed; no copy when none did (the usual case)."""
    if failures.height == 0:
        return frame
    return frame.filter(~pl.col("line").is_in(failures.get_column("line").implode()))
