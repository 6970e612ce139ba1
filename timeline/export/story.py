"""The view that tells the story, shared by `tl.chart`, `tl.brief`, the CLI and the dashboard.

Filters narrow the events (the one filter model, `timeline.query.Filters`); the lags are
paired on what is left; the first view spans the matched pairs (padded), as the dashboard
starts; times show in the events' own zone when they share one. Everything here is data
in, data out: no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from timeline.errors import TimelineError
from timeline.frames import to_polars
from timeline.query import Filters, as_filters

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

Clock = Literal["auto", "local", "utc"] | str | None
Which = Literal["timeline", "lags", "survival"]


@dataclass(frozen=True)
class Story:
    """Filtered events, their lag pairs, the first x window and the zone to show."""

    events: pl.DataFrame
    pairs: pl.DataFrame
    window: tuple[Any, Any] | None
    local_tz: str | None
    filters: Filters


def zone_for(events: pl.DataFrame, clock: Clock) -> str | None:
    """The zone to draw in: "auto" = the events' zone when they all share one, else UTC;
    "local" = the most common zone; "utc"/None = UTC; any other text is an IANA zone."""
    if clock is None or clock == "utc":
        return None
    zones = events.get_column("tz").drop_nulls() if "tz" in events.columns else pl.Series([])
    if clock == "auto":
        zone = zones[0] if zones.n_unique() == 1 else None
    elif clock == "local":
        zone = sorted(zones.mode().to_list())[0] if zones.len() else None
    else:
        zone = _checked(clock)
    return None if zone in ("UTC", "Etc/UTC") else zone


def _checked(clock: str) -> str:
    try:
        pl.Series([0]).cast(pl.Datetime("us", "UTC")).dt.convert_time_zone(clock)
    except Exception:  # polars names the bad zone in its own words
        raise TimelineError(
            f"Unknown time zone {clock!r}. Hint: use 'auto', 'local', 'utc' or an IANA zone."
        ) from None
    return clock


def focus_window(pairs: pl.DataFrame, min_pad: timedelta = timedelta(hours=12)) -> tuple | None:
    """From the first matched trigger to the last matched response, padded by a tenth of
    their span (at least `min_pad` each side); None when nothing was matched."""
    done = (
        pairs.filter(~pl.col("censored").fill_null(True)) if "censored" in pairs.columns else pairs
    )
    if done.height == 0 or "trigger_time" not in done.columns:
        return None
    start, end = done.get_column("trigger_time").min(), done.get_column("response_time").max()
    pad = max((end - start) / 10, min_pad)
    return start - pad, end + pad


def story(
    events: pd.DataFrame | pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    by: str | None = "actor",
    filters: Filters | dict[str, Any] | None = None,
    focus: bool = True,
    local_tz: Clock = "auto",
) -> Story:
    """Filter, pair, and choose the window and zone (see the module docstring)."""
    from timeline.analysis.pairing import lags

    chosen = as_filters(filters)
    ev = chosen.apply(to_polars(events, need=("event_id", "kind", "t_start")))
    if ev.height == 0:
        raise TimelineError("No events match the filters. Hint: widen the dates or drop a filter.")
    pairs = lags(ev, trigger=trigger, response=response, within=within, by=by)
    window = focus_window(pairs) if focus else None
    return Story(ev, pairs, window, zone_for(ev, local_tz), chosen)


def chart(
    events: pd.DataFrame | pl.DataFrame,
    which: Which = "timeline",
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    by: str | None = "actor",
    filters: Filters | dict[str, Any] | None = None,
    focus: bool = True,
    local_tz: Clock = "auto",
    out: str | Path | None = None,
    **export_options: Any,
) -> alt.TopLevelMixin | Path:
    """A chart of the filtered store (timeline, lags histogram or survival curve), drawn as
    the dashboard draws it; with `out`, written by `tl.export` (options: preset, title,
    subtitle, source_note, scale, dpi) and its path returned. A timeline with more sub-rows
    than the page holds is written as the overview (`page_slots`)."""
    from timeline import charts
    from timeline.analysis.survival import survival

    s = story(events, trigger, response, within, by=by, filters=filters, focus=focus,
              local_tz=local_tz)  # fmt: skip
    if which == "timeline":
        slots = page_slots(export_options.get("preset", "slide")) if out is not None else None
        made = charts.timeline_chart(s.events, s.pairs, local_tz=s.local_tz, window=s.window,
                                     **({"max_slots": slots} if slots else {}))  # fmt: skip
    elif which == "lags":
        made = charts.lag_histogram(s.pairs)
    elif which == "survival":
        made = charts.survival_chart(survival(s.pairs))
    else:
        raise TimelineError(f"Unknown chart {which!r}. Hint: use timeline, lags or survival.")
    if out is None:
        return made
    from timeline.export import export

    export_options.setdefault("source_note", source_line(s.events))
    return export(made, out, **export_options)


def page_slots(paper: str | Any) -> int:
    """How many sub-rows of the timeline a page of `paper` holds at full size: an export
    fits the chart to the page, so more rows would be squeezed until lane names overprint;
    above this the overview is drawn instead."""
    from timeline.charts.timeline import CHROME_PX, ROW_PX
    from timeline.export.pages import GAP, MARGIN
    from timeline.export.presets import preset

    p = preset(paper)
    room = p.height - 2 * MARGIN - (p.note_size + 4 + GAP) - CHROME_PX
    return max(8, int(room / ROW_PX) - 2)


def source_line(events: pl.DataFrame, most: int = 6) -> str:
    """'Sources: A, B and 3 more' from the events' `source` column ('' when none)."""
    if "source" not in events.columns:
        return ""
    names = (
        events.select(pl.col("source").str.split(";").explode().str.strip_chars())
        .filter(pl.col("source").str.len_chars() > 0)
        .unique()
        .sort("source")
        .get_column("source")
        .to_list()
    )
    shown = ", ".join(names[:most]) + (
        f" and {len(names) - most} more" if len(names) > most else ""
    )
    return f"Sources: {shown}" if shown else ""
