"""One error family: every message says what went wrong, where, and a hint."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl


class TimelineError(Exception):
    """Base of every error the package raises on bad input or bad state."""


class ValidationError(TimelineError):
    """Rows that cannot become events; `failures` lists each (line, column, value, reason)."""

    def __init__(self, failures: pl.DataFrame, source: str | None = None, limit: int = 20):
        self.failures = failures
        where = f" in {source}" if source else ""
        n_lines = failures.get_column("line").n_unique() if failures.height else 0
        lines = [f"{n_lines} bad row(s){where}:"]
        for row in failures.head(limit).iter_rows(named=True):
            col = f" [{row['column']}]" if row.get("column") else ""
            val = row.get("value")
            shown = f" {val!r}" if val not in (None, "") else ""
            lines.append(f"  line {row['line']}{col}{shown}: {row['reason']}")
        if failures.height > limit:
            lines.append(f"  ... and {failures.height - limit} more (see .failures)")
        lines.append(
            "Hint: fix these rows, or load with on_error='skip' (CLI: --skip-bad) to keep the "
            "good rows."
        )
        super().__init__("\n".join(lines))


class FormatError(TimelineError):
    """A file or table whose layout cannot be read or recognised."""


class TimeParseError(TimelineError):
    """A time or zone that cannot be understood."""


class StoreError(TimelineError):
    """The event store cannot be opened or written."""


class StoreLockedError(StoreError):
    """Another process holds the store file for writing."""


class DatasetNotFound(TimelineError):
    """A bundled case name that does not exist."""
