"""The dashboard keeps its work in a store file, shares it with the CLI, and reads files
by path only inside its data folder; `timeline app` listens on this machine only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import timeline as tl
from timeline.cli.commands.dashboard import streamlit_args
from timeline_app.nav import PAGES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PAGE = {p.url_path: p.path for p in PAGES}
ROOT = Path(__file__).resolve().parents[2]
CSV = "kind,start,actor,source,tz\nwarning,2014-01-23,ABM,test,Africa/Cairo\n"


def _data_page(root) -> AppTest:
    at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(PAGE["data"]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _load_by_path(at: AppTest, path) -> None:
    at.text_input(key="load_path").input(str(path)).run()
    at.button(key="load_path_button").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_reload_keeps_the_loads_and_sees_the_clis(root, tmp_path, dashboard_store):
    one = tmp_path / "one.csv"
    one.write_text(CSV, encoding="utf-8")
    _load_by_path(_data_page(root), one)
    again = _data_page(root)  # a browser reload: a new session
    again.sidebar.radio(key="data_source").set_value("Dashboard store").run()
    assert any("1 event(s) in the store" in c.value for c in again.sidebar.caption)
    with tl.EventStore(dashboard_store) as store:  # the CLI (or a notebook) adds a load
        store.ingest(tl.datasets.path("cairo-2014-01") / "events.csv")
        n = len(store)
    again.run()  # the next refresh shows it
    assert any(f"{n} event(s) in the store" in c.value for c in again.sidebar.caption)


def test_the_path_box_reads_only_inside_the_data_folder(root, tmp_path, monkeypatch):
    inside = tmp_path / "in.csv"
    inside.write_text(CSV, encoding="utf-8")
    monkeypatch.setenv("TIMELINE_APP_DATA", str(tmp_path))
    at = _data_page(root)
    _load_by_path(at, "../../etc/passwd")
    assert any("is outside the data folder" in e.value for e in at.error)
    _load_by_path(at, "/etc/hostname")
    assert any("/etc/hostname is outside the data folder" in e.value for e in at.error)
    _load_by_path(at, "in.csv")  # relative to the folder
    assert not at.error, [e.value for e in at.error]
    monkeypatch.delenv("TIMELINE_APP_DATA")
    off = _data_page(root)
    assert off.text_input(key="load_path").disabled


def test_a_store_file_outside_the_data_folder_is_refused(root, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "data").mkdir(parents=True)
    store = elsewhere / "s.duckdb"
    tl.EventStore(store).close()
    monkeypatch.setenv("TIMELINE_APP_DATA", str(elsewhere / "data"))
    at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
    at.run()
    at.sidebar.radio(key="data_source").set_value("Store file").run()
    at.sidebar.text_input(key="store_path").input(str(store)).run()
    assert not at.exception
    assert any("is outside the data folder" in e.value for e in at.sidebar.error)


def test_the_app_listens_on_localhost_unless_asked(monkeypatch):
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    assert streamlit_args([], 8600) == ["--server.address", "127.0.0.1", "--server.port", "8600"]
    asked = ["--server.address", "0.0.0.0"]
    assert streamlit_args(asked, None) == asked
    assert streamlit_args(["--server.address=::"], None) == ["--server.address=::"]
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert 'address = "127.0.0.1"' in config  # `streamlit run app.py` too


def test_timeline_app_refuses_a_csv_as_its_store(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(CSV, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(
        [sys.executable, "-m", "timeline.cli", "app", "--store", str(sheet)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert res.returncode == 1
    assert "sheet.csv is not a DuckDB event store" in res.stderr
    assert sheet.read_text(encoding="utf-8") == CSV
