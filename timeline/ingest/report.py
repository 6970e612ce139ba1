"""What one load did: the layout read, rows added, duplicates, rejected rows with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class IngestReport:
    """The outcome of reading (and, in a store, writing) one source."""

    source: str
    format: str
    rows_read: int = 0
    added: int = 0
    duplicates: int = 0
    rejected_rows: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"line": pl.Int64, "reason": pl.Utf8}),
        repr=False,
    )  # line, reason, then the raw row
    unknown_actors: dict[str, list[str]] = field(default_factory=dict)
    zones: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the load most likely got wrong
    unused_columns: dict[str, str | None] = field(default_factory=dict)  # -> closest role
    file_hash: str | None = None
    load_id: int | None = None
    path: str | None = field(default=None, repr=False)  # the file's absolute path, if a file

    @property
    def rejected(self) -> pd.DataFrame:
        """The rejected rows as pandas: line, reason (every reason joined), the raw row.
        (`rejected_rows` is the same table in polars.)"""
        from timeline.api import frame

        return frame(self.rejected_rows)

    @property
    def n_rejected(self) -> int:
        return self.rejected_rows.height

    def __repr__(self) -> str:
        parts = [
            f"IngestReport({self.source!r}, format={self.format!r}: read {self.rows_read}",
            f"added {self.added}, duplicates {self.duplicates}, rejected {self.n_rejected}",
        ]
        if self.skipped:
            parts.append("skipped " + ", ".join(f"{v} {k}" for k, v in self.skipped.items()))
        if self.unknown_actors:
            parts.append(f"{len(self.unknown_actors)} unknown actor name(s)")
        if self.zones.get("utc-fallback"):
            parts.append(f"{self.zones['utc-fallback']} row(s) with no zone, read as UTC")
        if self.warnings:
            parts.append(f"{len(self.warnings)} WARNING(S)")
        return ", ".join(parts) + ")"

    def summary(self) -> str:
        """A few lines a person can read in a terminal or a page."""
        lines = [repr(self)]
        lines += [f"WARNING: {w}" for w in self.warnings]
        if self.unused_columns:
            lines.append("columns not used: " + ", ".join(
                f"{c} -> {hint}?" if hint else c for c, hint in self.unused_columns.items()
            ))  # fmt: skip
        lines += [f"note: {n}" for n in self.notes]
        if self.n_rejected:
            lines.append("rejected rows:")
            lines += [f"  line {r['line']}: {r['reason']}"
                      for r in self.rejected_rows.head(20).iter_rows(named=True)]  # fmt: skip
        return "\n".join(lines)


def rejected_frame(failures: pl.DataFrame, raw: pl.DataFrame) -> pl.DataFrame:
    """One row per bad line: line, reason (all reasons joined), then the raw row."""
    if failures.height == 0:
        return pl.DataFrame(schema={"line": pl.Int64, "reason": pl.Utf8})
    reasons = (
        failures.with_columns(
            text=pl.when(pl.col("column").is_not_null())
            .then(pl.col("column") + ": " + pl.col("reason"))
            .otherwise(pl.col("reason"))
        )
        .group_by("line", maintain_order=True)
        .agg(reason=pl.col("text").unique(maintain_order=True).str.join("; "))
    )
    return reasons.join(raw, on="line", how="left").sort("line")
