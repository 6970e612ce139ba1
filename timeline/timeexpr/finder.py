"""Time phrases in running text, read by the same grammar as `normalize_time`.

    find_times("A car bomb went off early Friday morning.", "2014-01-24", "Africa/Cairo")
    -> [TimeHit(start=20, end=40, phrase='early Friday morning', interval=..., rule=..., ...)]

Candidates are spotted with the `find` patterns of the families in `grammar.FAMILIES`
(leftmost, then longest), and each is kept only when `normalize_time` reads it: a phrase
the finder returns is a phrase the normalizer reads, to the same interval. Phrases that
count from another event ("a few hours later", "that evening") come back with
`anchored=True` and no interval: they are read once the event they follow is known.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

from timeline.errors import TimeParseError
from timeline.timeexpr import grammar, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.phrases import normalize_time

__all__ = ["TimeHit", "find_times"]

_SINCE = re.compile(r"\b(?:since|until|till)\s+$", re.IGNORECASE)
_JOIN = re.compile(r"^[\s,]*(?:local\s+time\s*,?\s*)?(?:on|at|in|of)?\s*$", re.IGNORECASE)
# "at 2.30am local time (2330 GMT)": the bracketed clock says the same instant again.
_RESTATED = re.compile(r"^\s*(?:local\s+time\s*)?[(\[]\s*$", re.IGNORECASE)


class TimeHit(NamedTuple):
    """One time phrase found in a text: where, what, and how the grammar read it."""

    start: int
    end: int
    phrase: str
    interval: Interval | None  # None when anchored (relative to another event)
    rule: str
    anchored: bool = False  # "a few hours later": needs the anchor event's interval
    since: bool = False  # follows "since"/"until": bounds a span, does not date an event

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(rf"(?<![\w-])(?:{f.find})(?![\w-])", re.IGNORECASE)
        for f in grammar.FAMILIES
        if f.find is not None
    )


def find_times(
    text: str, reference: str | date | datetime, tz: str, *, context: str | None = None
) -> list[TimeHit]:
    """The time phrases of `text` that the grammar reads, in order, without overlaps.

    `reference` and `tz` are as for `normalize_time` (publication date, place's zone);
    `context` is passed on to it. Adjacent phrases joined by at most "on"/"at" ("Friday
    at 6:30 am") become one when the joined phrase reads on its own (never into an
    offset: "shortly after" + "midnight" is a clock time, not an offset). Month names that are also
    ordinary words ("may", "march") count only when capitalised.
    """
    hits: list[TimeHit] = []
    bracket = -1  # end of a bracket that restates the previous phrase: "(2330 GMT Saturday)"
    for a, b in _candidates(text):
        hit = _read(text, a, b, reference, tz, context)
        if hit is None or a < bracket:
            continue
        if hits and hits[-1].interval and _RESTATED.match(text[hits[-1].end : a]):
            close = re.search(r"[)\]]", text[a:])
            bracket = a + close.end() if close else bracket
            continue
        if hits and not (hit.anchored or hits[-1].anchored) and _JOIN.match(text[hits[-1].end : a]):
            joined = _read(text, hits[-1].start, b, reference, tz, context)
            if joined is not None and not joined.anchored:
                hits[-1] = joined
                continue
        hits.append(hit)
    return hits


def _candidates(text: str) -> list[tuple[int, int]]:
    """Leftmost-longest non-overlapping matches of every family's `find` pattern."""
    found = sorted(
        ((m.start(), m.end()) for rx in _patterns() for m in rx.finditer(text)),
        key=lambda ab: (ab[0], -ab[1]),
    )
    out: list[tuple[int, int]] = []
    for a, b in found:
        word = text[a:b].strip()
        if word.lower() in words.MONTH_HOMONYMS and word[0].islower():
            continue
        if _name_month(text, a, b) or (
            _ATTRIBUTIVE.search(text[max(0, a - 8) : a]) and (word.lower() == "overnight")
        ):
            continue  # "an overnight raid": at night, on no day the phrase says
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


_ATTRIBUTIVE = re.compile(r"\b(?:an?|the|its|their|this|that)\s+$", re.IGNORECASE)
_BARE_MONTH = re.compile(rf"(?:{words.MONTH_WORDS})\.?", re.IGNORECASE)
_FORENAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]+\.?\s+$")
_LEADS = frozenset(
    [
        "in",
        "by",
        "since",
        "until",
        "till",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "from",
        "of",
        "through",
        "during",
        "before",
        "after",
        "this",
        "that",
    ]
)


def _name_month(text: str, a: int, b: int) -> bool:
    """A bare month word that is a name: "Col. Jun Lopez", "Theresa May said", "analyst
    April Hayes". After "in"/"since"/"last"... it is the month; otherwise an abbreviation
    alone ("Jun") is none in prose, and a month name is none next to a capitalised word
    (a forename just before it, a surname just after it)."""
    word = text[a:b].strip()
    if not _BARE_MONTH.fullmatch(word):
        return False
    lead = re.search(r"(\w+)\W*$", text[:a])
    if lead and lead.group(1).lower() in _LEADS:
        return False
    if word.rstrip(".").lower() not in words.MONTHS or _FORENAME.search(text[:a]):
        return True
    return bool(re.match(r"\s[A-Z][a-z]", text[b : b + 3]))


def _read(text: str, a: int, b: int, reference, tz: str, context) -> TimeHit | None:
    phrase = text[a:b]
    since = bool(_SINCE.search(text[max(0, a - 8) : a]))
    try:
        iv = normalize_time(phrase, reference, tz, context=context)
    except TimeParseError:  # relative to another event: read it against a stand-in anchor
        probe = normalize_time("today", reference, tz)
        iv = normalize_time(phrase, reference, tz, probe, context=context)
        if iv is None:
            return None
        return TimeHit(a, b, phrase, None, iv.rule or "", anchored=True, since=since)
    if iv is None:
        return None
    return TimeHit(a, b, phrase, iv, iv.rule or "", since=since)
