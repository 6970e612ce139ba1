"""`timeline articles PATH`: read a folder or .jsonl of news articles, one report per article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store


@app.command()
def articles(
    path: Annotated[Path, typer.Argument(help="A folder of *.txt/*.json articles or a .jsonl.")],
    tz: Annotated[str | None, typer.Option(help="Zone for articles without TZ.")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet for articles without one.")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Store the candidates.")] = False,
    store: StoreOpt = None,
) -> None:
    """Extract events from many articles; with --yes store them (merged with stored events).

    Text files start with header lines (PUBLISHED: 2014-01-24, TZ: Africa/Cairo, TITLE:,
    URL:, SOURCE:), then a blank line and the text. Without --yes nothing is stored: the
    report shows how many candidates each article gives.
    """
    target = open_store(store, create=yes)
    with typer.progressbar(length=1, label="articles", file=None) as bar:

        def progress(done: int, total: int, name: str) -> None:
            bar.length = total
            bar.update(1)

        report = target.ingest_articles(
            path, tz=tz, source=source, review=True if yes else None, progress=progress
        )
    typer.echo(report.to_string(index=False, max_colwidth=60))
    failed = int(report["error"].notna().sum())
    typer.echo(
        f"{len(report)} article(s), {int(report['candidates'].sum())} candidate event(s)"
        + (f", {int(report['stored'].sum())} stored" if yes else " (nothing stored: --yes)")
        + (f", {failed} not read" if failed else "")
    )
