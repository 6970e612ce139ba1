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


STORE_ENV, DATA_ENV = "TIMELINE_APP_STORE", "TIMELINE_APP_DATA"  # read by timeline_app


def streamlit_args(extra: list[str], port: int | None) -> list[str]:
    """Streamlit's options: localhost only unless the user names another address."""
    args = list(extra)
    asked = "STREAMLIT_SERVER_ADDRESS" in os.environ or any(
        a == "--server.address" or a.startswith("--server.address=") for a in args
    )
    if not asked:
        args += ["--server.address", "127.0.0.1"]
    if port is not None:
        args += ["--server.port", str(port)]
    return args


@app.command("app", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def run_app(
    ctx: typer.Context,
    port: Annotated[int | None, typer.Option(help="Port to serve on (default 8501).")] = None,
    store: Annotated[
        Path | None,
        typer.Option(help="The dashboard's store file (default ~/.local/share/timeline/)."),
    ] = None,
    data_folder: Annotated[
        Path | None,
        typer.Option(help="Folder the Data page may read files from by path (default: none)."),
    ] = None,
) -> None:
    """Start the dashboard (streamlit run app.py); Ctrl+C or SIGTERM stops it.

    It listens on 127.0.0.1 only; to serve others pass e.g. `--server.address 0.0.0.0`
    (extra options go to Streamlit). Uploads and accepted article events are kept in
    --store, so a reload loses nothing; the CLI can use the same file meanwhile. Files on
    the server are read by path only inside --data-folder (uploads always work).
    """
    path = app_path()
    if path is None:
        fail("app.py is missing from the installed package; reinstall warnlag-timeline")
    if store is not None:
        import timeline as tl

        tl.EventStore(store.expanduser().resolve()).close()  # a CSV here fails now, clearly
        os.environ[STORE_ENV] = str(store.expanduser().resolve())
    if data_folder is not None:
        if not data_folder.expanduser().is_dir():
            fail(f"--data-folder {data_folder} is not a folder")
        os.environ[DATA_ENV] = str(data_folder.expanduser().resolve())
    args = [sys.executable, "-m", "streamlit", "run", str(path), *streamlit_args(ctx.args, port)]
    if os.name == "posix":  # Streamlit becomes this process: signals reach it directly
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, args)
    code = subprocess.call(args)
    if code:
        fail(f"streamlit exited with code {code}")
