"""From sentence mentions to article events: who refers to whom, and which times attach where.

Within one article: "the message" refers back to the latest message; "It was the first
car-bomb attack" to the latest attack; "The second attack" to the second member of a
counted series ("four attacks today"); an attack at the same place as an earlier one is
that one. Anything else is a new event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from timeline.articles import mentions as mx
from timeline.articles.sentences import Sentence
from timeline.timeexpr.interval import Interval

MESSAGE_KINDS = ("warning", "threat", "statement", "claim", "denial")


@dataclass
class Event:
    kind: str
    sentence: Sentence
    mention: mx.Mention
    subtype: str | None = None
    channel: str | None = None
    actor: str | None = None
    actor_raw: str | None = None
    target: str | None = None
    location: str | None = None
    figures: dict = field(default_factory=dict)
    times: list[tuple[Sentence, int, int]] = field(default_factory=list)  # phrases, own
    told: list[tuple[Sentence, int, int]] = field(default_factory=list)  # "officials said on X"
    edges: list[tuple[Event, str, Sentence, int]] = field(default_factory=list)  # (anchor, phrase)
    after: list[Event] = field(default_factory=list)  # happened after these (no distance)
    constraints: list[Interval] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    interval: Interval | None = None
    confidence: float = 0.8
    series: Series | None = None
    used: set = field(default_factory=set)  # offsets already applied
    background: bool = False  # "an earlier attack": never the one the article reports
    nth: int = 0  # which member of an unfolded series ("three more explosions") this is


@dataclass
class Series:
    """A counted group of attacks ("four attacks today") whose members come later."""

    count: int | None
    members: list[Event] = field(default_factory=list)
    times: list[tuple[Sentence, int, int]] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    actor: tuple[str | None, str | None] = (None, None)
    more: tuple[Sentence, mx.Mention] | None = None  # "three more explosions": where told
    edges: list[tuple[Event, str, Sentence, int]] = field(default_factory=list)


@dataclass
class Article:
    sentences: list[Sentence]
    events: list[Event] = field(default_factory=list)
    series: Series | None = None
    actor: tuple[str | None, str | None] = (None, None)  # the group the article is about
    last_message: Event | None = None
    last_attack: Event | None = None
    mentioned: list[Event] = field(default_factory=list)  # events in the order told


def message_mentions(s: Sentence) -> list[mx.Mention]:
    t = s.masked
    if mx.SPEECH_TAG.match(t):  # "..., it warned.": the tag of quoted speech, not a new message
        return [mx.Mention("message", 0, len(t), "message-ref", new=False)]
    kind = _message_kind(t)
    new = mx.MSG_NEW.search(t)
    if new and kind is None and mx.OFFICIAL_SOURCE.search(t[: new.start()]):
        return []  # the army's own statement is no message of a group
    if new:
        noun = (new["noun"] or new["noun2"]).lower()
        channel = mx.channel_of(new.group()) or mx.channel_of(t)
        k = kind or _NOUN_KIND.get(noun.rstrip("s"), "statement")
        return [mx.Mention(k, new.start(), new.end(), f"message:{k}", channel=channel)]
    ref = mx.MSG_REF.search(t)
    if ref:
        noun = ref.group().split()[-1].lower().rstrip("s")
        out = mx.Mention("message", ref.start(), ref.end(), "message-ref", new=False)
        out.attrs["kind"] = kind or _NOUN_KIND.get(noun)  # a first mention by reference
        return [out]
    if call := mx.CALL_WARN.search(t):
        k = "claim" if kind == "claim" else "warning"
        return [mx.Mention(k, call.start(), call.end(), f"call:{k}", channel="telephone")]
    verbs = {"claim": mx.claim_verb, "warning": mx.warn_verb, "threat": mx.threat_verb}
    verb = verbs[kind](t) if kind else None
    if verb:
        return [mx.Mention(kind, verb.start(), verb.end(), f"verb:{kind}", channel=None)]
    return []


_NOUN_KIND = {"warning": "warning", "codeword": "warning", "call": "warning",
              "ultimatum": "threat"}  # fmt: skip


def _message_kind(t: str) -> str | None:
    """claim / warning / threat from the sentence's verbs (officials who warn do not count)."""
    if mx.claims(t):
        return "claim"
    if mx.OFFICIAL_WARN.search(t):
        return None
    if mx.warn_verb(t):
        return "warning"
    threat = next((m for m in mx.THREAT.finditer(t) if not mx.state_spoken(t, m)), None)
    return "threat" if threat else None


