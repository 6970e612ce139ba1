"""`timeline brief --out FILE`: the one-page brief (PDF or HTML) from the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store


@app.command()
def brief(
    out: Annotated[Path, typer.Option("--out", help=".pdf, .html, .png or .svg")],
    trigger: Annotated[str, typer.Option(help="Trigger kind.")] = "warning",
    response: Annotated[str, typer.Option(help="Response kind.")] = "attack",
    within: Annotated[str, typer.Option(help="Window, e.g. 7d.")] = "7d",
    title: Annotated[str | None, typer.Option(help="Title of the page.")] = None,
    store: StoreOpt = None,
) -> None:
    """One page: timeline with lag links, lag table, chance baseline, sources, caveats."""
    import timeline as tl

    events = open_store(store).events()
    extra = None
    if store is None:  # the bundled case: cite its articles, not only the outlets' names
        arts = tl.datasets.articles("cairo-2014-01")
        extra = [(r.outlet, f'"{r.title}", {r.published}') for r in arts.itertuples()]
        title = title or f"Cairo, January 2014: {trigger} -> {response} within {within}"
    path = tl.brief(events, trigger, response, within, out=out, title=title, extra_sources=extra)
    typer.echo(f"wrote {path}")
