"""Episodes for the Sequences page: which to offer, their labels, and one episode's events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    import pandas as pd

MAX_CHOICES = 2_000  # a select box past this is neither usable nor quick to send
MAX_ROWS = 2_000  # rows of the episode table formatted and sent to the browser (~0.2 ms each)


def members(events: pl.DataFrame, episode: pd.Series) -> pl.DataFrame:
    """The events of one episode, in time order (`tl.episodes` lists their ids)."""
    ids = list(episode["event_ids"])
    order = pl.DataFrame({"event_id": ids}).with_row_index("_order")
    return events.join(order, on="event_id").sort("_order").drop("_order")


def choices(table: pd.DataFrame, limit: int = MAX_CHOICES) -> dict[object, str]:
    """Index -> label of the `limit` largest episodes (most events; ties: earliest), in
    table order. Built column-wise: a 1M-event store has ~100k episodes."""
    if len(table) > limit:
        table = table.sort_values("n_events", ascending=False, kind="stable").head(limit)
        table = table.sort_index()
    text = (
        "#" + table["episode"].astype(str)
        + " · " + table["start"].dt.strftime("%Y-%m-%d")
        + " · " + table["n_events"].astype(str) + " events"
    )  # fmt: skip
    if "actor" in table.columns:
        text = text + " · " + table["actor"].astype(str)
    return dict(zip(table.index, text, strict=True))
