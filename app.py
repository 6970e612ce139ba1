"""The dashboard's router: page setup, the shared sidebar, then the chosen page.

Run it with `timeline app` (or `streamlit run app.py` in a checkout). The pages are the
files in `timeline_app/pages/`, listed once in `timeline_app/nav.py`.
"""

import streamlit as st

from timeline_app import nav
from timeline_app.widgets import sidebar

st.set_page_config(page_title="Warning-to-attack timeline", page_icon="⏱", layout="wide")
page = st.navigation(nav.pages())
sidebar.render()
page.run()
