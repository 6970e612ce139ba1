"""Clock forms news writes that the day grammar does not: zones, 24-hour, ranges, "tonight at".

    "at around 1455 GMT"            -> 14:25..15:25 UTC, shown in the place's zone
    "0320 BST", "15h00", "22.22"    -> 24-hour clocks ("22.22" only after at/about/around)
    "between 8.15pm and 8.20pm"     -> [20:15, 20:20] on the event's day
    "tonight at 11", "half past three in the afternoon", "24:00" (the end of the day)

Each parser rewrites the phrase into a form `days` reads ("1455" -> "14:55") and keeps
the `@reference-day` / `@anchor-day` suffix of the reading, so the article reader puts
the clock on its event's day. A named zone converts the clock from that zone to an
instant; the result is shown in the place's zone. Ambiguous forms stay unread: "half past
three" alone (03:30 or 15:30), "CST" or "IST" (three zones each), a bare "1455" (a year).
"""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.timeexpr import days, spans, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

_HOUR = timedelta(hours=1)
# Named zones news uses after a clock -> a fixed-offset IANA zone (Etc/GMT signs are
# reversed by POSIX convention: Etc/GMT-1 is UTC+1).
ZONE_ABBREVS: dict[str, str] = {
    "gmt": "UTC", "utc": "UTC", "z": "UTC", "bst": "Etc/GMT-1", "cet": "Etc/GMT-1",
    "cest": "Etc/GMT-2", "eet": "Etc/GMT-2", "eest": "Etc/GMT-3", "msk": "Etc/GMT-3",
    "est": "Etc/GMT+5", "edt": "Etc/GMT+4", "pst": "Etc/GMT+8", "pdt": "Etc/GMT+7",
}  # fmt: skip
_ZONES = words.alternation(ZONE_ABBREVS)
_HEDGE = r"(?:(?:at|around|about|approximately|shortly after|shortly before|just after|" \
         r"just before|after|before|by|until)\s+)?"  # fmt: skip
_MIL = r"(?:[01]\d|2[0-3])[0-5]\d"
_CLOCK = r"\d{1,2}(?:[:.]\d{2})?\s*(?:am\b|pm\b|a\.m\.|p\.m\.)|\d{1,2}[:.h]\d{2}|" + _MIL

_ZONED = re.compile(rf"^(?P<body>.*?)\s*(?:hrs?|hours)?\s*\(?(?P<z>{_ZONES})\)?$")
_MILITARY = re.compile(
    rf"^(?P<pre>{_HEDGE})(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?P<suffix>\s*(?:hrs?|hours|local\s+time))?$"
)
_DOT24 = re.compile(rf"^(?P<pre>{_HEDGE})(?P<h>[01]?\d|2[0-3])[.h](?P<m>[0-5]\d)$")
_H_ONLY = re.compile(rf"^(?P<pre>{_HEDGE})(?P<h>[01]?\d|2[0-3])h$")
_RANGE = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|till)\s+(?P<b>.+)$")
_TONIGHT = re.compile(r"^tonight\s+at\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?$")
_PAST = re.compile(
    r"^(?P<pre>(?:at|around|about)\s+)?(?P<q>half|quarter|\d{1,2})\s+(?P<dir>past|to)\s+"
    rf"(?P<h>\d{{1,2}}|{words.alternation(words.CARDINALS)})\s+"
    r"(?P<pod>am|pm|in the morning|in the afternoon|in the evening|at night)$"
)

FIND = "|".join((
    rf"{_HEDGE}(?:{_CLOCK})\s*(?:hrs?\s+|hours\s+)?\(?(?:{_ZONES})\)?",
    rf"(?:at|around|about|by|until)\s+(?:{_MIL})\s*(?:hrs|hours|local\s+time)",
    r"(?:at|around|about|by|until)\s+(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d.%])(?!\s*(?:per|%|million|bn))",
    r"(?:at|around|about|by|until)\s+(?:[01]?\d|2[0-3])h(?:[0-5]\d)?",
    rf"(?:between|from)\s+(?:{_CLOCK})\s+(?:and|to|until)\s+(?:{_CLOCK})",
    r"tonight\s+at\s+\d{1,2}(?::\d{2})?",
    rf"(?:(?:at|around|about)\s+)?(?:half|quarter|\d{{1,2}})\s+(?:past|to)\s+"
    rf"(?:\d{{1,2}}|{words.alternation(words.CARDINALS)})\s+"
    r"(?:am|pm|in the morning|in the afternoon|in the evening|at night)",
))  # fmt: skip


def _day_clock(t: str, ctx: Context) -> Interval | None:
    try:
        return days.day_phrase(t, ctx)
    except ValueError:
        return None


