"""One look for every chart: the kind palette and shapes, fonts, time and lag axes.

The palette is Okabe-Ito (safe for the common colour-vision deficiencies) and is fixed per
kind, so a warning is the same orange in the timeline, the episode strip and the brief.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import altair as alt

KIND_COLORS: dict[str, str] = {
    "warning": "#E69F00",  # orange
    "threat": "#F0E442",  # yellow
    "statement": "#56B4E9",  # sky blue
    "claim": "#0072B2",  # blue
    "denial": "#CC79A7",  # reddish purple
    "attack": "#D55E00",  # vermillion
    "arrest": "#009E73",  # bluish green
    "other": "#999999",  # grey
}

# One shape per kind, doubling the colour (so kinds stay apart in grey print and for
# colour-blind readers); no two kinds share a shape. Subtype and channel are in the tooltip.
KIND_SHAPES: dict[str, str] = {
    "warning": "triangle-up",
    "threat": "triangle-down",
    "statement": "circle",
    "claim": "diamond",
    "denial": "cross",
    "attack": "square",
    "arrest": "triangle-right",
    "other": "triangle-left",
}

# Liberation Sans is built into vl-convert, so exports look the same on every machine
# (browsers without it fall back to Arial/Helvetica, which has the same metrics).
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"

# Tick values (minutes) and labels for lag axes from one minute to a month.
LAG_TICKS_MIN: tuple[tuple[float, str], ...] = (
    (1, "1 min"), (10, "10 min"), (60, "1 h"), (360, "6 h"), (1440, "1 d"),
    (4320, "3 d"), (10080, "1 wk"), (43200, "30 d"),
)  # fmt: skip


def kind_scale(present: Iterable[str] | None = None) -> alt.Scale:
    """The fixed kind -> colour scale, listing only `present` kinds (colours never shift)."""
    keep = set(present) if present is not None else set(KIND_COLORS)
    domain = [k for k in KIND_COLORS if k in keep]
    return alt.Scale(domain=domain, range=[KIND_COLORS[k] for k in domain])


def kind_color(present: Iterable[str] | None = None, title: str | None = "kind") -> alt.Color:
    """Colour encoding on `kind` with the fixed palette."""
    return alt.Color("kind:N", scale=kind_scale(present), title=title)


def kind_shape(present: Iterable[str] | None = None, title: str | None = "kind") -> alt.Shape:
    """Shape encoding on `kind` (same title as the colour, so the two share one legend)."""
    keep = set(present) if present is not None else set(KIND_SHAPES)
    domain = [k for k in KIND_SHAPES if k in keep]
    scale = alt.Scale(domain=domain, range=[KIND_SHAPES[k] for k in domain])
    return alt.Shape("kind:N", scale=scale, title=title)


_WITH_YEAR = {
    "year": "%Y", "quarter": "%b %Y", "month": "%b %Y", "week": "%d %b %Y",
    "date": "%d %b %Y", "hours": "%d %b %Y %H:%M", "minutes": "%d %b %Y %H:%M",
    "seconds": "%H:%M:%S", "milliseconds": "%H:%M:%S.%L",
}  # fmt: skip
_NO_YEAR = {**_WITH_YEAR, "quarter": "%b", "month": "%b", "week": "%d %b", "date": "%a %d %b",
            "hours": "%a %d %b %H:%M", "minutes": "%H:%M"}  # fmt: skip


def time_axis(first: datetime, last: datetime, local_tz: str | None) -> tuple[alt.Axis, str]:
    """A time axis and its title for a span of wall-clock times shown on a UTC scale.

    When the span crosses a year every label carries the year; otherwise the title does.
    The title names the zone: the reader's browser zone never leaks in (UTC scale).
    """
    zone = f"{local_tz}, local" if local_tz and local_tz not in ("UTC", "Etc/UTC") else "UTC"
    last_in = last - timedelta(microseconds=1) if last > first else last
    if first.year != last_in.year:
        return alt.Axis(format=_WITH_YEAR, labelOverlap=True), f"time ({zone})"
    return alt.Axis(format=_NO_YEAR, labelOverlap=True), f"time ({zone}), {first.year}"


def lag_axis_label_expr() -> str:
    """A labelExpr naming the lag ticks; built from constants only, never from data."""
    parts = [f"datum.value == {m} ? '{label}'" for m, label in LAG_TICKS_MIN]
    return " : ".join(parts) + " : ''"


def base_config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Shared fonts and title style, applied once at the top level."""
    return chart.configure(font=FONT).configure_title(anchor="start", subtitleColor="#555")
