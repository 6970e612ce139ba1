"""tl.export writes real files: PNG magic and size per preset, SVG text, PDF pages, HTML spec."""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

import timeline as tl
from timeline.errors import TimelineError
from timeline.export import PRESETS


def _events() -> pd.DataFrame:
    t = pd.Timestamp
    return pd.DataFrame(
        {
            "event_id": ["w1", "a1"],
            "kind": ["warning", "attack"],
            "t_start": [t("2014-01-22T22:00Z"), t("2014-01-24T04:30Z")],
            "t_end": [t("2014-01-23T22:00Z"), t("2014-01-24T04:30Z")],
            "actor": ["Ansar Jerusalem", "Ansar Jerusalem"],
        }
    )


def _pairs() -> pd.DataFrame:
    return pd.DataFrame(
        {"actor": ["Ansar Jerusalem"], "trigger_id": ["w1"], "response_id": ["a1"],
         "lag": [pd.Timedelta(hours=5, minutes=40)], "censored": [False],
         "order_ambiguous": [False]}
    )  # fmt: skip


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_presets_are_real_paper_sizes_in_points() -> None:
    sizes = {name: (p.width, p.height) for name, p in PRESETS.items()}
    assert sizes["a4"] == (595, 842)  # 210 x 297 mm at 72 pt per inch
    assert sizes["a4-landscape"] == (842, 595)
    assert sizes["letter"] == (612, 792)  # 8.5 x 11 in
    assert sizes["slide"][0] * 9 == sizes["slide"][1] * 16


@pytest.mark.parametrize("name", ["slide", "a4", "a4-landscape", "letter"])
def test_png_is_the_preset_at_two_pixels_per_point(tmp_path: Path, name: str) -> None:
    out = tl.export(tl.charts.lag_histogram(_pairs()), tmp_path / "lags.png", preset=name)
    assert _png_size(out) == (PRESETS[name].width * 2, PRESETS[name].height * 2)


def test_png_scale_and_dpi_multiply_the_size(tmp_path: Path) -> None:
    chart = tl.charts.lag_histogram(_pairs())
    assert _png_size(tl.export(chart, tmp_path / "a.png", preset="a4", scale=1)) == (595, 842)
    assert _png_size(tl.export(chart, tmp_path / "b.png", preset="a4", dpi=144)) == (1190, 1684)


@pytest.mark.parametrize("name", ["a4", "letter", "slide"])
def test_pdf_page_is_the_preset_in_points(tmp_path: Path, name: str) -> None:
    out = tl.export(tl.charts.timeline_chart(_events(), _pairs()), tmp_path / "t.pdf", preset=name)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (
        PRESETS[name].width,
        PRESETS[name].height,
    )


def test_concatenated_chart_is_still_the_preset_size(tmp_path: Path) -> None:
    summary = pd.DataFrame({"actor": ["A", "B"], "median_h": [3.0, 9.0], "hit_rate": [0.4, 0.9]})
    out = tl.export(tl.charts.actor_comparison(summary), tmp_path / "c.png", preset="square")
    assert _png_size(out) == (1440, 1440)


def test_svg_parses_and_holds_title_source_and_event_labels(tmp_path: Path) -> None:
    chart = tl.charts.timeline_chart(_events(), _pairs())
    out = tl.export(
        chart, tmp_path / "t.svg", title="Cairo, January 2014", subtitle="warning -> attack",
        source_note="Sources: Mada Masr; The Long War Journal",
    )  # fmt: skip
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    texts = " ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))
    for expected in ("Cairo, January 2014", "warning -> attack", "Mada Masr",
                     "Ansar Jerusalem", "5 h 40 min"):  # fmt: skip
        assert expected in texts


def test_pdf_has_one_page_with_the_title(tmp_path: Path) -> None:
    out = tl.export(tl.charts.lag_histogram(_pairs()), tmp_path / "l.pdf", title="Lag check")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert "Lag check" in reader.pages[0].extract_text()


def test_html_embeds_the_spec_and_works_offline(tmp_path: Path) -> None:
    out = tl.export(tl.charts.lag_histogram(_pairs()), tmp_path / "l.html", title="Offline")
    html = out.read_text(encoding="utf-8")
    assert "Offline" in html and '"mark"' in html
    assert not re.search(r"<script[^>]+src=\"https?://", html)  # Vega bundled, no CDN


