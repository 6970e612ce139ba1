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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import polars as pl

from timeline import schema
from timeline.articles.extract import extract_events
from timeline.articles.merge import merge_reports
from timeline.errors import TimelineError

Review = bool | pd.DataFrame | pl.DataFrame | Callable[[pd.DataFrame], Any] | None


@dataclass(frozen=True)
class ArticleIngest:
    """What an article ingest did: the store's report, the rows stored, and merge matches."""

    report: Any
    accepted: pd.DataFrame
    merges: pd.DataFrame  # accepted events that match stored reports from other outlets

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
    merges = _matches(store, accepted)
    if accepted.empty:
        return ArticleIngest(None, accepted, merges)
    frame = pl.from_pandas(accepted[[c for c in schema.NAMES if c in accepted.columns]])
    schema.validate(frame, source=source or "article")
    report = store.ingest(frame, format="article", name=url or source)
    return ArticleIngest(report, accepted, merges)


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


def _matches(store: Any, accepted: pd.DataFrame) -> pd.DataFrame:
    """Stored reports from other outlets that describe the same events (the merge report)."""
    empty = pd.DataFrame(columns=["event_id", "kind", "merged_from", "sources", "time", "why"])
    if accepted.empty or not hasattr(store, "events_pl"):
        return empty
    stored = store.events_pl(accepted["t_start"].min(), accepted["t_end"].max())
    if stored.height == 0:
        return empty
    both = pd.concat(
        [stored.to_pandas(), accepted[[c for c in schema.NAMES if c in accepted.columns]]],
        ignore_index=True,
    )
    for col in ("kind", "subtype", "channel", "precision"):
        both[col] = both[col].astype(object)
    _, report = merge_reports(both, return_report=True)
    return report
