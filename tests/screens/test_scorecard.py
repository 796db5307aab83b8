"""The scorecard (screens/scorecard.py): cells equal the engine's figures; colours, icons, sorting, no data."""

import math
from dataclasses import replace

import pandas as pd
import pytest

from core import texts
from core.engine import compute_indicators
from screens.charts import ink_on
from screens.scorecard import (
    DEFAULT_SORT,
    MISSING_TEXT,
    REPORT_COLUMN,
    UNIT_COLUMN,
    grid,
    legend,
    scorecard,
    shown_columns,
    shown_text,
    sort_choices,
    sorted_rows,
    styled,
)

DEMO = "lang-son-2023"
JUDGED = [  # the demo plan's measured targets, in plan order
    "XA_TUYEN_TRUYEN",
    "KE_HOACH_LONG_GHEP",
    "CO_SO_KIEM_TRA",
    "HO_TRO_NGUOI_BAN_DAM",
    "CAN_BO_TAP_HUAN",
    "BAO_CAO_DUNG_HAN",
]
UNITS = ["178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189"]


@pytest.fixture(scope="module")
def q4(demo):
    return scorecard(demo, DEMO, "2023Q4")


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        def channel(pair: str) -> float:
            c = int(pair, 16) / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_cell_equals_the_engine(demo, q4):
    results = compute_indicators(demo, DEMO, "2023Q4", breakdown=True)
    assert [r.unit_code for r in q4.rows] == ["20", *UNITS]  # the province, then the plan's units
    assert q4.rows[0].is_province and q4.rows[0].unit_name == "Toàn tỉnh (Lạng Sơn)"
    for result in results:
        cell = q4.row(result.unit_code).cells[result.indicator_code]
        assert cell.value == result.value
        assert cell.status == result.status
    assert len(results) == len(q4.rows) * len(q4.columns)


def test_columns_are_the_plans_targets_then_the_monitored_indicators(demo, q4):
    catalogue = [row.indicator_code for row in demo.rows("indicator_catalogue")]
    codes = [c.indicator_code for c in q4.columns]
    assert codes[: len(JUDGED)] == JUDGED
    assert codes[len(JUDGED) :] == [c for c in catalogue if c not in JUDGED]
    assert [c.is_judged for c in q4.columns] == [True] * len(JUDGED) + [False] * (len(catalogue) - len(JUDGED))
    inspected = q4.columns[2]
    assert inspected.short_name == "Cơ sở kiểm tra"
    assert inspected.help == "Tỷ lệ cơ sở được kiểm tra. Chỉ tiêu: Tối thiểu 30%."
    assert q4.columns[-1].help.endswith("Chỉ theo dõi: kế hoạch không đặt chỉ tiêu.")
    assert [c.indicator_code for c in shown_columns(q4, with_monitor=False)] == JUDGED


def test_cells_show_icon_and_vietnamese_number(q4):
    province = q4.rows[0].cells
    assert province["CO_SO_KIEM_TRA"].text == "✖ 27,7%"  # below 30% at the year's end: missed
    assert province["CAN_BO_TAP_HUAN"].text.startswith("✔ ")
    assert province["TIEN_XU_PHAT"].text == "• 1.141,9"  # monitored: no target, Vietnamese decimals
    missing = q4.row("189").cells["HO_TRO_NGUOI_BAN_DAM"]  # nobody in need: no share to compute
    assert missing.value is None and missing.text == "? —" and missing.look == "no_data"


def test_report_column_and_carried_forward_unit(q4):
    assert q4.headline == "10/11 đơn vị đã báo cáo quý IV"
    assert q4.report_header == "Báo cáo quý IV"
    assert q4.rows[0].report_text == "10/11 đơn vị đã nộp"
    assert q4.row("189").report_text == "Dùng kỳ trước"  # Đình Lập sent nothing for Q4
    assert q4.row("183").report_text == "Đã nộp"
    assert q4.carried_text == "Dùng số liệu báo cáo kỳ trước của: Huyện Đình Lập"
    assert q4.without_report == []


