"""Charts out of Python into files for briefings: PNG, SVG, PDF, HTML (and the spec as JSON).

    tl.export(chart, "lags.pdf", preset="a4", title="...", source_note="Source: ...")

The format follows the file's extension. Rendering is server-side with vl-convert, so no
browser is needed and output does not depend on the viewer's time zone or fonts. Pages
are real paper sizes (`presets`); the source line is drawn at the foot of every page.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import altair as alt

from timeline.charts.style import FONT
from timeline.errors import TimelineError
from timeline.export.pages import GAP, MARGIN, Block, page_svg, write_pages
from timeline.export.presets import PRESETS, Preset, preset
from timeline.export.presets import preset as _resolve
from timeline.export.render import FORMATS, render

_SINGLE = (alt.Chart, alt.LayerChart)
_CHROME_W, _CHROME_H = 170, 120  # room for legend and axes when a concat must fit by hand


def footer_spec(note: str | None, p: Preset, width: float, page: str = "") -> dict[str, Any]:
    """The source line (and page number) as text marks: data, never an expression."""
    rows = [{"t": note or "", "x": 0, "a": "left"}]
    if page:
        rows.append({"t": page, "x": width, "a": "right"})
    style = {"baseline": "top", "fontSize": p.note_size, "color": "#444", "font": FONT}
    left = alt.Chart(alt.Data(values=rows[:1])).mark_text(align="left", **style)
    right = alt.Chart(alt.Data(values=rows[1:] or [{"t": "", "x": width}]))
    layer = alt.layer(
        left.encode(x=alt.value(0), text="t:N"),
        right.mark_text(align="right", **style).encode(x=alt.value(width), text="t:N"),
    )
    spec = layer.properties(width=width, height=p.note_size + 4).to_dict()
    spec.update(background="white", padding=0)
    spec.setdefault("config", {}).update(view={"stroke": None})
    return spec


def _heading(chart: alt.TopLevelMixin, title: str | None, subtitle: str | None) -> alt.Title:
    old = getattr(chart, "title", alt.Undefined)
    old_text = getattr(old, "text", old) if old is not alt.Undefined else None
    old_sub = getattr(old, "subtitle", None) if old is not alt.Undefined else None
    text = title if title is not None else (old_text if isinstance(old_text, str) else "")
    own = [old_sub] if isinstance(old_sub, str) else old_sub
    own = list(own) if isinstance(own, list | tuple) else []
    lines = [*([subtitle] if subtitle else []), *own]  # the chart's own key lines stay
    return alt.Title(text or "", subtitle=lines or alt.Undefined)


def compose(
    chart: alt.TopLevelMixin,
    p: Preset,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    footer_h: float = 0.0,
) -> dict[str, Any]:
    """The chart as a Vega-Lite dict sized for the preset (less `footer_h` at the foot),
    with its title. With `source_note` (HTML, JSON) the source line is concatenated under
    the chart; files with pages get it from `export` as a footer instead."""
    if not isinstance(chart, alt.TopLevelMixin):
        raise TimelineError(f"Expected an Altair chart, got {type(chart).__name__}")
    head = _heading(chart, title, subtitle)
    single = isinstance(chart, _SINGLE)
    width, height = p.width - 2 * MARGIN, p.height - 2 * MARGIN - footer_h
    if source_note:  # no autosize "fit" for a concat: size the chart by hand
        if single:
            chart = chart.properties(width=width - _CHROME_W, height=height - _CHROME_H)
        note = (
            alt.Chart(alt.Data(values=[{"note": source_note}]))
            .mark_text(align="left", baseline="top", fontSize=p.note_size, color="#444", font=FONT)
            .encode(x=alt.value(0), text="note:N")
        )
        spec = alt.vconcat(chart, note.properties(width=10, height=p.note_size + 4))
        spec = spec.properties(title=head).to_dict()
    else:
        spec = chart.properties(title=head).to_dict()
        if single:
            spec.update(width=width, height=height)
            spec["autosize"] = {"type": "fit", "contains": "padding"}
    spec["padding"] = 0
    spec["background"] = "white"
    spec.setdefault("config", {}).update(_config(p))
    return spec


def _config(p: Preset) -> dict[str, Any]:
    return {
        "font": FONT,
        "title": {"fontSize": p.title_size, "subtitleFontSize": p.label_size,
                  "anchor": "start", "subtitleColor": "#444", "offset": 10},
        "axis": {"labelFontSize": p.label_size - 1, "titleFontSize": p.label_size},
        "legend": {"labelFontSize": p.label_size - 1, "titleFontSize": p.label_size},
        "view": {"stroke": None},
    }  # fmt: skip


def export(
    chart: alt.TopLevelMixin,
    path: str | Path,
    preset: str | Preset = "slide",
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    scale: float | None = None,
    dpi: float | None = None,
) -> Path:
    """Write `chart` to `path` (.png/.svg/.pdf/.html/.json) on a page of `preset`'s size.

    PDF and SVG pages are exactly the preset (A4 is 595 x 842 pt); a PNG is `scale` pixels
    per point (default 2, or dpi / 72). The source line, when given, is drawn in every
    format: at the foot of the page (PNG, SVG, PDF) or under the chart (HTML, JSON).
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise TimelineError(
            f"Cannot export to {path.name!r}: unknown extension. Hint: use .png, .svg, .pdf, "
            ".html or .json."
        )
    p = _resolve(preset)
    scale = dpi / 72 if dpi else (scale if scale is not None else 2.0)
    if fmt in ("html", "json"):
        spec = compose(chart, p, title=title, subtitle=subtitle, source_note=source_note)
        path.write_bytes(render(spec, fmt))
        return path
    foot = Block.of(footer_spec(source_note, p, p.width - 2 * MARGIN))
    spec = compose(chart, p, title=title, subtitle=subtitle, footer_h=foot.height + GAP)
    page = page_svg([Block.of(spec)], foot, p)
    return write_pages([page], path, scale=scale)[0]


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
