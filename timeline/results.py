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
    """A column people see: `column` with its `<column>_low`/`_high` interval if declared.

    `short` columns make the compact views (CLI, brief); all make the dashboard table.
    """

    label: str
    column: str
    short: bool = False


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


def _interval(name: str, doc: str, missing: str, how: str) -> tuple[Field, ...]:
    return (
        Field(name, DURATION, "duration", doc, missing),
        Field(f"{name}_low", DURATION, "duration", f"lower bound of the {how} interval", missing),
        Field(f"{name}_high", DURATION, "duration", f"upper bound of the {how} interval", missing),
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
    "tl.lag_summary: one row (per group with by=). Lag quantiles describe followed triggers "
    "only; the Kaplan-Meier/Turnbull median uses every trigger, censored ones included.",
    (
        Field("n_triggers", pl.Int64, "count", "triggers (rows of the pairs)"),
        Field("n_followed", pl.Int64, "count", "triggers with a response in the window"),
        Field("n_censored", pl.Int64, "count", "triggers without one (censored)"),
        Field("n_ambiguous", pl.Int64, "count", "pairs whose order is unknown"),
        Field("hit_rate", pl.Float64, "share", "n_followed / n_triggers"),
        Field("hit_rate_low", pl.Float64, "share", "lower bound of the Wilson interval"),
        Field("hit_rate_high", pl.Float64, "share", "upper bound of the Wilson interval"),
        *(
            f
            for name, q in _QUANTILES.items()
            for f in _interval(name, f"{q:.0%} quantile of the followed lags", "", "bootstrap")
        ),
        *_interval("mean", "mean of the followed lags", "", "bootstrap"),
        *_interval(
            "km_median",
            "time by which half the triggers had a response, censoring respected",
            "not reached",
            "confidence",
        ),
        Field("km_method", pl.Utf8, "", "kaplan-meier, or turnbull when lags are intervals"),
    ),
    (
        Show("median lag [95% CI]", "median", short=True),
        Show("hit rate [95% CI]", "hit_rate", short=True),
        Show("triggers", "n_triggers", short=True),
        Show("followed", "n_followed", short=True),
        Show("censored", "n_censored"),
        Show("order unknown", "n_ambiguous"),
        Show("p10", "p10"),
        Show("p25", "p25"),
        Show("p75", "p75"),
        Show("p90", "p90"),
        Show("KM median [95% CI]", "km_median", short=True),
    ),
)

SURVIVAL = Table(
    "survival",
    "tl.survival: the step curve of the share of triggers not yet followed.",
    (
        Field("time", DURATION, "duration", "time since the trigger"),
        Field("survival", pl.Float64, "share", "share of triggers still without a response"),
        Field("lower", pl.Float64, "share", "lower confidence band"),
        Field("upper", pl.Float64, "share", "upper confidence band"),
        Field("at_risk", pl.Float64, "count", "triggers still watched and not followed"),
        Field("events", pl.Float64, "count", "responses at this time"),
        Field("censored", pl.Float64, "count", "triggers censored at this time"),
        Field("method", pl.Utf8, "", "kaplan-meier or turnbull"),
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
        Field("warning_to_attack", DURATION, "duration", "first warning -> first attack after"),
        Field("attack_to_claim", DURATION, "duration", "last attack -> first claim after"),
        Field("event_ids", pl.List(pl.Utf8), "", "the episode's events in time order"),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (PAIRS, SUMMARY, SURVIVAL, BASELINE, EPISODES)}


def describe(name: str) -> str:
    """A declared result table as Markdown (e.g. describe("summary"))."""
    return TABLES[name].describe()
