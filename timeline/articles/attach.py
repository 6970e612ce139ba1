"""Which event of a sentence each of its time phrases times, and offsets between events.

A phrase goes to the event of its own clause: a fronted phrase to the main clause's, a
possessive one to its noun, else the nearest mention not behind a clause break, and never
into the object of "after"/"before" (that event is the reference, not the one timed). A
claimed or denied attack gives its phrase to the claim or the denial; the state's telling
("police said on Saturday") and what a warning foretells time nothing.
"""

from __future__ import annotations

import re

from timeline.articles import mentions as mx
from timeline.articles.events import MESSAGE_KINDS, Article, Event, Series
from timeline.articles.sentences import Sentence

__all__ = ["attach_times", "later_state", "object_of_claim", "object_of_denial"]


def attach_times(art: Article, s: Sentence, placed: list) -> None:
    """Each time phrase goes to the event of its clause; offsets link two events.

    A fronted phrase ("Forty minutes later, a bomb ...") times the sentence's first event;
    otherwise the nearest mention. An offset counted from the previous event ("45 minutes
    earlier") only times a mention in its own clause: "the beach had been cleared 45
    minutes earlier and ... the blast" times the clearing, not the blast.
    """
    for hit in s.times:
        a, b = hit.span
        if hit.since or not placed or _foretold(s.masked, a):
            continue
        phrase = hit.phrase.lower().split()
        of_object = hit.anchored and _OF_OBJECT.match(s.masked[b:])  # "within hours of the raid"
        if phrase[-1] in ("after", "before") or of_object:  # "a few hours after <object>"
            subj = [p for m, p in placed if m.start < a]  # (a call mention spans its phrase)
            obj = [p for m, p in placed if m.start >= b]
            if not subj and not s.masked[:a].strip() and len(obj) > 1:
                subj = [obj.pop(1)]  # "Hours after the blast, the group claimed ..."
            linked = subj and obj and isinstance(subj[-1], Event) and isinstance(obj[0], Event)
            if linked and subj[-1] is not obj[0]:
                subj[-1].edges.append((obj[0], s.masked[a:b], s, a))
            continue
        mention, target = _target(s, placed, a, b)
        if target is None:
            continue
        ends = mention is not None and _END_OF.search(
            s.masked[max(0, mention.start - 25) : mention.start]
        )
        if (
            isinstance(target, Event)
            and target.kind not in MESSAGE_KINDS
            and (later_state(s, a) or ends)
        ):
            target.told.append((s, a, b))  # told then, or still going then: it began no later
            continue
        if isinstance(target, Event) and _OFFICIAL_TELL.search(s.masked[max(0, a - 50) : a]):
            continue  # "police said on Saturday": when the state told it, not a group's message
        if hit.anchored:  # "a few hours later", "that evening": from the previous event
            if _clause_break(s.masked, mention, a, b):
                continue
            earlier = [p for m, p in placed if m.end <= a]
            anchor = _previous(art, target, earlier)  # a series' edge goes to its members
            if anchor is not None and isinstance(target, Event | Series):
                target.edges.append((anchor, hit.phrase, s, a))
            continue
        target.times.append((s, a, b))


_FORETOLD = re.compile(r"\b(?:would|will|could|might|(?:was|were)\s+due\s+to|going\s+to)\b[^,;]*$")


def _foretold(text: str, a: int) -> bool:
    """The phrase is what a message foretells ("warning that a bomb would go off within
    half an hour"): the time of no event yet."""
    return bool(_FORETOLD.search(text[max(0, a - 60) : a]))


_REPORTED = re.compile(
    r"\b(?:said|says|told(?:\s+[\w'’]+){0,3}|reported|announced|confirmed|added|stated)"
    # "the ministry said in a statement read on state television on Wednesday evening"
    r"(?:\s+in\s+an?\s+(?:[\w-]+\s+)?(?:statement|interview|briefing|post|message)"
    r"(?:\s+[\w-]+){0,4})?\s*$",
    re.I,
)


