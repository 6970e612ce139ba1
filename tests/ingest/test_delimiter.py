"""A text table with another separator is read in place: quotes, line numbers, rejects."""

from __future__ import annotations

import tempfile

import pandas as pd
import pytest

import timeline as tl
from timeline.errors import FormatError


def _pipe_file(path):
    path.write_bytes(
        b"Date|Group|Type|City|Notes\n"
        b'2014-01-24|ABM|Car bomb|Cairo|"two|parts\nand a second line"\n'
        b"not a date|ABM|Car bomb|Cairo|x\n"
        b"2014-01-25|ABM|Audio warning|Cairo|plain\n"
    )
    return path


def test_a_pipe_table_keeps_quoted_separators_line_breaks_and_line_numbers(tmp_path, monkeypatch):
    made = []
    real = tempfile.TemporaryDirectory

    def spy(*args, **kwargs):  # the reader must not copy the file (a UTF-8 one needs none)
        made.append(kwargs.get("prefix"))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryDirectory", spy)
    path = _pipe_file(tmp_path / "pipe.csv")
    with tl.EventStore() as store:
        report = store.ingest(path, delimiter="pipe", on_error="skip", tz="Africa/Cairo")
        events = store.events()
    assert "timeline-delim-" not in made
    assert report.added == 2
    assert report.rejected_rows["line"].to_list() == [3]  # records count (header = 1)
    assert "read with delimiter 'pipe'" in report.notes
    notes = sorted(events["excerpt"].tolist())
    assert notes == ["plain", "two|parts\nand a second line"]


def test_a_semicolon_table_is_sniffed_or_read_with_its_separator(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("Date;Group;Type\n24.01.2014;ABM;Car bomb\n", encoding="utf-8")
    sniffed = tl.EventStore().ingest(path, tz="Africa/Cairo")
    assert sniffed.added == 1 and any("the header has no comma" in n for n in sniffed.notes)
    report = tl.EventStore().ingest(path, delimiter=";", tz="Africa/Cairo")
    assert report.added == 1
    events = tl.read_events(path, delimiter="semicolon", tz="Africa/Cairo")
    assert events.t_start[0] == pd.Timestamp("2014-01-23 22:00", tz="UTC")  # Cairo midnight


def test_delimiter_is_refused_where_it_cannot_apply(tmp_path):
    with pytest.raises(FormatError, match="is not one character"):
        tl.EventStore().ingest(_pipe_file(tmp_path / "p.csv"), delimiter="||")
    book = tmp_path / "x.parquet"
    book.write_bytes(b"PAR1")
    with pytest.raises(FormatError, match="applies to text tables"):
        tl.EventStore().ingest(book, delimiter=";")
