"""A title above the header (a report-style spreadsheet) is skipped with a note; anything
else above it is not guessed at."""

from __future__ import annotations

import io

import openpyxl
import pytest

import timeline as tl
from timeline.errors import FormatError, ValidationError
from timeline.ingest.blocks import _Blocks

TABLE = "Date,Type,Group,City,Country\n2014-01-24,Car bomb,ISIL,Cairo,Egypt\n"


def test_a_title_and_a_blank_line_above_the_header_are_skipped_with_a_note(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text('"Attacks, Sinai, 2014"\n\n' + TABLE + "2014-01-25,Threat,ISIL,Cairo,Egypt\n")
    events, report = tl.read_events(path, return_report=True, output="polars")
    assert events.height == 2
    assert "skipped 2 line(s) above the header (a title: 'Attacks, Sinai, 2014')" in report.notes
    # line numbers stay the file's: the header is line 3, a bad row on line 5 is line 5
    path.write_text("Attacks 2014\n\n" + TABLE + "2014-13-25,Threat,ISIL,Cairo,Egypt\n")
    with pytest.raises(ValidationError, match=r"line 5: Date: cannot read as a date"):
        tl.read_events(path)


def test_a_title_row_above_a_sheets_header_is_skipped(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Incidents, compiled 2015"], [], TABLE.splitlines()[0].split(","),
                TABLE.splitlines()[1].split(",")):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "log.xlsx"
    book.save(path)
    events, report = tl.read_events(path, return_report=True, output="polars")
    assert events.height == 1 and events["actor_raw"].to_list() == ["ISIL"]
    assert any(n.startswith("skipped 2 line(s) above the header") for n in report.notes)


def test_lines_above_the_header_with_several_cells_are_not_guessed_at(tmp_path):
    path = tmp_path / "two_tables.csv"
    path.write_text("Total,12\nSource,analyst\n" + TABLE)
    with pytest.raises(FormatError, match=r"layout not recognised \(columns: Total, 12\)"):
        tl.read_events(path)


def test_a_file_without_a_title_is_read_from_its_first_line(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text(TABLE)
    _, report = tl.read_events(path, return_report=True)
    assert not any("above the header" in n for n in report.notes)


def test_one_record_at_a_time_even_from_the_last_block():
    blocks = _Blocks(io.BytesIO(b"title\n\nDate,Type\n1,2\n"), quoted=True)
    assert [blocks.next(1 << 20, first=True) for _ in range(3)] == [
        b"title\n", b"\n", b"Date,Type\n"
    ]  # fmt: skip
    assert blocks.next(1 << 20) == b"1,2\n"


def test_a_sheets_lines_are_its_rows_even_after_blank_rows(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    header, good = TABLE.splitlines()
    bad = ["2014-13-24", "IED", "ISIL", "Cairo", "Egypt"]
    for row in (header.split(","), good.split(","), [], [], bad, [], []):
        sheet.append(row)
    path = tmp_path / "gaps.xlsx"
    book.save(path)
    with pytest.raises(ValidationError, match=r"1 bad row.*\n  line 5: Date"):
        tl.read_events(path)
    events, report = tl.read_events(path, on_error="skip", return_report=True)
    assert len(events) == 1 and report.skipped == {"blank row(s)": 2}  # trailing ones: none


def _workbook(path, sheets: dict[str, list[list]]):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_is_read_from_its_first_sheet_that_holds_a_table(tmp_path):
    header, row = (line.split(",") for line in TABLE.splitlines())
    path = _workbook(tmp_path / "book.xlsx", {
        "Notes": [["Compiled from press reports"], ["Contact: the desk"]],
        "Summary": [["Total", 12], ["Groups", 3]],
        "Incidents": [["Incidents 2014"], [], header, row],
        "Other": [header, row, row],
    })  # fmt: skip
    events, report = tl.read_events(path, return_report=True, output="polars")
    assert events.height == 1  # the Incidents sheet, not the later one
    assert report.notes[:2] == [
        "read the sheet 'Incidents': the first sheet, 'Notes', holds no table",
        "skipped 2 line(s) above the header (a title: 'Incidents 2014')",
    ]
    with pytest.raises(ValidationError, match=r"line 4: Date"):  # the sheet's own rows
        bad = _workbook(tmp_path / "bad.xlsx", {"Notes": [["x"]], "Data": [
            ["Incidents 2014"], [], header, ["2014-13-40", *row[1:]]]})  # fmt: skip
        tl.read_events(bad)


def test_a_workbook_with_no_table_keeps_the_layout_error(tmp_path):
    path = _workbook(tmp_path / "none.xlsx", {"Notes": [["Nothing here"]], "B": [["x", 1]]})
    with pytest.raises(FormatError, match=r"none.xlsx: layout not recognised"):
        tl.read_events(path)
    first = _workbook(tmp_path / "first.xlsx", {"Data": [TABLE.splitlines()[0].split(","),
                                                         TABLE.splitlines()[1].split(",")],
                                                "Other": [["x"]]})  # fmt: skip
    _, report = tl.read_events(first, return_report=True)
    assert not any("sheet" in n for n in report.notes)


def test_a_title_above_a_semicolon_header_is_skipped_and_the_separator_found(tmp_path):
    path = tmp_path / "semicolons.csv"
    path.write_text("Incidents 2014\n\nDate;Type;Group;City;Country\n"
                    "24/01/2014;Car bomb;ISIL;Cairo;Egypt\n")  # fmt: skip
    events, report = tl.read_events(path, return_report=True, output="polars")
    assert events["actor_raw"].to_list() == ["ISIL"]
    assert "skipped 2 line(s) above the header (a title: 'Incidents 2014')" in report.notes
    assert any(n.startswith("read with delimiter ';'") for n in report.notes)
