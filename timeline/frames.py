"""The one boundary between pandas and polars: canonical tables in and out.

`to_polars` is the only place a user's table (pandas, polars or a polars LazyFrame) becomes
the canonical polars frame, under one set of rules: canonical dtypes cast, naive times
refused, the columns the caller needs checked, `t_end` filled from `t_start`. `to_pandas`
is the only way back out (used by `timeline.api` and the store's pandas reader).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from timeline import schema
from timeline.errors import TimelineError

if TYPE_CHECKING:
    import pandas as pd

_COUNTS = ("killed", "killed_low", "killed_high", "wounded", "wounded_high")
_HINTS = {
    "events": "pass the canonical event table (see timeline.schema.describe())",
    "pairs": "pass the result of tl.lags(...)",
}


def is_pandas(obj: object, kind: str = "DataFrame") -> bool:
    """Whether `obj` is a pandas `kind`, without importing pandas (it costs a quarter second
    at start-up, and an object cannot be a pandas one unless pandas is already loaded)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, getattr(pandas, kind))


def to_polars(
    data: pd.DataFrame | pl.DataFrame | pl.LazyFrame,
    *,
    need: Sequence[str] = (),
    what: str = "events",
    rules: bool = True,
) -> pl.DataFrame:
    """A pandas or polars table as polars: canonical columns cast, times UTC, `need` checked.

    `what` names the table in messages ("events", "pairs", ...). When the table has
    `t_start` but no `t_end`, `t_end = t_start` (an exact time). `rules=False` converts
    only: the ingest path reads a user's table as text and checks every value itself.
    """
    frame = as_polars(data, what=what)
    missing = [c for c in need if c not in frame.columns]
    if missing:
        hint = _HINTS.get(what, f"pass a {what} table with these columns")
        raise TimelineError(f"{what} lack column(s) {missing}. Hint: {hint}.")
    if not rules:
        return frame
    if "t_start" in frame.columns and "t_end" not in frame.columns:
        frame = frame.with_columns(pl.col("t_start").alias("t_end"))
    casts = [_cast(name, frame.schema[name]) for name in frame.columns]
    casts = [c for c in casts if c is not None]
    return frame.with_columns(casts) if casts else frame


def as_polars(data: object, *, what: str = "events") -> pl.DataFrame:
    """A pandas or polars table as polars, values as they are (no canonical casts): for
    rows the caller validates itself, so a bad value is named with its row, not a failed
    cast. `to_polars` starts here."""
    if isinstance(data, pl.LazyFrame):
        return data.collect()
    if isinstance(data, pl.DataFrame):
        return data
    if is_pandas(data):
        return pl.from_pandas(data.reset_index(drop=True))
    raise TimelineError(
        f"{what} must be a pandas or polars DataFrame, not {type(data).__name__}. "
        "Hint: load events with tl.read_events(...) or tl.datasets.load(...)."
    )


def _cast(name: str, current: pl.DataType) -> pl.Expr | None:
    """The expression that gives column `name` its canonical dtype (None: nothing to do)."""
    dtype = schema.DTYPES.get(name)
    if dtype is None or current == dtype:
        return None
    col = pl.col(name)
    if isinstance(dtype, pl.Datetime):
        if not isinstance(current, pl.Datetime):
            raise TimelineError(
                f"column {name!r} has dtype {current}, not a datetime. "
                "Hint: parse times first; the canonical type is Datetime('us', 'UTC')."
            )
        if current.time_zone is None:
            raise TimelineError(
                f"column {name!r} holds naive times. Hint: times are never naive here; make "
                "them UTC-aware (e.g. pd.to_datetime(..., utc=True)) before analysis."
            )
        return col.dt.convert_time_zone("UTC").cast(dtype).alias(name)
    if isinstance(dtype, pl.Enum):
        return col.cast(pl.Utf8).cast(dtype).alias(name)
    return col.cast(dtype).alias(name)


def to_pandas(frame: pl.DataFrame, *, arrow_strings: bool = False) -> pd.DataFrame:
    """polars -> pandas: nullable integer counts, categorical vocabularies, UTC times,
    Timedelta durations; with `arrow_strings`, text as arrow-backed strings (10x cheaper
    than Python objects for large result tables)."""
    if not arrow_strings:
        out = frame.to_pandas()
    else:
        text = [c for c, t in frame.schema.items() if t == pl.Utf8]
        out = frame.drop(text).to_pandas()
        strings = frame.select(text).to_pandas(use_pyarrow_extension_array=True)
        for c in text:
            out[c] = strings[c]
        out = out[frame.columns]
    for name in _COUNTS:
        if name in out.columns:
            out[name] = out[name].astype("Int64")
    return out


def without_lines(frame: pl.DataFrame, failures: pl.DataFrame) -> pl.DataFrame:
    """`frame` minus the rows whose `line` failed; no copy when none did (the usual case)."""
    if failures.height == 0:
        return frame
    return frame.filter(~pl.col("line").is_in(failures.get_column("line").implode()))
