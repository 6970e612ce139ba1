"""Cues from the sentence around a phrase: tense (past or future) and earnings reporting.

A bare "Tuesday" in "the board will meet Tuesday" is next Tuesday; in "the board met
Tuesday" it is last Tuesday. The expression alone cannot tell, the sentence can. These are
small word lists, not a parser: a cue only tips a choice the phrase leaves open.
"""

from __future__ import annotations

import re

from timeline.timeexpr.spans import Prefer

# Future: modal or scheduling words ("will meet", "is scheduled to", "plans to").
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is to|are to|is due|are due|going to|scheduled|plans? to|"
    r"planning to|expects? to|expected to|intends? to|set to|upcoming|as early as)\b",
    re.IGNORECASE,
)
# Past: auxiliaries, reporting verbs and regular past tenses ("said Friday", "announced").
_PAST = re.compile(r"\b(?:was|were|had|did|said|says|told|since|ago|\w{3,}ed)\b", re.IGNORECASE)
# Earnings reporting: a sentence that compares a company's results ("net rose to $5
# million, or 10 cents a share, from $4 million a year earlier").
_EARNINGS = re.compile(
    r"\b(?:quarter|quarterly|a share|per share|net income|net loss|net (?:rose|fell|was|"
    r"jumped|declined|dropped|increased)|profit|earnings|earned|revenue|sales)\b",
    re.IGNORECASE,
)


def tense_prefer(sentence: str | None, phrase: str, default: Prefer) -> Prefer:
    """ "future" when the nearest tense cue to the phrase speaks of the future, else `default`.

    Only the clause around the phrase counts (the sentence cut at ';' and '--'); the cue
    nearest the phrase wins, so in "said Friday that it will bid" "said" governs Friday.
    """
    if not sentence:
        return default
    at = sentence.find(phrase)
    lo, hi = _clause(sentence, at, len(phrase))
    if at < 0:
        at = lo
    clause = sentence[lo:hi]

    def distance(m: re.Match[str]) -> int:
        a, b = m.start() + lo, m.end() + lo
        return a - (at + len(phrase)) if a >= at + len(phrase) else at - b

    future = min((distance(m) for m in _FUTURE.finditer(clause)), default=None)
    past = min((distance(m) for m in _PAST.finditer(clause)), default=None)
    if future is not None and (past is None or future <= past):
        return "future"
    return default


def _clause(sentence: str, at: int, length: int) -> tuple[int, int]:
    """Bounds of the stretch between ';' / '--' separators that holds the phrase."""
    if at < 0:
        return 0, len(sentence)
    cuts = [m.span() for m in re.finditer(r";|--", sentence)]
    lo = max((b for a, b in cuts if b <= at), default=0)
    hi = min((a for a, b in cuts if a >= at + length), default=len(sentence))
    return lo, hi


def is_earnings(sentence: str | None) -> bool:
    """True when the sentence reports company results (periods are fiscal quarters)."""
    return bool(sentence and _EARNINGS.search(sentence))
