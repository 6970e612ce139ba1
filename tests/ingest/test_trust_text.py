"""Text in, text right: bad bytes are lines, encodings are detected per file, CR-only line
ends read, a cut last record is rejected, GDELT codes keep their zeros."""

from __future__ import annotations

import pandas as pd
import pytest

import timeline as tl
from timeline.errors import ValidationError
from timeline.ingest import records, sources
from timeline.ingest.gdelt import GDELT2

HEADER = b"Date,Group,Type,City,Country\n"


def read(tmp_path, data: bytes, name="events.csv", **options):
    path = tmp_path / name
    path.write_bytes(data)
    return tl.read_events(path, on_error="skip", return_report=True, **options)


def reasons(report) -> dict[int, str]:
    return dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))


def test_one_bad_byte_rejects_its_line_and_keeps_arabic_intact(tmp_path):
    body = (
        "2014-01-24,أنصار بيت المقدس,Car bomb,القاهرة,Egypt\n".encode()
        + b"2014-01-25,Group \xff B,Shooting,Cairo,Egypt\n"
        + "2014-01-26,ولاية سيناء,IED,العريش,Egypt\n".encode()
    )
    events, report = read(tmp_path, HEADER + body)
    assert reasons(report) == {3: records.BAD_BYTES}
    assert list(events.actor_raw) == ["أنصار بيت المقدس", "ولاية سيناء"]
    assert list(events.location) == ["القاهرة", "العريش"]
    with pytest.raises(ValidationError, match=r"line 3: invalid UTF-8 bytes in this line"):
        tl.read_events(tmp_path / "events.csv")


def test_a_windows_1252_file_is_read_as_such(tmp_path):
    body = "2014-01-24,Société Générale,Car bomb,Tétouan,Morocco\n".encode("cp1252")
    assert sources.sniff(tmp_path / _put(tmp_path, HEADER + body)) == ("cp1252", False)
    events, report = read(tmp_path, HEADER + body)
    assert report.n_rejected == 0 and events.location[0] == "Tétouan"


def _put(tmp_path, data: bytes) -> str:
    (tmp_path / "sniff.csv").write_bytes(data)
    return "sniff.csv"


def test_cr_only_line_ends_are_read(tmp_path):
    data = (
        HEADER.replace(b"\n", b"\r")
        + b"2014-01-24,A,IED,Cairo,Egypt\r2014-01-25,B,IED,Cairo,Egypt\r"
    )
    events, report = read(tmp_path, data)
    assert report.rows_read == 2 and list(events.actor_raw) == ["A", "B"]


def test_a_cut_last_record_is_rejected(tmp_path):
    whole = HEADER + b"2014-01-24,A,IED,Cairo,Egypt\n"
    events, report = read(tmp_path, whole + b"2014-01-25,B,Shoo")
    assert reasons(report)[3].startswith(records.TRUNCATED)
    assert len(events) == 1
    events, report = read(tmp_path, whole + b'2014-01-25,B,Shooting,"Cai')
    assert reasons(report) == {3: records.TRUNCATED}
    events, report = read(tmp_path, whole + b"2014-01-25,B,Shooting,Cairo,Egypt")  # no newline
    assert report.n_rejected == 0 and len(events) == 2


def test_a_row_with_a_stray_separator_is_a_line_not_a_failed_file(tmp_path):
    data = HEADER + b"2014-01-24,A,IED,Cairo,Egypt,extra\n2014-01-25,B,IED,Cairo,Egypt\n"
    events, report = read(tmp_path, data)
    assert reasons(report) == {
        2: "6 fields where the header has 5: a stray ',' (a value that needed quotes?)"
    }
    assert list(events.actor_raw) == ["B"]


