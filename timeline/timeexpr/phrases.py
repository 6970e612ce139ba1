"""Time phrases as news writes them -> intervals, resolved against the publication date.

    normalize_time("early Friday morning", "2014-01-24", "Africa/Cairo")
    -> [2014-01-24 04:00, 09:00) Cairo, precision part_of_day, rule 'weekday+part_of_day:...'

Relative phrases are read in the place's zone (`tz`), not the newsroom's: "today" in a
New York article about Cairo is the Cairo calendar day of the publication date. Vague
words become ranges from the documented table in `timeline.timeexpr.vague`. The phrase
families and their order are the table in `timeline.timeexpr.grammar`. Offsets
("a few hours later") need `anchor`, the interval of the event they are relative to.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from timeline.timeexpr import cues, eras, grammar, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context, Prefer, intersect, make_context

__all__ = ["intersect", "normalize_time"]

_LEAD = re.compile(r"^(?:on|in|at|by|during|as of|from|of|for|until|till)\s+")
_ABBREV_DOT = re.compile(rf"\b({words.alternation(words.MONTH_ABBREVS)})\.")


def clean(text: str) -> str:
    """Lower case, 'a.m.' -> 'am', no commas or dots after abbreviations, one space."""
    t = text.lower().replace("’", "'").replace("‘", "'").strip()
    t = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", t)
    t = _ABBREV_DOT.sub(r"\1", t)
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)
    t = re.sub(r"\b((?:[01]\d|2[0-3])[0-5]\d)\s+local time\b", r"\1 hrs", t)  # "1700 local time"
    # "shortly before dawn" is before dawn, "just after dawn" is dawn: a part of the day
    t = re.sub(r"\b(?:shortly|just|soon)\s+before\s+(dawn|daybreak|sunrise)\b", r"before \1", t)
    t = re.sub(r"\b(?:shortly|just|soon)\s+after\s+(dawn|daybreak|sunrise|dusk|sunset)\b", r"\1", t)
    t = re.sub(r"\(?\blocal time\b\)?|\(\s*\)", " ", t)
    t = re.sub(r"[,;]", " ", t)
    t = eras.spell_years(" ".join(t.split()).strip(" ."))
    while (stripped := _LEAD.sub("", t)) != t:
        t = stripped
    return t


def normalize_time(
    text: str,
    reference: str | date | datetime,
    tz: str,
    anchor: Interval | datetime | None = None,
    *,
    day_first: bool = False,
    prefer: Prefer = "past",
    context: str | None = None,
) -> Interval | None:
    """The interval a time phrase names, or None when it is not a time phrase.

    `reference` is the publication date (or date-time); `tz` the IANA zone of the place
    the event happened; `anchor` the event an offset ("a few hours later") is counted
    from. `day_first` reads 05/01/2014 as 5 January. `prefer` resolves a yearless date or
    a bare weekday: news prefers the past. `context` is the sentence holding the phrase:
    when given, a future-tense clause ("will meet Tuesday") turns `prefer` to "future", and
    in a sentence reporting results "a year ago" is the year-ago quarter (`cues`). Raises
    TimeParseError for a bad zone or reference, or for an offset given without an anchor.
    """
    prefer = cues.tense_prefer(context, text, prefer)
    ctx = make_context(reference, tz, anchor, day_first, prefer, context)
    t = clean(text)
    if not t:
        return None
    result = _parse(t, ctx)
    if result is None:
        return None
    return Interval(result.start, result.end, result.precision, tz, rule=result.rule, text=text)


def _parse(t: str, ctx: Context) -> Interval | None:
    if t.startswith("since "):
        return _since(t[6:], ctx)
    return grammar.read(t, ctx)


def _since(rest: str, ctx: Context) -> Interval | None:
    """ "since Dec. 24": from that time up to the reference."""
    inner = _parse(_LEAD.sub("", rest), ctx)
    if inner is None:
        return None
    end = max(ctx.ref.end, inner.start)
    from timeline.timeexpr.spans import precision_for

    return Interval(inner.start, end, precision_for(end - inner.start), ctx.tz,
                    rule=f"since:{inner.rule}")  # fmt: skip
