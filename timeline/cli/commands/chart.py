"""`timeline chart timeline|lags|survival --out FILE`: a chart file from the store."""

from __future__ import annotations

from enum import StrEnum
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


class Which(StrEnum):
    timeline = "timeline"
    lags = "lags"
    survival = "survival"


@app.command()
def chart(
    which: Annotated[Which, typer.Argument(help="timeline, lags (histogram) or survival.")],
    out: Annotated[Path, typer.Option("--out", help=".png, .svg, .pdf, .html or .json")],
    preset: PresetOpt = "slide",
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
    title: Annotated[str | None, typer.Option(help="Chart title.")] = None,
    source_note: NoteOpt = None,
    store: StoreOpt = None,
) -> None:
    """Write one chart of the filtered store to --out, sized for --preset.

    The timeline starts on the matched pairs in the events' own zone, as the dashboard
    does; the source line is drawn at the foot. Example:

      timeline chart timeline --store gtd.duckdb --actor "Ansar Bayt al-Maqdis"
      --start 2014-01-01 --end 2014-03-31 --preset a4-landscape --out abm.pdf
    """
    from timeline.export.story import chart as draw

    filters = filters_from(actor, country, kind, start, end)
    head = title or f"{trigger} -> {response} within {within}"
    sub = filters.label() or None
    events = open_store(store).events_pl(**filters.store_args())
    path = draw(events, which.value, trigger, response, within, filters=filters, focus=focus,
                local_tz=clock, out=out, preset=preset, title=head, subtitle=sub,
                **({"source_note": source_note} if source_note else {}))  # fmt: skip
    typer.echo(f"wrote {path}")
