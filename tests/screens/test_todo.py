"""Việc cần làm (issue 18, item 2): the secretariat's next deadline, the reports to chase and the figures to verify,
checked against the demo year's receipts by hand."""

from __future__ import annotations

from datetime import date, datetime

from core import reviews
from core.db import Database
from screens import todo
from tests.support.accounts import ensure_account
from tests.support.databases import copy_database
from tests.support.held import held_80_of_75

PLAN = "lang-son-2023"


def test_two_days_before_the_fourth_quarters_deadline(demo):
    page = todo.todo_page(demo, PLAN, date(2023, 12, 13))
    assert page.caption == "Kế hoạch năm 2023, tính đến hết ngày 13/12/2023."
    # Nine of the eleven districts had sent their fourth quarter by the 13th (Lộc Bình on the 14th, Đình Lập never).
    assert page.next_deadline == "Hạn nộp tiếp theo: Quý IV năm 2023, ngày 15/12/2023 (còn 2 ngày); 9/11 đơn vị đã nộp."
    assert page.chase_summary == "0 báo cáo quá hạn chưa nộp và 2 báo cáo nộp trễ, ở 2 đơn vị."
    assert page.chase["Đơn vị"].tolist() == ["Huyện Văn Quan", "Huyện Bình Gia"]  # the latest first
    assert todo.todo_page(demo, PLAN, date(2023, 12, 15)).next_deadline.endswith(
        "(hạn là hôm nay); 10/11 đơn vị đã nộp."
    )


def test_after_the_year_the_missing_reports_come_first(demo):
    page = todo.todo_page(demo, PLAN, date(2024, 1, 20))
    assert page.next_deadline == "Không còn hạn nộp nào trong năm 2023."
    assert page.chase_summary == "2 báo cáo quá hạn chưa nộp và 2 báo cáo nộp trễ, ở 3 đơn vị."
    assert page.chase[["Đơn vị", "Kỳ báo cáo", "Số ngày"]].values.tolist() == [
        ["Huyện Đình Lập", "Quý IV năm 2023", "Quá hạn 36 ngày"],
        ["Huyện Đình Lập", "Năm 2023", "Quá hạn 26 ngày"],
        ["Huyện Văn Quan", "Quý III năm 2023", "Trễ 13 ngày"],
        ["Huyện Bình Gia", "Quý I năm 2023", "Trễ 6 ngày"],
    ]
    assert page.held_summary == "Không có số liệu nào chờ xác minh." and page.held.empty


def test_a_held_figure_waits_on_the_secretariats_list(demo, tmp_path):
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    held_80_of_75(db, tmp_path)
    page = todo.todo_page(db, PLAN, date(2024, 1, 20))
    db.close()
    assert page.held_summary == "1 vấn đề chờ Văn phòng quyết định; 0 vấn đề đang chờ đơn vị nộp bản sửa."
    (row,) = page.held.values.tolist()
    assert row[:2] == ["Huyện Cao Lộc", "Quý IV năm 2023"] and "Số cơ sở đã được kiểm tra: 80" in row[2]


def test_the_reports_waiting_for_review_by_period(demo, tmp_path):
    """Issue 20, item 1: every report in waits for the secretariat's review until it is approved or returned."""
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    page = todo.todo_page(db, PLAN, date(2024, 1, 20))
    assert page.review_summary == (
        "64 báo cáo chờ duyệt: Quý I (11), Quý II (11), 6 tháng đầu năm (11), Quý III (11), Quý IV (10), Cả năm (10)."
    )
    secretary = ensure_account(db, "secretariat")
    reviews.approve(db, secretary, "183", "2023", reviews.review_of(db, "183", "2023").submission_id, datetime.now())
    assert todo.todo_page(db, PLAN, date(2024, 1, 20)).review_summary.endswith("Quý IV (10), Cả năm (9).")
    db.close()
