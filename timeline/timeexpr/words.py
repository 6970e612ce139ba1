"""The words of time, spelled once: months, weekdays, parts of the day, numbers, ordinals.

Everything that reads dates or time phrases (the phrase grammar, the article finder, the
table date reader, the article event rules) takes its words from here, so a spelling
added here ("Sept") is read everywhere. Part-of-day words carry their documented hour
ranges (local, half-open; an end above 24 runs into the next day): the range is what the
word means, kept in the same row.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names that are also ordinary words: read only when capitalised in running text.
MONTH_HOMONYMS = frozenset({"may", "march"})

# Index = date.weekday().
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
WEEKDAY_ABBREVS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Parts of the day: name -> (start hour, end hour), local, half-open.
PARTS_OF_DAY: dict[str, tuple[float, float]] = {
    "early morning": (4, 9),
    "morning": (5, 12),
    "mid morning": (9, 11),
    "late morning": (9, 12),
    "early afternoon": (12, 15),
    "afternoon": (12, 18),
    "mid afternoon": (14, 16),
    "late afternoon": (15, 18),
    "early evening": (17, 20),
    "evening": (17, 24),
    "late evening": (20, 24),
    "dusk": (17, 20),
    "sunset": (17, 20),
    "dawn": (4, 7),
    "daybreak": (4, 7),
    "sunrise": (5, 7),
    "night": (20, 30),
    "early night": (20, 24),
    "late night": (22, 28),
    "overnight": (22, 30),
    "small hours": (0, 5),
    "early hours": (0, 6),
    "midnight": (23.5, 24.5),
    "shortly after midnight": (0, 1),
    "just after midnight": (0, 0.5),
    "shortly before midnight": (23, 24),
    "just before midnight": (23.5, 24),
    "after midnight": (0, 4),
    "before dawn": (0, 7),  # dawn itself runs to 7 (season, latitude)
    "pre dawn": (0, 7),
    "predawn": (0, 7),
}

UNITS: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS: tuple[str, ...] = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
TENS: tuple[str, ...] = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
CARDINALS: dict[str, int] = (
    {w: i + 1 for i, w in enumerate(UNITS)}
    | {w: i + 10 for i, w in enumerate(TEENS)}
    | {w: 10 * (i + 2) for i, w in enumerate(TENS)}
)
# Counts as news writes them before a unit ("an hour", "half an hour", "forty-five minutes").
# Compound counts: "thirty-five" (and "thirty five", as `phrases.clean` writes it).
COMPOUNDS: dict[str, int] = {
    f"{t}{sep}{u}": 10 * (i + 2) + j + 1
    for i, t in enumerate(TENS) for j, u in enumerate(UNITS[:9]) for sep in ("-", " ")
}  # fmt: skip
NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, **CARDINALS, **COMPOUNDS, "half an": 0.5, "half a": 0.5,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}  # fmt: skip


def month_number(name: str) -> int:
    """1..12 for a month name or abbreviation ("Sept.", "september", "Sep")."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVS[key]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (so "sept" wins over "sep")."""
    import re

    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


MONTH_WORDS = alternation([*MONTHS, *MONTH_ABBREVS])
WEEKDAY_WORDS = alternation(WEEKDAYS)
