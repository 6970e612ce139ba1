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
