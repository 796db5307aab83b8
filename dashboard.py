"""Entry point of the dashboard (`streamlit run dashboard.py`): page setup and navigation."""

import streamlit as st

from core import texts

st.set_page_config(page_title=texts.APP_TITLE, page_icon="📊", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Trang chủ", icon=":material/home:", default=True),
        st.Page("pages/overview.py", title="Tổng quan", icon=":material/dashboard:", url_path="tong-quan"),
        st.Page("pages/indicator.py", title="Chỉ tiêu", icon=":material/bar_chart:", url_path="chi-tieu"),
        st.Page("pages/scorecard.py", title="Bảng điểm", icon=":material/grid_on:", url_path="bang-diem"),
        st.Page("pages/unit.py", title="Đơn vị", icon=":material/apartment:", url_path="don-vi"),
        st.Page(
            "pages/reporting.py",
            title="Tình hình báo cáo",
            icon=":material/schedule_send:",
            url_path="tinh-hinh-bao-cao",
        ),
        st.Page(
            "pages/quality.py", title="Chất lượng số liệu", icon=":material/fact_check:", url_path="chat-luong-so-lieu"
        ),
        st.Page("pages/present.py", title="Trình chiếu", icon=":material/co_present:", url_path="trinh-chieu"),
        st.Page("pages/submit.py", title="Nộp báo cáo", icon=":material/upload_file:", url_path="nop-bao-cao"),
        st.Page("pages/history.py", title="Lịch sử nộp", icon=":material/history:", url_path="lich-su-nop"),
    ]
)
navigation.run()
