"""The timeline: overview of many events, detail of few.

Detail (up to `max_marks` events): one lane per actor (the busiest `max_lanes`, the rest
folded into "other actors"), each event a marker coloured and shaped by its kind, vague
times as bars over their interval, events that would overprint stacked in sub-rows, and
each matched trigger linked to its response with the lag written on. Overview (more
events): counts per lane and time bin on a log colour scale (the named lanes' own; "other
actors" in greys, see `density`), binned in polars, so the chart carries bins, not rows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import altair as alt
import polars as pl

from timeline.charts.density import density_layers
from timeline.charts.lanes import (
    OTHER,
    SLOT_MARK,
    bin_counts,
    bin_width,
    lane_expr,
    lane_order,
    slot_order,
    width_text,
)
from timeline.charts.prep import (
    EXACT,
    ISO,
    ORDER_KNOWN,
    ORDER_UNKNOWN,
    RANGE,
    Lanes,
    display_events,
    events_frame,
    link_frame,
    wall_clock,
)
from timeline.charts.style import kind_color, kind_scale, kind_shape, time_axis
from timeline.errors import TimelineError

if TYPE_CHECKING:
    import pandas as pd

WIDTH = 800
ROW_PX = 20  # one sub-row of a lane
MARKER_PX = 12  # events closer than this on screen stack in sub-rows
CHROME_PX = 110  # title lines, time axis and its title
MAX_SLOTS = 150  # more sub-rows than this is no longer detail: draw the overview
OVERVIEW_BINS = 160  # bins per lane across the overview's width
MAX_LABELS = 12  # lag labels written on the chart; above this the tooltip carries them
_LANE_LABELS = "indexof(datum.label, '\u2063') >= 0 ? '' : datum.label"


def _x(field: str, axis: tuple[alt.Axis, str], domain: list[int] | None = None) -> alt.X:
    scale = alt.Scale(type="utc", domain=domain) if domain else alt.Scale(type="utc", padding=40)
    return alt.X(f"{field}:T", scale=scale, axis=axis[0], title=axis[1])


def _y(slots: list[str]) -> alt.Y:
    axis = alt.Axis(labelLimit=200, labelExpr=_LANE_LABELS, ticks=False, domain=False)
    return alt.Y("slot:N", sort=slots, title=None, axis=axis, scale=alt.Scale(paddingOuter=1))


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


def _event_layers(shown: pl.DataFrame, slots: list[str], x: Any) -> alt.LayerChart:
    """A bar over each vague event's interval, and a marker per event (hollow if vague).

    Colour and shape both say the kind (one legend); a filled marker is an exact time, a
    hollow one the midpoint of a time range whose bar is drawn (the key says so).
    """
    kinds = shown.get_column("kind").unique().to_list()
    pick = alt.selection_point(name="event", fields=["event_id"], on="click", clear="dblclick")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    base = alt.Chart(shown).encode(y=_y(slots), color=kind_color(kinds), tooltip=_tooltip())
    bars = (
        base.transform_filter("!datum.exact")
        .mark_bar(height={"band": 0.55}, cornerRadius=2, opacity=0.45, clip=True)
        .encode(x=x("x"), x2="x2:T")
    )
    points = (
        base.mark_point(size=90, strokeWidth=2, filled=True, clip=True)
        .encode(
            x=x("mid"),
            shape=kind_shape(kinds),
            stroke=alt.Stroke("kind:N", scale=kind_scale(kinds), title="kind"),
            fillOpacity=alt.condition("datum.exact", alt.value(1.0), alt.value(0.15)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
        )
        .add_params(zoom, pick)
    )
    return alt.layer(bars, points) if not shown.get_column("exact").all() else points


def _zebra(shown: pl.DataFrame, order: list[str], slots: list[str]) -> alt.Chart:
    """A faint band behind every other lane, so a lane's sub-rows read as one lane."""
    shaded = set(order[1::2])
    rows = [{"slot": s} for s in slots if s.split(SLOT_MARK)[0] in shaded]
    return (
        alt.Chart(alt.Data(values=rows or [{"slot": ""}]))
        .mark_rect(color="#000", opacity=0.045 if rows else 0.0)
        .encode(y=_y(slots))
    )


DASHES = {ORDER_KNOWN: [1, 0], ORDER_UNKNOWN: [4, 3]}


def _link_layers(links: pl.DataFrame, slots: list[str], x: Any) -> list[alt.Chart]:
    """Trigger -> response rules (dashed when the order is unknown) with the lag written."""
    if links.height == 0:
        return []
    present = [v for v in (ORDER_KNOWN, ORDER_UNKNOWN) if v in set(links.get_column("link"))]
    dash = alt.StrokeDash(
        "link:N",
        scale=alt.Scale(domain=present, range=[DASHES[v] for v in present]),
        title="link",
    )
    base = alt.Chart(links).encode(
        y=_y(slots),
        tooltip=[
            alt.Tooltip("lag_text:N", title="lag"),
            alt.Tooltip("trigger_id:N", title="trigger"),
            alt.Tooltip("response_id:N", title="response"),
            alt.Tooltip("order_ambiguous:N", title="order ambiguous"),
        ],
    )
    rule = base.mark_rule(color="#333", strokeWidth=1.5, clip=True).encode(
        x=x("x"), x2="x2:T", y2="slot2:N", strokeDash=dash
    )
    if links.height > MAX_LABELS:  # written on, many labels overprint: the tooltip has each
        return [rule]
    text = base.mark_text(dy=-11, fontSize=11, color="#222", clip=True).encode(
        x=x("xm"), text="lag_text:N"
    )
    return [rule, text]


