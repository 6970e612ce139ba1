"""One look for every chart: the kind palette, marker shapes, fonts, lag axis ticks.

The palette is Okabe-Ito (safe for the common colour-vision deficiencies) and is fixed per
kind, so a warning is the same orange in the timeline, the episode strip and the brief.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from timeline.schema import CHANNELS, SUBTYPES

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

# Vega-Lite symbol shapes; the "form" of an event is its subtype, else its channel.
_SHAPE_CYCLE = (
    "square", "diamond", "triangle-up", "triangle-down", "cross",
    "triangle-right", "triangle-left", "circle",
)  # fmt: skip
FORMS: tuple[str, ...] = (*SUBTYPES, *(c for c in CHANNELS if c not in SUBTYPES), "not stated")
FORM_SHAPES: dict[str, str] = {
    form: _SHAPE_CYCLE[i % len(_SHAPE_CYCLE)] for i, form in enumerate(FORMS)
}
FORM_SHAPES.update({"not stated": "circle", "unknown": "circle", "other": "circle"})

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


def form_shape(
    present: Iterable[str] | None = None, title: str | None = "subtype / channel"
) -> alt.Shape:
    """Shape encoding on `form` (subtype, else channel) with a fixed shape per form."""
    keep = set(present) if present is not None else set(FORM_SHAPES)
    domain = [f for f in FORM_SHAPES if f in keep]
    scale = alt.Scale(domain=domain, range=[FORM_SHAPES[f] for f in domain])
    return alt.Shape("form:N", scale=scale, title=title)


def lag_axis_label_expr() -> str:
    """A labelExpr naming the lag ticks; built from constants only, never from data."""
    parts = [f"datum.value == {m} ? '{label}'" for m, label in LAG_TICKS_MIN]
    return " : ".join(parts) + " : ''"


def base_config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Shared fonts and title style, applied once at the top level."""
    return chart.configure(font=FONT).configure_title(anchor="start", subtitleColor="#555")
