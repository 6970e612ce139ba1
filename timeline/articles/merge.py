"""One event reported by several outlets -> one row with every source and every figure.

Two reports are the same event when they come from different sources, have the same
kind, compatible subtype/channel/actor, overlapping times, and either the same place or
target (fuzzy) or times that largely coincide. The merged time is the intersection of
what the sources support; when sources that agree on the place disagree on the time, it
is their union, flagged `time_conflict`. Figures are never averaged away: each source's
killed/wounded stay in `attrs`, and killed_low/killed_high span them.

Only reports of one kind whose intervals overlap or lie within a day of each other can
be the same event, so candidates come from a sweep over each kind sorted by start: the
work grows with the number of reports times the few that are open at once, not with
every pair (a store's worth of day-level events merges in about linear time).
"""

from __future__ import annotations

import hashlib
import heapq
import json
from datetime import timedelta

import numpy as np
import polars as pl
from rapidfuzz import fuzz

from timeline.timeexpr.spans import precision_for

__all__ = ["merge_reports"]

REPORT_COLUMNS = ("event_id", "kind", "merged_from", "sources", "time", "why")
_MIN_SHARE = 0.05  # uncorroborated reports must share this much of the wider interval


def merge_reports(
    events: pl.DataFrame, *, return_report: bool = False
) -> pl.DataFrame | tuple[pl.DataFrame, pl.DataFrame]:
    """Events with same-event reports from different sources merged into one row each.

    Adds `merged_from` (the member ids, "; "-joined), `n_sources` and `time_conflict`.
    With return_report=True also returns one row per merged group: what was merged, why.
    """
    vocab = [n for n, d in events.schema.items() if isinstance(d, pl.Enum | pl.Categorical)]
    df = events.with_columns(pl.col(vocab).cast(pl.Utf8))
    rows = df.to_dicts()
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(df):
        if _same_event(rows[i], rows[j]):
            parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    merged = [_merge([rows[i] for i in members]) for members in groups.values()]
    added = {"merged_from": pl.Utf8, "n_sources": pl.Int64, "time_conflict": pl.Boolean}
    out_schema = {**df.schema, **added}
    result = pl.DataFrame(
        [{k: r.get(k) for k in out_schema} for r, _ in merged] or None,
        schema=out_schema, strict=False,
    )  # fmt: skip
    result = result.with_columns(pl.col(n).cast(events.schema[n]) for n in vocab)
    report = pl.DataFrame(
        [note for _, note in merged if note] or None,
        schema=dict.fromkeys(REPORT_COLUMNS, pl.Utf8),
    )
    return (result, report) if return_report else result


_REACH = timedelta(days=1)  # disjoint reports further apart than this never merge


def _candidate_pairs(df: pl.DataFrame):
    """(i, j) with i < j: same kind, and j starts before i ends (plus a day)."""
    if df.is_empty():
        return
    start = df.get_column("t_start").dt.epoch("us").to_numpy()
    end = df.get_column("t_end").dt.epoch("us").to_numpy()
    reach = _REACH // timedelta(microseconds=1)
    kinds = df.get_column("kind").cast(pl.Utf8).to_numpy()
    for kind in dict.fromkeys(kinds):
        idx = [i for i in np.argsort(start, kind="stable") if kinds[i] == kind]
        active: list[tuple[int, int]] = []  # heap of (end, row): the reports still open
        for i in idx:
            while active and active[0][0] + reach < start[i]:
                heapq.heappop(active)
            for _e, k in active:
                yield (min(i, k), max(i, k))
            heapq.heappush(active, (end[i], i))


def _ok(a: object, b: object, blank: tuple = (None, "other", "unknown")) -> bool:
    a, b = _value(a), _value(b)
    return a in blank or b in blank or a == b


def _place_match(a: dict, b: dict) -> bool:
    for x in (a.get("location"), a.get("target")):
        for y in (b.get("location"), b.get("target")):
            both = isinstance(x, str) and isinstance(y, str)
            if both and fuzz.token_set_ratio(x.lower(), y.lower()) >= 80:
                return True
    return False


