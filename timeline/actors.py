"""Actor names and aliases -> one canonical name.

A shipped alias table (`timeline/data/actors.csv`) that users extend with a CSV of their
own (`canonical,alias`). Lookup folds case, accents, apostrophes and hyphens, and tries
a parenthesised abbreviation ("Ansar Bayt al-Maqdis (ABM)") on its own. Unknown names
pass through unchanged and are reported with the closest known names.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import polars as pl

from timeline.errors import FormatError

_PAREN = re.compile(r"^(?P<outer>.*?)\s*\((?P<inner>[^)]*)\)\s*$")


def fold(name: str) -> str:
    """The lookup key of a name: ascii, lower case, no apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['`’‘ʼ]", "", text)
    text = re.sub(r"[-_/.,:;]+", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text


@dataclass(frozen=True)
class ActorTable:
    """Alias -> canonical name, built from one or more `canonical,alias` tables."""

    index: dict[str, str]

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str]], base: ActorTable | None = None) -> ActorTable:
        index = dict(base.index) if base else {}
        for canonical, alias in rows:
            index[fold(alias)] = canonical
            index.setdefault(fold(canonical), canonical)
        return cls(index)

    def extended(self, path: str | Path) -> ActorTable:
        """This table plus a user's CSV with columns `canonical,alias` (theirs win)."""
        return ActorTable.from_rows(_read_alias_file(Path(path)), base=self)

    @property
    def canonical_names(self) -> list[str]:
        return sorted(set(self.index.values()))

    def lookup(self, name: str | None) -> str | None:
        """Canonical name, or None when the name is unknown."""
        if name is None or not name.strip():
            return None
        hit = self.index.get(fold(name))
        if hit is None and (m := _PAREN.match(name)):
            hit = self.index.get(fold(m["outer"])) or self.index.get(fold(m["inner"]))
        return hit

    def resolve(self, names: pl.Series) -> tuple[pl.Series, list[str]]:
        """(canonical names, unknown raw names): each distinct name is looked up once."""
        raw = names.cast(pl.Utf8)
        distinct = raw.drop_nulls().unique().to_list()
        known = {n: self.lookup(n) for n in distinct}
        unknown = sorted(n for n, c in known.items() if c is None and n.strip())
        mapping = {n: (c if c is not None else n.strip() or None) for n, c in known.items()}
        return raw.replace_strict(mapping, default=None, return_dtype=pl.Utf8), unknown

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Closest canonical names to an unknown one (to help extend the table)."""
        from rapidfuzz import fuzz, process, utils

        hits = process.extract(
            fold(name),
            list(self.index),
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit * 3,
        )
        out: list[str] = []
        for alias, score, _ in hits:
            canonical = self.index[alias]
            if score >= 60 and canonical not in out:
                out.append(canonical)
        return out[:limit]


def _read_alias_file(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        raise FormatError(f"Actor alias file not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"canonical", "alias"} <= set(reader.fieldnames):
            raise FormatError(
                f"{path}: an actor alias file needs the columns 'canonical,alias' "
                f"(found {reader.fieldnames})"
            )
        rows = []
        for line, row in enumerate(reader, start=2):
            if not (row["canonical"] or "").strip() or not (row["alias"] or "").strip():
                raise FormatError(f"{path}, line {line}: empty canonical name or alias")
            rows.append((row["canonical"].strip(), row["alias"].strip()))
    return rows


@cache
def default_table() -> ActorTable:
    """The shipped alias table."""
    with files("timeline.data").joinpath("actors.csv").open(encoding="utf-8") as fh:
        rows = [(r["canonical"], r["alias"]) for r in csv.DictReader(fh)]
    return ActorTable.from_rows(rows)


def table(extra: str | Path | ActorTable | None = None) -> ActorTable:
    """The shipped table, extended by a user file (or a table) when given."""
    if isinstance(extra, ActorTable):
        return extra
    return default_table().extended(extra) if extra else default_table()


def canonical(name: str, extra: str | Path | None = None) -> str:
    """One name -> its canonical form (unchanged when unknown)."""
    return table(extra).lookup(name) or name
