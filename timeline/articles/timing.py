"""Times of article events: own phrases, series phrases, offsets between events, defaults.

Each event's interval is the intersection of everything the text supports: "A few hours
later, a car bomb exploded early Friday morning" is (warning + 1..6 h) AND [04:00, 09:00)
Friday. An offset is used in both directions: "the first attack came a few hours after
the warning" dates the warning from the attack when only the attack has a date. An event
with no time at all lies somewhere in the year before the publication day (flagged).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta

from timeline.articles import network
from timeline.articles.events import Article, Event
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.phrases import intersect, normalize_time
from timeline.timeexpr.spans import precision_for

_FLIP = {"after": "before", "before": "after", "later": "earlier", "earlier": "later",
         "afterwards": "earlier"}  # fmt: skip
DEFAULT_LOOKBACK = timedelta(days=365)
_DAY = timedelta(days=1, hours=1)
_NEXT = timedelta(days=1)
_CALENDAR = (":day", ":week", ":month", ":year")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
INF = network.INF  # a calendar day, DST days included


def resolve_times(
    art: Article,
    published: str | date | datetime,
    tz: str,
    *,
    bound: str | date | datetime | None = None,
) -> None:
    """Set `interval` (and the rule used) on every event of the article.

    Phrases are read against `published` (the story's day); events the text does not
    time lie before the publication day `bound` (default: `published`).
    """
    pub_day = normalize_time("today", published if bound is None else bound, tz)
    clocks: dict[int, list[str]] = {}
    for ev in art.events:
        phrases = ev.times + (ev.series.times if ev.series else [])
        for s, a, b in phrases:
            iv = s.reading(a, b)  # read once, by the finder
            if iv is not None and (iv.rule or "").endswith("@reference-day"):
                clocks.setdefault(id(ev), []).append(s.masked[a:b])
            elif iv is not None:
                ev.constraints.append(iv)
        for s, a, b in ev.told:  # told on that day: it happened in the year up to its end
            if (iv := s.reading(a, b)) is not None:
                ev.constraints.append(
                    Interval(iv.end - DEFAULT_LOOKBACK, iv.end, "year", tz, rule="told-by")
                )
    _place_clocks(art, clocks, published, tz)
    offsets = _offsets(art, published, tz)
    for _ in range(3):  # edges that are not plain offsets ("that evening"), both ways
        for ev in art.events:
            _settle(ev)
            for anchor, phrase, _s, _a in ev.edges:
                if (id(ev), id(anchor), phrase) not in offsets:
                    _apply_edge(ev, anchor, phrase, published, tz)
    for ev in art.events:
        _settle(ev, force=True)
    if not _solve(art, offsets, pub_day, tz):  # contradicting offsets: one at a time
        _fallback(art, offsets, published, tz)
    for ev in art.events:
        if ev.interval is None:
            start = pub_day.end - DEFAULT_LOOKBACK
            ev.interval = Interval(start, pub_day.end, "year", tz, rule="before-publication")
            ev.confidence -= 0.2


def _offsets(art: Article, published, tz: str) -> dict[tuple, tuple[float, float, str]]:
    """(event, anchor, phrase) -> (dmin, dmax, rule) in seconds for plain offset phrases.

    An offset reads the same from any anchor, shifted: it is read once against a point.
    """
    probe = normalize_time("today", published, tz)
    point = Interval(probe.start, probe.start, "minute", tz, rule="probe")
    out = {}
    for ev in art.events:
        for anchor, phrase, _s, _a in ev.edges:
            iv = normalize_time(phrase, published, tz, anchor=point)
            rule = (iv.rule or "") if iv is not None else ""
            # "two days later" is a calendar day (applied from the anchor's own day), not
            # a distance the network could add to the anchor's clock
            if rule.startswith("offset") and not rule.endswith(_CALENDAR):
                lo, hi = (
                    (iv.start - point.start).total_seconds(),
                    (iv.end - point.start).total_seconds(),
                )
                out[(id(ev), id(anchor), phrase)] = (lo, hi, iv.rule)
    return out


def _solve(art: Article, offsets: dict, pub_day: Interval, tz: str) -> bool:
    """Event times under every offset and "after" at once (`network`); False if they clash."""
    events = art.events
    at = {id(e): k for k, e in enumerate(events)}
    bounds = [_secs(e.interval) for e in events]
    links = [(at[a], at[e], lo, hi) for (e, a, _p), (lo, hi, _r) in offsets.items()]
    links += [(at[id(x)], k, 0.0, INF) for k, e in enumerate(events) for x in e.after
              if id(x) in at]  # fmt: skip
    sol = network.solve(bounds, links)
    if sol is None:
        return False
    defaults: set[int] = set()
    while free := [k for k, (lo, hi) in enumerate(sol.bounds) if lo == -INF and hi == INF
                   and any(k in (i, j) for i, j, _l, _h in links)]:  # fmt: skip
        bounds[free[0]] = _secs_of(pub_day.end - DEFAULT_LOOKBACK, pub_day.end)
        defaults.add(free[0])
        sol = network.solve(bounds, links)
    rules = _offset_rules(art, offsets)
    for k, ev in enumerate(events):
        _place(ev, sol.bounds[k], bounds[k], pub_day, tz, rules.get(id(ev), []), k in defaults)
    return True


def _place(ev: Event, got, own, pub_day: Interval, tz: str, rules: list, default: bool) -> None:
    lo, hi = got
    if (lo == -INF and hi == INF) or (tuple(got) == tuple(own) and not default):
        return
    end = _secs(pub_day)[1]
    hi = max(end, lo) if hi == INF else hi  # after a known event, before publication
    lo = min(hi, end) - DEFAULT_LOOKBACK.total_seconds() if lo == -INF else lo
    start, stop = (_EPOCH + timedelta(seconds=x) for x in (lo, hi))
    base = ["before-publication"] if default else ([ev.interval.rule] if ev.interval else [])
    ev.interval = Interval(start, stop, precision_for(stop - start), tz,
                           rule="&".join([r for r in base if r] + rules) or "network")  # fmt: skip
    if default:
        ev.confidence -= 0.2


def _offset_rules(art: Article, offsets: dict) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for (e, _a, _p), (_lo, _hi, rule) in offsets.items():
        out.setdefault(e, []).append(rule)
    return out


def _secs(iv: Interval | None) -> tuple[float, float]:
    return (-INF, INF) if iv is None else _secs_of(iv.start, iv.end)


def _secs_of(a: datetime, b: datetime) -> tuple[float, float]:
    return (a - _EPOCH).total_seconds(), (b - _EPOCH).total_seconds()


def _fallback(art: Article, offsets: dict, published, tz: str) -> None:
    """Offsets applied one by one (the first reading wins), each event flagged."""
    for _ in range(3):
        for ev in art.events:
            for anchor, phrase, _s, _a in ev.edges:
                if (id(ev), id(anchor), phrase) in offsets:
                    ev.figures["time_conflict"] = True
                    _apply_edge(ev, anchor, phrase, published, tz)
            _settle(ev, force=True)


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
            if iv is not None and id(ev) not in days and _claim_before(ev, iv, art, days):
                iv = dataclasses.replace(iv, start=iv.start + _NEXT, end=iv.end + _NEXT,
                                         rule=f"{iv.rule}+next-day")  # fmt: skip
            if iv is not None:
                ev.constraints.append(iv)
        ev.interval = None


def _claim_before(ev: Event, iv: Interval, art: Article, days: dict) -> bool:
    """A claim's bare clock put on the article's day before every attack it can follow
    ("The attack began at 10:30 p.m. ... claimed it shortly after midnight") is the next
    day's: a claim follows the attack it claims."""
    if ev.kind != "claim":
        return False
    told = [days[id(e)] for e in art.events
            if e.kind == "attack" and not e.background and id(e) in days]  # fmt: skip
    return bool(told) and all(iv.end <= t.start for t in told)


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
