"""The Chỉ tiêu page, run headless with Streamlit's AppTest on the demo year and on an empty database."""

import json

import pytest

from core import fmt
from core.bootstrap import open_database
from core.engine import compute_indicators
from core.projection import projections
from screens.targets import projection_text
from tests.support.apptest import all_text, run_page
from tests.support.databases import copy_database

DEMO = "lang-son-2023"
PAGE = "pages/indicator.py"


@pytest.fixture(scope="module")
def engine(demo_db_path):
    database = open_database(demo_db_path)
    results = {(r.indicator_code, r.unit_code): r for r in compute_indicators(database, DEMO, "2023Q4", breakdown=True)}
    database.close()
    return results


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def param(at, name):
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def test_indicator_by_unit_from_the_url(monkeypatch, demo_db_path, engine):
    at = run_page(
        monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4", indicator="CO_SO_KIEM_TRA", units="178,180"
    )
    assert not at.exception
    assert at.selectbox(key="indicator").value == "CO_SO_KIEM_TRA"
    assert at.multiselect(key="units").value == ["178", "180"]
    province = engine[("CO_SO_KIEM_TRA", "20")]
    assert at.metric[0].value == fmt.percent(province.value) == "27,7%"
    text = all_text(at)
    assert "10/11 đơn vị đã báo cáo quý IV" in text
    assert "Không đạt" in text and "Chỉ tiêu: Tối thiểu 30%" in text
    assert "Tổ chức kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ có điều kiện" in text  # the plan's sentence
    bars, trend = charts(at)
    assert bars["layout"]["title"]["text"] == "Tỷ lệ cơ sở được kiểm tra theo đơn vị — Quý IV năm 2023"
    assert [t["name"] for t in trend["data"]] == ["Toàn tỉnh (Lạng Sơn)", "Thành phố Lạng Sơn", "Huyện Tràng Định"]
    table = at.dataframe[0].value
    assert table.columns.tolist()[1:3] == ["Số cơ sở đã kiểm tra", "Tổng số cơ sở"]
    assert table.iloc[0].tolist()[:5] == ["Toàn tỉnh (Lạng Sơn)", "177", "639", "27,7%", "Không đạt"]
    city = table[table["Đơn vị"] == "Thành phố Lạng Sơn"].iloc[0]
    assert city["Giá trị"] == fmt.percent(engine[("CO_SO_KIEM_TRA", "178")].value)
    assert [b.label for b in at.download_button] == ["Tải bảng (CSV)", "Tải bảng (Excel)"]


def test_choices_update_the_url(monkeypatch, demo_db_path, engine):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4", indicator="CO_SO_KIEM_TRA")
    at.selectbox(key="indicator").set_value("TIEN_XU_PHAT").run()
    assert not at.exception
    assert param(at, "indicator") == "TIEN_XU_PHAT"
    assert at.metric[0].value == fmt.count(engine[("TIEN_XU_PHAT", "20")].value) == "1.141,9"
    assert "Kế hoạch không đặt chỉ tiêu cho chỉ số này: chỉ theo dõi số liệu." in all_text(at)
    at.multiselect(key="units").set_value(["181", "178"]).run()
    assert param(at, "units") == "181,178"
    lines = [t["name"] for t in charts(at)[1]["data"]]
    assert lines == ["Toàn tỉnh (Lạng Sơn)", "Huyện Bình Gia", "Thành phố Lạng Sơn"]


