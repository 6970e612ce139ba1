"""Data page: load files, review article extractions, browse and download, the load log."""

from __future__ import annotations

from datetime import date

import streamlit as st

import timeline as tl
from timeline.ingest import formats
from timeline.ingest.report import IngestReport
from timeline_app.state import cache, loading, stores
from timeline_app.widgets import downloads, review, show, sidebar

REPORT, CANDIDATES, ARTICLE = "tl_last_report", "tl_candidates", "tl_article"
FLASH = "tl_data_flash"
FORMATS = ("auto", *formats())


def progress_bar():
    """A progress bar and the callback that moves it (rows done of total, if known)."""
    bar = st.progress(0.0, text="Reading…")

    def update(done: int, total: int | None) -> None:
        share = min(done / total, 1.0) if total else 0.0
        bar.progress(share, text=f"{done:,} rows read" + (f" of {total:,}" if total else ""))

    return update


def after_load(results: list, forget: str | None) -> None:
    """Remember the reports, move the caches on, show the dashboard store next run."""
    reports = [getattr(r, "report", r) for r in results]  # an article result wraps its report
    reports = [r for r in reports if isinstance(r, IngestReport)]
    if reports:
        st.session_state[REPORT] = reports
        added = sum(r.added for r in reports)
        names = ", ".join(r.source for r in reports)
        st.session_state[FLASH] = (
            f"Loaded {names}: {added:,} event(s) added. The sidebar now uses the dashboard store."
        )
    if forget:
        st.session_state.pop(forget, None)
    stores.session_changed()
    st.session_state[sidebar.SWITCH_TO_SESSION] = True
    st.rerun()


def run_one(run):
    """One load with a progress bar; an error becomes a message and None."""
    try:
        return run(progress_bar())
    except tl.TimelineError as exc:
        show.error(exc)
    except Exception as exc:  # an adapter bug must not become a traceback in the page
        st.error(
            f"The file could not be read ({type(exc).__name__}). Check its format; "
            "if it looks right, please report this.",
            icon=":material/error:",
        )
    return None


def load(*runs, forget: str | None = None) -> None:
    """Run loads in turn; if any succeeded, rerun with the dashboard store in use.

    On any error the page stays as it is, so the message stays visible.
    """
    results = [run_one(run) for run in runs]
    if results and all(r is not None for r in results):
        after_load(results, forget)
    elif any(r is not None for r in results):
        stores.session_changed()
        st.session_state[REPORT] = [
            r for r in (getattr(x, "report", x) for x in results) if isinstance(r, IngestReport)
        ]


def files_tab() -> None:
    store = stores.session_store()
    st.markdown(
        f"Files load into **the dashboard store** (`{store.path}`): kept across reloads, "
        "and picked in the sidebar after a load."
    )
    fmt = st.selectbox(
        "Format",
        FORMATS,
        key="upload_format",
        help="auto detects GTD, ACLED, GDELT 1/2, UCDP GED or a plain table.",
    )
    files = st.file_uploader(
        "CSV, Excel, Parquet, JSON lines (GTD, ACLED, GDELT, UCDP or a table)",
        type=list(loading.UPLOAD_TYPES),
        accept_multiple_files=True,
        key="uploads",
    )
    if files and st.button("Load the uploaded file(s)", key="load_uploads", type="primary"):
        load(
            *(
                lambda p, f=f: loading.ingest_bytes(
                    store, f.name, f.getvalue(), format=fmt, progress=p
                )
                for f in files
            )
        )
    folder = stores.data_folder()
    path = st.text_input(
        "…or a file in the data folder" if folder else "…or a file on the server (off)",
        key="load_path", placeholder="x.csv", disabled=folder is None,
        help=f"A file name inside {folder}" if folder else
        "Start the dashboard with `timeline app --data-folder DIR` to read files in DIR.",
    )  # fmt: skip
    if path.strip() and st.button("Load the file", key="load_path_button"):
        load(lambda p: loading.ingest_path(store, str(stores.data_file(path)), format=fmt,
                                           progress=p))  # fmt: skip
    if st.button("Add the bundled case to the dashboard store", key="copy_case"):
        load(lambda p: loading.copy_case(store, tl.datasets.names()[0]))
    for report in st.session_state.get(REPORT, []):
        st.subheader("Last load")
        show.ingest_report(report)


