"""The day/month order of a file's numeric dates, and which of its date columns are
dates written with a midnight clock ("2021-04-03 00:00:00", a re-saved export), each
decided once from the whole file.

Deciding per batch let one string mean two dates in one file ("03/04/2014" read day
first in a batch that also held "24/01/2014", month first in one that held
"01/24/2014"). Here the order is decided when the first numeric date appears: from
that batch when it is the whole file, else from a separate pass over the file's date
columns (only files with numeric dates and more than one batch pay for it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import polars as pl

from timeline.ingest import dates

if TYPE_CHECKING:
    from timeline.ingest.formats import Adapter
    from timeline.ingest.sources import Source


class Peekable:
    """An iterator of batches that can look one batch ahead."""

    def __init__(self, batches: Iterator[pl.DataFrame]):
        self._it, self._ahead = batches, []

    def __iter__(self) -> Peekable:
        return self

    def __next__(self) -> pl.DataFrame:
        return self._ahead.pop() if self._ahead else next(self._it)

    def has_more(self) -> bool:
        if not self._ahead:
            nxt = next(self._it, None)
            if nxt is None:
                return False
            self._ahead.append(nxt)
        return True


class FileOrder:
    """`order(batch, rest)`: the file's numeric date order ("unknown" for a batch without
    numeric dates, None for a layout without written dates)."""

    def __init__(self, source: Source, adapter: Adapter, *, dayfirst: bool | None,
                 mapping: dict[str, str] | None, years: tuple[int, int] | None):  # fmt: skip
        self.source, self.adapter, self.mapping, self.years = source, adapter, mapping, years
        self.decided: dates.Order | None = None if dayfirst is None else (
            dates.decide_order((False, False), dayfirst)
        )  # fmt: skip
        self._first = True
        self._midnight: frozenset[str] | None = None

    def _columns(self, raw: pl.DataFrame) -> list[str]:
        find = self.adapter.date_columns
        return find([c for c in raw.columns if c != "line"], self.mapping) if find else []

    def order(self, raw: pl.DataFrame, rest: Peekable) -> dates.Order | None:
        first, self._first = self._first, False
        if self.decided is not None:
            return self.decided
        cols = self._columns(raw)
        if not any(dates.has_numeric(raw.get_column(c)) for c in cols):
            return "unknown" if cols else None  # no numeric date here: no order to decide
        if first and not rest.has_more():
            self.decided = dates.decide_order(self._evidence([raw]))
        else:
            self.decided = dates.decide_order(self._evidence(self.adapter.read(self.source)))
        return self.decided

    def midnight_dates(self, raw: pl.DataFrame, rest: Peekable) -> frozenset[str]:
        """Date columns whose every written clock is 00:00: days, not midnights.

        Decided from the first batch when it is the whole file, else from every batch
        (paid only by files whose first batch shows such a column); one real midnight
        in a column of clock times keeps that column's clocks."""
        if self._midnight is None:
            cols = [c for c in self._columns(raw) if dates.midnight_only(raw.get_column(c))]
            keep = set(cols)
            batches = self.adapter.read(self.source) if cols and rest.has_more() else ()
            for batch in batches:  # one batch at a time: memory stays bounded
                keep = {c for c in keep if dates.midnight_only(batch.get_column(c), True)}
                if not keep:
                    break
            self._midnight = frozenset(keep)
        return self._midnight

    def _evidence(self, batches) -> tuple[bool, bool]:
        only_dmy = only_mdy = False
        for raw in batches:
            for col in self._columns(raw):
                dmy, mdy = dates.numeric_evidence(raw.get_column(col), self.years)
                only_dmy, only_mdy = only_dmy or dmy, only_mdy or mdy
            if only_dmy and only_mdy:
                break
        return only_dmy, only_mdy
