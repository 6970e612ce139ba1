"""Article text -> sentences with character spans, quoted speech masked.

Own splitter (no model): a sentence ends at . ! ? (or a closing quote after one) followed
by space and a capital, a digit or a quote, except after common abbreviations. Lines
without end punctuation (headlines, tag lists, menus) are not sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.timeexpr import words
from timeline.timeexpr.finder import TimeHit
from timeline.timeexpr.interval import Interval

_ABBREV = re.compile(
    rf"\b(?:{words.alternation(words.MONTH_ABBREVS)}|mr|mrs|ms|dr|gen|col|lt|sgt|"
    r"st|no|vs|u\.s|u\.n|a\.m|p\.m|[a-z])\.$",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?…][”\"’'»]?(?=\s+[“\"‘'«A-Z0-9])")
# Quoted speech: curly, straight and guillemet quotes; single quotes only when they open
# after a colon or "said:" (an apostrophe is not a quote).
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|(?<=:\s)['‘][^'’]*[.!?,]['’]")
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
    times: list[TimeHit] = field(default_factory=list)  # time phrases (spans in `masked`)
    words: list[tuple[int, int]] = field(default_factory=list)  # spans of its event mentions

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def reading(self, a: int, b: int) -> Interval | None:
        """The interval the grammar read for the time phrase at [a, b), if any."""
        return next((h.interval for h in self.times if h.span == (a, b)), None)


def split(text: str) -> list[Sentence]:
    """Sentences of the article in order, with offsets; headlines and menus dropped."""
    out: list[Sentence] = []
    analysts = {m["name"].split()[-1] for m in _ANALYST.finditer(text)}
    for para in re.finditer(r"[^\n]+", _unwrap(text)):
        line = para.group().rstrip()
        if not line.strip() or line[-1] not in ".!?”\"’…»'":
            continue
        masked, kept = _mask_line(line, analysts)
        pos = 0
        for m in _END.finditer(line):
            inside = masked[m.start()] == " " and line[m.end() - 1] not in '”"»'
            if inside or _ABBREV.search(line[pos : m.start() + 1]):
                continue
            _add(out, line, masked, pos, m.end(), para.start(), kept)
            pos = m.end()
        _add(out, line, masked, pos, len(line), para.start(), kept)
    return out


def _unwrap(text: str) -> str:
    """Hard-wrapped paragraphs (archive copies) -> one line each; same length as `text`.

    A single line break is a soft wrap when the line does not end a sentence and either
    the next line starts in lower case or the text is set in a column (most lines 55-80
    characters wide; a headline above a long paragraph is not a column).
    """
    lines = [x for x in text.splitlines() if x.strip()]
    column = sum(55 <= len(x) <= 80 for x in lines) > len(lines) / 2

    def soft(m: re.Match[str]) -> str:
        line, nxt = m["line"], m["next"]
        ends = line.rstrip()[-1:] in '.!?”"’…»:' if line.strip() else True
        wrapped = not ends and (nxt[:1].islower() or (column and len(line) >= 55))
        return line + (" " if wrapped else "\n")

    return re.sub(r"(?P<line>[^\n]+)\n(?=(?P<next>[^\n]+))", soft, text)


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
    out.append(Sentence(len(out), offset + a + lead, text, m_text, by_analyst))
