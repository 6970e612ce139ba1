"""Rule lexicon: which words in a (quote-masked) sentence mention an event, and its details.

Rules are plain regular expressions so an analyst can read why a row was extracted:
each mention carries the name of the rule that fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.articles.speakers import (  # noqa: F401 (the rule lexicon, re-exported)
    CLAIM,
    CLAIM_OBJECT,
    CLAIM_WEAK,
    DEED_END,
    NEGATION,
    affirmed,
    claim_verb,
    claim_verbs,
    claims,
    find_actor,
    state_spoken,
)
from timeline.timeexpr import words

_MSG_NOUN = (
    r"(?:message|statement|recording|warning|communiqu[eé]|video|tape|speech|ultimatum|"
    r"codeword|(?<=telephone )calls?|(?<=phone )calls?|(?<=anonymous )calls?|(?<=coded )calls?)"
)
_CHAN = (
    r"audio|video|online|written|televised|telephone|phone|anonymous|coded|short|text|"
    r"e-?mailed|posted|signed|brief"
)
MSG_NEW = re.compile(
    rf"\b(?:an?|another|new|two|three|several|\d+)\s+(?:(?P<chan>{_CHAN})\s+)?"
    r"(?:[a-z]+\s+(?=(?:warning|codeword|telephone|phone)\b))?"  # "a recognised codeword"
    rf"(?P<noun>{_MSG_NOUN})\b"
    r"|\b(?P<chan2>warning|anonymous|coded)\s+(?P<noun2>calls?)\b",
    re.I,
)
MSG_REF = re.compile(
    rf"\b(?:the|its|their|this|that)\s+(?:(?:audio|video|formal)\s+)?(?:{_MSG_NOUN}|announcement|"
    r"call(?!\s+(?:for|to|on|of)\b)|"
    r"claim(?!\s+of\b))\b"
    r"|\bagain\s+warned\b",
    re.I,
)
WARN = re.compile(
    r"\b(?:warn(?:ed|s|ing)?|call(?:ed|s|ing)?\s+(?:on|of|upon)|urg(?:ed|es|ing))\b", re.I
)
# Calls that carry a warning: "telephoned a warning", "phoned the paper to warn".
CALL_WARN = re.compile(
    # the mention spans the call and what it said, so the call's time phrase is its own
    r"\b(?:(?:tele)?phon(?:ed|ing)|caller|rang)\b(?:[^;]{0,80}?\bwarn\w*|[^;]{0,80}?\b(?:bomb|device|explosives?)\b"
    r"[^;]{0,40}?\b(?:would|will|was\s+(?:due|going)\s+to|had\s+been\s+(?:placed|planted|left)))"
    r"|\b(?:tele)?phoned\s+(?:a|the|in\s+a)\s+warning"
    # "a caller told staff to leave the shop": the warning is what the call asks
    r"|\b(?:(?:tele)?phon(?:ed|ing)|caller|rang)\b[^;]{0,60}?\bto\s+(?:leave|evacuate|get\s+out|clear)\b",
    re.I,
)
# Who warns is not always a group: police, officials and experts "warned" too.
# The official must be the one who warns: "police warned", not "police said the group warned".
OFFICIAL_WARN = re.compile(
    r"\b(?:police|officers?|officials?|authorities|minister|government|experts?|analysts?|"
    r"spokes(?:man|woman|person)|commander|chief|president|governor|mayor|army|military|"
    r"troops|forces)\b(?!\s+of\s+(?:the|an?|its)\s+(?:[\w-]+\s+){0,2}(?:group|militants|rebels|"
    r"insurgents|movement|faction|organi[sz]ation))"  # "a commander of the militant group"
    r"(?:(?!\b(?:said|says|told|added)\b)[^.;,]){0,40}\b(?:warn|threat|vow)",
    re.I,
)
# A statement of the state, not of a group: "the army said in a statement".
OFFICIAL_SOURCE = re.compile(
    r"\b(?:police|officials?|authorities|ministry|minister|government|army|military|"
    r"spokes(?:man|woman|person)\s+for\s+the\s+(?:police|army|ministry|government))\b"
    r"(?:\s+[\w-]+){0,3}\s+(?:said|says|announced|stated)\b[^.;]{0,25}$",
    re.I,
)
SPEECH_TAG = re.compile(r"^[\W\s]*(?:it|he|she|they|the group)\s+(?:warned|threatened|added)\b",
                        re.I)  # fmt: skip
# "saying it would target any vehicle bringing fuel": what a group says it will attack.
_WOULD = (
    r"(?:said|says|saying|announced)\s+(?:that\s+)?(?:it|they)\s+would\s+"
    r"(?:target|attack|strike|kill|hit|bomb)"
)
THREAT = re.compile(rf"\b(?:threaten(?:ed|s|ing)?|vow(?:ed|s)?|ultimatum|{_WOULD})\b", re.I)
THREAT_VERB = re.compile(rf"\b(?:threaten(?:ed|s|ing)?|vow(?:ed|s)?|{_WOULD})\b", re.I)
# What else the text times that offsets may count from ("A few minutes later, a call ..."):
# sightings, evacuations, cordons. Kind `other`; they anchor, they are not warnings.
SIGHTING = re.compile(
    r"\b(?:spotted|sighted|evacuated|(?:was|were|had been|been)\s+(?:cleared|evacuated)|"
    r"cordoned\s+off|freed|rescued)\b",
    re.I,
)
ARREST = re.compile(r"\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|captured|apprehended)\b", re.I)
# Not attacks: the bomb squad, bomb warnings and scares, shelters, hoaxes.
_NOT_ATTACK = r"(?!\s+(?:disposal|squad|warnings?|threats?|scares?|shelters?|hoax|alerts?|calls?))"
ATTACK = re.compile(
    r"(?<!hoax )\b(?P<w>car[- ]bomb(?:ing)?(?:\s+attacks?)?|suicide\s+bomb(?:ing|er)?|"
    rf"(?:bomb(?:ing)?|attack|explosion|blast|shooting|ambush|kidnapping|"
    rf"assassination(?:\s+attempt)?|murder|assault|rampage|siege|massacre)s?{_NOT_ATTACK}|"
    r"attacked|exploded|detonated|shelled|shelling|went\s+off|opened\s+fire|gunned\s+down|"
    r"shot\s+dead|(?<=was )hit|(?<=were )hit|ambushed|bombed|kidnapped|abducted|assassinated|"
    r"murdered|"
    r"(?:blew|blowing)\s+(?:himself|herself|themselves)\s+up|blew\s+up|"
    r"(?<=was )shot|(?<=were )shot|"
    r"(?<!stun )grenades?|rockets?|mortars?|IEDs?|shells(?=\s+(?:landed|hit|struck|fell|exploded))|"
    r"stormed|storming|overr[au]n|massacred|stabb(?:ed|ing)|behead(?:ed|ing)|hijack(?:ed|ing)|"
    r"rammed|torched|set\s+fire\s+to|fired\s+(?:on|at|upon)|"
    r"firing\s+(?:shots\s+|rockets\s+|mortars\s+)?(?:on|at|upon)|"
    r"(?:took|taken|seized|holding)\s+(?:\w+\s+)?hostages?|hostage[- ]taking|"
    r"came\s+under\s+(?:fire|attack|heavy\s+fire)|"
    r"(?<!police )(?<!security )(?<!army )(?<!military )raid(?:s|ed)?)\b",
    re.I,
)
# "Fighters from an al Qaeda-linked group killed scores of villagers": an armed group's
# killing is an attack even with no attack word (a state's troops who kill are not one).
GROUP_KILLED = re.compile(
    r"\b(?:fighters|gunmen|militants|insurgents|jihadists|attackers|rebels|assailants|"
    r"extremists|separatists)\b(?:\s+[\w'’-]+){0,8}?\s+(?<!were\s)(?<!was\s)(?<!been\s)"
    r"(?P<w>killed|massacred|executed)\b",
    re.I,
)
# Forces of a state storming, raiding or firing: an operation, not a group's attack.
STATE_ACTION = re.compile(
    r"\b(?:police(?:men)?|security\s+forces|troops|soldiers|army|military|officers|commandos|"
    r"special\s+forces)\s+(?:[\w-]+\s+)?$"
)
STATE_VERBS = re.compile(r"storm|raid|fired|opened|shell", re.I)
# An attack that is only threatened or feared: "threatening to attack police", "vowed to
# carry out more attacks", "warned of new bombings" (searched just before the attack word).
HYPOTHETICAL = re.compile(
    r"\b(?:(?:to|would|will|could|might|shall)|(?:warn(?:ed|ing|s)?|threat(?:en(?:ed|ing|s)?)?|"
    r"vow(?:ed|ing|s)?)\s+of)\s+(?:(?:carry\s+out|launch|stage|conduct|mount|step\s+up|more|new|"
    r"further|fresh|an?|its|their)\s+)*$",
    re.I,
)
# A mention that is not the attack already reported: "another", "a similar attack", "earlier".
BACKGROUND = re.compile(
    r"\b(?:another|similar|earlier|previous|prior|last\s+(?:year|month)|ago|since|"
    r"numerous|other|recent)\b(?=\W+(?:\w+\W+){0,2}$)",
    re.I,
)  # searched in the few words just before the head: "a similar bomb", "ten days ago a bomb"
OTHER_MESSAGE = re.compile(r"\b(?:earlier|previous|another|new|second|later)\b", re.I)
SPLIT = re.compile(r"\b(?:since|prior to|before|after|following|ahead of)\b", re.I)
ORDINAL = re.compile(
    r"\b(?P<o>first|second|third|fourth|fifth|final|last)\s+(?:\w+[- ])?attack\b", re.I
)
ORDINALS = words.ORDINALS
COUNT = re.compile(r"\b(?P<n>two|three|four|five|six|seven|\d+)\s+attacks\b", re.I)
# "three more explosions struck police stations": attacks beyond the one told, never
# told one by one; the article reader makes that many attacks of them (`unfold`).
COUNT_MORE = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:more|other|further|"
    r"additional)\s+(?:[\w-]+\s+)?(?:attacks|explosions|blasts|bombings|bombs|shootings|"
    r"assaults|raids|ambushes)\b",
    re.I,
)
PRONOUN = re.compile(r"^\s*(?:it|this|that)\s+(?:was|is)\b", re.I)
SUBTYPES = [
    (re.compile(r"car[- ]bomb", re.I), "car_bomb"),
    (re.compile(r"suicide", re.I), "suicide_bombing"),
    (re.compile(r"assassination", re.I), "assassination"),
    (re.compile(r"grenade", re.I), "grenade"),
    (re.compile(r"rocket", re.I), "rocket"),
    (re.compile(r"\bIED|roadside", re.I), "ied"),
    (re.compile(r"shooting|gunmen|opened fire|shot\b|gunned", re.I), "shooting"),
    (re.compile(r"kidnap", re.I), "kidnapping"),
]
CHANNELS = [
    (re.compile(r"forum", re.I), "forum"),
    (re.compile(r"audio|recording|tape", re.I), "audio"),
    (re.compile(r"video", re.I), "video"),
    (re.compile(r"twitter|facebook|telegram|social media", re.I), "social_media"),
    (re.compile(r"phone|\bcalls?\b|\bcaller", re.I), "telephone"),
    (re.compile(r"press conference|news agency|\bAmaq\b|in a statement", re.I), "press"),
]
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "dozens": 24}  # fmt: skip
_N = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens)"
KILLED = [re.compile(rf"\bkill(?:ing|ed)\s+(?:at least\s+)?{_N}\b", re.I),
          re.compile(rf"\b{_N}\s+(?:people\s+)?(?:dead|killed)\b", re.I)]  # fmt: skip
WOUNDED = [re.compile(rf"\b(?:over|more than)?\s*{_N}\s+(?:people\s+)?(?:wounded|injured)", re.I),
           re.compile(rf"\b(?:wounding|injuring)\s+{_N}\b", re.I)]  # fmt: skip
TARGET = [
    re.compile(r"\btargeted\s+(?P<t>[^,.;]+?)(?=\s+(?:who|which|while|near)\b|[,.;]|$)"),
    re.compile(
        r"\b(?:attempt|attack)\s+on\s+(?!(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))"  # a day, no target
        r"(?P<t>[^,.;]+?)(?=\s+in\s+(?:early|late|mid)|[,.;]|$)"
    ),
    re.compile(r"\battacked\s+(?P<t>the\s+\w+)"),
    re.compile(r"\b(?:call(?:ed|s)?\s+on|urged)\s+(?P<t>[^,.;]+?)(?=\s+to\b)"),
]
PLACE = [
    re.compile(r"\bnear the\s+(?P<p>[A-Z][\w’'-]*(?:\s+[a-z]+){0,2}\s+station)"),
    re.compile(r"(?<![\w'’-])(?:outside|at|near|in front of)\s+the\s+(?P<p>(?:[A-Z][\w’'-]*\s?)+)"),
    re.compile(r"\bon\s+(?P<p>[A-Z]\w+\s+Street)"),
    re.compile(r"\b(?P<p>[A-Z][a-z]+)\s+attack\b"),
    re.compile(r"\bin the\s+(?P<p>[A-Z]\w+)\s+area\b"),
    re.compile(r"\b(?:village|town|city|district|camp|port)\s+of\s+(?P<p>[A-Z][\w’'-]+)"),
    re.compile(r"(?<![\w'’-])at the\s+(?P<p>security directorate)", re.I),
    re.compile(r"(?<![\w'’-])(?:at|outside|near)\s+(?P<p>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"),
]
# "troops killed a rebel commander in a raid": the state's forces are the clause's subject.
STATE_CLAUSE = re.compile(
    r"(?:^|[,;]\s*|\b(?:when|as|after|before|while|and)\s+)(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:police(?:men)?|security\s+forces|troops|soldiers|army|military|commandos)\b"
    r"[^,;.]{0,50}\b(?:in|during)\s+(?:an?|the)\s+(?:[\w-]+\s+)?$",
    re.I,
)


def warn_verb(text: str) -> re.Match[str] | None:
    """A warning's word, unless denied ("police said they had received no warning")."""
    return affirmed(WARN, text)


