"""Entry point of the dashboard (`streamlit run dashboard.py`): sign-in, then the pages the user's role may use."""

from pathlib import Path

import streamlit as st

from core import texts
from core.db import DatabaseBusy
from web import ui
from web.ui import USER_KEY

# The icon is a file of the repository: a material icon would be fetched from Google's servers, which a closed
# network does not reach (and an emoji needs an emoji font).
st.set_page_config(page_title=texts.APP_TITLE, page_icon=str(Path(__file__).parent / "web" / "icon.png"), layout="wide")
ui.settle_memory()
ui.begin_run()

# (section, file, icon, URL path, permission needed; None: every signed-in user); titles:
# texts.NAVIGATION_SECTIONS and texts.NAVIGATION_TITLES. The first, at the root URL and out of the menu, sends each
# person on to their role's own page (web/ui.LANDING_PAGES), every page keeping its own URL for shared links.
PAGES = [
    ("", "pages/start.py", ":material/home:", None, None),
    ("", "pages/todo.py", ":material/checklist:", "viec-can-lam", "follow_up"),
    ("", "pages/unit_reports.py", ":material/assignment:", "bao-cao-cua-don-vi", "submit"),
    ("", "pages/home.py", ":material/description:", "ke-hoach-nam", None),
    ("figures", "pages/overview.py", ":material/dashboard:", "tong-quan", "view_province"),
    ("figures", "pages/indicator.py", ":material/bar_chart:", "chi-tieu", "view_province"),
    ("figures", "pages/scorecard.py", ":material/grid_on:", "bang-diem", "view_province"),
    ("figures", "pages/unit.py", ":material/apartment:", "don-vi", "view_province"),
    ("figures", "pages/present.py", ":material/co_present:", "trinh-chieu", "present"),
    ("figures", "pages/decisions.py", ":material/gavel:", "ket-luan", "view_province"),
    ("reports", "pages/reporting.py", ":material/schedule_send:", "tinh-hinh-bao-cao", "view_province"),
    ("reports", "pages/review.py", ":material/task_alt:", "duyet-bao-cao", "review"),
    ("reports", "pages/mail.py", ":material/mail:", "thu-dien-tu", "send_mail"),
    ("reports", "pages/quality.py", ":material/fact_check:", "chat-luong-so-lieu", "view_province"),
    ("reports", "pages/submit.py", ":material/upload_file:", "nop-bao-cao", "submit"),
    ("reports", "pages/history.py", ":material/history:", "lich-su-nop", "view_history"),
    ("admin", "pages/plans.py", ":material/edit_note:", "ke-hoach", "manage_plans"),
    ("admin", "pages/users.py", ":material/manage_accounts:", "tai-khoan", "manage_users"),
    ("admin", "pages/audit.py", ":material/policy:", "nhat-ky", "view_audit"),
    ("admin", "pages/health.py", ":material/monitor_heart:", "tinh-trang", "view_health"),
]


def _pages(user) -> dict[str, list]:
    """The pages `user` may use, by section; every page when nobody is signed in (they are routed, never run)."""
    sections: dict[str, list] = {}
    for section, path, icon, url, permission in PAGES:
        if user is None or permission is None or user.can(permission):
            page = st.Page(
                path,
                title=texts.NAVIGATION_TITLES[Path(path).stem],
                icon=icon,
                url_path=url,
                default=url is None,
                visibility="hidden" if url is None else "visible",
            )
            sections.setdefault(texts.NAVIGATION_SECTIONS[section], []).append(page)
    return sections


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
        ui.vietnamese_widgets()
        st.caption(ui.plain(texts.SIGNED_IN_AS.format(full_name=user.full_name, role=user.role_label)))
        st.button(texts.SIGN_OUT_BUTTON, key="sign_out", on_click=ui.sign_out, icon=":material/logout:")
    try:
        st.navigation(_pages(user), expanded=True).run()  # every page in view: no "View 3 more" in English
    except DatabaseBusy:
        busy()
