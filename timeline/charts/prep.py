"""Events and pairs turned into small, display-ready polars tables (chart data).

Everything a chart shows is computed here, in polars, before Altair sees it: lanes,
midpoints, local-time text, lag labels, bins. Times leave as ISO strings ending in "Z"
so Vega parses them as UTC whatever the viewer's own zone is.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Literal

import polars as pl

from timeline.charts.lanes import UNKNOWN, lane_expr, lane_order, stack_rows
from timeline.display import seconds_text as duration_label
from timeline.errors import TimelineError
from timeline.frames import to_polars

if TYPE_CHECKING:
    import pandas as pd

Lanes = Literal["actor", "kind"]
ISO = "%Y-%m-%dT%H:%M:%S%.3fZ"
EXACT, RANGE = "exact time", "time range"
ORDER_KNOWN, ORDER_UNKNOWN = "lag (trigger → response)", "lag, order unknown"
EXCERPT_CHARS = 280
_OPTIONAL_TEXT = ("subtype", "channel", "actor", "time_text", "source", "url", "excerpt", "tz")


def events_frame(events: pd.DataFrame | pl.DataFrame) -> pl.DataFrame:
    """Canonical events as polars with every column the charts read (missing ones as null)."""
    df = to_polars(events, need=("event_id", "kind", "t_start"))  # canonical, UTC
    add = [pl.lit(None, pl.Utf8).alias(c) for c in _OPTIONAL_TEXT if c not in df.columns]
    df = df.with_columns(add) if add else df
    return df.with_columns(
        pl.col("kind", "subtype", "channel").cast(pl.Utf8),
        pl.col("tz").fill_null("UTC"),
    )


def wall_clock(col: str | pl.Expr, local_tz: str | None) -> pl.Expr:
    """A UTC time, or its wall-clock reading in `local_tz` relabelled as UTC.

    Vega-Lite renders either UTC or the viewer's zone; to show a chosen zone we shift
    the values so that a UTC scale prints that zone's wall clock.
    """
    expr = pl.col(col) if isinstance(col, str) else col
    if local_tz is None:
        return expr
    return expr.dt.convert_time_zone(local_tz).dt.replace_time_zone("UTC")


def _local_text(df: pl.DataFrame, local_tz: str | None) -> pl.Expr:
    """The interval in each event's own zone (or `local_tz`), as text for tooltips."""
    fmt = "%a %Y-%m-%d %H:%M"
    zones = [local_tz] if local_tz else df.get_column("tz").unique().drop_nulls().to_list()
    if not zones:
        return pl.lit(None, pl.Utf8)

    def one(zone: str) -> pl.Expr:
        start = pl.col("t_start").dt.convert_time_zone(zone).dt.strftime(fmt)
        end = pl.col("t_end").dt.convert_time_zone(zone).dt.strftime(fmt)
        span = pl.when(pl.col("t_start") == pl.col("t_end")).then(start)
        return span.otherwise(pl.format("{} → {}", start, end)) + pl.lit(f" ({zone})")

    if local_tz:
        return one(local_tz)
    expr = pl.when(pl.col("tz") == zones[0]).then(one(zones[0]))
    for zone in zones[1:]:
        expr = expr.when(pl.col("tz") == zone).then(one(zone))
    return expr.otherwise(None)


