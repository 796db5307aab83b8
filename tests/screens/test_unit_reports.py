"""Báo cáo của đơn vị (issue 18, item 2): a unit's staff see each report of the year with its deadline and state,
what to prepare next, and get the form to fill, pre-filled with the figures on record for a correction."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from core import reviews
from core.auth import User
from core.catalog import load_elements
from core.db import Database
from core.submissions import recorded_report
from etl import form_spec
from screens import submission_desk, unit_reports
from tests.support.databases import copy_database
from tests.support.held import held_80_of_75

PLAN = "lang-son-2023"
CAO_LOC = User("canbo.caoloc", "Cán Bộ Cao Lộc", "unit_staff", ("183",))
DINH_LAP = User("canbo.dinhlap", "Cán Bộ Đình Lập", "unit_staff", ("189",))
SECRETARIAT = User("thuky", "Thư Ký", "secretariat")
NOW = datetime(2023, 7, 1, 9, 0)
PERIODS = ["2023Q1", "2023Q2", "2023S1", "2023Q3", "2023Q4", "2023"]


def _unit(demo, user: User, today: date) -> unit_reports.UnitReports:
    (unit,) = unit_reports.unit_reports_page(demo, PLAN, user, today).units
    return unit


def test_mid_june_the_clerk_sees_two_reports_sent_and_the_half_year_due_in_eight_days(demo):
    page = unit_reports.unit_reports_page(demo, PLAN, CAO_LOC, date(2023, 6, 17))
    assert page.caption == "Các báo cáo năm 2023 kế hoạch yêu cầu đơn vị nộp, tính đến hết ngày 17/06/2023."
    (unit,) = page.units
    assert (unit.unit_code, unit.unit_name) == ("183", "Huyện Cao Lộc")
    assert [line.period_code for line in unit.lines] == PERIODS
    assert unit.next_report == "Báo cáo cần chuẩn bị: 6 tháng đầu năm 2023, hạn nộp 25/06/2023 (còn 8 ngày)."
    first, second, half = unit.lines[:3]
    assert (first.state_text, first.received, first.versions) == ("Đã nộp đúng hạn", "13/03/2023 14:00", 1)
    # The second quarter's correction came on 18 June: not seen yet on the 17th.
    assert (second.state, second.versions) == ("on_time", 1)
    assert (half.state_text, half.received, half.versions, half.sent) == ("Chưa đến hạn", "—", 0, False)
    assert half.deadline == "25/06/2023"


def test_after_the_year_every_version_counts_and_nothing_is_left_to_prepare(demo):
    unit = _unit(demo, CAO_LOC, date(2024, 1, 20))
    assert unit.next_report == "Đơn vị đã nộp đủ các báo cáo của năm."
    second = unit.lines[1]
    assert (second.versions, second.received) == (2, "18/06/2023 16:00")  # the correction is the one on record
    assert all(line.state == "on_time" for line in unit.lines)


def test_a_unit_that_missed_two_deadlines_is_told_the_oldest_first_with_the_days_overdue(demo):
    unit = _unit(demo, DINH_LAP, date(2024, 1, 20))
    states = {line.period_code: line.state_text for line in unit.lines}
    assert states["2023Q4"] == "Chưa nộp, quá hạn 36 ngày"  # 15/12/2023 to 20/01/2024
    assert states["2023"] == "Chưa nộp, quá hạn 26 ngày"  # 25/12/2023 to 20/01/2024
    assert unit.next_report == "Báo cáo cần chuẩn bị: Quý IV năm 2023, hạn nộp 15/12/2023 (đã quá hạn 36 ngày)."


def test_the_secretariat_sees_every_unit_and_a_unit_only_its_own(demo):
    assert len(unit_reports.unit_reports_page(demo, PLAN, SECRETARIAT, date(2024, 1, 20)).units) == 11
    assert [u.unit_code for u in unit_reports.unit_reports_page(demo, PLAN, CAO_LOC, date(2024, 1, 20)).units] == [
        "183"
    ]


def test_the_correction_form_carries_every_figure_and_commune_answer_on_record(demo):
    recorded = recorded_report(demo, "183", "2023Q2")
    download = unit_reports.form_download(demo, PLAN, CAO_LOC, "183", "2023Q2")
    assert download.file_name == "Bieu01_183_2023Q2_sua.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.data))
    summary, communes = book[form_spec.SUMMARY_SHEET], book[form_spec.COMMUNE_SHEET]
    in_form = {row[1]: row[4] for row in summary.iter_rows(values_only=True) if row[1] in recorded.values}
    assert in_form == {code: pytest.approx(value) for code, value in recorded.values.items()}
    assert in_form["KT04"] == pytest.approx(8.8) and in_form["KT01"] == 75  # a decimal stays one
    labels = {row[0]: row[2] for row in summary.iter_rows(values_only=True)}
    assert labels[form_spec.HEADER_FIELDS["author"]] == "Nguyễn Văn An"
    assert labels[form_spec.HEADER_FIELDS["report_date"]] is None  # a correction is dated when it is made
    rows = list(communes.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(recorded.communes) == 22
    code, _name, held, sessions, establishments, inspected, healthy = rows[0]
    answers = recorded.communes[code]
    assert held == ("Có" if answers["held_communication"] else "Không")
    assert (sessions, establishments, inspected) == (
        answers["count_sessions"],
        answers["count_establishments"],
        answers["count_inspected"],
    )
    assert healthy == ("Có" if answers["is_healthy"] else "Không")


def test_the_correction_form_sent_back_dated_is_the_same_report(demo, tmp_path):
    """The round trip a clerk makes: download, date it, upload; the desk finds nothing changed."""
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    data = unit_reports.form_download(db, PLAN, CAO_LOC, "183", "2023Q2").data
    book = openpyxl.load_workbook(io.BytesIO(data))
    summary = book[form_spec.SUMMARY_SHEET]
    date_row = next(row[0].row for row in summary.iter_rows() if row[0].value == form_spec.HEADER_FIELDS["report_date"])
    summary.cell(date_row, 3, datetime(2023, 6, 30))
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = submission_desk.submit_file(db, "Bieu01_183_2023Q2_sua.xlsx", buffer.getvalue(), CAO_LOC)
    db.close()
    assert outcome.status == "confirm", outcome.errors  # it would replace the report on record
    assert outcome.count_changes == 0 and outcome.rules is None and outcome.warnings is None


def test_a_blank_form_for_a_report_not_sent_and_never_another_units_figures(demo):
    blank = unit_reports.form_download(demo, PLAN, DINH_LAP, "189", "2023Q4")
    assert blank.file_name == "Bieu01_189_2023Q4.xlsx"
    summary = openpyxl.load_workbook(io.BytesIO(blank.data))[form_spec.SUMMARY_SHEET]
    codes = {element.code for element in load_elements()}
    element_rows = [row for row in summary.iter_rows(values_only=True) if row[1] in codes]
    assert len(element_rows) == len(codes) and all(row[4] is None for row in element_rows)
    with pytest.raises(PermissionError):
        unit_reports.form_download(demo, PLAN, DINH_LAP, "183", "2023Q2")


def test_a_held_figure_is_shown_on_its_report(demo, tmp_path):
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    held_80_of_75(db, tmp_path, reason="Đoàn liên ngành kiểm tra thêm")
    line = next(line for line in _unit(db, CAO_LOC, date(2024, 1, 20)).lines if line.period_code == "2023Q4")
    db.close()
    (held,) = line.held
    assert held.startswith("Chờ xác minh: ") and "Số cơ sở đã được kiểm tra: 80" in held
    assert held.endswith("Đang chờ xác minh.")


def test_a_returned_report_says_why_on_the_units_page_and_in_its_correction_form(demo, tmp_path):
    """Issue 20, item 1: the reason on the clerk's page, the figure named marked in the form to correct; the
    form still round-trips (its figures are those on record)."""
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    review = reviews.review_of(db, "183", "2023Q2")
    notes = (reviews.CellNote("KT02", "Lớn hơn số cơ sở đã báo cáo"),)
    reviews.return_report(db, SECRETARIAT, "183", "2023Q2", review.submission_id, "Sai số liệu", notes, NOW)
    reviews.approve(db, SECRETARIAT, "183", "2023Q1", reviews.review_of(db, "183", "2023Q1").submission_id, NOW)
    unit = _unit(db, CAO_LOC, date(2023, 7, 1))
    assert unit.next_report == "Báo cáo Quý II năm 2023 bị trả lại: sửa theo ghi chú bên dưới rồi nộp lại."
    first, second = unit.lines[:2]
    assert (first.review, first.returned) == ("Đã duyệt lúc 01/07/2023 09:00 (thuky)", False)
    assert second.returned
    assert (
        second.review == "Trả lại lúc 01/07/2023 09:00 (thuky): Sai số liệu. Ghi chú: KT02: Lớn hơn số cơ sở đã báo cáo"
    )
    form = unit_reports.form_download(db, PLAN, CAO_LOC, "183", "2023Q2")
    db.close()
    book = openpyxl.load_workbook(io.BytesIO(form.data))
    summary = book[form_spec.SUMMARY_SHEET]
    row = next(r for r in summary.iter_rows() if r[1].value == "KT02")
    assert row[4].value == 12 and "Cần sửa: Lớn hơn số cơ sở đã báo cáo" in row[4].comment.text
    assert "Văn phòng thường trực trả lại báo cáo: Sai số liệu" in summary["A1"].comment.text