def gdelt_row(event_id: str, code: str, base: str, root: str) -> str:
    """One GDELT 2.0 line (61 tab-separated fields) in Cairo."""
    values = dict.fromkeys(GDELT2, "")
    values.update(
        GLOBALEVENTID=event_id, SQLDATE="20140124", MonthYear="201401", Year="2014",
        FractionDate="2014.0658", Actor1Name="EGYPT", IsRootEvent="1", EventCode=code,
        EventBaseCode=base, EventRootCode=root, QuadClass="4", GoldsteinScale="-7",
        NumMentions="10", NumSources="2", NumArticles="10", AvgTone="-1.5", ActionGeo_Type="4",
        ActionGeo_FullName="Cairo, Al Qahirah, Egypt", ActionGeo_CountryCode="EG",
        ActionGeo_Lat="30.05", ActionGeo_Long="31.25", DATEADDED="20140124093000",
        SOURCEURL="https://example.org/" + event_id,
    )  # fmt: skip
    return "\t".join(values[c] for c in GDELT2) + "\n"


@pytest.mark.parametrize(
    ("code", "base", "root", "kept"),
    [
        ("0137", "013", "01", 0),
        ("137", "13", "1", 0),
        ("13", "13", "1", 0),
        ("138", "138", "13", 1),
    ],
)
def test_gdelt_codes_are_text_and_stripped_zeros_are_refused(tmp_path, code, base, root, kept):
    row = gdelt_row("300000009", code, base, root)
    path = tmp_path / "20140124.export.CSV"
    path.write_text(row, encoding="utf-8")
    events, report = tl.read_events(path, on_error="skip", return_report=True)
    assert len(events) == kept
    if code != "0137" and not kept:  # a re-saved file, not an appeal that became a threat
        assert "CAMEO code without its leading zero" in reasons(report)[1]


def test_gdelt_resaved_through_pandas_is_detected(tmp_path):
    rows = gdelt_row("300000009", "0137", "013", "01") + gdelt_row("300000010", "138", "138", "13")
    original = tmp_path / "20140124.export.CSV"
    original.write_text(rows, encoding="utf-8")
    frame = pd.read_csv(original, sep="\t", header=None)  # ints: "0137" -> 137
    resaved = tmp_path / "20140125.export.CSV"
    frame.to_csv(resaved, sep="\t", header=False, index=False)
    events, report = tl.read_events(resaved, on_error="skip", return_report=True)
    assert list(events.source_ref) == ["300000010"]  # the real threat
    assert "CAMEO code without its leading zero" in reasons(report)[1]


UNICODE_TEXT = (
    "Date\tType\tGroup\tCity\tCountry\r\n"
    "2014-01-24\tCar bomb\tأنصار بيت المقدس\tالقاهرة 🚩\tEgypt\r\n"
)


@pytest.mark.parametrize(
    ("encoded", "name"),
    [
        (b"\xff\xfe" + UNICODE_TEXT.encode("utf-16-le"), "unicode.txt"),  # Excel's Unicode Text
        (b"\xfe\xff" + UNICODE_TEXT.replace("\t", ",").encode("utf-16-be"), "be.csv"),
        (UNICODE_TEXT.encode("utf-16-le"), "nobom.txt"),  # no byte-order mark
    ],
)
def test_utf16_files_are_read_as_such(tmp_path, encoded, name):
    path = tmp_path / name
    path.write_bytes(encoded)
    events, report = tl.read_events(path, return_report=True, output="polars")
    assert events.select("actor_raw", "location").rows() == [("أنصار بيت المقدس", "القاهرة 🚩")]
    assert any("read as UTF-16" in note for note in report.notes)


def test_a_utf16_character_cut_by_a_block_boundary_is_whole(tmp_path):
    path, target = tmp_path / "in.txt", tmp_path / "out.txt"
    text = "a🚩b" * 50  # surrogate pairs: 4 bytes each, cut by 7-byte blocks
    path.write_bytes(text.encode("utf-16-le"))
    sources._transcoded(path, target, "utf-16-le", cr_only=False, block_size=7)
    assert target.read_text(encoding="utf-8") == text
