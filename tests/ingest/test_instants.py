"""The day-offset conversion against the distinct-time one it replaces (an independent path)."""

from __future__ import annotations

from datetime import datetime, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.ingest.instants import utc_intervals
from timeline.timeexpr.vector import intervals

ZONES = ["Africa/Cairo", "Europe/Madrid", "America/New_York", "Australia/Lord_Howe",
         "Pacific/Apia", "Asia/Kathmandu", "UTC", None]  # fmt: skip
PRECISIONS = ["minute", "hour", "day", "week", "month", "year"]
# near transitions: DST starts and ends, Apia's skipped day, Cairo's midnight gap, 1900s
DAYS = [datetime(2014, 5, 15), datetime(2014, 9, 25), datetime(2011, 12, 29),  # noqa: DTZ001
        datetime(2014, 3, 30), datetime(2014, 10, 26), datetime(2014, 11, 2),  # noqa: DTZ001
        datetime(2014, 3, 9), datetime(1902, 1, 1), datetime(1986, 1, 1),  # noqa: DTZ001
        datetime(2014, 4, 6), datetime(2014, 10, 5)]  # noqa: DTZ001  # fmt: skip

rows = st.tuples(
    st.sampled_from(DAYS),
    st.integers(-2 * 1440, 2 * 1440),
    st.sampled_from(ZONES),
    st.sampled_from(PRECISIONS),
    st.none() | st.integers(0, 3 * 1440),
)


def _frame(drawn) -> pl.DataFrame:
    starts = [day + timedelta(minutes=m) for day, m, *_ in drawn]
    ends = [None if e is None else s + timedelta(minutes=e)
            for s, (*_, e) in zip(starts, drawn, strict=True)]  # fmt: skip
    return pl.DataFrame(
        {"local_start": starts, "local_end": ends, "tz": [r[2] for r in drawn],
         "precision": [r[3] for r in drawn]},
        schema={"local_start": pl.Datetime("us"), "local_end": pl.Datetime("us"),
                "tz": pl.Utf8, "precision": pl.Utf8},
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(rows, min_size=1, max_size=40))
def test_day_offsets_give_the_exact_instants(drawn):
    df = _frame(drawn)
    options = {"start": "local_start", "end": "local_end", "precision": "precision", "zone": "tz"}
    fast, exact = utc_intervals(df, **options), intervals(df, **options)
    assert fast.get_column("t_start").to_list() == exact.get_column("t_start").to_list()
    assert fast.get_column("t_end").to_list() == exact.get_column("t_end").to_list()


def test_a_clock_time_in_a_gap_is_null_and_a_day_starting_in_one_starts_after_it():
    df = pl.DataFrame(
        {"local_start": [datetime(2014, 3, 30, 2, 30), datetime(2014, 5, 16)],  # noqa: DTZ001
         "tz": ["Europe/Madrid", "Africa/Cairo"], "precision": ["minute", "day"]},
        schema={"local_start": pl.Datetime("us"), "tz": pl.Utf8, "precision": pl.Utf8},
    )  # fmt: skip
    out = utc_intervals(df, start="local_start", precision="precision", zone="tz")
    assert out.get_column("t_start")[0] is None
    assert out.get_column("t_start")[1].isoformat() == "2014-05-15T22:00:00+00:00"  # 01:00 EEST
    assert out.get_column("t_end")[1].isoformat() == "2014-05-16T21:00:00+00:00"
