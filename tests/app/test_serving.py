"""`timeline app` as a user starts it: from any folder, stopped by SIGTERM, and (on
request, being slow) from a real non-editable install of the package."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ("--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false")  # fmt: skip


def _start(cmd: list[str], cwd: Path, env: dict, serving) -> tuple[subprocess.Popen, int]:
    port = serving.free_port()
    proc = subprocess.Popen([*cmd, "--port", str(port), *FLAGS], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        serving.wait_healthy(f"http://127.0.0.1:{port}", proc)
    except BaseException:
        serving.stop(proc)
        raise
    return proc, port


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is a POSIX signal")
def test_sigterm_stops_the_app_and_frees_the_port(serving, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "timeline.cli", "app"]
    proc, port = _start(cmd, tmp_path, env, serving)  # another folder than the repo
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while not serving.port_is_free(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert serving.port_is_free(port), f"port {port} still held after SIGTERM"
    finally:
        if proc.poll() is None:
            serving.stop(proc)


INSTALL = os.environ.get("TIMELINE_INSTALL_TEST") == "1"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.install
@pytest.mark.skipif(not INSTALL, reason="slow (builds a venv): TIMELINE_INSTALL_TEST=1 to run")
def test_a_non_editable_install_serves_every_page_with_its_theme(serving, tmp_path):
    venv, elsewhere = tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(ROOT)], check=True, timeout=900)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import timeline_app; print("
                            "timeline_app.__file__)"], cwd=elsewhere, env=env, text=True,
                           capture_output=True, check=True).stdout  # fmt: skip
    assert str(venv) in where, f"timeline_app imported from {where}, not the install"
    proc, port = _start([str(venv / "bin" / "timeline"), "app"], elsewhere, env, serving)
    try:
        _every_page_renders(f"http://127.0.0.1:{port}")
    finally:
        serving.stop(proc)


def _every_page_renders(url: str) -> None:
    """Each page shows its title and no error box; the sidebar has the theme's colour."""
    from timeline_app.nav import PAGES

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        for spec in PAGES:
            page.goto(f"{url}/{spec.url_path}", wait_until="domcontentloaded")
            heading = page.get_by_role("heading", name=spec.title, exact=True, level=1)
            heading.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            assert "This app has encountered an error" not in page.inner_text("body")
            assert page.locator('[data-testid="stException"]').count() == 0, spec.title
        sidebar = page.locator('[data-testid="stSidebar"]')
        colour = sidebar.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(243, 245, 247)", "the theme's secondaryBackgroundColor #f3f5f7"
        browser.close()
