"""`timeline events`: list events, filtered, or write them to CSV/Excel/Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store
from timeline.cli.output import echo

SHOWN = ["event_id", "kind", "t_start", "precision", "actor", "time_text", "source"]


@app.command()
def events(
    store: StoreOpt = None,
    start: Annotated[str | None, typer.Option(help="From this time (ISO, UTC if no zone).")] = None,
    end: Annotated[str | None, typer.Option(help="Up to this time.")] = None,
    actor: Annotated[list[str] | None, typer.Option(help="Canonical actor (repeatable).")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Event kind (repeatable).")] = None,
    csv: Annotated[Path | None, typer.Option(help="Write a CSV (spreadsheet-safe).")] = None,
    xlsx: Annotated[Path | None, typer.Option(help="Write an Excel file.")] = None,
    parquet: Annotated[Path | None, typer.Option(help="Write Parquet.")] = None,
) -> None:
    """Events overlapping [--start, --end), by time; printed, or written with --csv etc.

    CSV/Excel cells that a spreadsheet would run as formulas get a leading apostrophe.
    """
    from timeline.export.tables import write_table

    df = open_store(store).events(start, end, actors=actor, kinds=kind)
    outs = [p for p in (csv, xlsx, parquet) if p is not None]
    for path in outs:
        write_table(df, path)
        echo(f"wrote {len(df)} events to {path}")
    if not outs:
        echo(df[SHOWN].to_string(index=False, max_colwidth=40))
        echo(f"{len(df)} events")
