"""One indicator by unit (screens/indicator_view.py): figures equal the engine's; table, charts and downloads."""

import csv
import dataclasses
import io

import pytest
from openpyxl import load_workbook

from core import fmt
from core.engine import compute_indicators
from screens.indicator_view import (
    bar_figure,
    default_indicator,
    file_stem,
    indicator_choices,
    indicator_options,
    indicator_page,
    indicator_view,
    parse_units_param,
    table,
    table_csv,
    table_xlsx,
    trend_figure,
)
from tests.support.engine_plan import PLAN as TEST_PLAN
from tests.support.engine_plan import install

DEMO = "lang-son-2023"
# The two figures are named by the form's rows they come from (issue 18: no "Tử số / Mẫu số").
HEADERS = ["Đơn vị", "Số cơ sở đã kiểm tra", "Tổng số cơ sở", "Giá trị", "Trạng thái", "Ghi chú"]


def rows_of(db, period, code, plan=DEMO):
    return [r for r in compute_indicators(db, plan, period, breakdown=True) if r.indicator_code == code]


def test_province_and_units_equal_the_engine(demo):
    view = indicator_view(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA")
    province, *units = rows_of(demo, "2023Q4", "CO_SO_KIEM_TRA")
    assert view.province.value == province.value and view.province.status == province.status
    assert view.value_text == fmt.percent(province.value) == "27,7%"
    assert {u.unit_code: (u.value, u.status) for u in view.units} == {u.unit_code: (u.value, u.status) for u in units}
    values = [u.value for u in view.units]
    assert values == sorted(values, reverse=True)  # the bars' order
    assert view.headline == "10/11 đơn vị đã báo cáo quý IV"
    assert view.target_text == "Tối thiểu 30%"
    assert view.target_source.startswith("Tổ chức kiểm tra ít nhất 30% số cơ sở")
    assert view.unit_goal == 0.30 and view.unit_due is None  # at the year's end all of the goal is due
    assert next(u for u in view.units if u.unit_name == "Huyện Đình Lập").is_carried


def test_table_shows_vietnamese_numbers(demo):
    view = indicator_view(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA")
    frame = table(view)
    assert list(frame.columns) == HEADERS
    assert frame.iloc[0].tolist() == ["Toàn tỉnh (Lạng Sơn)", "177", "639", "27,7%", "Không đạt", ""]
    carried = frame[frame["Đơn vị"] == "Huyện Đình Lập"].iloc[0]
    assert carried["Ghi chú"] == "Số liệu từ báo cáo kỳ trước"
    fines = table(indicator_view(demo, DEMO, "2023Q4", "TIEN_XU_PHAT"))
    total = rows_of(demo, "2023Q4", "TIEN_XU_PHAT")[0].value
    assert fines.iloc[0]["Giá trị"] == fmt.count(total) == "1.141,9"
    # A total has one figure, no empty denominator.
    assert fines.columns.tolist() == ["Đơn vị", "Tiền xử phạt (triệu đồng)", "Giá trị", "Trạng thái", "Ghi chú"]
    timely = table(indicator_view(demo, DEMO, "2023Q4", "BAO_CAO_DUNG_HAN")).columns.tolist()
    assert timely[1:3] == ["Báo cáo đúng hạn", "Báo cáo phải nộp"]


def test_behind_schedule_draws_what_is_due(demo):
    view = indicator_view(demo, DEMO, "2023Q2", "KE_HOACH_LONG_GHEP")
    assert view.province.status == "behind"
    assert (view.unit_goal, view.unit_due) == (1.0, 0.5)
    figure = bar_figure(view)
    lines = [shape.y0 for shape in figure.layout.shapes]
    assert lines == [1.0, 0.5]
    assert [a.text for a in figure.layout.annotations] == ["Chỉ tiêu 100%", "Cần đạt đến kỳ này 50,0%"]


def test_bar_chart(demo):
    view = indicator_view(demo, DEMO, "2023Q2", "CO_SO_KIEM_TRA")
    figure = bar_figure(view)
    assert figure.layout.title.text == "Tỷ lệ cơ sở được kiểm tra theo đơn vị — Quý II năm 2023"
    assert figure.layout.separators == ",." and figure.layout.yaxis.tickformat == ".0%"
    assert {trace.name for trace in figure.data} <= {"Đạt", "Đúng tiến độ", "Chậm tiến độ"}  # before the year's end
    assert list(figure.layout.xaxis.categoryarray) == [u.unit_name for u in view.units if u.value is not None]
    shown = {x: t for trace in figure.data for x, t in zip(trace.x, trace.text, strict=True)}
    assert shown == {u.unit_name: fmt.percent(u.value) for u in view.units}
    assert figure.layout.shapes[0].y0 == 0.30


def test_trend_for_the_province_and_chosen_units(demo):
    view = indicator_view(demo, DEMO, "2023Q3", "CO_SO_KIEM_TRA", ["178", "180"])
    assert [s.name for s in view.trend] == ["Toàn tỉnh (Lạng Sơn)", "Thành phố Lạng Sơn", "Huyện Tràng Định"]
    for series, code in zip(view.trend, ["20", "178", "180"], strict=True):
        assert [p.label for p in series.points] == ["Quý I", "Quý II", "Quý III"]
        for point in series.points:
            expected = next(r for r in rows_of(demo, point.period_code, "CO_SO_KIEM_TRA") if r.unit_code == code)
            assert point.value == expected.value
    figure = trend_figure(view)
    assert figure.layout.title.text == "Tỷ lệ cơ sở được kiểm tra qua các kỳ năm 2023"
    assert [trace.name for trace in figure.data] == [s.name for s in view.trend]


def test_downloads_have_vietnamese_headers_and_the_figures(demo):
    view = indicator_view(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA")
    data = table_csv(view)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the mark to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert rows[1] == ["Toàn tỉnh (Lạng Sơn)", "177", "639", "27,7%", "Không đạt", ""]
    sheet = load_workbook(io.BytesIO(table_xlsx(view))).active
    assert [c.value for c in sheet[1]] == HEADERS
    province = ["Toàn tỉnh (Lạng Sơn)", 177, 639, pytest.approx(view.province.value), "Không đạt"]
    assert [c.value for c in sheet[2]][:5] == province
    assert sheet.cell(2, 4).number_format == "0.0%"
    assert sheet.max_row == 1 + 1 + 11  # header, province, districts


def test_downloads_neutralise_formulas(demo):
    view = indicator_view(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA")
    evil = dataclasses.replace(view.units[0], unit_name='=HYPERLINK("http://x","y")')
    view = dataclasses.replace(view, units=[evil, *view.units[1:]])
    rows = list(csv.reader(io.StringIO(table_csv(view).decode("utf-8-sig"))))
    assert rows[2][0] == '\'=HYPERLINK("http://x","y")'
    sheet = load_workbook(io.BytesIO(table_xlsx(view))).active
    assert sheet.cell(3, 1).value.startswith("'=")


def test_choices(demo):
    names = indicator_choices(demo)
    assert names["CO_SO_KIEM_TRA"] == "Tỷ lệ cơ sở được kiểm tra"
    assert default_indicator(demo, DEMO) == "XA_TUYEN_TRUYEN"  # the plan's first measured target
    options = {"178": "Thành phố Lạng Sơn", "180": "Huyện Tràng Định"}
    assert parse_units_param("180, 999,180,178,", options) == ["180", "178"]
    assert parse_units_param(None, options) == []


def test_empty_database(db):
    view = indicator_view(db, DEMO, "2023Q2", "CO_SO_KIEM_TRA", ["178"])
    assert not view.has_data
    assert bar_figure(view) is None and trend_figure(view) is None
    frame = table(view)
    assert len(frame) == 12
    assert set(frame["Giá trị"]) == {"—"} and set(frame["Trạng thái"]) == {"Chưa có số liệu"}
    assert len(view.units_without_data) == 11


def test_count_target_belongs_to_the_province(db):
    install(db)
    view = indicator_view(db, TEST_PLAN, "2023Q2", "XA_LANH_MANH")
    assert view.target_text == "Tối thiểu 16"
    assert view.unit_goal is None and view.province_only_goal == "16"
    assert view.trend_goal == 16
    monitored = indicator_view(db, TEST_PLAN, "2023Q2", "CO_SO_VI_PHAM")
    assert monitored.target_text == "Theo dõi, không đánh giá" and monitored.trend_goal is None
    unmeasured = indicator_view(db, TEST_PLAN, "2023Q2", "TIEN_XU_PHAT")
    assert unmeasured.target_text is None and unmeasured.target_source is None


def test_the_page_gets_its_options_then_the_view_with_its_table_and_downloads(demo):
    options = indicator_options(demo, DEMO)
    assert options.indicators == indicator_choices(demo)
    assert options.default_indicator == default_indicator(demo, DEMO)
    assert len(options.units) == 11 and options.units["183"] == "Huyện Cao Lộc"
    page = indicator_page(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA", ("183",))
    view = indicator_view(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA", ("183",))
    assert page.view == view
    assert page.table.equals(table(view))
    assert page.file_stem == file_stem(view) == "CO_SO_KIEM_TRA_lang-son-2023_2023Q4"
    assert load_workbook(io.BytesIO(table_xlsx(view))).active["A2"].value == view.province.unit_name


def test_the_chart_of_many_units_draws_the_highest_and_the_lowest_and_counts_the_rest(demo):
    view = indicator_view(demo, DEMO, "2023Q4", "CO_SO_KIEM_TRA")
    assert view.bar_units == [u for u in view.units if u.value is not None] and view.bars_left_out is None
    template = next(u for u in view.units if u.value is not None)
    # A country's communes: 3,321 of them, values from 1.000 down, and 21 without a figure.
    units = [dataclasses.replace(template, unit_code=f"{n:05d}", value=1 - n / 4000) for n in range(3300)]
    units += [dataclasses.replace(template, unit_code=f"9{n:04d}", value=None) for n in range(21)]
    country = dataclasses.replace(view, units=units)
    drawn = country.bar_units
    assert len(drawn) == 70 and drawn[:20] == units[:20] and drawn[20:] == units[3250:3300]
    assert country.bars_left_out == (
        "Biểu đồ ghi 20 đơn vị cao nhất và 50 đơn vị thấp nhất; 3.230 đơn vị khác ở giữa có trong bảng dưới."
    )
    assert sum(len(trace.x) for trace in bar_figure(country).data if trace.type == "bar") == 70
    assert country.no_data_text.startswith("Chưa có số liệu: ") and country.no_data_text.endswith("16 đơn vị khác")
