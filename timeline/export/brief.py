"""The brief: the story view of the timeline, lag table, chance baseline, sources, caveats.

Each piece is a small Vega-Lite spec; for PDF, PNG and SVG the pieces are rendered, measured
and laid on pages of a real paper size (`pages`), continuing on the next page when a page
is full (the table in chunks, its heading saying "continued"). HTML holds the same pages,
drawn live by Vega in the browser and printed with the same breaks (`html`).
All text from sources goes in as data rows of text marks, never into expressions.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
import polars as pl

from timeline.charts import baseline_sentence, timeline_chart
from timeline.charts.lanes import UNKNOWN
from timeline.charts.style import FONT
from timeline.charts.timeline import MAX_SLOTS, ROW_PX
from timeline.display import summary_table
from timeline.errors import TimelineError
from timeline.export import footer_spec
from timeline.export.brief_table import ROW_PX as TABLE_ROW_PX
from timeline.export.brief_table import table_chart
from timeline.export.html import pages_html
from timeline.export.pages import GAP, MARGIN, Block, page_svg, paginate, write_pages
from timeline.export.presets import Preset
from timeline.export.presets import preset as resolve_preset
from timeline.export.story import Clock, Story, source_line, story
from timeline.query import Filters
from timeline.schema import PRECISION_RANK

if TYPE_CHECKING:
    import pandas as pd

DESIGN_WIDTH = 680  # pieces are laid out this wide and shrunk to narrower pages
TABLE_ROWS = 28  # table rows per piece (a piece never splits across pages)
TABLE_HEAD_PX = 70  # the table piece's heading and column names
LIST_LINES = 30
LANE_LABELS_PX = 170  # the timeline's lane names; its legends go under it
TIMELINE_CHROME = 300  # px of the timeline block that are not lanes: heading, axis, legend


def _lines(
    rows: list[str], *, size: int = 11, bold_first: bool = False, width: int = DESIGN_WIDTH
) -> alt.LayerChart:
    """A block of text lines (each line a data row) as a chart."""
    data = [{"i": i, "line": r, "bold": bold_first and i == 0} for i, r in enumerate(rows)]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.value(0), y=alt.Y("i:O", axis=None), text="line:N"
    )
    style = {"align": "left", "baseline": "top", "fontSize": size, "font": FONT, "limit": width}
    return _bold_split(base, style).properties(width=width, height=alt.Step(size + 5))


def _bold_split(base: alt.Chart, style: dict[str, Any]) -> alt.LayerChart:
    """Rows flagged `bold` in bold, the rest in normal weight (fontWeight is not a channel)."""
    bold = base.transform_filter("datum.bold").mark_text(fontWeight="bold", **style)
    plain = base.transform_filter("!datum.bold").mark_text(**style)
    return alt.layer(bold, plain)


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
        "bars span the whole interval and their lags are the range the two times allow.",
        f"{censored} of {pairs.height} triggers had no response within the window (censored).",
        f"{ambiguous} matched pair(s) have overlapping intervals, so their order is unknown.",
    ]


def _summary_rows(
    pairs: pl.DataFrame, by_cols: list[str], within: object
) -> tuple[list[str], list[list[str]]]:
    """The lag table as text cells, busiest groups (most triggers) first."""
    from timeline.analysis.summary import lag_summary

    summary = lag_summary(pairs, by=by_cols or None, within=within)
    if by_cols:
        summary = summary.sort("n_triggers", *by_cols, descending=[True] + [False] * len(by_cols))
        summary = summary.with_columns(pl.col(c).cast(pl.Utf8).fill_null(UNKNOWN) for c in by_cols)
    shown = summary_table(summary, by_cols, short=True)
    if not by_cols:
        shown = shown.select(pl.lit("all").alias("group"), pl.all())
    rows = [["" if v is None else str(v) for v in row] for row in shown.iter_rows()]
    return shown.columns, rows


def _fit(page_h: float | None) -> dict[str, int]:
    """What fits a page `page_h` px tall (None: no page): the timeline's lanes and sub-rows
    (more sub-rows: the overview) and the lag table's rows per piece."""
    if not page_h:
        return {"lanes": 10, "slots": MAX_SLOTS, "rows": TABLE_ROWS}
    lanes = int((page_h - TIMELINE_CHROME) / (ROW_PX * 1.2)) - 1  # the overview's lane
    return {
        "lanes": max(4, min(10, lanes)),
        "slots": max(8, int((page_h - TIMELINE_CHROME) / ROW_PX)),
        "rows": max(5, int((page_h - TABLE_HEAD_PX) / TABLE_ROW_PX) - 1),
    }


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _blocks(s: Story, trigger: object, response: object, within: object, *, by_cols: list[str],
            head: str, extra_sources: list[tuple[str, str]] | None, n_permutations: int,
            seed: int, width: int,
            page_h: float | None = None) -> list[alt.TopLevelMixin]:  # fmt: skip
    """The brief's pieces in reading order; long tables and lists in page-sized chunks.

    `page_h` (px at `width`) is the room on a page: a timeline that would need more sub-rows
    than fit there is drawn as the overview, rather than shrunk until its text is unreadable."""
    from timeline.analysis.baseline import baseline_test

    ev, pairs = s.events, s.pairs
    base = baseline_test(ev, trigger=trigger, response=response, within=within,
                         by=by_cols or None, n_permutations=n_permutations, seed=seed)  # fmt: skip
    sub = [f"{ev.height:,} events; a lag is the range its two times allow, [ ] its 95% interval"]
    if s.filters.label():
        sub.append(f"Filters: {s.filters.label()}")
    fit = _fit(page_h)
    chart = timeline_chart(ev, pairs, local_tz=s.local_tz, window=s.window,
                           max_lanes=fit["lanes"], max_slots=fit["slots"])  # fmt: skip
    heading = _lines([head, *sub], size=12, bold_first=True, width=width)
    blocks: list = [
        alt.vconcat(heading, chart.properties(width=width - LANE_LABELS_PX), spacing=12)
    ]
    question = f"Lags: {trigger} -> {response}, within {within}"
    if pairs.height:
        heads, rows = _summary_rows(pairs, by_cols, within)
        for i, part in enumerate(_chunks(rows, fit["rows"])):
            label = question + (f" (continued, rows {i * fit['rows'] + 1}-)" if i else "")
            blocks.append(alt.vconcat(_lines([label], size=12, bold_first=True, width=width),
                                      table_chart(heads, part, width), spacing=6))  # fmt: skip
    else:
        blocks += [_lines([question, "No triggers found."], bold_first=True, width=width)]
    blocks.append(_lines(["Chance baseline", baseline_sentence(base)], bold_first=True,
                         width=width))  # fmt: skip
    for i, part in enumerate(_chunks(sources(ev, extra_sources), LIST_LINES)):
        name = "Sources" + (" (continued)" if i else "")
        blocks.append(_lines([name, *part], bold_first=True, width=width))
    blocks.append(_lines(["Caveats", *caveats(ev, pairs)], bold_first=True, width=width))
    return blocks


