"""The Tình hình báo cáo page, run headless with AppTest on the demo year and on an empty database.

The page judges on the real date: every deadline of the demo year 2023 has passed.
"""

import pytest

from core.bootstrap import open_database
from tests.support.apptest import all_text, run_page
from tests.support.browser import SCREENSHOT_VIEWPORT, open_deep_link

DEMO = "lang-son-2023"
PAGE = "pages/reporting.py"


def test_grid_rates_and_chase_list_on_the_demo(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO)
    assert not at.exception
    assert at.selectbox(key="plan").value == DEMO
    assert [(m.label, m.value) for m in at.metric] == [
        ("Tỷ lệ đầy đủ", "97,0%"),
        ("Tỷ lệ đúng hạn", "93,9%"),
        ("Đơn vị cần đôn đốc", "3"),
    ]
    text = all_text(at)
    assert "64/66 báo cáo đến hạn đã nộp" in text and "62/66 báo cáo đến hạn nộp đúng hạn" in text
    assert "2 báo cáo chưa nộp, 2 báo cáo nộp trễ" in text
    assert "Huyện Đình Lập: chưa nộp quý IV" in text
    assert "Huyện Bình Gia: nộp trễ quý I (6 ngày)" in text
    assert "(*) Hạn mặc định, vì kế hoạch không nêu hạn cho kỳ này: Quý I (15/03/2023)" in text

    grid, chase, rates = (frame.value for frame in at.dataframe)
    assert grid.columns.tolist() == [
        "Đơn vị",
        "Quý I · hạn 15/03*",
        "Quý II · hạn 15/06*",
        "6 tháng đầu năm · hạn 25/06",
        "Quý III · hạn 15/09*",
        "Quý IV · hạn 15/12*",
        "Cả năm · hạn 25/12",
    ]
    rows = grid.set_index("Đơn vị")
    assert rows.loc["Huyện Bình Gia", "Quý I · hạn 15/03*"] == "Trễ 6 ngày"
    assert rows.loc["Huyện Văn Quan", "Quý III · hạn 15/09*"] == "Trễ 13 ngày"
    assert rows.loc["Huyện Đình Lập", "Quý IV · hạn 15/12*"] == "Chưa nộp"
    assert rows.loc["Huyện Đình Lập", "Cả năm · hạn 25/12"] == "Chưa nộp"
    assert rows.loc["Huyện Cao Lộc", "Quý II · hạn 15/06*"] == "Đúng hạn"  # first receipt counts

    assert chase[["Đơn vị", "Kỳ báo cáo", "Tình trạng"]].values.tolist() == [
        ["Huyện Đình Lập", "Quý IV năm 2023", "Chưa nộp"],
        ["Huyện Đình Lập", "Năm 2023", "Chưa nộp"],
        ["Huyện Văn Quan", "Quý III năm 2023", "Nộp trễ"],
        ["Huyện Bình Gia", "Quý I năm 2023", "Nộp trễ"],
    ]
    assert chase.iloc[2]["Số ngày"] == "Trễ 13 ngày"
    assert rates.iloc[0][["Tỷ lệ đầy đủ", "Tỷ lệ đúng hạn"]].tolist() == ["100,0%", "90,9%"]
    assert rates.iloc[-1].tolist() == ["Tất cả các kỳ đã đến hạn", "", "66", "64", "62", "97,0%", "93,9%"]


def test_another_plan_from_the_url(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan="tp-hcm-2018")
    assert not at.exception
    assert at.dataframe[0].value.columns.tolist()[1:] == [
        "Quý I · hạn 15/03",
        "Quý II · hạn 15/06",
        "Quý III · hạn 15/09",
        "Quý IV · hạn 15/12",
        "Cả năm · hạn 15/12",
    ]
    assert "Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2018)" in all_text(at)


def test_empty_database_says_so(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO)
    assert not at.exception
    text = all_text(at)
    assert "Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2023)" in text
    assert [m.value for m in at.metric] == ["0,0%", "0,0%", "11"]
    grid = at.dataframe[0].value
    assert set(grid.drop(columns="Đơn vị").stack()) == {"Chưa nộp"}  # every report of 2023 is overdue
    assert "0/66 báo cáo đến hạn đã nộp" in text


@pytest.mark.browser
def test_reporting_page_in_chromium(demo_server, browser_page, output_dir):
    page = browser_page
    page.set_viewport_size(SCREENSHOT_VIEWPORT)
    open_deep_link(page, demo_server, f"/tinh-hinh-bao-cao?plan={DEMO}", "Tỷ lệ theo kỳ")
    body = page.inner_text("body")
    assert "97,0%" in body and "Huyện Đình Lập: chưa nộp quý IV" in body
    page.screenshot(path=str(output_dir / "reporting.png"), full_page=True)


def test_the_grid_shows_only_the_units_to_call_when_asked(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO)
    assert len(at.dataframe[0].value) == 11
    at.toggle(key="chase_only").set_value(True).run()
    assert at.dataframe[0].value["Đơn vị"].tolist() == ["Huyện Bình Gia", "Huyện Văn Quan", "Huyện Đình Lập"]
    assert "Đang hiện 3/11 đơn vị." in all_text(at)
