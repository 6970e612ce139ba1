"""Export page: any chart as PNG/SVG/PDF/HTML with title, subtitle, source line; the brief
of the current view (sidebar filters, question, clock); tables."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

import timeline as tl
from timeline.export.story import source_line
from timeline_app.state import cache, stores
from timeline_app.widgets import charts, downloads, show, sidebar

FORMATS = {"PNG": "png", "SVG": "svg", "PDF": "pdf", "HTML": "html"}
PRESETS = {
    "16:9 slide": "slide",
    "A4 portrait": "a4",
    "A4 landscape": "a4-landscape",
    "US Letter": "letter",
    "Letter landscape": "letter-landscape",
}
BRIEF_FORMATS = {"PDF (pages)": "pdf", "HTML (same pages)": "html"}


def brief_exporter(events, view, *, preset: str, fmt: str, title: str, note: str):
    """The brief's bytes, made when the button is clicked (it pairs, bootstraps, renders)."""
    from timeline.export.brief import write_brief

    q = view.question

    def make() -> bytes:
        with tempfile.TemporaryDirectory(prefix="timeline-brief-") as tmp:
            (path,) = write_brief(
                events, q.trigger.spec(), q.response.spec(), q.within, out=Path(tmp) / f"b.{fmt}",
                preset=preset, by=q.by, title=title, filters=view.filters,
                local_tz="local" if view.local_time else None, source_note=note,
            )  # fmt: skip
            return path.read_bytes()

    return make


view = sidebar.current()
st.title("Export")
st.caption(f"{view.data.label} · {view.question.label()}")
store = stores.store_for(view.data)
events = cache.events(store, view.data, view.filters)
if events.height == 0:
    st.warning("No events match the filters. Widen the date range or clear a filter.")
    st.stop()

st.subheader("Charts")
name = st.selectbox("Chart", charts.EXPORTABLE, key="export_chart")
c1, c2 = st.columns(2)
title = c1.text_input("Title", value=f"{name}: {view.question.label()}", key="export_title")
subtitle = c2.text_input("Subtitle", value=view.data.label, key="export_subtitle")
note = st.text_input("Source line", value=source_line(events), key="export_source")
preset = st.radio("Size", list(PRESETS), horizontal=True, key="export_preset")
chart = None
try:
    chart = charts.named(name, store, view)
except tl.TimelineError as exc:
    show.error(exc)
if chart is not None:
    charts.draw(chart, key="export_preview")
    options = {
        "preset": PRESETS[preset],
        "title": title,
        "subtitle": subtitle or None,
        "source_note": note or None,
    }
    stem = name.lower().replace(" ", "-").replace("→", "to").replace(":", "")
    for col, (label, ext) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        col.download_button(
            f"Download {label}",
            downloads.chart_exporter(chart, ext, **options),
            file_name=f"{stem}.{ext}",
            mime=downloads.MIME[ext],
            key=f"dl-chart-{ext}",
        )

st.subheader("Brief")
st.caption(
    "Timeline (starting on the matched pairs), lag table with the busiest actors first, "
    "chance baseline, sources and caveats for the sidebar's filters and question, on as "
    "many pages as it needs; the source line and page number at the foot of every page."
)
b1, b2 = st.columns(2)
brief_size = b1.radio("Paper", ["A4 portrait", "US Letter"], horizontal=True, key="brief_paper")
brief_fmt = b2.radio("Format", list(BRIEF_FORMATS), horizontal=True, key="brief_format")
ext = BRIEF_FORMATS[brief_fmt]
st.download_button(
    f"Download the brief ({brief_fmt.split()[0]})",
    brief_exporter(
        events,  # already filtered; the filters are applied again (a no-op) and named
        view,
        preset=PRESETS[brief_size],
        fmt=ext,
        title=view.question.label(),
        note=note,
    ),
    file_name=f"brief.{ext}",
    mime=downloads.MIME[ext],
    key="dl-brief",
)

st.subheader("Tables")
table = st.radio(
    "Table", ["Events", "Lag pairs", "Lag summary"], horizontal=True, key="export_table"
)
try:
    if table == "Events":
        frame = events
    elif table == "Lag pairs":
        frame = cache.pairs(store, view.data, view.filters, view.question)
    else:
        frame = cache.summary(store, view.data, view.filters, view.question)
except tl.TimelineError as exc:
    show.error(exc)
    st.stop()
downloads.table_buttons(frame, stem=table.lower().replace(" ", "-"), key="export-table")
