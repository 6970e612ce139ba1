"""The result tables, declared once beside the event table: pairs, summary, survival curve,
baseline result, episodes.

Each column has a dtype, a unit and a one-line doc; durations are one type (polars
`Duration("us")`, a pandas Timedelta at the pandas edge) and a missing value means what
the column's `missing` says. Docs (`describe`), empty frames, column order and the columns
each front end shows (`Table.display`) all derive from these declarations: a new statistic
is one `Field` here plus its computation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from timeline.schema import KINDS, UTC_TIME

DURATION = pl.Duration("us")
UNITS = {
    "duration": "a duration (polars Duration / pandas Timedelta)",
    "share": "a share in [0, 1]",
    "count": "a count",
    "time": "a UTC time",
    "": "",
}


@dataclass(frozen=True)
class Field:
    """One declared column."""

    name: str
    dtype: pl.DataType
    unit: str
    doc: str
    missing: str = ""  # what a null means, as shown to people ("" = nothing to show)


@dataclass(frozen=True)
class Show:
    """A column people see: `column` with what the data allow (`<column>_min`/`_max`) and
    its interval (`<column>_low`/`_high`) where declared.

    `short` columns make the compact views (CLI, brief); all make the dashboard table.
    """

    label: str
    column: str
    short: bool = False
    method: str = ""  # a column naming the estimator, shown after the figure


@dataclass(frozen=True)
class Table:
    """A declared result table; `by` group columns (if any) come first, as the user named them."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    display: tuple[Show, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def schema(self) -> dict[str, pl.DataType]:
        return {f.name: f.dtype for f in self.fields}

    def empty(self) -> pl.DataFrame:
        """No rows, the declared dtypes."""
        return pl.DataFrame(schema=self.schema())

    def frame(self, rows: Sequence[dict], by: pl.DataFrame | None = None) -> pl.DataFrame:
        """Rows (dicts of declared columns) as a frame in declared order and dtypes, with
        the group keys `by` (one row per row) in front."""
        body = pl.DataFrame(list(rows), schema=self.schema()) if rows else self.empty()
        return pl.concat([by, body], how="horizontal") if by is not None else body

    def columns(self, *, short: bool = False) -> list[Show]:
        """The display columns in declared order (only the `short` ones if asked)."""
        return [s for s in self.display if s.short or not short]

    def describe(self) -> str:
        """The table as Markdown: column, type, unit, meaning."""
        rows = [f"{self.doc}\n", "| column | type | unit | meaning |", "|---|---|---|---|"]
        for f in self.fields:
            missing = f" (missing: {f.missing})" if f.missing else ""
            rows.append(f"| {f.name} | {f.dtype} | {f.unit} | {f.doc}{missing} |")
        return "\n".join(rows)


def _figure(name: str, doc: str, unit: str, missing: str = "") -> tuple[Field, ...]:
    """A figure with what the data allow (`_min`, `_max`) and its interval (`_low`, `_high`).

    `name` itself is set only where `_min` and `_max` meet (exact data) for durations; for
    shares it is the estimate (docs/statistics.md).
    """
    dtype = DURATION if unit == "duration" else pl.Float64
    point = "set only where _min and _max meet" if unit == "duration" else "the estimate"
    return (
        Field(name, dtype, unit, f"{doc} ({point})", missing),
        Field(f"{name}_min", dtype, unit, "lowest value the data allow", missing),
        Field(f"{name}_max", dtype, unit, "highest value the data allow", missing),
        Field(f"{name}_low", dtype, unit, "lower end of the confidence interval", missing),
        Field(f"{name}_high", dtype, unit, "upper end of the confidence interval", missing),
    )


_QUANTILES = {"p10": 0.10, "p25": 0.25, "median": 0.50, "p75": 0.75, "p90": 0.90}

PAIRS = Table(
    "pairs",
    "tl.lags: one row per trigger (per response with direction='preceding').",
    (
        Field("trigger_id", pl.Utf8, "", "the trigger event; empty when none preceded"),
        Field("response_id", pl.Utf8, "", "the response event; empty when censored"),
        Field("trigger_time", UTC_TIME, "time", "the trigger's midpoint"),
        Field("response_time", UTC_TIME, "time", "the response's midpoint"),
        Field("lag", DURATION, "duration", "response midpoint - trigger midpoint"),
        Field("lag_min", DURATION, "duration", "response start - trigger end (shortest lag)"),
        Field("lag_max", DURATION, "duration", "response end - trigger start (longest lag)"),
        Field("censored", pl.Boolean, "", "no response within the window or before the end"),
        Field("followup", DURATION, "duration", "how long the trigger was watched"),
        Field("order_ambiguous", pl.Boolean, "", "the two intervals overlap: order unknown"),
    ),
)

