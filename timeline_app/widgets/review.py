"""Article review helpers: the candidates table for st.data_editor, and evidence spans."""

from __future__ import annotations

import pandas as pd

ACCEPT = "accept"
EDITABLE = ("kind", "subtype", "channel", "actor", "target", "location", "killed", "wounded")
SHOWN = (ACCEPT, "kind", "subtype", "channel", "time_text", "t_start", "t_end", "precision",
         "actor", "target", "location", "killed", "wounded", "confidence", "sentence")  # fmt: skip


def editor_frame(candidates: pd.DataFrame) -> pd.DataFrame:
    """Candidates with an `accept` column (all ticked) first, for the review editor."""
    out = candidates.reset_index(drop=True).copy()
    if ACCEPT not in out.columns:
        out.insert(0, ACCEPT, True)
    return out


def accepted(edited: pd.DataFrame) -> pd.DataFrame:
    """The rows the analyst kept (edits included), without the review column."""
    keep = edited[edited[ACCEPT].fillna(False).astype(bool)]
    return keep.drop(columns=[ACCEPT]).reset_index(drop=True)


def evidence(text: str, row: pd.Series) -> tuple[str, list[tuple[int, int, str]]]:
    """The candidate's sentence and, relative to it, the marked spans: what happened
    (orange) and when (blue). Falls back to the stored excerpt when offsets are missing."""
    start, end = _pair(row, "char_start", "char_end")
    if start is None or not 0 <= start < end <= len(text):
        return str(row.get("sentence") or row.get("excerpt") or ""), []
    marks = []
    for prefix, colour in (("trigger", "orange"), ("time", "blue")):
        a, b = _pair(row, f"{prefix}_start", f"{prefix}_end")
        if a is not None and start <= a < b <= end:
            marks.append((a - start, b - start, colour))
    return text[start:end], marks


def _pair(row: pd.Series, a: str, b: str) -> tuple[int | None, int | None]:
    if a in row.index and b in row.index and pd.notna(row[a]) and pd.notna(row[b]):
        return int(row[a]), int(row[b])
    return None, None
