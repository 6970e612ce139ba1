"""`timeline lags`: pair triggers with responses and print lags and their summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store
from timeline.cli.output import echo


@app.command()
def lags(
    trigger: Annotated[str, typer.Option(help="Trigger kind, e.g. warning.")] = "warning",
    response: Annotated[str, typer.Option(help="Response kind, e.g. attack or claim.")] = "attack",
    within: Annotated[str, typer.Option(help="Window, e.g. 7d, 36h.")] = "7d",
    by: Annotated[str, typer.Option(help="Group column; 'none' for no grouping.")] = "actor",
    direction: Annotated[str, typer.Option(help="following or preceding.")] = "following",
    csv: Annotated[Path | None, typer.Option(help="Write the pairs as CSV.")] = None,
    summary_csv: Annotated[
        Path | None, typer.Option(help="Write the summary as CSV (text and numbers).")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """How long after each TRIGGER did a RESPONSE follow (same --by group, --within)?

    Unfollowed triggers are kept as censored rows. Example:
    timeline lags --trigger attack --response claim --within 3d
    """
    from timeline import display
    from timeline.analysis.pairing import lags as pair
    from timeline.analysis.summary import lag_summary
    from timeline.export.tables import write_table

    group = None if by.lower() == "none" else by
    events = open_store(store).events_pl()
    pairs = pair(
        events, trigger=trigger, response=response, within=within, by=group, direction=direction
    )
    keys = [group] if group else []
    echo(display.text_table(display.pairs_table(pairs, keys)))
    summary = lag_summary(pairs, by=group, within=within) if pairs.height else None
    if summary is not None:
        echo("")
        echo(display.text_table(display.summary_table(summary, keys, short=True)))
    if csv is not None:
        write_table(pairs, csv)  # as every table export: lags in seconds, text neutralised
        echo(f"wrote {pairs.height} pairs to {csv}")
    if summary_csv is not None and summary is not None:
        write_table(summary, summary_csv)  # readable text next to hours
        echo(f"wrote the summary to {summary_csv}")
