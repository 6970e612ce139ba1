"""`timeline articles PATH` through the real entry point: the per-article report, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORY = (
    "PUBLISHED: 2020-05-06\nTZ: Europe/Belfast\nSOURCE: Test Wire\n\n"
    "A car bomb exploded outside a courthouse at 1.40pm yesterday.\n\n"
    "Twenty minutes before the explosion a caller phoned a warning to a radio station.\n"
)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "timeline.cli", *args], capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


def test_articles_reports_each_file_and_stores_with_yes(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(STORY, encoding="utf-8")
    (folder / "two.txt").write_text("just a line with no header\n", encoding="utf-8")
    dry = run("articles", str(folder))
    assert dry.returncode == 0, dry.stderr
    assert "one.txt" in dry.stdout and "no header" in dry.stdout
    assert "2 article(s), 2 candidate event(s) (nothing stored" in dry.stdout
    db = tmp_path / "s.duckdb"
    res = run("articles", str(folder), "--store", str(db), "--yes")
    assert res.returncode == 0, res.stderr
    assert "2 stored, 1 not read" in res.stdout


def test_articles_on_a_missing_path_is_one_line_error(tmp_path):
    res = run("articles", str(tmp_path / "nope.txt"))
    assert res.returncode == 1
    assert "Traceback" not in res.stderr and "not a folder of articles" in res.stderr


def test_article_needs_the_place_zone_and_reads_the_outlet_clock(tmp_path):
    body = tmp_path / "story.txt"
    body.write_text(STORY.split("\n\n", 1)[1], encoding="utf-8")
    bare = run("article", str(body), "--published", "2020-05-06", "--yes")
    assert bare.returncode == 1 and "Traceback" not in bare.stderr
    assert "no zone for the place" in bare.stderr and "--tz" in bare.stderr
    db = tmp_path / "s.duckdb"
    res = run("article", str(body), "--published", "2020-05-06", "--tz", "Europe/London",
              "--published-tz", "Pacific/Auckland", "--yes", "--store", str(db))  # fmt: skip
    assert res.returncode == 0, res.stderr
    # Auckland's 6 May (its noon, UTC+12, is 01:00 BST in London) is London's 6 May
    assert "outlet's clock (Pacific/Auckland): 'today' is 2020-05-06" in res.stdout
    assert "added 2" in res.stdout