def displayed(view) -> pd.DataFrame:
    """What the styled table shows in each cell."""
    body = styled(view)._translate(False, False)["body"]
    cells = [[cell["display_value"] for cell in row[1:]] for row in body]  # after the index cell
    return pd.DataFrame(cells, index=view.frame.index, columns=view.frame.columns)


def test_styled_table_colours_each_cell_by_status(q4):
    view = grid(q4)
    frame = view.frame
    assert list(frame.index) == ["20", *UNITS]
    assert list(frame.columns) == [UNIT_COLUMN, *JUDGED, REPORT_COLUMN] + [
        c.indicator_code for c in q4.columns if not c.is_judged
    ]
    assert frame.at["20", "CO_SO_KIEM_TRA"] == q4.rows[0].cells["CO_SO_KIEM_TRA"].value  # numbers sort by value
    assert math.isnan(frame.at["189", "HO_TRO_NGUOI_BAN_DAM"])
    shown = displayed(view)
    for row in q4.rows:
        for code, cell in row.cells.items():
            assert shown.at[row.unit_code, code] == cell.text
    assert q4.row("189").cells["HO_TRO_NGUOI_BAN_DAM"].text == MISSING_TEXT
    assert list(view.own_texts) == ["20"]  # the province; the units' texts follow their values
    html = styled(view).to_html()
    for status in ("met", "missed", "monitor", "no_data"):  # the year's end: no 'on track' or 'behind' any more
        assert texts.STATUS_COLOURS[status].lower() in html.lower()
    assert "✖ 27,7%" in html


def test_a_value_with_two_statuses_in_one_column_keeps_each_cells_text(q4):
    code = "TIEN_XU_PHAT"  # monitored: '•' for every unit
    same = q4.row("183").cells[code]
    other = same._replace(text="✖ other", status="behind", look="behind")
    rows = [replace(r, cells=r.cells | {code: other}) if r.unit_code == "184" else r for r in q4.rows]
    view = grid(replace(q4, rows=rows))
    assert list(view.own_texts) == ["20", "184"]
    shown = displayed(view)
    assert shown.at["184", code] == "✖ other" and shown.at["183", code] == same.text
    assert shown.at["184", "CO_SO_KIEM_TRA"] == q4.row("184").cells["CO_SO_KIEM_TRA"].text


def test_text_colour_is_readable_on_every_status_colour():
    assert ink_on("#000000") == "#FFFFFF" and ink_on("#FFFFFF") == "#000000"
    for colour in texts.STATUS_COLOURS.values():
        assert contrast(ink_on(colour), colour) >= 4.5


def test_legend_names_every_status_with_icon_and_colour():
    styler = legend()
    assert styler.data.iloc[0].tolist() == [
        "✔ Đạt",
        "↗ Đúng tiến độ",
        "↘ Chậm tiến độ",
        "✖ Không đạt",
        "? Chưa có số liệu",
        "• Chỉ theo dõi",
    ]
    html = styler.to_html().lower()
    assert all(colour.lower() in html for colour in texts.STATUS_COLOURS.values())


def test_a_view_sorts_and_filters_the_table(q4):
    ascending = grid(q4, "CO_SO_KIEM_TRA", descending=False, with_monitor=False)
    assert list(ascending.frame.index) == [r.unit_code for r in sorted_rows(q4, "CO_SO_KIEM_TRA", descending=False)]
    assert list(ascending.texts_by_value) == JUDGED
    assert ascending.css.at["20", "CO_SO_KIEM_TRA"].endswith("font-weight: bold")
    assert not ascending.css.at["183", "CO_SO_KIEM_TRA"].endswith("font-weight: bold")


