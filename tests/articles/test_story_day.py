"""The day an article's "today" counts from: an archive page's own date, a dateline.

Texts are invented for these tests. London is on GMT (UTC+0) in March and on BST
(UTC+1) in October, so the expected UTC times are worked out by hand below.
"""

from __future__ import annotations

from datetime import UTC, datetime

from timeline.articles.extract import extract

LONDON = "Europe/London"
ARCHIVE = (
    "From the vault, 1981: Depot attacked\n\n"
    "First published on March 3, 1981\n\n"
    "Belfast, March 2. – A bomb exploded today at a bus depot at 10.15 a.m., minutes "
    "after a caller telephoned a warning to a newspaper.\n"
)


def attack_times(text: str, published: str, tz: str = LONDON) -> tuple[list, list[str]]:
    found, notes = extract(text, published, tz, "Vault", None)
    attacks = found.filter(kind="attack")
    return attacks.select("t_start", "t_end").rows(), notes


def test_an_archive_page_is_read_on_its_first_publication_and_its_dateline():
    # reprinted in 2021: "today" is the dateline's 2 March of the first edition's year
    times, notes = attack_times(ARCHIVE, "2021-03-03")
    at = datetime(1981, 3, 2, 10, 15, tzinfo=UTC)
    assert times == [(at, at)]
    assert notes == [
        "'today' is 1981-03-02, from 'March 3, 1981' and the dateline 'Belfast, March 2.', "
        "not the publication day"
    ]


def test_a_full_date_in_the_title_of_a_later_page_dates_bare_clock_times():
    text = "On this day: 12 October 1984 - seaside hotel bombed\n\nA bomb exploded at 0254 BST.\n"
    times, notes = attack_times(text, "2010-10-12")
    at = datetime(1984, 10, 12, 1, 54, tzinfo=UTC)
    assert times == [(at, at)] and "'today' is 1984-10-12" in notes[0]


def test_a_dateline_of_the_publication_day_or_without_a_date_changes_nothing():
    plain = "A car bomb exploded today outside a police station.\n"
    for lead in ("Paris, France - ", "Paris, Oct. 12 - ", ""):
        times, notes = attack_times(lead + plain, "2010-10-12", "Europe/Paris")
        # 12 October in Paris (UTC+2): 22:00 UTC on the 11th to 22:00 UTC on the 12th
        day = (datetime(2010, 10, 11, 22, tzinfo=UTC), datetime(2010, 10, 12, 22, tzinfo=UTC))
        assert (times, notes) == ([day], []), lead


def test_a_dateline_a_day_before_publication_is_the_story_day():
    text = "Madrid, May 1 (Wire) - A bomb exploded today near a stadium.\n"
    times, notes = attack_times(text, "2002-05-02", "Europe/Madrid")
    # 1 May in Madrid (UTC+2): 22:00 UTC on 30 April to 22:00 UTC on 1 May
    day = (datetime(2002, 4, 30, 22, tzinfo=UTC), datetime(2002, 5, 1, 22, tzinfo=UTC))
    assert times == [day] and "dateline 'Madrid, May 1 (Wire)'" in notes[0]