def _same_event(a: dict, b: dict) -> bool:
    if a["kind"] != b["kind"] or a["source"] == b["source"]:
        return False
    if not (_ok(a["subtype"], b["subtype"]) and _ok(a["channel"], b["channel"])):
        return False
    if not _ok(a.get("actor"), b.get("actor"), (None,)):
        return False
    lo, hi = max(a["t_start"], b["t_start"]), min(a["t_end"], b["t_end"])
    corroborated = _place_match(a, b)
    if hi < lo:  # disjoint: only the same place within a day counts (a conflict, flagged)
        return corroborated and (lo - hi) <= _REACH
    if corroborated:
        return True
    wider = max(a["t_end"] - a["t_start"], b["t_end"] - b["t_start"])
    share = 1.0 if wider == timedelta(0) else (hi - lo) / wider
    typed = a["kind"] != "attack" or (a["subtype"] == b["subtype"] and a["subtype"] != "other")
    return typed and share >= _MIN_SHARE


def _join(values: list) -> str | None:
    seen = [v for v in dict.fromkeys(values) if isinstance(v, str) and v]
    return "; ".join(seen) or None


def _first(values: list, skip: tuple = (None, "other", "unknown")) -> object:
    good = [v for v in values if _value(v) not in skip]
    return good[0] if good else values[0]


def _merge(group: list[dict]) -> tuple[dict, dict | None]:
    if len(group) == 1:
        return {**group[0], "merged_from": group[0]["event_id"], "n_sources": 1,
                "time_conflict": False}, None  # fmt: skip
    group = sorted(group, key=lambda r: r["t_end"] - r["t_start"])
    start, end = max(r["t_start"] for r in group), min(r["t_end"] for r in group)
    conflict = end < start
    if conflict:
        start, end = min(r["t_start"] for r in group), max(r["t_end"] for r in group)
    ids = sorted(r["event_id"] for r in group)
    out = dict(group[0])
    out.update(
        event_id="mrg-" + hashlib.sha1("|".join(ids).encode()).hexdigest()[:16],
        t_start=start, t_end=end, precision=precision_for(end - start),
        subtype=_first([r["subtype"] for r in group]),
        channel=_first([r["channel"] for r in group]),
        actor=_first([r.get("actor") for r in group], (None,)),
        source=_join([r["source"] for r in group]),
        source_ref=_join([r.get("source_ref") for r in group]),
        url=_join([r.get("url") for r in group]),
        excerpt=" | ".join(str(r["excerpt"]) for r in group),
        time_text=_join([r.get("time_text") for r in group]),
        merged_from="; ".join(ids), n_sources=len(group), time_conflict=conflict,
    )  # fmt: skip
    out.update(_figures(group))
    conf = 1.0
    for r in group:
        conf *= 1 - float(r["confidence"])
    out["confidence"] = round(min(0.95, 1 - conf), 2)
    why = "same place" if _place_match(group[0], group[1]) else "overlapping times"
    note = {"event_id": out["event_id"], "kind": out["kind"], "merged_from": out["merged_from"],
            "sources": out["source"], "time": "union (conflict)" if conflict else "intersection",
            "why": why}  # fmt: skip
    return out, note


def _figures(group: list[dict]) -> dict:
    """killed/wounded per source kept in attrs; low/high span every figure reported."""
    per_source, killed, highs, wounded = {}, [], [], []
    for r in group:
        attrs = json.loads(r["attrs"]) if isinstance(r.get("attrs"), str) else {}
        fig = {k: _num(r.get(k)) for k in ("killed", "wounded", "killed_high")}
        per_source[r["source"]] = {**{k: v for k, v in fig.items() if v is not None}, **attrs}
        killed += [fig["killed"]] if fig["killed"] is not None else []
        highs += [fig["killed_high"]] if fig["killed_high"] is not None else []
        wounded += [fig["wounded"]] if fig["wounded"] is not None else []
    return {
        "killed": min(killed) if killed else None,
        "killed_low": min(killed) if killed else None,
        "killed_high": max(killed + highs) if killed + highs else None,
        "wounded": min(wounded) if wounded else None,
        "wounded_high": max(wounded) if wounded else None,
        "attrs": json.dumps({"per_source": per_source}, sort_keys=True, default=str),
    }


def _value(v: object) -> object:
    """None for a missing value (a null, or a NaN from a float column)."""
    return None if v is None or (isinstance(v, float) and v != v) else v


def _num(v: object) -> int | None:
    v = _value(v)
    return None if v is None else int(v)
