"""Who says what: claims of a group, the state's own accounts, and the groups' names.

A claim is the group's word about a deed ("claimed responsibility", "said its fighters
had ambushed the patrol"); the same words from a state's forces ("the army said it had
struck") or told as narration ("the group's fighters attacked a camp in 2018") are not
one, and a denial ("no group has said it was behind") is none. A group named only as
blamed or suspected by others is not the actor.
"""

from __future__ import annotations

import re

from timeline import actors

# What a group says its fighters had done: "had ambushed the soldiers", "had seized the train".
_DEED = (
    r"(?:targeted|attacked|struck|ambushed|killed|seized|stormed|kidnapped|abducted|shot|"
    r"hijacked|raided|destroyed|burned|torched|fired|shelled|downed|opened\s+fire)"
)
# Claims: "claimed responsibility", "admitted responsibility", "said it carried out".
# What a group says it did: "carried out", "planted", "was behind", "was responsible for".
_DID = (
    r"(?:had\s+)?(?:carried\s+out|staged|launched|conducted|executed|planted|detonated|"
    r"set\s+off|blown\s+up|blew\s+up|bombed|(?:was|were)\s+(?:behind|responsible))"
)
_ITS = (
    r"(?:one\s+of\s+)?(?:its|the\s+(?:group|movement|militants|rebels)['’]s?)\s+(?:[\w-]+\s+)?(?:forces|fighters?|members?|soldiers?|militants?|men|martyrs?|"
    r"operatives?|mujahideen|units?|commandos?|cells?)"
)
# A claim verb that ends in the deed ("said one of its members had detonated"): a time after
# the deed's object is the deed's, not the claim's.
DEED_END = re.compile(
    rf"(?:{_DID}|(?:had\s+)?{_DEED}|detonated|blew\s+up|firing|carrying\s+out|planting|"
    r"shooting|launching|detonating)\s*$",
    re.I,
)
CLAIM = re.compile(
    # "admitted firing shots at a patrol", "admits carrying out the bombing"
    r"\badmit(?:s|ted)?\s+(?:to\s+)?(?:firing|carrying\s+out|planting|shooting|killing|bombing|"
    r"attacking|launching|detonating|kidnapping|abducting)\b|"
    r"\b(?:(?:claim(?:ed|s|ing)?|took|takes|taking|admit(?:s|ted|ting)?|accept(?:s|ed|ing)?)"
    r"\s+(?:full\s+)?(?:responsibility|credit)|claims?\s+of\s+responsibility|"
    r"said\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out|staged|(?:was|were)\s+behind)|"
    r"said\s+it\s+(?:was|is)\s+responsible\s+for|"
    # "said in an emailed statement hours later that it had launched the rockets"
    rf"(?:said|says|announced|stated)\b[^.;]{{0,60}}?\bthat\s+it\s+{_DID}|"
    # "said on Monday they had targeted a ship", "said its 'urban commandos' had carried out"
    rf"(?:said|says|announced|stated)\b[^.;]{{0,90}}?\b(?:(?:that\s+)?(?:it|they)\s+|"
    rf"(?:that\s+)?(?:its|their)\s+(?:[\w-]+\s+){{0,3}}?)(?:{_DID}|had\s+{_DEED})|"
    # "acknowledged on Monday that they were holding two soldiers"
    r"acknowledged\s+(?:responsibility|(?:[\w\s]{0,20}?\s)?(?:that\s+)?(?:it|they)\s+(?:was|were)\s+"
    r"holding|holding|carrying\s+out)|"
    # "said in a radio interview that the group was holding the men"
    r"said\b[^.;]{0,60}?\bthat\s+(?:it|they|the\s+group)\s+(?:was|were)\s+holding|"
    # "its fighters had planted the bomb": the possessive names the group
    rf"{_ITS}\s+(?:{_DID}|(?:had\s+)?{_DEED}|(?:were|are)\s+inside))\b",
    re.I,
)
# "claimed the lives of", "claimed 12 lives": a death toll, not a claim.
CLAIM_WEAK = re.compile(
    r"\bclaim(?:ed|s)\s+(?!in\b|that it\b|to\b|(?:the\s+|\w+\s+)?lives\b|victims\b)", re.I
)
# A claim by its object: "claimed the assault", "claimed Monday's twin bombings".
CLAIM_OBJECT = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|admit(?:ted|s)?)\s+(?:[\w'’-]+\s+){0,4}?(?:attack|assault|bombing|blast|explosion|"
    r"raid|killing|shooting|operation|ambush|stabbing|kidnapping|massacre|strike)s?\b"
    # "claimed it in a statement", "claimed them within hours" (not "claimed it was ...")
    r"|\bclaim(?:ed|s)\s+(?:it|them)(?=\s*(?:[.,;]|$)|\s+(?:on|in|within|through|via|hours|"
    r"minutes|later|shortly|the\s+same|that\s+(?:day|evening|night|morning)|a\s+day|\d))"
    # The formula of a group's news agency: "the attacker was one of its soldiers".
    r"|\b(?:was|were)\s+(?:one\s+of\s+its|an?|its)\s+(?:soldiers?|fighters?)\b",
    re.I,
)
# A denial or an absence of claims: "no group has yet said it was behind", "nobody has
# claimed", "there was no immediate claim": searched in the words just before a claim verb.
NEGATION = re.compile(
    r"\b(?:no|not|never|nobody|none|neither|yet\s+to|den(?:y|ied|ies|ying))\b"
    r"(?:\W+\w+){0,4}\W*$",
    re.I,
)

_NAME = re.compile(
    r"\b[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|(?:al|el|wal|wa|ad|ash|as|an|ar|ud|ul)-\w+|al|el|bin|"
    r"ibn|of)\b)*"
)


def affirmed(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `rx` that no negation just before it denies, and that is no
    state's account of its own action ("the army said it had struck ...")."""
    return next((m for m in rx.finditer(text) if not NEGATION.search(text[: m.start()])
                 and not _state_speaker(text, m) and not _narrated(text, m)), None)  # fmt: skip


_ITS_HEAD = re.compile(r"(?:one\s+of\s+)?(?:its|the\s+\w+['’]s?)\s", re.I)
_SPEECH = re.compile(
    r"\b(?:said|says|saying|statement|claimed|claims|announced|according\s+to|message|video)\b",
    re.I,
)


def _narrated(text: str, m: re.Match[str]) -> bool:
    """ "In 2018, the group's fighters attacked a camp": the article narrates an attack; the
    possessive formula is a claim when the group says it ("said its fighters attacked") or
    tells it as done before its message ("its fighters had planted", "were inside")."""
    if not _ITS_HEAD.match(m.group()) or re.search(r"\bhad\b|\binside\b", m.group(), re.I):
        return False
    return not _SPEECH.search(text[: m.start()])


_STATE_SPEAKER = re.compile(
    r"(?<!rebel )(?<!guerrilla )(?<!insurgent )(?<!militant )(?<!liberation )(?<!islamic )"
    r"\b(?:police|army|military|troops|officials?|government|ministry|minister|authorities|"
    r"forces|navy|coalition)\b(?:\s+[\w.-]+){0,3}\s*$",
    re.I,
)


def state_spoken(text: str, m: re.Match[str]) -> bool:
    """The words at `m` are what a state's forces or officials say ("the army said ...")."""
    return _state_speaker(text, m)


def _state_speaker(text: str, m: re.Match[str]) -> bool:
    if not re.match(r"(?:said|says|announced|stated)\b", m.group(), re.I):
        return False
    before = text[max(0, m.start() - 50) : m.start()]
    return bool(_STATE_SPEAKER.search(before)) and find_actor(before)[0] is None


def claim_verb(text: str) -> re.Match[str] | None:
    """Words that make the sentence a claim ("claimed responsibility", "claimed the
    attack", "said it carried out"), unless denied ("no group has said it was behind")."""
    return affirmed(CLAIM, text) or affirmed(CLAIM_OBJECT, text)


def claim_verbs(text: str) -> list[re.Match[str]]:
    """Every undenied claim verb of the text (a sentence may say "claimed the attack" and
    "its fighters had targeted")."""
    found = list(CLAIM.finditer(text))  # an object reading inside one of these adds nothing
    found += [m for m in CLAIM_OBJECT.finditer(text)
              if not any(c.start() <= m.start() < c.end() for c in found)]  # fmt: skip
    return [m for m in found if not NEGATION.search(text[: m.start()])
            and not _state_speaker(text, m) and not _narrated(text, m)]  # fmt: skip


def claims(text: str) -> bool:
    """The sentence claims something, even loosely ("the group claims the ..."), undenied."""
    return bool(claim_verb(text) or affirmed(CLAIM_WEAK, text))


# "Police blamed Lashkar-e-Taiba", "contradicting the authorities, who blamed the Islamic
# State group": a suspect named by others is not the group that speaks or acts.
_BLAMED = re.compile(
    r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|suspect(?:ed|s)?|pointed\s+the\s+finger\s+at)"
    r"\s+(?:the\s+|a\s+)?$"
    # "Dissidents of the former FARC", "a splinter of the IRA": not the group itself
    r"|\b(?:former|ex-|dissidents?\s+(?:faction\s+|group\s+)?(?:of|from)\s+(?:the\s+)?"
    r"(?:former\s+)?|dissident\s+(?:faction|group|wing)\s+(?:of|from)\s+(?:the\s+)?(?:former\s+)?|"
    r"splinter\s+(?:group\s+)?(?:of|from)\s+(?:the\s+)?)$",
    re.I,
)


def find_actor(text: str) -> tuple[str | None, str | None]:
    """(canonical, as written) for the first alias-table name in the text that is not
    only blamed or suspected by others."""
    table = actors.table()
    for m in _NAME.finditer(text):
        if _BLAMED.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        words = re.sub(r"['’]s\b", "", m.group()).split()  # "Islamic State's agency"
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                raw = " ".join(words[i : i + n])
                hit = table.lookup(raw)
                if hit and raw.lower() not in ("the", "is", "state"):
                    return hit, raw
    return None, None
