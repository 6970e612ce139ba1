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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import polars as pl

from timeline import schema
from timeline.articles.merge import REPORT_COLUMNS, merge_reports
from timeline.errors import TimelineError
from timeline.frames import as_polars, is_pandas
from timeline.ingest.report import IngestReport

if TYPE_CHECKING:
    import pandas as pd

Review: TypeAlias = "bool | pd.DataFrame | pl.DataFrame | Callable[[Any], Any] | None"
LINK_SCHEMA = {"member_id": pl.Utf8, "event_id": pl.Utf8}
_VOCABS = [n for n in schema.NAMES if isinstance(schema.DTYPES[n], pl.Enum)]


@dataclass(frozen=True)
class ArticleIngest:
    """What an article ingest did: the store's report, the rows stored, and merge matches
    (pandas, or polars with output="polars")."""

    report: IngestReport
    accepted: pd.DataFrame | pl.DataFrame
    merges: pd.DataFrame | pl.DataFrame  # what was merged with reports already stored, and why

    def __repr__(self) -> str:
        return (f"ArticleIngest({len(self.accepted)} accepted, {len(self.merges)} same-event "
                f"match(es) with stored reports; report={self.report!r})")  # fmt: skip


@dataclass(frozen=True)
class MergePlan:
    """What to write: `rows` (canonical), `links` (stored/fresh id -> the merged id that
    replaces it; the store deletes those rows and remembers the ids; a null merged id is
    a stored row this load replaces: deleted, not remembered) and `merges`."""

    rows: pl.DataFrame
    links: pl.DataFrame
    merges: pl.DataFrame


def accepted_rows(
    extract: Callable[[], pl.DataFrame], review: Review, *, shown: Callable[[pl.DataFrame], Any]
) -> pl.DataFrame:
    """The rows the analyst accepted; calls `extract` (once) only when `review` needs the
    candidates. A review function sees them as `shown` makes them (pandas by default)."""
    if isinstance(review, pl.DataFrame) or is_pandas(review):
        return _checked(review)
    if review is True or review is False or callable(review):
        cands = extract()
        if review is True:
            return cands
        if review is False:
            return cands.clear()
        return _checked(review(shown(cands)))
    raise TimelineError(
        f"review={review!r} is not understood; hint: pass True, False, a DataFrame of the "
        "accepted candidates or a function that returns one"
    )


def canonical(rows: pl.DataFrame) -> pl.DataFrame:
    """The canonical columns of candidate rows (the evidence columns are not stored)."""
    return rows.select(c for c in schema.NAMES if c in rows.columns)


def merge_plan(
    fresh: pl.DataFrame, stored: pl.DataFrame, replaced: Sequence[str] = ()
) -> MergePlan:
    """Fresh reports merged with stored reports of the same events (`merge_reports`).

    Only groups holding a fresh report are written; a merged group replaces its members.
    `replaced`: stored ids this load replaces (an earlier load of the same article).
    """
    gone = pl.DataFrame({"member_id": list(replaced), "event_id": None}, schema=LINK_SCHEMA)
    if fresh.is_empty():
        return MergePlan(fresh, gone, pl.DataFrame(schema=dict.fromkeys(REPORT_COLUMNS, pl.Utf8)))
    both = pl.concat([stored.select(schema.NAMES), fresh.select(schema.NAMES)], how="vertical")
    both = both.with_columns(pl.col(_VOCABS).cast(pl.Utf8))
    merged, report = merge_reports(both, return_report=True)
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
    return MergePlan(_typed(rows), pl.concat([gone, links]), report)


def load_report(name: str, plan: MergePlan, *, notes: Sequence[str] = ()) -> IngestReport:
    """The report of one article load, before the store writes it."""
    report = IngestReport(source=name, format="article", rows_read=plan.rows.height)
    report.notes += list(notes)
    merged = plan.links["event_id"].drop_nulls().n_unique()
    if merged:
        report.notes.append(
            f"{merged} event(s) merged with reports of the same event already stored"
        )
    replaced = plan.links["event_id"].null_count()
    if replaced:
        report.notes.append(f"replaced {replaced} event(s) an earlier load of this article stored")
    return report


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


def _checked(out: object) -> pl.DataFrame:
    if not (isinstance(out, pl.DataFrame) or is_pandas(out)):
        raise TimelineError(
            f"review returned {type(out).__name__}; hint: return a DataFrame of the accepted "
            "candidate rows (or pass True to accept all)"
        )
    rows = as_polars(out, what="reviewed rows")
    missing = [c for c in ("event_id", "kind", "t_start", "t_end") if c not in rows.columns]
    if missing:
        raise TimelineError(
            f"reviewed rows lack column(s) {', '.join(missing)}; hint: keep the candidate "
            "columns when editing"
        )
    return rows
