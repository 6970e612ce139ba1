"""find_times: the phrases it finds are the phrases normalize_time reads, to the same interval."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline as tl
from timeline.errors import TimeParseError
from timeline.timeexpr import grammar
from timeline.timeexpr.finder import find_times

CAIRO = "Africa/Cairo"
REF = "2014-01-24"  # a Friday

# Sentences written for these tests (news-like, none taken from any corpus).
SENTENCES = [
    "The caller rang the newsroom at 4.40pm and the device went off twenty minutes later.",
    "Talks may resume next week; they first met on Friday at 6:30 am in the capital.",
    "Residents heard shots late Thursday evening, two days ago, near the market.",
    "The depot was hit on 3rd of March 2013, again in Sept. 2012 and early September.",
    "Police said the alarm came shortly after midnight last night, the day after Christmas.",
    "A second blast followed a few hours after the first, and a third that evening.",
    "Since Tuesday the border has been closed; it reopens tomorrow morning.",
    "The statement was posted on Jan. 21, 2014 at 11:15 p.m. local time.",
    "Officials met in mid-March and again on 12/01/2014 before the March 2014 vote.",
    "About 40 minutes before the explosion a man called; moments later the line went dead.",
]


def _same(a, b) -> bool:
    return (a.start, a.end, a.precision, a.rule) == (b.start, b.end, b.precision, b.rule)


def _agrees(text: str) -> int:
    """Every hit reads the same through tl.normalize_time; returns how many hits."""
    hits = find_times(text, REF, CAIRO)
    anchor = tl.normalize_time("yesterday", REF, CAIRO)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.phrase
        if hit.anchored:
            assert hit.interval is None
            with pytest.raises(TimeParseError):
                tl.normalize_time(hit.phrase, REF, CAIRO)
            assert tl.normalize_time(hit.phrase, REF, CAIRO, anchor=anchor) is not None
        else:
            assert _same(tl.normalize_time(hit.phrase, REF, CAIRO), hit.interval), hit.phrase
    spans = [h.span for h in hits]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in pairwise(spans))
    return len(hits)


@pytest.mark.parametrize("text", SENTENCES)
def test_every_phrase_found_is_read_to_the_same_interval(text):
    assert _agrees(text) >= 1


_PHRASES = [
    "on Thursday", "late Friday night", "yesterday", "at 9.15am", "on 5 May 2013",
    "two hours later", "the next day", "last month", "Christmas Eve", "around 10 pm",
    "in early June", "the 1990s", "last year",
]  # fmt: skip
_FILLER = ["the group said", "a bomb exploded", "police arrived", "witnesses reported", "and"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(_PHRASES + _FILLER), min_size=1, max_size=8))
def test_agreement_holds_on_composed_sentences(parts):
    _agrees(" ".join(parts) + ".")


def test_british_clock_is_one_phrase_not_minutes_read_as_hours():
    (hit,) = find_times("The call came at 4.40pm.", REF, CAIRO)
    assert hit.phrase == "at 4.40pm"
    assert hit.interval.start == datetime(2014, 1, 24, 14, 40, tzinfo=UTC)  # 16:40 Cairo


def test_joined_day_and_clock_and_homonym_months():
    hits = find_times("Talks may resume; they met on Friday at 6:30 am.", REF, CAIRO)
    assert [h.phrase for h in hits] == ["on Friday at 6:30 am"]
    assert hits[0].interval.start == datetime(2014, 1, 24, 4, 30, tzinfo=UTC)
    assert [h.phrase for h in find_times("It ended in May.", REF, CAIRO)] == ["May"]


def test_offsets_are_anchored_and_since_is_flagged():
    hits = find_times("Since Thursday night, and twenty minutes later that evening.", REF, CAIRO)
    assert [(h.phrase, h.anchored, h.since) for h in hits] == [
        ("Thursday night", False, True),
        ("twenty minutes later", True, False),
        ("that evening", True, False),
    ]


def test_a_phrase_the_grammar_cannot_read_is_not_returned():
    assert find_times("The 31 February meeting never happened.", REF, CAIRO) == []


def test_each_searched_family_has_a_parser():
    searched = [f for f in grammar.FAMILIES if f.find]
    assert {f.name for f in searched} >= {"day", "period", "offset", "holiday"}
    assert all(f.parsers for f in grammar.FAMILIES)
