"""The home page's model (screens/home.py): the plan's words, where its data stands (for the province or for a
unit's staff), its targets and its calendar, hand-checked on the engine tests' plan and the demo year."""

from core.bootstrap import open_database
from screens.home import CalendarLine, home_page
from tests.support.engine_plan import PLAN, install


def test_the_plan_its_data_targets_and_calendar(tmp_path):
    db = install(open_database(tmp_path / "kpi.duckdb"))
    view = home_page(db, PLAN)
    assert view.has_data
    assert [(p.period_code, p.period, p.text) for p in view.periods] == [
        ("2023Q1", "Quý I năm 2023", "3/7 đơn vị đã báo cáo quý I"),
        ("2023Q2", "Quý II năm 2023", "2/7 đơn vị đã báo cáo quý II"),
    ]
    assert view.units == "7 đơn vị báo cáo"
    assert [(t.target_id, t.target_text) for t in view.targets] == [
        ("tuyen-truyen", "100%"),
        ("kiem-tra", "Tối thiểu 30%"),
        ("tin-bai", "Tối thiểu 1 mỗi tháng"),
        ("lanh-manh", "Tối thiểu 16"),
        ("vi-pham", "Theo dõi, không đánh giá"),
        ("dung-han", "100%"),
        ("khong-do", "100%"),
    ]
    assert (view.targets[1].label, view.targets[1].source) == ("Kiểm tra ít nhất 30%", "30%")
    assert view.targets[-1].indicator_code is None and view.targets[-1].indicator_name == "Chưa đo được trên Biểu 01"
    assert view.calendar == [
        CalendarLine("Báo cáo quý", "Trước ngày 15 tháng cuối kỳ", "Kế hoạch không nêu ngày; áp dụng mặc định.", ""),
        CalendarLine("Báo cáo năm", "Trước ngày 25 tháng cuối kỳ", "", "Báo cáo năm trước ngày 25/12."),
    ]
    assert view.document == "Văn bản: 01/KH-TEST — Bộ kiểm thử, tháng 1 năm 2023"
    assert view.owner == "Cơ quan thường trực: Sở Lao động – Thương binh và Xã hội tỉnh Ninh Thuận"  # the test plan's
    assert PLAN in view.plans["Mã kế hoạch"].tolist()
    db.close()


def test_a_units_staff_counts_only_its_units(demo_db_path):
    db = open_database(demo_db_path)
    province, mine = home_page(db, "lang-son-2023"), home_page(db, "lang-son-2023", ("183",))
    assert province.periods[0].text.endswith("/11 đơn vị đã báo cáo quý I")
    assert mine.periods[0].text == "1/1 đơn vị đã báo cáo quý I"
    assert [line.note for line in province.calendar] == ["Kế hoạch không nêu ngày; áp dụng mặc định.", "", ""]
    assert province.calendar[0].source == "" and province.calendar[1].source.startswith("Các đơn vị báo cáo")
    db.close()


def test_a_plan_without_reports_says_so(db):
    view = home_page(db, "lang-son-2023")
    assert not view.has_data and view.periods == []
    assert view.no_data.startswith("Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2023)")
