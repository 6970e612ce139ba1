"""Where an article's events happened and whose clock dated it: two zones, never UTC by default.

    setting("2016-06-13", tz="America/New_York", published_tz="Australia/Sydney")

`tz` is the zone of the place the events happened: clock times in the text ("at 6:30
a.m.") and the country are read in it. `published_tz` is the outlet's zone: the
publication date is a day on the outlet's clock, and "today"/"yesterday" count from it.
An outlet abroad can be a calendar day ahead of the place: a Sydney paper of 13 June
reports a New York night of 12 June as "today". The place's reference day is the one that
holds the middle of the outlet's publication day (or the publication instant itself when
a time is given). Without `tz` nothing is guessed: an article without the place's zone is
refused, because read as UTC its times would be hours off and its country wrong.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline.errors import TimelineError, TimeParseError
from timeline.timeexpr import interval
from timeline.timeexpr.finder import find_times
from timeline.timeexpr.phrases import normalize_time

__all__ = ["Setting", "setting", "story_day"]

NO_ZONE = (
    "no zone for the place of this article's events; hint: pass tz= (CLI: --tz, in a "
    "file: a TZ: header), e.g. 'Africa/Cairo'; times are never read as UTC by default. "
    "published_tz= (--published-tz) is the outlet's zone when it differs from the place's"
)


@dataclass(frozen=True)
class Setting:
    """The place's zone, the reference the grammar reads relative phrases against (a day
    or an instant of the place's calendar), and what a report should say about it."""

    zone: str
    reference: str | date | datetime
    notes: tuple[str, ...] = ()


def setting(
    published: str | date | datetime, tz: str | None, published_tz: str | None = None
) -> Setting:
    """The zones of one article, checked; refuses an article without the place's zone."""
    if not tz:
        raise TimelineError(NO_ZONE)
    _zone(tz, "tz")
    interval(published, tz)  # a publication date that cannot be read is refused here
    if not published_tz or published_tz == tz:
        return Setting(tz, published)
    outlet = interval(published, _zone(published_tz, "published_tz"))
    half = timedelta(seconds=(outlet.end - outlet.start).total_seconds() / 2)
    local = (outlet.start + half).astimezone(ZoneInfo(tz))
    if outlet.end > outlet.start:
        reference: str | date | datetime = local.date().isoformat()
        told = f"'today' is {local.date().isoformat()}"
    else:
        reference, told = local, f"published at {local.isoformat(timespec='minutes')}"
    note = (f"publication date {_iso(published)} is on the outlet's clock ({published_tz}): "
            f"{told} at the place ({tz})")  # fmt: skip
    return Setting(tz, reference, (note,))


def _zone(name: str, option: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeParseError(
            f"{option}={name!r} is not a time zone; hint: use an IANA name like 'Africa/Cairo'"
        ) from None
    return name


def _iso(published: str | date | datetime) -> str:
    return published.isoformat() if isinstance(published, date) else str(published)


# "London, June 17. -", "CAIRO, Jan. 24 (Reuters) -": a place, a date, a dash
DATELINE = re.compile(
    r"^\s*([A-Z][\w .'’-]{1,40}?),\s+(?:[A-Z][\w.'’ -]{1,30}?,\s+(?=[\w. ]{3,30}?\s*[(–—-]))?"
    r"([^,()–—-]{3,30}?)\.?\s*(?:\([^)]{1,30}\)\s*)?[–—-]\s"
)
_FIRST_PUBLISHED = re.compile(r"^\s*(?:this \w+ was )?(?:first|originally) published\b", re.I)
_OLDER = timedelta(days=2)  # a context date this much before publication: a story of its day


def story_day(
    text: str, reference: str | date | datetime, tz: str
) -> tuple[str | date | datetime, str | None]:
    """The day the story's "today" and yearless dates count from, and a note when it is not
    the publication day: a full date in the title or a "First published ... on" line
    well before publication (an archive page), then a dateline ("London, June 17. -")."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:8]
    told = []
    context = [p for i, p in enumerate(paragraphs) if i == 0 or _FIRST_PUBLISHED.match(p)]
    published = interval(reference, tz)
    before = published.start - _OLDER
    dated = [h for p in context for h in find_times(p, reference, tz)
             if h.rule == "date" and h.interval and h.interval.end <= before]  # fmt: skip
    if dated:
        first = min(dated, key=lambda h: h.interval.start)
        reference = first.interval.start.in_timezone(tz).date().isoformat()
        told.append(f"{first.phrase!r}")
    line = next((m for p in paragraphs if (m := DATELINE.match(p))), None)
    day = normalize_time(line.group(2), reference, tz) if line else None
    if day is not None and day.precision == "day" and day.rule in ("date", "date-no-year"):
        reference = day.start.in_timezone(tz).date().isoformat()
        told.append(f"the dateline {line.group(0).strip(' –—-')!r}")
    if not told or str(reference) == published.start.in_timezone(tz).date().isoformat():
        return reference, None
    return reference, f"'today' is {reference}, from {' and '.join(told)}, not the publication day"


_FUTURE = re.compile(
    r"\b(?:will|would|shall|next|plans?|planned|scheduled|due|expected|upcoming|coming)\b", re.I
)


def reported_past(hits: list, text: str, reference, tz: str) -> list:
    """ "In January, a similar attack wounded three staff" read in December: a yearless
    month or date after the story's day is last year's in a sentence that reports (no
    "will", "next", "scheduled"); the grammar alone may pick the coming one."""
    if _FUTURE.search(text):
        return hits
    day_end = normalize_time("today", reference, tz).end
    out = []
    for h in hits:
        iv = h.interval
        if iv is not None and "no-year" in (iv.rule or "") and iv.start >= day_end:
            year = iv.start.astimezone(ZoneInfo(tz)).year - 1
            back = normalize_time(f"{h.phrase} {year}", reference, tz)
            if back is not None and back.end <= day_end:
                back = dataclasses.replace(back, rule=f"{iv.rule}@past")
                h = h._replace(interval=back, rule=back.rule or "")
        out.append(h)
    return out


_AND = re.compile(r"^\s*(?:and|or|to|through)\s+(?:on\s+)?$", re.IGNORECASE)


def coordinated_days(hits: list, text: str) -> list:
    """ "on Sunday and Monday", "on Friday or Saturday": one phrase, the span of both days
    (read apart, each would time the event alone and the two would contradict)."""
    out: list = []
    for h in hits:
        prev = out[-1] if out else None
        x, y = (prev.interval if prev else None), h.interval
        if (
            x is not None
            and y is not None
            and _AND.match(text[prev.end : h.start])
            and (
                x.precision == y.precision == "day" and abs(y.start - x.start) <= timedelta(days=7)
            )
        ):
            iv = dataclasses.replace(x, start=min(x.start, y.start), end=max(x.end, y.end),
                                     rule=f"{x.rule}|{y.rule}")  # fmt: skip
            out[-1] = prev._replace(end=h.end, phrase=text[prev.start : h.end], interval=iv,
                                    rule=iv.rule or "")  # fmt: skip
            continue
        out.append(h)
    return out
