"""`timeline lags`: pair triggers with responses and print lags and their summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store

SUMMARY = ["n_triggers", "n_followed", "hit_rate_text", "median_text", "km_median_text"]


@app.command()
def lags(
    trigger: Annotated[str, typer.Option(help="Trigger kind, e.g. warning.")] = "warning",
    response: Annotated[str, typer.Option(help="Response kind, e.g. attack or claim.")] = "attack",
    within: Annotated[str, typer.Option(help="Window, e.g. 7d, 36h.")] = "7d",
    by: Annotated[str, typer.Option(help="Group column; 'none' for no grouping.")] = "actor",
    direction: Annotated[str, typer.Option(help="following or preceding.")] = "following",
    csv: Annotated[Path | None, typer.Option(help="Write the pairs as CSV.")] = None,
    store: StoreOpt = None,
) -> None:
    """How long after each TRIGGER did a RESPONSE follow (same --by group, --within)?

    Unfollowed triggers are kept as censored rows. Example:
    timeline lags --trigger attack --response claim --within 3d
    """
    import timeline as tl
    from timeline.analysis.durations import humanize

    group = None if by.lower() == "none" else by
    events = open_store(store).events()
    pairs = tl.lags(
        events, trigger=trigger, response=response, within=within, by=group, direction=direction
    )

    def text(values) -> list[str]:  # a printed table: one short string per pair
        return [humanize(v.total_seconds()) if v == v else "" for v in values]

    shown = pairs.assign(
        lag=text(pairs["lag"]),
        lag_range=[f"{a} to {b}" if a else "" for a, b in
                   zip(text(pairs["lag_min"]), text(pairs["lag_max"]), strict=True)],
    )  # fmt: skip
    wanted = [*([group] if group else []), "trigger_id", "response_id", "lag", "lag_range",
              "censored", "order_ambiguous"]  # fmt: skip
    cols = [c for c in wanted if c in shown.columns]
    typer.echo(shown[cols].to_string(index=False, max_colwidth=40))
    if len(pairs):
        summary = tl.lag_summary(pairs, by=group)
        keys = [group] if group else []
        typer.echo("")
        typer.echo(summary[[*keys, *SUMMARY]].to_string(index=False))
    if csv is not None:
        pairs.to_csv(csv, index=False)
        typer.echo(f"wrote {len(pairs)} pairs to {csv}")
