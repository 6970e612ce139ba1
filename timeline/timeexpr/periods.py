"""Phrases coarser than a day: weeks, months and their parts, quarters, seasons, years.

"in early September" read in January 2014 is 1 to 11 September 2013 (month parts and
year parts come from `vague`); "late last year" is September to December of last year.
"""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.timeexpr import spans, vague, words
from timeline.timeexpr.days import MONTH
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

_PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)\s+)?"
_PART_WORDS = {"the end of": "late", "the beginning of": "early", "the start of": "early",
               "the middle of": "mid"}  # fmt: skip
_REL = r"(?P<rel>this|the|last|next|past|previous|coming)"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"

MONTH_RX = re.compile(rf"^{_PART}(?:(?P<mrel>last|this|next)\s+)?{MONTH}(?:\s+(?:of\s+)?{_YEAR})?$")
REL_PERIOD_RX = re.compile(rf"^{_PART}{_REL}\s+(?P<unit>week|month|year|weekend)$")
YEAR_RX = re.compile(rf"^{_PART}(?:the\s+year\s+)?{_YEAR}$")
QUARTER_RX = re.compile(
    r"^(?:(?:the|its|their)\s+)?(?:fiscal\s+)?"
    r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])\s*(?:fiscal\s+)?"
    rf"(?:quarter)?(?:\s+(?:of\s+)?(?:{_YEAR}|(?P<qrel>this|last|next) year))?$"
)
SEASON_RX = re.compile(
    rf"^{_PART}(?:{_REL}\s+)?(?P<season>spring|summer|autumn|fall|winter)"
    rf"(?:\s+(?:of\s+)?{_YEAR})?$"
)
AGO_RX = re.compile(
    r"^(?P<hedge>about|around|some|nearly|almost|more than|over|less than)?\s*"
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple of)"
    r"\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|from now|hence)$"
)
WITHIN_RX = re.compile(r"^(?P<side>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)$")
_QUARTERS = {**words.ORDINALS, "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_STEP = {"this": 0, "the": 0, "coming": 1, "next": 1, "last": -1, "past": -1, "previous": -1}


def _part(g: dict) -> str | None:
    p = g.get("part")
    return _PART_WORDS.get(p, p) if p else None


def month_phrase(t: str, ctx: Context) -> Interval | None:
    """ "September", "early September 2013", "mid-June": a month or a third of it."""
    m = MONTH_RX.match(t)
    if not m:
        return None
    mon, part = words.month_number(m["mon"]), _part(m.groupdict())
    d0, d1 = vague.MONTH_PARTS[part] if part else (1, 32)
    rule = f"month-part:{part}" if part else "month"
    if m["y"]:
        return spans.month_span(ctx, int(m["y"]), mon, rule, d0, d1)
    if m["mrel"]:  # "last October": the latest October before this month; "next": after
        d = ctx.day
        y = {"last": d.year - (mon >= d.month), "next": d.year + (mon <= d.month)}.get(
            m["mrel"], d.year
        )
        return spans.month_span(ctx, y, mon, f"{rule}-{m['mrel']}", d0, d1)
    y = spans.pick_year(ctx, lambda y: spans.month_span(ctx, y, mon, rule))
    return spans.month_span(ctx, y, mon, rule + "-no-year", d0, d1)


def year_phrase(t: str, ctx: Context) -> Interval | None:
    """ "2013", "late 2013"."""
    m = YEAR_RX.match(t)
    if not m:
        return None
    return _year(ctx, int(m["y"]), _part(m.groupdict()), "year")


def _year(ctx: Context, y: int, part: str | None, rule: str) -> Interval:
    if part:
        m0, m1 = vague.YEAR_PARTS[part]
        return spans.months_span(ctx, y, m0, m1 - m0, f"{rule}-part:{part}", "month")
    return spans.months_span(ctx, y, 1, 12, rule, "year")


def relative_period(t: str, ctx: Context) -> Interval | None:
    """ "last year", "late last year", "this month", "next week", "last weekend"."""
    m = REL_PERIOD_RX.match(t)
    if not m:
        return None
    step, part, unit, d = _STEP[m["rel"]], _part(m.groupdict()), m["unit"], ctx.day
    rule = f"{m['rel']}-{unit}"
    if unit == "year":
        return _year(ctx, d.year + step, part, rule)
    if unit == "month":
        k = d.month - 1 + step
        d0, d1 = vague.MONTH_PARTS[part] if part else (1, 32)
        rule = f"{rule}-part:{part}" if part else rule
        return spans.month_span(ctx, d.year + k // 12, k % 12 + 1, rule, d0, d1)
    if unit == "weekend":
        sat = d - timedelta(days=(d.weekday() - 5) % 7) + timedelta(weeks=max(step, 0))
        if step < 0 and sat == d - timedelta(days=(d.weekday() - 5) % 7) and d.weekday() >= 5:
            sat -= timedelta(weeks=1)
        a, b = spans.local(ctx, sat), spans.local(ctx, sat + timedelta(days=2))
        return spans.span(ctx, a, b, "week", rule)
    return spans.week_span(ctx, d + timedelta(weeks=step), rule)


def quarter_phrase(t: str, ctx: Context) -> Interval | None:
    """ "the third quarter", "the fourth quarter of 1997", "Q1 2014"."""
    m = QUARTER_RX.match(t)
    if not m or ("quarter" not in t and not m["q"].startswith("q")):
        return None
    q = _QUARTERS[m["q"]]
    make = lambda y: spans.months_span(ctx, y, 3 * q - 2, 3, "quarter", "month")  # noqa: E731
    if m["y"]:
        return make(int(m["y"]))
    if m["qrel"]:
        return make(ctx.day.year + _STEP[m["qrel"]])
    return make(spans.pick_year(ctx, make))


def season_phrase(t: str, ctx: Context) -> Interval | None:
    """ "last summer", "the winter of 2013" (northern meteorological seasons)."""
    m = SEASON_RX.match(t)
    if not m:
        return None
    m0, n = vague.SEASONS[m["season"]]
    make = lambda y: spans.months_span(ctx, y, m0, n, "season", "month")  # noqa: E731
    if m["y"]:
        return make(int(m["y"]))
    step = _STEP.get(m["rel"] or "this", 0)
    if step == 0:
        return make(spans.pick_year(ctx, make))
    years = range(ctx.day.year + 1, ctx.day.year - 3, -1)
    if step < 0:  # the latest season that ended before the reference
        return next(make(y) for y in years if make(y).end <= ctx.ref.start)
    return next(make(y) for y in reversed(years) if make(y).start >= ctx.ref.end)


def ago_phrase(t: str, ctx: Context) -> Interval | None:
    """ "two days ago", "a year ago", "three weeks earlier" (relative to the reference)."""
    m = AGO_RX.match(t)
    if not m:
        return None
    from timeline.timeexpr.offsets import count_range  # one-way import at call time

    lo, hi = count_range(m["n"], m["hedge"], m["unit"])
    sign = 1 if m["dir"] in ("from now", "hence") else -1
    unit, d, rule = m["unit"], ctx.day, f"ago-{m['unit']}"
    if unit == "day":
        days = sorted((sign * lo, sign * hi))
        a = spans.local(ctx, d + timedelta(days=round(days[0])))
        b = spans.local(ctx, d + timedelta(days=round(days[1]) + 1))
        return spans.span(ctx, a, b, spans.precision_for(b - a), rule)
    if unit == "week" and lo == hi:
        return spans.week_span(ctx, d + timedelta(weeks=sign * lo), rule)
    if unit == "month" and lo == hi:
        k = d.month - 1 + sign * int(lo)
        return spans.month_span(ctx, d.year + k // 12, k % 12 + 1, rule)
    if unit == "year" and lo == hi:
        return _year(ctx, d.year + sign * int(lo), None, rule)
    days = {"week": 7, "month": 30.44, "year": 365.25}[unit]
    span_days = sorted((sign * lo * days, sign * hi * days))
    a = spans.local(ctx, d + timedelta(days=round(span_days[0])))
    b = spans.local(ctx, d + timedelta(days=round(span_days[1]) + 1))
    return spans.span(ctx, a, b, spans.precision_for(b - a), rule)


def within_phrase(t: str, ctx: Context) -> Interval | None:
    """ "earlier this year" = start of the year to the reference; "later this month" after it."""
    m = WITHIN_RX.match(t)
    if not m:
        return None
    d = ctx.day
    whole = {
        "year": spans.months_span(ctx, d.year, 1, 12, "", "year"),
        "month": spans.month_span(ctx, d.year, d.month, ""),
        "week": spans.week_span(ctx, d, ""),
    }[m["unit"]]
    a, b = (whole.start, ctx.ref.start) if m["side"] == "earlier" else (ctx.ref.end, whole.end)
    rule = f"{m['side']}-this-{m['unit']}"
    return Interval(a, max(a, b), spans.precision_for(max(a, b) - a), ctx.tz, rule=rule)


def iso_month(t: str, ctx: Context) -> Interval | None:
    """ "2014-01" (an ISO month)."""
    m = re.match(r"^(\d{4})-(\d{1,2})$", t)
    if not m or not 1 <= int(m[2]) <= 12:
        return None
    return spans.month_span(ctx, int(m[1]), int(m[2]), "month-iso")


PARSERS = (
    month_phrase, year_phrase, relative_period, quarter_phrase, season_phrase, ago_phrase,
    within_phrase, iso_month,
)  # fmt: skip
