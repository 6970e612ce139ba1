"""The clock family: named zones, 24-hour forms, ranges, "tonight at", "half past", 24:00.

Sentences and phrases written for these tests; expected values worked out by hand.
Reference Wednesday 2 July 2025; Madrid is UTC+2 (CEST) and London UTC+1 (BST) then.
"""

from __future__ import annotations

import pytest

import timeline as tl
from timeline.timeexpr.finder import find_times

REF = "2025-07-02"
MAD = "Europe/Madrid"
LON = "Europe/London"


def local(iv, tz):
    a, b = iv.local()
    return a.strftime("%d %H:%M"), b.strftime("%d %H:%M")


@pytest.mark.parametrize(
    ("phrase", "tz", "start", "end"),
    [
        ("at 1330 GMT", MAD, "02 15:30", "02 15:30"),  # GMT -> CEST: +2 h
        ("0745GMT", MAD, "02 09:45", "02 09:45"),
        ("at 0915 BST", LON, "02 09:15", "02 09:15"),  # BST in London: same wall time
        ("around 2010 GMT", LON, "02 20:40", "02 21:40"),  # 21:10 BST +-30 min
        ("6.05pm GMT", MAD, "02 20:05", "02 20:05"),
        ("at 17h30", MAD, "02 17:30", "02 17:30"),
        ("at 21.40", MAD, "02 21:40", "02 21:40"),
        ("tonight at 10", MAD, "02 22:00", "02 22:00"),
        ("quarter to nine in the evening", MAD, "02 20:45", "02 20:45"),
        ("half past six am", MAD, "02 06:30", "02 06:30"),
        ("at 24:00", MAD, "03 00:00", "03 00:00"),  # the end of the day, not its start
        ("between 7.05pm and 7.25pm", LON, "02 19:05", "02 19:25"),
        ("between 9 and 9.30pm", LON, "02 21:00", "02 21:30"),  # am/pm from the second
    ],
)
def test_clock_forms(phrase, tz, start, end):
    iv = tl.normalize_time(phrase, REF, tz)
    assert iv is not None, phrase
    assert local(iv, tz) == (start, end)
    assert iv.tz == tz


def test_range_takes_its_date():
    iv = tl.normalize_time("between 10.10pm and 10.40pm on March 3", REF, LON)
    assert local(iv, LON) == ("03 22:10", "03 22:40")
    assert iv.start.astimezone(iv.start.tzinfo).month == 3


@pytest.mark.parametrize(
    "phrase",
    [
        "half past six",  # 06:30 or 18:30: not read, not guessed
        "at 1330 CST",  # US Central or China Standard: not read
        "1330",  # a year as often as a clock
        "at 24:30",
        "at 25.10",
        "tonight at 14",
    ],
)
def test_ambiguous_or_impossible_clocks_are_not_read(phrase):
    assert tl.normalize_time(phrase, REF, MAD) is None


def test_finder_reads_zone_clocks_and_leaves_numbers_alone():
    text = "Shares rose 12.40 per cent; the device went off at about 1345 GMT near the port."
    hits = find_times(text, REF, MAD)
    assert [h.phrase for h in hits] == ["about 1345 GMT"]
    assert local(hits[0].interval, MAD) == ("02 15:15", "02 16:15")


def test_finder_reads_a_range_with_its_day_as_one_phrase():
    text = "Two devices exploded between 6.50pm and 7.05pm, on June 30, in the square."
    (hit,) = find_times(text, REF, LON)
    assert hit.phrase == "between 6.50pm and 7.05pm, on June 30"
    assert local(hit.interval, LON) == ("30 18:50", "30 19:05")


def test_bare_part_of_day_is_found_and_waits_for_its_day():
    (hit,) = find_times("The raid came in the mid-afternoon.", REF, MAD)
    assert hit.rule.endswith("@reference-day")
    assert local(hit.interval, MAD) == ("02 14:00", "02 16:00")