def _window_utc(window: tuple[Any, Any]) -> pl.Series:
    """The window's two ends in UTC (a Datetime series named "t")."""
    ends = [datetime.fromisoformat(t) if isinstance(t, str) else t for t in window]
    if not all(isinstance(t, datetime) and t.tzinfo is not None for t in ends):
        raise TimelineError("window needs two time-zone-aware times (start, end)")
    ends = pl.Series("t", ends)
    if not isinstance(ends.dtype, pl.Datetime) or ends.dtype.time_zone is None:
        raise TimelineError("window needs two time-zone-aware times (start, end)")
    return ends.dt.convert_time_zone("UTC")


def _window(window: tuple[Any, Any] | None, local_tz: str | None) -> list[int] | None:
    """The x window as epoch milliseconds (shifted to wall clock like the data), or None."""
    if window is None:
        return None
    frame = pl.DataFrame(_window_utc(window))
    return frame.select(wall_clock("t", local_tz).dt.epoch("ms")).to_series().to_list()


def _in_window(df: pl.DataFrame, window: tuple[Any, Any] | None) -> pl.DataFrame:
    """The events the window shows (all of them without a window, or when it shows none):
    the overview bins what is on screen, so a two-day window on a 50-year store gets
    hour bins and its own busiest lanes, not one 365-day bar per lane."""
    if window is None:
        return df
    lo, hi = _window_utc(window).to_list()
    shown = df.filter((pl.col("t_end") >= lo) & (pl.col("t_start") <= hi))
    return shown if shown.height else df


def _extent(df: pl.DataFrame, local_tz: str | None, domain: list[int] | None) -> tuple:
    """First and last wall-clock time shown (the window if given, else the data)."""
    if domain:
        lo, hi = (datetime.fromtimestamp(ms / 1000, tz=UTC) for ms in domain)
        return lo, max(hi, lo + timedelta(hours=1))
    row = df.select(
        lo=wall_clock(pl.col("t_start").min(), local_tz),
        hi=wall_clock(pl.col("t_end").max(), local_tz),
    ).row(0)
    return row[0], max(row[1], row[0] + timedelta(hours=1))


def _axis(df: pl.DataFrame, local_tz: str | None, domain: list[int] | None) -> tuple:
    """The time axis for everything the reader can pan to: the data and the window."""
    ends = [*_extent(df, local_tz, None), *(_extent(df, local_tz, domain) if domain else [])]
    return time_axis(min(ends), max(ends), local_tz)


def _midpoint(links: pl.DataFrame) -> pl.DataFrame:
    t = [pl.col(c).str.to_datetime(ISO, time_zone="UTC") for c in ("x", "x2")]
    return links.with_columns(xm=(t[0] + (t[1] - t[0]) / 2).dt.strftime(ISO))


def _height(row_px: int, rows: int) -> int:
    """Plot rows plus room for title, axis and legend: the dashboard fits the whole chart
    (autosize "fit") into this height, so without the room the rows shrink and the lane
    labels start to hide one another."""
    return max(row_px * rows, 80) + CHROME_PX


def _heading(title: str | None, subtitle: list[str]) -> dict[str, Any]:
    if not title and not subtitle:
        return {}
    return {"title": alt.Title(title or " ", subtitle=subtitle or alt.Undefined)}


