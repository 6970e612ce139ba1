"""Download buttons: the bytes are made only when the button is clicked (deferred)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import polars as pl
import streamlit as st

from timeline.export import export
from timeline.export.tables import write_table

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
}


def chart_exporter(chart, ext: str, **options) -> Callable[[], bytes]:
    """The chart as .png/.svg/.pdf/.html bytes via `tl.export`, made when clicked."""

    def make() -> bytes:
        with tempfile.TemporaryDirectory(prefix="timeline-export-") as tmp:
            return export(chart, Path(tmp) / f"chart.{ext}", **options).read_bytes()

    return make


def _parquet(frame: pl.DataFrame) -> Callable[[], bytes]:
    def make() -> bytes:
        buf = io.BytesIO()
        frame.write_parquet(buf)
        return buf.getvalue()

    return make


def _table_export(frame: pl.DataFrame | pd.DataFrame, fmt: str) -> Callable[[], bytes]:
    """CSV/Excel bytes from the export module (formula-safe cells)."""

    def make() -> bytes:
        with tempfile.TemporaryDirectory(prefix="timeline-table-") as tmp:
            return write_table(_plain(frame), Path(tmp) / f"table.{fmt}").read_bytes()

    return make


def _plain(frame: pl.DataFrame | pd.DataFrame) -> pl.DataFrame | pd.DataFrame:
    """Durations as seconds (`<name>_s`): CSV has no duration type."""
    if isinstance(frame, pl.DataFrame):
        return frame
    spans = [c for c in frame.columns if pd.api.types.is_timedelta64_dtype(frame[c])]
    if not spans:
        return frame
    seconds = {f"{c}_s": frame[c].dt.total_seconds() for c in spans}
    return frame.drop(columns=spans).assign(**seconds)[
        [f"{c}_s" if c in spans else c for c in frame.columns]
    ]


def table_buttons(frame: pl.DataFrame | pd.DataFrame, *, stem: str, key: str) -> None:
    """CSV, Excel and (for event tables) Parquet download buttons side by side."""
    cols = st.columns(3)
    for col, fmt, label in ((cols[0], "csv", "CSV"), (cols[1], "xlsx", "Excel")):
        col.download_button(
            f"Download {label}",
            _table_export(frame, fmt),
            file_name=f"{stem}.{fmt}",
            mime=MIME[fmt],
            key=f"dl-{key}-{fmt}",
        )
    if isinstance(frame, pl.DataFrame):
        cols[2].download_button(
            "Download Parquet",
            _parquet(frame),
            file_name=f"{stem}.parquet",
            mime=MIME["parquet"],
            key=f"dl-{key}-parquet",
        )
