"""One episode as a strip: warning -> attacks -> claim, one row per kind, lags written on."""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt
import polars as pl

from timeline.charts.prep import events_frame
from timeline.charts.timeline import timeline_chart

if TYPE_CHECKING:
    import pandas as pd


def _episode_links(df: pl.DataFrame) -> pl.DataFrame:
    """First warning -> first attack, and last attack -> first claim after it (as pairs)."""
    mid = (pl.col("t_start") + (pl.col("t_end") - pl.col("t_start")) / 2).alias("mid")
    pts = df.select("event_id", "kind", "t_start", "t_end", mid).sort("mid")

    def first(kind: str, after=None) -> dict | None:
        rows = pts.filter(pl.col("kind") == kind)
        if after is not None:
            rows = rows.filter(pl.col("mid") >= after)
        return rows.row(0, named=True) if rows.height else None

    def last(kind: str) -> dict | None:
        rows = pts.filter(pl.col("kind") == kind)
        return rows.row(-1, named=True) if rows.height else None

    out = []
    warning = first("warning")
    attack = first("attack", warning["mid"] if warning else None)
    if warning and attack:
        out.append((warning, attack))
    final = last("attack")
    claim = first("claim", final["mid"]) if final else None
    if final and claim:
        out.append((final, claim))
    return pl.DataFrame(
        {
            "trigger_id": [t["event_id"] for t, _ in out],
            "response_id": [r["event_id"] for _, r in out],
            "lag": [r["mid"] - t["mid"] for t, r in out],
            "lag_min": [r["t_start"] - t["t_end"] for t, r in out],  # the bounds the two
            "lag_max": [r["t_end"] - t["t_start"] for t, r in out],  # intervals allow
            "order_ambiguous": [
                r["t_start"] < t["t_end"] and r["t_end"] > t["t_start"] for t, r in out
            ],
        },
        schema={
            "trigger_id": pl.Utf8,
            "response_id": pl.Utf8,
            "lag": pl.Duration("us"),
            "lag_min": pl.Duration("us"),
            "lag_max": pl.Duration("us"),
            "order_ambiguous": pl.Boolean,
        },
    )


def episode_strip(
    events: pd.DataFrame | pl.DataFrame, *, title: str | None = None, local_tz: str | None = None
) -> alt.LayerChart | alt.Chart:
    """One episode's events in lanes by kind, linked first warning -> attack -> claim.

    Pass the events of one episode (e.g. filtered by tl.episodes' ids). Needs the
    columns timeline_chart needs.
    """
    df = events_frame(events)
    return timeline_chart(df, _episode_links(df), lanes="kind", local_tz=local_tz, title=title)
