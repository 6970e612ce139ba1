"""tl.brief: pages of real paper size, filters as on the dashboard, the source line drawn."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

import timeline as tl
from timeline import display
from timeline.errors import TimelineError
from timeline.export.brief import _pages, write_brief
from timeline.export.brief_table import split_cell
from timeline.export.pages import layout
from timeline.export.presets import preset

NOTE = "Source: test store, cite as required"


@pytest.fixture(scope="module")
def events():
    return tl.datasets.load("cairo-2014-01")


def _size(page) -> tuple[int, int]:
    box = page.mediabox
    return round(float(box.width)), round(float(box.height))


def test_pdf_is_one_a4_page_with_table_baseline_sources_and_caveats(tmp_path: Path, events) -> None:
    out = tl.brief(events, "warning", "attack", "7d", out=tmp_path / "b.pdf", title="Cairo brief")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert _size(reader.pages[0]) == (595, 842)
    text = reader.pages[0].extract_text()
    summary = tl.lag_summary(tl.lags(events), by="actor").iloc[0]
    hit_rate = display.rate(summary["hit_rate"], summary["hit_rate_low"], summary["hit_rate_high"])
    for figure in ("Cairo brief", *split_cell(hit_rate), str(summary["n_triggers"]),
                   "4 h to 1 d 9 h", "block null", "lift", "Mada Masr", "The Long War Journal",
                   "9 of 11 events are known only to the day", "censored",
                   "page 1 of 1", "time (Africa/Cairo, local)", "24 Jan 2014"):  # fmt: skip
        assert figure in text


@pytest.fixture(scope="module")
def big() -> pl.DataFrame:
    """300 actors over two years, day-level times for most events."""
    return tl.synth.generate(n_groups=300, days=730, warning_rate=0.02, background_rate=0.02,
                             vague_share=0.6, seed=5).events  # fmt: skip


@pytest.fixture(scope="module")
def big_brief(big, tmp_path_factory) -> dict:
    """The filtered brief of the big store, as PDF and as HTML (same arguments)."""
    busiest = big.group_by("actor").len().sort("len", descending=True)
    actors = busiest.get_column("actor").head(40).to_list()
    filters = tl.Filters.of(start="2014-03-01", end="2014-05-31", actors=actors)
    out = tmp_path_factory.mktemp("big")
    made = {"busiest": busiest, "actors": actors, "filters": filters}
    for ext in ("pdf", "html"):
        (made[ext],) = write_brief(big, out=out / f"big.{ext}", filters=filters,
                                   n_permutations=50, source_note=NOTE)  # fmt: skip
    return made


def test_brief_of_a_big_store_with_filters_is_a4_pages_busiest_first(big, big_brief) -> None:
    busiest, actors, filters = big_brief["busiest"], big_brief["actors"], big_brief["filters"]
    reader = PdfReader(big_brief["pdf"])
    n = len(reader.pages)
    assert n >= 2  # the table does not fit under the timeline: it continues
    assert all(_size(p) == (595, 842) for p in reader.pages)
    texts = [p.extract_text() for p in reader.pages]
    for i, text in enumerate(texts):
        assert NOTE in text and f"page {i + 1} of {n}" in text
    whole = "\n".join(texts)
    kept = filters.apply(big)
    pairs = tl.lags(kept, output="polars")
    triggers = pairs.group_by("actor").len().sort(["len", "actor"], descending=[True, False])
    top = triggers.get_column("actor")[0]
    table = whole[whole.index("Lags: warning -> attack") :]
    rows = [line for line in table.splitlines() if line.split(" ")[0] in set(actors)]
    assert rows[0].startswith(top)  # the busiest actor leads the table
    assert "2014-03-01 to 2014-05-31" in whole
    outside = set(busiest.get_column("actor").to_list()) - set(actors)
    assert not any(f"\n{a} " in table for a in outside)  # filtered-out actors are not listed
    assert f"{kept.height:,} events" in texts[0]


def _html_pages(html: str) -> list[list[dict]]:
    """The specs of each page of an HTML brief, in page order (footer last)."""
    start = html.index("const blocks = ") + len("const blocks = ")
    blocks = json.loads(html[start : html.index(";\n", start)])
    n = html.count('<section class="page"')
    return [[v for k, v in blocks.items() if k.startswith(f"p{i + 1}-")] for i in range(n)]


def test_html_brief_has_the_pdfs_pages_each_with_the_source_line(big_brief) -> None:
    pdf = [p.extract_text() for p in PdfReader(big_brief["pdf"]).pages]
    html = big_brief["html"].read_text(encoding="utf-8")
    pages = _html_pages(html)
    assert len(pages) == len(pdf) >= 2
    assert "@page { size: 595pt 842pt;" in html and "break-after: page" in html
    for i, (specs, text) in enumerate(zip(pages, pdf, strict=True)):
        footer = [r.get("t") for values in _data_values(specs[-1]) for r in values]
        assert footer[:2] == [NOTE, f"page {i + 1} of {len(pdf)}"]
        headings = [r["line"] for s in specs[:-1] for values in _data_values(s) for r in values
                    if r.get("bold") and "line" in r]  # fmt: skip
        assert headings and all(h in text for h in headings)  # the same blocks, same page


@pytest.mark.parametrize("paper", ["a4", "slide"])
def test_no_block_of_a_big_brief_is_shrunk_past_reading(big, big_brief, paper) -> None:
    """A timeline with more sub-rows than a page holds is drawn as the overview, not shrunk
    to fit (it was 4 pt type); the table's figures sit over their intervals, in pieces of
    a page (it was 5 pt type on A4, and shrunk to 58% on a slide)."""
    p = preset(paper)
    _, pages = _pages(big, "warning", "attack", "7d", p,
                      {"filters": big_brief["filters"], "n_permutations": 20})  # fmt: skip
    scales = [at.scale for blocks, foot in pages for at in layout(blocks, foot, p)]
    assert min(scales) >= 0.7  # pieces are laid out >= 680 wide: A4's 539 pt is 0.79


@pytest.mark.browser
def test_printing_the_html_brief_gives_the_pdfs_pages(big_brief) -> None:
    """Headless Chromium prints the HTML with its own @page size and breaks."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip(f"{chromium} is missing (apt-get install chromium)")
    printed = big_brief["html"].with_suffix(".printed.pdf")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(big_brief["html"].as_uri())
        page.wait_for_function(  # every block drawn by Vega
            "document.querySelectorAll('.block svg').length"
            " === document.querySelectorAll('.block').length",
            timeout=60_000,
        )
        page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
        browser.close()
    pages = PdfReader(printed).pages
    assert len(pages) == len(PdfReader(big_brief["pdf"]).pages)
    assert all(_size(p) == (595, 842) for p in pages)
    for i, p in enumerate(pages):
        assert NOTE in p.extract_text() and f"page {i + 1} of {len(pages)}" in p.extract_text()


