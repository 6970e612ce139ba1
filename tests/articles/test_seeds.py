"""Done-when: both Cairo seed articles extracted and merged give the Cairo sequence."""

from __future__ import annotations

import csv
import importlib.util
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from timeline import schema
from timeline.api import extract_events, merge_reports

ROOT = Path(__file__).resolve().parents[2]
CAIRO = "Africa/Cairo"


def _seed_dir() -> Path:
    for d in (ROOT / "datasets" / "cairo-2014-01" / "articles", ROOT / ".." / "shared" / "seeds"):
        if (d / "index.csv").exists():
            return d
    pytest.skip("seed articles not found (datasets/cairo-2014-01/articles or ../shared/seeds)")


@pytest.fixture(scope="module")
def reports() -> pd.DataFrame:
    d = _seed_dir()
    with (d / "index.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    frames = [
        extract_events(
            (d / r["file"]).read_text(encoding="utf-8"), r["published"], tz=r["place_tz"],
            source=r["outlet"], url=f"seed:{r['file']}",
        )
        for r in rows
    ]  # fmt: skip
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def merged(reports) -> pd.DataFrame:
    return merge_reports(reports)


def local(ts) -> str:
    return ts.tz_convert(CAIRO).strftime("%Y-%m-%d %H:%M")


def one(df: pd.DataFrame, **where) -> pd.Series:
    rows = df
    for k, v in where.items():
        rows = rows[rows[k] == v]
    assert len(rows) == 1, f"expected one row for {where}, got {len(rows)}"
    return rows.iloc[0]


def test_canonical_part_is_valid_and_candidates_are_not_curated(reports):
    import polars as pl

    canon = pl.from_pandas(reports[list(schema.NAMES)])
    valid, failures = schema.check(canon)
    assert failures.height == 0, failures
    assert valid.height == len(reports)
    assert (reports["confidence"] < 1).all()


def test_evidence_spans_point_into_the_article(reports):
    d = _seed_dir()
    text = (d / "001_a9a2a0d94ca89594.txt").read_text(encoding="utf-8")
    mada = reports[reports["source"] == "Mada Masr"]
    for r in mada.itertuples():
        assert text[r.char_start : r.char_end] == r.excerpt
        assert text[r.trigger_start : r.trigger_end] == r.trigger


def test_warning_released_thursday_is_one_event_with_two_sources(merged):
    w = one(merged, kind="warning", channel="audio")
    assert w["n_sources"] == 2
    assert set(w["source"].split("; ")) == {"The Long War Journal", "Mada Masr"}
    assert local(w["t_start"]) >= "2014-01-23 00:00"
    assert local(w["t_end"]) <= "2014-01-24 00:00"  # Thursday, Cairo
    assert w["actor"] == "Ansar Bayt al-Maqdis"


def test_car_bomb_early_friday_is_one_event_with_two_sources_and_both_figures(merged):
    bomb = one(merged, kind="attack", subtype="car_bomb")
    assert bomb["n_sources"] == 2
    assert "Security Directorate" in bomb["location"]
    assert local(bomb["t_start"]) == "2014-01-24 04:00"  # early morning starts 04:00
    assert local(bomb["t_end"]) == "2014-01-24 06:00"  # warning day end + a few (<= 6) hours
    assert (bomb["killed_low"], bomb["killed_high"]) == (4, 6)  # 4 (Mada), part of 6 (LWJ)
    assert '"killed": 6' in bomb["attrs"]  # the series figure is kept per source


def test_three_further_attacks_today_and_the_claim_this_evening(merged):
    lwj_today = merged[
        (merged["kind"] == "attack")
        & (merged["subtype"] != "car_bomb")
        & (merged["t_start"].map(local) == "2014-01-24 00:00")
        & (merged["t_end"].map(local) == "2014-01-25 00:00")
    ]
    assert len(lwj_today) == 3
    assert "grenade" in set(lwj_today["subtype"])
    claim = one(merged, kind="claim", source="The Long War Journal")
    assert (local(claim["t_start"]), local(claim["t_end"])) == (
        "2014-01-24 17:00", "2014-01-25 00:00",
    )  # fmt: skip
    assert claim["channel"] == "forum"


