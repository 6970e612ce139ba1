"""The one-page brief: timeline with lag links, lag table, chance baseline, sources, caveats.

Built as one Vega-Lite vconcat (chart + text blocks) and rendered by vl-convert, so the PDF
is a single page by construction and the HTML works offline. All text from sources goes
in as data rows of text marks, never into expressions.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import polars as pl

from timeline.charts import baseline_sentence, timeline_chart
from timeline.charts.style import FONT
from timeline.display import summary_table
from timeline.errors import TimelineError
from timeline.export.render import render
from timeline.frames import to_polars
from timeline.schema import PRECISION_RANK

if TYPE_CHECKING:
    import pandas as pd

WIDTH = 720
CHAR_PX = 5.2  # width of a character at the table's font size


def _lines(rows: list[str], *, size: int = 11, bold_first: bool = False) -> alt.Chart:
    """A block of text lines (each line a data row) as a chart."""
    data = [{"i": i, "line": r, "bold": bold_first and i == 0} for i, r in enumerate(rows)]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.value(0), y=alt.Y("i:O", axis=None), text="line:N"
    )
    style = {"align": "left", "baseline": "top", "fontSize": size, "font": FONT, "limit": WIDTH}
    return _bold_split(base, style).properties(width=WIDTH, height=alt.Step(size + 5))


def _bold_split(base: alt.Chart, style: dict[str, Any]) -> alt.LayerChart:
    """Rows flagged `bold` in bold, the rest in normal weight (fontWeight is not a channel)."""
    bold = base.transform_filter("datum.bold").mark_text(fontWeight="bold", **style)
    plain = base.transform_filter("!datum.bold").mark_text(**style)
    return alt.layer(bold, plain)


def _table(summary: pl.DataFrame, by: list[str]) -> alt.Chart:
    """The lag summary as a text table: the declared short display columns, rows per group."""
    shown = summary_table(summary, by, short=True)
    if not by:
        shown = shown.select(pl.lit("all").alias("group"), pl.all())
    heads = shown.columns
    rows = [["" if v is None else str(v) for v in row] for row in shown.iter_rows()]
    xs = _column_xs(heads, rows)
    budget = [
        max(4, int((b - a) / CHAR_PX)) for a, b in zip(xs, [*xs[1:], WIDTH + 60], strict=True)
    ]
    rows = [[_clip(t, n) for t, n in zip(cells, budget, strict=False)] for cells in rows]
    data = [{"r": 0, "x": x, "t": h, "bold": True} for x, h in zip(xs, heads, strict=False)]
    data += [
        {"r": i + 1, "x": x, "t": t, "bold": False}
        for i, cells in enumerate(rows)
        for x, t in zip(xs, cells, strict=False)
    ]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[0, WIDTH], nice=False)),
        y=alt.Y("r:O", axis=None),
        text="t:N",
    )
    style = {"align": "left", "baseline": "top", "fontSize": 10, "font": FONT}
    return _bold_split(base, style).properties(width=WIDTH, height=alt.Step(18))


def _column_xs(heads: list[str], rows: list[list[str]]) -> list[int]:
    """Left edges of the columns: each as wide as its longest cell, the first capped at a
    fifth of the page so that long group names are clipped rather than the figures."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    widths[0] = min(widths[0], int(WIDTH / 5 / CHAR_PX))
    xs, x = [], 0
    for w in widths:
        xs.append(x)
        x += int(w * CHAR_PX) + 12
    return xs


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def sources(events: pl.DataFrame, extra: list[tuple[str, str]] | None = None) -> list[str]:
    """'Outlet: URL' lines: outlets from `source`, links from `url`/`source_ref`, plus extra."""
    outlets = (
        events.select(pl.col("source").str.split("; ").explode().str.strip_chars())
        .drop_nulls()
        .unique()
        .sort("source")
        .get_column("source")
        .to_list()
    )
    links = {o: "" for o in outlets}
    for outlet, url in extra or []:
        links[outlet] = url
    if "url" in events.columns:
        for row in events.select("source", "url").drop_nulls().unique().iter_rows():
            links.setdefault(row[0], row[1])
    return [f"{o}: {u}" if u else o for o, u in sorted(links.items())]


