"""Property: messy files written from generated events load exactly right, row by row.

Each example writes a file from known events in a random encoding, line end, quoting,
date form, column order and header spelling, with some columns dropped or misspelt and
some values spoilt, then checks that every row is either stored exactly as written
(kind, interval, precision, actor, count) or rejected with its line and a reason, and
that the load never crashes. Places are in Kenya (one zone, UTC+3 all year since 1942) or
Spain (several zones: the main one, Madrid, with its DST changes; the expected instants come
from `zoneinfo`, independently of the loader's own conversion).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline as tl

ZONES = {"Kenya": ZoneInfo("Africa/Nairobi"), "Spain": ZoneInfo("Europe/Madrid")}
TYPES = {"Car bomb": "attack", "Audio warning": "warning", "Claim of responsibility": "claim",
         "Shooting": "attack", "Threat": "threat"}  # fmt: skip
NAMES = ("Ansar Beit al-Maqdes", "ولاية سيناء", 'Société "Noire"', "Group, with comma",
         "Al-Shabaab\nCell Two", "Brigade 7")  # fmt: skip
CITIES = ("Nairobi", "Mombasa", "Madrid", "Sevilla")
FORMS = {
    "iso": lambda d: d.isoformat(),
    "long": lambda d: f"{d.day} {d:%B %Y}",
    "us_long": lambda d: f"{d:%B} {d.day}, {d.year}",
    "dmy": lambda d: f"{d:%d/%m/%Y}",
    "mdy": lambda d: f"{d:%m/%d/%Y}",
    "dmy2": lambda d: f"{d:%d/%m/%y}",
    "dmon2": lambda d: f"{d.day}-{d:%b-%y}",
}
SPOILERS = {  # column -> bad values (each must be rejected)
    "Killed": ("nan", "-1", "2.5", "1e30", "many"),
    "Date": ("2014-02-30", "-2014-01-24", "1850-01-01"),
    "Type": ("zzz",),
}

event = st.fixed_dictionaries({
    "day": st.dates(date(1990, 1, 1), date(2024, 12, 31))
    | st.sampled_from([date(2014, 3, 30), date(2014, 10, 26)]),  # Spain's DST changes
    "clock": st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0))
    | st.sampled_from([time(2, 30), time(2, 0), time(3, 0)]),  # DST gaps and repeats
    "type": st.sampled_from(sorted(TYPES)),
    "name": st.sampled_from(NAMES),
    "city": st.sampled_from(CITIES),
    "country": st.sampled_from(sorted(ZONES)),
    "killed": st.none() | st.integers(0, 500),
    "spoil": st.none() | st.sampled_from(sorted(SPOILERS)),
    "bad": st.integers(0, 4),
})  # fmt: skip
layout = st.fixed_dictionaries({
    "form": st.sampled_from(sorted(FORMS)),
    "give_dayfirst": st.booleans(),
    "encoding": st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    "newline": st.sampled_from(["\n", "\r\n", "\r"]),
    "quoting": st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    "group_header": st.sampled_from(["Group", "Perpetrator", "actor", "Grup"]),
    "drop": st.sets(st.sampled_from(["Time", "Killed", "City"])),
    "order": st.randoms(use_true_random=False),
})  # fmt: skip


def _name(row: dict, lay: dict) -> str:
    """A CR-only file holds no LF (a writer would not quote it there: no reader could tell)."""
    return row["name"].replace("\n", " ") if lay["newline"] == "\r" else row["name"]


def _cell(row: dict, column: str, lay: dict) -> str:
    if row["spoil"] == column:
        return SPOILERS[column][row["bad"] % len(SPOILERS[column])]
    return {
        "Date": lambda: FORMS[lay["form"]](row["day"]),
        "Time": lambda: f"{row['clock']:%H:%M}" if row["clock"] else "",
        "Group": lambda: _name(row, lay),
        "Type": lambda: row["type"],
        "City": lambda: row["city"],
        "Country": lambda: row["country"],
        "Killed": lambda: "" if row["killed"] is None else str(row["killed"]),
    }[column]()


def write(path, rows: list[dict], lay: dict) -> list[str]:
    columns = [c for c in ("Date", "Time", "Group", "Type", "City", "Country", "Killed")
               if c not in lay["drop"]]  # fmt: skip
    lay["order"].shuffle(columns)
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=lay["quoting"], lineterminator=lay["newline"])
    writer.writerow([lay["group_header"] if c == "Group" else c for c in columns])
    writer.writerows([_cell(r, c, lay) for c in columns] for r in rows)
    text = out.getvalue()
    encoding = lay["encoding"]
    if encoding == "cp1252" and not _fits(text):
        encoding = "utf-8"
    path.write_bytes(text.encode(encoding))
    return columns


def _fits(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _order_known(rows: list[dict], lay: dict) -> bool:
    """Whether the file shows its numeric order (a day above 12), as the reader decides."""
    if lay["form"] not in ("dmy", "mdy", "dmy2") or lay["give_dayfirst"]:
        return True
    return any(r["day"].day > 12 for r in rows if r["spoil"] != "Date")


def expected(row: dict, columns: list[str], lay: dict, order_known: bool) -> dict | None:
    """The stored event for a row, or None when the row must be rejected."""
    if row["spoil"] in columns:
        return None
    d = row["day"]
    if not order_known and d.day != d.month and lay["form"] in ("dmy", "mdy", "dmy2"):
        return None  # ambiguous in a file that never shows its order
    clock = row["clock"] if "Time" in columns else None
    start = _utc(datetime.combine(d, clock or time()), ZONES[row["country"]])
    if start is None:
        return None  # a clock time in the DST gap never existed there
    end = start if clock else _utc(datetime.combine(d + timedelta(days=1), time()),
                                   ZONES[row["country"]])  # fmt: skip
    return {
        "kind": TYPES[row["type"]],
        "t_start": pd.Timestamp(start),
        "t_end": pd.Timestamp(end),
        "precision": "minute" if clock else "day",
        "actor_raw": None if lay["group_header"] == "Grup" else _name(row, lay),
        "killed": row["killed"] if "Killed" in columns else None,
    }


def _utc(wall: datetime, zone: ZoneInfo) -> datetime | None:
    """The wall time's instant (the earlier of a repeated hour); None inside a DST gap."""
    aware = wall.replace(tzinfo=zone, fold=0)
    instant = aware.astimezone(UTC)
    return instant if instant.astimezone(zone).replace(tzinfo=None) == wall else None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(event, min_size=1, max_size=12), lay=layout)
