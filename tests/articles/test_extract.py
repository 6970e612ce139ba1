"""extract_events / merge_reports / EventStore.ingest_article on small texts (no seed files)."""

from __future__ import annotations

import pandas as pd
import pytest

import timeline as tl
from timeline.api import extract_events, merge_reports
from timeline.articles.review import ArticleIngest
from timeline.errors import TimelineError

CAIRO = "Africa/Cairo"
TEXT = (
    "In an audio recording released by Ansar Beit al-Maqdes Thursday, a spokesperson "
    "called on soldiers to defect.\n\n"
    "“We will target you as we target your leaders,” said the recording.\n\n"
    "A few hours later, a car bomb exploded early Friday morning outside the Cairo "
    "Security Directorate, killing four.\n\n"
    "Contrary to media reports, the recording was not a claim of responsibility.\n"
)


def extract(text=TEXT, source="Outlet A"):
    return extract_events(text, "2014-01-24", tz=CAIRO, source=source, url=f"u:{source}")


def test_chain_quote_and_negated_claim():
    df = extract()
    assert list(df["kind"]) == ["warning", "attack"]  # no quote event, no claim
    bomb = df.iloc[1]
    start, end = (t.tz_convert(CAIRO).strftime("%d %H:%M") for t in (bomb.t_start, bomb.t_end))
    assert (start, end) == ("24 04:00", "24 06:00")
    assert bomb["killed"] == 4 and bomb["subtype"] == "car_bomb"
    assert "offset-after:hour" in bomb["time_rule"]


def test_empty_text_is_an_error():
    with pytest.raises(TimelineError, match=r"needs the article text"):
        extract_events("  ", "2014-01-24", tz=CAIRO)


def test_merge_keeps_both_sources_and_reports():
    both = pd.concat([extract(), extract(source="Outlet B")], ignore_index=True)
    merged, report = merge_reports(both, return_report=True)
    assert len(merged) == 2 and set(merged["n_sources"]) == {2}
    assert set(merged.iloc[0]["source"].split("; ")) == {"Outlet A", "Outlet B"}
    assert len(report) == 2 and set(report["time"]) == {"intersection"}


def test_merge_of_one_source_changes_nothing():
    df = extract()
    assert list(merge_reports(df)["event_id"]) == list(df["event_id"])


def test_conflicting_times_at_the_same_place_are_a_flagged_union():
    a = extract()
    b = extract(source="Outlet B")
    b.loc[1, ["t_start", "t_end"]] = [a.loc[1, "t_end"] + pd.Timedelta(hours=2)] * 2
    merged = merge_reports(pd.concat([a, b], ignore_index=True))
    bomb = merged[merged["kind"] == "attack"].iloc[0]
    assert bool(bomb["time_conflict"]) and bomb["t_end"] == b.loc[1, "t_end"]


def test_ingest_article_returns_candidates_then_stores_accepted():
    store = tl.EventStore()
    cands = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A")
    assert isinstance(cands, pd.DataFrame) and len(store) == 0
    done = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A",
                          review=lambda c: c[c["kind"] == "attack"])  # fmt: skip
    assert isinstance(done, ArticleIngest) and done.report.format == "article"
    stored = store.events()
    assert stored["source"].tolist() == ["Outlet A"] * len(stored)
    assert stored["event_id"].tolist() == list(cands[cands["kind"] == "attack"]["event_id"])
    again = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A", review=True)
    assert again.report.duplicates == len(stored)
    assert len(store) == len(cands)


def test_review_must_return_rows():
    with pytest.raises(TimelineError, match=r"review returned int; hint"):
        tl.EventStore().ingest_article(TEXT, "2014-01-24", tz=CAIRO, review=lambda c: 3)


def test_article_rows_are_validated_once_and_logged_as_a_load(monkeypatch):
    from timeline import schema

    calls = []
    check = schema.check
    monkeypatch.setattr(
        schema, "check", lambda df, **kw: (calls.append(df.height), check(df, **kw))[1]
    )
    store = tl.EventStore()
    done = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A", review=True)
    assert len(calls) == 1 and calls[0] == len(done.accepted) > 0
    loads = store.loads()
    assert loads["format"].tolist() == ["article"] and loads["added"].tolist() == [len(store)]


def test_edited_rows_are_stored_without_extracting_again(monkeypatch):
    import timeline.articles.extract as ex

    store = tl.EventStore()
    kept = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A").iloc[[0]]
    kept = kept.assign(kind="statement")
    monkeypatch.setattr(ex, "extract", lambda *a, **k: pytest.fail("extracted again"))
    done = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A", review=kept)
    assert done.report.added == 1 and store.events()["kind"].tolist() == ["statement"]


def test_edited_row_with_a_bad_kind_is_refused_with_its_line():
    store = tl.EventStore()
    kept = store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, source="Outlet A").iloc[[0]]
    with pytest.raises(tl.TimelineError, match="not one of"):
        store.ingest_article(TEXT, "2014-01-24", tz=CAIRO, review=kept.assign(kind="bombing"))
    assert len(store) == 0 and store.loads().empty


def test_a_day_relative_phrase_dates_the_event_from_the_one_before():
    text = (
        "Militants telephoned a warning to the police on Thursday.\n\n"
        "A car bomb exploded that evening outside the courthouse.\n"
    )
    df = extract_events(text, "2014-01-24", tz=CAIRO, source="Outlet C")
    bomb = df[df["kind"] == "attack"].iloc[0]
    # Thursday 23 January, evening = 17:00 to 24:00 Cairo (UTC+2)
    assert bomb["t_start"] == pd.Timestamp("2014-01-23 15:00", tz="UTC")
    assert bomb["t_end"] == pd.Timestamp("2014-01-23 22:00", tz="UTC")


def test_articles_package_never_imports_the_store():
    import ast
    from pathlib import Path

    folder = Path(tl.__file__).parent / "articles"
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in names if m.startswith("timeline.store")], path.name
        params = [n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)]
        assert "store" not in params, path.name  # no store handed in to call back