_OTHER = re.compile(r"\b(?:an?\s+(?:similar|earlier|previous|separate)|another)\b", re.I)


def _segments(t: str) -> list[tuple[int, int, str]]:
    """Pieces of a sentence split at since/after/before/including/"a similar" (other events)."""
    cuts = [(m.start(), m.group().lower()) for m in mx.SPLIT.finditer(t)]
    cuts += [(m.start(), "including") for m in re.finditer(r"\bincluding\b", t)]
    cuts += [(m.start(), "other") for m in _OTHER.finditer(t)]  # "with a similar attack"
    cuts.sort()
    out, pos, why = [], 0, ""
    for at, word in cuts:
        out.append((pos, at, why))
        pos, why = at, word
    out.append((pos, len(t), why))
    return out


def attack_mentions(s: Sentence) -> list[mx.Mention]:
    out: list[mx.Mention] = []
    for a, b, why in _segments(s.masked):
        seg = s.masked[a:b]
        words = [w for w in mx.ATTACK.finditer(seg) if not mx.not_reported(seg, w)]
        words = sorted(words + list(mx.GROUP_KILLED.finditer(seg)), key=lambda w: w.start("w"))
        if not words:
            continue
        plural = all(w["w"].lower().endswith("s") and "grenade" not in w["w"].lower()
                     for w in words)  # fmt: skip
        m = mx.Mention("attack", a + words[0].start("w"), a + words[-1].end("w"), "attack")
        m.subtype = mx.subtype_of(seg)
        m.attrs["segment"] = (a, b, why)
        if plural:
            count = mx.COUNT.search(seg)
            more = mx.COUNT_MORE.search(seg)
            m.count = mx.number(count["n"]) if count else mx.number(more["n"]) if more else 0
            m.attrs["more"] = bool(more) and not count
            m.rule = "attack-series"
        if o := mx.ORDINAL.search(seg):
            m.ordinal = mx.ORDINALS.get(o["o"].lower(), -1)
        if (not out and mx.PRONOUN.match(s.masked) and a == 0) or re.search(
            r"\b(?:that|this|the same)\s+attack\b", seg, re.I
        ):
            m.new = False
        out.append(m)
    return out


def other_mentions(s: Sentence) -> list[mx.Mention]:
    """Sightings, evacuations, cordons, operations of police or troops: events the text
    times others from (and whose own times must not go to the attack beside them)."""
    out = []
    if m := mx.SIGHTING.search(s.masked):
        out.append(
            mx.Mention("other", m.start(), m.end(), "other:" + m.group().split()[-1].lower())
        )
    t = s.masked
    ops = (w for w in mx.ATTACK.finditer(t) if mx.state_operation(t, w))
    if op := next(ops, None):
        out.append(mx.Mention("other", op.start(), op.end(), "other:operation"))
    return out


def arrest_mentions(s: Sentence) -> list[mx.Mention]:
    m = mx.ARREST.search(s.masked)
    return [mx.Mention("arrest", m.start(), m.end(), "arrest")] if m else []


def _place_key(text: str | None) -> str:
    return re.sub(r"\b(?:the|a|an|of|in|near)\b", " ", (text or "").lower()).strip()


def same_place(a: Event, b_text: str | None) -> bool:
    key = _place_key(b_text)
    if not key:
        return False
    for other in (a.location, a.target):
        if other and fuzz.token_set_ratio(_place_key(other), key) >= 90:
            return True
    return False
