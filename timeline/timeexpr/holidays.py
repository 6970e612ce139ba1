"""Named days: "Thanksgiving", "Election Day", "Christmas Eve", "last Thanksgiving".

Fixed-date and rule-based (US federal and common) holidays, the ones the news corpora we
evaluate on write about. A holiday without a year is resolved like a yearless date
(`spans.pick_year`); "last"/"next" take the one before/after the reference day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from timeline.timeexpr import spans
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month; n = -1 is the last one."""
    if n < 0:
        last = date(y + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    # US general elections: the Tuesday after the first Monday of November.
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}
HOLIDAY_RX = re.compile(
    r"^(?:(?P<rel>last|this|next|this past|this coming)\s+)?(?P<name>"
    + "|".join(re.escape(k) for k in sorted(HOLIDAYS, key=len, reverse=True))
    + r")(?:\s+(?P<y>(?:1[89]|20)\d\d))?$"
)


def holiday_phrase(t: str, ctx: Context) -> Interval | None:
    """The day a holiday name stands for."""
    m = HOLIDAY_RX.match(t)
    if not m:
        return None
    when = HOLIDAYS[m["name"]]
    rule = f"holiday:{m['name']}"
    if m["y"]:
        return spans.day_span(ctx, when(int(m["y"])), rule)
    d = ctx.day
    if m["rel"] in ("last", "this past"):
        y = d.year if when(d.year) < d else d.year - 1
    elif m["rel"] in ("next", "this coming"):
        y = d.year if when(d.year) > d else d.year + 1
    else:
        y = spans.pick_year(ctx, lambda y: spans.day_span(ctx, when(y), rule))
    return spans.day_span(ctx, when(y), rule)


PARSERS = (holiday_phrase,)
