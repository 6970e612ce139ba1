"""What a load did not use: headers no role took, and roles no row filled.

A typo in a header ("Grup" for "Group") used to load every actor as blank without a
word. Unused headers are listed with the closest role's usual header; a load in which
no row has an actor or a place says so as a warning; `strict=True` makes it an error.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from rapidfuzz import fuzz, process

from timeline.errors import FormatError
from timeline.ingest.table import LOOKUP, ROLES, fold_header

PLACE = ("location", "admin1", "country", "lat", "tz")


def unused_columns(columns: list[str], found: dict[str, str]) -> dict[str, str | None]:
    """column -> the usual header of the closest role no column took ('Group'), or None."""
    used = set(found.values())
    free = {spelling: role for spelling, role in LOOKUP.items() if role not in found}
    free |= {fold_header(role): role for role in ROLES if role not in found}
    out: dict[str, str | None] = {}
    for col in columns:
        if col in used:
            continue
        hit = process.extractOne(fold_header(col), list(free), scorer=fuzz.ratio, score_cutoff=75)
        if hit:
            out[col] = f"{hit[0].capitalize()} ({free[hit[0]]})"
        elif "event_id" not in found and fold_header(col).endswith("id"):  # statement_id...
            out[col] = "Event_ID (event_id)"
        else:
            out[col] = None
    return out


@dataclass
class Coverage:
    """How many stored rows have an actor and a place, over a whole load."""

    rows: int = 0
    actor: int = 0
    place: int = 0

    def add(self, valid: pl.DataFrame) -> None:
        places = [c for c in PLACE if c in valid.columns and c != "tz"]
        counts = valid.select(
            actor=pl.col("actor_raw").is_not_null().sum() if "actor_raw" in valid.columns
            else pl.lit(0),
            place=pl.any_horizontal(pl.col(c).is_not_null() for c in places).sum()
            if places else pl.lit(0),
        )  # fmt: skip
        self.rows += valid.height
        self.actor += int(counts.item(0, "actor") or 0)
        self.place += int(counts.item(0, "place") or 0)

    def warnings(self) -> list[str]:
        if not self.rows:
            return []
        out = []
        if not self.actor:
            out.append(
                "no row has an actor: every event would be anonymous; name a Group or Actor "
                "column (or pass mapping={'your column': 'actor_raw'})"
            )
        if not self.place:
            out.append(
                "no row has a place (location, admin1, country or coordinates): zones and "
                "maps cannot use them; name a City or Country column (or pass mapping=)"
            )
        return out


def typo_warnings(unused: dict[str, str | None]) -> list[str]:
    return [f"column {col!r} is not used: did you mean {hint.split(' ')[0]}? (rename it, or pass "
            f"mapping={{{col!r}: {hint.split('(')[1].rstrip(')')!r}}})"
            for col, hint in unused.items() if hint]  # fmt: skip


def enforce(warnings: list[str], *, strict: bool, source: str) -> None:
    """strict=True: a load with warnings is an error (nothing is stored)."""
    if strict and warnings:
        raise FormatError(f"{source} (strict): " + "; ".join(warnings))
