"""Seeded event streams with known truth, for tests, benchmarks and demos.

Per group: warnings arrive as a Poisson process; each is followed by an attack with
probability `p_follow` after a lognormal lag (median `lag_median`); background attacks
arrive at their own rate, unrelated to warnings; each attack is claimed with probability
`p_claim` after a lognormal delay. A share of events can be given day precision (vague
times, like GDELT/ACLED rows). Everything is numpy-vectorized.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

import numpy as np
import polars as pl

from timeline.analysis.durations import Duration, to_us
from timeline.schema import validate

if TYPE_CHECKING:
    import pandas as pd

DAY_US = 86_400_000_000
MIN_US = 60_000_000
_SUBTYPES = np.array(["car_bomb", "ied", "shooting", "rocket", "armed_assault"])


@dataclass(frozen=True, repr=False)
class Synth:
    """A generated stream: `events` (canonical table) and `truth` (attack -> warning), both
    polars, or pandas with output="pandas"."""

    events: pl.DataFrame | pd.DataFrame
    truth: pl.DataFrame | pd.DataFrame
    true_lag_median: timedelta
    p_follow: float
    params: dict

    def __repr__(self) -> str:
        return (
            f"Synth({len(self.events)} events, {len(self.truth)} attacks caused by warnings, "
            f"true lag median {self.true_lag_median}, p_follow {self.p_follow})"
        )


def _poisson_times(rng, rate_per_day: float, n_groups: int, span_us: int):
    counts = rng.poisson(rate_per_day * span_us / DAY_US, size=n_groups)
    group = np.repeat(np.arange(n_groups), counts)
    return group, rng.integers(0, span_us, size=group.size)


def generate(
    *,
    n_groups: int = 5,
    days: float = 365,
    warning_rate: float = 0.1,
    p_follow: float = 0.6,
    lag_median: Duration = "12h",
    lag_sigma: float = 0.8,
    background_rate: float = 0.05,
    p_claim: float = 0.5,
    claim_lag_median: Duration = "6h",
    claim_lag_sigma: float = 0.7,
    vague_share: float = 0.0,
    start: datetime = datetime(2014, 1, 1, tzinfo=UTC),
    seed: int = 0,
    output: Literal["pandas", "polars"] = "polars",
) -> Synth:
    """A reproducible stream; rates are events per group per day."""
    rng = np.random.default_rng(seed)
    span = int(days * DAY_US)
    wg, wt = _poisson_times(rng, warning_rate, n_groups, span)
    followed = rng.random(wg.size) < p_follow
    lag = np.exp(np.log(to_us(lag_median)) + lag_sigma * rng.standard_normal(wg.size))
    cg, ct = wg[followed], wt[followed] + lag[followed].astype(np.int64)
    bg, bt = _poisson_times(rng, background_rate, n_groups, span)
    ag, at = np.concatenate([cg, bg]), np.concatenate([ct, bt])
    claimed = rng.random(ag.size) < p_claim
    clag = np.exp(np.log(to_us(claim_lag_median)) + claim_lag_sigma * rng.standard_normal(ag.size))
    kg, kt = ag[claimed], at[claimed] + clag[claimed].astype(np.int64)
    kind = np.repeat(["warning", "attack", "claim"], [wg.size, ag.size, kg.size])
    group = np.concatenate([wg, ag, kg])
    t = np.concatenate([wt, at, kt]) // MIN_US * MIN_US  # minute precision
    ids = np.char.add("syn-", np.char.zfill(np.arange(t.size).astype(str), 7))
    w_ids = ids[: wg.size]
    a_ids = ids[wg.size : wg.size + ag.size]
    truth = pl.DataFrame(
        {
            "attack_id": a_ids[: cg.size],
            "warning_id": w_ids[followed],
            "true_lag": pl.Series(lag[followed].astype(np.int64)).cast(pl.Duration("us")),
        }
    )
    events = _table(rng, ids, kind, group, t, vague_share, start)
    params = {k: v for k, v in locals().items() if k in generate.__kwdefaults__}
    from timeline.api import frame

    return Synth(
        events=frame(events, output=output),
        truth=frame(truth, output=output),
        true_lag_median=timedelta(microseconds=to_us(lag_median)),
        p_follow=p_follow,
        params=params,
    )


def _table(rng, ids, kind, group, t, vague_share, start) -> pl.DataFrame:
    vague = rng.random(t.size) < vague_share
    t_start = np.where(vague, t // DAY_US * DAY_US, t)
    t_end = np.where(vague, t_start + DAY_US, t_start)
    epoch0 = int(start.timestamp()) * 1_000_000
    subtype = pl.Series(rng.choice(_SUBTYPES, size=t.size))
    channel = pl.Series(rng.choice(["audio", "video"], size=t.size))
    time = pl.Datetime("us", "UTC")
    df = pl.DataFrame(
        {
            "event_id": ids,
            "kind": kind,
            "subtype": subtype,
            "channel": channel,
            "t_start": pl.Series(epoch0 + t_start).cast(time),
            "t_end": pl.Series(epoch0 + t_end).cast(time),
            "precision": np.where(vague, "day", "minute"),
            "tz": "UTC",
            "actor": np.char.add("group-", np.char.zfill(group.astype(str), 4)),
            "source": "synth",
            "confidence": 1.0,
        }
    )
    k = pl.col("kind")
    df = df.with_columns(
        subtype=pl.when(k == "attack").then("subtype"),
        channel=pl.when(k == "warning").then("channel").when(k == "claim").then(pl.lit("forum")),
    )
    return validate(df.sort("t_start", "event_id"), source="timeline.synth")