def test_png_and_svg_briefs_write_pages_and_draw_the_source_line(tmp_path, events) -> None:
    (png,) = write_brief(events, out=tmp_path / "b.png", source_note=NOTE, n_permutations=50)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (svg,) = write_brief(events, out=tmp_path / "b.svg", source_note=NOTE, n_permutations=50)
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert (root.get("width"), root.get("height")) == ("595", "842")
    assert NOTE in [t.text for t in root.iter() if t.tag.endswith("text")]


def test_html_embeds_the_specs_and_the_source_line(tmp_path: Path, events) -> None:
    out = tl.brief(events, out=tmp_path / "b.html", title="Cairo brief", source_note=NOTE,
                   n_permutations=50)  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "<title>Cairo brief</title>" in html and "cairo-2014-01-23-audio-warning" in html
    (page,) = _html_pages(html)
    rows = [r for values in _data_values(page[-1]) for r in values if r.get("t") == NOTE]
    assert rows == [{"t": NOTE, "x": 0, "a": "left"}]  # a data row of a text mark
    assert not re.search(r"<script[^>]+src=", html)  # Vega bundled, no network


def test_html_brief_escapes_text_that_would_end_the_script(tmp_path: Path, events) -> None:
    hostile = "</script><script>alert('x')</script> & <b>"
    out = tl.brief(events, out=tmp_path / "b.html", title=hostile, source_note=hostile,
                   n_permutations=20)  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>" not in html
    assert html.count("</script>") == 2  # the bundle's and the specs'
    (page,) = _html_pages(html)
    assert [r["t"] for r in _data_values(page[-1])[0]] == [hostile]  # reads back intact


def _data_values(spec: object) -> list[list[dict]]:
    """Every inline data list in a spec (data.values and top-level datasets)."""
    out = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "values" and isinstance(value, list):
                out.append(value)
            elif key == "datasets":
                out += list(value.values())
            else:
                out += _data_values(value)
    elif isinstance(spec, list):
        for item in spec:
            out += _data_values(item)
    return out


def test_filters_narrow_the_brief_and_an_empty_selection_is_an_error(events) -> None:
    spec = tl.brief(events, filters={"kinds": ["warning", "attack"]}, n_permutations=20)
    assert "Filters: kinds: warning, attack" in json.dumps(spec)
    with pytest.raises(TimelineError, match="No events match the filters"):
        tl.brief(events, filters={"actors": ["nobody"]})
    with pytest.raises(TimelineError, match="is not a day"):
        tl.brief(events, filters={"start": "23/01/2014"})


def test_spec_without_out_and_bad_extension(tmp_path: Path, events) -> None:
    spec = tl.brief(events, n_permutations=20)
    assert "vconcat" in spec
    with pytest.raises(TimelineError, match=r"use \.pdf"):
        tl.brief(events, out=tmp_path / "b.docx")