def test_every_row_is_stored_exactly_or_rejected_with_its_line(tmp_path, rows, lay):
    path = tmp_path / "events.csv"
    columns = write(path, rows, lay)
    dayfirst = (lay["form"] != "mdy") if lay["give_dayfirst"] else None
    events, report = tl.read_events(path, on_error="skip", return_report=True, dayfirst=dayfirst)
    known = _order_known(rows, lay)
    truth = {line: expected(r, columns, lay, known) for line, r in enumerate(rows, start=2)}
    rejected = dict(zip(report.rejected["line"], report.rejected["reason"], strict=True))
    assert set(rejected) == {line for line, e in truth.items() if e is None}
    assert all(isinstance(why, str) and why for why in rejected.values())
    stored = events.set_index("source_ref")
    assert len(stored) == len(rows) - len(rejected) and events.event_id.is_unique
    for line, want in truth.items():
        if want is None:
            continue
        got = stored.loc[f"events.csv:{line}"]
        killed = None if pd.isna(got["killed"]) else int(got["killed"])
        actor = None if pd.isna(got["actor_raw"]) else got["actor_raw"]
        assert (got["kind"], got["precision"], actor, killed) == (
            want["kind"], want["precision"], want["actor_raw"], want["killed"]
        ), line  # fmt: skip
        assert (got["t_start"], got["t_end"]) == (want["t_start"], want["t_end"]), line
    if lay["group_header"] == "Grup" and len(events):
        assert any("Grup" in w for w in report.warnings)
    if (events.country == "ESP").any():  # Spain has several zones: its main one, with a note
        assert set(events.tz[events.country == "ESP"]) == {"Europe/Madrid"}
        assert any("main zone" in n for n in report.notes)