def article_tab() -> None:
    text = st.text_area("Article text", key="article_text", height=200)
    c1, c2, c3 = st.columns(3)
    published = c1.date_input("Published", value=date(2014, 1, 24), key="article_published")
    tz = c2.text_input("Time zone of the place", value="Africa/Cairo", key="article_tz")
    source = c3.text_input("Outlet", key="article_source", placeholder="Mada Masr")
    url = st.text_input("URL", key="article_url")
    args = {"tz": tz.strip() or None, "source": source.strip() or None, "url": url.strip() or None}
    if st.button("Extract candidate events", key="extract", disabled=not text.strip()):
        try:
            found = tl.extract_events(text, published.isoformat(), **args)
        except tl.TimelineError as exc:
            show.error(exc)
            return
        st.session_state[CANDIDATES] = review.editor_frame(found)
        st.session_state[ARTICLE] = (text, published.isoformat(), args)
    if CANDIDATES in st.session_state:
        review_candidates()


def review_candidates() -> None:
    candidates = st.session_state[CANDIDATES]
    text, published, args = st.session_state[ARTICLE]
    if candidates.empty:
        st.warning("No events found in this article.")
        return
    st.markdown("Untick **accept** to drop a candidate; edit a cell to correct it.")
    cols = [c for c in review.SHOWN if c in candidates.columns]
    locked = [c for c in cols if c not in (review.ACCEPT, *review.EDITABLE)]
    edited = st.data_editor(
        candidates, column_order=cols, disabled=locked, hide_index=True, key="candidates_editor"
    )
    pick = st.selectbox(
        "Evidence for candidate",
        list(range(len(edited))),
        key="evidence_pick",
        format_func=lambda i: f"{i + 1}: {edited.loc[i].get('kind')}",
    )
    sentence, marks = review.evidence(text, edited.loc[pick])
    with st.container(border=True):
        st.markdown(show.highlight(sentence, marks))
    st.caption("Orange: what happened; blue: when (as the article wrote it).")
    keep = review.accepted(edited)
    if st.button(
        f"Add {len(keep)} accepted event(s) to the dashboard store",
        key="accept_candidates",
        disabled=keep.empty,
        type="primary",
    ):
        store = stores.session_store()
        load(
            lambda p: loading.accept_candidates(store, text, published, keep, **args),
            forget=CANDIDATES,
        )


def browse_tab(view) -> None:
    store = stores.store_for(view.data)
    events = cache.events(store, view.data, view.filters)
    st.caption(f"{events.height:,} events under the sidebar filters · {view.data.label}")
    tz = cache.facets(store, view.data)["tz"] if view.local_time else None
    st.dataframe(show.events_table(events.head(10_000), tz=tz), hide_index=True, key="browse")
    downloads.table_buttons(events, stem="events", key="events")


def log_tab(view) -> None:
    store = stores.store_for(view.data)
    log = store.loads()
    st.dataframe(log, hide_index=True, key="load_log")
    live = log.loc[log["removed_at"].isna(), "load_id"].tolist() if len(log) else []
    if store.read_only or store.path is None or not live:
        return
    c1, c2 = st.columns([1, 3])
    pick = c1.selectbox("Load to undo", live, index=len(live) - 1, key="undo_pick")
    if c2.button(f"Undo load {pick}", key="undo_load"):
        try:
            done = store.remove_load(pick)
        except tl.TimelineError as exc:
            show.error(exc)
            return
        st.session_state[FLASH] = f"Undid load {pick}: {done['removed']:,} event(s) removed."
        st.rerun()


view = sidebar.current()
st.title("Data")
if FLASH in st.session_state:
    st.success(show.escape_md(st.session_state.pop(FLASH)), icon=":material/check_circle:")
files, article, browse, log = st.tabs(
    ["Load files", "Add an article", "Browse & download", "Load log"]
)
with files:
    files_tab()
with article:
    article_tab()
with browse:
    browse_tab(view)
with log:
    log_tab(view)
