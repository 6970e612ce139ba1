"""The overview's colour: events per lane and time bin, on a scale the named lanes fill.

"other actors" sums hundreds of actors, so on one shared scale it sets the top and every
named actor's bins crowd into the pale end (a real store: a scale to 3,000, named bins of
1 to 10, one colour). The lanes a reader compares are the named ones, so they get the
colour scale to themselves: log (a busy and a quiet actor differ by orders of magnitude;
each step of colour is a constant ratio), from 1 to the busiest named bin, so that bin is
the darkest colour. "other actors" is another quantity (a sum over many actors): it is drawn
in greys on its own log scale (smallest to largest of its bins, so its own ups and downs
show), with its own legend saying how many actors it sums.

Rejected: clamping "other actors" onto the named scale (it would read as one solid colour
and the legend would lie about its values); a per-lane normalisation (it hides that one
actor is busier than another, the comparison the overview is for); a quantile scale (its
legend shows uneven thresholds where a reader expects counts).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl

from timeline.charts.lanes import OTHER

NAMED_SCHEME = "viridis"  # reversed: pale yellow = few, dark purple = the busiest named bin
OTHER_SCHEME = {"name": "greys", "extent": [0.3, 1.0]}  # lightest grey still shows on white


def count_scale(counts: pl.Series, scheme: Any, *, from_one: bool = True) -> alt.Scale:
    """A log colour scale up to the largest count, darker for more events (viridis runs
    dark to pale, so it is reversed). It starts at 1 (pale = a single event), or with
    `from_one=False` at the smallest count, so a lane of large sums still shows its ups
    and downs."""
    top = int(counts.max() or 1) if counts.len() else 1
    low = 1 if from_one or not counts.len() else max(int(counts.min() or 1), 1)
    return alt.Scale(type="log", domain=[low, max(top, low + 1)], scheme=scheme,
                     reverse=scheme == NAMED_SCHEME)  # fmt: skip


def density_layers(
    binned: pl.DataFrame, encode: dict[str, Any], width: str, folded: int, plot_px: int
) -> list[alt.Chart]:
    """Rect layers of `binned` (slot, count, ...): the named lanes on their own colour
    scale and, when actors were folded, "other actors" in greys on a second scale.

    `encode` holds the x, x2, y and tooltip encodings shared by both layers; `width` is
    the bin width as text for the legend titles; `plot_px` the plot's height, which the
    two legends share (one under the other) so that neither runs off the foot.
    """
    legend = alt.Legend(gradientLength=max(50, min(200, plot_px // (2 if folded else 1) - 70)))
    other = pl.col("slot") == OTHER
    named = binned.filter(~other) if folded else binned
    parts = [(named, NAMED_SCHEME, [f"events per {width}", "per lane (log)"])]
    if folded:
        title = [f"{OTHER}: events", f"per {width}, {folded:,}", "actors summed (log)"]
        parts.append((binned.filter(other), OTHER_SCHEME, title))
    return [
        alt.Chart(part)
        .mark_rect(clip=True)
        .encode(
            color=alt.Color(
                "count:Q",
                scale=count_scale(
                    part.get_column("count"), scheme, from_one=scheme == NAMED_SCHEME
                ),
                title=title,
                legend=legend,
            ),
            **encode,
        )
        for part, scheme, title in parts
    ]
