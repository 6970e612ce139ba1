"""Generic tables: usual headers, event-type synonyms, written dates, bad rows by line."""

import pandas as pd
import polars as pl
import pytest

import timeline as tl
from timeline.errors import FormatError, ValidationError
from timeline.ingest.vocab import classify

HEADER = "Date,Time,Group,Type,City,Country,Killed,Wounded,Source,URL,Notes\n"


def write(tmp_path, body, name="events.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Audio warning", ("warning", None, "audio")),
        ("Video warning", ("warning", None, "video")),
        ("Claim of responsibility", ("claim", None, None)),
        ("Car bomb", ("attack", "car_bomb", None)),
        ("Grenade attack", ("attack", "grenade", None)),
        ("Suicide bombing", ("attack", "suicide_bombing", None)),
        ("IED", ("attack", "ied", None)),
        ("Shooting", ("attack", "shooting", None)),
        ("Threat", ("threat", None, None)),
        ("Statement", ("statement", None, None)),
        ("Kidnapping", ("attack", "kidnapping", None)),
        ("Arrest", ("arrest", None, None)),
        ("Denial of responsibility", ("denial", None, None)),
    ],
)
def test_event_type_synonyms(text, expected):
    assert classify(text) == expected


def test_usual_headers_load_without_a_mapping(tmp_path):
    path = write(
        tmp_path,
        "2014-01-23,,Ansar Beit al-Maqdes,Audio warning,,Egypt,,,Mada Masr,,recording\n"
        "2014-01-24,06:30,Ansar Jerusalem,Car bomb,Cairo,Egypt,4,70,Mada Masr,http://x,bomb\n",
    )
    df = tl.read_events(path)
    assert list(df["kind"].astype(str)) == ["warning", "attack"]
    assert list(df["actor"]) == ["Ansar Bayt al-Maqdis"] * 2
    bomb = df.iloc[1]
    assert bomb["t_start"] == pd.Timestamp("2014-01-24 04:30", tz="UTC") == bomb["t_end"]
    assert (bomb["subtype"], bomb["killed"], bomb["wounded"]) == ("car_bomb", 4, 70)
    assert (bomb["country"], bomb["tz"], bomb["url"]) == ("EGY", "Africa/Cairo", "http://x")
    warning = df.iloc[0]
    assert warning["precision"] == "day" and warning["channel"] == "audio"
    assert warning["t_end"] - warning["t_start"] == pd.Timedelta(days=1)


def test_headers_match_case_and_spacing_insensitively(tmp_path):
    header = "EVENT DATE,perpetrator,event-type,fatalities,injured,DESCRIPTION,country\n"
    path = write(tmp_path, "24 January 2014,ABM,Shooting,2,1,text,EGY\n", header=header)
    df = tl.read_events(path)
    assert (df.loc[0, "killed"], df.loc[0, "wounded"], df.loc[0, "excerpt"]) == (2, 1, "text")


def test_mapping_overrides_headers(tmp_path):
    header = "when_it_happened,who,what\n"
    path = write(tmp_path, "2014-01-24,ABM,Claim of responsibility\n", header=header)
    df = tl.read_events(
        path,
        mapping={"when_it_happened": "date", "who": "actor_raw", "what": "type"},
        tz="Africa/Cairo",
    )
    assert df.loc[0, "kind"] == "claim" and df.loc[0, "tz"] == "Africa/Cairo"
    with pytest.raises(FormatError, match="unknown role"):
        tl.read_events(path, mapping={"who": "perp"})


@pytest.mark.parametrize(
    "written",
    [
        "24 January 2014",
        "January 24, 2014",
        "Jan. 24, 2014",
        "24-January-2014",
        "Friday, 24th January 2014",
    ],
)
def test_written_dates(tmp_path, written):
    path = write(tmp_path, f'"{written}",,ABM,Shooting,,Egypt,,,,,\n')
    assert tl.read_events(path).loc[0, "t_start"] == pd.Timestamp("2014-01-23 22:00", tz="UTC")


def test_ambiguous_day_month_is_an_error_unless_dayfirst(tmp_path):
    path = write(
        tmp_path, "05/06/2014,,ABM,Shooting,,Egypt,,,,,\n07/08/2014,,ABM,IED,,Egypt,,,,,\n"
    )
    with pytest.raises(ValidationError, match="ambiguous day/month order") as err:
        tl.read_events(path)
    assert set(err.value.failures.get_column("line")) == {2, 3}
    df = tl.read_events(path, dayfirst=True)  # Egypt kept summer time from 2014-05-16
    assert df.loc[0, "t_start"] == pd.Timestamp("2014-06-04 21:00", tz="UTC")
    df = tl.read_events(path, dayfirst=False)
    assert df.loc[0, "t_start"] == pd.Timestamp("2014-05-05 22:00", tz="UTC")


