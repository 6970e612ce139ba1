"""`timeline chart` and `timeline brief` take the dashboard's filters (real entry point)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def test_chart_with_filters_is_an_a4_page_with_the_source_line(tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    res = run("chart", "timeline", "--out", str(out), "--preset", "a4-landscape",
              "--kind", "warning", "--kind", "attack", "--start", "2014-01-20",
              "--source-note", "Source: Mada Masr; LWJ (cited)")  # fmt: skip
    assert res.returncode == 0, res.stderr
    (page,) = PdfReader(out).pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    text = page.extract_text()
    assert "Source: Mada Masr; LWJ (cited)" in text
    assert "kinds: warning, attack" in text  # the filters are named under the title
    assert "claim" not in text.split("kind")[-1]  # no claim drawn, none in the legend


def test_brief_with_an_actor_filter_and_letter_paper(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    res = run("brief", "--out", str(out), "--actor", "Ansar Bayt al-Maqdis", "--preset",
              "letter", "--clock", "utc")  # fmt: skip
    assert res.returncode == 0, res.stderr
    reader = PdfReader(out)
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (612, 792)
        for p in reader.pages
    )
    text = reader.pages[0].extract_text()
    assert "actors: Ansar Bayt al-Maqdis" in text and "time (UTC)" in text
    assert "Egyptian security forces" not in text


def test_bad_filter_values_are_one_line_errors(tmp_path: Path) -> None:
    res = run("brief", "--out", str(tmp_path / "b.pdf"), "--start", "24/01/2014")
    assert res.returncode == 1
    assert res.stderr.startswith("error: start='24/01/2014' is not a day")
    res = run("chart", "timeline", "--out", str(tmp_path / "c.png"), "--clock", "Mars/Olympus")
    assert res.returncode == 1 and "Unknown time zone 'Mars/Olympus'" in res.stderr
    assert "Traceback" not in res.stderr
