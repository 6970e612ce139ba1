"""`timeline loads` and `timeline undo ID`: the store's load log, and taking a load back."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli.app import StoreOpt, app, open_store
from timeline.cli.output import echo
from timeline.errors import TimelineError

SHOWN = ["load_id", "source", "format", "added", "duplicates", "rejected", "finished_at",
         "options", "removed_at", "removed_by"]  # fmt: skip


@app.command()
def loads(store: StoreOpt = None) -> None:
    """List the store's loads: id, source, rows added, when, the options, undone or not."""
    log = open_store(store).loads()
    if log.empty:
        echo("no loads")
        return
    log = log[SHOWN].copy()
    for col in ("finished_at", "removed_at"):
        log[col] = log[col].dt.strftime("%Y-%m-%d %H:%M").fillna("")
    log = log.fillna("")
    echo(log.to_string(index=False, max_colwidth=50))
    live = int((log["removed_at"] == "").sum())
    echo(f"{len(log)} load(s), {live} in the store; `timeline undo ID` takes one back")


@app.command()
def undo(
    load_id: Annotated[int, typer.Argument(help="The load's id, from `timeline loads`.")],
    store: StoreOpt = None,
) -> None:
    """Remove one load's events in one transaction (the log keeps the load, marked undone).

    Reports that an article load merged into one event come back when it is undone.
    """
    if store is None:
        raise typer.BadParameter("give the store to change: --store FILE", param_hint="--store")
    if not store.exists():
        raise TimelineError(f"No store at {store}; `timeline loads --store FILE` lists loads")
    done = open_store(store, create=True).remove_load(load_id)
    restored = f", {done['restored']} merged report(s) restored" if done["restored"] else ""
    echo(f"undid load {load_id}: {done['removed']} event(s) removed{restored}")
