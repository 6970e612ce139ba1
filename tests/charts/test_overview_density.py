"""The overview's colour shows differences among the named actors, whatever "other actors"
sums to; checked on the spec and on the drawing vl-convert makes of it."""

from __future__ import annotations

import math
import re

import polars as pl
import pytest
import vl_convert as vlc

import timeline as tl
from timeline.charts import timeline_chart

NAMED = 8  # busy actors, each with its own lane
QUIET = 900  # quiet actors folded into "other actors"


@pytest.fixture(scope="module")
def events() -> pl.DataFrame:
    """A few busy actors and hundreds of quiet ones whose sum dwarfs any one of them, as on
    a real store; day-level times for most events."""
    busy = tl.synth.generate(n_groups=NAMED, days=365, warning_rate=0.25, background_rate=0.2,
                             vague_share=0.7, seed=11).events  # fmt: skip
    busy = busy.with_columns(
        actor=pl.col("actor").str.replace("group", "busy"), event_id=pl.col("event_id") + "b"
    )
    quiet = tl.synth.generate(n_groups=QUIET, days=365, warning_rate=0.01, background_rate=0.01,
                              vague_share=0.7, seed=12).events  # fmt: skip
    return pl.concat([busy, quiet])


def _rects(spec: dict) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]


def _rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def _classes(counts: list[int], domain: list[float], n: int = 5) -> set[int]:
    """The colour class (one of `n` equal steps of the log scale) of each count."""
    lo, hi = (math.log(v) for v in domain)
    return {min(int((math.log(c) - lo) / (hi - lo) * n), n - 1) for c in counts}


def test_named_lanes_fill_their_own_scale_and_other_actors_has_its_own(events) -> None:
    spec = timeline_chart(events, max_lanes=NAMED + 1).to_dict()
    named, other = _rects(spec)
    named_rows, other_rows = _rows(spec, named), _rows(spec, other)
    assert {r["slot"] for r in other_rows} == {"other actors"}
    assert "other actors" not in {r["slot"] for r in named_rows}
    counts = [r["count"] for r in named_rows]
    assert max(r["count"] for r in other_rows) > 3 * max(counts)  # the sum dwarfs them
    domain = named["encoding"]["color"]["scale"]["domain"]
    assert domain == [1, max(counts)]  # the busiest named bin is the darkest colour
    assert len(_classes(counts, domain)) >= 4  # not one pale colour: the steps are used
    assert spec["resolve"]["scale"]["color"] == "independent"
    assert " ".join(other["encoding"]["color"]["title"]).endswith(
        f"{QUIET:,} actors summed (log)"  # the legend says what the greys mean
    )


def test_the_drawing_tells_the_named_lanes_apart_and_greys_the_rest(events) -> None:
    """What a reader sees: several colours across the named lanes, grey for the folded
    lane, and two legends titled for what they measure."""
    svg = vlc.vegalite_to_svg(timeline_chart(events, max_lanes=NAMED + 1).to_dict())
    fills: dict[bool, set[tuple[int, ...]]] = {True: set(), False: set()}
    marks = re.findall(r'aria-label="([^"]*count: [^"]*)"[^>]*?fill="rgb\(([\d, ]+)\)"', svg)
    for label, rgb in marks:
        fills["lane: other actors;" in label].add(tuple(int(v) for v in rgb.split(",")))
    assert len(fills[False]) >= 8 and fills[True]
    assert all(len(set(f)) == 1 for f in fills[True])  # greys: r = g = b
    assert not any(len(set(f)) == 1 for f in fills[False])  # named lanes: colours
    assert "events per 7 d, per lane (log): " in svg  # the legend's words name each bin
    assert f"other actors: events, per 7 d, {QUIET:,}, actors summed (log): " in svg