def timeline_chart(
    events: pd.DataFrame | pl.DataFrame,
    pairs: pd.DataFrame | pl.DataFrame | None = None,
    *,
    lanes: Lanes = "actor",
    local_tz: str | None = None,
    title: str | None = None,
    max_marks: int = 2000,
    max_lanes: int = 12,
    max_slots: int = MAX_SLOTS,
    window: tuple[Any, Any] | None = None,
) -> alt.LayerChart | alt.Chart:
    """Events per lane over time, with lag links from `pairs` (the output of tl.lags).

    Needs event_id, kind, t_start (t_end, actor, subtype, channel, time_text, source,
    excerpt, tz used when present). Above `max_marks` events, or when stacking would need
    more than `max_slots` rows (a page's worth, for a brief), the overview (`heat_strip`)
    is drawn instead. Selections:
    "event" (click, on event_id), "zoom" (x). `window=(start, end)` (UTC-aware) fixes the
    initial x range; marks outside are clipped until the reader pans.
    """
    if lanes not in ("actor", "kind"):
        raise TimelineError(f"lanes={lanes!r} is unknown. Hint: use 'actor' or 'kind'.")
    df = events_frame(events)
    if df.height > max_marks:  # decide before preparing a row per event
        why = f"more than {max_marks:,} events"
        return _overview(df, lanes, local_tz, title, OVERVIEW_BINS, max_lanes, window, why)
    domain = _window(window, local_tz)
    lo, hi = _extent(df, local_tz, domain)
    order, folded = lane_order(df, lanes, max_lanes)
    gap = (hi - lo) * (MARKER_PX / WIDTH)
    shown = display_events(df, lanes=lanes, local_tz=local_tz, order=order, min_width=gap)
    slots = slot_order(shown, order)
    if len(slots) > max_slots:
        why = "too many overlapping events"
        return _overview(df, lanes, local_tz, title, OVERVIEW_BINS, max_lanes, window, why)
    axis = _axis(df, local_tz, domain)

    def x(field: str) -> alt.X:
        return _x(field, axis, domain)

    layers: list = [_zebra(shown, order, slots), _event_layers(shown, slots, x)]
    links = _midpoint(link_frame(pairs, shown)) if pairs is not None else None
    if links is not None:
        layers += _link_layers(links, slots, x)
    sub = [f"{len(order) - 1} busiest actors; {folded:,} more in '{OTHER}'"] if folded else []
    if links is not None and links.height > MAX_LABELS:
        sub.append(f"{links.height} lag links: each lag in its tooltip and in the table")
    size = {"width": WIDTH, "height": _height(ROW_PX, len(slots) + 2)}
    # sized and titled as it is made: each .properties() deep-copies every layer
    return alt.layer(*layers, **size, **_heading(title, [*sub, time_key(shown)]))


def time_key(shown: pl.DataFrame) -> str:
    """The key to what marks mean beyond the legend: filled vs hollow, bars, sub-rows."""
    exact = shown.get_column("exact")
    parts = []
    if exact.any():
        parts.append(f"filled marker: {EXACT}")
    if not exact.all():
        parts.append(f"bar: {RANGE}, hollow marker at its midpoint")
    if shown.get_column("row").max():
        parts.append("overlapping events stacked in sub-rows")
    return "; ".join(parts)


def heat_strip(
    events: pd.DataFrame | pl.DataFrame,
    *,
    lanes: Lanes = "actor",
    local_tz: str | None = None,
    title: str | None = None,
    max_bins: int = OVERVIEW_BINS,
    max_lanes: int = 12,
    window: tuple[Any, Any] | None = None,
    why: str = "",
) -> alt.LayerChart:
    """Counts per lane and time bin on a log colour scale the named lanes fill; the folded
    "other actors" in greys on a scale of its own (see `density`)."""
    return _overview(events_frame(events), lanes, local_tz, title, max_bins, max_lanes, window,
                     why)  # fmt: skip


def _bins(
    df: pl.DataFrame, lanes: Lanes, order: list[str], local_tz: str | None, max_bins: int,
    domain: list[int] | None,
) -> tuple[pl.DataFrame, timedelta]:  # fmt: skip
    """Counts per lane (as `slot`) and time bin of the event midpoints, and the bin width
    (from the window shown when there is one)."""
    mid = pl.col("t_start") + (pl.col("t_end") - pl.col("t_start")) / 2
    pts = df.select(lane=lane_expr(lanes, order), kind="kind", t=wall_clock(mid, local_tz))
    lo, hi = _extent(df, local_tz, domain)
    width = bin_width(hi - lo, max(max_bins, 1))
    binned = bin_counts(pts, "t", width).select(
        pl.col("lane").alias("slot"),
        "count",
        "kinds",
        x=pl.col("start").dt.strftime(ISO),
        x2=pl.col("end").dt.strftime(ISO),
        bin=pl.col("start").dt.strftime("%Y-%m-%d %H:%M"),
    )
    return binned, width


def _overview(
    df: pl.DataFrame,
    lanes: Lanes,
    local_tz: str | None,
    title: str | None,
    max_bins: int,
    max_lanes: int,
    window: tuple[Any, Any] | None,
    why: str,
) -> alt.LayerChart:
    domain = _window(window, local_tz)
    df = _in_window(df, window)
    order, folded = lane_order(df, lanes, max_lanes)
    binned, width = _bins(df, lanes, order, local_tz, max_bins, domain)
    axis = _axis(df, local_tz, domain)
    notes = [f"{df.height:,} events in {width_text(width)} bins" + (f" ({why})" if why else "")]
    if folded:
        notes.append(f"{len(order) - 1} busiest actors; {folded:,} more in '{OTHER}', "
                     "drawn in greys on a scale of its own")  # fmt: skip
    notes.append("filter or zoom to fewer events to see each one")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    encode = {
        "x": _x("x", axis, domain),
        "x2": "x2:T",
        "y": _y(order),
        "tooltip": [
            alt.Tooltip("slot:N", title="lane"),
            "count:Q",
            "kinds:N",
            alt.Tooltip("bin:N", title="bin start"),
        ],
    }
    height = _height(int(ROW_PX * 1.2), len(order) + 2)
    first, *rest = density_layers(binned, encode, width_text(width), folded, height - CHROME_PX)
    chart = alt.layer(first.add_params(zoom), *rest, width=WIDTH, height=height,
                      **_heading(title, notes))  # fmt: skip
    return chart.resolve_scale(color="independent")
