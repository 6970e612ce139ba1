"""Pairing against an independent brute-force implementation, on random small streams."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import polars as pl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import timeline as tl

EPOCH_US = int(datetime(2014, 1, 1, tzinfo=UTC).timestamp()) * 1_000_000
MIN = 60_000_000
KINDS = ("warning", "attack", "claim")
WIDTHS = (0, 0, 0, 1, 7, 30 * MIN, 60 * MIN, 24 * 60 * MIN)


@st.composite
def streams(draw):
    n = draw(st.integers(0, 22))
    rows = []
    for i in range(n):
        # a coarse 30-min grid makes exact ties and on-the-boundary windows common
        start = draw(st.integers(0, 40)) * 30 * MIN + draw(st.sampled_from((0, 0, 0, 1, 7)))
        rows.append(
            {
                "event_id": f"e{i:02d}",
                "kind": draw(st.sampled_from(KINDS)),
                "actor": draw(st.sampled_from(("A", "B", None))),
                "channel": draw(st.sampled_from(("audio", "video"))),
                "start": EPOCH_US + start,
                "width": draw(st.sampled_from(WIDTHS)),
            }
        )
    return rows


def frame(rows: list[dict]) -> pl.DataFrame:
    t = pl.Datetime("us", "UTC")
    return pl.DataFrame(
        {
            "event_id": [r["event_id"] for r in rows],
            "kind": [r["kind"] for r in rows],
            "actor": [r["actor"] for r in rows],
            "channel": [r["channel"] for r in rows],
            "t_start": pl.Series([r["start"] for r in rows], dtype=pl.Int64).cast(t),
            "t_end": pl.Series([r["start"] + r["width"] for r in rows], dtype=pl.Int64).cast(t),
        },
        schema_overrides={c: pl.Utf8 for c in ("event_id", "kind", "actor", "channel")},
    )


def brute(rows, trig, resp, within, by, direction, until):
    """The semantics of DESIGN.md written out naively, one trigger at a time."""
    ev = [dict(r, mid=r["start"] + r["width"] // 2, end=r["start"] + r["width"]) for r in rows]
    if not ev:
        return []
    stop = until if until is not None else max(e["mid"] for e in ev)
    begin = min(e["mid"] for e in ev)
    ev = [e for e in ev if e["mid"] <= stop]
    key = (lambda e: tuple(e[c] for c in by)) if by else (lambda e: ())
    ts = [e for e in ev if e["kind"] in trig]
    rs = [e for e in ev if e["kind"] in resp]
    out = []
    base, partners = (ts, rs) if direction == "following" else (rs, ts)
    for b in base:
        if direction == "following":
            cand = [r for r in partners if key(r) == key(b) and r["mid"] >= b["mid"]]
            best = min(cand, key=lambda r: (r["mid"], r["width"], r["event_id"]), default=None)
            room = stop - b["mid"]
        else:
            cand = [t for t in partners if key(t) == key(b) and t["mid"] <= b["mid"]]
            best = min(cand, key=lambda t: (-t["mid"], t["width"], t["event_id"]), default=None)
            room = b["mid"] - begin
        if best is not None and abs(best["mid"] - b["mid"]) > within:
            best = None
        t, r = (b, best) if direction == "following" else (best, b)
        row = (key(b), t and t["event_id"], r and r["event_id"], min(within, room), best is None)
        if best is None:
            out.append((*row, None, None, None, False))
        else:
            lo, hi = r["start"] - t["end"], r["end"] - t["start"]
            out.append((*row, r["mid"] - t["mid"], lo, hi, lo < 0 < hi))
    return sorted(out, key=repr)


def us(td) -> int | None:
    return None if pd.isna(td) else int(td // pd.Timedelta(microseconds=1))


def from_engine(res: pd.DataFrame, by: list[str]):
    out = []
    for row in res.to_dict("records"):
        key = tuple(None if pd.isna(row[c]) else row[c] for c in by)
        tid = None if pd.isna(row["trigger_id"]) else row["trigger_id"]
        rid = None if pd.isna(row["response_id"]) else row["response_id"]
        out.append(
            (key, tid, rid, us(row["followup"]), bool(row["censored"]), us(row["lag"]),
             us(row["lag_min"]), us(row["lag_max"]), bool(row["order_ambiguous"]))
        )  # fmt: skip
    return sorted(out, key=repr)


PAIRS = st.sampled_from(
    [(("warning",), ("attack",)), (("attack",), ("claim",)), (("warning", "claim"), ("attack",))]
)
BYS = st.sampled_from([None, "actor", ["actor", "channel"]])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=streams(),
    kinds=PAIRS,
    within=st.sampled_from([0, 1, 30 * MIN, 6 * 60 * MIN, 3 * 24 * 60 * MIN]),
    by=BYS,
    direction=st.sampled_from(["following", "preceding"]),
    until=st.one_of(st.none(), st.integers(0, 60).map(lambda m: EPOCH_US + m * 30 * MIN)),
)
@example(  # responses tied at one midpoint: the narrower interval wins, then the smaller id
    rows=[
        {"event_id": "e0", "kind": "warning", "actor": "A", "channel": "audio",
         "start": EPOCH_US, "width": 0},
        {"event_id": "e1", "kind": "attack", "actor": "A", "channel": "audio",
         "start": EPOCH_US, "width": 60 * MIN},
        {"event_id": "e2", "kind": "attack", "actor": "A", "channel": "audio",
         "start": EPOCH_US + 30 * MIN, "width": 0},
    ],
    kinds=(("warning",), ("attack",)), within=30 * MIN, by="actor", direction="following",
    until=None,
)  # fmt: skip
def test_matches_brute_force(rows, kinds, within, by, direction, until):
    trig, resp = kinds
    until_ts = None if until is None else pd.Timestamp(until, unit="us", tz="UTC")
    res = tl.lags(
        frame(rows), list(trig), list(resp), timedelta(microseconds=within),
        by=by, direction=direction, until=until_ts,
    )  # fmt: skip
    by_cols = [] if by is None else [by] if isinstance(by, str) else by
    assert from_engine(res, by_cols) == brute(rows, trig, resp, within, by_cols, direction, until)


@settings(max_examples=60, deadline=None)
@given(rows=streams(), direction=st.sampled_from(["following", "preceding"]), seed=st.integers())
def test_input_order_changes_nothing(rows, direction, seed):
    df = frame(rows)
    a = tl.lags(df, "warning", "attack", "1d", by="actor", direction=direction)
    b = tl.lags(df.sample(fraction=1.0, shuffle=True, seed=seed % 2**32), "warning", "attack",
                "1d", by="actor", direction=direction)  # fmt: skip
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=60, deadline=None)
@given(rows=streams())
def test_each_trigger_once_following_each_response_once_preceding(rows):
    df = frame(rows)
    kinds = df.get_column("kind")
    fol = tl.lags(df, "warning", "attack", "2d", by="actor")
    pre = tl.lags(df, "warning", "attack", "2d", by="actor", direction="preceding")
    assert sorted(fol["trigger_id"]) == sorted(df.filter(kinds == "warning")["event_id"])
    assert sorted(pre["response_id"]) == sorted(df.filter(kinds == "attack")["event_id"])


@settings(max_examples=30, deadline=None)
@given(rows=streams())
def test_pandas_and_polars_inputs_agree(rows):
    df = frame(rows)
    a = tl.lags(df, "warning", "attack", "1d", by=None)
    b = tl.lags(df.to_pandas(), "warning", "attack", "1d", by=None)
    pd.testing.assert_frame_equal(a, b)
