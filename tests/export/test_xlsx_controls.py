"""Excel exports of event text holding control characters (a terminal escape, a NUL)."""

from __future__ import annotations

import openpyxl
import polars as pl

import timeline as tl
from timeline.export.tables import write_table


def test_control_characters_become_a_visible_mark_not_a_crash(tmp_path):
    events = pl.from_pandas(tl.datasets.load()).head(2)
    events = events.with_columns(
        actor=pl.Series(["ABM\x1b[2J", "bell\x07and\x00nul"]),
        excerpt=pl.Series(["line\nbreak\tand tab", "=1+1"]),
    )
    path = write_table(events, tmp_path / "e.xlsx")
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    actors = [sheet.cell(row=r, column=header.index("actor") + 1).value for r in (2, 3)]
    excerpts = [sheet.cell(row=r, column=header.index("excerpt") + 1).value for r in (2, 3)]
    assert actors == ["ABM\ufffd[2J", "bell\ufffdand\ufffdnul"]
    assert excerpts == ["line\nbreak\tand tab", "'=1+1"]  # kept; a formula still neutralised
    assert sheet.max_row == 3
