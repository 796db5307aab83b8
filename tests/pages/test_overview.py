"""The Tổng quan page, run headless with Streamlit's AppTest on the demo year and on an empty database."""

import base64
import re

import pytest

from core import fmt
from core.bootstrap import open_database
from core.engine import compute_indicators
from screens.overview import overview
from tests.support.apptest import all_text, run_page

DEMO = "lang-son-2023"
PAGE = "pages/overview.py"


@pytest.fixture(scope="module")
def expected(demo_db_path):
    """What the core computes for the periods the tests open."""
    database = open_database(demo_db_path)
    figures = {
        period: (
            overview(database, DEMO, period),
            {r.indicator_code: r for r in compute_indicators(database, DEMO, period)},
        )
        for period in ("2023Q2", "2023Q4")
    }
    database.close()
    return figures


def metrics(at) -> dict[str, str]:
    return {m.label.replace("\\", ""): m.value for m in at.metric}


def trends(at) -> list[str]:
    """The cards' trends: the SVG of each image the page shows."""
    images = (re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', element.value) for element in at.get("html"))
    return [base64.b64decode(image.group(1)).decode("utf-8") for image in images if image]


def test_overview_shows_the_engine_figures(monkeypatch, demo_db_path, expected):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2")
    assert not at.exception
    view, engine = expected["2023Q2"]
    shown = metrics(at)
    assert shown["Tỷ lệ cơ sở được kiểm tra"] == fmt.percent(engine["CO_SO_KIEM_TRA"].value) == "16,9%"
    assert shown["Tỷ lệ xây dựng kế hoạch lồng ghép"] == fmt.percent(engine["KE_HOACH_LONG_GHEP"].value)
    assert len(shown) == len(view.cards) == 6
    text = all_text(at)
    assert "11/11 đơn vị đã báo cáo quý II" in text
    assert "Chỉ tiêu cần chú ý" in text
    for sentence in view.behind_sentences:
        assert sentence in text
    assert not any(s.startswith("Tỷ lệ cơ sở được kiểm tra") for s in view.behind_sentences)  # 16,9% of 15% due
    assert "chậm tiến độ (cần đạt 50% vào thời điểm này)" in text
    assert "Chậm tiến độ" in text and "Đúng tiến độ" in text  # the badges' words
    assert "cần 15% vào thời điểm này" in text  # beside the badge of the establishments inspected
    assert "Chỉ tiêu: Tối thiểu 30%" in text and "dựa trên 11/11 đơn vị" in text
    assert sum('role="progressbar"' in element.value for element in at.get("html")) == 6
    assert len(trends(at)) == 6 and at.get("plotly_chart") == []  # drawn by the page, not by Plotly


def test_the_url_chooses_the_period(monkeypatch, demo_db_path, expected):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4")
    assert not at.exception
    assert at.selectbox(key="period").value == "2023Q4"
    view, engine = expected["2023Q4"]
    assert metrics(at)["Tỷ lệ cơ sở được kiểm tra"] == fmt.percent(engine["CO_SO_KIEM_TRA"].value)
    text = all_text(at)
    assert "10/11 đơn vị đã báo cáo quý IV" in text
    assert "Dùng số liệu báo cáo kỳ trước của: Huyện Đình Lập" in text
    trend = next(svg for svg in trends(at) if ">27,7%</text>" in svg)
    labels = re.findall(r'text-anchor="middle" fill="#333333">([^<]+)</text>', trend)
    assert labels == ["Quý I", "Quý II", "Quý III", "Quý IV"]


def test_empty_database_says_so(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO, period="2023Q2")
    assert not at.exception
    text = all_text(at)
    assert "0/11 đơn vị đã báo cáo quý II" in text
    assert "Chưa có báo cáo nào của các đơn vị tính đến hết Quý II năm 2023" in text
    assert at.info
    assert "Chưa có số liệu để vẽ diễn biến." in text
    assert set(metrics(at).values()) <= {"—", "0,0%"}  # no report at all, hence none on time


def test_the_plan_and_period_chosen_go_with_the_person_to_the_next_page_of_the_menu(monkeypatch, demo_db_path):
    """A page opened from the menu has no parameters in its link: it shows the plan and period the person was
    looking at, not the newest plan (a secretariat preparing the 2023 meeting stays in 2023)."""
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2")
    assert at.selectbox(key="plan").value == DEMO and at.selectbox(key="period").value == "2023Q2"
    at.query_params.clear()  # a link of the menu
    at.switch_page("pages/indicator.py").run()
    assert at.selectbox(key="plan").value == DEMO and at.selectbox(key="period").value == "2023Q2"
    at.selectbox(key="period").select("2023Q3").run()
    at.query_params.clear()
    at.switch_page("pages/scorecard.py").run()
    assert at.selectbox(key="plan").value == DEMO and at.selectbox(key="period").value == "2023Q3"


def test_a_new_session_from_the_menu_shows_the_newest_plan(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE)
    assert at.selectbox(key="plan").value == "lang-son-2026"
