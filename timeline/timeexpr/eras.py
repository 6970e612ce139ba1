"""Spans longer than a year and years in words: "the 1990s", "the late '70s", "the 20th
century", "nineteen ninety-six", "the year two thousand".

A decade is ten calendar years from a year ending in 0 ("the 1990s" = 1990 to 1999); its
early/mid/late parts come from `vague.DECADE_PARTS`. A century is read as its hundreds
("the 20th century" = 1900 to 1999), as news means it, not the strict 1901 to 2000.
"""

from __future__ import annotations

import re

from timeline.timeexpr import spans, vague, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

_UNITS, _TEENS, _TENS, _WORD = words.UNITS, words.TEENS, words.TENS, words.CARDINALS
_TWO_DIGITS = (
    rf"(?P<tens>{'|'.join(_TENS)})(?:\s+(?P<unit>{'|'.join(_UNITS)}))?|"
    rf"(?P<teen>{'|'.join(_TEENS)})|hundred"
)
SPELLED_YEAR_RX = re.compile(
    rf"\b(?:(?P<century>nineteen|eighteen)\s+(?:{_TWO_DIGITS})|"
    rf"two thousand(?:\s+(?:and\s+)?(?P<small>{'|'.join([*_UNITS, *_TEENS])}))?)\b"
)
_PART = r"(?:(?P<part>early|mid|late)\s*-?\s*)?"
DECADE_RX = re.compile(
    rf"^(?:the\s+)?{_PART}(?:(?P<cen>1[89]|20)(?P<d>\d)0'?s|'(?P<d2>\d)0s|"
    rf"(?P<word>{'|'.join(t + 'ies' for t in ('twent', 'thirt', 'fort', 'fift', 'sixt'))}|"
    r"seventies|eighties|nineties))$"
)
REL_DECADE_RX = re.compile(r"^(?:the\s+)?(?P<rel>this|last|past|previous|next) decade$")
CENTURY_RX = re.compile(
    r"^(?:the\s+)?(?:(?P<n>1[0-9]|2[0-2])(?:st|nd|rd|th)|(?P<rel>this|last|next)) century$"
)
_STEP = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}


def spell_years(t: str) -> str:
    """ "nineteen ninety six" -> "1996", "the year two thousand" -> "the year 2000"."""
    return SPELLED_YEAR_RX.sub(_year_number, t)


def _year_number(m: re.Match[str]) -> str:
    if not m["century"]:
        return str(2000 + (_WORD[m["small"]] if m["small"] else 0))
    hundreds = 1900 if m["century"] == "nineteen" else 1800
    if m["tens"]:
        return str(hundreds + _WORD[m["tens"]] + (_WORD[m["unit"]] if m["unit"] else 0))
    return str(hundreds + (_WORD[m["teen"]] if m["teen"] else 0))


def decade_phrase(t: str, ctx: Context) -> Interval | None:
    """ "the 1990s", "the early 1980s", "the '80s", "the nineties", "the last decade"."""
    m = REL_DECADE_RX.match(t)
    if m:
        start = ctx.day.year // 10 * 10 + 10 * _STEP[m["rel"]]
        return spans.months_span(ctx, start, 1, 120, f"decade:{m['rel']}", "year")
    m = DECADE_RX.match(t)
    if not m:
        return None
    if m["cen"]:
        start = int(m["cen"]) * 100 + int(m["d"]) * 10
    else:  # no century written: the latest such decade that starts within ten years
        tens = int(m["d2"]) * 10 if m["d2"] else _WORD[m["word"][:-3] + "y"]
        start = ctx.day.year // 100 * 100 + tens
        start -= 100 if start > ctx.day.year + 10 else 0
    y0, y1 = vague.DECADE_PARTS[m["part"]] if m["part"] else (0, 10)
    rule = f"decade-part:{m['part']}" if m["part"] else "decade"
    return spans.months_span(ctx, start + y0, 1, 12 * (y1 - y0), rule, "year")


def century_phrase(t: str, ctx: Context) -> Interval | None:
    """ "the 20th century" (1900 to 1999), "this century"."""
    m = CENTURY_RX.match(t)
    if not m:
        return None
    n = int(m["n"]) if m["n"] else ctx.day.year // 100 + 1 + _STEP[m["rel"]]
    return spans.months_span(ctx, (n - 1) * 100, 1, 1200, "century", "year")


PARSERS = (decade_phrase, century_phrase)
