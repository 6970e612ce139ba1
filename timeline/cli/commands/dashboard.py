"""`timeline app`: start the Streamlit dashboard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from timeline.cli.app import app, fail


def app_path() -> Path | None:
    """app.py at the repository root (a checkout), or the copy a wheel ships."""
    here = Path(__file__).resolve().parents[3]
    shipped = Path(__file__).resolve().parents[2] / "_app" / "app.py"
    for candidate in (here / "app.py", shipped, Path.cwd() / "app.py"):
        if candidate.is_file():
            return candidate
    return None


@app.command("app")
def run_app() -> None:
    """Start the dashboard (streamlit run app.py); Ctrl+C stops it."""
    path = app_path()
    if path is None:
        fail("app.py not found next to the package or in the current folder")
    code = subprocess.call([sys.executable, "-m", "streamlit", "run", str(path)])
    if code:
        fail(f"streamlit exited with code {code}")
