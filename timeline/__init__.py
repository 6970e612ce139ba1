"""timeline: a temporal event timeline and warning-to-attack lag analyzer.

    import timeline as tl
    events = tl.datasets.load("cairo-2014-01")
    pairs = tl.lags(events, trigger="warning", response="attack", within="7d")

Names are imported on first use, so `import timeline` stays fast and light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what IDEs and type checkers see; at run time names load on first use
    from timeline import analysis, api, charts, datasets, display, results, schema, synth  # noqa: F401
    from timeline.analysis.selectors import Select  # noqa: F401
    from timeline.api import (  # noqa: F401
        baseline_test,
        episodes,
        extract_events,
        lag_summary,
        lags,
        merge_reports,
        read_events,
        survival,
    )
    from timeline.errors import TimelineError, ValidationError  # noqa: F401
    from timeline.export import export  # noqa: F401
    from timeline.export.brief import brief  # noqa: F401
    from timeline.export.story import chart  # noqa: F401
    from timeline.ingest.report import IngestReport  # noqa: F401
    from timeline.query import Filters, Question  # noqa: F401
    from timeline.store import EventStore  # noqa: F401
    from timeline.timeexpr import Interval, interval  # noqa: F401
    from timeline.timeexpr.phrases import normalize_time  # noqa: F401

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # foundation
    "EventStore": "timeline.store",
    "IngestReport": "timeline.ingest.report",
    "read_events": "timeline.api",
    "TimelineError": "timeline.errors",
    "ValidationError": "timeline.errors",
    "Interval": "timeline.timeexpr",
    "interval": "timeline.timeexpr",
    # lag engine (computed in timeline/analysis on polars; pandas out via timeline/api)
    "lags": "timeline.api",
    "Select": "timeline.analysis.selectors",
    "lag_summary": "timeline.api",
    "survival": "timeline.api",
    "baseline_test": "timeline.api",
    "episodes": "timeline.api",
    # articles
    "normalize_time": "timeline.timeexpr.phrases",
    "find_times": "timeline.timeexpr.finder",
    "extract_events": "timeline.api",
    "merge_reports": "timeline.api",
    # exports
    "export": "timeline.export",
    "brief": "timeline.export.brief",
    "chart": "timeline.export.story",
    # the one filter model (dashboard, CLI, briefs)
    "Filters": "timeline.query",
    "Question": "timeline.query",
}
_MODULES = {
    "datasets", "schema", "results", "display", "api", "actors", "synth", "charts",
    "timeexpr", "analysis",
}  # fmt: skip

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
