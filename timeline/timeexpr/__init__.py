"""Time model: intervals in UTC with a precision and the place's IANA zone.

`normalize_time`, `intersect` and `find_times` (the phrase grammar) load on first use, so the table
ingest path does not pay for the phrase grammar.
"""

from importlib import import_module
from typing import Any

from timeline.timeexpr.interval import Interval, Precision, interval, local_span

__all__ = [
    "Interval", "Precision", "TimeHit", "find_times", "intersect", "interval", "local_span",
    "normalize_time",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in ("normalize_time", "intersect"):
        return getattr(import_module("timeline.timeexpr.phrases"), name)
    if name in ("find_times", "TimeHit"):
        return getattr(import_module("timeline.timeexpr.finder"), name)
    raise AttributeError(f"module 'timeline.timeexpr' has no attribute {name!r}")
