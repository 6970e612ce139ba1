"""Calendar phrases: days (weekdays, dates, today), times of day, months, years, seasons.

A phrase is a day part ("Friday", "Dec. 24", "yesterday") and/or a time-of-day part
("early morning", "at 6:30 am"); whatever remains must be filler words, otherwise the
phrase is not read (better no answer than a wrong one).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.timeexpr import spans, vague, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

MONTH = rf"(?P<mon>{words.MONTH_WORDS})\b"
WEEKDAY = rf"(?P<wd>{words.WEEKDAY_WORDS})s?\b"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
DATE_FORMS = (
    rf"{MONTH}\s+(?P<d>\d{{1,2}}){_ORD}\b(?:\s+{_YEAR}\b)?",
    rf"(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{MONTH}(?:\s+{_YEAR}\b)?",
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b",
    r"\b(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<ny>\d{4}|\d{2})\b",
)
REL_DAYS = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "today": 0,
    "yesterday": -1, "tomorrow": 1,
}  # fmt: skip
_REL_DAY = r"(?P<rel>" + "|".join(REL_DAYS) + r")\b"
_WD = rf"(?:(?P<wdq>last|this|next|past|coming|previous)\s+)?{WEEKDAY}"
DAY_RXS = tuple(re.compile(rf"\b{f}") for f in (_REL_DAY, _WD, *DATE_FORMS))


_MON = MONTH.replace("?P<mon>", "?:")
_WD_BEFORE_DATE = re.compile(rf"^{WEEKDAY}\s+(?=(?:{_MON}\s+\d|\d{{1,2}}\s+{_MON}))")


def find_day(t: str) -> re.Match[str] | None:
    """The leftmost (then longest) day part in t."""
    hits = [m for rx in DAY_RXS if (m := rx.search(t))]
    return min(hits, key=lambda m: (m.start(), -m.end()), default=None)


_POD_NAMES = sorted(words.PARTS_OF_DAY, key=len, reverse=True)
POD_RX = re.compile(r"(?:(?P<mod>early|late|mid)\s+)?(?P<pod>" + "|".join(_POD_NAMES) + r")\b")
CLOCK_RX = re.compile(
    r"(?:(?P<hedge>" + "|".join(sorted(vague.CLOCK_HEDGES, key=len, reverse=True)) + r"|at)\s+)?"
    r"(?:(?P<word>noon|midday)|(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?:(?P<ap>am|pm)\b|"
    r"(?P<oc>o'?clock)|(?P<hm>h(?:rs)?)\b)?)"
)
FILLER = re.compile(r"\b(?:on|at|the|of|in|during|around|about|local|time|hours|hrs|sometime)\b")


def day_of(m: re.Match[str], ctx: Context) -> tuple[date, str] | None:
    """The local date a day-part match names, and the rule."""
    g = m.groupdict()
    if g.get("rel"):
        return ctx.day + timedelta(days=REL_DAYS[g["rel"]]), g["rel"]
    if g.get("wd"):
        return _weekday(ctx, words.WEEKDAYS.index(g["wd"]), g.get("wdq")), "weekday"
    if g.get("iy"):
        return date(int(g["iy"]), int(g["im"]), int(g["id"])), "date-iso"
    if g.get("n1"):
        a, b, y = int(g["n1"]), int(g["n2"]), int(g["ny"])
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        d, mo = (a, b) if ctx.day_first or a > 12 else (b, a)
        return date(y, mo, d), "date-numeric"
    mon, d = words.month_number(g["mon"]), int(g["d"])
    if g.get("y"):
        return date(int(g["y"]), mon, d), "date"
    y = spans.pick_year(ctx, lambda y: spans.day_span(ctx, date(y, mon, d), "date"))
    return date(y, mon, d), "date-no-year"


def _weekday(ctx: Context, wd: int, which: str | None) -> date:
    """News prefers the past: on a Friday, "Thursday" is yesterday and "Friday" today."""
    back = (ctx.day.weekday() - wd) % 7
    ahead = (wd - ctx.day.weekday()) % 7
    if which in ("last", "past", "previous"):
        return ctx.day - timedelta(days=back or 7)
    if which in ("next",):
        return ctx.day + timedelta(days=ahead or 7)
    if which in ("this", "coming") or ctx.prefer == "future":
        return ctx.day + timedelta(days=ahead)
    if ctx.prefer == "nearest" and ahead < back:
        return ctx.day + timedelta(days=ahead)
    return ctx.day - timedelta(days=back)


def time_of_day(text: str, modifier: str | None) -> tuple[float, float, str] | bool | None:
    """(start hour, end hour, rule) of a time-of-day part; False when text is not one."""
    text = text.strip()
    if not text:
        return None
    m = POD_RX.search(text)
    if m:
        mod = m["mod"] or modifier
        key = f"{mod} {m['pod']}" if mod and f"{mod} {m['pod']}" in words.PARTS_OF_DAY else m["pod"]
        rest = text[: m.start()] + text[m.end() :]
        if _only_filler(rest):
            h0, h1 = words.PARTS_OF_DAY[key]
            return h0, h1, f"part_of_day:{key}"
    m = CLOCK_RX.search(text)
    if m and (m["word"] or m["ap"] or m["m"] or m["oc"] or m["hm"]):
        rest = text[: m.start()] + text[m.end() :]
        if _only_filler(rest):
            return _clock(m)
    return False


def _clock(m: re.Match[str]) -> tuple[float, float, str] | bool:
    if m["word"]:
        h = 12.0
    else:
        h = int(m["h"]) % (12 if m["ap"] else 24) + (12 if m["ap"] == "pm" else 0)
        if int(m["h"]) > 24 or int(m["m"] or 0) > 59 or (int(m["h"]) == 24 and m["m"] != "00"):
            return False
        if int(m["h"]) == 24 and not m["ap"]:  # "24:00" ends the day: next midnight
            h = 24
        h += int(m["m"] or 0) / 60
    hedge = m["hedge"] if m["hedge"] and m["hedge"] != "at" else None
    if hedge is None:
        return h, h, "clock"
    before, after = vague.CLOCK_HEDGES[hedge]
    return h - before / 60, h + after / 60, f"clock:{hedge}"


def _only_filler(text: str) -> bool:
    return not FILLER.sub(" ", text).strip(" ,.-")


def _clean_day_text(t: str) -> str:
    t = re.sub(r"\bthis (morning|afternoon|evening)\b", r"today \1", t)
    t = re.sub(r"\btonight\b", "today night", t)
    t = re.sub(r"\blast night\b", "yesterday night", t)
    return re.sub(r"\blast (morning|afternoon|evening)\b", r"yesterday \1", t)


def day_phrase(t: str, ctx: Context) -> Interval | None:
    """A day with an optional time of day: "early Friday morning", "Dec. 24 at 6:30 am"."""
    t = _clean_day_text(t)
    t = _WD_BEFORE_DATE.sub("", t)  # "Friday, Oct. 23": the date says it all
    m = find_day(t)
    if not m:
        return _time_only(t, ctx)
    found = day_of(m, ctx)
    if found is None:
        return None
    d, rule = found
    rest = (t[: m.start()] + " " + t[m.end() :]).strip()
    rest = re.sub(r"^(early|late|mid)\s+on\s+", r"\1 ", rest)  # "late on Friday night"
    mod_m = re.match(r"^(early|late|mid)\b\s*", rest)
    modifier = mod_m[1] if mod_m else None
    tod = time_of_day(rest, modifier)
    if tod is False:
        if modifier and _only_filler(rest[mod_m.end() :]):  # "late Thursday"
            h0, h1 = vague.DAY_PARTS[modifier]
            return spans.hours_span(ctx, d, h0, h1, f"{rule}+{modifier}")
        return None
    if tod is None:
        return spans.day_span(ctx, d, rule)
    h0, h1, tod_rule = tod
    if h0 == h1:
        point = spans.local(ctx, d, h0)
        return spans.span(ctx, point, point, "minute", f"{rule}+{tod_rule}")
    return spans.hours_span(ctx, d, h0, h1, f"{rule}+{tod_rule}")


def _time_only(t: str, ctx: Context) -> Interval | None:
    """A time of day with no day ("at 6:30 a.m."): on the anchor's day, else the reference's."""
    tod = time_of_day(t, None)
    if not tod:
        return None
    h0, h1, rule = tod
    d = ctx.anchor.start.astimezone(ctx.zone).date() if ctx.anchor else ctx.day
    where = "anchor-day" if ctx.anchor else "reference-day"
    if rule == "part_of_day:overnight":  # news: the night that ended that day
        d -= timedelta(days=1)
    if h0 == h1:
        point = spans.local(ctx, d, h0)
        return spans.span(ctx, point, point, "minute", f"{rule}@{where}")
    return spans.hours_span(ctx, d, h0, h1, f"{rule}@{where}")
