"""Spec -> bytes with vl-convert (no browser): PNG, SVG, PDF, standalone HTML.

The only module that talks to vl-convert. Fonts: the charts ask for Liberation Sans,
which vl-convert carries inside itself, so output is the same on every machine.
"""

from __future__ import annotations

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
            return safe_html(vlc.vegalite_to_html(spec, bundle=True)).encode("utf-8")
    except ValueError as exc:  # vl-convert reports a bad spec as ValueError
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid spec"
        raise TimelineError(f"Could not render the chart as {fmt}: {first}") from exc
    if fmt == "json":
        import json

        return json.dumps(spec, indent=2, ensure_ascii=False).encode("utf-8")
    raise TimelineError(f"Unknown export format {fmt!r}. Hint: use one of {', '.join(FORMATS)}.")


_SPEC_START, _SPEC_END = "\n    const spec = ", ";\n    const opts = "
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def _escaped(json_text: str) -> str:
    """JSON text with <, > and & written as \\u003c-style escapes: in JSON they occur only
    inside strings, where the escapes read back as the same characters, and without them
    no string can close a <script> block."""
    for char, escape in _ESCAPES.items():
        json_text = json_text.replace(char, escape)
    return json_text


def script_json(value: Any) -> str:
    """`value` as JSON that is safe to place inside a <script> block."""
    import json

    return _escaped(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def safe_html(html: str) -> str:
    """vl-convert's page with the embedded spec escaped, so event text cannot end the script.

    vl-convert writes the spec as raw JSON inside a <script> block: an actor or excerpt
    holding "</script>" would close it and run what follows. In JSON, <, > and & occur only
    inside strings, where \\u003c-style escapes read back as the same characters. Both
    markers hold a raw newline, which no JSON string can, so event text cannot forge them.
    A page whose layout we do not recognise is refused rather than written unescaped.
    """
    end = html.rfind(_SPEC_END)
    start = html.rfind(_SPEC_START, 0, max(end, 0))
    if start < 0 or end < 0:
        raise TimelineError(
            "Could not find the chart spec in vl-convert's HTML, so it cannot be escaped. "
            "Hint: export as PNG, SVG or PDF, or check the vl-convert-python version."
        )
    body = _escaped(html[start + len(_SPEC_START) : end])
    return html[: start + len(_SPEC_START)] + body + html[end:]
