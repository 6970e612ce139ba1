"""Article text -> sentences with character spans, quoted speech masked, time phrases found.

Own splitter (no model): a sentence ends at . ! ? (or a closing quote after one) followed
by space and a capital, a digit or a quote, except after common abbreviations. Lines
without end punctuation (headlines, tag lists, menus) are not sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.timeexpr.phrases import clean

_ABBREV = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|mrs|ms|dr|gen|col|lt|sgt|"
    r"st|no|vs|u\.s|u\.n|a\.m|p\.m|[a-z])\.$",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?…][”\"’']?(?=\s+[“\"‘'A-Z0-9])")
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
_SKIP = re.compile(r"^(?:for more|see also|read more|tags:|subscribe|related:|click)", re.I)
_ANALYST = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*),\s+an?\s+[^,.]*?\b(?:analyst|researcher|"
    r"expert|scholar|professor|fellow)\b"
)


@dataclass
class Sentence:
    index: int
    start: int  # offset in the article
    text: str
    masked: str  # quotes blanked (same length), unless the speaker is a third-party analyst
    quoted_by_analyst: bool = False
    times: list[tuple[int, int, str]] = field(default_factory=list)  # spans in the sentence

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split(text: str) -> list[Sentence]:
    """Sentences of the article in order, with offsets; headlines and menus dropped."""
    out: list[Sentence] = []
    analysts = {m["name"].split()[-1] for m in _ANALYST.finditer(text)}
    for para in re.finditer(r"[^\n]+", text):
        line = para.group().rstrip()
        if not line.strip() or line[-1] not in '.!?”"’…':
            continue
        masked, kept = _mask_line(line, analysts)
        pos = 0
        for m in _END.finditer(line):
            inside = masked[m.start()] == " " and line[m.end() - 1] not in '”"'
            if inside or _ABBREV.search(line[pos : m.start() + 1]):
                continue
            _add(out, line, masked, pos, m.end(), para.start(), kept)
            pos = m.end()
        _add(out, line, masked, pos, len(line), para.start(), kept)
    return out


def _mask_line(line: str, analysts: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """Blank quoted speech (same length); keep quotes a third-party analyst is cited for."""
    kept: list[tuple[int, int]] = []

    def blank(q: re.Match[str]) -> str:
        after = line[q.end() : q.end() + 40]
        if any(re.match(rf"^\W*(?:\w+\s+)?{a}\b", after) for a in analysts):
            kept.append((q.start(), q.end()))
            return q.group()
        return " " * len(q.group())

    return _QUOTE.sub(blank, line), kept


def _add(out, line, masked, a, b, offset, kept) -> None:
    raw, raw_masked = line[a:b], masked[a:b]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    if not text or _SKIP.match(text) or not raw_masked.strip():
        return
    by_analyst = any(a <= k0 < b for k0, _ in kept)
    m_text = raw_masked[lead : lead + len(text)]
    sent = Sentence(len(out), offset + a + lead, text, m_text, by_analyst)
    sent.times = find_times(m_text)
    out.append(sent)


_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)"
_POD = r"(?:morning|afternoon|evening|night|dawn|dusk|midnight|noon)"
_CLOCK = r"\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}"
TIME_PATTERNS = [
    rf"(?:(?:only|about|around|just|some|nearly|almost|more than|less than)\s+)?"
    rf"(?:a few|several|a couple of|{_NUM})?\s*(?:minutes?|hours?|days?|weeks?)\s+"
    r"(?:later|after|afterwards|before|earlier|ago)",
    r"(?:moments|shortly|soon|immediately)\s+(?:later|after|afterwards|before)",
    r"the (?:next|following|previous) (?:day|morning|evening|night)|that (?:morning|evening|night)",
    r"(?:(?:early|late)\s+)?(?:last|this|next)\s+(?:year|month|week)",
    rf"(?:early\s+|late\s+)?(?:on\s+)?(?:(?:last|this|next)\s+)?{_WDAY}"
    rf"(?:\s+(?:early\s+|late\s+)?{_POD})?",
    rf"(?:early\s+|late\s+)?(?:today|yesterday|tomorrow|tonight|last night|this {_POD})",
    rf"{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MON}(?:\s+\d{{4}})?",
    rf"(?:(?:early|mid|late)[\s-]+)?{_MON}(?:\s+\d{{4}})?",
    rf"(?:(?:at|around|about|shortly after|shortly before)\s+)?(?:{_CLOCK})",
    r"(?:shortly|just) (?:after|before) midnight|(?:early|late) (?:morning|afternoon|evening)",
    r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}",
]
_TIME_RX = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in TIME_PATTERNS) + r")(?![\w-])", re.IGNORECASE
)
_SINCE = re.compile(r"\b(?:since|until|till)\s+$", re.IGNORECASE)
_JOIN = re.compile(r"^[\s,]*(?:on|at|in|of)?\s*$", re.IGNORECASE)


def find_times(text: str) -> list[tuple[int, int, str]]:
    """Spans of time phrases in a sentence: (start, end, kind) with kind 'time' or 'since'.

    Adjacent phrases joined by at most "on"/"at" ("Friday at 6:30 am") become one.
    Month names count only when capitalised ("may" the verb is not May).
    """
    spans: list[list[int]] = []
    for m in _TIME_RX.finditer(text):
        word = m.group().strip()
        if not word or (re.fullmatch(r"(?i)may|march", word) and word[0].islower()):
            continue
        if not clean(word):
            continue
        if spans and _JOIN.match(text[spans[-1][1] : m.start()]):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    out = []
    for a, b in spans:
        kind = "since" if _SINCE.search(text[max(0, a - 8) : a]) else "time"
        out.append((a, b, kind))
    return out
