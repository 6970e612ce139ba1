"""Dashboard tests: AppTest drives app.py; the browser tests drive a real server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # so `timeline_app` imports like it does under streamlit


class Serving:
    """Starting and stopping a real Streamlit server (browser and CLI tests)."""

    @staticmethod
    def free_port() -> int:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    @staticmethod
    def port_is_free(port: int) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) != 0

    @staticmethod
    def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"streamlit did not answer at {url} within {timeout}s")

    @staticmethod
    def stop(proc: subprocess.Popen) -> None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    @classmethod
    @contextlib.contextmanager
    def app(cls, log_name: str) -> Iterator[str]:
        """`streamlit run app.py` on a free local port, its output in artifacts/`log_name`;
        yields the URL once healthy, stops the server after."""
        port = cls.free_port()
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false"]  # fmt: skip
        (ROOT / "artifacts").mkdir(exist_ok=True)
        with (ROOT / "artifacts" / log_name).open("w") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                    stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
            url = f"http://127.0.0.1:{port}"
            try:
                cls.wait_healthy(url, proc)
                yield url
            finally:
                cls.stop(proc)


@pytest.fixture(scope="session")
def serving() -> type[Serving]:
    return Serving


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session", autouse=True)
def dashboard_folders(tmp_path_factory) -> None:
    """The dashboard's store and data folder in the tests' temp folder, never in ~ (a
    server a test starts inherits them); each test gets its own store below."""
    import os

    base = tmp_path_factory.getbasetemp()
    os.environ["TIMELINE_APP_DATA"] = str(base)
    os.environ["TIMELINE_APP_STORE"] = str(base / "dashboard-session.duckdb")


@pytest.fixture(autouse=True)
def dashboard_store(tmp_path, monkeypatch) -> Path:
    """A fresh dashboard store for each AppTest test."""
    path = tmp_path / "dashboard.duckdb"
    monkeypatch.setenv("TIMELINE_APP_STORE", str(path))
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (the browser test screenshots failures)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