def threat_verb(text: str) -> re.Match[str] | None:
    """A threat's verb, unless a state's forces say what they would do."""
    return next((m for m in THREAT_VERB.finditer(text) if not state_spoken(text, m)), None)


def state_operation(text: str, word: re.Match[str]) -> bool:
    """ "Police stormed the compound", "troops opened fire", "troops killed a commander in
    a raid": not an attack by a group."""
    before = text[max(0, word.start() - 70) : word.start()]
    state = STATE_ACTION.search(before[-40:]) or STATE_CLAUSE.search(before)
    return bool(STATE_VERBS.match(word.group()) and state)


_PLANNED = re.compile(
    r"\s+(?:were|was|are|is|had\s+been)\s+(?:being\s+)?(?:planned|plotted|prepared|feared|"
    r"expected|imminent)\b",
    re.I,
)
# A device found or made safe is no attack: "police defused a bomb", "an IED was found".
_DEVICE = re.compile(r"bomb|device|IED|grenade|explosive", re.I)
_DEFUSED = re.compile(
    r"\b(?:defused|defusing|disarmed|found|discovered|made\s+safe|dismantled|recovered)\b", re.I
)


def not_reported(text: str, word: re.Match[str]) -> bool:
    """The attack word is only threatened or feared ("vowed to attack"), is an operation
    of a state's forces, or a device found and made safe."""
    before = text[max(0, word.start() - 60) : word.start()]
    if HYPOTHETICAL.search(before) or state_operation(text, word):
        return True
    if _PLANNED.match(text[word.end() : word.end() + 40]):
        return True  # "attacks were being planned": feared, not done
    near = text[max(0, word.start() - 25) : word.end() + 25]
    if re.search(r"explod|detonat|went\s+off|blast", near, re.I) or not _DEVICE.match(word.group()):
        return False
    return bool(_DEFUSED.search(near) or _TOLD_LEFT.search(text[max(0, word.start() - 60) :]))


