"""Which events make up one row of `tl.episodes` (for drawing one episode)."""

from __future__ import annotations

import pandas as pd
import polars as pl


def members(events: pl.DataFrame, table: pd.DataFrame, episode: pd.Series) -> pl.DataFrame:
    """The events of one episode.

    Uses `event_ids` when tl.episodes gives them; otherwise the episode's rank: episodes of
    one actor are runs of consecutive events in (midpoint, event_id) order, so the k-th
    episode is the n_events events after those of the earlier ones.
    """
    if "event_ids" in episode.index:
        return events.filter(pl.col("event_id").is_in(list(episode["event_ids"])))
    mine, same = events, pd.Series(True, index=table.index)
    if "actor" in table.columns:
        mine = events.filter(pl.col("actor") == episode["actor"])
        same = table["actor"] == episode["actor"]
    earlier = table[same & (table["episode"] < episode["episode"])]["n_events"].sum()
    mid = pl.col("t_start") + (pl.col("t_end") - pl.col("t_start")) / 2
    ordered = mine.with_columns(_mid=mid).sort("_mid", "event_id").drop("_mid")
    return ordered.slice(int(earlier), int(episode["n_events"]))
