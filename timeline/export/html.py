"""A paged document as one HTML file: the PDF's pages, drawn live in the browser.

Each page is a box of the preset's paper size in pt, and each block sits where
`pages.layout` puts it on the PDF page, drawn by Vega in the browser (so tooltips work) and
shrunk as in the PDF: a CSS px is 3/4 pt, so a block Vega draws W px wide and the PDF
shrinks by k takes W*k pt when scaled by 4k/3. CSS @page gives the paper size and a break
after each page, so printing from a browser gives the PDF's pages. Specs go in as JSON with
<, > and & escaped (`script_json`), so no text from an event can close the script; the
title goes through `html.escape`. Vega, Vega-Lite and vega-embed are bundled (no network).
"""

from __future__ import annotations

from html import escape

import vl_convert as vlc

from timeline.export.pages import Block, layout
from timeline.export.presets import Preset
from timeline.export.render import script_json

PX_PER_PT = 4 / 3
_CSS = """
@page {{ size: {w}pt {h}pt; margin: 0; }}
html, body {{ margin: 0; padding: 0; background: #e8e8e8; }}
.page {{ position: relative; width: {w}pt; height: {h}pt; overflow: hidden;
  background: white; margin: 16pt auto; box-shadow: 0 1pt 4pt rgba(0, 0, 0, 0.25);
  break-after: page; page-break-after: always; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
.block {{ position: absolute; transform-origin: 0 0; }}
@media print {{
  html, body {{ background: white; }}
  .page {{ margin: 0; box-shadow: none; }}
}}
"""
_RUN = """
for (const [id, spec] of Object.entries(blocks)) {
  vegaEmbed('#' + id, spec, {renderer: 'svg', actions: false}).catch(console.error);
}
"""


def pages_html(pages: list[tuple[list[Block], Block]], p: Preset, title: str) -> str:
    """The HTML document of `pages` (each: its blocks and its footer) on `p`'s paper."""
    sections, specs = [], {}
    for n, (blocks, footer) in enumerate(pages, start=1):
        divs = []
        for i, at in enumerate(layout(blocks, footer, p)):
            key = f"p{n}-b{i}"
            specs[key] = at.block.spec
            style = (
                f"left:{at.x:.2f}pt;top:{at.y:.2f}pt;transform:scale({at.scale * PX_PER_PT:.5f})"
            )
            divs.append(f'<div class="block" style="{style}"><div id="{key}"></div></div>')
        sections.append(f'<section class="page" data-page="{n}">{"".join(divs)}</section>')
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="UTF-8">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{_CSS.format(w=p.width, h=p.height)}</style>\n"
        f'<script type="text/javascript">{vlc.javascript_bundle()}</script>\n'
        "</head>\n<body>\n" + "\n".join(sections) + "\n"
        f'<script type="text/javascript">\nconst blocks = {script_json(specs)};\n{_RUN}'
        "</script>\n</body>\n</html>\n"
    )