def zoned(t: str, ctx: Context) -> Interval | None:
    """A clock followed by a named zone, converted from that zone."""
    m = _ZONED.match(t)
    if not m or not m["body"]:
        return None
    body = plain(m["body"]) or m["body"]
    zone = ZONE_ABBREVS[m["z"]]
    d = ctx.anchor.start.astimezone(ctx.zone).date() if ctx.anchor else ctx.day
    there = spans.local(Context(ctx.ref, zone), d)  # the place's day, on the zone's clock
    day = Interval(there, there, "day", zone, rule="day")
    other = Context(day, zone, day if ctx.anchor else None, ctx.day_first, ctx.prefer,
                    ctx.sentence)  # fmt: skip
    iv = _day_clock(body, other) if not _RANGE.match(body) else clock_range(body, other)
    if iv is None:
        return None
    return Interval(iv.start, iv.end, iv.precision, ctx.tz, rule=f"zone:{m['z']}:{iv.rule}")


def plain(t: str) -> str | None:
    """24-hour forms rewritten as h:mm ("1455" -> "14:55", "15h00" -> "15:00"), or None."""
    for rx in (_MILITARY, _DOT24):
        if m := rx.match(t):
            return f"{m['pre']}{int(m['h'])}:{m['m']}"
    if m := _H_ONLY.match(t):
        return f"{m['pre']}{int(m['h'])}:00"
    return None


def twenty_four(t: str, ctx: Context) -> Interval | None:
    """ "at 0930 hrs", "at 22.22", "15h00" (no zone): the place's own clock.

    Four digits alone are a year as often as a clock: read only with "hrs" or a zone."""
    m = _MILITARY.match(t)
    if m and not m["suffix"]:
        return None
    body = plain(t)
    return _day_clock(body, ctx) if body else None


def clock_range(t: str, ctx: Context) -> Interval | None:
    """ "between 8.15pm and 8.20pm [on November 21]": the first clock to the second."""
    m = _RANGE.match(t)
    if not m:
        return None
    b = _day_clock(plain(m["b"]) or m["b"], ctx)
    if b is None:
        return None
    a_text = plain(m["a"]) or m["a"]
    ap = re.search(r"(?<![a-z])(am|pm)\b", m["b"])
    if ap and not re.search(r"(?<![a-z])(am|pm)\b", a_text):
        a_text = f"{a_text} {ap[1]}"
    same_day = Context(ctx.ref, ctx.tz, b, ctx.day_first, ctx.prefer, ctx.sentence)
    a = _day_clock(a_text, same_day)
    if a is None or a.start > b.end:
        return None
    rule = f"range:{b.rule}"
    if ctx.anchor is None and not (b.rule or "").endswith("@reference-day"):
        rule = rule.replace("@anchor-day", "")
    return Interval(a.start, b.end, "minute" if b.end - a.start < _HOUR else "hour", ctx.tz,
                    rule=rule)  # fmt: skip


def tonight_at(t: str, ctx: Context) -> Interval | None:
    """ "tonight at 11" = 23:00 today; "tonight at 1" = 01:00 after midnight."""
    m = _TONIGHT.match(t)
    if not m:
        return None
    h = int(m["h"])
    if h > 12:
        return None
    hour = h + 12 if 6 <= h < 12 else 24 if h == 12 else h + 24 if h < 6 else h
    day = ctx.anchor.start.astimezone(ctx.zone).date() if ctx.anchor else ctx.day
    point = spans.local(ctx, day, hour + int(m["m"] or 0) / 60)
    where = "anchor-day" if ctx.anchor else "reference-day"
    return spans.span(ctx, point, point, "minute", f"tonight+clock@{where}")


def past_to(t: str, ctx: Context) -> Interval | None:
    """ "half past three in the afternoon", "quarter to ten pm" (never without am/pm)."""
    m = _PAST.match(t)
    if not m:
        return None
    h = int(m["h"]) if m["h"].isdigit() else int(words.CARDINALS[m["h"]])
    q = {"half": 30, "quarter": 15}.get(m["q"]) or int(m["q"])
    if not 1 <= h <= 12 or q >= 60:
        return None
    minutes = h * 60 + (q if m["dir"] == "past" else -q)
    pm = m["pod"] in ("pm", "in the afternoon", "in the evening") or (
        m["pod"] == "at night" and h >= 6
    )
    hh, mm = divmod(minutes % 720, 60)
    hh = hh or 12
    clock = f"{m['pre'] or ''}{hh}:{mm:02d} {'pm' if pm else 'am'}"
    return _day_clock(clock, ctx)


PARSERS = (zoned, clock_range, tonight_at, past_to, twenty_four)
