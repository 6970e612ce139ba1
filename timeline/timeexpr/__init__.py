"""Time model: intervals in UTC with a precision and the place's IANA zone."""

from timeline.timeexpr.interval import Interval, Precision, interval, local_span
from timeline.timeexpr.phrases import intersect, normalize_time

__all__ = ["Interval", "Precision", "intersect", "interval", "local_span", "normalize_time"]
