"""The documented table of vague time words: every word maps to a range, never a point.

News writes "a few hours later" and "early Friday morning"; an analyst needs to know what
interval that became. These tables are the whole answer: change a range here and every
phrase that uses the word follows. Hours are local wall-clock hours in the place's zone;
an end hour above 24 runs into the next day ("night" = 20:00 to 06:00 next morning).
"""

from __future__ import annotations

from datetime import timedelta

from timeline.timeexpr.words import PARTS_OF_DAY

# Parts of the day (name -> local hour range) are in `words.PARTS_OF_DAY`.

# Words for the present and open-ended spans (read in `phrases`): NOW = the reference day;
# RECENT = the 90 days before it; PAST = the ten years before it; FUTURE = the ten years
# after it. "recent years" is PAST (not 90 days); "the near term" is FUTURE.
NOW: tuple[str, ...] = (
    "now", "currently", "current", "at present", "at the moment", "right now", "nowadays",
    "these days", "present", "the present", "today's",
)  # fmt: skip
RECENT: tuple[str, ...] = (
    "recently", "lately", "in recent days", "recent days", "recent weeks", "recent",
    "more recently", "recent months", "in recent months", "recent weeks and months",
    "the last few months", "the past few months", "the last few weeks", "the past few weeks",
)  # fmt: skip
PAST: tuple[str, ...] = (
    "the past", "previously", "in the past", "formerly", "once", "recent years",
    "in recent years", "past years", "the past several years", "the past several quarters",
)  # fmt: skip
FUTURE: tuple[str, ...] = (
    "the future", "future", "in the future", "someday", "one day", "the near future",
    "near future", "the near term", "near term", "the short term", "a later date",
    "future quarters", "coming quarters", "coming months", "the coming months",
)  # fmt: skip

# "early Friday" / "late Friday" without a part of the day.
DAY_PARTS: dict[str, tuple[float, float]] = {"early": (0, 9), "mid": (9, 17), "late": (18, 24)}

# Parts of a month, by day of month: (first day, first day after); 32 = end of month.
MONTH_PARTS: dict[str, tuple[int, int]] = {"early": (1, 11), "mid": (11, 21), "late": (21, 32)}

# Parts of a year, by month: (first month, first month after); 13 = end of year.
# "year-end" / "the end of the year" is "late" (September to December).
YEAR_PARTS: dict[str, tuple[int, int]] = {"early": (1, 5), "mid": (5, 9), "late": (9, 13)}

# Parts of a decade, by year within it: (first year, first year after); "the early 1980s"
# = 1980 to 1983, "the mid-1990s" = 1993 to 1996, "the late '70s" = 1976 to 1979.
DECADE_PARTS: dict[str, tuple[int, int]] = {"early": (0, 4), "mid": (3, 7), "late": (6, 10)}

# Seasons (northern hemisphere, meteorological): (first month, number of months).
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3),
}  # fmt: skip

# Vague counts: "a few hours" = 1 to 6 hours, "several days" = 2 to 10 days.
VAGUE_COUNTS: dict[str, tuple[float, float]] = {
    "a few": (1, 6),
    "few": (1, 6),
    "several": (2, 10),
    "a couple of": (2, 3),
    "a couple": (2, 3),
    "some": (1, 10),
    "many": (5, 30),
    "a number of": (2, 10),
}

# A bare plural ("hours later", "days after"): at least 2, below the next unit up.
BARE_PLURAL: dict[str, tuple[float, float]] = {
    "second": (2, 60), "minute": (2, 60), "hour": (2, 24), "day": (2, 7),
    "week": (2, 5), "month": (2, 12), "year": (2, 10),
}  # fmt: skip

# Hedges around a count: multiply (low, high) of an exact count n by these factors.
HEDGES: dict[str, tuple[float, float]] = {
    "about": (0.75, 1.25), "around": (0.75, 1.25), "some": (0.75, 1.25),
    "roughly": (0.75, 1.25), "approximately": (0.75, 1.25), "nearly": (0.8, 1.0),
    "almost": (0.8, 1.0), "just under": (0.8, 1.0), "less than": (0.0, 1.0),
    "under": (0.0, 1.0), "within": (0.0, 1.0), "more than": (1.0, 2.0),
    "over": (1.0, 2.0), "just over": (1.0, 1.25), "only": (1.0, 1.0), "just": (1.0, 1.0),
    "barely": (1.0, 1.0), "at least": (1.0, 2.0), "up to": (0.0, 1.0),
}  # fmt: skip

# Offsets with no count: "shortly after" = 0 to 1 hour, "moments later" = 0 to 10 minutes.
VAGUE_OFFSETS: dict[str, tuple[timedelta, timedelta]] = {
    "moments": (timedelta(0), timedelta(minutes=10)),
    "minutes": (timedelta(minutes=2), timedelta(minutes=60)),
    "hours": (timedelta(hours=2), timedelta(hours=24)),
    "shortly": (timedelta(0), timedelta(hours=1)),
    "soon": (timedelta(0), timedelta(hours=6)),
    "immediately": (timedelta(0), timedelta(minutes=15)),
    "later": (timedelta(0), timedelta(days=1)),
}

# A clock time with a hedge: "around 10 am" = 09:30 to 10:30; (minutes before, minutes after).
CLOCK_HEDGES: dict[str, tuple[int, int]] = {
    "around": (30, 30), "about": (30, 30), "approximately": (30, 30), "roughly": (30, 30),
    "some time around": (30, 30), "near": (30, 30), "shortly after": (0, 60),
    "shortly before": (60, 0), "just after": (0, 15), "just before": (15, 0),
    "after": (0, 180), "before": (180, 0), "by": (180, 0), "until": (180, 0),
}  # fmt: skip

UNITS: dict[str, timedelta] = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
    "month": timedelta(days=30),
    "year": timedelta(days=365),
}


def describe() -> str:
    """The vague-word table as Markdown (for docs and the dashboard's help)."""
    rows = ["| phrase | range |", "|---|---|"]
    for name, (a, b) in PARTS_OF_DAY.items():
        rows.append(f"| {name} | {_hour(a)} to {_hour(b)} local |")
    for name, (a, b) in VAGUE_COUNTS.items():
        rows.append(f"| {name} <unit>s | {a:g} to {b:g} units |")
    for name, (a, b) in VAGUE_OFFSETS.items():
        rows.append(f"| {name} later/after | {a} to {b} |")
    for name, (a, b) in MONTH_PARTS.items():
        rows.append(f"| {name} <month> | day {a} to {min(b, 31) if b < 32 else 'end'} |")
    for name, (a, b) in YEAR_PARTS.items():
        rows.append(f"| {name} <year> | month {a} to {b - 1} |")
    for name, (a, b) in DECADE_PARTS.items():
        rows.append(f"| {name} <decade> | year {a} to {b - 1} of the decade |")
    for words, what in ((RECENT, "the 90 days before"), (PAST, "the 10 years before"),
                        (FUTURE, "the 10 years after")):  # fmt: skip
        rows.append(f"| {', '.join(words)} | {what} the reference |")
    rows.append("| the (latest) quarter | the latest quarter ended before the reference |")
    return "\n".join(rows)


def _hour(h: float) -> str:
    day = " (+1 day)" if h >= 24 else ""
    h %= 24
    return f"{int(h):02d}:{round((h % 1) * 60):02d}{day}"
