"""Dashboard flows through AppTest: the window, a bad upload, article review."""

from __future__ import annotations

import importlib.util

import pytest
from streamlit.testing.v1 import AppTest

import timeline as tl
from timeline_app.nav import PAGES
from timeline_app.state import loading

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SUMMARY = "hit rate [95% CI]"  # the first one is the sidebar question's
PAGE = {p.url_path: p.path for p in PAGES}
BAD_CSV = (
    "kind,start,actor,source,tz\n"
    "warning,2014-01-23,ABM,test,Africa/Cairo\n"
    "attak,2014-01-24,ABM,test,Africa/Cairo\n"
    "attack,not a date,ABM,test,Africa/Cairo\n"
    "attack,2014-01-25,ABM,test,Africa/Cairo\n"
)


def _open(root, page: str) -> AppTest:
    at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    at.run()
    if page != "timeline":
        at.switch_page(PAGE[page]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _frame(at: AppTest, column: str):
    """The first table on the page with this column (AppTest does not keep table keys)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, f"no table with a {column!r} column"
    return found[0]


def test_changing_the_window_changes_the_lag_table(root):
    at = _open(root, "lags")
    week = _frame(at, SUMMARY)
    assert week["followed"].iloc[0] == 1
    at.text_input(key="q_within").input("1h").run()
    assert not at.exception
    hour = _frame(at, SUMMARY)
    assert hour["followed"].iloc[0] == 0
    assert not week.equals(hour)
    assert any("window may be too small" in w.value for w in at.warning)


def test_a_bad_window_is_a_message_not_a_traceback(root):
    at = _open(root, "lags")
    at.text_input(key="q_within").input("soon").run()
    assert not at.exception
    assert any("not a duration" in e.value for e in at.error)


def test_ingest_bytes_reports_rejected_lines():
    store = tl.EventStore()
    report = loading.ingest_bytes(store, "../odd name.csv", BAD_CSV.encode())
    assert report.format == "table"
    assert (report.added, report.n_rejected) == (2, 2)
    assert report.rejected["line"].tolist() == [3, 4]
    assert len(store) == 2


def test_ingest_bytes_of_an_empty_file_is_an_error():
    with pytest.raises(tl.TimelineError, match="is empty"):
        loading.ingest_bytes(tl.EventStore(), "x.csv", b"")


def test_loading_a_bad_file_shows_the_rejected_lines(root, tmp_path, dashboard_store):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    at = _open(root, "data")
    at.text_input(key="load_path").input(str(bad)).run()
    at.button(key="load_path_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rejected = _frame(at, "reason")
    assert rejected["line"].tolist() == [3, 4]
    assert rejected["reason"].str.contains("kind").iloc[0]
    assert at.sidebar.radio(key="data_source").value == "Dashboard store"
    assert len(tl.EventStore(dashboard_store, read_only=True)) == 2


def test_an_unreadable_file_is_a_message(root, tmp_path):
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    at = _open(root, "data")
    at.text_input(key="load_path").input(str(junk)).run()
    at.button(key="load_path_button").click().run()
    assert not at.exception
    assert any("cannot read" in e.value for e in at.error)


@pytest.mark.skipif(
    importlib.util.find_spec("timeline.articles.extract") is None,
    reason="article extraction (timeline.articles.extract) has not landed",
)
def test_article_review_accepts_a_candidate_into_the_store(root, dashboard_store):
    article = tl.datasets.articles().iloc[0]
    at = _open(root, "data")
    at.text_area(key="article_text").input(article["text"]).run()
    at.button(key="extract").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "tl_candidates" in at.session_state
    at.button(key="accept_candidates").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert len(tl.EventStore(dashboard_store, read_only=True)) > 0


def test_no_matching_events_is_a_message(root):
    at = _open(root, "timeline")
    at.sidebar.multiselect(key="f_actors").set_value(["Egyptian security forces"]).run()
    at.sidebar.multiselect(key="f_kinds").set_value(["warning"]).run()
    assert not at.exception
    assert any("No events match" in w.value for w in at.warning)


def test_local_time_and_kind_lanes_render(root):
    at = _open(root, "timeline")
    at.sidebar.radio(key="clock").set_value("Local time (the events' zone)").run()
    assert not at.exception, [e.value for e in at.exception]
    table = _frame(at, "event_id")
    assert str(table["t_start"].dt.tz) == "Africa/Cairo"


def test_every_page_runs_on_an_uploaded_store(root, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    at = _open(root, "data")
    at.text_input(key="load_path").input(str(bad)).run()
    at.button(key="load_path_button").click().run()
    for page in PAGES:
        at.switch_page(page.path).run()
        assert not at.exception, (page.title, [e.value for e in at.exception])


def test_every_page_runs_on_an_empty_dashboard_store(root):
    at = _open(root, "timeline")
    at.sidebar.radio(key="data_source").set_value("Dashboard store").run()
    for page in PAGES:
        at.switch_page(page.path).run()
        assert not at.exception, (page.title, [e.value for e in at.exception])


def test_a_file_that_is_not_a_store_is_a_message(root, tmp_path):
    junk = tmp_path / "not-a-store.duckdb"
    junk.write_bytes(b"this is not a duckdb file" * 100)
    at = _open(root, "timeline")
    at.sidebar.radio(key="data_source").set_value("Store file").run()
    at.sidebar.text_input(key="store_path").input(str(junk)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("store" in e.value for e in at.sidebar.error)
    assert at.title[0].value == "Timeline"  # and the bundled case is still shown


def test_trigger_equal_to_response_is_a_message(root):
    at = _open(root, "lags")
    at.sidebar.selectbox(key="q_trigger").set_value("attack").run()
    assert not at.exception
    assert any("match both" in e.value for e in at.error)
