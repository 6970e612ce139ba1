"""The Streamlit dashboard's pages and helpers (kept outside `timeline/`, which never imports
Streamlit). `app.py` at the repo root routes to the pages listed in `nav.PAGES`."""
