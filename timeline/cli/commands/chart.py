"""`timeline chart timeline|lags|survival --out FILE`: a chart file from the store."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store


class Which(StrEnum):
    timeline = "timeline"
    lags = "lags"
    survival = "survival"


@app.command()
def chart(
    which: Annotated[Which, typer.Argument(help="timeline, lags (histogram) or survival.")],
    out: Annotated[Path, typer.Option("--out", help=".png, .svg, .pdf, .html or .json")],
    preset: Annotated[str, typer.Option(help="slide, a4, a4-landscape, square, web.")] = "slide",
    trigger: Annotated[str, typer.Option(help="Trigger kind.")] = "warning",
    response: Annotated[str, typer.Option(help="Response kind.")] = "attack",
    within: Annotated[str, typer.Option(help="Window, e.g. 7d.")] = "7d",
    title: Annotated[str | None, typer.Option(help="Chart title.")] = None,
    source_note: Annotated[str | None, typer.Option(help="Footer line.")] = None,
    store: StoreOpt = None,
) -> None:
    """Write one chart to --out, sized for --preset (the format follows the extension)."""
    import timeline as tl
    from timeline.export import export

    events = open_store(store).events()
    pairs = tl.lags(events, trigger=trigger, response=response, within=within)
    if which is Which.timeline:
        made = tl.charts.timeline_chart(events, pairs)
    elif which is Which.lags:
        made = tl.charts.lag_histogram(pairs)
    else:
        made = tl.charts.survival_chart(tl.survival(pairs))
    head = title or f"{trigger} -> {response} within {within}"
    note = source_note or "Sources: " + "; ".join(sorted(_outlets(events)))
    path = export(made, out, preset=preset, title=head, source_note=note)
    typer.echo(f"wrote {path}")


def _outlets(events) -> set[str]:
    return {o.strip() for s in events["source"].dropna() for o in str(s).split(";")}