def _finish(chart: alt.TopLevelMixin, legend_below: bool = False) -> dict[str, Any]:
    """A piece as a standalone spec (built by this module, so Altair's slow schema check of
    every text row is skipped; vl-convert still rejects a malformed spec)."""
    spec = chart.to_dict(validate=False)
    spec.update(background="white", padding=0)
    config = spec.setdefault("config", {})
    config.update(
        font=FONT,
        view={"stroke": None},
        title={"anchor": "start", "subtitleColor": "#444", "subtitleFontSize": 11},
    )
    if legend_below:
        config["legend"] = {"orient": "bottom", "direction": "horizontal", "columns": 4}
    return spec


def brief_spec(
    events: pd.DataFrame | pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    by: str | None = "actor",
    title: str | None = None,
    filters: Filters | dict[str, Any] | None = None,
    focus: bool = True,
    local_tz: Clock = "auto",
    extra_sources: list[tuple[str, str]] | None = None,
    source_note: str | None = None,
    n_permutations: int = 1000,
    seed: int = 0,
    width: int = DESIGN_WIDTH,
) -> dict[str, Any]:
    """The brief as one Vega-Lite spec, its pieces one under another (not paginated: the
    files `brief` writes are, see `write_brief`).

    `filters` narrow the events as on the dashboard (`tl.Filters`, or a dict such as
    {"actors": [...], "start": "2014-01-01"}); `focus` starts the timeline on the matched
    pairs; local_tz="auto" draws times in the events' own zone when they all share one
    ("local": the commonest zone, None: UTC).
    """
    s = story(events, trigger, response, within, by=by, filters=filters, focus=focus,
              local_tz=local_tz)  # fmt: skip
    head = title or f"{trigger} -> {response} within {within}"
    by_cols = [by] if isinstance(by, str) else list(by or [])
    blocks = _blocks(s, trigger, response, within, by_cols=by_cols, head=head,
                     extra_sources=extra_sources, n_permutations=n_permutations, seed=seed,
                     width=width)  # fmt: skip
    note = source_note if source_note is not None else source_line(s.events)
    blocks.append(_lines([note or " "], size=9, width=width))
    return _finish(alt.vconcat(*blocks, spacing=14), legend_below=True)


