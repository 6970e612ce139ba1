"""Times of article events: own phrases, series phrases, offsets between events, defaults.

Each event's interval is the intersection of everything the text supports: "A few hours
later, a car bomb exploded early Friday morning" is (warning + 1..6 h) AND [04:00, 09:00)
Friday. An offset is used in both directions: "the first attack came a few hours after
the warning" dates the warning from the attack when only the attack has a date. An event
with no time at all lies somewhere in the year before the publication day (flagged).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from timeline.articles.events import Article, Event
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.phrases import intersect, normalize_time
from timeline.timeexpr.spans import precision_for

_FLIP = {"after": "before", "before": "after", "later": "earlier", "earlier": "later",
         "afterwards": "earlier"}  # fmt: skip
DEFAULT_LOOKBACK = timedelta(days=365)
_DAY = timedelta(days=1, hours=1)  # a calendar day, DST days included


def resolve_times(art: Article, published: str | date | datetime, tz: str) -> None:
    """Set `interval` (and the rule used) on every event of the article."""
    pub_day = normalize_time("today", published, tz)
    clocks: dict[int, list[str]] = {}
    for ev in art.events:
        phrases = ev.times + (ev.series.times if ev.series else [])
        for s, a, b in phrases:
            iv = s.reading(a, b)  # read once, by the finder
            if iv is not None and (iv.rule or "").endswith("@reference-day"):
                clocks.setdefault(id(ev), []).append(s.masked[a:b])
            elif iv is not None:
                ev.constraints.append(iv)
    _place_clocks(art, clocks, published, tz)
    for _ in range(3):  # propagate offsets both ways until stable (chains are short)
        for ev in art.events:
            _settle(ev)
            for anchor, phrase, _s, _a in ev.edges:
                _apply_edge(ev, anchor, phrase, published, tz)
    for ev in art.events:
        _settle(ev)
        for earlier in ev.after:
            if earlier.interval is not None:
                end = max(pub_day.end, earlier.interval.end)
                ev.constraints.append(Interval(earlier.interval.start, end, "year", tz,
                                               rule="after-anchor"))  # fmt: skip
        _settle(ev, force=True)
        if ev.interval is None:
            start = pub_day.end - DEFAULT_LOOKBACK
            ev.interval = Interval(start, pub_day.end, "year", tz, rule="before-publication")
            ev.confidence -= 0.2


def _place_clocks(art: Article, clocks: dict[int, list[str]], published, tz: str) -> None:
    """A clock time with no day ("at 8.15pm") is on its event's day, else the article's day.

    The event's day is what its other phrases say ("on November 21", "yesterday"); an
    event with none takes the first day any event of the article is dated to (news
    reports one day's events), and the publication day only when the text names no day.
    """
    days: dict[int, Interval] = {}
    for ev in art.events:
        _settle(ev, force=True)
        if ev.interval is not None and ev.interval.width <= _DAY:
            days[id(ev)] = ev.interval
    article_day = next(iter(days.values()), None)
    for ev in art.events:
        day = days.get(id(ev), article_day)
        for phrase in clocks.get(id(ev), []):
            iv = normalize_time(phrase, published, tz, anchor=day) if day else None
            iv = iv or normalize_time(phrase, published, tz)
            if iv is not None:
                ev.constraints.append(iv)
        ev.interval = None


def _apply_edge(ev: Event, anchor: Event, phrase: str, published, tz: str) -> None:
    key = ("edge", id(anchor), phrase)
    if anchor.interval is not None and key not in ev.used:
        iv = normalize_time(phrase, published, tz, anchor=anchor.interval)
        if iv is not None:
            ev.constraints.append(iv)
            ev.used.add(key)
            ev.interval = None
    back = ("back", id(ev), phrase)
    if ev.interval is not None and anchor.interval is None:
        flipped = re.sub(r"\b(after|before|later|earlier|afterwards)\b",
                         lambda m: _FLIP[m[1].lower()], phrase, count=1, flags=re.I)  # fmt: skip
        iv = normalize_time(flipped, published, tz, anchor=ev.interval)
        if iv is not None and back not in anchor.used:
            anchor.constraints.append(iv)
            anchor.used.add(back)


def _settle(ev: Event, force: bool = False) -> None:
    """Intersect the constraints; on a conflict keep their union and flag it."""
    if not ev.constraints or (ev.interval is not None and not force):
        return
    rules = [c.rule or "" for c in ev.constraints]
    out: Interval | None = ev.constraints[0]
    for c in ev.constraints[1:]:
        out = intersect(out, c) if out is not None else None
    if out is None:
        start = min(c.start for c in ev.constraints)
        end = max(c.end for c in ev.constraints)
        ev.figures["time_conflict"] = True
        out = Interval(start, end, precision_for(end - start), ev.constraints[0].tz,
                       rule="union(conflict)")  # fmt: skip
    elif len(ev.constraints) == 1:
        out = ev.constraints[0]
    ev.interval = Interval(out.start, out.end, out.precision, out.tz, rule="&".join(rules))