# What a caller says ("rang to warn that a bomb had been left in the car park"): a device
# placed, the warning's content; the explosion, if any, is told by its own words.
_TOLD_LEFT = re.compile(
    r"^[^;]{0,60}?\b(?:warn\w*|said|told|saying|claimed)\s+(?:that\s+)?(?:an?|the|two|three|\d+)\s+"
    r"(?:[\w-]+\s+)?\w+\s+(?:had\s+been|has\s+been|was|were|would\s+be)\s+"
    r"(?:left|placed|planted|hidden)\b",
    re.I,
)


@dataclass
class Mention:
    kind: str
    start: int  # in the sentence
    end: int
    rule: str
    subtype: str | None = None
    channel: str | None = None
    ordinal: int | None = None
    count: int | None = None  # a plural mention: "four attacks"
    new: bool = True  # False: refers back ("the message", "It was ...")
    attrs: dict = field(default_factory=dict)


def number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDNUM[word.lower()]


def first(patterns: list[re.Pattern[str]], text: str, group: str) -> str | None:
    for rx in patterns:
        m = rx.search(text)
        if m:
            return m[group].strip(' “”"’')
    return None


def figures(text: str) -> dict[str, int]:
    out = {}
    for key, rxs in (("killed", KILLED), ("wounded", WOUNDED)):
        for rx in rxs:
            if m := rx.search(text):
                out[key] = number(m[1])
                break
    return out


def subtype_of(text: str) -> str | None:
    return next((name for rx, name in SUBTYPES if rx.search(text)), None)


def channel_of(text: str) -> str | None:
    return next((name for rx, name in CHANNELS if rx.search(text)), None)
