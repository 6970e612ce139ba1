"""One filter model for every front end: the dashboard, the CLI and `tl.brief`/`tl.chart`.

`Filters` says which events (dates, actors, countries, kinds); `Question` says which lag
(trigger -> response within a window). Both are small frozen values, so the dashboard
can key its caches on them and the CLI and Python calls build the very same selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import polars as pl

from timeline.errors import TimelineError

if TYPE_CHECKING:
    import pandas as pd


def _day(value: date | str | None, name: str) -> date | None:
    """A day from a date, a datetime or 'YYYY-MM-DD' text (None stays None)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise TimelineError(
            f"{name}={value!r} is not a day. Hint: write it as YYYY-MM-DD, e.g. 2014-01-23."
        ) from None


def _names(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    return tuple(v.strip() for v in values if v and v.strip())


@dataclass(frozen=True)
class Filters:
    """Date range (inclusive days, UTC) and actor/country/kind filters; empty = all."""

    start: date | None = None
    end: date | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        start: date | str | None = None,
        end: date | str | None = None,
        actors: Iterable[str] | str | None = None,
        countries: Iterable[str] | str | None = None,
        kinds: Iterable[str] | str | None = None,
    ) -> Filters:
        """Filters from loose input: 'YYYY-MM-DD' days, lists or comma-separated names."""
        first, last = _day(start, "start"), _day(end, "end")
        if first and last and first > last:
            raise TimelineError(f"start {first} is after end {last}. Hint: swap them.")
        return cls(first, last, _names(actors), _names(countries), _names(kinds))

    @property
    def empty(self) -> bool:
        return self == Filters()

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
        for column, key in (("actor", "actors"), ("country", "countries"), ("kind", "kinds")):
            if args[key] is not None:
                cond = cond & pl.col(column).cast(pl.Utf8).is_in(args[key]).fill_null(False)
        return cond

    def apply(self, events: pd.DataFrame | pl.DataFrame) -> pl.DataFrame:
        """The canonical events that pass (polars)."""
        from timeline.frames import to_polars

        frame = to_polars(events, need=("event_id", "kind", "t_start"))
        if self.empty:
            return frame
        for column in ("actor", "country"):
            if column not in frame.columns:
                frame = frame.with_columns(pl.lit(None, pl.Utf8).alias(column))
        return frame.filter(self.expr())

    def label(self) -> str:
        """A short description for subtitles ('' when nothing is filtered)."""
        parts = []
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        for name, values in (("actors", self.actors), ("countries", self.countries),
                             ("kinds", self.kinds)):  # fmt: skip
            if values:
                shown = ", ".join(values[:3]) + (f" +{len(values) - 3}" if len(values) > 3 else "")
                parts.append(f"{name}: {shown}")
        return "; ".join(parts)


def as_filters(filters: Filters | dict[str, Any] | None) -> Filters:
    """A `Filters` from a Filters, a dict of `Filters.of` keywords, or None (all events)."""
    if filters is None:
        return Filters()
    if isinstance(filters, Filters):
        return filters
    if isinstance(filters, dict):
        return Filters.of(**filters)
    raise TimelineError(f"filters must be a tl.Filters or a dict, not {type(filters).__name__}")


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
