"""Article -> candidates for review -> accepted events in the store.

    cands = ingest_article(store, text, "2014-01-24", tz="Africa/Cairo", source="Mada Masr")
    result = ingest_article(store, text, "2014-01-24", ..., review=cands.iloc[[0, 2]])

Without `review` nothing is written: the candidates come back with their evidence (the
dashboard highlights `trigger_*`/`time_*` spans in the text). `review` may be True (accept
all), a DataFrame of the accepted (possibly edited) rows, or a callable that gets the
candidates and returns the accepted ones. Accepted rows keep their stable event_id, so
ingesting the same article twice adds nothing.
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

Review = bool | pd.DataFrame | pl.DataFrame | Callable[[pd.DataFrame], Any] | None


@dataclass(frozen=True)
class ArticleIngest:
    """What an article ingest did: the store's report, the rows stored, and merge matches."""

    report: Any
    accepted: pd.DataFrame
    merges: pd.DataFrame  # what was merged with reports already stored, and why

    def __repr__(self) -> str:
        return (f"ArticleIngest({len(self.accepted)} accepted, {len(self.merges)} same-event "
                f"match(es) with stored reports; report={self.report!r})")  # fmt: skip


def ingest_article(
    store: Any,
    text: str,
    published: str | date | datetime,
    *,
    tz: str | None = None,
    source: str | None = None,
    url: str | None = None,
    review: Review = None,
) -> pd.DataFrame | ArticleIngest:
    """Candidates (review=None) or the result of storing the accepted ones."""
    cands = extract_events(text, published, tz=tz, source=source, url=url)
    if review is None:
        return cands
    accepted = _accepted(cands, review)
    schema.validate(_canonical(accepted), source=source or "article")
    known = store.known_ids(accepted["event_id"].tolist()) if len(accepted) else set()
    fresh = accepted[~accepted["event_id"].isin(known)].reset_index(drop=True)
    rows, members, merges = _merge_with_store(store, fresh)
    report = store.ingest_merged(rows, members, name=url or source or "article")
    report.duplicates += len(accepted) - len(fresh)
    return ArticleIngest(report, accepted, merges)


def _canonical(frame: pd.DataFrame) -> pl.DataFrame:
    return pl.from_pandas(frame[[c for c in schema.NAMES if c in frame.columns]])


def _merge_with_store(
    store: Any, fresh: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, list[str]], pd.DataFrame]:
    """The rows to write: fresh reports, merged with stored reports of the same events.

    Returns (rows, merged id -> the ids it replaces, the merge report).
    """
    empty = pd.DataFrame(columns=list(REPORT_COLUMNS))
    if fresh.empty:
        return fresh, {}, empty
    stored = store.events_pl(fresh["t_start"].min(), fresh["t_end"].max()).to_pandas()
    both = pd.concat([stored, fresh[[c for c in schema.NAMES if c in fresh.columns]]],
                     ignore_index=True)  # fmt: skip
    for col in ("kind", "subtype", "channel", "precision"):
        both[col] = both[col].astype(object)
    merged, report = merge_reports(both, return_report=True)
    new_ids = set(fresh["event_id"])
    parts = merged["merged_from"].str.split("; ")
    touched = merged[parts.map(lambda ids: bool(new_ids.intersection(ids)))].copy()
    members = {
        row.event_id: [m for m in row.merged_from.split("; ") if m != row.event_id]
        for row in touched.itertuples()
        if row.n_sources > 1
    }
    touched["attrs"] = [
        _with_merge_attrs(a, m, c)
        for a, m, c in zip(touched["attrs"], touched["merged_from"], touched["time_conflict"],
                           strict=True)
    ]  # fmt: skip
    return touched[[c for c in schema.NAMES if c in touched.columns]], members, report


def _with_merge_attrs(attrs: object, merged_from: str, conflict: bool) -> str | None:
    """Keep what was merged (and whether the sources' times conflicted) with the event."""
    if "; " not in str(merged_from):
        return attrs if isinstance(attrs, str) else None
    data = json.loads(attrs) if isinstance(attrs, str) and attrs else {}
    data.update(merged_from=str(merged_from).split("; "), time_conflict=bool(conflict))
    return json.dumps(data, sort_keys=True, default=str)


def _accepted(cands: pd.DataFrame, review: Review) -> pd.DataFrame:
    if review is True:
        return cands
    if review is False:
        return cands.iloc[0:0]
    out = review(cands) if callable(review) else review
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
