"""Issue 15's two holes, tried in a real headless Chromium as the attacker and the next person would."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from core.bootstrap import open_database
from tests.support.browser import open_deep_link, sign_in, submit, wait_idle, with_accounts
from tests.support.forms import VALUES, load_bytes, make_form

pytestmark = pytest.mark.browser

PLAN = "lang-son-2023"
OTHER_UNIT = "181"  # Huyện Bình Gia: not canbo.caoloc's unit
RECORDED = dict(VALUES, TT03=17, KT03=7, HT01=11, TH01=44, LM01=13)  # what Bình Gia reported for Q1


def _database(tmp_path) -> tuple:
    """Bình Gia's first quarter and Cao Lộc's second, recorded; the forms the tests send."""
    db = open_database(tmp_path / "kpi.duckdb")
    forms = tmp_path / "forms"
    forms.mkdir()
    q1 = make_form(db, forms, period="2023Q1", values=RECORDED, unit=OTHER_UNIT, name="binhgia_q1.xlsx", communes=False)
    assert load_bytes(db, q1.read_bytes(), q1.name, sender="thuky").status == "accepted"
    own = make_form(db, forms, name="caoloc_q2.xlsx")
    assert load_bytes(db, own.read_bytes(), own.name, sender="canbo.caoloc").status == "accepted"
    probe = make_form(db, forms, values=dict.fromkeys(VALUES, 0), unit=OTHER_UNIT, name="do_tham.xlsx", communes=False)
    corrected = make_form(db, forms, values=dict(VALUES, KT02=14), name="caoloc_q2_sua.xlsx")
    db.close()
    return with_accounts(tmp_path / "kpi.duckdb"), probe, corrected


def test_a_units_staff_learns_nothing_of_another_unit_from_a_refused_form(
    tmp_path, server_for, browser_page, output_dir
):
    """Finding 1: Bình Gia's form with every figure 0, sent by Cao Lộc's clerk, is refused and shows none of
    Bình Gia's recorded figures, neither on the page nor in the marked workbook."""
    path, probe, _ = _database(tmp_path)
    server = server_for(path)
    page = browser_page
    open_deep_link(page, server, f"/nop-bao-cao?plan={PLAN}", "Tải biểu mẫu (.xlsx)", role="unit_staff")
    submit(page, probe, "Tệp không được ghi nhận vì có 1 lỗi.")
    page.get_by_text("nên không được nhận", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(output_dir / "refused.png"), full_page=True)
    results = page.inner_text("body").split("Kết quả", 1)[1]  # above it: the page's own form download
    assert "Tài khoản này chỉ được nộp báo cáo của Huyện Cao Lộc (mã 183)." in results
    assert "Quý I năm 2023" not in results
    assert not any(f"Chỉ tiêu {code}" in results for code in RECORDED)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp có đánh dấu lỗi (.xlsx)").click()
    marked = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    notes = " ".join(
        f"{cell.value} {cell.comment.text if cell.comment else ''}"
        for sheet in marked
        for row in sheet.iter_rows()
        for cell in row
    )
    assert "Quý I năm 2023" not in notes


def test_the_next_person_on_the_same_tab_sees_nothing_of_the_last_ones_upload(
    tmp_path, server_for, browser_page, output_dir
):
    """Finding 2: a correction waiting for confirmation, then «Đăng xuất»; the secretary signing in on the same
    tab opens Nộp báo cáo and finds an empty page, with no confirm button."""
    path, _, corrected = _database(tmp_path)
    server = server_for(path)
    page = browser_page
    open_deep_link(page, server, f"/nop-bao-cao?plan={PLAN}", "Tải biểu mẫu (.xlsx)", role="unit_staff")
    submit(page, corrected, "Huyện Cao Lộc đã có báo cáo Quý II năm 2023: bản #2")
    expect(page.get_by_role("button", name="Xác nhận thay thế")).to_have_count(1)  # drawn after the message
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=30_000)
    sign_in(page, "secretariat")
    page.get_by_role("link", name="Nộp báo cáo").click()
    wait_idle(page)
    page.get_by_text("Chưa có tệp nào được chọn").first.wait_for(timeout=30_000)
    page.screenshot(path=str(output_dir / "next_person.png"), full_page=True)
    body = page.inner_text("body")
    assert "caoloc_q2_sua.xlsx" not in body
    assert page.get_by_role("button", name="Xác nhận thay thế").count() == 0
