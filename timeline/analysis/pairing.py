"""Pair triggers with responses (warning -> attack, attack -> claim) and measure the lags.

Semantics (DESIGN.md, "Lags"): every event is reduced to its midpoint for pairing and for
the window; each lag is also reported as the interval [lag_min, lag_max] the two events'
time intervals allow, so a "Thursday" warning is never treated as if its minute were known.

The kernel (`pair`) is one polars `join_asof` keyed by an integer group id: a pure function
of the triggers and responses, so it can run on all groups at once or per group elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

import polars as pl

from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import (
    END,
    GID,
    MID,
    START,
    by_columns,
    check_intervals,
    with_points,
)
from timeline.analysis.selectors import predicate
from timeline.errors import TimelineError
from timeline.frames import to_polars
from timeline.results import PAIRS

Direction = Literal["following", "preceding"]
COLUMNS = PAIRS.names
EVENT_COLUMNS = ("event_id", "kind", "t_start")
_T, _R = "_is_trigger", "_is_response"


def lags(
    events: pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: Duration = "7d",
    *,
    by: str | Sequence[str] | None = "actor",
    direction: Direction = "following",
    until: datetime | str | None = None,
) -> pl.DataFrame:
    """One row per trigger (or per response with direction="preceding") with its lag.

    Unfollowed triggers stay in the result as censored rows: they are data, not noise.
    `trigger`/`response` take a kind, a list of kinds, a dict or a `Select`.
    """
    df = to_polars(events, need=EVENT_COLUMNS)
    by_cols = by_columns(by, df.columns)
    window = to_us(within, name="within")
    if direction not in ("following", "preceding"):
        raise TimelineError(
            f"direction={direction!r} is unknown. Hint: use 'following' or 'preceding'."
        )
    marked = df.with_columns(
        predicate(trigger, df.columns, role="trigger").alias(_T),
        predicate(response, df.columns, role="response").alias(_R),
    )
    pts = with_points(marked.select("event_id", "t_start", "t_end", *by_cols, _T, _R), by_cols)
    pts = pts.drop("t_start", "t_end")  # the integer microseconds carry the times from here
    check_intervals(pts)
    end = _end_us(until, pts)
    begin = pts.get_column(MID).min() if pts.height else 0
    if until is not None:  # events after the end of observation are not seen
        pts = pts.filter(pl.col(MID) <= end)
    both = pts.filter(pl.col(_T) & pl.col(_R))
    if both.height:
        raise TimelineError(
            f"{both.height} event(s) match both trigger={trigger!r} and response={response!r} "
            f"(e.g. {both.get_column('event_id').head(3).to_list()}). "
            "Hint: make the two selectors disjoint (different kinds, subtypes or channels)."
        )
    trig = pts.filter(pl.col(_T)).drop(_T, _R)
    resp = pts.filter(pl.col(_R)).drop(_T, _R)
    del pts, marked
    out = pair(trig, resp, window=window, end=end, begin=begin, direction=direction)
    del trig, resp
    return _finish(out, by_cols, direction)


def _end_us(until: datetime | str | None, pts: pl.DataFrame) -> int:
    """End of observation in epoch microseconds: `until`, else the latest midpoint."""
    if until is None:
        return pts.get_column(MID).max() if pts.height else 0
    stamp = datetime.fromisoformat(until) if isinstance(until, str) else until
    if not isinstance(stamp, datetime) or stamp.tzinfo is None:
        raise TimelineError(
            f"until={until!r} is a naive time. Hint: give a time zone, e.g. "
            "datetime(2014, 2, 1, tzinfo=UTC) or pd.Timestamp('2014-02-01', tz='UTC')."
        )
    return (stamp.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)) // _US


_US = datetime.resolution  # one microsecond


def _by_group_and_time(df: pl.DataFrame) -> pl.DataFrame:
    """Rows sorted by (group id, midpoint); as one integer key when it fits in 62 bits.

    A single int64 key sorts several times faster than two columns (no row encoding).
    """
    if df.height == 0:
        return df
    lo, hi = df.select(lo=pl.col(MID).min(), hi=pl.col(MID).max()).row(0)
    stride = hi - lo + 1
    if (df.get_column(GID).max() + 1) * stride < 2**62:
        return df.sort(pl.col(GID) * stride + (pl.col(MID) - lo))
    return df.sort(GID, MID)


def _dedupe_at_ties(df: pl.DataFrame) -> pl.DataFrame:
    """One event per (group, midpoint): the narrowest interval, then the smallest id.

    Returned sorted by group, then midpoint. Only tied rows pay for the tie-break sort.
    """
    df = _by_group_and_time(df)
    same = (pl.col(MID) == pl.col(MID).shift(1)) & (pl.col(GID) == pl.col(GID).shift(1))
    tied = (same | same.shift(-1)).fill_null(False)
    mask = df.select(tied).to_series()
    if not mask.any():
        return df
    fixed = (
        df.filter(mask)
        .sort(GID, MID, pl.col(END) - pl.col(START), "event_id")
        .unique(subset=[GID, MID], keep="first", maintain_order=True)
    )
    return _by_group_and_time(pl.concat([df.filter(~mask), fixed]))


def pair(
    trig: pl.DataFrame,
    resp: pl.DataFrame,
    *,
    window: int,
    end: int,
    begin: int,
    direction: Direction = "following",
) -> pl.DataFrame:
    """The pairing kernel on integer microseconds (columns _gid, _mid, _start, _end, event_id).

    following: each trigger with the first response whose midpoint is >= its own;
    preceding: each response with the last trigger whose midpoint is <= its own.
    A partner further than `window` away counts as none (the trigger is censored).
    """
    following = direction == "following"
    left, right = (trig, _dedupe_at_ties(resp)) if following else (resp, _dedupe_at_ties(trig))
    other = right.select(
        GID,
        MID,
        pl.col(MID).alias("_o_mid"),
        pl.col(START).alias("_o_start"),
        pl.col(END).alias("_o_end"),
        pl.col("event_id").alias("_o_id"),
    )
    joined = _by_group_and_time(left).join_asof(
        other,
        on=MID,
        by=GID,
        strategy="forward" if following else "backward",
        check_sortedness=False,
    )
    sign = 1 if following else -1
    hit = ((pl.col("_o_mid") - pl.col(MID)) * sign <= window).fill_null(False)
    t_mid, r_mid = (MID, "_o_mid") if following else ("_o_mid", MID)
    t_start, r_start = (START, "_o_start") if following else ("_o_start", START)
    t_end, r_end = (END, "_o_end") if following else ("_o_end", END)
    t_id, r_id = ("event_id", "_o_id") if following else ("_o_id", "event_id")
    room = (pl.lit(end) - pl.col(MID)) if following else (pl.col(MID) - pl.lit(begin))
    keep = pl.when(hit)
    return joined.with_columns(
        trigger_id=keep.then(t_id) if following is False else pl.col(t_id),
        response_id=pl.col(r_id) if not following else keep.then(r_id),
        _t_mid=keep.then(t_mid) if not following else pl.col(t_mid),
        _r_mid=keep.then(r_mid) if following else pl.col(r_mid),
        lag=keep.then(pl.col(r_mid) - pl.col(t_mid)),
        lag_min=keep.then(pl.col(r_start) - pl.col(t_end)),
        lag_max=keep.then(pl.col(r_end) - pl.col(t_start)),
        censored=~hit,
        followup=pl.min_horizontal(pl.lit(window), room),
    ).select(  # only what the result needs: at 10M events every column is ~100 MB
        *[c for c in left.columns if c not in (MID, START, END, "event_id")],
        "trigger_id", "response_id", "_t_mid", "_r_mid", "lag", "lag_min", "lag_max",
        "censored", "followup",
        order_ambiguous=(pl.col("lag_min") < 0) & (pl.col("lag_max") > 0),
    )  # fmt: skip


def _sorted(out: pl.DataFrame, key: str, ident: str) -> pl.DataFrame:
    """Rows by group name, then time, then id, whatever the input order.

    The kernel already returns rows by (group id, time), and group ids follow the names:
    only rows tied on both need sorting again, by id.
    """
    same = (pl.col(GID) == pl.col(GID).shift(1)) & (pl.col(key) == pl.col(key).shift(1))
    tied = out.select(same.fill_null(False).any()).item()
    return out.sort([GID, key, ident], nulls_last=True) if tied else out


def _finish(out: pl.DataFrame, by_cols: list[str], direction: Direction) -> pl.DataFrame:
    """The declared pairs table, sorted deterministically: UTC times, Duration lags."""
    key = "_t_mid" if direction == "following" else "_r_mid"
    ident = "trigger_id" if direction == "following" else "response_id"
    return _sorted(out, key, ident).select(pair_columns(by_cols))


def pair_columns(by_cols: list[str]) -> list[pl.Expr | str]:
    """The kernel's integer output as the declared pairs columns (UTC times, Durations);
    shared with the Spark engine so both return the same table."""
    time, dur = pl.from_epoch, pl.duration
    return [
        *by_cols,
        pl.col("trigger_id").cast(pl.Utf8),
        pl.col("response_id").cast(pl.Utf8),
        time(pl.col("_t_mid"), "us").dt.replace_time_zone("UTC").alias("trigger_time"),
        time(pl.col("_r_mid"), "us").dt.replace_time_zone("UTC").alias("response_time"),
        *(dur(microseconds=pl.col(c), time_unit="us").alias(c) for c in ("lag", "lag_min")),
        dur(microseconds=pl.col("lag_max"), time_unit="us").alias("lag_max"),
        "censored",
        dur(microseconds=pl.col("followup"), time_unit="us").alias("followup"),
        pl.col("order_ambiguous").fill_null(False),
    ]
