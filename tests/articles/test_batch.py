"""Articles at scale: folder / JSON Lines reading, ingest_articles, the linear merge."""

from __future__ import annotations

import json
from itertools import combinations

import numpy as np
import pandas as pd

import timeline as tl
from timeline.articles import merge as mg
from timeline.articles.batch import read_articles

STORY = (
    "A car bomb exploded outside a bank in the harbour district at 2.15pm yesterday.\n\n"
    "A caller had telephoned a warning to a radio station twenty minutes before the blast.\n"
)


def _folder(tmp_path):
    (tmp_path / "a.txt").write_text(
        "PUBLISHED: 2021-03-04\nTZ: Europe/Dublin\nTITLE: Bank bombed\n\n" + STORY,
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("no header at all, just text.\n", encoding="utf-8")
    (tmp_path / "c.json").write_text(
        json.dumps({"text": STORY, "published": "2021-03-04", "tz": "Europe/Dublin",
                    "source": "Radio X"}), encoding="utf-8",
    )  # fmt: skip
    return tmp_path


def test_read_a_folder_reports_bad_files_and_reads_the_rest(tmp_path):
    recs = list(read_articles(_folder(tmp_path)))
    assert [r.name for r in recs] == ["a.txt", "b.txt", "c.json"]
    assert recs[0].text.startswith("Bank bombed\n\n") and recs[0].tz == "Europe/Dublin"
    assert recs[1].error and not recs[1].text
    assert recs[2].source == "Radio X" and recs[2].error is None


def test_read_jsonl_names_the_bad_line(tmp_path):
    f = tmp_path / "news.jsonl"
    good = json.dumps({"text": STORY, "published": "2021-03-04"})
    f.write_text(f"{good}\n{{not json\n\n{json.dumps({'text': STORY})}\n", encoding="utf-8")
    recs = list(read_articles(f))
    assert [(r.name, r.error is None) for r in recs] == [
        ("news.jsonl:1", True), ("news.jsonl:2", False), ("news.jsonl:4", False),
    ]  # fmt: skip
    assert "published" in recs[2].error


def test_ingest_articles_stores_each_and_reports_per_article(tmp_path):
    store = tl.EventStore(tmp_path / "s.duckdb")
    calls = []
    (tmp_path / "in").mkdir()
    report = store.ingest_articles(
        _folder(tmp_path / "in"),
        progress=lambda done, total, name: calls.append((done, total, name)),
    )
    assert list(report["article"]) == ["a.txt", "b.txt", "c.json"]
    assert report.loc[1, "error"] and report.loc[1, "stored"] == 0
    assert list(report["candidates"]) == [2, 0, 2]
    assert [c[0] for c in calls] == [1, 2, 3] and {c[1] for c in calls} == {3}
    stored = store.events()
    # the same two events from two outlets: merged, not doubled
    assert sorted(stored["kind"].astype(str)) == ["attack", "warning"]


def _brute(df: pd.DataFrame) -> list[frozenset]:
    """The pairwise merge groups, computed the slow way (every pair)."""
    rows = df.to_dict("records")
    parent = list(range(len(rows)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(rows)), 2):
        if mg._same_event(rows[i], rows[j]):
            parent[find(j)] = find(i)
    groups: dict[int, set] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), set()).add(rows[i]["event_id"])
    return sorted(map(frozenset, groups.values()), key=sorted)


def test_sweep_merge_groups_equal_the_every_pair_groups():
    rng = np.random.default_rng(7)
    n = 300
    start = pd.Timestamp("2020-01-01", tz="UTC") + pd.to_timedelta(
        rng.integers(0, 60 * 24, n), unit="h"
    )
    width = pd.to_timedelta(rng.choice([0, 1, 6, 24, 72], n), unit="h")
    df = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n)], "kind": rng.choice(["attack", "claim"], n),
        "subtype": rng.choice(["other", "car_bomb", "shooting"], n), "channel": None,
        "actor": rng.choice(["A", "B", None], n), "t_start": start, "t_end": start + width,
        "precision": "hour", "location": rng.choice(["Old Town", "Harbour", None], n),
        "target": None, "source": rng.choice(["s1", "s2", "s3"], n), "confidence": 0.7,
        "attrs": None, "excerpt": "x", "time_text": None, "source_ref": None, "url": None,
        "killed": None, "wounded": None, "killed_high": None,
    })  # fmt: skip
    merged = tl.merge_reports(df)
    fast = sorted((frozenset(m.split("; ")) for m in merged["merged_from"]), key=sorted)
    assert fast == _brute(df)
    assert len(fast) < n  # some reports did merge: the test is not vacuous
