"""Episodes for the Sequences page: which to offer, their labels, and one episode's events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import polars as pl

import timeline as tl

MAX_CHOICES = 2_000  # a select box past this is neither usable nor quick to send
MAX_ROWS = 2_000  # rows of the episode table formatted and sent to the browser (~0.2 ms each)


def members(events: pl.DataFrame, episode: Mapping) -> pl.DataFrame:
    """The events of one episode (a row of `tl.episodes`), in time order (it lists their ids)."""
    ids = list(episode["event_ids"])
    order = pl.DataFrame({"event_id": ids}, schema={"event_id": pl.Utf8}).with_row_index("_order")
    return events.join(order, on="event_id").sort("_order").drop("_order")


def choices(table: pl.DataFrame, limit: int = MAX_CHOICES) -> dict[int, str]:
    """Episode number -> label of the `limit` largest episodes (most events; ties: the
    earliest), in table order. Built column-wise: a 1M-event store has ~100k episodes."""
    if table.height > limit:
        table = (
            table.with_row_index("_row")
            .sort("n_events", descending=True, maintain_order=True)
            .head(limit)
            .sort("_row")
        )
    parts = [pl.col("episode"), pl.col("start").dt.strftime("%Y-%m-%d"), pl.col("n_events")]
    text = pl.format("#{} · {} · {} events", *parts)
    if "actor" in table.columns:
        actor = pl.col("actor").cast(pl.Utf8).fill_null("no actor")
        text = pl.format("{} · {}", text, actor)
    labels = table.select(pl.col("episode"), text.alias("label"))
    return dict(zip(labels.get_column("episode"), labels.get_column("label"), strict=True))


def largest(table: pl.DataFrame) -> int:
    """The episode number of the episode with the most events (the earliest among equals)."""
    return int(table.get_column("episode")[table.get_column("n_events").arg_max()])


class Shown(NamedTuple):
    """What the Sequences page shows of an episode table: the episodes offered, the first
    MAX_ROWS of them as people read them, the choices' labels and the largest one."""

    table: pl.DataFrame
    readable: pl.DataFrame
    labels: dict[int, str]
    largest: int


def shown(table: pl.DataFrame, only_rich: bool) -> Shown:
    """The episodes with a warning or a claim (all when `only_rich` is off, or none has),
    formatted: lags as the range their times allow, "order unknown" where they overlap
    (never a midpoint, never "0 s")."""
    if only_rich and {"n_warning", "n_claim"} <= set(table.columns):
        rich = table.filter((pl.col("n_warning") > 0) | (pl.col("n_claim") > 0))
        table = rich if not rich.is_empty() else table
    by = ["actor"] if "actor" in table.columns else []
    readable = tl.display.episodes_table(table.head(MAX_ROWS), by)
    return Shown(table, readable, choices(table), largest(table))