def brief(
    events: pd.DataFrame | pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    out: str | Path | None = None,
    preset: str | Preset = "a4",
    **options: Any,
) -> dict[str, Any] | Path:
    """A brief: the story view, the lag table (busiest groups first), chance baseline,
    sources and caveats. With `out` it is written and its path returned, else the spec.

    PDF: pages of the preset's size (A4 595 x 842 pt by default), continued on as many
    pages as it needs, the source line and page number at the foot of each. PNG and SVG:
    one file per page (`brief.png`, `brief-2.png`, ...; the first path is returned).
    HTML: the same pages in one file, drawn by Vega in the browser (tooltips work), each a
    box of the paper size with a page break after it, so printing gives the PDF's pages.
    Options: see `brief_spec`.
    """
    if out is None:
        return brief_spec(events, trigger, response, within, **options)
    return write_brief(events, trigger, response, within, out=out, preset=preset,
                       **options)[0]  # fmt: skip


def write_brief(
    events: pd.DataFrame | pl.DataFrame,
    trigger: object = "warning",
    response: object = "attack",
    within: str | timedelta = "7d",
    *,
    out: str | Path,
    preset: str | Preset = "a4",
    **options: Any,
) -> list[Path]:
    """`brief` writing to `out`; returns every file written (one per page for PNG/SVG)."""
    path = Path(out)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "html", "png", "svg"):
        raise TimelineError(f"Cannot write a brief to {path.name!r}: use .pdf, .html, .png or .svg")
    p = resolve_preset(preset)
    head, pages = _pages(events, trigger, response, within, p, options)
    if fmt == "html":
        path.write_text(pages_html(pages, p, head), encoding="utf-8")
        return [path]
    return write_pages([page_svg(blocks, foot, p) for blocks, foot in pages], path, scale=2.0)


def _pages(events: pd.DataFrame | pl.DataFrame, trigger: object, response: object,
           within: str | timedelta, p: Preset,
           options: dict[str, Any]) -> tuple[str, list[tuple[list[Block], Block]]]:  # fmt: skip
    """The brief's heading and its pages on `p`'s paper: each page's blocks and footer
    (the source line and "page i of n")."""
    width = max(p.width - 2 * MARGIN, DESIGN_WIDTH)
    room = (p.height - 2 * MARGIN - 2 * GAP - p.note_size - 4) * width / (p.width - 2 * MARGIN)
    note = options.pop("source_note", None)
    s_opts = {k: options.pop(k) for k in ("by", "filters", "focus", "local_tz") if k in options}
    s = story(events, trigger, response, within, **s_opts)
    by = s_opts.get("by", "actor")
    by_cols = [by] if isinstance(by, str) else list(by or [])
    head = options.pop("title", None) or f"{trigger} -> {response} within {within}"
    blocks = [Block.of(_finish(b, legend_below=i == 0)) for i, b in enumerate(
        _blocks(s, trigger, response, within, by_cols=by_cols, head=head, width=width,
                page_h=room, extra_sources=options.pop("extra_sources", None),
                n_permutations=options.pop("n_permutations", 1000), seed=options.pop("seed", 0))
    )]  # fmt: skip
    if options:
        raise TimelineError(f"Unknown brief option(s): {', '.join(options)}")
    note = note if note is not None else source_line(s.events)
    probe = Block.of(footer_spec(note, p, p.width - 2 * MARGIN, "page 1 of 1"))
    pages = paginate(blocks, p, probe.height + GAP)
    feet = [Block.of(footer_spec(note, p, p.width - 2 * MARGIN, f"page {i + 1} of {len(pages)}"))
            for i in range(len(pages))]  # fmt: skip
    return head, list(zip(pages, feet, strict=True))
