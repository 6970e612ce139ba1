"""The one page list: the router (`app.py`) and the tests both read it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageSpec:
    """A page file (relative to app.py), its title, icon and URL path."""

    path: str
    title: str
    icon: str
    url_path: str
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("timeline_app/page_timeline.py", "Timeline", ":material/timeline:", "timeline", True),
    PageSpec("timeline_app/page_lags.py", "Lags", ":material/timer:", "lags"),
    PageSpec("timeline_app/page_sequences.py", "Sequences", ":material/linear_scale:", "sequences"),
    PageSpec("timeline_app/page_data.py", "Data", ":material/database:", "data"),
    PageSpec("timeline_app/page_export.py", "Export", ":material/download:", "export"),
)


def pages() -> list[st.Page]:
    """`st.Page` objects for `st.navigation`, in menu order."""
    return [
        st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default)
        for p in PAGES
    ]
