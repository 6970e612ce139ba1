"""What the sidebar asked for, as small frozen values: cache keys and call arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import polars as pl


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
class Filters:
    """Date range (inclusive days, UTC) and actor/country/kind filters; empty = all."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def store_args(self) -> dict:
        """Keyword arguments for `EventStore.events_pl`."""
        return {
            "start": datetime(*self.start.timetuple()[:3], tzinfo=UTC) if self.start else None,
            "end": (
                datetime(*self.end.timetuple()[:3], tzinfo=UTC) + timedelta(days=1)
                if self.end
                else None
            ),
            "actors": list(self.actors) or None,
            "countries": list(self.countries) or None,
            "kinds": list(self.kinds) or None,
        }

    def expr(self) -> pl.Expr:
        """The same selection as `store_args` as a polars predicate (on canonical events)."""
        args, cond = self.store_args(), pl.lit(True)
        if args["start"] is not None:
            cond = cond & (pl.col("t_end") >= args["start"])
        if args["end"] is not None:
            cond = cond & (pl.col("t_start") < args["end"])
        for column in ("actor", "country", "kind"):
            values = args[f"{column}s" if column != "country" else "countries"]
            if values is not None:
                cond = cond & pl.col(column).cast(pl.Utf8).is_in(values).fill_null(False)
        return cond


@dataclass(frozen=True)
class Side:
    """One end of the question: a kind, optionally narrowed by subtypes and channels."""

    kind: str
    subtypes: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    def spec(self) -> dict[str, object]:
        """The selector `tl.lags` takes (kind + subtype/channel)."""
        out: dict[str, object] = {"kind": self.kind}
        if self.subtypes:
            out["subtype"] = list(self.subtypes)
        if self.channels:
            out["channel"] = list(self.channels)
        return out

    def label(self) -> str:
        extra = [*self.channels, *self.subtypes]
        return f"{self.kind} ({', '.join(extra)})" if extra else self.kind


@dataclass(frozen=True)
class Question:
    """Trigger -> response within a window, matched by actor or not."""

    trigger: Side = field(default_factory=lambda: Side("warning"))
    response: Side = field(default_factory=lambda: Side("attack"))
    within: str = "7d"
    by_actor: bool = True

    @property
    def by(self) -> str | None:
        return "actor" if self.by_actor else None

    def label(self) -> str:
        match = "same actor" if self.by_actor else "any actor"
        return f"{self.trigger.label()} → {self.response.label()} within {self.within} ({match})"


CLAIM_QUESTION = Question(Side("attack"), Side("claim"), "30d", True)


@dataclass(frozen=True)
class View:
    """Everything the sidebar sets: data, filters, question, and the clock to show."""

    data: DataRef
    filters: Filters = Filters()
    question: Question = Question()
    local_time: bool = False
