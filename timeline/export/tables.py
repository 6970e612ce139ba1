"""Event tables out to CSV/Excel/Parquet, safe to open in a spreadsheet.

Source text can start with = + - @ (or a tab/CR) and a spreadsheet would run it as a
formula (CSV injection). On export such a text cell gets one leading apostrophe; on
ingest `unneutralise` removes exactly that apostrophe again, so the round trip is
lossless. Only text columns are touched: -5 in a numeric column stays -5.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from timeline.display import summary_table
from timeline.errors import TimelineError
from timeline.frames import to_pandas, to_polars
from timeline.ingest.neutral import neutralise_expr
from timeline.results import SUMMARY

if TYPE_CHECKING:
    import pandas as pd


def _text_columns(df: pl.DataFrame) -> list[str]:
    return [
        n for n, t in df.schema.items() if t in (pl.Utf8, pl.Categorical) or isinstance(t, pl.Enum)
    ]


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column neutralised; other columns untouched."""
    return frame.with_columns(
        neutralise_expr(pl.col(n).cast(pl.Utf8)).alias(n) for n in _text_columns(frame)
    )


def _for_file(events: pd.DataFrame | pl.DataFrame) -> pl.DataFrame:
    df = to_polars(events)
    return df.with_columns(
        pl.col(n).cast(pl.Utf8) for n, t in df.schema.items() if isinstance(t, pl.Enum)
    )


def summary_for_file(summary: pl.DataFrame) -> pl.DataFrame:
    """A `lag_summary` table for a spreadsheet: the readable text people see (declared
    display columns) next to every figure as a number, durations in hours (`<name>_h`,
    empty where not reached)."""
    keys = [c for c in summary.columns if c not in SUMMARY.names]
    text = summary_table(summary, keys)
    numbers = summary.select(
        pl.col(n).dt.total_microseconds().truediv(3.6e9).alias(f"{n}_h")
        if isinstance(t, pl.Duration)
        else pl.col(n)
        for n, t in summary.schema.items()
        if n in SUMMARY.names
    )
    return pl.concat([text, numbers], how="horizontal")


def write_table(events: pd.DataFrame | pl.DataFrame, path: str | Path) -> Path:
    """Write a table to .csv, .xlsx or .parquet by extension (CSV/Excel neutralised).

    A `lag_summary` table gets its readable text next to its numbers (`summary_for_file`).
    """
    path = Path(path)
    ext = path.suffix.lower()
    df = _for_file(events)
    if ext != ".parquet" and set(SUMMARY.names) <= set(df.columns):
        df = summary_for_file(df)
    if ext == ".parquet":
        df.write_parquet(path)
        return path
    if ext not in (".csv", ".xlsx"):
        raise TimelineError(f"Cannot write {path.name!r}: use a .csv, .xlsx or .parquet file name.")
    safe = (
        neutralise(df)
        .with_columns(
            [
                pl.col(n).dt.strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
                for n, t in df.schema.items()
                if isinstance(t, pl.Datetime)
            ]
            + [  # lags as seconds in a column that says so: spreadsheets have no durations
                (pl.col(n).dt.total_microseconds() / 1e6).alias(f"{n}_s")
                for n, t in df.schema.items()
                if isinstance(t, pl.Duration)
            ]
        )
        .drop([n for n, t in df.schema.items() if isinstance(t, pl.Duration)])
    )
    if ext == ".csv":
        safe.write_csv(path)
    else:  # a cell cannot hold control characters (openpyxl refuses): each becomes U+FFFD
        cells = safe.with_columns(
            pl.col(n).str.replace_all(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd")
            for n in _text_columns(safe)
        )
        to_pandas(cells).to_excel(path, index=False, engine="openpyxl")
    return path
