"""`timeline brief --out FILE`: the brief (PDF pages, PNG/SVG per page, or HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store
from timeline.cli.filters import (
    ActorOpt,
    ClockOpt,
    CountryOpt,
    EndOpt,
    FocusOpt,
    KindOpt,
    NoteOpt,
    PresetOpt,
    StartOpt,
    filters_from,
)


@app.command()
def brief(
    out: Annotated[Path, typer.Option("--out", help=".pdf, .html, .png or .svg")],
    trigger: Annotated[str, typer.Option(help="Trigger kind.")] = "warning",
    response: Annotated[str, typer.Option(help="Response kind.")] = "attack",
    within: Annotated[str, typer.Option(help="Window, e.g. 7d.")] = "7d",
    actor: ActorOpt = None,
    country: CountryOpt = None,
    kind: KindOpt = None,
    start: StartOpt = None,
    end: EndOpt = None,
    focus: FocusOpt = True,
    clock: ClockOpt = "auto",
    preset: PresetOpt = "a4",
    title: Annotated[str | None, typer.Option(help="Title of the brief.")] = None,
    source_note: NoteOpt = None,
    store: StoreOpt = None,
) -> None:
    """Timeline with lag links, lag table (busiest actors first), chance baseline, sources
    and caveats, on as many --preset pages as it needs (PNG/SVG: one file per page)."""
    import timeline as tl
    from timeline.export.brief import write_brief

    filters = filters_from(actor, country, kind, start, end)
    events = open_store(store).events_pl(**filters.store_args())
    extra = None
    if store is None:  # the bundled case: cite its articles, not only the outlets' names
        arts = tl.datasets.articles("cairo-2014-01")
        extra = [(r.outlet, f'"{r.title}", {r.published}') for r in arts.itertuples()]
        title = title or f"Cairo, January 2014: {trigger} -> {response} within {within}"
    paths = write_brief(events, trigger, response, within, out=out, preset=preset, title=title,
                        extra_sources=extra, filters=filters, focus=focus, local_tz=clock,
                        source_note=source_note)  # fmt: skip
    for path in paths:
        typer.echo(f"wrote {path}")
