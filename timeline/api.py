"""The public face of `tl.*`: pandas or polars in, pandas out by default, polars on request.

Every function here is a thin wrapper: the work is done on polars inside the package
(`timeline.analysis`, `timeline.ingest`), and the result leaves through one boundary
(`timeline.frames.to_pandas`). Pass `output="polars"` to any of them to get the polars
frame as computed, with no conversion:

    pairs = tl.lags(events, "warning", "attack", "7d", output="polars")
    summary = tl.lag_summary(pairs, output="polars")

Columns of every result are declared in `timeline.results` (`tl.schema.describe("summary")`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from timeline.errors import TimelineError
from timeline.frames import to_pandas

if TYPE_CHECKING:
    import pandas as pd

    from timeline.analysis.baseline import BaselineResult, Method
    from timeline.analysis.durations import Duration
    from timeline.analysis.pairing import Direction
    from timeline.ingest import OnError, Progress
    from timeline.ingest.report import IngestReport

Output = Literal["pandas", "polars"]


def _out(
    frame: pl.DataFrame, output: Output, *, arrow_strings: bool = False, **attrs: Any
) -> pd.DataFrame | pl.DataFrame:
    """`frame` as the caller asked: polars as is, or pandas (with `attrs` set on it)."""
    if output == "polars":
        return frame
    if output != "pandas":
        raise TimelineError(f"output={output!r} is unknown. Hint: use 'pandas' or 'polars'.")
    out = to_pandas(frame, arrow_strings=arrow_strings)
    out.attrs.update(attrs)
    return out


def lags(
    events: pd.DataFrame | pl.DataFrame | pl.LazyFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: Duration = "7d",
    *,
    by: str | Sequence[str] | None = "actor",
    direction: Direction = "following",
    until: datetime | str | None = None,
    output: Output = "pandas",
) -> pd.DataFrame | pl.DataFrame:
    """One row per trigger (per response with direction="preceding") with its lag.

    Unfollowed triggers stay as censored rows. `trigger`/`response` take a kind, a list of
    kinds, a dict or a `Select`. Columns: `timeline.results.PAIRS` after the `by` keys.
    """
    from timeline.analysis.pairing import lags as compute

    pairs = compute(events, trigger, response, within, by=by, direction=direction, until=until)
    keys = [by] if isinstance(by, str) else list(by or [])
    return _out(pairs, output, arrow_strings=True, direction=direction, by=keys, within=within)


def lag_summary(
    pairs: pd.DataFrame | pl.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    within: Duration | None = None,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
    output: Output = "pandas",
) -> pd.DataFrame | pl.DataFrame:
    """Counts, hit rate, P(response within the window), lag quantiles and the median time
    to response, each as what the data allow plus an interval; one row, or one per group.

    `within`: the pairing window (default: the one `tl.lags` used, else the longest
    follow-up). Columns: `timeline.results.SUMMARY`; semantics: docs/statistics.md.
    """
    from timeline.analysis.summary import lag_summary as compute

    within = within if within is not None else getattr(pairs, "attrs", {}).get("within")
    table = compute(pairs, by=by, within=within, confidence=confidence, n_boot=n_boot,
                    seed=seed)  # fmt: skip
    return _out(table, output)


def survival(
    pairs: pd.DataFrame | pl.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    within: Duration | None = None,
    interval: bool | None = None,
    confidence: float = 0.95,
    n_boot: int = 500,
    seed: int = 0,
    output: Output = "pandas",
) -> pd.DataFrame | pl.DataFrame:
    """Share of triggers still without a response, from 0 to the window: the estimate
    `lag_summary` reports (Kaplan-Meier, or Turnbull when lags are intervals), what the
    data allow and its bootstrap band. Columns: `timeline.results.SURVIVAL`."""
    from timeline.analysis.survival import survival as compute

    within = within if within is not None else getattr(pairs, "attrs", {}).get("within")
    curve = compute(pairs, by=by, within=within, interval=interval, confidence=confidence,
                    n_boot=n_boot, seed=seed)  # fmt: skip
    return _out(curve, output)


def baseline_test(
    events: pd.DataFrame | pl.DataFrame | pl.LazyFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: Duration = "7d",
    *,
    by: str | Sequence[str] | None = "actor",
    n_permutations: int = 1000,
    seed: int = 0,
    method: Method = "block",
    block: Duration | None = None,
) -> BaselineResult:
    """Hit rate after the real triggers vs after moved ones, with a permutation mid-p.

    The default null ("block") rotates each group's triggers by whole days within blocks
    of max(7 d, 2 x within + 1 d), cut where the trigger rate changes, keeping the data's
    resolution, burstiness and slow trends (docs/statistics.md). A result object;
    `.to_frame()` gives one row (`timeline.results.BASELINE`)."""
    from timeline.analysis.baseline import baseline_test as compute

    return compute(events, trigger, response, within, by=by, n_permutations=n_permutations,
                   seed=seed, method=method, block=block)  # fmt: skip


def episodes(
    events: pd.DataFrame | pl.DataFrame | pl.LazyFrame,
    gap: Duration = "3d",
    *,
    by: str | Sequence[str] | None = "actor",
    output: Output = "pandas",
) -> pd.DataFrame | pl.DataFrame:
    """One row per chain of events with every gap under `gap` (`timeline.results.EPISODES`)."""
    from timeline.analysis.episodes import episodes as compute

    return _out(compute(events, gap, by=by), output)


def read_events(
    source: str | Path | pd.DataFrame | pl.DataFrame,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
    *,
    on_error: OnError = "raise",
    tz: str | None = None,
    dayfirst: bool | None = None,
    actors: str | Path | None = None,
    return_report: bool = False,
    progress: Progress | None = None,
    name: str | None = None,
    output: Output = "pandas",
    **options: Any,
) -> pd.DataFrame | pl.DataFrame | tuple[pd.DataFrame | pl.DataFrame, IngestReport]:
    """Read a file or frame into a validated event table (no store needed).

    on_error="raise" names every bad line in one error; "skip" drops them (see the
    report, with return_report=True). Options: `years=(lo, hi)` the plausible years
    (default 1900 to next year), `strict=True` to refuse a load with warnings,
    `delimiter=";"` a text table's separator.
    """
    from timeline import schema
    from timeline.ingest import open_source, raise_if_rejected, stream

    if on_error not in ("raise", "skip"):
        raise TimelineError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    src, adapter, report = open_source(source, format=format, name=name, mapping=mapping,
                                       delimiter=options.pop("delimiter", None))  # fmt: skip
    batches = stream(src, report, adapter=adapter, mapping=mapping, tz=tz, dayfirst=dayfirst,
                     actors=actors, progress=progress, **options)  # fmt: skip
    parts = [valid for valid, _ in batches]
    if on_error == "raise":
        raise_if_rejected(report)
    events = pl.concat(parts).drop("line") if parts else schema.empty()
    report.added = events.height
    out = _out(events, output)
    return (out, report) if return_report else out


def frame(table: pl.DataFrame, *, output: Output = "pandas") -> pd.DataFrame | pl.DataFrame:
    """A polars table from inside the package as the caller asked (for objects such as
    `IngestReport` and `EventStore` whose pandas readers go through here)."""
    return _out(table, output)


def extract_events(
    text: str,
    published: str | date | datetime,
    tz: str | None = None,
    source: str | None = None,
    url: str | None = None,
    *,
    published_tz: str | None = None,
    output: Output = "pandas",
) -> pd.DataFrame | pl.DataFrame:
    """Candidate events of one news article, with their evidence (sentence, words, rule).

    `tz` is the zone of the place the events happened (required: an article is never read
    as UTC by default); `published_tz` the outlet's zone when `published` is a day on
    another clock. Columns: the event table, then the evidence (`timeline.articles.frame`).
    """
    from timeline.articles.extract import extract_events as extract

    found = extract(text, published, tz, source, url, published_tz=published_tz)
    return _out(found, output)


def merge_reports(
    events: pd.DataFrame | pl.DataFrame,
    *,
    return_report: bool = False,
    output: Output = "pandas",
) -> pd.DataFrame | pl.DataFrame | tuple[pd.DataFrame | pl.DataFrame, pd.DataFrame | pl.DataFrame]:
    """Reports of one event by several sources merged into one row each (with
    `merged_from`, `n_sources`, `time_conflict`); with return_report, also what was merged
    and why."""
    from timeline.articles.merge import merge_reports as merge
    from timeline.frames import to_polars

    need = ("event_id", "kind", "t_start", "t_end", "source")
    merged, report = merge(to_polars(events, need=need), return_report=True)
    out = _out(merged, output)
    return (out, _out(report, output)) if return_report else out
