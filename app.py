"""The dashboard's router: page setup, the shared sidebar, then the chosen page.

Run it with `streamlit run app.py`. Pages live in `timeline_app/` (see `nav.PAGES`).
"""

import streamlit as st

from timeline_app import nav, sidebar

st.set_page_config(page_title="Warning-to-attack timeline", page_icon="⏱", layout="wide")
page = st.navigation(nav.pages())
sidebar.render()
page.run()
