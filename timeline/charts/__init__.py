"""Altair chart builders: pure functions, data in, chart out (no Streamlit, no I/O).

Every builder takes pandas or polars frames (or a result object), aggregates in polars,
and returns an Altair chart. Kinds have one fixed, colour-blind-safe colour everywhere
(`KIND_COLORS`). Times are on a UTC scale unless a local zone is asked for.
"""

from __future__ import annotations

from timeline.charts.baseline import baseline_chart, baseline_sentence
from timeline.charts.episodes import episode_strip
from timeline.charts.lags import actor_comparison, lag_histogram, survival_chart
from timeline.charts.style import KIND_COLORS
from timeline.charts.timeline import heat_strip, timeline_chart

__all__ = [
    "KIND_COLORS",
    "actor_comparison",
    "baseline_chart",
    "baseline_sentence",
    "episode_strip",
    "heat_strip",
    "lag_histogram",
    "survival_chart",
    "timeline_chart",
]
