"""Export page: any chart as PNG/SVG/PDF/HTML with title, subtitle, source line; tables."""

from __future__ import annotations

import streamlit as st

import timeline as tl
from timeline_app.state import cache, stores
from timeline_app.widgets import charts, downloads, show, sidebar

FORMATS = {"PNG": "png", "SVG": "svg", "PDF": "pdf", "HTML": "html"}
PRESETS = {"16:9 slide": "slide", "A4 portrait": "a4", "A4 landscape": "a4-landscape"}


def source_line(events) -> str:
    names = sorted(
        {
            s.strip()
            for v in events.get_column("source").drop_nulls().to_list()
            for s in v.split(";")
            if s.strip()
        }
    )
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return f"Sources: {shown}" if shown else ""


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
