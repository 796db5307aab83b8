"""The home page, run headless with Streamlit's AppTest on real database files."""

import pytest

from core.bootstrap import open_database
from tests.support.apptest import all_text, run_page
from tests.support.browser import copy_with_accounts
from tests.support.engine_plan import PLAN, install


def run_home(monkeypatch, db_path, plan: str | None = None):
    return run_page(monkeypatch, db_path, "pages/home.py", **({"plan": plan} if plan else {}))


@pytest.fixture
def empty_db(tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    return path


def test_home_lists_plans_and_is_honest_about_an_empty_database(monkeypatch, empty_db):
    at = run_home(monkeypatch, empty_db, "lang-son-2023")
    assert not at.exception
    text = all_text(at)
    assert "Theo dõi chỉ tiêu phòng, chống mại dâm" in text
    assert "Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2023)" in text
    assert "Kiểm tra ít nhất 30% số cơ sở" in text
    assert "Tối thiểu 30%" in text
    assert "Tổ chức kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ có điều kiện" in text  # the plan's sentence
    plans = at.dataframe[0].value
    assert set(plans["Mã kế hoạch"]) == {
        "hai-duong-2021",
        "tp-hcm-2018",
        "ninh-thuan-2020",
        "lang-son-2023",
        "lai-chau-2013",
        "lang-son-2024",
        "lang-son-2026",
    }


def test_home_choice_follows_the_url(monkeypatch, empty_db):
    at = run_home(monkeypatch, empty_db, "tp-hcm-2018")
    assert at.selectbox(key="plan").value == "tp-hcm-2018"
    text = all_text(at)
    assert "Từ 6 đến 8" in text  # hotspots to clear
    assert "2234/KH-UBND" in text
    at.selectbox(key="plan").set_value("lai-chau-2013").run()
    assert at.query_params["plan"] == ["lai-chau-2013"] or at.query_params["plan"] == "lai-chau-2013"


def test_home_shows_where_the_data_stands(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    db = open_database(path)
    install(db)
    db.close()
    at = run_home(monkeypatch, path, PLAN)
    assert not at.exception
    text = all_text(at)
    assert "Quý I năm 2023" in text and "3/7 đơn vị đã báo cáo quý I\n" in text
    assert "Quý II năm 2023" in text and "2/7 đơn vị đã báo cáo quý II" in text


def test_a_units_staff_sees_only_its_own_units_reports_on_the_home_page(monkeypatch, demo_db_path, tmp_path):
    """Issue 15, finding 7: unit staff were shown the province's counts ("10/11 đơn vị đã báo cáo")."""
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    province = all_text(run_page(monkeypatch, path, "pages/home.py", role="secretariat", plan="lang-son-2023"))
    assert "/11 đơn vị đã báo cáo quý I" in province
    text = all_text(run_page(monkeypatch, path, "pages/home.py", role="unit_staff", plan="lang-son-2023"))
    assert "1/1 đơn vị đã báo cáo quý I" in text
    assert "/11 đơn vị" not in text
