"""Excel sheets read cell by cell with openpyxl (no pandas): what each kind of cell becomes."""

from __future__ import annotations

from datetime import datetime

import openpyxl

import timeline as tl
from timeline.ingest.sources import _excel


def _book(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_cells_become_text_as_written(tmp_path):
    path = _book(
        tmp_path / "cells.xlsx",
        [
            ["Date", "Type", "Killed", None, "Killed", "Notes"],
            [datetime(2014, 1, 24, 6, 30), "IED", 3.0, "x", 2.5, "=NA()"],  # noqa: DTZ001
            [None, None, None, None, None, None],  # a blank row: skipped
            ["24/01/2014", "Car bomb", 4, None, None, ""],
        ],
    )
    frame = _excel(path)
    assert frame.columns == ["Date", "Type", "Killed", "Unnamed: 3", "Killed.1", "Notes"]
    assert frame.rows() == [
        ("2014-01-24T06:30:00", "IED", "3", "x", "2.5", None),  # a formula never computed
        (None,) * 6,  # the load skips it as a blank row
        ("24/01/2014", "Car bomb", "4", None, None, None),
    ]


def test_a_sheet_reads_like_the_same_csv(tmp_path):
    rows = [["Date", "Group", "Type", "City", "Country", "Killed"],
            ["2014-01-24", "ABM", "Car bomb", "Cairo", "Egypt", 4],
            ["25 January 2014", "ABM", "IED", "Giza", "Egypt", 0]]  # fmt: skip
    sheet = tl.read_events(_book(tmp_path / "e.xlsx", rows))
    csv = tmp_path / "e.csv"
    csv.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    text = tl.read_events(csv)
    cols = ["event_id", "t_start", "t_end", "precision", "location", "killed"]
    assert sheet[cols].equals(text[cols])
    assert list(sheet.killed) == [4, 0]
