"""CSV/Excel exports neutralise formula-looking text and round-trip losslessly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.errors import TimelineError
from timeline.export.tables import neutralise, write_table
from timeline.ingest.neutral import unneutralise

NASTY = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "'=already", "plain", None]


def test_text_cells_get_one_quote_and_numbers_stay() -> None:
    df = pl.DataFrame({"excerpt": NASTY, "lat": [-5.0] * 7, "killed": [-1] * 7})
    out = neutralise(df)
    assert out.get_column("excerpt").to_list() == [
        "'=HYPERLINK(\"http://x\")", "'+1+1", "'-2", "'@SUM(A1)", "''=already", "plain", None,
    ]  # fmt: skip
    assert out.get_column("lat").to_list() == [-5.0] * 7
    assert out.get_column("killed").to_list() == [-1] * 7


def test_unneutralise_inverts_neutralise_exactly() -> None:
    df = pl.DataFrame({"t": [*NASTY, "'plain", "''", "'"]})
    back = neutralise(df).select(unneutralise(pl.col("t")))
    assert back.get_column("t").to_list() == df.get_column("t").to_list()


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_round_trip_through_the_file(tmp_path: Path, ext: str) -> None:
    events = tl.datasets.load()
    events.loc[0, "excerpt"] = "=cmd|' /C calc'!A0"
    path = write_table(events, tmp_path / f"events{ext}")
    raw = pd.read_csv(path, dtype=str) if ext == ".csv" else pd.read_excel(path, dtype=str)
    assert raw.loc[0, "excerpt"] == "'=cmd|' /C calc'!A0"
    back = pl.from_pandas(raw).select(unneutralise(pl.col("excerpt")))
    assert back.get_column("excerpt").to_list() == events["excerpt"].tolist()


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_export_then_ingest_is_lossless(tmp_path: Path, ext: str) -> None:
    events = tl.datasets.load()
    events.loc[0, "excerpt"] = "=cmd|' /C calc'!A0"
    events.loc[1, "target"] = "-the patrol"
    path = write_table(events, tmp_path / f"events{ext}")
    store = tl.EventStore()
    assert store.ingest(path).added == len(events)
    got = store.events().sort_values("event_id").reset_index(drop=True)
    want = events.sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False, check_categorical=False)
    assert store.ingest(write_table(events, tmp_path / f"again{ext}")).added == 0


def test_parquet_and_bad_extension(tmp_path: Path) -> None:
    events = tl.datasets.load()
    path = write_table(events, tmp_path / "e.parquet")
    assert pl.read_parquet(path).height == len(events)
    with pytest.raises(TimelineError, match=r"csv, \.xlsx or \.parquet"):
        write_table(events, tmp_path / "e.txt")


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_lag_pairs_write_with_durations_in_seconds(tmp_path: Path, ext: str) -> None:
    pairs = tl.lags(tl.datasets.load(), "warning", "attack", "7d")
    path = write_table(pairs, tmp_path / f"pairs{ext}")
    raw = pd.read_csv(path) if ext == ".csv" else pd.read_excel(path)
    assert raw.loc[0, "lag_min_s"] == 4 * 3600 and raw.loc[0, "lag_max_s"] == 33 * 3600
    assert "lag" not in raw.columns


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_summary_writes_readable_text_next_to_hours(tmp_path: Path, ext: str) -> None:
    pairs = tl.lags(tl.datasets.load(), "warning", "attack", "7d")
    summary = tl.lag_summary(pairs, by="actor", n_boot=50)
    path = write_table(summary, tmp_path / f"summary{ext}")
    raw = pd.read_csv(path) if ext == ".csv" else pd.read_excel(path)
    row = raw.iloc[0]
    # "Thursday" -> "early Friday morning": text as people read it, numbers as hours
    assert row["median lag [95% CI]"] == "4 h to 1 d 9 h [4 h, 1 d 9 h]"
    assert (row["median_min_h"], row["median_max_h"]) == (4.0, 33.0)
    assert pd.isna(row["median_h"])  # no point value from vague times
    assert row["hit_rate"] == 1.0 and row["actor"] == "Ansar Bayt al-Maqdis"
