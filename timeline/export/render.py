"""Spec -> bytes with vl-convert (no browser): PNG, SVG, PDF, standalone HTML.

The only module that talks to vl-convert. Fonts: the charts ask for Liberation Sans,
which vl-convert carries inside itself, so output is the same on every machine.
"""

from __future__ import annotations

import io
from typing import Any

import vl_convert as vlc

from timeline.errors import TimelineError

FORMATS = ("png", "svg", "pdf", "html", "json")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def render(spec: dict[str, Any], fmt: str, *, scale: float = 1.0) -> bytes:
    """The chart in `fmt` as bytes (HTML bundles Vega so it works offline)."""
    try:
        if fmt == "png":
            return vlc.vegalite_to_png(spec, scale=scale)
        if fmt == "svg":
            return vlc.vegalite_to_svg(spec).encode("utf-8")
        if fmt == "pdf":
            return vlc.vegalite_to_pdf(spec)
        if fmt == "html":
            return vlc.vegalite_to_html(spec, bundle=True).encode("utf-8")
    except ValueError as exc:  # vl-convert reports a bad spec as ValueError
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid spec"
        raise TimelineError(f"Could not render the chart as {fmt}: {first}") from exc
    if fmt == "json":
        import json

        return json.dumps(spec, indent=2, ensure_ascii=False).encode("utf-8")
    raise TimelineError(f"Unknown export format {fmt!r}. Hint: use one of {', '.join(FORMATS)}.")


def fit_png(data: bytes, size: tuple[int, int]) -> bytes:
    """A PNG placed on a white canvas of exactly `size` (shrunk first if it is larger).

    Concatenated charts cannot be fitted by Vega-Lite itself; this keeps the preset's
    promise (a 1600x900 slide is 1600x900) without distorting the chart.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGBA")
    if image.size == size:
        return data
    if image.width > size[0] or image.height > size[1]:
        image.thumbnail(size, Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", size, (255, 255, 255, 255))
    canvas.paste(image, (0, 0), image)
    out = io.BytesIO()
    canvas.convert("RGB").save(out, format="PNG")
    return out.getvalue()
