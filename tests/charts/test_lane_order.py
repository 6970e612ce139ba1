"""Lane order: busiest first (ties by name), missing actors and an actor named like their lane
counted as one lane, the rest folded into "other actors"."""

import polars as pl

from timeline.charts.lanes import OTHER, UNKNOWN, lane_order


def _frame(actors: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame({"actor": actors}, schema={"actor": pl.Utf8})


def test_busiest_first_ties_by_name_and_missing_actors_in_one_lane():
    # b x3, unknown: 2 missing + 1 named so = 3 (tied with b: by name "b" < "unknown actor")
    frame = _frame(["b", None, "a", "b", UNKNOWN, "c", "b", None, "a"])
    assert lane_order(frame, "actor", 12) == (["b", UNKNOWN, "a", "c"], 0)


def test_lanes_past_the_limit_fold_into_other_actors():
    frame = _frame(["d"] * 4 + ["c"] * 3 + ["b"] * 2 + ["a"])
    assert lane_order(frame, "actor", 3) == (["d", "c", OTHER], 2)
    assert lane_order(frame.clear(), "actor", 3) == ([], 0)
