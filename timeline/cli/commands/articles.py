"""`timeline articles PATH`: read a folder or .jsonl of news articles, one report per article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store
from timeline.cli.commands.article import PUBLISHED_TZ_HELP, REPLACE_HELP
from timeline.cli.output import echo


@app.command()
def articles(
    path: Annotated[Path, typer.Argument(help="A folder of *.txt/*.json articles or a .jsonl.")],
    tz: Annotated[str | None, typer.Option(help="Place's zone for articles without TZ.")] = None,
    published_tz: Annotated[str | None, typer.Option(help=PUBLISHED_TZ_HELP)] = None,
    source: Annotated[str | None, typer.Option(help="Outlet for articles without one.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help=REPLACE_HELP)] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Store the candidates.")] = False,
    store: StoreOpt = None,
) -> None:
    """Extract events from many articles; with --yes store them (merged with stored events).

    Text files start with header lines (PUBLISHED: 2014-01-24, TZ: Africa/Cairo,
    PUBLISHED_TZ:, TITLE:, URL:, SOURCE:), then a blank line and the text. TZ is the zone
    of the place the events happened: an article with no TZ and no --tz is not read (its
    reason is in the report), never read as UTC. Without --yes nothing is stored: the
    report shows how many candidates each article gives.
    """
    target = open_store(store, create=yes)
    with typer.progressbar(length=1, label="articles", file=None) as bar:

        def progress(done: int, total: int, name: str) -> None:
            bar.length = total
            bar.update(1)

        report = target.ingest_articles(
            path, tz=tz, published_tz=published_tz, source=source, replace=replace,
            review=True if yes else None, progress=progress,
        )  # fmt: skip
    echo(report.to_string(index=False, max_colwidth=60))
    failed = int(report["error"].notna().sum())
    echo(
        f"{len(report)} article(s), {int(report['candidates'].sum())} candidate event(s)"
        + (f", {int(report['stored'].sum())} stored" if yes else " (nothing stored: --yes)")
        + (f", {failed} not read" if failed else "")
    )
