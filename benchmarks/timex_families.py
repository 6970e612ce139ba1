"""Phrase families of TIMEX3 expressions, by how the phrase is written (not by any system's rule).

Used by `benchmarks/timex.py --families` to show, per family, which system reads it: the
families are the same for every system, so the table says where a library is ahead of us.
The first family whose pattern matches wins; the order goes from specific to general.
"""

from __future__ import annotations

import re

_WD = r"\b(mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\b"
)
_UNIT = r"(day|week|weekend|month|year|century|decade|season|spring|summer|fall|autumn|winter)"
_VAGUE = (
    "now|current|currently|recent|recently|soon|already|yet|former|formerly|previously|"
    "future|past|present|time|times|moment|then|once|eventually|lately"
)
_PATTERNS = {
    "holiday": r"easter|christmas|thanksgiving|new year|ramadan|\beid\b|passover",
    "clock time": r"\d\s*(a\.?m|p\.?m)\b|\d:\d\d|\bnoon\b|midnight|midday|o'clock",
    "weekday (+ part of day)": _WD,
    "month/day + year": _MONTH + r".*\d{4}|\d{4}.*" + _MONTH,
    "month or month-day, no year": _MONTH,
    "quarter / half / fiscal / period": r"quarter|half|fiscal|\bperiod\b|\bh[12]\b",
    "offset: N units ago/earlier/later": r"\b(ago|earlier|later|before|after|since|hence)\b",
    "relative unit: last/next/this X": (
        r"\b(last|next|this|coming|past|previous|following|current|same|that)\b.*\b" + _UNIT
    ),
    "deictic day: today/yesterday/tonight": r"\b(today|yesterday|tomorrow|tonight|overnight)\b",
    "year / decade / century": r"^\D*\b\d{4}s?\b\D*$|'\d0s|\bcentury\b|\d0s\b",
    "season / part of day": r"spring|summer|fall|autumn|winter|morning|afternoon|evening|night",
    "vague: now/recently/soon/past/future": rf"\b({_VAGUE})\b",
    "bare unit: the day/week/quarter": r"^(the\s+|a\s+|that\s+)?" + _UNIT + r"s?\.?$",
}
FAMILIES = [(name, re.compile(p, re.I)) for name, p in _PATTERNS.items()]


def family(text: str) -> str:
    """The phrase family of one TIMEX3 expression."""
    for name, pattern in FAMILIES:
        if pattern.search(text):
            return name
    return "other"
