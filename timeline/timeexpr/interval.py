"""Intervals in UTC with a precision and the place's zone (the scalar model).

A day in Cairo is [00:00, next 00:00) Cairo time; an exact time is a point
(start == end). Phrase parsing ("early Friday morning") lives in `phrases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

import pendulum

from timeline.errors import TimeParseError

Precision = Literal["minute", "hour", "part_of_day", "day", "week", "month", "year"]

_UTC = pendulum.timezone("UTC")


@dataclass(frozen=True)
class Interval:
    """A half-open UTC interval [start, end) that an event lies in."""

    start: datetime
    end: datetime
    precision: Precision
    tz: str
    rule: str | None = None
    text: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise TimeParseError("Interval times must be time-zone aware (got a naive time)")
        if self.end < self.start:
            raise TimeParseError(f"Interval ends before it starts: {self.start} > {self.end}")

    @property
    def midpoint(self) -> datetime:
        return self.start + (self.end - self.start) / 2

    @property
    def width(self) -> timedelta:
        return self.end - self.start

    @property
    def is_exact(self) -> bool:
        return self.start == self.end

    def local(self) -> tuple[datetime, datetime]:
        """Start and end in the place's zone, for display."""
        zone = pendulum.timezone(self.tz)
        return self.start.astimezone(zone), self.end.astimezone(zone)

    def __repr__(self) -> str:
        a, b = self.local()
        span = a.isoformat() if self.is_exact else f"[{a.isoformat()}, {b.isoformat()})"
        return f"Interval({span} {self.tz}, precision={self.precision!r}, rule={self.rule!r})"


def _zone(tz: str) -> pendulum.Timezone:
    try:
        return pendulum.timezone(tz)
    except Exception as exc:
        raise TimeParseError(
            f"Unknown time zone {tz!r}; use an IANA name like 'Africa/Cairo'"
        ) from exc


_STEPS = {
    "minute": None,
    "hour": {"hours": 1},
    "day": {"days": 1},
    "week": {"weeks": 1},
    "month": {"months": 1},
    "year": {"years": 1},
}


def local_span(
    start: pendulum.DateTime | datetime,
    precision: Precision,
    tz: str,
    rule: str | None = None,
    text=None,
) -> Interval:
    """The interval of `precision` that begins at `start` (DST-correct).

    A naive `start` is a wall-clock time in `tz`. The end is the next wall-clock
    boundary in the calendar (a DST day has 23 or 25 hours); a boundary that falls in
    a DST gap moves to the end of the gap.
    """
    if precision not in _STEPS:
        raise TimeParseError(f"Precision {precision!r} needs an explicit end")
    zone = _zone(tz)
    if start.tzinfo is None:
        wall = pendulum.naive(*start.timetuple()[:6])
    else:
        wall = pendulum.naive(*pendulum.instance(start).in_timezone(zone).timetuple()[:6])
    begin = pendulum.datetime(*wall.timetuple()[:6], tz=zone)
    if start.tzinfo is not None:
        begin = pendulum.instance(start)
    step = _STEPS[precision]
    end = begin if step is None else pendulum.datetime(*wall.add(**step).timetuple()[:6], tz=zone)
    return Interval(
        begin.in_timezone(_UTC), end.in_timezone(_UTC), precision, tz, rule=rule, text=text
    )


_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2})(?::(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?)?)?)?"
    r"(?P<off>Z|[+-]\d{2}:?\d{2})?$"
)


def interval(
    value: str | date | datetime, tz: str, *, precision: Precision | None = None
) -> Interval:
    """An interval from a date, date-time, month ('2014-01'), year, or ISO string.

    Naive values are local to `tz`; an ISO string with an offset is an exact instant.
    """
    zone = _zone(tz)
    if isinstance(value, datetime):  # naive: a wall time in tz; aware: an instant
        return local_span(value, precision or "minute", tz, rule="datetime")
    if isinstance(value, date):
        start = datetime(value.year, value.month, value.day)  # noqa: DTZ001 (a wall time)
        return local_span(start, precision or "day", tz, rule="date")
    text = str(value).strip()
    m = _ISO.match(text)
    if not m:
        raise TimeParseError(
            f"Cannot read {text!r} as a date or time; use ISO like 2014-01-24 or 2014-01-24T06:30"
        )
    g = m.groupdict()
    if g["off"]:
        try:
            instant = pendulum.parse(text.replace(" ", "T"))
        except Exception as exc:
            raise TimeParseError(f"Cannot read {text!r}: {exc}") from exc
        return local_span(instant.in_timezone(zone), precision or "minute", tz, rule="iso-offset")
    parts = [int(g[k]) if g[k] else None for k in ("y", "m", "d", "H", "M")]
    y, mo, d, h, mi = parts
    found: Precision = (
        "year" if mo is None else "month" if d is None else "day" if h is None
        else "hour" if mi is None else "minute"
    )  # fmt: skip
    try:
        start = datetime(y, mo or 1, d or 1, h or 0, mi or 0)  # noqa: DTZ001 (a wall time)
    except ValueError as exc:
        raise TimeParseError(f"Cannot read {text!r}: {exc}") from exc
    return local_span(start, precision or found, tz, rule=f"iso-{found}")
