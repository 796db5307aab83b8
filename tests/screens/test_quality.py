"""Data-quality warnings (screens/quality.py) on the demo year.

In the demo, Cao Lộc (183) first sends its Q2 report with a typo (KT02 = 120 for 12), which the
checks flag twice; its correction four days later raises nothing and supersedes the typo version.
"""

import shutil

from core.bootstrap import open_database
from screens.quality import (
    ALL_PERIODS,
    counts_by_period,
    counts_by_unit,
    period_filter_choices,
    quality_filters,
    quality_page,
    quality_view,
    unit_profile_url,
    warnings_table,
)

DEMO = "lang-son-2023"
PROVINCE = "20"  # Lạng Sơn: the unit filter's "whole province" choice
TYPO_MESSAGES = [  # in message order within the cell
    "Số cơ sở đã được kiểm tra (120) lớn hơn Tổng số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm (75).",
    "Số cơ sở đã được kiểm tra ghi 120, nhưng tổng cột «Số cơ sở đã kiểm tra» ở trang ChiTietXa là 12.",
]


def test_the_typo_warnings_appear_only_with_superseded_versions(demo):
    current = quality_view(demo, DEMO)
    assert current.has_submissions and current.warnings == []
    everything = quality_view(demo, DEMO, include_superseded=True)
    assert [w.message for w in everything.warnings] == TYPO_MESSAGES
    for warning in everything.warnings:
        assert (warning.unit_code, warning.period_code, warning.status) == ("183", "2023Q2", "superseded")
        assert (warning.sheet, warning.cell, warning.element_code) == ("Bieu01", "E23", "KT02")
        assert warning.received_at.strftime("%d/%m/%Y %H:%M") == "14/06/2023 16:00"  # the typo version's
    assert everything.summary == "2 cảnh báo trong 1 báo cáo của 1 đơn vị"


def test_filters_by_unit_and_period(demo):
    def messages(unit=None, period=None):
        return [w.message for w in quality_view(demo, DEMO, unit, period, include_superseded=True).warnings]

    assert messages("183", "2023Q2") == TYPO_MESSAGES
    assert messages(PROVINCE, ALL_PERIODS) == TYPO_MESSAGES  # the whole province, every period
    assert messages("181") == []
    assert messages(period="2023Q1") == []
    assert messages("183", "2023S1") == []
    assert list(period_filter_choices(demo, DEMO))[:2] == [ALL_PERIODS, "2023Q1"]


def test_table_links_to_the_unit_profile(demo):
    view = quality_view(demo, DEMO, include_superseded=True)
    table = warnings_table(view)
    assert table.columns.tolist() == [
        "Đơn vị",
        "Kỳ báo cáo",
        "Trang tính",
        "Ô",
        "Mã chỉ tiêu",
        "Nội dung cảnh báo",
        "Hồ sơ đơn vị",
        "Thời điểm nhận",
        "Phiên bản",
        "Tệp",
    ]
    first = table.iloc[0]
    assert first["Đơn vị"] == "Huyện Cao Lộc" and first["Kỳ báo cáo"] == "Quý II năm 2023"
    assert first["Phiên bản"] == "Đã được thay thế"
    assert first["Thời điểm nhận"] == "14/06/2023 16:00"
    assert first["Hồ sơ đơn vị"] == "/don-vi?plan=lang-son-2023&period=2023Q2&unit=183"
    assert unit_profile_url("a b", "2023", "1&2") == "/don-vi?plan=a+b&period=2023&unit=1%262"  # escaped
    assert counts_by_unit(view).values.tolist() == [["Huyện Cao Lộc", "2", "1"]]
    assert counts_by_period(view).values.tolist() == [["Quý II năm 2023", "2", "1"]]


def test_a_warning_on_a_current_report_shows_by_default(demo_db_path, tmp_path):
    path = tmp_path / "kpi.duckdb"
    shutil.copy(demo_db_path, path)
    if demo_db_path.with_suffix(".duckdb.wal").exists():
        shutil.copy(demo_db_path.with_suffix(".duckdb.wal"), path.with_suffix(".duckdb.wal"))
    database = open_database(path)
    try:
        current = database.one("current_submission", {"unit_code": "181", "period_code": "2023Q3"})
        submission_id = current.submission_id
        with database.transaction() as tx:
            tx.run_columns(
                "insert_warnings",
                {},
                [
                    {
                        "submission_id": submission_id,
                        "sheet": "Bieu01",
                        "cell": "E15",
                        "element_code": "TT02",
                        "message": "TT02 giảm so với kỳ trước.",
                    }
                ],
            )
        current = quality_view(database, DEMO)
        assert [(w.unit_code, w.period_code, w.status) for w in current.warnings] == [("181", "2023Q3", "current")]
        assert warnings_table(current).iloc[0]["Phiên bản"] == "Hiện hành"
        everything = quality_view(database, DEMO, include_superseded=True)
        assert counts_by_unit(everything).values.tolist() == [["Huyện Cao Lộc", "2", "1"], ["Huyện Bình Gia", "1", "1"]]
        assert counts_by_period(everything).values.tolist() == [
            ["Quý II năm 2023", "2", "1"],
            ["Quý III năm 2023", "1", "1"],
        ]
    finally:
        database.close()


def test_an_empty_database_has_no_submissions(db):
    view = quality_view(db, DEMO, include_superseded=True)
    assert not view.has_submissions and view.warnings == []
    assert warnings_table(view).empty and counts_by_unit(view).empty and counts_by_period(view).empty


def test_the_page_gets_the_filters_then_the_warnings_and_their_counts(demo):
    filters = quality_filters(demo, DEMO)
    assert list(filters.units)[0] == PROVINCE and len(filters.units) == 12
    assert filters.periods == period_filter_choices(demo, DEMO)
    page = quality_page(demo, DEMO, PROVINCE, ALL_PERIODS, True)
    assert page.view == quality_view(demo, DEMO, PROVINCE, ALL_PERIODS, include_superseded=True)
    assert page.caption.startswith(
        "Các cảnh báo mà bước kiểm tra đưa ra khi nạp Biểu 01/PCMD của các đơn vị, năm 2023."
    )
    assert page.warnings.equals(warnings_table(page.view))
    assert page.by_unit.equals(counts_by_unit(page.view)) and page.by_period.equals(counts_by_period(page.view))
