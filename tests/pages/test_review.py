"""Duyệt báo cáo, run headless with AppTest on four districts' reports of lang-son-2023 (issue 20, item 1): the
list, one report beside its previous version, approve, return with a reason and a note on a figure, reopen; the
page is the secretariat's alone, and the unit's page says what was decided."""

from datetime import date

import pytest

from core import reviews
from core.db import Database
from core.plans import PLANS_ENV_VAR
from core.texts import NOT_ALLOWED
from screens import plan_admin
from tests.support.accounts import ensure_account
from tests.support.apptest import all_text, registered_pages, run_page, run_script_as
from tests.support.databases import copy_database
from tests.support.desk import locked
from tests.support.held import held_80_of_75
from tests.support.plan_files import copy_seed_plans

PLAN, PERIOD = "lang-son-2023", "2023Q1"
PAGE = "pages/review.py"


def open_page(monkeypatch, db, role="secretariat", **params):
    return run_page(monkeypatch, db.path, PAGE, role=role, plan=PLAN, period=PERIOD, **params)


def test_the_secretariat_approves_returns_and_reopens(monkeypatch, reports_db):
    at = open_page(monkeypatch, reports_db)
    assert not at.exception
    text = all_text(at)
    assert "4 báo cáo đã nộp: 4 chờ duyệt, 0 đã duyệt, 0 trả lại. 7 đơn vị chưa nộp." in text
    assert at.selectbox(key="unit").value == "180"  # the first waiting report, in the plan's order
    columns = at.dataframe[1].value.columns.tolist()  # Tràng Định's first quarter was corrected once
    assert columns[3].startswith("Bản trước (#") and columns[4].startswith("Bản này (#")

    at.button(key="approve").click().run()
    assert "Đã duyệt và khoá báo cáo của Huyện Tràng Định." in all_text(at)
    assert reviews.review_of(reports_db, "180", PERIOD).state == "approved" and locked(reports_db, "180", PERIOD)
    assert "Đã duyệt lúc" in all_text(at) and "Mở lại" in [b.label for b in at.button]

    at.selectbox(key="unit").set_value("183").run()
    at.text_area(key="return_reason").input("Số cơ sở kinh doanh khác báo cáo năm trước")
    at.multiselect(key="return_cells").set_value(["KT01"])
    at.text_input(key="return_note").input("Kiểm tra lại tổng số cơ sở")
    next(b for b in at.button if b.label == "Trả lại").click().run()
    assert not at.exception
    review = reviews.review_of(reports_db, "183", PERIOD)
    assert (review.state, review.reason) == ("returned", "Số cơ sở kinh doanh khác báo cáo năm trước")
    assert review.notes == (reviews.CellNote("KT01", "Kiểm tra lại tổng số cơ sở"),)
    assert "Trả lại lúc" in all_text(at) and "KT01: Kiểm tra lại tổng số cơ sở" in all_text(at)

    at.selectbox(key="unit").set_value("180").run()
    next(b for b in at.button if b.label == "Trả lại" or b.label == "Mở lại").click().run()  # no reason given
    assert "Hãy ghi lý do" in all_text(at) and locked(reports_db, "180", PERIOD)
    at.text_area(key="reopen_reason").input("Huyện xin sửa số liệu")
    next(b for b in at.button if b.label == "Mở lại").click().run()
    assert "Đã mở lại báo cáo của Huyện Tràng Định" in all_text(at)
    assert not locked(reports_db, "180", PERIOD)

    waiting = open_page(monkeypatch, reports_db)
    waiting.toggle(key="waiting_only").set_value(True).run()
    assert waiting.dataframe[0].value["Đơn vị"].tolist() == ["Huyện Tràng Định", "Huyện Bình Gia", "Huyện Văn Quan"]


@pytest.mark.parametrize("role", ["unit_staff", "committee", "admin"])
def test_only_the_secretariat_opens_the_page(monkeypatch, reports_db, role):
    assert "review" not in registered_pages(run_page(monkeypatch, reports_db.path, role=role))  # not in the menu
    at = run_script_as(monkeypatch, reports_db.path, PAGE, role)  # nor by its address
    assert NOT_ALLOWED in all_text(at)
    assert not [b for b in at.button if b.key == "approve"]


def test_the_secretariat_opens_entry_again_for_one_unit(monkeypatch, reports_db, tmp_path):
    """Issue 20, item 2: the plan closes entry 10 days after each deadline; the form opens it for one unit."""
    plans = copy_seed_plans(tmp_path / "plans")
    monkeypatch.setenv(PLANS_ENV_VAR, str(plans))  # the page's process installs plans from this copy
    plan_admin.edit_entry_days(reports_db, ensure_account(reports_db, "secretariat"), PLAN, 10, directory=plans)
    at = open_page(monkeypatch, reports_db)
    text = all_text(at)
    assert "Kế hoạch cho nộp đến 10 ngày sau hạn" in text
    assert "Quý I năm 2023: hạn nộp 15/03/2023, khoá sổ sau ngày 25/03/2023." in text
    at.selectbox(key="window_unit").set_value("189")
    at.text_area(key="window_reason").input("Huyện Đình Lập gửi công văn xin nộp muộn")
    next(b for b in at.button if b.label == "Mở cho đơn vị nộp").click().run()
    assert not at.exception
    until = date.today().strftime("%d/%m/%Y")
    assert f"Đã mở cho Huyện Đình Lập nộp báo cáo Quý I năm 2023 đến hết ngày {until}." in all_text(at)
    window = reports_db.one("entry_window", {"unit_code": "189", "period_code": PERIOD})
    assert window.open_until == date.today()


def test_the_figures_a_report_holds_are_decided_on_its_review(monkeypatch, demo_db_path, tmp_path):
    """Issue 20, item 6: the held figures of the report under review, with the two decisions; approving first
    is refused in words."""
    db = Database(copy_database(demo_db_path, tmp_path / "kpi.duckdb"))
    held_80_of_75(db, tmp_path)
    at = run_page(monkeypatch, db.path, PAGE, role="secretariat", plan=PLAN, period="2023Q4", unit="183")
    text = all_text(at)
    assert "Số liệu chờ xác minh" in text and "Số cơ sở đã được kiểm tra: 80" in text
    at.button(key="approve").click().run()
    assert "Báo cáo còn 2 số liệu chờ xác minh" in all_text(at)
    assert not locked(db, "183", "2023Q4")
    db.close()
