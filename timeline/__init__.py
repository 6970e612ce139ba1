"""timeline: a temporal event timeline and warning-to-attack lag analyzer.

    import timeline as tl
    events = tl.datasets.load("cairo-2014-01")
    pairs = tl.lags(events, trigger="warning", response="attack", within="7d")

Names are imported on first use, so `import timeline` stays fast and light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # foundation
    "EventStore": "timeline.store",
    "IngestReport": "timeline.ingest.report",
    "read_events": "timeline.ingest",
    "TimelineError": "timeline.errors",
    "ValidationError": "timeline.errors",
    "Interval": "timeline.timeexpr",
    "interval": "timeline.timeexpr",
    # lag engine (timeline/analysis)
    "lags": "timeline.analysis.pairing",
    "Select": "timeline.analysis.selectors",
    "lag_summary": "timeline.analysis.summary",
    "survival": "timeline.analysis.survival",
    "baseline_test": "timeline.analysis.baseline",
    "episodes": "timeline.analysis.episodes",
    # articles
    "normalize_time": "timeline.timeexpr.phrases",
    "find_times": "timeline.timeexpr.finder",
    "extract_events": "timeline.articles.extract",
    "merge_reports": "timeline.articles.merge",
    # exports
    "export": "timeline.export",
    "brief": "timeline.export.brief",
}
_MODULES = {"datasets", "schema", "actors", "synth", "charts", "timeexpr", "analysis"}

__all__ = sorted([*_EXPORTS, *_MODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
    elif name in _MODULES:
        value = import_module(f"timeline.{name}")
    else:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
