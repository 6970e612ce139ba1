"""Lanes that read at any size: the top actors, the rest folded; stacked sub-rows; bins.

All polars expressions (no loop over events), so a million events are folded and binned
in well under a second and the chart receives bins, not rows.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from timeline.schema import KINDS

UNKNOWN = "unknown actor"
OTHER = "other actors"
SLOT_MARK = "\u2063"  # invisible separator: marks a lane's continuation rows (no label)
BIN_LADDER = (
    timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6), timedelta(days=1),
    timedelta(days=7), timedelta(days=30), timedelta(days=91), timedelta(days=365),
)  # fmt: skip


def lane_order(df: pl.DataFrame, lanes: str, max_lanes: int) -> tuple[list[str], int]:
    """The lanes to draw, busiest first (kinds in their fixed order), and how many actors
    were folded into `OTHER`. Unknown actors are their own honest lane, `UNKNOWN`."""
    if lanes == "kind":
        present = set(df.get_column("kind").cast(pl.Utf8).unique().to_list())
        return [k for k in KINDS if k in present], 0
    counts = (  # counted per distinct value first (a third of a group_by's time), then
        # per lane: a real actor named UNKNOWN and the missing ones are one lane
        df.get_column(lanes)
        .value_counts(name="len")
        .group_by(lane=pl.col(lanes).fill_null(UNKNOWN))
        .agg(pl.col("len").sum())
        .sort(["len", "lane"], descending=[True, False])
        .get_column("lane")
        .to_list()
    )
    if len(counts) <= max_lanes:
        return counts, 0
    keep = counts[: max_lanes - 1]
    return [*keep, OTHER], len(counts) - len(keep)


def lane_expr(lanes: str, order: list[str]) -> pl.Expr:
    """Each event's lane: its actor (or kind) when drawn on its own, else `OTHER`."""
    value = pl.col(lanes).cast(pl.Utf8).fill_null(UNKNOWN)
    if OTHER not in order:
        return value
    return pl.when(value.is_in(order)).then(value).otherwise(pl.lit(OTHER))


def stack_rows(df: pl.DataFrame, start: str, end: str, min_width: timedelta) -> pl.DataFrame:
    """A sub-row per event so that no two events of a lane overlap on screen.

    Events closer than `min_width` (a marker's width) count as overlapping. Two layouts are
    computed and each lane takes the one with fewer rows: runs of overlapping events
    (rows 0, 1, 2, ... per run), and size classes (an event of length <= W sits in bucket
    start // W of its class; buckets two apart cannot overlap, so odd and even buckets get
    their own rows). Adds `row` (0-based) and `slot` (the lane, or lane + row after the first).
    """
    w_us = max(int(min_width.total_seconds() * 1e6), 1_000_000)
    t0 = pl.col(start).dt.epoch("us")
    t1 = pl.max_horizontal(pl.col(end).dt.epoch("us"), t0 + w_us)
    key = [start, "event_id"]
    out = df.with_columns(_s=t0, _e=t1)
    before = pl.col("_e").cum_max().shift(1).over("lane", order_by=key)
    fresh = before.is_null() | (pl.col("_s") >= before)
    level = ((pl.col("_e") - pl.col("_s")) / w_us).log(2).ceil().clip(0).cast(pl.Int64)
    out = out.with_columns(
        _run=fresh.cum_sum().over("lane", order_by=key),
        _lvl=level,
    ).with_columns(_b=pl.col("_s") // (pl.lit(w_us) * pl.lit(2).pow(pl.col("_lvl"))))
    out = out.with_columns(
        _rc=pl.int_range(pl.len(), dtype=pl.Int64).over("lane", "_run", order_by=key),
        _rank=pl.int_range(pl.len(), dtype=pl.Int64).over("lane", "_lvl", "_b", order_by=key),
        _par=pl.col("_b") % 2,
    )
    occ = (
        out.group_by("lane", "_lvl", "_par")
        .agg(_occ=pl.col("_rank").max() + 1)
        .sort("lane", "_lvl", "_par")
        .with_columns(_off=pl.col("_occ").cum_sum().over("lane") - pl.col("_occ"))
    )
    out = out.join(occ, on=["lane", "_lvl", "_par"], how="left")
    by_runs = pl.col("_rc").max().over("lane") + 1
    sizes = occ.group_by("lane").agg(_nb=pl.col("_occ").sum())
    out = out.join(sizes, on="lane", how="left")
    row = pl.when(by_runs <= pl.col("_nb")).then(pl.col("_rc"))
    out = out.with_columns(row=row.otherwise(pl.col("_off") + pl.col("_rank")).cast(pl.Int32))
    slot = pl.when(pl.col("row") == 0).then(pl.col("lane"))
    slot = slot.otherwise(pl.format("{}{}{}", "lane", pl.lit(SLOT_MARK), pl.col("row") + 1))
    return out.with_columns(slot=slot).select(*df.columns, "row", "slot")


def slot_order(df: pl.DataFrame, order: list[str]) -> list[str]:
    """Slots in lane order, each lane's rows top to bottom."""
    rank = {lane: i for i, lane in enumerate(order)}
    rows = (
        df.group_by("lane")
        .agg(n=pl.col("row").max() + 1)
        .with_columns(r=pl.col("lane").replace_strict(rank, default=len(order)))
        .sort("r")
    )
    out = []
    for lane, n in rows.select("lane", "n").iter_rows():  # one pass per lane, not per event
        out += [lane, *(f"{lane}{SLOT_MARK}{i + 1}" for i in range(1, n))]
    return out


def bin_width(span: timedelta, max_bins_per_lane: int) -> timedelta:
    """The first ladder step that gives at most `max_bins_per_lane` bins over `span`."""
    for width in BIN_LADDER:
        if span / width <= max_bins_per_lane:
            return width
    return BIN_LADDER[-1] * (span // (BIN_LADDER[-1] * max_bins_per_lane) + 1)


def bin_counts(df: pl.DataFrame, t: str, width: timedelta) -> pl.DataFrame:
    """Events per lane and time bin: lane, start, end, count (and the kinds counted)."""
    every = f"{int(width.total_seconds())}s"
    return (
        df.group_by("lane", start=pl.col(t).dt.truncate(every))
        .agg(count=pl.len(), kinds=pl.col("kind").unique().sort().cast(pl.Utf8).str.join(", "))
        .with_columns(end=pl.col("start") + width)
        .sort("lane", "start")
    )


def width_text(width: timedelta) -> str:
    hours = width.total_seconds() / 3600
    if hours < 1:
        return f"{hours * 60:g} min"
    return f"{hours:g} h" if hours < 24 else f"{hours / 24:g} d"
