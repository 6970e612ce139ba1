"""What the sidebar asked for, as small frozen values: cache keys and call arguments.

The filter model itself (Filters, Question, Side) lives in `timeline.query`, shared with
the CLI and `tl.brief`; this module adds what only the dashboard has (the data in use).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.query import CLAIM_QUESTION, Filters, Question, Side

__all__ = ["CLAIM_QUESTION", "DataRef", "Filters", "Question", "Side", "View"]


@dataclass(frozen=True)
class DataRef:
    """Which store is in use: a bundled case, a store file, or this session's store.

    `version` changes whenever the store's content may have changed (a load, a file's mtime),
    so every cache keyed on `key` is invalidated by a load and by nothing else.
    """

    kind: str  # "case" | "file" | "session"
    ident: str  # case name, file path, or session id
    version: int = 0

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.ident, self.version)

    @property
    def label(self) -> str:
        names = {"case": "bundled case", "file": "store file", "session": "this session's store"}
        return f"{names[self.kind]}: {self.ident}" if self.kind != "session" else names["session"]


@dataclass(frozen=True)
class View:
    """Everything the sidebar sets: data, filters, question, and the clock to show."""

    data: DataRef
    filters: Filters = field(default_factory=Filters)
    question: Question = field(default_factory=Question)
    local_time: bool = False
