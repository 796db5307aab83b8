"""The Bảng điểm page, run headless with Streamlit's AppTest on the demo year and on an empty database."""

import json

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from core import texts
from core.bootstrap import open_database
from screens.scorecard import scorecard
from tests.support.apptest import all_text, run_page
from tests.support.browser import SCREENSHOT_VIEWPORT, open_deep_link

DEMO = "lang-son-2023"
PAGE = "pages/scorecard.py"
TABLE_KEY = "scorecard_table"
ROW_HEIGHT = 44  # as the page sets it
HEADER_HEIGHT = 40  # the grid's header row is 35 to 44 px high: this lands inside the first row either way


@pytest.fixture(scope="module")
def q4(demo_db_path):
    database = open_database(demo_db_path)
    card = scorecard(database, DEMO, "2023Q4")
    database.close()
    return card


def shown_cells(element) -> dict[tuple[str, str], str]:
    """What the styled table shows in each cell: (unit name, column) -> text."""
    shown = convert_arrow_bytes_to_pandas_df(element.proto.arrow_data.styler.display_values)
    return {(str(row["unit"]), column): str(row[column]) for _, row in shown.iterrows() for column in shown.columns}


def column_labels(element) -> dict[str, str]:
    return {name: config.get("label") for name, config in json.loads(element.proto.columns).items()}


def test_scorecard_shows_the_engine_figures_coloured_by_status(monkeypatch, demo_db_path, q4):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4")
    assert not at.exception
    text = all_text(at)
    assert "Bảng điểm" in text and "10/11 đơn vị đã báo cáo quý IV" in text
    assert "Dùng số liệu báo cáo kỳ trước của: Huyện Đình Lập" in text

    table = at.dataframe[0]
    cells = shown_cells(table)
    assert cells[("Toàn tỉnh (Lạng Sơn)", "CO_SO_KIEM_TRA")] == "✖ 27,7%"
    for row in q4.rows:
        for code, cell in row.cells.items():
            if cell.value is not None:  # a missing value is the grid's placeholder, checked below
                assert cells[(row.unit_name, code)] == cell.text
    assert cells[("Huyện Đình Lập", "report")] == "Dùng kỳ trước"
    styles = table.proto.arrow_data.styler.styles.lower()
    assert all(texts.STATUS_COLOURS[s].lower() in styles for s in ("met", "missed", "monitor"))
    assert table.proto.placeholder == "? —"
    labels = column_labels(table)
    assert labels["CO_SO_KIEM_TRA"] == "Cơ sở kiểm tra" and labels["report"] == "Báo cáo quý IV"
    assert list(table.value.index) == [r.unit_code for r in q4.rows]  # the province, then the plan's units

    legend = at.table[0].value
    assert legend.iloc[0].tolist() == [
        "✔ Đạt",
        "↗ Đúng tiến độ",
        "↘ Chậm tiến độ",
        "✖ Không đạt",
        "? Chưa có số liệu",
        "• Chỉ theo dõi",
    ]
    assert "Chú giải" in text
    unit_list = at.selectbox(key="open_unit")
    assert unit_list.value is None  # every unit's page, the province's too, one choice away
    assert unit_list.options == [r.unit_name for r in q4.rows]


def test_url_chooses_the_period_and_the_sort(monkeypatch, demo_db_path, q4):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4", sort="CO_SO_KIEM_TRA", order="asc")
    assert not at.exception
    assert at.selectbox(key="period").value == "2023Q4"
    assert at.selectbox(key="sort").value == "CO_SO_KIEM_TRA"
    assert at.selectbox(key="order").value == "asc"
    units = list(at.dataframe[0].value.index)
    values = [q4.row(code).cells["CO_SO_KIEM_TRA"].value for code in units[1:]]
    assert units[0] == "20" and values == sorted(values)  # lowest first under the province
    at.toggle(key="monitor").set_value(False).run()
    assert [c for c in at.dataframe[0].value.columns if c not in ("unit", "report")] == [
        c.indicator_code for c in q4.columns if c.is_judged
    ]


def test_selecting_a_row_opens_the_units_page(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4")
    units = list(at.dataframe[0].value.index)
    at.session_state[TABLE_KEY] = {"selection": {"rows": [units.index("189")], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.query_params["unit"] in ("189", ["189"])
    assert at.query_params["period"] in ("2023Q4", ["2023Q4"])
    text = all_text(at)
    assert "Huyện Đình Lập" in text and "Chưa nhận báo cáo quý IV năm 2023." in text


def test_choosing_a_unit_in_the_list_opens_its_page(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4")
    at.selectbox(key="open_unit").select("189").run()
    assert not at.exception
    assert at.query_params["unit"] in ("189", ["189"])
    assert "Chưa nhận báo cáo quý IV năm 2023." in all_text(at)


def test_a_period_without_reports_says_so(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO, period="2023Q2")
    assert not at.exception
    assert "Chưa có báo cáo nào của các đơn vị tính đến hết Quý II năm 2023" in all_text(at)
    assert "0/11 đơn vị đã báo cáo quý II" in all_text(at)
    assert len(at.dataframe) == 0


@pytest.mark.browser
def test_scorecard_and_unit_pages_in_chromium(demo_server, browser_page, output_dir):
    """The scorecard as a committee member sees it; ticking a row's box opens that unit's page."""
    page = browser_page
    page.set_viewport_size(SCREENSHOT_VIEWPORT)
    open_deep_link(page, demo_server, f"/bang-diem?plan={DEMO}&period=2023Q4", "Chú giải")
    for expected in ("10/11 đơn vị đã báo cáo quý IV", "✖ Không đạt"):  # on a busy machine the page may
        page.get_by_text(expected).first.wait_for(timeout=30_000)  # still be drawing when the legend shows
    page.screenshot(path=str(output_dir / "scorecard.png"), full_page=True)

    grid = page.get_by_test_id("stDataFrame").bounding_box()
    last_row = 11  # Huyện Đình Lập, under the province and ten other units
    page.mouse.click(grid["x"] + 18, grid["y"] + HEADER_HEIGHT + ROW_HEIGHT * last_row + ROW_HEIGHT / 2)
    page.wait_for_url(f"**/don-vi?plan={DEMO}&period=2023Q4&unit=189", timeout=30_000)
    page.get_by_text("Báo cáo đã nhận trong năm 2023").wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # let the data grids paint
    body = page.inner_text("body")
    assert "Huyện Đình Lập" in body and "Chưa nhận báo cáo quý IV năm 2023." in body
    page.screenshot(path=str(output_dir / "unit.png"), full_page=True)
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []


def test_the_communes_of_2026_are_found_by_name_or_by_being_behind(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan="lang-son-2026", period="2026Q3")
    assert len(at.dataframe[0].value) == 1 + 65
    at.text_input(key="search").input("mau son").run()
    assert list(at.dataframe[0].value.index) == ["20", "06541"]  # the province, then Xã Mẫu Sơn
    assert "Đang hiện 1/65 đơn vị." in all_text(at)
    at.text_input(key="search").input("").run()
    at.toggle(key="lagging").set_value(True).run()
    assert 1 < len(at.dataframe[0].value) < 1 + 65
