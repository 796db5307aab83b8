"""The root URL: sends the signed-in person on to their role's own page, with the link's choices (plan, period)."""

import streamlit as st

from web.ui import LANDING_PAGES, current_user

# dashboard.py runs a page only for a signed-in user.
st.switch_page(LANDING_PAGES[current_user().role], query_params=st.query_params.to_dict())