_OF_OBJECT = re.compile(r"^\s+of\s+(?:the|this|that|its|their|[\w-]+['’]s)\s", re.I)
_ONGOING = re.compile(r"\b(?:still|continued|continuing|ongoing|remained)\b", re.I)
# The end of the event, told by the verb just before the phrase: "withdrew on Monday".
_ENDED = re.compile(
    r"\b(?:withdrew|withdrawn|retreated|pulled\s+out|fled|ended|lasted\s+until|"
    r"(?:was|were)\s+(?:repelled|driven\s+out|lifted|over))\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# The phrase times the end of the attack it follows: "forces ended a siege ... on Saturday".
_END_OF = re.compile(r"\b(?:ended|ending|broke|lifted)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?$", re.I)


def later_state(s: Sentence, a: int) -> bool:
    """The phrase times the telling ("army officials said on Sunday") or a later state of
    the event ("the siege was still going on on Saturday"), not its start."""
    before = s.masked[max(0, a - 40) : a]
    told = _REPORTED.search(s.masked[max(0, a - 90) : a])
    return bool(told or _ONGOING.search(before) or _ENDED.search(before))


def _target(s: Sentence, placed: list, a: int, b: int):
    """The mention a time phrase belongs to: the main clause's for a fronted phrase, the
    noun's for a possessive one, else the nearest in the phrase's own clause, else the
    nearest."""
    fronted = not s.masked[:a].strip() and s.masked[b:].lstrip().startswith(",")
    possessive = s.masked[b : b + 2] in ("'s", "’s")  # "last night's murder": the murder
    after = [mp for mp in placed if mp[0].start >= b]
    if (fronted or possessive) and after:
        claim = next((mp for mp in after if mp[0].kind == "claim"), None)
        if fronted and claim and mx.claim_verb(s.masked[b : after[0][0].start]):
            return claim  # "On Sunday, the group claimed the raid in a statement": the claim
        return after[0]
    own = [mp for mp in placed if not _clause_break(s.masked, mp[0], a, b)]
    # Past a clause break, never into the object of "after"/"before": "exploded ..., late on
    # Friday, an hour after a warning" (the explosion's), "The attack came a day after troops
    # killed a commander on Saturday" (no event of ours).
    own = own or [mp for mp in placed if not _across_link(s.masked, mp[0], a, b)]
    if not own:
        return None, None
    best = min(own, key=lambda mp: _gap(mp[0], a, b))
    claim = next((mp for mp in placed if mp[0].kind == "claim"), None)
    if best[0].kind == "attack" and object_of_denial(s.masked, best[0].start):
        return None, None  # "denied any role in the bombing on Wednesday": the denial's time
    if claim and best[0].kind == "attack" and object_of_claim(s, best[0].start, a):
        return claim  # "claimed the attack late on Sunday": the claim's time, not the attack's
    deed = next((mp for mp in after if mp[0].kind == "attack"), None)
    if best[0].kind == "claim" and deed and _DEED.search(s.masked[best[0].start : a]):
        return deed  # "said they launched early Saturday a drone attack": the deed's time
    if best[0].kind == "claim" and best[0].start >= b and (told := _told_deed(s, placed, a)):
        return told  # "admitted firing shots at a patrol ..., late on Thursday, in a statement"
    return best


def _told_deed(s: Sentence, placed: list, a: int):
    """The attack a claim verb tells as its deed ("admitted firing shots at"), between
    that verb and the phrase: the phrase is the deed's time."""
    for verb in mx.claim_verbs(s.masked):
        if verb.end() <= a and mx.DEED_END.search(verb.group()):
            inside = [
                mp for mp in placed if mp[0].kind == "attack" and verb.start() <= mp[0].start < a
            ]
            if inside:
                return inside[-1]
    return None


_DEED = re.compile(r"\b(?:launched|carried\s+out|staged|conducted|mounted|executed)\s*$", re.I)


_RELATIVE = re.compile(r"\b(?:that|which)\s+(?:[\w-]+\s+)?(?:was|were|had|exploded|went|killed|"
                       r"struck|hit|left|wounded|injured)\b", re.I)  # fmt: skip
# "for the attack", "for Monday's raid": a definite object, the attack told before (an
# indefinite one, "for a deadly attack on a hotel Sunday", is told here with its time).
_OBJECT = re.compile(
    r"^\s+(?:for|of|in)\s+(?:the|this|that|its|their|[\w-]+['’]s)\s+(?:[\w'’-]+\s+){0,2}$"
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|rejected|dismissed)\s+(?:any\s+|all\s+|its\s+|their\s+)?"
    r"(?:role|involvement|responsibility|links?|part|claims?)\s+(?:in|for|with|of)\s+"
    r"(?:[\w'’-]+\s+){0,3}$"
    # others' word on the attack: "officials had blamed the PKK for the attack on Monday"
    r"|\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|condemn(?:ed|s|ing))\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?:for|of)?\s*(?:the|this|that|its|[\w-]+['’]s)\s+(?:[\w-]+\s+)?$",
    re.I,
)