def test_september_attempt_mansoura_statement_and_arrest(merged):
    attempt = one(merged, kind="attack", subtype="assassination")
    assert (local(attempt["t_start"]), local(attempt["t_end"])) == (
        "2013-09-01 00:00", "2013-09-11 00:00",
    )  # fmt: skip
    assert "Interior Minister" in attempt["target"]
    mansoura = one(merged, kind="attack", location="Mansoura")
    statement = merged[
        merged["excerpt"].str.contains(r"prior to\s+Mansoura") & (merged["kind"] != "attack")
    ]
    assert len(statement) == 1 and statement.iloc[0]["kind"] in ("statement", "warning")
    for ev in (mansoura, statement.iloc[0]):  # vague: some time before the article
        assert local(ev["t_end"]) == "2014-01-25 00:00"
        assert ev["t_end"] - ev["t_start"] > timedelta(days=300)
    arrest = one(merged, kind="arrest")
    assert arrest["t_start"] == attempt["t_start"]  # after the attack it is connected with


def test_no_claim_from_the_denial_or_the_disclaimers(reports):
    claims = reports[reports["kind"] == "claim"]
    assert not claims["excerpt"].str.contains("not a claim of responsibility").any()
    assert not claims["excerpt"].str.contains("disclaimers").any()
    assert len(claims[claims["source"] == "The Long War Journal"]) == 1


def test_quoted_speech_is_not_an_event(reports):
    assert not reports["excerpt"].str.startswith("“").any() or set(
        reports[reports["excerpt"].str.startswith("“")]["excerpt"].str.contains("Barnett wrote")
    ) == {True}  # only the analyst's quote (reported facts) may yield events
    assert not reports["excerpt"].str.contains("We will target you").any()


def test_lag_from_the_warning_to_the_car_bomb_contains_a_few_hours(merged):
    w = one(merged, kind="warning", channel="audio")
    bomb = one(merged, kind="attack", subtype="car_bomb")
    lag_min, lag_max = bomb["t_start"] - w["t_end"], bomb["t_end"] - w["t_start"]
    assert lag_min <= timedelta(hours=6) and lag_max >= timedelta(hours=1)
    if importlib.util.find_spec("timeline.analysis.pairing") is None:
        pytest.skip("tl.lags not available yet")
    import timeline as tl

    pairs = tl.lags(merged, trigger="warning", response="attack", within="7d")
    row = one(pairs, trigger_id=w["event_id"])
    assert row["response_id"] == bomb["event_id"]
    assert row["lag_min"] <= timedelta(hours=6) and row["lag_max"] >= timedelta(hours=1)


def test_extraction_is_deterministic_with_stable_ids(reports):
    d = _seed_dir()
    text = (d / "000_565c5663d0c7a603.txt").read_text(encoding="utf-8")
    again = extract_events(text, "2014-01-24", tz=CAIRO, source="The Long War Journal",
                           url="seed:000_565c5663d0c7a603.txt")  # fmt: skip
    first = reports[reports["source"] == "The Long War Journal"]
    assert list(again["event_id"]) == list(first["event_id"])
    assert again["event_id"].is_unique


def test_ingesting_both_articles_into_a_store_merges_the_same_events():
    import timeline as tl

    d = _seed_dir()
    with (d / "index.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    store = tl.EventStore()
    results = [
        store.ingest_article(
            (d / r["file"]).read_text(encoding="utf-8"), r["published"], tz=r["place_tz"],
            source=r["outlet"], url=f"seed:{r['file']}", review=True,
        )
        for r in rows
    ]  # fmt: skip
    assert results[0].merges.empty and not results[1].merges.empty
    events = store.events()
    bombs = events[(events["kind"] == "attack") & (events["subtype"] == "car_bomb")
                   & (events["t_start"].dt.tz_convert(CAIRO).dt.day == 24)]  # fmt: skip
    assert len(bombs) == 1
    bomb = bombs.iloc[0]
    assert "Mada Masr" in bomb["source"] and "Long War Journal" in bomb["source"]
    assert bomb["killed_low"] == 4 and bomb["killed_high"] == 6
    warnings = events[events["kind"] == "warning"]
    assert warnings["source"].str.contains("; ").sum() >= 1
    n = len(store)
    for r in rows:  # either article again: nothing new, whatever merged into what
        again = store.ingest_article(
            (d / r["file"]).read_text(encoding="utf-8"), r["published"], tz=r["place_tz"],
            source=r["outlet"], url=f"seed:{r['file']}", review=True,
        )  # fmt: skip
        assert again.report.added == 0
    assert len(store) == n
    pairs = tl.lags(events, trigger="warning", response="attack", within="7d")
    assert (pairs["response_id"] == bomb["event_id"]).any()
