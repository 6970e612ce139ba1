"""The real entry point in subprocesses: output, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import os
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
    assert "100% [21%, 100%]" in reader.pages[0].extract_text()
