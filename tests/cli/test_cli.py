"""The real entry point in subprocesses: output, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "datasets" / "cairo-2014-01"


def run(*args: str, cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *args],
        capture_output=True, text=True, env=env, cwd=cwd or ROOT, input=stdin, timeout=120,
    )  # fmt: skip


def test_help_teaches_the_commands() -> None:
    res = run("--help")
    assert res.returncode == 0
    for word in ("ingest", "article", "events", "lags", "chart", "brief", "app", "Cairo"):
        assert word in res.stdout


def test_lags_on_the_bundled_case() -> None:
    res = run("lags", "--trigger", "warning", "--response", "attack", "--within", "7d")
    assert res.returncode == 0, res.stderr
    assert "cairo-2014-01-23-audio-warning" in res.stdout
    # "Thursday" -> "early Friday morning": the interval the times allow, not a midpoint
    assert "4 h to 1 d 9 h" in res.stdout and "18 h 30 min" not in res.stdout
    assert "100% [21%, 100%]" in res.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest", "missing.csv"), "No such file: missing.csv"),
        (("ingest", str(CASE / "README.md"), "--format", "nonsense"), "nonsense"),
        (("lags", "--within", "banana"), "within='banana'"),
        (("article", str(CASE / "README.md"), "--published", "notadate"), "notadate"),
        (("events", "--store", "nowhere.duckdb"), "No store at nowhere.duckdb"),
    ],
)
def test_bad_input_exits_1_with_one_line(args: tuple[str, ...], message: str) -> None:
    res = run(*args)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_usage_error_exits_2() -> None:
    res = run("lags", "--bogus")
    assert res.returncode == 2
    assert "No such option" in res.stderr and "Traceback" not in res.stderr


def test_ingest_then_events_csv_from_a_store(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    res = run("ingest", str(CASE / "events.csv"), "--store", str(store))
    assert res.returncode == 0, res.stderr
    assert "added 11" in res.stdout
    out = tmp_path / "ev.csv"
    res = run("events", "--store", str(store), "--kind", "attack", "--csv", str(out))
    assert res.returncode == 0, res.stderr
    assert "wrote 6 events" in res.stdout
    assert out.read_text(encoding="utf-8").count("\n") == 7  # header + 6 attacks


def test_chart_and_brief_write_files(tmp_path: Path) -> None:
    png, pdf = tmp_path / "t.png", tmp_path / "b.pdf"
    res = run("chart", "timeline", "--out", str(png), "--preset", "a4-landscape")
    assert res.returncode == 0, res.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    res = run("brief", "--out", str(pdf))
    assert res.returncode == 0, res.stderr
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    row = text[text.index("Ansar Bayt al-Maqdis") : text.index("Chance baseline")]
    assert "100%" in row and "[21%, 100%]" in row  # the hit rate, its interval under it


INGEST_HINTS = re.compile(r"\bpass (\w+)=")


def test_every_option_an_ingest_message_suggests_is_a_flag() -> None:
    """The library's hints name keyword options; the CLI has a flag for each of them."""
    hinted = set()
    for folder in ("ingest", "store.py", "loads.py", "errors.py"):
        for path in (ROOT / "timeline").glob(f"{folder}/**/*.py" if "." not in folder else folder):
            hinted |= set(INGEST_HINTS.findall(path.read_text(encoding="utf-8")))
    assert {"tz", "dayfirst", "mapping", "years"} <= hinted  # the hints exist
    res = inproc("ingest", "--help")
    flags = set(re.findall(r"--[a-z-]+", res.stdout))
    for name in hinted | {"delimiter", "actors", "replace", "strict"}:
        assert f"--{name}" in flags, name
    assert {"--monthfirst", "--skip-bad"} <= flags


