"""Which events are triggers or responses: a kind, a list of kinds, or a selector.

    "warning"                                   kind == warning
    ["attack", "arrest"]                        kind in {attack, arrest}
    {"kind": "warning", "channel": "audio"}     audio warnings
    Select(kind="attack", subtype="car_bomb")   car bombs
    pl.col("confidence") > 0.8                  any polars expression, for power users

Each field takes a word or a list of words from the schema vocabularies; fields left out
match everything. Words are checked against the vocabularies, so a misspelling fails loudly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from timeline.errors import TimelineError
from timeline.schema import CHANNELS, KINDS, SUBTYPES

_VOCAB = {"kind": KINDS, "subtype": SUBTYPES, "channel": CHANNELS}

Words = str | Sequence[str] | None


@dataclass(frozen=True)
class Select:
    """Events whose kind, subtype and channel are among the given words (None = any)."""

    kind: Words = None
    subtype: Words = None
    channel: Words = None

    def __repr__(self) -> str:
        parts = [f"{k}={v!r}" for k, v in self.fields().items()]
        return f"Select({', '.join(parts)})"

    def fields(self) -> dict[str, tuple[str, ...]]:
        """The constrained fields, each as a tuple of checked words."""
        out = {}
        for name in ("kind", "subtype", "channel"):
            value = getattr(self, name)
            if value is not None:
                out[name] = _words(name, value)
        return out

    def expr(self, columns: Sequence[str]) -> pl.Expr:
        """A polars predicate over an event table with these columns."""
        cond = pl.lit(True)
        for name, words in self.fields().items():
            if name not in columns:
                raise TimelineError(
                    f"the selector {self!r} filters on {name!r}, but the events have no "
                    f"{name!r} column. Hint: drop {name}= from the selector or add the column."
                )
            col = pl.col(name).cast(pl.Utf8)
            cond = cond & col.is_in(list(words)).fill_null(False)
        return cond


def _words(name: str, value: str | Sequence[str]) -> tuple[str, ...]:
    words = (value,) if isinstance(value, str) else tuple(value)
    bad = [w for w in words if w not in _VOCAB[name]]
    if bad or not words:
        raise TimelineError(
            f"{name} {bad or list(words)!r} is not in the vocabulary. "
            f"Hint: use one or more of: {', '.join(_VOCAB[name])}."
        )
    return words


def as_select(spec: object, *, role: str) -> Select | pl.Expr:
    """Turn what the user passed as `trigger`/`response` into a Select (or keep an Expr)."""
    if isinstance(spec, Select | pl.Expr):
        return spec
    if isinstance(spec, str) or (isinstance(spec, Sequence) and not isinstance(spec, bytes)):
        return Select(kind=spec)
    if isinstance(spec, Mapping):
        unknown = set(spec) - set(_VOCAB)
        if unknown:
            raise TimelineError(
                f"{role} selector has unknown field(s) {sorted(unknown)}. "
                "Hint: a selector takes kind, subtype and channel."
            )
        return Select(**spec)
    raise TimelineError(
        f"{role}={spec!r} is not a selector. Hint: pass a kind ('warning'), a list of kinds, "
        "a dict like {'kind': 'warning', 'channel': 'audio'}, or timeline.analysis.Select(...)."
    )


def predicate(spec: object, columns: Sequence[str], *, role: str) -> pl.Expr:
    """The polars predicate for a trigger/response spec."""
    sel = as_select(spec, role=role)
    if isinstance(sel, pl.Expr):
        return sel.fill_null(False)
    sel.fields()  # check words early, even if the predicate is never evaluated
    return sel.expr(columns)