def display_events(
    events: pd.DataFrame | pl.DataFrame,
    *,
    lanes: Lanes = "actor",
    local_tz: str | None = None,
    order: list[str] | None = None,
    min_width: timedelta = timedelta(0),
) -> pl.DataFrame:
    """One row per event: lane, stacked slot, form, x/x2/mid (ISO), exactness, tooltips.

    `order` is the lanes drawn (from `lanes.lane_order`; actors outside it fold into
    "other actors"); `min_width` is how close two events may be before they stack.
    """
    if lanes not in ("actor", "kind"):
        raise TimelineError(f"lanes={lanes!r} is unknown. Hint: use 'actor' or 'kind'.")
    df = events_frame(events)
    order = order if order is not None else lane_order(df, lanes, 10**9)[0]
    mid = pl.col("t_start") + (pl.col("t_end") - pl.col("t_start")) / 2
    excerpt = pl.col("excerpt")
    shown = df.select(
        "event_id",
        "kind",
        lane=lane_expr(lanes, order),
        form=pl.coalesce("subtype", "channel", pl.lit("not stated")),
        actor=pl.col("actor").fill_null(UNKNOWN),
        _t0=wall_clock("t_start", local_tz),
        _t1=wall_clock("t_end", local_tz),
        mid=wall_clock(mid, local_tz).dt.strftime(ISO),
        exact=pl.col("t_start") == pl.col("t_end"),
        time_text=pl.col("time_text").fill_null(""),
        local=_local_text(df, local_tz),
        source=pl.col("source").fill_null(""),
        url=pl.col("url").fill_null(""),
        excerpt=pl.when(excerpt.str.len_chars() > EXCERPT_CHARS)
        .then(excerpt.str.slice(0, EXCERPT_CHARS) + pl.lit("…"))
        .otherwise(excerpt)
        .fill_null(""),
    )
    shown = stack_rows(shown, "_t0", "_t1", min_width)
    return shown.with_columns(
        x=pl.col("_t0").dt.strftime(ISO), x2=pl.col("_t1").dt.strftime(ISO)
    ).drop("_t0", "_t1")


def seconds(col: str) -> pl.Expr:
    """A duration column as float seconds."""
    return pl.col(col).dt.total_microseconds().cast(pl.Float64) / 1e6


def pairs_frame(pairs: pd.DataFrame | pl.DataFrame) -> pl.DataFrame:
    """tl.lags output as polars, with `lag_s` (seconds) and the flags filled in."""
    df = to_polars(pairs, need=("lag",), what="pairs")
    lag_s = seconds("lag") if isinstance(df.schema["lag"], pl.Duration) else pl.col("lag")
    flags = {
        name: (pl.col(name).fill_null(False) if name in df.columns else pl.lit(False))
        for name in ("censored", "order_ambiguous")
    }
    df = df.with_columns(lag_s=lag_s.cast(pl.Float64), **flags)
    return df.with_columns(censored=pl.col("censored") | pl.col("lag_s").is_null())


def link_frame(pairs: pd.DataFrame | pl.DataFrame, shown: pl.DataFrame) -> pl.DataFrame:
    """One row per matched pair whose two events are both shown: ends, lanes, lag label."""
    p = pairs_frame(pairs).filter(~pl.col("censored"))
    bounds = [c for c in ("lag_min", "lag_max") if c in p.columns]
    if len(bounds) == 2 and isinstance(p.schema["lag_min"], pl.Duration):
        p = p.with_columns(lo_s=seconds("lag_min"), hi_s=seconds("lag_max"))
    else:
        p = p.with_columns(lo_s=pl.col("lag_s"), hi_s=pl.col("lag_s"))
    ends = shown.select("event_id", "slot", "mid")
    vague = pl.col("lo_s") != pl.col("hi_s")  # the range the two intervals allow, no point
    unknown = pl.format("order unknown ({} to {})", duration_label(pl.col("lo_s")),
                        duration_label(pl.col("hi_s")))  # fmt: skip
    label = pl.when(pl.col("order_ambiguous")).then(unknown).when(vague).then(
        pl.format("{} to {}", duration_label(pl.col("lo_s")), duration_label(pl.col("hi_s")))
    ).otherwise(duration_label(pl.col("lag_s")))  # fmt: skip
    return (
        p.select("trigger_id", "response_id", "lag_s", "lo_s", "hi_s", "order_ambiguous")
        .join(ends.rename({"event_id": "trigger_id", "mid": "x"}), "trigger_id")
        .join(ends.rename({"event_id": "response_id", "slot": "slot2", "mid": "x2"}), "response_id")
        .with_columns(
            lag_text=label,
            link=pl.when("order_ambiguous")
            .then(pl.lit(ORDER_UNKNOWN))
            .otherwise(pl.lit(ORDER_KNOWN)),
        )
        .drop("lo_s", "hi_s")
    )
