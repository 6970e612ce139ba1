"""Candidate events from a news article, with their evidence (sentence, spans, rule, time).

    extract_events(text, "2014-01-24", tz="Africa/Cairo", source="Mada Masr", url=...)

Rule-based and deterministic: every row says which sentence, which words and which time
rule produced it, so an analyst can accept, edit or drop it. Quoted speech of the group
is part of the message that carries it, never an event of its own.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta

import polars as pl

from timeline.articles import mentions as mx
from timeline.articles.attach import attach_times, later_state, object_of_claim, object_of_denial
from timeline.articles.events import (
    MESSAGE_KINDS,
    Article,
    Event,
    Series,
    arrest_mentions,
    attack_mentions,
    message_mentions,
    other_mentions,
    same_place,
)
from timeline.articles.frame import to_frame
from timeline.articles.publication import (
    DATELINE,
    coordinated_days,
    reported_past,
    setting,
    story_day,
)
from timeline.articles.repeats import one_warning
from timeline.articles.sentences import Sentence, split
from timeline.articles.timing import resolve_times
from timeline.errors import TimelineError
from timeline.timeexpr.finder import find_times

__all__ = ["extract", "extract_events"]

_SLACK = timedelta(hours=12)  # "yesterday" and "last night" can both hold one attack
# Two clock readings that exclude each other (the entries of a timeline box) are two events.
_CLOCK = timedelta(hours=3)  # a reading this sharp is a clock time, not a day
_CLOCK_SLACK = timedelta(minutes=15)  # "9.45pm" and "9.47pm" from two witnesses: one event


def extract_events(
    text: str,
    published: str | date | datetime,
    tz: str | None = None,
    source: str | None = None,
    url: str | None = None,
    *,
    published_tz: str | None = None,
) -> pl.DataFrame:
    """Candidate events of one article as a canonical event table plus evidence columns.

    `published` is the publication date on the outlet's clock (`published_tz`, by default
    the place's); relative phrases are read against it, clock times in `tz`, the zone of
    the place the events happened (required: see `publication`). Rows have confidence < 1:
    they are candidates for review, not curated facts.
    """
    return extract(text, published, tz, source, url, published_tz=published_tz)[0]


def extract(
    text: str,
    published: str | date | datetime,
    tz: str | None,
    source: str | None,
    url: str | None,
    *,
    published_tz: str | None = None,
) -> tuple[pl.DataFrame, list[str]]:
    """`extract_events`, and what a report should say about the day it was read against
    (another clock, a dateline, an archive page's own date)."""
    if not isinstance(text, str) or not text.strip():
        raise TimelineError("extract_events needs the article text; hint: pass a non-empty str")
    where = setting(published, tz, published_tz)
    zone = where.zone
    reference, note = story_day(text, where.reference, zone)
    art = Article(split(text))
    for s in art.sentences:
        hits = _after_dateline(s, find_times(s.masked, reference, zone))
        hits = reported_past(hits, s.masked, reference, zone)
        s.times = coordinated_days(hits, s.masked)
        _read_sentence(art, s)
    _unfold(art)
    resolve_times(art, reference, zone, bound=where.reference)
    one_warning(art)
    notes = [*where.notes, *([note] if note else [])]
    return to_frame(art, text, published, zone, source, url), notes


def _unfold(art: Article) -> None:
    """ "Three more explosions struck police stations": a series of attacks beyond those
    told, never told one by one, becomes that many attacks with the series' times."""
    series = art.series
    if series is None or series.more is None or series.members or not series.count:
        return
    s, m = series.more
    for nth in range(series.count):
        ev = _new(art, s, m, series.actor)
        ev.series, ev.edges, ev.nth = series, list(series.edges), nth
        ev.confidence -= 0.1
        series.members.append(ev)


def _after_dateline(s: Sentence, hits: list) -> list:
    """The dateline's date ("BAMAKO, 6 April 2022 -") is the story's day, not an event's."""
    line = DATELINE.match(s.masked)
    return [h for h in hits if h.start >= line.end()] if line else hits


def _read_sentence(art: Article, s: Sentence) -> None:
    actor = mx.find_actor(s.masked)
    if actor[0]:
        art.actor = actor
    found = sorted(
        message_mentions(s) + attack_mentions(s) + arrest_mentions(s) + other_mentions(s),
        key=lambda m: m.start,
    )
    s.words = [(m.start, m.end) for m in found]
    placed: list[tuple[mx.Mention, Event | Series]] = []
    for m in found:
        target = _resolve(art, s, m, actor)
        if target is not None:
            placed.append((m, target))
    attach_times(art, s, placed)
    art.mentioned += [p for _m, p in placed if isinstance(p, Event)]
    news = [p for m, p in placed if m.new and isinstance(p, Event)]
    for claim in (e for e in news if e.kind == "claim"):  # a claim follows what it claims
        claim.after += [e for e in news if e.kind == "attack" and e.series is None]
    _claimed_by(art, s, placed)


def _claimed_by(art: Article, s: Sentence, placed: list) -> None:
    """ "The group claimed the attack on Wednesday": the attack it names, told before with no
    group, is the claimant's (what the claim says; an attack with a group keeps it). A
    claim that names no attack ("X claimed responsibility in a statement") claims the one
    the article reports."""
    if not mx.claim_verb(s.masked):
        return
    found = [p for _m, p in placed if isinstance(p, Event)]
    claim = next((e for e in found if e.kind == "claim" and e.actor), None)
    attacks = [e for e in found if e.kind == "attack"]
    if claim and not attacks and (main := _main_attack(art)) is not None:
        attacks = [main]
    for attack in (e for e in attacks if e.actor is None and claim):
        attack.actor, attack.actor_raw = claim.actor, claim.actor_raw


def _resolve(art: Article, s: Sentence, m: mx.Mention, actor) -> Event | Series | None:
    if m.kind == "message":
        ev = art.last_message
        if ev is None and m.attrs.get("kind"):  # "the ultimatum" with none told before
            ev = _new(art, s, m, actor if actor[0] else art.actor)
            ev.kind = m.attrs["kind"]
            art.last_message = ev
        elif ev is not None:
            ev.sentences.append(s.index)
            if ev.target is None and mx.WARN.search(s.masked):
                ev.target = mx.first(mx.TARGET, s.text, "t")
        return ev
    if m.kind == "claim" and (same := _same_claim(art, s, m, actor)) is not None:
        same.sentences.append(s.index)
        art.last_message = same
        return same
    last = art.last_message
    again = m.rule.startswith("call:") or (m.kind == "warning" and _CALLER.search(s.masked))
    if again and last and last.kind == m.kind and not last.times:
        last.sentences.append(s.index)  # "after a warning call ... A man telephoned at 9:30"
        return last
    if m.kind in MESSAGE_KINDS:
        ev = _new(art, s, m, actor if actor[0] else art.actor)
        ev.target = mx.first(mx.TARGET[3:], s.text, "t")
        art.last_message = ev
        return ev
    if m.kind == "other":  # the same sighting or evacuation told again is one event
        same = next((e for e in art.events if e.kind == "other" and e.mention.rule == m.rule),
                    None)  # fmt: skip
        if same is not None:
            same.sentences.append(s.index)
            return same
        return _new(art, s, m, (None, None))
    if m.kind == "arrest":
        ev = _new(art, s, m, (None, None))
        if art.last_attack is not None and "in connection with" in s.masked:
            ev.after.append(art.last_attack)
        return ev
    return _resolve_attack(art, s, m, actor)


def _resolve_attack(art: Article, s: Sentence, m: mx.Mention, actor) -> Event | Series | None:
    a, b, why = m.attrs["segment"]
    seg = s.text[a:b]
    if m.count == 0 and art.series is None:  # "fired rockets", "two blasts": one event
        m = dataclasses.replace(m, count=None)  # (a counted series is "four attacks today")
    if m.count is not None:  # a plural mention: the series itself
        if art.series is None:
            art.series = Series(m.count or None)
            art.series.more = (s, m) if m.attrs.get("more") else None
        art.series.figures |= mx.figures(s.text)
        if actor[0] and mx.claim_verb(s.masked):
            art.series.actor = actor
        return art.series
    ev = _coref_attack(art, s, m, (a, b))
    if ev is None:
        ev = _new(art, s, m, (None, None))
        told = any(e.kind == "attack" and e is not ev for e in art.events)
        ev.background = _marked_other(s, m, a) and told  # "another bomb" told first: this one
        if art.series is not None and (m.ordinal or why == "including"):
            art.series.members.append(ev)
            ev.series = art.series
    ev.sentences.append(s.index)
    _update_attack(ev, s, m, seg, actor)
    art.last_attack = ev
    return ev


def _coref_attack(art: Article, s: Sentence, m: mx.Mention, span) -> Event | None:
    """The attack this mention refers to: by reference, ordinal, place, or the latest one.

    News repeats its attack ("the blast", "the explosion", "Yesterday's bomb attack"):
    a singular mention is the latest attack unless it names another place (one the
    latest attack's sentences never mention), a day that attack's phrases exclude, or
    marks itself as another event ("a similar attack", "an earlier bombing").
    """
    seg = s.text[span[0] : span[1]]
    if not m.new:
        return art.last_attack
    series = art.series
    if m.ordinal and series is not None:
        k = (series.count or len(series.members) + 1) if m.ordinal == -1 else m.ordinal
        return series.members[k - 1] if k <= len(series.members) else None
    if _SEPARATE.match(s.masked) or _NEXT_ONE.search(s.masked[max(0, m.start - 20) : m.start]):
        return None  # "Separately, gunmen shot dead ...", "A second grenade was thrown ..."
    place = mx.first(mx.PLACE, seg, "p") or mx.first(mx.TARGET, seg, "t")
    attacks = [e for e in art.events if e.kind == "attack"]
    same = next((e for e in reversed(attacks) if same_place(e, place)), None)
    if same is not None or (_marked_other(s, m, span[0]) and attacks):
        return same  # ("another bomb" with no attack told before is this article's first)
    last = _main_attack(art)
    if last is None or _elsewhere(art, last, place) or _other_day(last, s, span, m.start):
        return None
    return last  # another mention of the attack the article is reporting


# "The caller, who used a recognised codeword, said ...": the call told before, again.
_CALLER = re.compile(r"^\W*the\s+(?:caller|call|telephone\s+call|phone\s+call)\b", re.I)
_NEXT_ONE = re.compile(r"\b(?:a|the)\s+(?:second|third|fourth|fifth|new|further)\s+$", re.I)
_SEPARATE = re.compile(
    r"^\W*(?:separately|elsewhere|in\s+(?:a\s+)?separate\s+\w+|in\s+another\s+\w+)\b", re.I
)


def _same_claim(art: Article, s: Sentence, m: mx.Mention, actor) -> Event | None:
    """A group claims an attack once: a later claim by the same group is that claim,
    unless it marks itself as another ("an earlier statement", "a new video") or names a
    day the first one's phrases exclude ("In 2021, it claimed a bombing")."""
    if mx.OTHER_MESSAGE.search(s.masked[max(0, m.start - 25) : m.end]):
        return None
    who = actor[0] or art.actor[0]
    whole = (0, len(s.masked))
    claims = (e for e in reversed(art.events) if e.kind == "claim")
    return next((e for e in claims if (e.actor is None or who is None or e.actor == who)
                 and not _other_day(e, s, whole, None)), None)  # fmt: skip


def _marked_other(s: Sentence, m: mx.Mention, seg_start: int) -> bool:
    """ "a similar bomb", "ten days ago a car bomb", "seven earlier attacks": not this one."""
    return bool(mx.BACKGROUND.search(s.masked[max(seg_start, m.start - 40) : m.start]))


def _main_attack(art: Article) -> Event | None:
    """The latest attack the article reports (not a series member, not background)."""
    attacks = (e for e in reversed(art.events) if e.kind == "attack")
    return next((e for e in attacks if e.series is None and not e.background), None)


def _elsewhere(art: Article, ev: Event, place: str | None) -> bool:
    if not place or not (ev.location or ev.target):
        return False
    said = " ".join(art.sentences[i].text for i in ev.sentences)
    return place.lower() not in said.lower()


def _other_day(ev: Event, s: Sentence, span: tuple[int, int], at: int | None) -> bool:
    """The mention's own dated phrase (not a bare clock) excludes every dated phrase of ev;
    for an attack word at `at`, a phrase that times a claim or message of the sentence is
    not the mention's (a claim, `at` None, owns them)."""
    deed = mx.ATTACK.search(s.masked) if at is None else None  # a claim: not its deed's time
    mine = [h.interval for h in s.times if span[0] <= h.start < span[1] and _dated(h.interval)
            and (not _message_time(s, h, at) if at is not None else
                 deed is None or h.start < deed.start() or object_of_claim(s, deed.start()))
            and not later_state(s, h.start)]  # fmt: skip
    theirs = [ps.reading(a, b) for ps, a, b in ev.times]
    theirs = [iv for iv in theirs if _dated(iv)]
    if not mine or not theirs:
        return False
    sharp = ([x for x in mine if x.width <= _CLOCK], [y for y in theirs if y.width <= _CLOCK])
    if all(sharp):  # clock against clock: "Tuesday, about 5 a.m." / "Tuesday, 7 a.m."
        mine, theirs, slack = *sharp, _CLOCK_SLACK
    else:
        slack = _SLACK
    return not any(x.start < y.end + slack and y.start < x.end + slack
                   for x in mine for y in theirs)  # fmt: skip


def _message_time(s: Sentence, hit, at: int) -> bool:
    """The phrase times another event of the sentence than the attack word at `at`: a
    claim or message ("On Sunday, the group claimed the raid", "claimed the ambush in a
    statement released on 5 April"), or a mention between them ("the siege ended when
    police stormed the cafe early on Tuesday")."""
    text = s.masked
    a, b = (hit.end, at) if hit.end <= at else (at + 1, hit.start)
    if any(a <= w0 < b for w0, _w1 in s.words):
        return True
    if object_of_claim(s, at, hit.start) or object_of_denial(text, at):
        return True  # "claimed the attack on Wednesday", "denied any role in the bombing on ..."
    if hit.end <= at:  # "the raid" refers back; "In 2021, it claimed a bombing" is dated
        return bool(mx.claim_verb(text[a:b])) and bool(_DEFINITE.search(text[:at]))
    return bool(mx.MSG_NEW.search(text[a:b]) or mx.MSG_REF.search(text[a:b]))


_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}$"
)


