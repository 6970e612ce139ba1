"""tl.brief on the bundled case: one-page PDF with the table's figures, HTML with the spec."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

import timeline as tl
from timeline import display
from timeline.errors import TimelineError


@pytest.fixture(scope="module")
def events():
    return tl.datasets.load("cairo-2014-01")


def test_pdf_is_one_page_with_table_baseline_sources_and_caveats(tmp_path: Path, events) -> None:
    out = tl.brief(events, "warning", "attack", "7d", out=tmp_path / "b.pdf", title="Cairo brief")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    summary = tl.lag_summary(tl.lags(events), by="actor").iloc[0]
    hit_rate = display.rate(summary["hit_rate"], summary["hit_rate_low"], summary["hit_rate_high"])
    for figure in ("Cairo brief", hit_rate, str(summary["n_triggers"]),
                   "4 h to 1 d 9 h", "block null", "lift", "Mada Masr", "The Long War Journal",
                   "9 of 11 events are known only to the day", "censored"):  # fmt: skip
        assert figure in text


def test_html_embeds_the_spec(tmp_path: Path, events) -> None:
    out = tl.brief(events, out=tmp_path / "b.html", title="Cairo brief")
    html = out.read_text(encoding="utf-8")
    assert "Cairo brief" in html and "cairo-2014-01-23-audio-warning" in html


def test_spec_without_out_and_bad_extension(tmp_path: Path, events) -> None:
    spec = tl.brief(events)
    assert "vconcat" in spec
    with pytest.raises(TimelineError, match=r"use \.pdf"):
        tl.brief(events, out=tmp_path / "b.docx")