def inproc(*args: str) -> subprocess.CompletedProcess:
    """The entry point's `run()` in this process (a subprocess per call costs seconds)."""
    from timeline.cli.app import run as entry

    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["timeline", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = entry()
    finally:
        sys.argv = argv
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _ok(*args: str) -> str:
    res = inproc(*args)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_ingest_flags_reach_the_load(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    semi = tmp_path / "semi.csv"
    semi.write_text('When;Grup;Type;City\n03/04/2014;ABM;"Car; bomb";Cairo\n')
    mapping = tmp_path / "map.json"
    mapping.write_text('{"When": "date", "Grup": "actor_raw"}')
    out = _ok("ingest", str(semi), "--store", store, "--delimiter", ";", "--mapping",
              str(mapping), "--dayfirst", "--tz", "Africa/Cairo")  # fmt: skip
    assert "added 1" in out and "read with delimiter ';'" in out
    event = _ok("events", "--store", store, "--csv", str(tmp_path / "e.csv"))
    assert "wrote 1 events" in event
    row = (tmp_path / "e.csv").read_text(encoding="utf-8")
    assert "2014-04-02T22:00:00" in row.replace(" ", "T")  # 3 April in Cairo (UTC+2)
    assert "Ansar Bayt al-Maqdis" in row  # the mapping made Grup the actor
    # the same file read month-first, replacing the first load: 4 March now, one event
    out = _ok("ingest", str(semi), "--store", store, "--delimiter", "semicolon", "--mapping",
              '{"When": "date", "Grup": "actor_raw"}', "--monthfirst", "--tz", "Africa/Cairo",
              "--replace")  # fmt: skip
    assert "replaced load 1 of semi.csv (1 event(s))" in out
    _ok("events", "--store", store, "--csv", str(tmp_path / "e.csv"))
    assert "2014-03-03T22:00:00" in (tmp_path / "e.csv").read_text(encoding="utf-8").replace(
        " ", "T"
    )  # 4 March in Cairo
    log = _ok("loads", "--store", store)
    assert "replaced by load 2" in log and "2 load(s), 1 in the store" in log


def test_years_and_strict(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text("Date,Group,Type,Country\n1882-07-11,Royal Navy,Shelling,Egypt\n")
    res = inproc("ingest", str(old))
    assert res.returncode == 1 and "year 1882 outside 1900.." in res.stderr
    assert "added 1" in _ok("ingest", str(old), "--years", "1800-2030")
    bare = tmp_path / "bare.csv"
    bare.write_text("Date,Type\n2014-01-24,Car bomb\n")
    res = inproc("ingest", str(bare), "--strict")
    assert res.returncode == 1 and "bare.csv (strict): no row has an actor" in res.stderr
    res = inproc("ingest", str(old), "--years", "soon")
    assert res.returncode == 1 and "--years 'soon': give two years" in res.stderr
    res = inproc("ingest", str(old), "--mapping", "{nope")
    assert res.returncode == 1 and "--mapping is not valid JSON" in res.stderr


def test_loads_and_undo(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    _ok("ingest", str(CASE / "events.csv"), "--store", store)
    one = tmp_path / "one.csv"
    one.write_text("Date,Group,Type,Country\n2014-02-01,ABM,Car bomb,Egypt\n")
    assert "load 2" in _ok("ingest", str(one), "--store", store)
    assert "undid load 1: 11 event(s) removed" in _ok("undo", "1", "--store", store)
    assert _ok("events", "--store", store).strip().endswith("\n1 events")
    res = inproc("undo", "1", "--store", store)
    assert res.returncode == 1 and "error: load 1 (events.csv) was already undone" in res.stderr
    res = inproc("undo", "7", "--store", str(tmp_path / "none.duckdb"))
    assert res.returncode == 1 and "No store at" in res.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_a_csv_given_as_the_store_is_refused_and_left_alone(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Date,Type\n2014-01-24,IED\n")
    before = sheet.read_bytes()
    for args in (("ingest", str(CASE / "events.csv")), ("events",), ("loads",)):
        res = inproc(*args, "--store", str(sheet))
        assert res.returncode == 1, res.stdout
        assert "sheet.csv is not a DuckDB event store (it holds text, e.g. a CSV file)" in (
            res.stderr
        )
        assert "added" not in res.stdout
    assert sheet.read_bytes() == before


def test_output_carries_no_terminal_escapes(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Date,Group,Type,Country,Notes\n"
        "2014-01-24,\x1b]0;owned\x07ABM\x1b[2J,Car bomb,Egypt,x\x1b[1A\u202eevil\r\n"
        "2014-02-30,\x1b[31mred,Car bomb,Egypt,y\n",
        encoding="utf-8",
    )
    res = inproc("ingest", str(bad), "--store", store, "--skip-bad")
    assert res.returncode == 0, res.stderr
    listing = _ok("events", "--store", store)
    for text in (res.stdout, res.stderr, listing):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "ABM" in listing
    strict = inproc("ingest", str(bad), "--store", str(tmp_path / "t.duckdb"))
    assert strict.returncode == 1 and "\x1b" not in strict.stderr


def test_actors_file_names_the_groups(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    names = tmp_path / "names.csv"
    names.write_text("canonical,alias\nZed Brigade,Zed Cell\n", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("Date,Group,Type,Country\n2014-01-24,Zed Cell,Car bomb,Egypt\n")
    _ok("ingest", str(rows), "--store", store, "--actors", str(names))
    assert "Zed Brigade" in _ok("events", "--store", store)


def test_a_rerun_with_another_zone_and_no_replace_prints_a_warning(tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Date,Group,Type,City\n2014-01-23 10:00,ABM,Car bomb,Cairo\n")
    _ok("ingest", str(sheet), "--store", store, "--tz", "Africa/Cairo")
    out = _ok("ingest", str(sheet), "--store", store, "--tz", "Europe/Paris")
    assert "1 WARNING(S)" in out
    assert "WARNING: sheet.csv was loaded before (load 1, still in the store)" in out
    assert "timeline undo 2" in out and "--replace" in out


def test_kind_flag_loads_a_file_of_one_kind(tmp_path: Path) -> None:
    path = tmp_path / "said.csv"
    path.write_text("Date,Speaker\n2014-01-24,ISIL\n", encoding="utf-8")
    out = _ok("ingest", str(path), "--store", str(tmp_path / "s.duckdb"), "--kind", "statement",
              "--tz", "UTC", "--mapping", '{"Speaker": "actor_raw"}')  # fmt: skip
    assert "added 1" in out


def test_a_bug_is_one_line_and_a_file_with_the_traceback(tmp_path: Path, monkeypatch) -> None:
    from timeline.store import EventStore

    def broken(*_args, **_kwargs):
        raise RuntimeError("an unexpected state")

    monkeypatch.setattr(EventStore, "ingest", broken)
    path = tmp_path / "said.csv"
    path.write_text("Date,Type\n2014-01-24,Threat\n", encoding="utf-8")
    res = inproc("ingest", str(path), "--store", str(tmp_path / "s.duckdb"))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("error: internal error (RuntimeError: an unexpected state)")
    report = Path(re.search(r"(\S+timeline-error-\S+\.txt)", line).group(1))
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "an unexpected state" in text and "ingest" in text
    report.unlink()