def _dated(iv) -> bool:
    return iv is not None and not (iv.rule or "").endswith("@reference-day")


def _update_attack(ev: Event, s: Sentence, m: mx.Mention, seg: str, actor) -> None:
    ev.subtype = ev.subtype or m.subtype
    if m.subtype and m.subtype != ev.subtype:
        ev.figures.setdefault("also_described_as", m.subtype)
    ev.location = ev.location or mx.first(mx.PLACE, seg, "p")
    ev.target = ev.target or mx.first(mx.TARGET, seg, "t")
    for key, value in mx.figures(seg).items():
        ev.figures.setdefault(key, value)
    claimed = mx.claims(s.masked)
    if ev.actor is None and actor[0] and (claimed or _subject(s.masked, actor[1], m.start)):
        ev.actor, ev.actor_raw = actor
    if ev.actor is None and ev.series is not None and ev.series.actor[0]:
        ev.actor, ev.actor_raw = ev.series.actor
    if ev.actor is None and "the group" in seg.lower() and m.ordinal:
        ev.actor, ev.actor_raw = ev.series.actor if ev.series else (None, None)


def _subject(text: str, name: str | None, at: int) -> bool:
    """The group is the attack's subject: "Boko Haram fighters stormed", "ISIS attacked"."""
    if not name or (i := text.rfind(name, 0, at)) < 0:
        return False
    between = text[i + len(name) : at]
    return bool(re.fullmatch(r"(?:\s*['’]s)?(?:\s+[\w-]+){0,2}\s+", between or " "))


def _new(art: Article, s: Sentence, m: mx.Mention, actor) -> Event:
    ev = Event(m.kind, s, m, subtype=m.subtype, channel=m.channel)
    ev.actor, ev.actor_raw = actor
    ev.sentences.append(s.index)
    if s.quoted_by_analyst:
        ev.confidence -= 0.15
    art.events.append(ev)
    return ev
