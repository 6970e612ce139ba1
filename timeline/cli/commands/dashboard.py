"""`timeline app`: start the Streamlit dashboard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import app, fail

_PACKAGE = Path(__file__).resolve().parents[2]  # timeline/


def app_path() -> Path | None:
    """The router a wheel ships (timeline/_app/app.py), or app.py of a checkout.

    Both have the theme beside them (`.streamlit/config.toml`), which Streamlit reads
    next to the script, so the app looks the same from any working folder.
    """
    for candidate in (_PACKAGE / "_app" / "app.py", _PACKAGE.parent / "app.py"):
        if candidate.is_file():
            return candidate
    return None


@app.command("app", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def run_app(
    ctx: typer.Context,
    port: Annotated[int | None, typer.Option(help="Port to serve on (default 8501).")] = None,
) -> None:
    """Start the dashboard (streamlit run app.py); Ctrl+C or SIGTERM stops it.

    Extra options go to Streamlit, e.g. `timeline app --server.address 0.0.0.0`.
    """
    path = app_path()
    if path is None:
        fail("app.py is missing from the installed package; reinstall warnlag-timeline")
    args = [sys.executable, "-m", "streamlit", "run", str(path), *ctx.args]
    if port is not None:
        args += ["--server.port", str(port)]
    if os.name == "posix":  # Streamlit becomes this process: signals reach it directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, args)
    code = subprocess.call(args)
    if code:
        fail(f"streamlit exited with code {code}")
