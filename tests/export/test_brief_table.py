"""The brief's lag table: each figure over its interval, narrow enough to read on A4."""

from __future__ import annotations

import re

import vl_convert as vlc

from timeline.export.brief_table import split_cell, split_head, table_chart

HEADS = ["actor", "median lag [95% CI]", "hit rate [95% CI]",
         "P(response within window) [95% CI]", "median time to response [95% CI]", "triggers",
         "followed", "order unknown"]  # fmt: skip
ROW = ["group-0146", "4 h 31 min to 1 d 5 h [4 h 31 min, 1 d 5 h]", "79% (57% to 95%) [37%, 100%]",
       "82% (60% to 100%) [39%, 100%]",
       "12 h 45 min to 4 d 14 h [12 h 45 min, not reached] (turnbull)",
       "21", "20", "8"]  # fmt: skip


def test_a_cell_is_its_figure_over_its_interval() -> None:
    assert split_cell(ROW[4]) == (
        "12 h 45 min to 4 d 14 h",
        "[12 h 45 min, not reached] (turnbull)",
    )
    assert split_cell("21") == ("21", "")
    assert split_head("order unknown", ["8", "12"]) == ("order", "unknown")
    assert split_head("actor", ["group-0146"]) == ("actor", "")
    assert split_head("hit rate [95% CI]", ["79%"]) == ("hit rate", "[95% CI]")


def test_the_widest_rows_fit_an_a4_page_at_a_readable_size_and_nothing_is_cut() -> None:
    svg = vlc.vegalite_to_svg(table_chart(HEADS, [ROW] * 3, 680).to_dict())
    width = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg).group(1))
    assert 10 * 539 / width >= 6.5  # 10 px type shrunk to A4's 539 pt stays >= 6.5 pt
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "…" not in "".join(texts)
    assert {"order", "unknown", "[12 h 45 min, not reached] (turnbull)"} <= set(texts)