def test_sorting_keeps_the_province_first_and_missing_values_last(q4):
    assert sorted_rows(q4, DEFAULT_SORT) == q4.rows
    descending = sorted_rows(q4, "CO_SO_KIEM_TRA", descending=True)
    assert descending[0].is_province
    values = [r.cells["CO_SO_KIEM_TRA"].value for r in descending[1:]]
    assert values == sorted(values, reverse=True) and values[0] == pytest.approx(0.4074, abs=1e-4)
    ascending = sorted_rows(q4, "CO_SO_KIEM_TRA", descending=False)
    assert [r.unit_code for r in ascending[1:]] == [r.unit_code for r in descending[1:]][::-1]
    with_gap = sorted_rows(q4, "HO_TRO_NGUOI_BAN_DAM", descending=False)
    assert with_gap[-1].unit_code == "189"  # no value: last whichever the direction
    assert list(sort_choices(q4))[:3] == [DEFAULT_SORT, "XA_TUYEN_TRUYEN", "KE_HOACH_LONG_GHEP"]


def test_no_report_at_all_is_said_not_hidden(db):
    card = scorecard(db, DEMO, "2023Q2")
    assert not card.has_data
    assert card.headline == "0/11 đơn vị đã báo cáo quý II"
    figures = [cell for row in card.rows for code, cell in row.cells.items() if code != "BAO_CAO_DUNG_HAN"]
    assert all(cell.look == "no_data" and cell.text == "? —" for cell in figures)
    assert card.rows[0].cells["BAO_CAO_DUNG_HAN"].text == "↘ 0,0%"  # none of the 11 came in on time: behind
    assert len(card.without_report) == 11 and "Huyện Đình Lập" in card.without_report
    assert card.row("183").report_text == "Chưa có báo cáo"


def test_a_unit_is_found_by_a_part_of_its_name_with_or_without_accents(q4):
    """Issue 19, item 3: with 65-168 communes a person looks a unit up rather than scrolling."""
    found = grid(q4, search="dinh lap")
    assert found.frame[UNIT_COLUMN].tolist() == ["Toàn tỉnh (Lạng Sơn)", "Huyện Đình Lập"]  # the province stays
    assert shown_text(q4, found) == "Đang hiện 1/11 đơn vị."
    assert grid(q4, search="  HUYỆN  cao ").frame[UNIT_COLUMN].tolist()[1:] == ["Huyện Cao Lộc"]
    assert shown_text(q4, grid(q4)) is None  # nothing filtered: nothing to say


def test_below_the_level_due_keeps_the_units_a_meeting_must_hear_about(demo):
    card = scorecard(demo, "lang-son-2026", "2026Q3")
    judged = [c.indicator_code for c in card.judged_columns]
    kept = set(grid(card, lagging_only=True).frame.index)
    for row in card.rows[1:]:
        lagging = any(row.cells[code].status in ("behind", "missed") for code in judged)
        assert (row.unit_code in kept) == lagging, row.unit_name
    assert 0 < len(kept) - 1 < 65  # some communes are on track, some behind


def test_a_countrys_grid_stops_at_its_first_units_and_says_how_to_see_the_others(q4, monkeypatch):
    """3,322 rows styled cell by cell took 0.7 s at every run: the grid keeps the first MAX_GRID_ROWS of the order."""
    monkeypatch.setattr("screens.scorecard.MAX_GRID_ROWS", 4)
    first = grid(q4)
    assert len(first.frame) == 1 + 4 and first.cut == 7 and first.frame[UNIT_COLUMN].iloc[0] == "Toàn tỉnh (Lạng Sơn)"
    assert first.frame.index.tolist()[1:] == [r.unit_code for r in q4.rows[1:5]]  # the plan's order, cut after four
    assert shown_text(q4, first) == (
        "Đang hiện 4/11 đơn vị: 4 đơn vị đầu theo cách sắp xếp đã chọn. "
        "Tìm theo tên hoặc đổi cách sắp xếp để xem các đơn vị khác."
    )
    found = grid(q4, search="dinh lap")  # a search finds a unit beyond the first four
    assert found.cut == 0 and found.frame[UNIT_COLUMN].tolist()[1:] == ["Huyện Đình Lập"]
