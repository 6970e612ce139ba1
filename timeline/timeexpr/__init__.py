"""Time model: intervals in UTC with a precision and the place's IANA zone."""

from timeline.timeexpr.interval import Interval, Precision, interval, local_span

__all__ = ["Interval", "Precision", "interval", "local_span"]
