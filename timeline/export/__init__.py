"""Charts out of Python into files for briefings: PNG, SVG, PDF, HTML (and the spec as JSON).

    tl.export(chart, "lags.png", preset="slide", title="...", source_note="Source: ...")

The format follows the file's extension. Rendering is server-side with vl-convert, so no
browser is needed and output does not depend on the viewer's time zone or fonts.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import altair as alt

from timeline.charts.style import FONT
from timeline.errors import TimelineError
from timeline.export.presets import PRESETS, Preset, preset
from timeline.export.presets import preset as _resolve
from timeline.export.render import FORMATS, fit_png, render

_SINGLE = (alt.Chart, alt.LayerChart)


def _footer(note: str, p: Preset) -> alt.Chart:
    """The source line as a text mark (data, never an expression) under the plot."""
    return (
        alt.Chart(alt.Data(values=[{"note": note}]))
        .mark_text(
            align="left",
            baseline="top",
            x=0,
            y=alt.expr("height + 56"),
            fontSize=p.note_size,
            color="#555",
            font=FONT,
        )
        .encode(text="note:N")
    )


def compose(
    chart: alt.TopLevelMixin,
    p: Preset,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
) -> dict[str, Any]:
    """The chart as a Vega-Lite dict sized for the preset, with title and source line."""
    if not isinstance(chart, alt.TopLevelMixin):
        raise TimelineError(f"Expected an Altair chart, got {type(chart).__name__}")
    old = getattr(chart, "title", alt.Undefined)
    old_text = getattr(old, "text", old) if old is not alt.Undefined else None
    old_sub = getattr(old, "subtitle", None) if old is not alt.Undefined else None
    text = title if title is not None else (old_text if isinstance(old_text, str) else "")
    sub = subtitle if subtitle is not None else old_sub
    head = alt.Title(text or "", subtitle=sub if isinstance(sub, str | list) else alt.Undefined)
    single = isinstance(chart, _SINGLE)
    if source_note:
        chart = (
            alt.layer(chart, _footer(source_note, p))
            if single
            else alt.vconcat(chart, _footer(source_note, p).properties(width=10, height=10))
        )
    chart = chart.properties(title=head)
    spec = chart.to_dict()
    if single:
        spec.update(width=p.width, height=p.height)
        spec["autosize"] = {"type": "fit", "contains": "padding"}
    spec["padding"] = {
        "left": 24,
        "right": 24,
        "top": 20,
        "bottom": 24 + (30 if source_note else 0),
    }
    spec["background"] = "white"
    spec.setdefault("config", {}).update(_config(p))
    return spec


def _config(p: Preset) -> dict[str, Any]:
    return {
        "font": FONT,
        "title": {"fontSize": p.title_size, "subtitleFontSize": p.label_size,
                  "anchor": "start", "subtitleColor": "#444", "offset": 12},
        "axis": {"labelFontSize": p.label_size - 1, "titleFontSize": p.label_size},
        "legend": {"labelFontSize": p.label_size - 1, "titleFontSize": p.label_size},
    }  # fmt: skip


def export(
    chart: alt.TopLevelMixin,
    path: str | Path,
    preset: str | Preset = "slide",
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    scale: float = 1.0,
    dpi: float | None = None,
) -> Path:
    """Write `chart` to `path` (.png/.svg/.pdf/.html/.json) sized for `preset`.

    PNG size is the preset's size times `scale` (or dpi/96). Returns the path written.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise TimelineError(
            f"Cannot export to {path.name!r}: unknown extension. Hint: use .png, .svg, .pdf, "
            ".html or .json."
        )
    p = _resolve(preset)
    scale = dpi / 96 if dpi else scale
    spec = compose(chart, p, title=title, subtitle=subtitle, source_note=source_note)
    data = render(spec, fmt, scale=scale)
    if fmt == "png":
        data = fit_png(data, p.size(scale))
    path.write_bytes(data)
    return path


class _CallableModule(types.ModuleType):
    """`timeline.export` is both this package and the function `tl.export`.

    Once `timeline.export` is imported, Python binds the package to `timeline.export`,
    shadowing the lazy function export; calling the package calls `export`, so
    `tl.export(chart, path)` works either way.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Path:
        return export(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["PRESETS", "Preset", "compose", "export", "preset"]
