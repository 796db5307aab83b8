"""Nộp báo cáo in a real headless Chromium: a good file, a bad file and a correction, then what the database holds."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from core.bootstrap import open_database
from tests.support.browser import open_deep_link, submit, with_accounts
from tests.support.forms import UNIT, VALUES, make_form, with_value

pytestmark = pytest.mark.browser

SENDER = "canbo.caoloc"  # the unit staff test account of unit 183


def test_good_bad_and_corrected_files_through_the_page(tmp_path, server_for, browser_page, output_dir):
    db = open_database(tmp_path / "kpi.duckdb")
    forms = tmp_path / "forms"
    forms.mkdir()
    good = make_form(db, forms, name="CaoLoc_Q2.xlsx")
    bad = make_form(db, forms, period="2023Q3", name="CaoLoc_Q3.xlsx")
    bad_cell = with_value(bad, "KT02", "mười ba")
    corrected = make_form(db, forms, values=dict(VALUES, KT02=14), name="CaoLoc_Q2_sua.xlsx")
    db.close()
    server = server_for(with_accounts(tmp_path / "kpi.duckdb"))
    page = browser_page

    open_deep_link(page, server, "/nop-bao-cao?plan=lang-son-2023", "Tải biểu mẫu (.xlsx)", role="unit_staff")

    submit(page, good, "Báo cáo đã được ghi nhận (bản #1).")
    assert "Đơn vị: Huyện Cao Lộc (mã 183) · Kỳ: Quý II năm 2023" in page.inner_text("body")
    page.screenshot(path=str(output_dir / "1_accepted.png"), full_page=True)

    submit(page, bad, "Tệp không được ghi nhận vì có 1 lỗi.")
    page.get_by_role("cell", name=bad_cell, exact=True).wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "2 tệp: 1 đã nộp trước đó, 1 bị từ chối." in body  # the good file again changes nothing
    assert bad_cell in body and "mười ba" in body
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp có đánh dấu lỗi (.xlsx)").click()
    marked = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert download.value.suggested_filename == "CaoLoc_Q3_can_sua.xlsx"
    assert marked["Bieu01"][bad_cell].comment.text.startswith("LỖI:")
    page.screenshot(path=str(output_dir / "2_rejected.png"), full_page=True)

    submit(page, corrected, "Huyện Cao Lộc đã có báo cáo Quý II năm 2023: bản #1")
    page.get_by_text("1 số liệu khác với bản đang dùng.").wait_for(timeout=30_000)
    assert "1 số liệu khác với bản đang dùng." in page.inner_text("body")
    page.screenshot(path=str(output_dir / "3_confirm.png"), full_page=True)
    page.get_by_role("button", name="Xác nhận thay thế").click()
    page.get_by_text("Báo cáo đã được ghi nhận (bản #2).").first.wait_for(timeout=60_000)
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []

    server.stop()
    db = open_database(tmp_path / "kpi.duckdb")
    with db.cursor() as cur:
        rows = cur.execute(
            "SELECT s.submission_id, s.unit_code, s.period_code, s.status, s.sender, s.file_name, v.value "
            "FROM submissions s JOIN submission_values v USING (submission_id) "
            "WHERE v.element_code = 'KT02' ORDER BY 1"
        ).fetchall()
    db.close()
    assert rows == [
        (1, UNIT, "2023Q2", "superseded", SENDER, good.name, 13.0),
        (2, UNIT, "2023Q2", "current", SENDER, corrected.name, 14.0),
    ]
