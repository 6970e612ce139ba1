"""Shared display pieces: errors, escaped text, event tables, ingest reports."""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import polars as pl
import streamlit as st

from timeline.ingest.report import IngestReport

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&\"'])")
_TIME_COLS = ("t_start", "t_end")
BROWSE_COLUMNS = (
    "event_id",
    "kind",
    "subtype",
    "channel",
    "t_start",
    "t_end",
    "precision",
    "time_text",
    "actor",
    "target",
    "location",
    "country",
    "killed",
    "wounded",
    "source",
    "excerpt",
    "confidence",
)


def escape_md(text: str) -> str:
    """Text shown through Markdown with every markup character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def error(exc: BaseException, *, hint: str | None = None) -> None:
    """A library error as a page message: first line as the alert, the rest verbatim."""
    first, _, rest = str(exc).partition("\n")
    st.error(escape_md(first) + (f"  \n{escape_md(hint)}" if hint else ""), icon=":material/error:")
    if rest.strip():
        st.code(rest, language=None)


def events_table(frame: pl.DataFrame, *, tz: str | None = None, columns=BROWSE_COLUMNS):
    """A pandas table for display: chosen columns, times in UTC or in `tz`."""
    cols = [c for c in columns if c in frame.columns]
    out = frame.select(cols)
    if tz:
        out = out.with_columns(pl.col(c).dt.convert_time_zone(tz) for c in _TIME_COLS if c in cols)
    return out.to_pandas()


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Markdown of `text` (escaped) with each (start, end, colour) span marked; no HTML.

    Spans are offsets into `text`; overlapping or out-of-range spans are skipped.
    """
    out, pos = [], 0
    for start, end, colour in sorted(spans):
        if not pos <= start < end <= len(text):
            continue
        out.append(escape_md(text[pos:start]))
        out.append(f":{colour}-background[**{escape_md(text[start:end])}**]")
        pos = end
    out.append(escape_md(text[pos:]))
    return "".join(out)


def ingest_report(report: IngestReport) -> None:
    """What a load did: format, added, duplicates, rejected rows with their reasons."""
    st.markdown(f"**Source** {escape_md(report.source)} — format detected: `{report.format}`")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Rows read", f"{report.rows_read:,}")
    c2.metric("Added", f"{report.added:,}")
    c3.metric("Duplicates", f"{report.duplicates:,}")
    c4.metric("Rejected", f"{report.n_rejected:,}")
    for note in report.notes:
        st.caption(escape_md(note))
    if report.unknown_actors:
        names = pd.DataFrame(
            {
                "name as written": list(report.unknown_actors),
                "lines": [", ".join(map(str, v[:10])) for v in report.unknown_actors.values()],
            }
        )
        with st.expander(f"{len(names)} actor name(s) not in the actor table (kept as written)"):
            st.dataframe(names, hide_index=True)
    if report.n_rejected:
        st.warning(f"{report.n_rejected:,} row(s) rejected; each with its line and reason:")
        st.dataframe(rejected_table(report.rejected), hide_index=True, key="rejected_rows")


def rejected_table(rejected: pd.DataFrame) -> pd.DataFrame:
    """line, reason, then the raw row's cells as text (Arrow-safe)."""
    out = rejected.copy()
    for col in out.columns:
        if col != "line":
            out[col] = out[col].astype("string")
    return out


def day_span(events: pl.DataFrame, tz: str | None) -> tuple[date, date]:
    """First and last calendar day the events cover, in `tz` (UTC when None).

    Interval ends are exclusive: a day-precision event ends at the next midnight, which
    is not a day it covers.
    """
    zone = ZoneInfo(tz) if tz else UTC
    start = events.get_column("t_start").min()
    end = max(
        events.get_column("t_end").max() - timedelta(microseconds=1),
        events.get_column("t_start").max(),
    )
    return start.astimezone(zone).date(), end.astimezone(zone).date()