def test_unknown_params_fall_back(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2", indicator="KHONG_CO", units="999,=1")
    assert not at.exception
    assert at.selectbox(key="indicator").value == "XA_TUYEN_TRUYEN"  # the plan's first measured target
    assert at.multiselect(key="units").value == []


def test_empty_database_says_so(monkeypatch, tmp_path):
    path = tmp_path / "kpi.duckdb"
    open_database(path).close()
    at = run_page(monkeypatch, path, PAGE, plan=DEMO, period="2023Q2", indicator="CO_SO_KIEM_TRA")
    assert not at.exception
    text = all_text(at)
    assert "Chưa có số liệu của chỉ số «Tỷ lệ cơ sở được kiểm tra» tính đến hết Quý II năm 2023" in text
    assert "0/11 đơn vị đã báo cáo quý II" in text
    assert charts(at) == []
    assert set(at.dataframe[0].value["Trạng thái"]) == {"Chưa có số liệu"}
    assert len(at.download_button) == 2


def test_the_provinces_years_across_the_reform(monkeypatch, demo_db_path):
    """2023 and 2024 from the districts, 2026 so far from the communes (issue 19, item 5), with the break marked;
    each year's point is the province's figure the year's own plan gives."""
    at = run_page(monkeypatch, demo_db_path, PAGE, plan="lang-son-2026", period="2026Q2", indicator="CO_SO_KIEM_TRA")
    assert not at.exception
    series = charts(at)[-1]
    assert series["layout"]["title"]["text"] == "Tỷ lệ cơ sở được kiểm tra: Tỉnh Lạng Sơn qua các năm"
    before, after = series["data"]
    assert (before["name"], after["name"]) == ("Trước sắp xếp (các huyện báo cáo)", "Sau sắp xếp (các xã báo cáo)")
    assert (before["x"], after["x"]) == (["Năm 2023", "Năm 2024"], ["Quý II năm 2026"])
    database = open_database(demo_db_path)
    expected = [
        next(r.value for r in compute_indicators(database, plan, period) if r.indicator_code == "CO_SO_KIEM_TRA")
        for plan, period in (("lang-son-2023", "2023"), ("lang-son-2024", "2024"), ("lang-son-2026", "2026Q2"))
    ]
    database.close()
    assert before["y"] + after["y"] == pytest.approx(expected)
    assert [shape["x0"] for shape in series["layout"]["shapes"]] == [1.5]  # between 2024 and 2026
    text = all_text(at)
    assert "Qua các năm, trước và sau sắp xếp đơn vị hành chính" in text
    assert "Năm 2026: đến hết quý II. Trước 1/7/2025: các huyện của Tỉnh Lạng Sơn." in text


def test_no_series_for_a_single_year(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q4", indicator="CO_SO_KIEM_TRA")
    assert "Qua các năm" not in all_text(at)
    assert len(charts(at)) == 2  # by unit and over the year's quarters only


def test_approved_figures_only_from_the_switch_kept_in_the_url(monkeypatch, demo_db_path, tmp_path):
    """Issue 20, item 1: nothing of the demo is approved, so with the switch on the province has no figure."""
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    at = run_page(monkeypatch, path, PAGE, plan=DEMO, period="2023Q4", indicator="CO_SO_KIEM_TRA")
    assert at.toggle(key="approved_only").value is False
    assert "Đang xem chỉ số liệu của các báo cáo đã duyệt" not in all_text(at)
    before = at.metric[0].value
    at.toggle(key="approved_only").set_value(True).run()
    assert not at.exception and param(at, "chi-da-duyet") == "1"
    assert "Đang xem chỉ số liệu của các báo cáo đã duyệt" in all_text(at)
    assert at.metric[0].value == fmt.MISSING != before
    shared = run_page(
        monkeypatch, path, PAGE, plan=DEMO, period="2023Q4", indicator="CO_SO_KIEM_TRA", **{"chi-da-duyet": "1"}
    )
    assert shared.toggle(key="approved_only").value is True
    at.toggle(key="approved_only").set_value(False).run()
    assert "chi-da-duyet" not in at.query_params and at.metric[0].value == before


def test_the_projection_to_the_years_end_from_two_quarters(monkeypatch, demo_db_path):
    """Issue 21, item 2: at the half-year the page says where the year will end at this pace; at Q1 it does not."""
    database = open_database(demo_db_path)
    projected = projections(database, DEMO, "2023Q2")["CO_SO_KIEM_TRA"]
    database.close()
    expected = projection_text(projected, "min_percent", 0.30, None, True)
    assert expected.startswith("Với tiến độ hiện nay, dự kiến cả năm đạt ")
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2", indicator="CO_SO_KIEM_TRA")
    assert expected in all_text(at) and "Dự kiến từ nhịp tăng của 2 quý đã qua" in all_text(at)
    early = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q1", indicator="CO_SO_KIEM_TRA")
    assert "dự kiến cả năm" not in all_text(early)


def test_the_same_period_a_year_earlier_beside_the_figure(monkeypatch, demo_db_path):
    """Issue 21, item 4: 2024's second quarter beside 2023's (the demo's two district years); 2023 has none before."""
    at = run_page(monkeypatch, demo_db_path, PAGE, plan="lang-son-2024", period="2024Q2", indicator="CO_SO_KIEM_TRA")
    assert "Cùng kỳ năm trước (Quý II năm 2023): 16,9%, dựa trên 11/11 đơn vị; nay giảm" in all_text(at)
    first = run_page(monkeypatch, demo_db_path, PAGE, plan=DEMO, period="2023Q2", indicator="CO_SO_KIEM_TRA")
    assert "Cùng kỳ năm trước" not in all_text(first)
