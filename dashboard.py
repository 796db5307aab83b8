"""Entry point of the dashboard (`streamlit run dashboard.py`): page setup and navigation."""

import streamlit as st

from core import texts

st.set_page_config(page_title=texts.APP_TITLE, page_icon="📊", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Trang chủ", icon="🏠", default=True),
    ]
)
navigation.run()
