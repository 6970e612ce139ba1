"""Episodes: chains of a group's events with every gap (between midpoints) under `gap`.

Each episode reports its span, how many events of each kind it holds, the lag from its
first warning to the first attack at or after it, and from its last attack to the first
claim at or after that. All polars: a sort, a diff over the group, a cumulative sum.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from timeline.analysis.durations import Duration, to_us
from timeline.analysis.frames import END, GID, MID, START, by_columns, with_points
from timeline.frames import to_polars
from timeline.results import EPISODES
from timeline.schema import KINDS


def _first(kind: str, after: pl.Expr | None = None) -> pl.Expr:
    cond = pl.col("kind") == kind  # the Enum compared as it is: a cast to text cost ~0.2 s
    if after is not None:
        cond = cond & (pl.col(MID) >= after)
    return pl.col(MID).filter(cond).min()


def episodes(
    events: pl.DataFrame,
    gap: Duration = "3d",
    *,
    by: str | Sequence[str] | None = "actor",
) -> pl.DataFrame:
    """One row per episode; a gap of `gap` or more between events starts a new one.

    `event_ids` lists the episode's events in time order, to chart or filter them.
    """
    df = to_polars(events, need=("event_id", "kind", "t_start"))
    cols = by_columns(by, df.columns)
    limit = to_us(gap, name="gap")
    pts = with_points(df.select("event_id", "kind", "t_start", "t_end", *cols), cols)
    new_group = pl.col(GID).diff().fill_null(1) != 0
    pts = _in_time_order(pts).with_columns(  # numbered in row order: sorted, and said so
        episode=(new_group | (pl.col(MID).diff() >= limit)).cum_sum().set_sorted()
    )
    is_kind = pl.col("kind")  # canonical: an Enum, compared with words as it is
    warn = _first("warning").over("episode")
    last_attack = pl.col(MID).filter(is_kind == "attack").max().over("episode")
    pts = pts.with_columns(_w=warn, _la=last_attack)
    agg = _aggregate(pts, cols, is_kind)
    for lag in (_lag(pts, "warning_to_attack", "warning", "attack", "_w"),
                _lag(pts, "attack_to_claim", "attack", "claim", "_la")):  # fmt: skip
        agg = agg.join(lag, on="episode", how="left")
    lags = [f"{n}{s}" for n in ("warning_to_attack", "attack_to_claim") for s in _PARTS]
    out = agg.sort("episode").select(
        *cols,
        "episode",
        "start",
        "end",
        (pl.col("end") - pl.col("start")).alias("span"),
        "n_events",
        *(f"n_{k}" for k in KINDS),
        *lags,
        "event_ids",
    )
    return out.with_columns(pl.col(n).cast(t) for n, t in EPISODES.schema().items())


_PARTS = ("", "_min", "_max", "_order_unknown")


def _in_time_order(pts: pl.DataFrame) -> pl.DataFrame:
    """Rows by group, midpoint, then event id.

    Sorting on the string id was most of the cost on 1M events, and is seldom needed: a
    stable sort on one integer key (group x span + midpoint) keeps the input's order among
    equal keys, and a store read (by time, then id) has them in id order already. Only the
    runs of equal keys left out of id order are sorted by id. Three keys where that key
    would overflow, or where an id is missing."""
    if pts.is_empty():
        return pts
    lo, hi = pts.get_column(MID).min(), pts.get_column(MID).max()
    span = hi - lo + 1
    ids = pts.get_column("event_id")
    if (pts.get_column(GID).max() + 1) * span >= 2**62 or ids.null_count():
        return pts.sort(GID, MID, "event_id")
    out = pts.with_columns(_key=pl.col(GID) * span + (pl.col(MID) - lo)).sort(
        "_key", maintain_order=True
    )
    ids, keys = out.get_column("event_id"), out.get_column("_key")
    tie = (keys == keys.shift(1)).fill_null(False)
    unordered = tie & (ids < ids.shift(1)).fill_null(False)
    if unordered.any():
        out = _ids_in_order(out, tie, unordered)
    return out.drop("_key")


def _ids_in_order(out: pl.DataFrame, tie: pl.Series, unordered: pl.Series) -> pl.DataFrame:
    """`out` (sorted by `_key`) with each run of equal keys that holds an `unordered` row
    sorted by event id, in the places that run already holds."""
    run = (~tie).cum_sum()
    mask = run.is_in(run.filter(unordered).unique().implode())
    rows = pl.int_range(out.height, eager=True, dtype=pl.UInt32)
    runs = out.with_row_index("_row").filter(mask)
    places = runs.get_column("_row")  # ascending: each run's rows are contiguous
    order = runs.sort("_key", "event_id").get_column("_row")
    return out[rows.scatter(places, order)]


def _aggregate(pts: pl.DataFrame, cols: list[str], is_kind: pl.Expr) -> pl.DataFrame:
    """Per episode: span, members, counts per kind and the two lags."""
    return pts.group_by("episode").agg(
        *(pl.col(c).first() for c in cols),
        pl.col("t_start").min().alias("start"),
        pl.col("t_end").max().alias("end"),
        pl.len().alias("n_events"),
        pl.col("event_id").alias("event_ids"),
        *((is_kind == k).sum().alias(f"n_{k}") for k in KINDS),
    )


def _lag(pts: pl.DataFrame, name: str, first: str, then: str, at: str) -> pl.DataFrame:
    """Per episode, from the `first` event at midpoint `at` to the first `then` at or after
    it: the bounds its intervals allow, the value only where both are exact, and order
    unknown where the intervals overlap (DESIGN.md, "Lags": never a lag of 0 from a shared
    day). Plain filters and first-of-group joins: rows are in time order per episode."""
    src = (
        pts.filter((pl.col("kind") == first) & (pl.col(MID) == pl.col(at)))
        .group_by("episode", maintain_order=True)
        .agg(s_start=pl.col(START).first(), s_end=pl.col(END).first())
    )
    dst = (
        pts.filter((pl.col("kind") == then) & (pl.col(MID) >= pl.col(at)))
        .group_by("episode", maintain_order=True)
        .agg(d_start=pl.col(START).first(), d_end=pl.col(END).first())
    )
    lo, hi = pl.col("d_start") - pl.col("s_end"), pl.col("d_end") - pl.col("s_start")
    dur = lambda e: pl.duration(microseconds=e, time_unit="us")  # noqa: E731
    return src.join(dst, on="episode", how="inner").select(
        "episode",
        dur(pl.when(lo == hi).then(lo)).alias(name),
        dur(lo).alias(f"{name}_min"),
        dur(hi).alias(f"{name}_max"),
        ((lo < 0) & (hi > 0)).alias(f"{name}_order_unknown"),
    )
