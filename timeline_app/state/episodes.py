"""Which events make up one row of `tl.episodes` (for drawing one episode)."""

from __future__ import annotations

import pandas as pd
import polars as pl


def members(events: pl.DataFrame, episode: pd.Series) -> pl.DataFrame:
    """The events of one episode, in time order (`tl.episodes` lists their ids)."""
    ids = list(episode["event_ids"])
    order = pl.DataFrame({"event_id": ids}).with_row_index("_order")
    return events.join(order, on="event_id").sort("_order").drop("_order")
