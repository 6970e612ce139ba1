"""Local calendar spans (day, hours, month, year) built DST-correctly for phrase parsing.

A day is local midnight to the next local midnight, computed from the calendar, not by
adding 24 hours: on a DST change that day has 23 or 25 hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

import pendulum

from timeline.errors import TimeParseError
from timeline.timeexpr.interval import Interval, Precision, interval

Prefer = Literal["past", "future", "nearest"]
_UTC = pendulum.timezone("UTC")


@dataclass(frozen=True)
class Context:
    """What a phrase is resolved against: the reference day, its zone, an anchor event."""

    ref: Interval  # the reference (publication) day or minute, in the place's zone
    tz: str
    anchor: Interval | None = None
    day_first: bool = False
    prefer: Prefer = "past"
    sentence: str | None = None  # the sentence around the phrase (reporting cues), if given

    @property
    def zone(self) -> pendulum.Timezone:
        return pendulum.timezone(self.tz)

    @property
    def day(self) -> date:
        """The reference's local calendar day."""
        return self.ref.start.astimezone(self.zone).date()


def make_context(
    reference: str | date | datetime,
    tz: str,
    anchor: Interval | datetime | None,
    day_first: bool,
    prefer: Prefer,
    sentence: str | None = None,
) -> Context:
    """Read the reference (publication date or date-time) in the place's zone."""
    if isinstance(reference, str) and reference.strip()[:10].count("-") != 2:
        raise TimeParseError(
            f"Cannot read the reference {reference!r}; hint: give the publication date as "
            "ISO 2014-01-24 (or a date-time), not free text"
        )
    ref = interval(reference, tz)
    if isinstance(anchor, datetime):
        if anchor.tzinfo is None:
            raise TimeParseError("The anchor is a naive datetime; hint: give it a time zone")
        point = anchor.astimezone(_UTC)
        anchor = Interval(point, point, "minute", tz, rule="anchor")
    return Context(ref, tz, anchor, day_first, prefer, sentence)


def local(ctx: Context, d: date, hours: float = 0) -> pendulum.DateTime:
    """Local wall time `hours` after midnight of day `d` (hours may pass 24)."""
    days, rest = divmod(hours, 24)
    day = d + timedelta(days=int(days))
    minutes = round(rest * 60)
    return pendulum.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60,
                             tz=ctx.zone)  # fmt: skip


def span(ctx: Context, a: datetime, b: datetime, precision: Precision, rule: str) -> Interval:
    """An Interval from two aware local times."""
    return Interval(a.astimezone(_UTC), b.astimezone(_UTC), precision, ctx.tz, rule=rule)


def day_span(ctx: Context, d: date, rule: str) -> Interval:
    return span(ctx, local(ctx, d), local(ctx, d + timedelta(days=1)), "day", rule)


def hours_span(ctx: Context, d: date, h0: float, h1: float, rule: str) -> Interval:
    """Hours h0..h1 of day d (a part of the day, or an hour)."""
    precision: Precision = "hour" if h1 - h0 <= 1 else "part_of_day"
    return span(ctx, local(ctx, d, h0), local(ctx, d, h1), precision, rule)


def month_span(ctx: Context, y: int, m: int, rule: str, d0: int = 1, d1: int = 32) -> Interval:
    """Days d0..d1 (32 = to the end) of month m: a month or a part of it."""
    start = date(y, m, d0)
    nxt = date(y + m // 12, m % 12 + 1, 1)
    end = nxt if d1 >= 32 else date(y, m, d1)
    precision: Precision = "month" if (d0, d1) == (1, 32) else "week" if d1 - d0 <= 7 else "month"
    return span(ctx, local(ctx, start), local(ctx, end), precision, rule)


def months_span(ctx: Context, y: int, m0: int, n: int, rule: str, precision: Precision) -> Interval:
    """n months from month m0 of year y (a quarter, a season, a part of a year)."""
    start = date(y + (m0 - 1) // 12, (m0 - 1) % 12 + 1, 1)
    k = m0 - 1 + n
    end = date(y + k // 12, k % 12 + 1, 1)
    return span(ctx, local(ctx, start), local(ctx, end), precision, rule)


def week_span(ctx: Context, d: date, rule: str) -> Interval:
    """The ISO week (Monday to Monday) that holds d."""
    monday = d - timedelta(days=d.weekday())
    return span(ctx, local(ctx, monday), local(ctx, monday + timedelta(days=7)), "week", rule)


def precision_for(width: timedelta) -> Precision:
    """The precision an interval of this width honestly has."""
    for limit, name in (
        (timedelta(minutes=1), "minute"), (timedelta(hours=1), "hour"),
        (timedelta(hours=12), "part_of_day"), (timedelta(days=2), "day"),
        (timedelta(days=8), "week"), (timedelta(days=32), "month"),
    ):  # fmt: skip
        if width <= limit:
            return name  # type: ignore[return-value]
    return "year"


def pick_year(ctx: Context, make: Callable[[int], Interval], years_back: int = 1) -> int:
    """The year that puts a yearless date nearest the reference, the future counting double.

    News mostly reports the past: "Dec. 24" read on 24 January is last December. A future
    date costs twice its distance (with prefer="past"), so "March 26" read in January is
    still this year's, two months ahead.
    """
    ref_a, ref_b = ctx.ref.start, ctx.ref.end
    best: tuple[float, int] | None = None
    for y in range(ctx.day.year - years_back, ctx.day.year + 2):
        try:
            iv = make(y)
        except ValueError:  # 29 February in a common year
            continue
        if iv.end <= ref_a:
            cost = (ref_a - iv.end).total_seconds() * (2 if ctx.prefer == "future" else 1)
        elif iv.start >= ref_b:
            cost = (iv.start - ref_b).total_seconds() * (2 if ctx.prefer == "past" else 1)
        else:
            cost = 0.0
        if best is None or cost < best[0]:
            best = (cost, y)
    if best is None:
        raise ValueError("no year makes this date valid")  # caller: not a date
    return best[1]


def shift(iv: Interval, lo: timedelta, hi: timedelta, rule: str) -> Interval:
    """The interval reached from `iv` by an offset between lo and hi (lo <= hi)."""
    start, end = iv.start + lo, iv.end + hi
    return Interval(start, end, precision_for(end - start), iv.tz, rule=rule)


def intersect(a: Interval, b: Interval, rule: str | None = None) -> Interval | None:
    """The overlap of two intervals, or None when they do not meet (points count)."""
    start, end = max(a.start, b.start), min(a.end, b.end)
    if end < start or (end == start and not (a.is_exact or b.is_exact)):
        return None
    name = rule or f"{a.rule}&{b.rule}"
    return Interval(start, end, precision_for(end - start), a.tz, rule=name, text=a.text)
