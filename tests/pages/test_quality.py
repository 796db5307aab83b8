"""The Chất lượng số liệu page, run headless with AppTest on the demo year and on an empty database."""

import pytest

from core.bootstrap import open_database
from core.db import Database
from tests.support.apptest import all_text, run_page
from tests.support.browser import SCREENSHOT_VIEWPORT, open_deep_link
from tests.support.databases import copy_database
from tests.support.held import PROBLEM, held_80_of_75

DEMO = "lang-son-2023"
PAGE = "pages/quality.py"


def param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_current_reports_have_no_warning_until_superseded_ones_are_included(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO)
    assert not at.exception
    assert at.selectbox(key="unit").value == "20"  # the whole province
    assert at.selectbox(key="period").value == "all"
    text = all_text(at)
    assert "Không có cảnh báo nào về số liệu trong các báo cáo đang chọn." in text
    assert "Gồm cả các bản đã được thay thế" in text  # the hint points to the checkbox
    assert len(at.dataframe) == 0

    at.checkbox(key="superseded").check().run()
    assert not at.exception
    assert param(at, "superseded") == "1"
    assert "2 cảnh báo trong 1 báo cáo của 1 đơn vị" in all_text(at)
    table, by_unit, by_period = (frame.value for frame in at.dataframe)
    assert table["Nội dung cảnh báo"].tolist() == [
        "Số cơ sở đã được kiểm tra (120) lớn hơn Tổng số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm (75).",
        "Số cơ sở đã được kiểm tra ghi 120, nhưng tổng cột «Số cơ sở đã kiểm tra» ở trang ChiTietXa là 12.",
    ]
    assert set(table["Phiên bản"]) == {"Đã được thay thế"}
    assert set(table["Ô"]) == {"E23"} and set(table["Mã chỉ tiêu"]) == {"KT02"}
    assert set(table["Hồ sơ đơn vị"]) == {"/don-vi?plan=lang-son-2023&period=2023Q2&unit=183"}
    assert by_unit.values.tolist() == [["Huyện Cao Lộc", "2", "1"]]
    assert by_period.values.tolist() == [["Quý II năm 2023", "2", "1"]]


def test_filters_come_from_the_url_and_go_back_to_it(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, unit="183", period="2023Q2", superseded="1")
    assert not at.exception
    assert (at.selectbox(key="unit").value, at.selectbox(key="period").value) == ("183", "2023Q2")
    assert at.checkbox(key="superseded").value
    assert len(at.dataframe[0].value) == 2
    at.selectbox(key="unit").set_value("181").run()
    assert not at.exception
    assert param(at, "unit") == "181"
    assert "Không có cảnh báo nào về số liệu trong các báo cáo đang chọn." in all_text(at)


def test_empty_database_says_so(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO, superseded="1")
    assert not at.exception
    assert "Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2023), nên chưa có cảnh báo nào." in all_text(at)
    assert len(at.dataframe) == 0


@pytest.mark.browser
def test_quality_page_in_chromium(demo_server, browser_page, output_dir):
    page = browser_page
    page.set_viewport_size(SCREENSHOT_VIEWPORT)
    open_deep_link(page, demo_server, f"/chat-luong-so-lieu?plan={DEMO}&superseded=1", "Số cảnh báo theo kỳ")
    assert "2 cảnh báo trong 1 báo cáo của 1 đơn vị" in page.inner_text("body")
    page.screenshot(path=str(output_dir / "quality.png"), full_page=True)


def test_the_secretariat_confirms_a_held_figure_on_the_page(monkeypatch, tmp_path, demo_db_path):
    path = copy_database(demo_db_path, tmp_path / "demo.duckdb")
    db = Database(path)
    held_80_of_75(db, tmp_path, reason="Huyện đã rà soát")
    db.close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO)
    assert not at.exception
    text = all_text(at)
    assert "Số liệu chờ xác minh" in text and "1 vấn đề chờ xác minh" in text
    assert PROBLEM in text and "Huyện đã rà soát" in text
    assert "Số cơ sở đã được kiểm tra: 80" in text

    def widget(kind: str, prefix: str):  # from the page as last drawn: an older element would send its old state
        return next(w for w in getattr(at, kind) if w.key.startswith(prefix))

    widget("button", "verify-confirm-").click().run()
    assert "Cần ghi lý do cho quyết định này." in all_text(at)  # nothing decided without a reason
    assert "1 vấn đề chờ xác minh" in all_text(at)
    widget("text_input", "verify-reason-").set_value("Đã gọi điện cho huyện xác minh").run()
    widget("button", "verify-confirm-").click().run()
    text = all_text(at)
    assert "Đã xác nhận: số liệu được tính từ bây giờ." in text and "Không có số liệu nào chờ xác minh." in text


def test_a_committee_member_sees_held_figures_without_deciding(monkeypatch, tmp_path, demo_db_path):
    path = copy_database(demo_db_path, tmp_path / "demo.duckdb")
    db = Database(path)
    held_80_of_75(db, tmp_path)
    db.close()
    at = run_page(monkeypatch, path, PAGE, role="committee", plan=DEMO)
    assert PROBLEM in all_text(at)
    assert not [b for b in at.button if b.key.startswith("verify-")]
