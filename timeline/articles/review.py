"""Article review, pure: candidates -> the rows the analyst accepted -> the merge plan.

The store writes (`EventStore.ingest_article`); this module never sees it. It is given
the accepted rows and the stored events they may repeat, and says what to write:

    plan = merge_plan(fresh, stored)   # rows to insert, stored ids they replace, why

`review` may be True (accept all), False (none), a DataFrame of the accepted (possibly
edited) rows, or a callable that gets the candidates and returns the accepted ones. A
DataFrame is taken as it is: the article is not extracted again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import polars as pl

from timeline import schema
from timeline.articles.extract import extract_events
from timeline.articles.merge import REPORT_COLUMNS, merge_reports
from timeline.errors import TimelineError
from timeline.ingest.report import IngestReport

Review = bool | pd.DataFrame | pl.DataFrame | Callable[[pd.DataFrame], Any] | None
LINK_SCHEMA = {"member_id": pl.Utf8, "event_id": pl.Utf8}
_VOCABS = [n for n in schema.NAMES if isinstance(schema.DTYPES[n], pl.Enum)]


@dataclass(frozen=True)
class ArticleIngest:
    """What an article ingest did: the store's report, the rows stored, and merge matches."""

    report: IngestReport
    accepted: pd.DataFrame
    merges: pd.DataFrame  # what was merged with reports already stored, and why

    def __repr__(self) -> str:
        return (f"ArticleIngest({len(self.accepted)} accepted, {len(self.merges)} same-event "
                f"match(es) with stored reports; report={self.report!r})")  # fmt: skip


@dataclass(frozen=True)
class MergePlan:
    """What to write: `rows` (canonical), `links` (stored/fresh id -> the merged id that
    replaces it; the store deletes those rows and remembers the ids) and `merges`."""

    rows: pl.DataFrame
    links: pl.DataFrame
    merges: pd.DataFrame


def accepted_rows(
    text: str, published: str | date | datetime, review: Review, **options: Any
) -> pd.DataFrame:
    """The rows the analyst accepted; extracts the article only when `review` needs it."""
    if isinstance(review, pl.DataFrame | pd.DataFrame):
        return _checked(review)
    if review is True or review is False or callable(review):
        cands = extract_events(text, published, **options)
        if review is True:
            return cands
        if review is False:
            return cands.iloc[0:0]
        return _checked(review(cands))
    raise TimelineError(
        f"review={review!r} is not understood; hint: pass True, False, a DataFrame of the "
        "accepted candidates or a function that returns one"
    )


def canonical(rows: pd.DataFrame) -> pl.DataFrame:
    """The canonical columns of candidate rows (the evidence columns are not stored)."""
    return pl.from_pandas(rows[[c for c in schema.NAMES if c in rows.columns]])


def merge_plan(fresh: pl.DataFrame, stored: pl.DataFrame) -> MergePlan:
    """Fresh reports merged with stored reports of the same events (`merge_reports`).

    Only groups holding a fresh report are written; a merged group replaces its members.
    """
    empty = pd.DataFrame(columns=list(REPORT_COLUMNS))
    if fresh.is_empty():
        return MergePlan(fresh, pl.DataFrame(schema=LINK_SCHEMA), empty)
    both = pl.concat([stored.select(schema.NAMES), fresh.select(schema.NAMES)], how="vertical")
    both = both.with_columns(pl.col(_VOCABS).cast(pl.Utf8))
    merged, report = merge_reports(both, return_report=True)
    merged = pl.from_pandas(merged.astype({"merged_from": str}))
    members = pl.col("merged_from").str.split("; ")
    touched = merged.filter(
        members.list.eval(pl.element().is_in(fresh["event_id"].implode())).list.any()
    )
    links = (
        touched.filter(pl.col("n_sources") > 1)
        .select(member_id=members, event_id="event_id")
        .explode("member_id")
        .filter(pl.col("member_id") != pl.col("event_id"))
    )
    attrs = [_with_merge_attrs(a, m, c) for a, m, c in
             touched.select("attrs", "merged_from", "time_conflict").iter_rows()]  # fmt: skip
    rows = touched.with_columns(attrs=pl.Series(attrs, dtype=pl.Utf8)).select(schema.NAMES)
    return MergePlan(_typed(rows), links, report)


def _typed(rows: pl.DataFrame) -> pl.DataFrame:
    """Canonical dtypes for merged rows (built from validated rows: a cast, not a check)."""
    return rows.with_columns(pl.col(n).cast(schema.DTYPES[n]) for n in schema.NAMES)


def _with_merge_attrs(attrs: object, merged_from: str, conflict: bool) -> str | None:
    """Keep what was merged (and whether the sources' times conflicted) with the event."""
    if "; " not in str(merged_from):
        return attrs if isinstance(attrs, str) else None
    data = json.loads(attrs) if isinstance(attrs, str) and attrs else {}
    data.update(merged_from=str(merged_from).split("; "), time_conflict=bool(conflict))
    return json.dumps(data, sort_keys=True, default=str)


def _checked(out: object) -> pd.DataFrame:
    if isinstance(out, pl.DataFrame):
        out = out.to_pandas()
    if not isinstance(out, pd.DataFrame):
        raise TimelineError(
            f"review returned {type(out).__name__}; hint: return a DataFrame of the accepted "
            "candidate rows (or pass True to accept all)"
        )
    missing = [c for c in ("event_id", "kind", "t_start", "t_end") if c not in out.columns]
    if missing:
        raise TimelineError(
            f"reviewed rows lack column(s) {', '.join(missing)}; hint: keep the candidate "
            "columns when editing"
        )
    return out.reset_index(drop=True)
