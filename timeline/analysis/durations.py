"""Durations in, durations out: "7d"/"36h"/timedelta parsed once; "5 h 40 min" for people."""

from __future__ import annotations

import itertools
import math
import re
from datetime import timedelta

import numpy as np
import pandas as pd

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

Duration = str | timedelta | pd.Timedelta | np.timedelta64


def to_us(value: Duration, *, name: str = "duration") -> int:
    """A duration as whole microseconds (the resolution of the event table)."""
    if isinstance(value, np.timedelta64):
        value = pd.Timedelta(value)
    if isinstance(value, timedelta):  # pd.Timedelta is a timedelta subclass
        us = int(pd.Timedelta(value) // pd.Timedelta(microseconds=1))
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


def to_timedelta(value: Duration, *, name: str = "duration") -> pd.Timedelta:
    """A duration as a pandas Timedelta."""
    return pd.Timedelta(microseconds=to_us(value, name=name))


_STEPS = (("d", 86_400.0), ("h", 3_600.0), ("min", 60.0), ("s", 1.0))


def humanize(seconds: float | None) -> str:
    """A duration in seconds as a person reads it: "5 h 40 min", "2 d 3 h", "45 s".

    Two units at most, rounded at the smaller one; "" for a missing value.
    """
    if seconds is None or (isinstance(seconds, float) and not math.isfinite(seconds)):
        return ""
    sign = "-" if seconds < 0 else ""
    rest = abs(float(seconds))
    for (unit, size), (small_unit, small) in itertools.pairwise(_STEPS):
        total_small = round(rest / small)
        per = round(size / small)
        if total_small >= per:
            big, part = divmod(total_small, per)
            return sign + f"{big} {unit}" + (f" {part} {small_unit}" if part else "")
    return f"{sign}{round(rest)} s"


def humanize_interval(point: float | None, low: float | None, high: float | None) -> str:
    """ "5 h 40 min [4 h, 7 h 10 min]": a value and its interval, for display columns."""
    text = humanize(point)
    if not text:
        return ""
    lo, hi = humanize(low), humanize(high)
    return f"{text} [{lo}, {hi}]" if lo and hi else text
