"""tl.brief: pages of real paper size, filters as on the dashboard, the source line drawn."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

import timeline as tl
from timeline import display
from timeline.errors import TimelineError
from timeline.export.brief import write_brief

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
    for figure in ("Cairo brief", hit_rate, str(summary["n_triggers"]),
                   "4 h to 1 d 9 h", "block null", "lift", "Mada Masr", "The Long War Journal",
                   "9 of 11 events are known only to the day", "censored",
                   "page 1 of 1", "time (Africa/Cairo, local)", "24 Jan 2014"):  # fmt: skip
        assert figure in text


@pytest.fixture(scope="module")
def big() -> pl.DataFrame:
    """300 actors over two years, day-level times for most events."""
    return tl.synth.generate(n_groups=300, days=730, warning_rate=0.02, background_rate=0.02,
                             vague_share=0.6, seed=5).events  # fmt: skip


def test_brief_of_a_big_store_with_filters_is_a4_pages_busiest_first(tmp_path, big) -> None:
    busiest = big.group_by("actor").len().sort("len", descending=True)
    actors = busiest.get_column("actor").head(40).to_list()
    filters = tl.Filters.of(start="2014-03-01", end="2014-05-31", actors=actors)
    paths = write_brief(big, out=tmp_path / "big.pdf", filters=filters, n_permutations=50,
                        source_note=NOTE)  # fmt: skip
    reader = PdfReader(paths[0])
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
    first_row = table.splitlines()[2]
    assert first_row.startswith(top)  # the busiest actor leads the table
    assert "2014-03-01 to 2014-05-31" in whole
    outside = set(busiest.get_column("actor").to_list()) - set(actors)
    assert not any(f"\n{a} " in table for a in outside)  # filtered-out actors are not listed
    assert f"{kept.height:,} events" in texts[0]


def test_png_and_svg_briefs_write_pages_and_draw_the_source_line(tmp_path, events) -> None:
    (png,) = write_brief(events, out=tmp_path / "b.png", source_note=NOTE, n_permutations=50)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (svg,) = write_brief(events, out=tmp_path / "b.svg", source_note=NOTE, n_permutations=50)
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert (root.get("width"), root.get("height")) == ("595", "842")
    assert NOTE in [t.text for t in root.iter() if t.tag.endswith("text")]


def test_html_embeds_the_spec_and_the_source_line(tmp_path: Path, events) -> None:
    out = tl.brief(events, out=tmp_path / "b.html", title="Cairo brief", source_note=NOTE,
                   n_permutations=50)  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "Cairo brief" in html and "cairo-2014-01-23-audio-warning" in html
    spec = json.loads(html[html.rindex("const spec = ") + 13 : html.rindex(";\n    const opts = ")])
    rows = [r for values in _data_values(spec) for r in values if r.get("line") == NOTE]
    assert rows == [{"i": 0, "line": NOTE, "bold": False}]  # a data row of a text mark


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
