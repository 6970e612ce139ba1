"""Downloads: charts in every format with the briefing furniture; tables CSV/Excel-safe."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import timeline as tl
from timeline_app.widgets import downloads

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
MAGIC = {"png": b"\x89PNG", "svg": b"<svg", "pdf": b"%PDF", "html": b"<!DOCTYPE html>"}


@pytest.fixture(scope="module")
def pairs() -> pd.DataFrame:
    return tl.lags(tl.datasets.load(), "warning", "attack", "7d")


@pytest.mark.parametrize("ext", list(MAGIC))
def test_chart_exports_in_every_format(pairs, ext):
    chart = tl.charts.lag_histogram(pairs)
    make = downloads.chart_exporter(
        chart, ext, preset="slide", title="Lags", subtitle="Cairo", source_note="Source: test"
    )
    data = make()
    assert MAGIC[ext].lower() in data[:200].lower()


def test_pairs_download_as_csv_has_seconds_not_durations(pairs):
    make = downloads._table_export(pairs, "csv")
    table = pd.read_csv(io.BytesIO(make()))
    assert table["lag_s"].tolist() == [66600.0]
    assert "lag" not in table.columns


def test_event_csv_neutralises_formulas():
    events = tl.datasets.load().assign(excerpt='=HYPERLINK("http://x")')
    text = downloads._table_export(events, "csv")().decode()
    assert "'=HYPERLINK" in text