def caveats(events: pl.DataFrame, pairs: pl.DataFrame) -> list[str]:
    """What the data cannot say precisely: coarse times, censored triggers, ambiguous order."""
    day = PRECISION_RANK["day"]
    coarse = events.filter(
        pl.col("precision").cast(pl.Utf8).replace_strict(PRECISION_RANK, default=0) >= day
    ).height
    censored = int(pairs.get_column("censored").sum())
    ambiguous = int(pairs.get_column("order_ambiguous").sum())
    return [
        f"{coarse} of {events.height} events are known only to the day or coarser; their "
        "bars span the whole interval and lags use interval midpoints.",
        f"{censored} of {pairs.height} triggers had no response within the window (censored).",
        f"{ambiguous} matched pair(s) have overlapping intervals, so their order is unknown.",
    ]


def _window(pairs: pl.DataFrame, events: pl.DataFrame) -> tuple[Any, Any] | None:
    """Initial x range: the matched pairs with a day of margin, else everything."""
    done = pairs.filter(~pl.col("censored"))
    if not done.height:
        return None
    ids = pl.concat([done.get_column("trigger_id"), done.get_column("response_id")])
    inside = events.filter(pl.col("event_id").is_in(ids.implode()))
    start, end = inside.get_column("t_start").min(), inside.get_column("t_end").max()
    margin = max(timedelta(days=1), (end - start) / 5)
    return start - margin / 2, end + margin


def brief_spec(
    events: pd.DataFrame | pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    by: str | None = "actor",
    title: str | None = None,
    local_tz: str | None = "auto",
    extra_sources: list[tuple[str, str]] | None = None,
    n_permutations: int = 1000,
    seed: int = 0,
) -> dict[str, Any]:
    """The brief as one Vega-Lite spec (what `brief` renders).

    local_tz="auto" draws times in the events' own zone when they all share one (a
    "Thursday" then reads as Thursday), else in UTC; None forces UTC.
    """
    from timeline.analysis.baseline import baseline_test
    from timeline.analysis.pairing import lags
    from timeline.analysis.summary import lag_summary

    ev = to_polars(events, need=("event_id", "kind", "t_start"))
    if ev.height == 0:
        raise TimelineError("No events to brief on. Hint: check the store or the filters.")
    pairs = lags(ev, trigger=trigger, response=response, within=within, by=by)
    by_cols = [by] if isinstance(by, str) else list(by or [])
    summary = lag_summary(pairs, by=by_cols or None, within=within) if pairs.height else None
    base = baseline_test(
        ev, trigger=trigger, response=response, within=within, by=by,
        n_permutations=n_permutations, seed=seed,
    )  # fmt: skip
    head = title or f"{trigger} -> {response} within {within}"
    if local_tz == "auto":
        zones = ev.get_column("tz").drop_nulls().unique() if "tz" in ev.columns else []
        local_tz = zones[0] if len(zones) == 1 else None
    chart = timeline_chart(ev, pairs, local_tz=local_tz, window=_window(pairs, ev))
    blocks = [
        chart.properties(width=WIDTH),
        _lines([f"Lags: {trigger} -> {response}, within {within}"], size=13, bold_first=True),
        _table(summary, by_cols) if summary is not None else _lines(["No triggers found."]),
        _lines(["Chance baseline", baseline_sentence(base)], bold_first=True),
        _lines(["Sources", *sources(ev, extra_sources)], bold_first=True),
        _lines(["Caveats", *caveats(ev, pairs)], bold_first=True),
    ]
    page = alt.vconcat(*blocks, spacing=14).properties(
        title=alt.Title(head, subtitle=f"{ev.height} events; lag = time between midpoints")
    )
    spec = page.to_dict()
    spec.update(background="white", padding=28)
    spec.setdefault("config", {}).update(
        font=FONT, title={"fontSize": 20, "anchor": "start", "subtitleColor": "#444"},
        view={"stroke": None},
    )  # fmt: skip
    return spec


def brief(
    events: pd.DataFrame | pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    out: str | Path | None = None,
    **options: Any,
) -> dict[str, Any] | Path:
    """A one-page brief; with `out` (.pdf, .html, .png, .svg) it is written and its path
    returned, otherwise the Vega-Lite spec comes back. Options: see `brief_spec`."""
    spec = brief_spec(events, trigger, response, within, **options)
    if out is None:
        return spec
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "html", "png", "svg"):
        raise TimelineError(f"Cannot write a brief to {path.name!r}: use .pdf, .html, .png or .svg")
    path.write_bytes(render(spec, fmt, scale=2.0 if fmt == "png" else 1.0))
    return path
