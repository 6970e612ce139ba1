"""Where an article's events happened and whose clock dated it: two zones, never UTC by default.

    setting("2016-06-13", tz="America/New_York", published_tz="Australia/Sydney")

`tz` is the zone of the place the events happened: clock times in the text ("at 6:30
a.m.") and the country are read in it. `published_tz` is the outlet's zone: the
publication date is a day on the outlet's clock, and "today"/"yesterday" count from it.
An outlet abroad can be a calendar day ahead of the place: a Sydney paper of 13 June
reports a New York night of 12 June as "today". The place's reference day is the one that
holds the middle of the outlet's publication day (or the publication instant itself when
a time is given). Without `tz` nothing is guessed: an article without the place's zone is
refused, because read as UTC its times would be hours off and its country wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline.errors import TimelineError, TimeParseError
from timeline.timeexpr import interval

__all__ = ["Setting", "setting"]

NO_ZONE = (
    "no zone for the place of this article's events; hint: pass tz= (CLI: --tz, in a "
    "file: a TZ: header), e.g. 'Africa/Cairo'; times are never read as UTC by default. "
    "published_tz= (--published-tz) is the outlet's zone when it differs from the place's"
)


@dataclass(frozen=True)
class Setting:
    """The place's zone, the reference the grammar reads relative phrases against (a day
    or an instant of the place's calendar), and what a report should say about it."""

    zone: str
    reference: str | date | datetime
    notes: tuple[str, ...] = ()


def setting(
    published: str | date | datetime, tz: str | None, published_tz: str | None = None
) -> Setting:
    """The zones of one article, checked; refuses an article without the place's zone."""
    if not tz:
        raise TimelineError(NO_ZONE)
    _zone(tz, "tz")
    interval(published, tz)  # a publication date that cannot be read is refused here
    if not published_tz or published_tz == tz:
        return Setting(tz, published)
    outlet = interval(published, _zone(published_tz, "published_tz"))
    half = timedelta(seconds=(outlet.end - outlet.start).total_seconds() / 2)
    local = (outlet.start + half).astimezone(ZoneInfo(tz))
    if outlet.end > outlet.start:
        reference: str | date | datetime = local.date().isoformat()
        told = f"'today' is {local.date().isoformat()}"
    else:
        reference, told = local, f"published at {local.isoformat(timespec='minutes')}"
    note = (f"publication date {_iso(published)} is on the outlet's clock ({published_tz}): "
            f"{told} at the place ({tz})")  # fmt: skip
    return Setting(tz, reference, (note,))


def _zone(name: str, option: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeParseError(
            f"{option}={name!r} is not a time zone; hint: use an IANA name like 'Africa/Cairo'"
        ) from None
    return name


def _iso(published: str | date | datetime) -> str:
    return published.isoformat() if isinstance(published, date) else str(published)