def test_day_over_twelve_settles_the_order(tmp_path):
    path = write(
        tmp_path, "24/01/2014,,ABM,Shooting,,Egypt,,,,,\n05/02/2014,,ABM,IED,,Egypt,,,,,\n"
    )
    df = tl.read_events(path)
    assert df.loc[1, "t_start"] == pd.Timestamp("2014-02-04 22:00", tz="UTC")


def test_strict_read_names_every_bad_line(tmp_path):
    path = write(
        tmp_path,
        "2014-01-24,,ABM,Shooting,,Egypt,,,,,ok\n"
        "2014-13-01,,ABM,Shooting,,Egypt,,,,,bad date\n"
        "2014-01-24,,ABM,Dance,,Egypt,,,,,bad type\n"
        "2014-01-24,25:00,ABM,Shooting,,Egypt,x,,,,bad time and number\n"
        "2014-01-24,,ABM,Shooting,,Narnia,,,,,bad country\n",
    )
    with pytest.raises(ValidationError) as err:
        tl.read_events(path)
    text = str(err.value)
    for line, reason in [
        (3, "cannot read as a date"),
        (4, "unknown event type"),
        (5, "cannot read as a clock time"),
        (5, "not a number"),
        (6, "unknown country"),
    ]:
        assert f"line {line}:" in text and reason in text
    assert "line 2:" not in text
    df, report = tl.read_events(path, on_error="skip", return_report=True)
    assert len(df) == 1 and report.n_rejected == 4
    assert list(report.rejected["line"]) == [3, 4, 5, 6]
    assert list(report.rejected["Notes"]) == [
        "bad date",
        "bad type",
        "bad time and number",
        "bad country",
    ]


def test_rows_without_a_zone_are_read_as_utc_with_a_note(tmp_path):
    path = write(tmp_path, "2014-01-24,,ABM,Shooting,,,,,,,\n")
    df, report = tl.read_events(path, return_report=True)
    assert df.loc[0, "tz"] == "UTC"
    assert report.zones == {"utc-fallback": 1}
    assert any("read as UTC" in n for n in report.notes)


def test_frames_excel_parquet_and_jsonl_read_alike(tmp_path):
    frame = pd.DataFrame(
        {"Date": ["2014-01-24"], "Group": ["ABM"], "Type": ["Car bomb"], "Country": ["Egypt"]}
    )
    frame.to_excel(tmp_path / "e.xlsx", index=False)
    pl.from_pandas(frame).write_parquet(tmp_path / "e.parquet")
    pl.from_pandas(frame).write_ndjson(tmp_path / "e.jsonl")
    results = [
        tl.read_events(s)
        for s in (
            frame,
            pl.from_pandas(frame),
            tmp_path / "e.xlsx",
            tmp_path / "e.parquet",
            tmp_path / "e.jsonl",
        )
    ]
    ids = {r.loc[0, "event_id"] for r in results}
    assert len(ids) == 1
    assert all(r.loc[0, "precision"] == "day" for r in results)


def test_excel_date_cells_stay_dates(tmp_path):
    frame = pd.DataFrame(
        {"Date": [pd.Timestamp("2014-01-24")], "Type": ["Shooting"], "Country": ["Egypt"]}
    )
    frame.to_excel(tmp_path / "d.xlsx", index=False)
    df = tl.read_events(tmp_path / "d.xlsx")
    assert df.loc[0, "precision"] == "day"


def test_canonical_round_trip_is_lossless(tmp_path):
    events = tl.datasets.load("cairo-2014-01")
    pl.from_pandas(events).write_parquet(tmp_path / "c.parquet")
    again = tl.read_events(tmp_path / "c.parquet")
    pd.testing.assert_frame_equal(events, again)


def test_missing_file_and_unknown_format_are_clear(tmp_path):
    with pytest.raises(FormatError, match="File not found"):
        tl.read_events(tmp_path / "nope.csv")
    path = write(tmp_path, "2014-01-24,,ABM,Shooting,,Egypt,,,,,\n")
    with pytest.raises(FormatError, match="Unknown format 'gdelt9'"):
        tl.read_events(path, format="gdelt9")
    with pytest.raises(FormatError, match="no date column"):
        tl.read_events(write(tmp_path, "a,b\n", name="x.csv", header="Foo,Bar\n"), format="table")


def test_an_unknown_zone_is_a_rejected_row_not_a_crash():
    frame = pd.DataFrame({"Date": ["2014-01-24"] * 2, "Type": ["IED"] * 2,
                          "tz": ["Mars/Base", "Africa/Cairo"]})  # fmt: skip
    df, report = tl.read_events(frame, on_error="skip", return_report=True)
    assert list(df["tz"]) == ["Africa/Cairo"]
    assert report.rejected["reason"].tolist() == [
        "tz: not an IANA time zone; use a name like 'Africa/Cairo'"
    ]
    assert report.zones == {"column": 1}


def test_a_canonical_table_without_raw_names_keeps_its_actors():
    events = tl.datasets.load("cairo-2014-01").assign(actor_raw=None)
    again = tl.read_events(events)
    assert again["actor"].tolist() == events["actor"].tolist()
