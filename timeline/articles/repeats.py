"""One telephone warning told twice is one warning.

News tells a warning call in its lead ("an hour and a half after a telephoned warning")
and again with its clock a paragraph later ("A caller ... telephoned at 9.40 p.m."). When
both mentions carry a time, the mention rules keep them apart; here, once times are
resolved, a warning told within two sentences of another warning of a compatible channel
and group, whose interval lies inside the other's, is that warning: the sharper interval
is kept. Two calls at times that exclude each other stay two calls.
"""

from __future__ import annotations

from timeline.articles.events import Article, Event

__all__ = ["one_warning"]

_NEAR = 2  # sentences apart


def one_warning(art: Article) -> None:
    """Fold warnings that are the same call told again into the first telling."""
    kept: list[Event] = []
    for ev in art.events:
        same = next((w for w in reversed(kept) if _same_call(w, ev)), None)
        if same is None:
            kept.append(ev)
            continue
        _fold(same, ev)
    art.events[:] = kept


def _same_call(a: Event, b: Event) -> bool:
    if a.kind != "warning" or b.kind != "warning" or a.interval is None or b.interval is None:
        return False
    if abs(min(b.sentences) - max(a.sentences)) > _NEAR:
        return False
    if None not in (a.channel, b.channel) and a.channel != b.channel:
        return False
    if None not in (a.actor, b.actor) and a.actor != b.actor:
        return False
    x, y = a.interval, b.interval
    return (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)


def _fold(into: Event, ev: Event) -> None:
    if ev.interval.width < into.interval.width:
        into.interval = ev.interval
    into.times += ev.times
    into.sentences += ev.sentences
    into.channel = into.channel or ev.channel
    into.actor, into.actor_raw = (
        (into.actor, into.actor_raw) if into.actor else (ev.actor, ev.actor_raw)
    )
    into.target = into.target or ev.target
