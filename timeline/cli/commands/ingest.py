"""`timeline ingest FILE`: load a file into a store with a progress bar, print the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(help="CSV, Excel, Parquet, GTD, ACLED, ... file.")],
    format: Annotated[str, typer.Option("--format", help="Adapter name, or auto.")] = "auto",
    store: StoreOpt = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Store the good rows, report the bad ones.")
    ] = False,
) -> None:
    """Load FILE into the store in one transaction (all rows or none, unless --skip-bad).

    Re-ingesting the same file adds nothing. Without --store the rows go into a
    throw-away in-memory copy of the Cairo case (useful to check a file).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    if not file.exists():
        raise FileNotFoundError(f"No such file: {file}")
    target = open_store(store, create=True)
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("rows", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        report = target.ingest(
            file, format=format, progress=progress, on_error="skip" if skip_bad else "raise"
        )
    typer.echo(report.summary())
    typer.echo(f"store: {target!r}")
