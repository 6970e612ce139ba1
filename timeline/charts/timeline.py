"""The timeline: one lane per actor (or kind), exact events as points, vague ones as bars.

Each trigger is linked to its matched response by a rule labelled with the lag. Above
`max_marks` events the chart turns into a heat strip of counts per lane and time bin
(binned in polars), because a browser cannot draw a million points usefully.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import altair as alt
import polars as pl

from timeline.charts.prep import ISO, Lanes, display_events, link_frame, wall_clock
from timeline.charts.style import form_shape, kind_color, kind_scale
from timeline.errors import TimelineError
from timeline.schema import KINDS

if TYPE_CHECKING:
    import pandas as pd

_FMT = "%Y-%m-%d %H:%M"
LANE_PX = 24  # per kind present; a lane holds one sub-row per kind
WIDTH = 800
_BINS = (
    timedelta(hours=1), timedelta(hours=6), timedelta(days=1), timedelta(days=7),
    timedelta(days=30), timedelta(days=91), timedelta(days=365),
)  # fmt: skip


_Y_SCALE = alt.Scale(paddingOuter=0.8, paddingInner=0.4)


def _x(field: str, local_tz: str | None, domain: list[str] | None = None) -> alt.X:
    title = f"time ({local_tz}, local)" if local_tz else "time (UTC)"
    scale = alt.Scale(type="utc", domain=domain) if domain else alt.Scale(type="utc")
    return alt.X(f"{field}:T", scale=scale, title=title)


def _tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("kind:N"),
        alt.Tooltip("form:N", title="subtype / channel"),
        alt.Tooltip("actor:N"),
        alt.Tooltip("time_text:N", title="time as written"),
        alt.Tooltip("local:N", title="interval (local)"),
        alt.Tooltip("source:N"),
        alt.Tooltip("excerpt:N", title="evidence"),
        alt.Tooltip("event_id:N"),
    ]


def _event_layers(
    shown: pl.DataFrame, local_tz: str | None, lanes: list[str], domain: list[str] | None
) -> alt.LayerChart:
    """Bars for vague events and a marker per event; the selections live on the markers."""
    y = alt.Y("lane:N", sort=lanes, title=None, axis=alt.Axis(labelLimit=220), scale=_Y_SCALE)
    kinds = shown.get_column("kind").unique().to_list()
    forms = shown.get_column("form").unique().to_list()
    pick = alt.selection_point(name="event", fields=["event_id"], on="click", clear="dblclick")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    data = alt.Data(values=shown.to_dicts())
    sub = alt.YOffset("kind:N", sort=[k for k in KINDS if k in kinds])  # a sub-row per kind
    base = alt.Chart(data).encode(y=y, yOffset=sub, color=kind_color(kinds), tooltip=_tooltip())
    opacity = alt.condition(pick, alt.value(0.95), alt.value(0.35))
    bars = (
        base.transform_filter("!datum.exact")
        .mark_bar(height={"band": 0.8}, cornerRadius=2, opacity=0.5, clip=True)
        .encode(x=_x("x", local_tz, domain), x2="x2:T")
    )
    # every event gets a marker: exact ones at their time, vague ones at their midpoint
    # (the point the pairing uses), hollow so it does not look precise
    points = (
        base.mark_point(size=110, strokeWidth=2, filled=True, clip=True)
        .encode(
            x=_x("mid", local_tz, domain),
            shape=form_shape(forms),
            stroke=alt.Stroke("kind:N", scale=kind_scale(kinds), title="kind"),
            fillOpacity=alt.condition("datum.exact", alt.value(1.0), alt.value(0.15)),
            opacity=opacity,
        )
        .add_params(zoom, pick)
    )
    return alt.layer(bars, points)


def _link_layers(
    links: pl.DataFrame, local_tz: str | None, lanes: list[str], domain: list[str] | None
) -> list[alt.Chart]:
    """Trigger -> response rules (dashed when the order is ambiguous) with the lag as text."""
    if links.height == 0:
        return []
    data = alt.Data(values=links.to_dicts())
    base = alt.Chart(data).encode(
        y=alt.Y("lane:N", sort=lanes, scale=_Y_SCALE),
        tooltip=[
            alt.Tooltip("lag_text:N", title="lag"),
            alt.Tooltip("trigger_id:N", title="trigger"),
            alt.Tooltip("response_id:N", title="response"),
            alt.Tooltip("order_ambiguous:N", title="order ambiguous"),
        ],
    )
    dash = alt.condition("datum.order_ambiguous", alt.value([4, 3]), alt.value([1, 0]))
    rule = base.mark_rule(
        color="#333", strokeWidth=1.5, yOffset=-30, y2Offset=-30, clip=True
    ).encode(x=_x("x", local_tz, domain), x2="x2:T", y2="lane2:N", strokeDash=dash)
    text = base.mark_text(dy=-38, fontSize=11, color="#222", clip=True).encode(
        x=_x("xm", local_tz, domain), text="lag_text:N"
    )
    return [rule, text]


def _window(window: tuple[Any, Any] | None, local_tz: str | None) -> list[int] | None:
    """The x window as epoch milliseconds (shifted to wall clock like the data), or None."""
    if window is None:
        return None
    ends = [datetime.fromisoformat(t) if isinstance(t, str) else t for t in window]
    if not all(isinstance(t, datetime) and t.tzinfo is not None for t in ends):
        raise TimelineError("window needs two time-zone-aware times (start, end)")
    ends = pl.Series("t", ends)
    if not isinstance(ends.dtype, pl.Datetime) or ends.dtype.time_zone is None:
        raise TimelineError("window needs two time-zone-aware times (start, end)")
    frame = pl.DataFrame(ends.dt.convert_time_zone("UTC"))
    return frame.select(wall_clock("t", local_tz).dt.epoch("ms")).to_series().to_list()


def _midpoint(links: pl.DataFrame) -> pl.DataFrame:
    t = [pl.col(c).str.to_datetime(ISO, time_zone="UTC") for c in ("x", "x2")]
    return links.with_columns(xm=(t[0] + (t[1] - t[0]) / 2).dt.strftime(ISO))


def timeline_chart(
    events: pd.DataFrame | pl.DataFrame,
    pairs: pd.DataFrame | pl.DataFrame | None = None,
    *,
    lanes: Lanes = "actor",
    local_tz: str | None = None,
    title: str | None = None,
    max_marks: int = 5000,
    window: tuple[Any, Any] | None = None,
) -> alt.LayerChart | alt.Chart:
    """Events per lane over time, with lag links from `pairs` (the output of tl.lags).

    Needs event_id, kind, t_start (t_end, actor, subtype, channel, time_text, source,
    excerpt, tz used when present). Selections: "event" (click, on event_id), "zoom" (x).
    `window=(start, end)` (UTC-aware) fixes the initial x range; marks outside are clipped.
    """
    if len(events) > max_marks:  # decide before preparing a row per event
        return heat_strip(events, lanes=lanes, local_tz=local_tz, title=title, max_bins=max_marks)
    shown = display_events(events, lanes=lanes, local_tz=local_tz)
    lanes_order = shown.get_column("lane").unique(maintain_order=True).sort().to_list()
    domain = _window(window, local_tz)
    layers: list = [_event_layers(shown, local_tz, lanes_order, domain)]
    if pairs is not None:
        layers += _link_layers(_midpoint(link_frame(pairs, shown)), local_tz, lanes_order, domain)
    rows = len(lanes_order) * shown.get_column("kind").n_unique()
    chart = alt.layer(*layers).properties(width=WIDTH, height=max(LANE_PX * rows, 80))
    return chart.properties(title=alt.Title(title)) if title else chart


def _bin_width(span: timedelta, n_lanes: int, max_bins: int) -> timedelta:
    for width in _BINS:
        if span / width * max(n_lanes, 1) <= max_bins:
            return width
    return _BINS[-1] * (span / _BINS[-1] * n_lanes // max_bins + 1)


def heat_strip(
    events: pd.DataFrame | pl.DataFrame,
    *,
    lanes: Lanes = "actor",
    local_tz: str | None = None,
    title: str | None = None,
    max_bins: int = 5000,
) -> alt.Chart:
    """Counts per lane per time bin (at most `max_bins` rects), binned in polars."""
    from timeline.charts.prep import events_frame

    df = events_frame(events)
    mid = pl.col("t_start") + (pl.col("t_end") - pl.col("t_start")) / 2
    df = df.select(lane=pl.col(lanes).fill_null("(none)"), t=wall_clock(mid, local_tz))
    n_lanes = df.get_column("lane").n_unique()
    span = (df.get_column("t").max() - df.get_column("t").min()) or timedelta(hours=1)
    width = _bin_width(span, n_lanes, max_bins)
    every = f"{int(width.total_seconds())}s"
    binned = (
        df.sort("t")
        .group_by_dynamic("t", every=every, group_by="lane")
        .agg(count=pl.len())
        .select(
            "lane",
            "count",
            x=pl.col("t").dt.strftime(ISO),
            x2=(pl.col("t") + width).dt.strftime(ISO),
        )
    )
    subtitle = f"{df.height:,} events binned per {_width_text(width)} (too many to draw one by one)"
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    return (
        alt.Chart(alt.Data(values=binned.to_dicts()))
        .mark_rect()
        .encode(
            x=_x("x", local_tz),
            x2="x2:T",
            y=alt.Y("lane:N", title=None),
            color=alt.Color("count:Q", scale=alt.Scale(scheme="viridis"), title="events"),
            tooltip=[
                "lane:N",
                "count:Q",
                alt.Tooltip("x:T", title="bin start", format="%Y-%m-%d %H:%M"),
            ],
        )
        .add_params(zoom)
        .properties(
            width=WIDTH,
            height=max(LANE_PX * n_lanes, 80),
            title=alt.Title(title or "", subtitle=subtitle),
        )
    )


def _width_text(width: timedelta) -> str:
    hours = width.total_seconds() / 3600
    return f"{hours:g} h" if hours < 24 else f"{hours / 24:g} d"
