"""Durations in: "7d"/"36h"/timedelta parsed once (display text is `timeline.display`)."""

from __future__ import annotations

import re
from datetime import timedelta

import numpy as np

from timeline.errors import TimelineError

_UNIT_US = {
    "w": 604_800_000_000, "week": 604_800_000_000, "weeks": 604_800_000_000,
    "d": 86_400_000_000, "day": 86_400_000_000, "days": 86_400_000_000,
    "h": 3_600_000_000, "hr": 3_600_000_000, "hrs": 3_600_000_000,
    "hour": 3_600_000_000, "hours": 3_600_000_000,
    "m": 60_000_000, "min": 60_000_000, "mins": 60_000_000,
    "minute": 60_000_000, "minutes": 60_000_000,
    "s": 1_000_000, "sec": 1_000_000, "secs": 1_000_000,
    "second": 1_000_000, "seconds": 1_000_000,
}  # fmt: skip
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*")

Duration = str | timedelta | np.timedelta64  # pandas Timedelta is a timedelta


def to_us(value: Duration, *, name: str = "duration") -> int:
    """A duration as whole microseconds (the resolution of the event table)."""
    if isinstance(value, np.timedelta64):
        us = int(value // np.timedelta64(1, "us"))
    elif isinstance(value, timedelta):  # pd.Timedelta is a timedelta subclass
        us = value // timedelta(microseconds=1)
    elif isinstance(value, str):
        us = _parse(value, name)
    else:
        raise TimelineError(
            f"{name}={value!r} is not a duration. "
            'Hint: pass a string such as "7d", "36h", "90min", "2w" or a datetime.timedelta.'
        )
    if us < 0:
        raise TimelineError(f"{name}={value!r} is negative. Hint: durations must be >= 0.")
    return us


def _parse(text: str, name: str) -> int:
    s = text.strip().lower()
    pos, total = 0, 0.0
    while pos < len(s):
        m = _PART.match(s, pos)
        if not m or m.group(2) not in _UNIT_US:
            raise TimelineError(
                f"{name}={text!r} is not a duration I can read. "
                'Hint: use a number and a unit (w, d, h, min, s), e.g. "7d", "36h", "1h30min".'
            )
        total += float(m.group(1)) * _UNIT_US[m.group(2)]
        pos = m.end()
    if not s:
        raise TimelineError(f'{name} is empty. Hint: pass e.g. "7d".')
    return round(total)
