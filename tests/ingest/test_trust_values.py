"""Every bad value is a line and a reason, never a crash, in skip mode too."""

from __future__ import annotations

import errno
import zipfile

import duckdb
import pandas as pd
import pytest

import timeline as tl
from timeline import staging
from timeline.errors import FormatError, StoreError, TimeParseError, ValidationError
from timeline.ingest import fields

HEADER = "Date,Group,Type,City,Country,Killed,Lat,Lon\n"


def read(tmp_path, body, **options):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return tl.read_events(path, on_error="skip", return_report=True, **options)


def reasons(report) -> dict[int, str]:
    return dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))


@pytest.mark.parametrize(
    ("killed", "why"),
    [
        ("nan", "not a finite number"),
        ("inf", "not a finite number"),
        ("-3", "negative count"),
        ("2.5", "not a whole number"),
        ("1e30", "above 1,000,000: not believable for one event"),
        ("many", "not a number"),
    ],
)
def test_bad_counts_are_reasons(tmp_path, killed, why):
    events, report = read(tmp_path, f"2014-01-24,A,IED,Cairo,Egypt,{killed},,\n")
    assert events.empty and reasons(report)[2].startswith(f"Killed: {why}")
    with pytest.raises(ValidationError, match=f"line 2: Killed: {why}"):
        tl.read_events(tmp_path / "events.csv")


def test_counts_at_the_ceiling_are_kept(tmp_path):
    events, _ = read(tmp_path, f"2014-01-24,A,IED,Cairo,Egypt,{fields.COUNT_CEILING},,\n")
    assert events.killed[0] == fields.COUNT_CEILING


@pytest.mark.parametrize(
    ("lat", "lon", "why"),
    [
        ("200", "10", "Lat: outside [-90, 90]"),
        ("10", "-181", "Lon: outside [-180, 180]"),
        ("nan", "nan", "Lat: not a finite number; Lon: not a finite number"),
        ("inf", "31", "Lat: not a finite number"),
    ],
)
def test_bad_coordinates_without_a_country_are_reasons(tmp_path, lat, lon, why):
    events, report = read(tmp_path, f"2014-01-24,A,IED,Cairo,,1,{lat},{lon}\n")
    assert events.empty and reasons(report) == {2: why}


@pytest.mark.parametrize("layout", ["acled", "gtd", "ucdp"])
def test_dataset_counts_and_coordinates_are_reasons(tmp_path, layout):
    rows = {
        "acled": "event_id_cnty,event_date,event_type,actor1,country,latitude,longitude,"
        "fatalities\nE1,2014-01-24,Battles,A,Egypt,95,31,2.5\n",
        "gtd": "eventid,iyear,imonth,iday,gname,country_txt,latitude,longitude,nkill,nwound\n"
        "1,2014,1,24,A,Egypt,nan,31,-9,1e30\n",
        "ucdp": "id,date_start,date_end,side_a,type_of_violence,best,latitude,longitude\n"
        "1,2014-01-24,2014-01-24,A,1,inf,30,200\n",
    }[layout]
    path = tmp_path / f"{layout}.csv"
    path.write_text(rows, encoding="utf-8")
    events, report = tl.read_events(path, on_error="skip", return_report=True)
    why = reasons(report)[2]
    assert events.empty and report.format == layout
    expected = {
        "acled": ["latitude: outside [-90, 90]", "fatalities: not a whole number"],
        "gtd": ["latitude: not a finite number", "nwound: above 1,000,000"],
        "ucdp": ["best: not a finite number", "longitude: outside [-180, 180]"],
    }[layout]
    assert all(part in why for part in expected), why
    assert "nkill" not in why  # GTD's -9 means unknown


def test_an_unknown_zone_option_is_a_clear_error(tmp_path):
    with pytest.raises(TimeParseError, match=r"unknown time zone tz='Mars/Base'; use an IANA"):
        read(tmp_path, "2014-01-24,A,IED,Cairo,Egypt,1,,\n", tz="Mars/Base")


