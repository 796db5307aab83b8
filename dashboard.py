"""Entry point of the dashboard (`streamlit run dashboard.py`): sign-in, then the pages the user's role may use."""

from pathlib import Path

import streamlit as st

from core import texts
from core.db import DatabaseBusy
from web import ui
from web.ui import USER_KEY

st.set_page_config(page_title=texts.APP_TITLE, page_icon="📊", layout="wide")
ui.settle_memory()

# (file, icon, URL path, permission needed; None: every signed-in user); titles: texts.NAVIGATION_TITLES
PAGES = [
    ("pages/home.py", ":material/home:", None, None),
    ("pages/overview.py", ":material/dashboard:", "tong-quan", "view_province"),
    ("pages/indicator.py", ":material/bar_chart:", "chi-tieu", "view_province"),
    ("pages/scorecard.py", ":material/grid_on:", "bang-diem", "view_province"),
    ("pages/unit.py", ":material/apartment:", "don-vi", "view_province"),
    ("pages/reporting.py", ":material/schedule_send:", "tinh-hinh-bao-cao", "view_province"),
    ("pages/quality.py", ":material/fact_check:", "chat-luong-so-lieu", "view_province"),
    ("pages/present.py", ":material/co_present:", "trinh-chieu", "present"),
    ("pages/submit.py", ":material/upload_file:", "nop-bao-cao", "submit"),
    ("pages/history.py", ":material/history:", "lich-su-nop", "view_history"),
    ("pages/plans.py", ":material/edit_note:", "ke-hoach", "manage_plans"),
    ("pages/users.py", ":material/manage_accounts:", "tai-khoan", "manage_users"),
    ("pages/audit.py", ":material/policy:", "nhat-ky", "view_audit"),
    ("pages/health.py", ":material/monitor_heart:", "tinh-trang", "view_health"),
]


def _pages(user) -> list:
    """The pages `user` may use; every page when nobody is signed in (they are routed, never run)."""
    return [
        st.Page(path, title=texts.NAVIGATION_TITLES[Path(path).stem], icon=icon, url_path=url, default=url is None)
        for path, icon, url, permission in PAGES
        if user is None or permission is None or user.can(permission)
    ]


def busy() -> None:
    """Another process (a command-line load, a backup) kept the database file: nothing was changed."""
    st.warning(texts.DATABASE_BUSY, icon=":material/hourglass_top:")


try:
    user = ui.current_user()
except DatabaseBusy:
    user = None
    busy()
if user is None:
    # Every page is known to the router, so a shared link survives the sign-in; none runs before it.
    st.navigation(_pages(None), position="hidden")
    if USER_KEY not in st.session_state:
        ui.sign_in_form()
else:
    with st.sidebar:
        st.caption(ui.plain(texts.SIGNED_IN_AS.format(full_name=user.full_name, role=user.role_label)))
        st.button(texts.SIGN_OUT_BUTTON, key="sign_out", on_click=ui.sign_out, icon=":material/logout:")
    try:
        st.navigation(_pages(user)).run()
    except DatabaseBusy:
        busy()
