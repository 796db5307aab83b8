"""Each role lands on its own page at the root URL (issue 18, item 2), run with AppTest on the demo database."""

from __future__ import annotations

from tests.support.apptest import all_text, run_page
from tests.support.browser import copy_with_accounts


def test_a_units_staff_lands_on_its_reports_with_a_form_for_each(monkeypatch, demo_db_path, tmp_path):
    path = copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb")
    at = run_page(monkeypatch, path, role="unit_staff", plan="lang-son-2023")
    assert not at.exception
    assert at.title[0].value == "Báo cáo của đơn vị"
    text = all_text(at)
    assert "Đơn vị đã nộp đủ các báo cáo của năm." in text  # the demo year is over; Cao Lộc sent all six
    for period in ("Quý I năm 2023", "6 tháng đầu năm 2023", "Năm 2023"):
        assert period in text
    assert text.count("Đã nộp đúng hạn") == 6
    assert "Bản đang dùng nhận lúc 18/06/2023 16:00; số lần đã nộp: 2." in text
    buttons = at.get("download_button")
    assert len(buttons) == 6 and {b.proto.label for b in buttons} == {"Tải biểu mẫu để sửa"}
    assert at.selectbox(key="unit").options == ["Huyện Cao Lộc"]


def test_the_secretariat_lands_on_what_to_do(monkeypatch, demo_db_path, tmp_path):
    at = run_page(monkeypatch, copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb"), plan="lang-son-2023")
    assert not at.exception
    assert at.title[0].value == "Việc cần làm"
    text = all_text(at)
    assert "Không còn hạn nộp nào trong năm 2023." in text
    assert "2 báo cáo quá hạn chưa nộp và 2 báo cáo nộp trễ, ở 3 đơn vị." in text
    assert "Không có số liệu nào chờ xác minh." in text
    assert at.dataframe[0].value["Đơn vị"].tolist()[:2] == ["Huyện Đình Lập", "Huyện Đình Lập"]
    assert at.query_params["plan"] in ("lang-son-2023", ["lang-son-2023"])  # the link's choice carried over


def test_the_plan_text_stays_one_click_away(monkeypatch, demo_db_path, tmp_path):
    at = run_page(monkeypatch, copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb"), role="committee")
    assert at.title[0].value == "Tổng quan"
    at.switch_page("pages/home.py").run()
    assert "Chỉ tiêu của kế hoạch" in all_text(at)