def test_a_country_with_several_zones_takes_its_main_zone_with_a_note(tmp_path):
    events, report = read(
        tmp_path,
        "2014-01-24,A,IED,Madrid,Spain,1,,\n"
        "2014-01-24,A,IED,Las Palmas,Spain,1,28.1,-15.4\n"
        "2014-01-24,A,IED,Buenos Aires,Argentina,1,,\n",
    )
    assert list(events.tz) == [
        "Europe/Madrid", "Atlantic/Canary", "America/Argentina/Buenos_Aires"
    ]  # fmt: skip
    assert report.zones == {"main-zone": 2, "coordinates": 1}
    assert any("country's main zone" in n for n in report.notes)


def _xlsx(path, frame):
    frame.to_excel(path, index=False)
    return path


def test_excel_files_of_every_shape(tmp_path):
    header_only = _xlsx(tmp_path / "header.xlsx", pd.DataFrame(columns=["Date", "Type", "City"]))
    events, report = tl.read_events(header_only, return_report=True)
    assert events.empty and "the source has no rows" in report.summary()
    blank = _xlsx(tmp_path / "blank.xlsx", pd.DataFrame())
    with pytest.raises(FormatError, match=r"blank\.xlsx: layout not recognised"):
        tl.read_events(blank)
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(FormatError, match=r"corrupt.xlsx: cannot read this Excel file"):
        tl.read_events(corrupt)
    with zipfile.ZipFile(tmp_path / "nosheet.xlsx", "w") as zf:
        zf.writestr("hello.txt", "no workbook here")
    with pytest.raises(FormatError, match=r"nosheet\.xlsx: cannot read this Excel file"):
        tl.read_events(tmp_path / "nosheet.xlsx")


def test_excel_text_with_control_characters_loads(tmp_path):
    path = _xlsx(
        tmp_path / "ctrl.xlsx",
        pd.DataFrame({"Date": ["2014-01-24"], "Type": ["IED"], "City": ["Cairo"],
                      "Notes": ["line one _x0007_ bell"]}),
    )  # fmt: skip
    events = tl.read_events(path, tz="Africa/Cairo")
    assert len(events) == 1


def test_disk_full_is_the_real_error_and_nothing_is_stored(tmp_path, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "2014-01-24,A,IED,Cairo,Egypt,1,,\n", encoding="utf-8")
    store = tl.EventStore(tmp_path / "store.duckdb")

    def full(*_):
        raise duckdb.IOException("Could not write file: No space left on device")

    monkeypatch.setattr(tl.EventStore, "_log", full)
    with pytest.raises(StoreError, match=r"No space left on device.*Nothing was stored\. The disk"):
        store.ingest(path)
    monkeypatch.undo()
    assert len(store) == 0 and store.ingest(path).added == 1


def test_a_full_temporary_folder_is_a_store_error(tmp_path, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "2014-01-24,A,IED,Cairo,Egypt,1,,\n", encoding="utf-8")

    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(staging, "HELD_BYTES", 0)
    monkeypatch.setattr(staging, "_write", full)
    with pytest.raises(StoreError, match=r"Nothing was stored\. The disk"):
        tl.EventStore().ingest(path)


def test_a_layout_column_the_file_lacks_is_a_format_error(tmp_path):
    path = tmp_path / "partial.csv"
    path.write_text("eventid,iyear,imonth,iday\n1,2014,1,24\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"partial.csv: the gtd layout needs a column 'gname'"):
        tl.read_events(path, format="gtd", on_error="skip")


@pytest.mark.parametrize(
    "text",
    [
        "event_id_cnty,event_date,event_type,actor1\nE1,2014-01-24,Battles,A\n",
        "id,date_start,date_end,side_a,type_of_violence,best\n1,2014-01-24,2014-01-24,A,1,3\n",
        "eventid,iyear,imonth,iday,gname\n1,2014,1,24,A\n",
    ],
)
def test_a_layout_with_only_its_required_columns_loads(tmp_path, text):
    path = tmp_path / "minimal.csv"
    path.write_text(text, encoding="utf-8")
    events, report = tl.read_events(path, on_error="skip", return_report=True, tz="UTC")
    assert len(events) == 1 and report.n_rejected == 0
