"""The time grammar: one table of phrase families, used to find phrases and to read them.

Each row of `FAMILIES` is one family of phrases: `parsers` read a whole phrase into an
interval (`normalize_time` tries the families in table order), and `find` is the pattern
that spots the family's phrases in running text (`finder.find_times`, used by the article
reader). The finder keeps only what the parsers read, so a phrase it sees is a phrase the
normalizer reads. A new family of phrases is one new row here (its parser beside the
others in its own module); its words go in `words`, its vague ranges in `vague`.

What is ours and what is borrowed:
- pendulum does the zone arithmetic (local wall time -> UTC across DST, calendar shifts
  such as "two days later" in the place's zone); Python's `re` does the matching.
- the grammar is ours because the libraries that read dates (dateparser, Duckling,
  HeidelTime) answer with a point or one grain, while an analyst needs what we keep here:
  an interval with the precision the text supports ("early Friday morning" = 04:00 to
  09:00), vague words as documented ranges (`vague`: "a few hours" = 1 to 6 hours),
  offsets counted from another event's interval ("40 minutes before the blast") rather
  than from the publication time, the place's zone rather than the newsroom's, and "not
  read" instead of a guess (dateparser fills what a phrase lacks from today's date).
- the clock family (`clocks`: "1455 GMT", "0320 BST", "15h00", "22.22", "between 8.15pm
  and 8.20pm", "tonight at 11") is ours too, written after measuring the peers on news
  phrases (docs/article-failures.md, section 3): Duckling reads most of these forms but
  always resolves forward (a week ahead for "Thursday night" in a past-tense report),
  drops hedges ("about", "shortly before"), does not read "1455 GMT" and converts no
  named zone to the place's; dateparser answers "1455 GMT" with the year 1455 (a silent
  wrong answer); HeidelTime is Java at seconds per document and misses the British and
  24-hour forms. Taking Duckling's clock readings would still need our direction, hedges,
  zones and day placement around it, for a 12 MB native dependency: it stays a benchmark
  column (`benchmarks/timex.py`), as do dateparser and HeidelTime.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from timeline.timeexpr import clocks, days, eras, fiscal, holidays, offsets, periods, vague, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

Parser = Callable[[str, Context], Interval | None]


@dataclass(frozen=True)
class Family:
    """A family of time phrases: how to read one, and how to spot one in running text.

    `find` is a regex (matched case-insensitively, between word boundaries) or None for
    a family read when given but never searched for: its words are too common as
    ordinary words in running text ("once", "present", "the quarter").
    """

    name: str
    parsers: tuple[Parser, ...]
    find: str | None = None


def _open_spans(t: str, ctx: Context) -> Interval | None:
    """Now, recently, in the past, in the future: the reference day or wide spans."""
    if t in vague.NOW:
        return Interval(ctx.ref.start, ctx.ref.end, ctx.ref.precision, ctx.tz, rule="now")
    if t in vague.RECENT:  # the 90 days before the reference
        start = ctx.ref.start - timedelta(days=90)
        return Interval(start, ctx.ref.end, "month", ctx.tz, rule="recently")
    ten_years = timedelta(days=3653)
    if t in vague.PAST:
        return Interval(ctx.ref.start - ten_years, ctx.ref.start, "year", ctx.tz, rule="past")
    if t in vague.FUTURE:
        return Interval(ctx.ref.end, ctx.ref.end + ten_years, "year", ctx.tz, rule="future")
    return None


def _day(t: str, ctx: Context) -> Interval | None:
    try:
        return days.day_phrase(t, ctx)
    except ValueError:  # 31 February, month 13: not a date
        return None


_MON = rf"(?:{words.alternation(words.MONTHS)}|(?:{words.alternation(words.MONTH_ABBREVS)})\.?)"
_WD = rf"(?:{words.WEEKDAY_WORDS})"
_POD = rf"(?:{words.alternation(words.PARTS_OF_DAY)}|noon|midday)"
_ORD = r"(?:st|nd|rd|th)?"
# A part of the day with no day ("in the mid-afternoon"): read on its event's day.
_POD_BARE = "|".join(
    w.replace(" ", r"[\s-]")
    for w in sorted(words.PARTS_OF_DAY, key=len, reverse=True)
    if w not in ("night", "midnight")
)
_COUNT = words.alternation([*vague.VAGUE_COUNTS, *words.NUMBER_WORDS])
_HEDGE = words.alternation(vague.HEDGES)

DAY_FIND = "|".join((
    rf"(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:last|this|next)\s+)?{_WD}"
    rf"(?:\s+(?:(?:early|late)\s+)?{_POD})?",
    rf"(?:(?:early|late)\s+)?(?:today|yesterday|tomorrow|tonight|last night|this {_POD})",
    rf"{_MON}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MON}(?:,?\s+\d{{4}})?",
    r"(?:(?:at|around|about|shortly after|shortly before|just after|just before)\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}|noon|midday)",
    r"(?:shortly|just) (?:after|before) midnight|(?:early|late) (?:morning|afternoon|evening)",
    r"(?:shortly|just|soon)\s+(?:after|before)\s+(?:dawn|daybreak|sunrise|dusk|sunset)",
    r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}",
    rf"(?:(?:in|during|before|at)\s+)?(?:the\s+)?(?:{_POD_BARE})",
))  # fmt: skip
PERIOD_FIND = "|".join((
    r"(?:earlier|later)\s+(?:this|in\s+the)\s+(?:year|month|week)",
    r"(?:(?:early|late)\s+)?(?:last|this|next)\s+(?:year|month|week)",
    rf"(?:(?:early|mid|late)[\s-]+)?{_MON}(?:\s+\d{{4}})?",
    # "In 2019, fighters attacked a hotel": a year with its preposition (a bare number is
    # too often a count to search for).
    r"(?:in|during)\s+(?:(?:early|mid|late)[\s-]+)?(?:1[89]|20)\d\d(?![\d%,.]\d)",
))  # fmt: skip
OFFSET_FIND = "|".join((
    rf"(?:(?:{_HEDGE})\s+)?(?:\d+|{_COUNT})?\s*(?:minutes?|hours?|days?|weeks?)"
    r"(?:\s+and\s+a\s+half)?\s+(?:later|after|afterwards|before|earlier|ago)",
    rf"(?:within|in\s+(?:less|under)\s+than|in\s+under)\s+(?:(?:\d+|{_COUNT})\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?)",
    r"(?:moments|shortly|soon|immediately)\s+(?:later|after|afterwards|before)",
    words.alternation(offsets.DAY_REL),
))  # fmt: skip
HOLIDAY_FIND = (
    rf"(?:(?:last|this|next)\s+)?(?:{words.alternation(holidays.HOLIDAYS)})"
    r"(?:\s+(?:1[89]|20)\d\d)?"
)

# The family table, in the order `normalize_time` tries them (the first reading wins).
FAMILIES: tuple[Family, ...] = (
    Family("open", (_open_spans,)),
    Family("fiscal", fiscal.PARSERS),
    Family("period", periods.PARSERS, PERIOD_FIND),
    # Decades in news are mostly background ("since the 1970s"), not an event's time:
    # read when given, not searched for until an article rule can tell the two apart.
    Family("era", eras.PARSERS),
    Family("holiday", holidays.PARSERS, HOLIDAY_FIND),
    Family("clock", clocks.PARSERS, clocks.FIND),
    Family("day", (_day,), DAY_FIND),
    Family("offset", (offsets.offset_phrase,), OFFSET_FIND),
)


def read(t: str, ctx: Context) -> Interval | None:
    """The first family's reading of a cleaned phrase, or None."""
    for family in FAMILIES:
        for parse in family.parsers:
            hit = parse(t, ctx)
            if hit is not None:
                return hit
    return None