SUMMARY = Table(
    "summary",
    "tl.lag_summary: one row (per group with by=). Hit rate and the median time to response "
    "use every trigger, censored ones included; lag quantiles describe the followed "
    "triggers seen for the whole window. Order-unknown pairs give bounds (_min/_max), "
    "never a lag of 0 (docs/statistics.md).",
    (
        Field("n_triggers", pl.Int64, "count", "triggers (rows of the pairs)"),
        Field("n_followed", pl.Int64, "count", "triggers with a response in the window"),
        Field("n_censored", pl.Int64, "count", "triggers without one (censored)"),
        Field("n_ambiguous", pl.Int64, "count", "followed pairs whose order is unknown"),
        Field("n_complete", pl.Int64, "count", "followed triggers seen for the whole window"),
        Field("window", DURATION, "duration", "the window of P(response within window)"),
        *_figure("hit_rate", "raw share followed / triggers; order unknown: bounds", "share"),
        *_figure("p_within", "P(response within the window) = 1 - S(window)", "share"),
        *(
            f
            for name, q in _QUANTILES.items()
            for f in _figure(name, f"{q:.0%} quantile of the followed lags", "duration")
        ),
        *_figure(
            "km_median",
            "time by which half the triggers had a response, censoring respected",
            "duration",
            "not reached",
        ),
        Field("km_method", pl.Utf8, "", "kaplan-meier, or turnbull when lags are intervals"),
        Field("lag_method", pl.Utf8, "", "estimator and interval of the lag quantiles"),
        Field("interval", pl.Utf8, "", "how the hit-rate and time intervals were computed"),
    ),
    (
        Show("median lag [95% CI]", "median", short=True),
        Show("hit rate [95% CI]", "hit_rate", short=True),
        Show("P(response within window) [95% CI]", "p_within", short=True),
        Show("median time to response [95% CI]", "km_median", short=True, method="km_method"),
        Show("triggers", "n_triggers", short=True),
        Show("followed", "n_followed", short=True),
        Show("order unknown", "n_ambiguous", short=True),
        Show("censored", "n_censored"),
        Show("p10", "p10"),
        Show("p25", "p25"),
        Show("p75", "p75"),
        Show("p90", "p90"),
        Show("CI method", "interval"),
    ),
)

SURVIVAL = Table(
    "survival",
    "tl.survival: the share of triggers not yet followed, from 0 to the window: the "
    "estimate lag_summary reports, what the data allow, and its bootstrap band.",
    (
        Field("time", DURATION, "duration", "time since the trigger"),
        Field("survival", pl.Float64, "share", "share of triggers still without a response"),
        Field("survival_min", pl.Float64, "share", "lowest share the data allow"),
        Field("survival_max", pl.Float64, "share", "highest share the data allow"),
        Field("lower", pl.Float64, "share", "lower confidence band"),
        Field("upper", pl.Float64, "share", "upper confidence band"),
        Field("at_risk", pl.Float64, "count", "triggers still watched and not followed"),
        Field("events", pl.Float64, "count", "responses at this time"),
        Field("censored", pl.Float64, "count", "triggers censored at this time"),
        Field("method", pl.Utf8, "", "kaplan-meier, or turnbull when lags are intervals"),
    ),
)

BASELINE = Table(
    "baseline",
    "tl.baseline_test(...).to_frame(): observed against chance hit rate.",
    (
        Field("n_triggers", pl.Int64, "count", "triggers tested"),
        Field("n_hits", pl.Int64, "count", "triggers with a response in the window"),
        Field("observed", pl.Float64, "share", "observed hit rate"),
        Field("expected", pl.Float64, "share", "mean hit rate under the null"),
        Field("lift", pl.Float64, "", "observed / expected", "n/a"),
        Field("p_value", pl.Float64, "share", "permutation p-value"),
        Field("n_permutations", pl.Int64, "count", "random draws"),
        Field("method", pl.Utf8, "", "block, uniform or circular"),
        Field("null_model", pl.Utf8, "", "the null the p-value is computed under, in words"),
        Field("within", DURATION, "duration", "the window"),
        Field("block", DURATION, "duration", "the block length of the block null", "n/a"),
        Field("n_excluded", pl.Int64, "count", "triggers seen for less than the window"),
        Field("seed", pl.Int64, "", "random seed"),
    ),
)


def _lag(name: str, doc: str) -> tuple[Field, ...]:
    """An episode lag: the bounds its two events' intervals allow, the value where exact."""
    return (
        Field(name, DURATION, "duration", f"{doc} (set only where the times are exact)"),
        Field(f"{name}_min", DURATION, "duration", "shortest lag the two intervals allow"),
        Field(f"{name}_max", DURATION, "duration", "longest lag the two intervals allow"),
        Field(f"{name}_order_unknown", pl.Boolean, "", "the intervals overlap: order unknown"),
    )


EPISODES = Table(
    "episodes",
    "tl.episodes: one row per chain of events with every gap under `gap`.",
    (
        Field("episode", pl.Int64, "", "episode number, in time order"),
        Field("start", UTC_TIME, "time", "start of its first event"),
        Field("end", UTC_TIME, "time", "end of its last event"),
        Field("span", DURATION, "duration", "end - start"),
        Field("n_events", pl.Int64, "count", "events in the episode"),
        *(Field(f"n_{k}", pl.Int64, "count", f"{k} events") for k in KINDS),
        *_lag("warning_to_attack", "first warning -> first attack at or after it"),
        *_lag("attack_to_claim", "last attack -> first claim at or after it"),
        Field("event_ids", pl.List(pl.Utf8), "", "the episode's events in time order"),
    ),
    (
        Show("episode", "episode"),
        Show("start", "start"),
        Show("span", "span"),
        Show("events", "n_events"),
        *(Show(k, f"n_{k}") for k in KINDS),
        Show("warning -> attack", "warning_to_attack"),
        Show("attack -> claim", "attack_to_claim"),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (PAIRS, SUMMARY, SURVIVAL, BASELINE, EPISODES)}


def describe(name: str) -> str:
    """A declared result table as Markdown (e.g. describe("summary"))."""
    return TABLES[name].describe()
