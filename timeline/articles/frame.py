"""Article events -> the canonical event table (polars) plus evidence columns.

Evidence columns sit beside the canonical ones so the review screen can highlight the
words: the sentence and its span in the article, the trigger words, the time phrase and
the rule that read it. `event_id` is a hash of the source, the sentence span, the trigger
and the kind: the same article gives the same ids on every run.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from functools import cache

import polars as pl

from timeline import schema
from timeline.articles.events import Article, Event
from timeline.timeexpr import zones

_SPANS = ("sentence_index", "char_start", "char_end", "trigger_start", "trigger_end",
          "time_start", "time_end")  # fmt: skip
EVIDENCE_DTYPES: dict[str, pl.DataType] = {
    **{n: pl.Int64() for n in _SPANS[:5]}, "trigger": pl.Utf8(),
    **{n: pl.Int64() for n in _SPANS[5:]}, "time_rule": pl.Utf8(), "rule": pl.Utf8(),
    "published": pl.Utf8(),
}  # fmt: skip
EVIDENCE = tuple(EVIDENCE_DTYPES)


@cache
def _zone_country() -> dict[str, str]:
    out: dict[str, str] = {}
    for a3, zs in zones.country_zones().items():
        for z in zs:
            out.setdefault(z, a3)
    return out


def event_id(ref: str, ev: Event) -> str:
    s, m = ev.sentence, ev.mention
    key = f"{ref}|{s.start}|{s.end}|{m.start}|{m.end}|{ev.kind}"
    if ev.nth:  # the second, third... of "three more explosions": one mention, three events
        key += f"|{ev.nth}"
    return "art-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def article_ref(text: str, source: str | None, url: str | None) -> str:
    """The article's `source_ref`: its URL, else the outlet and a hash of the text (how a
    re-run with `replace=True` finds what the article stored before)."""
    return url or f"{source or 'article'}#{hashlib.sha1(text.encode()).hexdigest()[:12]}"


def _row(ev: Event, text: str, published, tz: str, source, url) -> dict:
    s, m = ev.sentence, ev.mention
    ref = article_ref(text, source, url)
    own = (
        ev.times[0] if ev.times else (ev.series.times[0] if ev.series and ev.series.times else None)
    )
    phrases = [ps.masked[a:b] for ps, a, b in ev.times]
    phrases += [ph for _e, ph, _s, _a in ev.edges]
    if not ev.times and ev.series is not None:
        phrases += [ps.masked[a:b] for ps, a, b in ev.series.times]
    figures = {k: v for k, v in ev.figures.items() if not k.startswith("_")}
    if ev.series is not None and ev.series.figures:
        figures["series"] = {**ev.series.figures, "attacks": ev.series.count}
    attrs = {"sentences": sorted(set(ev.sentences)), **figures}
    return {
        "event_id": event_id(ref, ev),
        "kind": ev.kind,
        "subtype": (ev.subtype or "other") if ev.kind == "attack" else None,
        "channel": (ev.channel or "unknown")
        if ev.kind not in ("attack", "arrest", "other")
        else None,
        "t_start": ev.interval.start,
        "t_end": ev.interval.end,
        "precision": ev.interval.precision,
        "tz": tz,
        "time_text": "; ".join(dict.fromkeys(p.replace("\xa0", " ") for p in phrases)) or None,
        "actor": ev.actor,
        "actor_raw": ev.actor_raw,
        "target": ev.target,
        "location": ev.location,
        "country": _zone_country().get(tz),
        "killed": figures.get("killed"),
        "killed_low": figures.get("killed"),
        "killed_high": _killed_high(figures),
        "wounded": figures.get("wounded"),
        "source": source or "article",
        "source_ref": ref,
        "url": url,
        "excerpt": s.text,
        "confidence": round(max(0.05, min(ev.confidence, 0.95)), 2),
        "attrs": json.dumps(attrs, sort_keys=True, default=str),
        "sentence_index": s.index,
        "char_start": s.start,
        "char_end": s.end,
        "trigger_start": s.start + m.start,
        "trigger_end": s.start + m.end,
        "trigger": s.text[m.start : m.end],
        "time_start": own[0].start + own[1] if own else None,
        "time_end": own[0].start + own[2] if own else None,
        "time_rule": ev.interval.rule,
        "rule": m.rule,
        "published": str(published),
    }


def _killed_high(figures: dict) -> int | None:
    """A series total ("six dead in four attacks") bounds each member from above."""
    values = [figures.get("killed"), (figures.get("series") or {}).get("killed")]
    values = [v for v in values if v is not None]
    return max(values) if values else None


def to_frame(
    art: Article, text: str, published: str | date | datetime, tz: str, source, url
) -> pl.DataFrame:
    """Canonical columns (typed; the store validates what it writes), then the evidence."""
    rows = [_row(ev, text, published, tz, source, url) for ev in art.events]
    loose = {n: pl.Utf8 if isinstance(d, pl.Enum) else d for n, d in schema.DTYPES.items()}
    out = pl.DataFrame(
        [{k: r.get(k) for k in (*schema.NAMES, *EVIDENCE)} for r in rows] or None,
        schema={**loose, **EVIDENCE_DTYPES},
        strict=False,
    )
    return out.with_columns(pl.col(n).cast(schema.DTYPES[n]) for n in schema.NAMES)
