"""Source text reaches the page escaped: Markdown markup and HTML are shown, not run."""

from __future__ import annotations

import pandas as pd
import polars as pl

from timeline_app.widgets import review, show


def test_escape_md_neutralises_markup():
    text = "**bold** <script>alert(1)</script> [link](http://x) :red[x] $x$ `c`"
    out = show.escape_md(text)
    for token in ("**", "<script>", "[link]", ":red[", "$x$", "`c`"):
        assert token not in out
    assert "\\<script\\>" in out


def test_highlight_marks_spans_and_escapes_the_rest():
    out = show.highlight("A *car* bomb at 6am.", [(2, 7, "orange"), (16, 19, "blue")])
    assert out.startswith("A :orange-background[**\\*car\\***]")
    assert ":blue-background[**6am**]" in out
    assert show.highlight("abc", [(2, 9, "orange")]) == "abc"  # out of range: skipped


def test_evidence_is_relative_to_the_sentence():
    text = "First. Then a car bomb exploded this evening."
    row = pd.Series(
        {
            "char_start": 7,
            "char_end": 45,
            "trigger_start": 14,
            "trigger_end": 22,
            "time_start": 32,
            "time_end": 44,
        }
    )
    sentence, marks = review.evidence(text, row)
    assert sentence == "Then a car bomb exploded this evening."
    assert [sentence[a:b] for a, b, _ in marks] == ["car bomb", "this evening"]


def test_day_span_reads_days_in_the_place_and_ends_as_exclusive():
    import timeline as tl
    from timeline.frames import to_polars
    from timeline_app.widgets.show import day_span

    events = to_polars(tl.datasets.load()).filter(pl.col("event_id").str.starts_with("cairo-2014"))
    assert [str(d) for d in day_span(events, "Africa/Cairo")] == ["2014-01-23", "2014-01-24"]
    assert [str(d) for d in day_span(events, None)] == ["2014-01-22", "2014-01-24"]
