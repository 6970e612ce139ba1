"""Pages of paper: blocks (Vega-Lite specs rendered to SVG) stacked on pages of an exact size.

Vega-Lite sizes a drawing by its content, so a PDF straight from vl-convert is as tall as
the brief (6.6 m on a big store). Here each block is rendered to SVG on its own, measured,
scaled down to the page width when wider, and placed on pages of the preset's size; what
does not fit continues on the next page. Every page carries the footer (source line and
page number) at its foot. SVG pages then become PNG or PDF with vl-convert, and PDF pages
are joined into one file with pypdf.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vl_convert as vlc

from timeline.errors import TimelineError
from timeline.export.presets import Preset
from timeline.export.render import render

MARGIN = 28  # page margin, pt
GAP = 10  # between blocks, pt
_ID = re.compile(r'(\bid="|url\(#|href="#)([^"()]+)')
_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', re.S)


@dataclass(frozen=True)
class Block:
    """One rendered piece of a page: its SVG and its size in pt (before any scaling), and
    the spec it was drawn from (HTML draws it again, live, in the browser)."""

    svg: str
    width: float
    height: float
    spec: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, spec: dict[str, Any]) -> Block:
        """Render a Vega-Lite spec to SVG and measure it."""
        svg = render(spec, "svg").decode("utf-8")
        match = _SIZE.search(svg)
        if match is None:
            raise TimelineError("Could not read the size of a rendered chart (vl-convert SVG).")
        return cls(svg, float(match.group(1)), float(match.group(2)), spec)

    def placed(self, at: Placed, key: str) -> str:
        """The block as an SVG group where `at` puts it.

        Vega numbers its clip paths from 1 in every SVG; `key` makes this block's ids
        unique on the page (a clash would clip one block's marks by another's rectangle).
        """
        svg = _ID.sub(lambda m: f"{m.group(1)}{key}-{m.group(2)}", self.svg)
        body = svg[svg.index(">") + 1 : svg.rindex("</svg>")]
        # a group, not a nested <svg>: resvg drops paths reaching far outside a nested
        # viewport (bars of long intervals), a group keeps them (Vega clips them itself)
        return f'<g transform="translate({at.x:.2f},{at.y:.2f}) scale({at.scale:.5f})">{body}</g>'


@dataclass(frozen=True)
class Placed:
    """A block's place on a page: top-left corner (pt) and the factor it is shrunk by."""

    block: Block
    x: float
    y: float
    scale: float


def fit_height(block: Block, width: float) -> float:
    """The height a block takes once shrunk to `width`."""
    return block.height * min(1.0, width / block.width) if block.width else block.height


def paginate(blocks: list[Block], p: Preset, footer_h: float) -> list[list[Block]]:
    """Blocks in order, as many per page as fit; a block taller than a page gets its own
    page (shrunk to fit there, see `layout`)."""
    room = p.height - 2 * MARGIN - footer_h
    width = p.width - 2 * MARGIN
    pages: list[list[Block]] = [[]]
    used = 0.0
    for block in blocks:
        h = fit_height(block, width)
        if pages[-1] and used + GAP + h > room:
            pages.append([])
            used = 0.0
        used += (GAP if pages[-1] else 0) + h
        pages[-1].append(block)
    return pages


def layout(blocks: list[Block], footer: Block, p: Preset) -> list[Placed]:
    """Where a page's blocks go: from the top, each shrunk to the page width when wider
    (all of them further when one block is taller than the page); the footer last, at
    the foot. The one layout of a page: the SVG/PDF page and the HTML page both use it."""
    width = p.width - 2 * MARGIN
    room = p.height - 2 * MARGIN - fit_height(footer, width) - GAP
    total = sum(fit_height(b, width) for b in blocks) + GAP * max(len(blocks) - 1, 0)
    k = min(1.0, room / total) if total else 1.0  # one block taller than a page: shrink it
    out, y = [], float(MARGIN)
    for block in blocks:
        scale = min(1.0, width * k / block.width) if block.width else 1.0
        out.append(Placed(block, MARGIN, y, scale))
        y += block.height * scale + GAP
    foot = min(1.0, width / footer.width) if footer.width else 1.0
    out.append(Placed(footer, MARGIN, p.height - MARGIN - fit_height(footer, width), foot))
    return out


def page_svg(blocks: list[Block], footer: Block, p: Preset) -> str:
    """One page of exactly the preset's size: blocks from the top, footer at the foot."""
    parts = [at.block.placed(at, f"b{i}") for i, at in enumerate(layout(blocks, footer, p))]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{p.width}" height="{p.height}" viewBox="0 0 {p.width} {p.height}">'
        f'<rect width="{p.width}" height="{p.height}" fill="white"/>' + "".join(parts) + "</svg>"
    )


def write_pages(pages: list[str], path: Path, *, scale: float = 1.0) -> list[Path]:
    """Write SVG pages: one PDF holding them all, or one PNG/SVG file per page
    (`name.png`, `name-2.png`, ...). Returns the paths written."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt == "pdf":
        path.write_bytes(_pdf(pages))
        return [path]
    out = []
    for i, svg in enumerate(pages):
        target = path if i == 0 else path.with_name(f"{path.stem}-{i + 1}{path.suffix}")
        data = vlc.svg_to_png(svg, scale=scale) if fmt == "png" else svg.encode("utf-8")
        target.write_bytes(data)
        out.append(target)
    return out


def _pdf(pages: list[str]) -> bytes:
    if len(pages) == 1:
        return vlc.svg_to_pdf(pages[0])
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for svg in pages:
        writer.append(PdfReader(io.BytesIO(vlc.svg_to_pdf(svg))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
