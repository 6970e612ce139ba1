"""`timeline.spark.lags` returns what `tl.lags` returns, row for row.

Spark jobs take seconds each, so hypothesis draws few streams; each is checked in both
directions, by group and pooled (`by=None`, cut into time buckets narrower than the span
so that partners cross bucket edges).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import timeline as tl
from timeline.errors import TimelineError

EPOCH_US = int(datetime(2014, 1, 1, tzinfo=UTC).timestamp()) * 1_000_000
MIN = 60_000_000
WIDTHS = (0, 0, 0, 1, 30 * MIN, 24 * 60 * MIN)  # exact, a microsecond, half an hour, a day
DDL = (
    "event_id string, kind string, actor string, channel string, t_start timestamp, t_end timestamp"
)


@st.composite
def streams(draw) -> pl.DataFrame:
    n = draw(st.integers(1, 40))
    starts = [
        # a 30-minute grid: ties and partners exactly on the window's edge are common
        EPOCH_US + draw(st.integers(0, 96)) * 30 * MIN + draw(st.sampled_from((0, 0, 1)))
        for _ in range(n)
    ]
    widths = [draw(st.sampled_from(WIDTHS)) for _ in range(n)]
    t = pl.Datetime("us", "UTC")
    return pl.DataFrame(
        {
            "event_id": [f"e{i:02d}" for i in range(n)],
            "kind": [draw(st.sampled_from(("warning", "attack", "claim"))) for _ in range(n)],
            "actor": [draw(st.sampled_from(("A", "B", "C", None))) for _ in range(n)],
            "channel": [draw(st.sampled_from(("audio", "video"))) for _ in range(n)],
            "t_start": pl.Series(starts, dtype=pl.Int64).cast(t),
            "t_end": pl.Series([s + w for s, w in zip(starts, widths, strict=True)]).cast(t),
        }
    )


def on_spark(spark, frame: pl.DataFrame):
    cols = [c.split()[0] for c in DDL.split(", ")]
    return spark.createDataFrame(frame.select(cols).to_pandas(), schema=DDL)


def ordered(frame: pl.DataFrame, by: list[str], direction: str) -> pl.DataFrame:
    key = ["trigger_time", "trigger_id"] if direction == "following" else [
        "response_time", "response_id"]  # fmt: skip
    return frame.sort([*by, *key], nulls_last=True)


def assert_same(spark, events: pl.DataFrame, **options) -> int:
    from timeline.spark import lags

    by = options.get("by", "actor")
    by_cols = [] if by is None else [by]
    direction = options.get("direction", "following")
    single = {k: v for k, v in options.items() if k != "buckets"}
    want = pl.from_pandas(tl.lags(events, **single))
    got = pl.from_arrow(lags(on_spark(spark, events), **options).toArrow())
    assert got.columns == want.columns
    assert ordered(got, by_cols, direction).equals(ordered(want, by_cols, direction))
    return want.height


# no shrinking: each step would cost Spark jobs; the failing example is printed as drawn
@settings(max_examples=3, deadline=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=list(HealthCheck))  # fmt: skip
@given(events=streams(), within=st.sampled_from((30, 120, 600)), cut=st.booleans())
def test_same_rows_as_tl_lags(spark, events, within, cut):
    until = datetime(2014, 1, 2, 12, tzinfo=UTC) if cut else None
    for by in ("actor", None):
        for direction in ("following", "preceding"):
            assert_same(
                spark, events, trigger="warning", response="attack", within=f"{within}min",
                by=by, direction=direction, until=until,
                **({"buckets": 5} if by is None else {}),
            )  # fmt: skip


def test_generated_stream_with_vague_times(spark):
    """Several groups, day-precision events (order unknown), censoring at the end."""
    from timeline import synth

    events = synth.generate(n_groups=6, days=120, vague_share=0.4, seed=3).events
    n = assert_same(spark, events, trigger="warning", response="attack", within="3d")
    assert n > 50
    assert_same(spark, events, trigger="attack", response="claim", within="1d", by=None,
                direction="preceding", buckets=7)  # fmt: skip


def test_selector_errors_are_the_same(spark):
    from timeline.spark import lags

    events = pl.DataFrame(
        {
            "event_id": ["a"],
            "kind": ["warning"],
            "actor": ["A"],
            "channel": ["audio"],
            "t_start": [datetime(2014, 1, 1, tzinfo=UTC)],
        }
    ).with_columns(t_end=pl.col("t_start") + timedelta(hours=1))
    df = on_spark(spark, events)
    with pytest.raises(TimelineError, match="not in the vocabulary"):
        lags(df, trigger="warnings")
    with pytest.raises(TimelineError, match="match both"):
        lags(df, trigger="warning", response={"channel": "audio"})