def test_html_escapes_event_text_that_would_end_the_script(tmp_path: Path) -> None:
    hostile = "</script><script>alert('x')</script> & <b>"
    events = _events().assign(actor=hostile)
    out = tl.export(tl.charts.timeline_chart(events), tmp_path / "t.html", title="Safe")
    html = out.read_text(encoding="utf-8")
    benign = tl.export(tl.charts.timeline_chart(_events()), tmp_path / "b.html", title="Safe")
    closes = benign.read_text(encoding="utf-8").count("</script>")
    assert "<script>alert" not in html and html.count("</script>") == closes
    spec = html[html.rindex("const spec = ") + 13 : html.rindex(";\n    const opts = ")]
    assert hostile in json.dumps(json.loads(spec), ensure_ascii=False)  # the text survives


def test_json_is_the_composed_spec(tmp_path: Path) -> None:
    out = tl.export(tl.charts.lag_histogram(_pairs()), tmp_path / "l.json", preset="a4")
    spec = json.loads(out.read_text(encoding="utf-8"))
    assert (spec["width"], spec["height"]) == (595 - 56, 842 - 56)  # less the page margins
    assert spec["autosize"] == {"type": "fit", "contains": "padding"}


def test_source_note_is_data_not_an_expression(tmp_path: Path) -> None:
    note = "Source: datum.x + 'a' ; {{signal}}"
    out = tl.export(tl.charts.lag_histogram(_pairs()), tmp_path / "l.json", source_note=note)
    spec = json.loads(out.read_text(encoding="utf-8"))
    footer = spec["vconcat"][-1]
    assert footer["encoding"]["text"]["field"] == "note"
    assert footer["data"]["values"] == [{"note": note}]
    assert "signal" not in json.dumps(footer["mark"])


NOTE = "Source: Global Terrorism Database (START), cite as required"


def _dark_pixels_at_the_foot(path: Path) -> int:
    import numpy as np
    from PIL import Image

    image = np.asarray(Image.open(path).convert("L"))
    return int((image[int(image.shape[0] * 0.94) :] < 128).sum())


def test_source_line_is_drawn_in_the_png(tmp_path: Path) -> None:
    chart = tl.charts.timeline_chart(_events(), _pairs())
    with_note = tl.export(chart, tmp_path / "a.png", preset="a4", source_note=NOTE)
    without = tl.export(chart, tmp_path / "b.png", preset="a4")
    # the same chart, and the line's ink at the foot of the page on top of it
    assert _dark_pixels_at_the_foot(with_note) > _dark_pixels_at_the_foot(without) + 300


@pytest.mark.parametrize("chart_name", ["timeline", "histogram"])
def test_source_line_is_in_the_svg_pdf_and_html(tmp_path: Path, chart_name: str) -> None:
    chart = (
        tl.charts.timeline_chart(_events(), _pairs())
        if chart_name == "timeline"
        else tl.charts.lag_histogram(_pairs())
    )
    svg = tl.export(chart, tmp_path / "t.svg", preset="a4", source_note=NOTE)
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert (root.get("width"), root.get("height")) == ("595", "842")
    texts = [t for t in root.iter() if t.tag.endswith("text") and t.text == NOTE]
    assert len(texts) == 1
    pdf = PdfReader(tl.export(chart, tmp_path / "t.pdf", preset="a4", source_note=NOTE))
    assert NOTE in pdf.pages[0].extract_text()
    html = tl.export(chart, tmp_path / "t.html", preset="a4", source_note=NOTE)
    page = html.read_text(encoding="utf-8")
    spec = json.loads(page[page.rindex("const spec = ") + 13 : page.rindex(";\n    const opts = ")])
    assert {"note": NOTE} in spec["vconcat"][-1]["data"]["values"]


def test_bad_extension_and_preset_are_timeline_errors(tmp_path: Path) -> None:
    chart = tl.charts.lag_histogram(_pairs())
    with pytest.raises(TimelineError, match="unknown extension"):
        tl.export(chart, tmp_path / "x.docx")
    with pytest.raises(TimelineError, match="Unknown preset 'poster'"):
        tl.export(chart, tmp_path / "x.png", preset="poster")
