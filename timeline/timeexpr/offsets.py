"""Offsets from an anchor event: "a few hours later", "40 minutes before the explosion".

The result is the anchor shifted by a range, never a point: "a few hours later" after a
warning known only to the day is [day start + 1 h, day end + 6 h). Day-sized offsets
("the next day", "two days later") move the anchor's local calendar day, so they stay
DST-correct.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pendulum

from timeline.errors import TimeParseError
from timeline.timeexpr import spans, vague, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

_HEDGE = "|".join(sorted(vague.HEDGES, key=len, reverse=True))
_COUNT = "|".join(sorted([*vague.VAGUE_COUNTS, *words.NUMBER_WORDS], key=len, reverse=True))
_LATER = r"(?P<dir>later|after(?:wards?)?|on|earlier|before(?:hand)?|prior(?:\s+to)?)"
_OBJ = r"(?P<obj>\s+\S.*)?"
COUNT_RX = re.compile(
    rf"^(?:(?P<hedge>{_HEDGE})\s+)?(?P<n>\d+(?:\.\d+)?|{_COUNT})?\s*(?:-\s*)?"
    rf"(?P<unit>second|minute|hour|day|week|month|year)s?\s+{_LATER}{_OBJ}$"
)
BARE_RX = re.compile(
    rf"^(?:(?P<hedge>{_HEDGE})\s+)?(?P<word>moments|minutes|hours|shortly|soon|immediately|later)"
    rf"\s*{_LATER}?{_OBJ}$"
)
# "within hours", "within two hours", "in less than an hour": forward from the anchor, by
# at most that much.
WITHIN_RX = re.compile(
    rf"^(?:within|in\s+(?:less|under)\s+than|in\s+under)\s+(?:(?P<n>\d+(?:\.\d+)?|{_COUNT})\s+)?"
    r"(?P<unit>second|minute|hour|day|week)s?$"
)
_HALF = re.compile(
    r"^(?P<pre>.*?\b)(?P<n>an?|one|\d+)\s+(?P<unit>minute|hour|day)s?\s+and\s+a\s+half\b"
)
DAY_REL = {
    "the next day": 1, "the following day": 1, "the day after": 1, "a day later": 1,
    "the next morning": 1, "the following morning": 1, "the next evening": 1,
    "the next night": 1, "the following night": 1, "the following evening": 1,
    "the day before": -1, "the previous day": -1, "the preceding day": -1,
    "a day earlier": -1, "the night before": -1, "the previous night": -1,
    "the same day": 0, "that day": 0, "later that day": 0, "earlier that day": 0,
    "that morning": 0, "that afternoon": 0, "that evening": 0, "that night": 0,
    "later that night": 0, "later that evening": 0, "the same night": 0,
}  # fmt: skip
_FORWARD = ("later", "after", "afterwards", "afterward", "on")


def count_range(n: str | None, hedge: str | None, unit: str) -> tuple[float, float]:
    """(low, high) count of `unit` that "a few", "about 40", "several" stand for."""
    if n is None:
        lo, hi = vague.BARE_PLURAL[unit]
    elif n in vague.VAGUE_COUNTS:
        lo, hi = vague.VAGUE_COUNTS[n]
    else:
        value = float(n) if n[0].isdigit() else float(words.NUMBER_WORDS[n])
        lo, hi = value, value
    if hedge:
        f0, f1 = vague.HEDGES[hedge]
        lo, hi = lo * f0, hi * f1
    return lo, hi


def _need_anchor(ctx: Context, text: str) -> Interval:
    if ctx.anchor is None:
        raise TimeParseError(
            f"{text!r} is relative to another event; hint: pass anchor= (the Interval of the "
            "event it follows or precedes)"
        )
    return ctx.anchor


def offset_phrase(t: str, ctx: Context) -> Interval | None:
    """An offset from the anchor, or None when `t` is not one."""
    if h := _HALF.match(t):  # "an hour and a half later" -> "1.5 hours later"
        n = 1 if h["n"] in ("a", "an", "one") else int(h["n"])
        t = f"{h['pre']}{n + 0.5} {h['unit']}s{t[h.end() :]}"
    if m := WITHIN_RX.match(t):
        anchor = _need_anchor(ctx, t)
        hi = count_range(m["n"], None, m["unit"])[1] if m["n"] else vague.BARE_PLURAL[m["unit"]][1]
        return _shift(
            anchor, timedelta(0), vague.UNITS[m["unit"]] * hi, True, f"within:{m['unit']}"
        )
    m = COUNT_RX.match(t)
    if m and not (m["dir"] == "on" and m["obj"]):
        anchor = _need_anchor(ctx, t)
        lo, hi = count_range(m["n"], m["hedge"], m["unit"])
        forward = m["dir"].split()[0] in _FORWARD
        rule = f"offset-{'after' if forward else 'before'}:{m['unit']}"
        if m["unit"] in ("day", "week", "month", "year") and lo == hi:
            return _calendar_shift(ctx, anchor, m["unit"], lo if forward else -lo, rule)
        unit = vague.UNITS[m["unit"]]
        return _shift(anchor, unit * lo, unit * hi, forward, rule)
    m = BARE_RX.match(t)
    if m and (m["dir"] or m["word"] == "later"):
        anchor = _need_anchor(ctx, t)
        lo, hi = vague.VAGUE_OFFSETS[m["word"]]
        if m["hedge"]:
            f0, f1 = vague.HEDGES[m["hedge"]]
            lo, hi = lo * f0, hi * f1
        forward = m["dir"] is None or m["dir"].split()[0] in _FORWARD
        rule = f"offset-{'after' if forward else 'before'}:{m['word']}"
        return _shift(anchor, lo, hi, forward, rule)
    return _day_relation(t, ctx)


def _shift(anchor: Interval, lo: timedelta, hi: timedelta, forward: bool, rule: str) -> Interval:
    if forward:
        return spans.shift(anchor, lo, hi, rule)
    return spans.shift(anchor, -hi, -lo, rule)


def _calendar_shift(ctx: Context, anchor: Interval, unit: str, n: float, rule: str) -> Interval:
    """Move the anchor's local span by whole calendar units (DST-correct)."""
    a = pendulum.instance(anchor.start).in_timezone(ctx.zone)
    b = pendulum.instance(anchor.end).in_timezone(ctx.zone)
    step = {f"{unit}s": int(n)}
    start, end = a.add(**step), b.add(**step)
    if anchor.precision in ("minute", "hour", "part_of_day") or anchor.is_exact:
        d = start.date()  # "two days later" after a known time: that whole local day
        return spans.day_span(ctx, d, rule)
    return spans.span(ctx, start, end, spans.precision_for(end - start), rule)


def _day_relation(t: str, ctx: Context) -> Interval | None:
    """ "the next day", "that evening", "the night before" (anchor's local day +- n)."""
    from timeline.timeexpr.days import time_of_day

    key = t
    if key not in DAY_REL:
        return None
    anchor = _need_anchor(ctx, t)
    d = anchor.start.astimezone(ctx.zone).date() + timedelta(days=DAY_REL[key])
    pod = next((w for w in key.split() if w in ("morning", "afternoon", "evening", "night")), "")
    tod = time_of_day(pod, None)
    if not tod:
        return spans.day_span(ctx, d, f"anchor-day{DAY_REL[key]:+d}")
    h0, h1, tod_rule = tod
    return spans.hours_span(ctx, d, h0, h1, f"anchor-day{DAY_REL[key]:+d}+{tod_rule}")