def object_of_claim(s: Sentence, at: int, phrase: int | None = None) -> bool:
    """The attack word at `at` is what a claim verb claims: "claimed the attack",
    "claimed responsibility for the attack on Tuesday" (unless the claim has its own time
    before: "In a statement this evening, it claimed responsibility for four attacks
    today"); a time in the attack's own relative clause is the attack's ("for a car bomb
    that exploded ... earlier this week")."""
    text = s.masked
    if phrase is not None and phrase > at and _RELATIVE.search(text[at:phrase]):
        return False
    for verb in mx.claim_verbs(text):
        if at < verb.start():
            continue
        if at < verb.end():
            return not mx.DEED_END.search(verb.group())  # "had detonated the car bomb at 6:40"
        own = any(h.end <= verb.start() and h.interval is not None for h in s.times)
        if not own and _OBJECT.match(text[verb.end() : at]):
            return True
    return False


def object_of_denial(text: str, at: int) -> bool:
    return bool(_DENIAL.search(text[max(0, at - 80) : at]))


_CLAUSE = re.compile(r",|;|\b(?:and|but|which|who|while|after|before|following|since)\b")


def _clause_break(text: str, m: mx.Mention, a: int, b: int) -> bool:
    """A clause boundary between the phrase and the mention (fronted phrases excepted)."""
    if not text[:a].strip():
        return False
    between = text[b : m.start] if m.start >= b else text[m.end : a]
    return bool(_CLAUSE.search(between))


# Past these, a phrase is another clause's ("declared defeated in 2017 but its cells still
# carry out attacks", "came a day after troops killed a commander on Saturday").
_LINK = re.compile(
    r"\b(?:after|before|following|since|ahead\s+of|but|although|though|whereas)\b", re.I
)
_OFFICIAL_TELL = re.compile(
    r"\b(?:police|officials?|authorities|army|military|ministry|spokes(?:man|woman|person)|"
    r"sources?)\s+(?:[\w-]+\s+){0,2}(?:said|says|told\s+\w+|reported|confirmed|announced)\s*$",
    re.I,
)


def _across_link(text: str, m: mx.Mention, a: int, b: int) -> bool:
    between = text[b : m.start] if m.start >= b else text[m.end : a]
    if _LINK.search(between):
        return True
    # A relative clause of another noun ("holding two soldiers who went missing last
    # Wednesday"), not of the mention itself ("the blast, which happened at 11.10 p.m.").
    rel = _WHO.search(between) if m.start < a else None  # (a clause closed by a comma
    if rel is None or not between[: rel.start()].strip(" ,") or "," in between[rel.end() :]:
        return False  # ends before the phrase)
    # "killed villagers who were digging trenches ... on Saturday morning": a state at the
    # time of the event (progressive) shares its time; "who went missing" is its own event
    return not _PROGRESSIVE.match(between[rel.end() :])


_WHO = re.compile(r"\b(?:who|whom|whose|which)\b", re.I)
_PROGRESSIVE = re.compile(r"\s+(?:was|were|had\s+been)\s+\w+ing\b", re.I)


def _gap(m: mx.Mention, a: int, b: int) -> int:
    return max(m.start - b, a - m.end, 0)


def _previous(art: Article, ev: Event, earlier: list) -> Event | None:
    """The event told just before `ev` that has a time of its own (else just before)."""
    told = [e for e in art.mentioned + [p for p in earlier if isinstance(p, Event)] if e is not ev]
    timed = (e for e in reversed(told) if e.times or e.edges)
    return next(timed, told[-1] if told else None)
