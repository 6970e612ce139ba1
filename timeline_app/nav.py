"""The one page list: the router (`app.py`) and the tests both read it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class PageSpec:
    """A page file in `timeline_app/pages/`, its title, icon and URL path."""

    file: str
    title: str
    icon: str
    url_path: str
    default: bool = False

    @property
    def path(self) -> str:
        """The page file's absolute path: found wherever the package is installed and
        whichever folder `app.py` is run from."""
        return str(PAGES_DIR / self.file)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("timeline.py", "Timeline", ":material/timeline:", "timeline", True),
    PageSpec("lags.py", "Lags", ":material/timer:", "lags"),
    PageSpec("sequences.py", "Sequences", ":material/linear_scale:", "sequences"),
    PageSpec("data.py", "Data", ":material/database:", "data"),
    PageSpec("export.py", "Export", ":material/download:", "export"),
)


def page(url_path: str) -> PageSpec:
    """The page with this URL path (e.g. "lags")."""
    return next(p for p in PAGES if p.url_path == url_path)


def pages() -> list[st.Page]:
    """`st.Page` objects for `st.navigation`, in menu order."""
    return [
        st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default)
        for p in PAGES
    ]
