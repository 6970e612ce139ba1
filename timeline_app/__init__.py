"""The Streamlit dashboard (kept outside `timeline/`, which never imports Streamlit).

`app.py` routes to the pages in `pages/` (listed once in `nav.PAGES`); `state/` holds what
the pages read (the question, stores, cached results, loading), `widgets/` what they draw.
"""
