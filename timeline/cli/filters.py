"""The dashboard's filters as CLI options, shared by `chart` and `brief` (one filter model)."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.query import Filters

ActorOpt = Annotated[
    list[str] | None, typer.Option("--actor", help="Keep this actor (repeat for more).")
]
CountryOpt = Annotated[
    list[str] | None, typer.Option("--country", help="Keep this ISO3 country (repeatable).")
]
KindOpt = Annotated[list[str] | None, typer.Option("--kind", help="Keep this kind (repeatable).")]
StartOpt = Annotated[str | None, typer.Option(help="First day kept, YYYY-MM-DD (UTC).")]
EndOpt = Annotated[str | None, typer.Option(help="Last day kept, YYYY-MM-DD (UTC).")]
FocusOpt = Annotated[
    bool,
    typer.Option(
        "--focus/--whole",
        help="Start zoomed on the matched pairs (default, as the dashboard) or show everything.",
    ),
]
ClockOpt = Annotated[
    str,
    typer.Option(
        help="auto (the events' zone when they share one), local (the commonest zone), utc, "
        "or an IANA zone such as Africa/Cairo."
    ),
]
PresetOpt = Annotated[
    str, typer.Option(help="Page: a4, a4-landscape, letter, letter-landscape, slide, square, web.")
]
NoteOpt = Annotated[
    str | None, typer.Option(help="Source line at the foot (default: the events' sources).")
]


def filters_from(
    actor: list[str] | None,
    country: list[str] | None,
    kind: list[str] | None,
    start: str | None,
    end: str | None,
) -> Filters:
    """The options as the one `Filters` value the dashboard uses too."""
    return Filters.of(start=start, end=end, actors=actor, countries=country, kinds=kind)
