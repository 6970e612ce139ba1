"""Reporting periods as business news writes them: "the latest quarter", "the year-ago
period", "fiscal 1989", "year-end".

Companies report a quarter after it ends, so "the quarter" / "the latest quarter" in an
article is the latest quarter that ended before the publication date (read in October
1989: July to September 1989), and "the year-earlier quarter" is that quarter a year
before. Fiscal years are read as calendar years: the phrase does not say where the
company's fiscal year starts. In a sentence that reports results (`cues.is_earnings`),
"a year ago" / "year-earlier" compare with the year-ago quarter, not the whole year.
"""

from __future__ import annotations

import re

from timeline.timeexpr import cues, spans, vague, words
from timeline.timeexpr.interval import Interval
from timeline.timeexpr.spans import Context

_ORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_QUARTERS = words.ORDINALS
_DET = r"(?:(?:the|its|their|a|this|that)\s+)?"
_PERIOD = r"(?:fiscal\s+)?(?:quarter|period)"
_AGO = r"(?:a\s+)?year\s+(?:earlier|ago)"
REPORTED_RX = re.compile(
    rf"^{_DET}(?:(?P<rel>latest|last|most recent|recent|past|just ended|current|this|next|"
    rf"coming)\s+)?(?:fiscal\s+)?quarter$|^{_DET}(?:latest|most recent)\s+period$"
)
YEAR_AGO_RX = re.compile(
    rf"^{_DET}(?:(?:comparable|corresponding|same|prior)\s+)?{_AGO}\s+(?:{_ORD}\s+)?{_PERIOD}$|"
    rf"^{_DET}(?:(?:comparable|corresponding|same)\s+)?{_PERIOD}\s+(?:a year (?:ago|earlier)|"
    r"(?:of\s+)?last year|(?:of\s+)?the (?:previous|prior) year)$"
)
YEAR_Q_RX = re.compile(
    rf"^{_DET}(?:(?P<y>(?:1[89]|20)\d\d)|(?P<rel>this|last|next) year's)\s+"
    rf"(?:{_ORD}\s+)?(?:fiscal\s+)?(?:{_ORD.replace('<q>', '<q2>')}\s+)?{_PERIOD}$"
)
_YEAR_WORDS = {
    "the year": 0, "the current year": 0, "the full year": 0, "the fiscal year": 0,
    "the current fiscal year": 0, "this fiscal year": 0, "the whole year": 0,
    "the past year": -1, "the previous year": -1, "the prior year": -1,
    "the latest fiscal year": -1, "the last fiscal year": -1, "last fiscal year": -1,
    "the next fiscal year": 1, "next fiscal year": 1,
}  # fmt: skip
FISCAL_RX = re.compile(r"^(?:the\s+)?fiscal\s+(?:year\s+)?(?P<y>(?:1[89]|20)\d\d)$")
YEAR_END_RX = re.compile(
    r"^(?:around\s+|by\s+|at\s+)?(?:the\s+)?(?:year end|end of (?:the|this) year)$"
)


def reported_quarter(ctx: Context) -> tuple[int, int]:
    """(year, quarter) of the latest quarter that ended before the reference day."""
    d = ctx.day
    q = (d.month - 1) // 3  # the current quarter's number minus one
    return (d.year, q) if q else (d.year - 1, 4)


def _quarter(ctx: Context, y: int, q: int, rule: str) -> Interval:
    return spans.months_span(ctx, y, 3 * q - 2, 3, f"quarter:{rule}", "month")


def reported_phrase(t: str, ctx: Context) -> Interval | None:
    """ "the quarter", "the latest quarter", "this quarter", "next quarter"."""
    m = REPORTED_RX.match(t)
    if not m:
        return None
    y, q = reported_quarter(ctx)
    step = {"current": 1, "this": 1, "next": 2, "coming": 2}.get(m["rel"] or "", 0)
    k = q - 1 + step
    return _quarter(ctx, y + k // 4, k % 4 + 1, f"reported{step:+d}")


def year_ago_phrase(t: str, ctx: Context) -> Interval | None:
    """ "the year-earlier quarter", "the year-ago third quarter", "the quarter a year ago"."""
    m = YEAR_AGO_RX.match(t)
    if not m:
        return None
    y, q = reported_quarter(ctx)
    if m["q"]:  # a named quarter of the year before the reference
        return _quarter(ctx, ctx.day.year - 1, _QUARTERS[m["q"]], "year-ago")
    return _quarter(ctx, y - 1, q, "year-ago")


def year_quarter_phrase(t: str, ctx: Context) -> Interval | None:
    """ "the 1988 period", "the 1988 third quarter", "this year's third quarter"."""
    m = YEAR_Q_RX.match(t)
    if not m:
        return None
    qs = [g for g in (m["q"], m["q2"]) if g]  # the ordinal, before or after "fiscal"
    y = int(m["y"]) if m["y"] else ctx.day.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
    q = _QUARTERS[qs[0]] if qs else reported_quarter(ctx)[1]
    return _quarter(ctx, y, q, "year")


def fiscal_year_phrase(t: str, ctx: Context) -> Interval | None:
    """ "fiscal 1989", "the current fiscal year", "the past year", "year-end"."""
    m = FISCAL_RX.match(t)
    if m:
        return spans.months_span(ctx, int(m["y"]), 1, 12, "year", "year")
    if t in _YEAR_WORDS:
        y = ctx.day.year + _YEAR_WORDS[t]
        return spans.months_span(ctx, y, 1, 12, "year", "year")
    if YEAR_END_RX.match(t):  # the last months of this year (vague.YEAR_PARTS["late"])
        m0, m1 = vague.YEAR_PARTS["late"]
        return spans.months_span(ctx, ctx.day.year, m0, m1 - m0, "year-part:late", "month")
    return None


def comparison_phrase(t: str, ctx: Context) -> Interval | None:
    """ "a year ago", "a year earlier", "year-earlier" next to reported results.

    In an earnings sentence these name the year-ago quarter; elsewhere the bare adjective
    "year-earlier" is the previous year and "a year ago" is left to `periods.ago_phrase`.
    """
    earnings = cues.is_earnings(ctx.sentence)
    if t in ("year earlier", "year ago") and not earnings:
        return spans.months_span(ctx, ctx.day.year - 1, 1, 12, "last-year", "year")
    if t not in ("year earlier", "year ago", "a year earlier", "a year ago", "one year ago"):
        return None
    if not earnings:
        return None
    y, q = reported_quarter(ctx)
    return _quarter(ctx, y - 1, q, "year-ago")


PARSERS = (
    reported_phrase, year_ago_phrase, year_quarter_phrase, fiscal_year_phrase,
    comparison_phrase,
)  # fmt: skip
