"""A GDELT folder ingested on Spark equals the single-machine ingest of the same files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import polars as pl

import timeline as tl
from timeline import parquet
from timeline.ingest.gdelt import GDELT1, GDELT2


def gdelt_line(columns: tuple[str, ...], event_id: int, day: str, code: str, **values) -> str:
    """One tab-separated GDELT row; fields not given are empty, as in the real files."""
    row = {
        "GLOBALEVENTID": str(event_id), "SQLDATE": day, "Year": day[:4],
        "Actor1Name": "ANSAR BAYT AL-MAQDIS", "Actor2Name": "POLICE", "EventCode": code,
        "EventRootCode": code[:2], "ActionGeo_FullName": "Cairo, Al Qahirah, Egypt",
        "ActionGeo_CountryCode": "EG", "ActionGeo_Lat": "30.05", "ActionGeo_Long": "31.25",
        "DATEADDED": day + "093000", "SOURCEURL": f"https://example.org/{event_id}",
    }  # fmt: skip
    row.update(values)
    return "\t".join(row.get(c, "") for c in columns)


def gdelt_folder(root: Path) -> Path:
    """A 15-minute 2.0 export, a zipped daily 1.0 file in a subfolder, a repeat, bad rows,
    a hidden file and a file that is no dataset."""
    v2 = [
        gdelt_line(GDELT2, 1, "20140123", "138"),  # threat
        gdelt_line(GDELT2, 2, "20140124", "1832"),  # car bomb
        gdelt_line(GDELT2, 3, "20140124", "015"),  # claim
        gdelt_line(GDELT2, 4, "20140124", "042"),  # a visit: skipped, counted
        gdelt_line(GDELT2, 5, "20141399", "190"),  # no such day: rejected
        "6\t20140124\tonly three fields",  # wrong width: rejected
        gdelt_line(
            GDELT2,
            7,
            "20140125",
            "183",
            ActionGeo_FullName="Baghdad, Baghdad, Iraq",
            ActionGeo_Lat="33.3",
            ActionGeo_Long="44.4",
        ),
    ]
    (root / "2014").mkdir(parents=True)
    (root / "20140125093000.export.CSV").write_text("\n".join(v2) + "\n")
    v1 = [
        gdelt_line(GDELT1, 11, "20140126", "190"),
        gdelt_line(GDELT1, 12, "20140126", "138", Actor1Name="", Actor1Code="EGYREB"),
        gdelt_line(GDELT1, 2, "20140124", "1832"),  # the same GLOBALEVENTID as above
    ]
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        zf.writestr("20140126.export.CSV", "\n".join(v1) + "\n")
    (root / "2014" / "20140126.export.CSV.zip").write_bytes(data.getvalue())
    (root / ".hidden.CSV").write_text("not data\n")
    (root / "notes.csv").write_text("colour,size\nred,3\n")
    return root


def single_machine(files: list[Path]) -> tuple[pl.DataFrame, list[tuple[str, int]]]:
    """What a store would hold after loading the files in order, and the rejected lines."""
    parts, rejected = [], []
    for path in files:
        events, report = tl.read_events(path, on_error="skip", return_report=True)
        parts.append(pl.from_pandas(events))
        rejected += [(path.name, line) for line in report.rejected_rows.get_column("line")]
    events = pl.concat(parts).unique("event_id", keep="first", maintain_order=True)
    return events, rejected


def test_gdelt_folder_on_spark_equals_single_machine(spark, tmp_path):
    from timeline.spark.ingest import ingest

    folder = gdelt_folder(tmp_path / "gdelt")
    out = tmp_path / "events"
    report = ingest(spark, str(folder), str(out))
    files = [folder / "20140125093000.export.CSV", folder / "2014" / "20140126.export.CSV.zip"]
    want, want_rejected = single_machine(files)

    got = parquet.read(out)
    assert got.equals(parquet.canonical(want))
    assert sorted(got.get_column("source_ref").to_list()) == ["1", "11", "12", "2", "3", "7"]
    assert (report.files, report.rows_read, report.added) == (3, 10, 6)
    assert (report.duplicates, report.rejected) == (1, 2)
    assert report.skipped == {"CAMEO code not kept": 1}
    assert report.formats == {"gdelt1": 1, "gdelt2": 1}

    rejected = pl.read_parquet(out / "_rejected" / "*.parquet").sort("line")
    names = [Path(f).name for f in rejected.get_column("file")]
    assert list(zip(names, rejected.get_column("line"), strict=True)) == want_rejected
    reasons = rejected.get_column("reason").to_list()
    assert "SQLDATE" in reasons[0] and "61 tab-separated fields" in reasons[1]
    assert json.loads(rejected.get_column("raw")[0])["record"].startswith("5\t20141399")
    notes = f"file:{folder}/notes.csv"  # no adapter reads it: reported, the rest still loads
    assert list(report.failed_files) == [notes]
    assert "layout not recognised" in report.failed_files[notes]
