"""Each role in a real headless Chromium on the demo year (issue 18): signing in at the root URL lands on the role's
own page, every page of its menu opens without Streamlit's English, and a unit's clerk downloads the correction form
with the figures on record in it."""

from __future__ import annotations

import io

import openpyxl
import pytest

from etl import form_spec
from tests.support.browser import ENGLISH, SIGN_IN_TIMEOUT_MS, sign_in, wait_idle

pytestmark = pytest.mark.browser

LANDING = {  # role -> (URL path, title)
    "unit_staff": ("/bao-cao-cua-don-vi", "Báo cáo của đơn vị"),
    "secretariat": ("/viec-can-lam", "Việc cần làm"),
    "committee": ("/tong-quan", "Tổng quan"),
    "admin": ("/viec-can-lam", "Việc cần làm"),
}


def _menu(page) -> list[str]:
    """The titles of the menu's links (each link's text starts with its icon's name: the icon font's ligature)."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return [links.nth(n).inner_text().strip().splitlines()[-1] for n in range(links.count())]


def _download_correction(page) -> openpyxl.Workbook:
    button = page.get_by_test_id("stDownloadButton")
    # The innermost block holding the report's name and a button (blocks nest; inner ones come later in the page).
    report = page.get_by_test_id("stVerticalBlock").filter(has_text="Quý II năm 2023").filter(has=button).last
    second_quarter = report.get_by_test_id("stDownloadButton")
    with page.expect_download() as download:
        second_quarter.get_by_role("button", name="Tải biểu mẫu để sửa").click()
    assert download.value.suggested_filename == "Bieu01_183_2023Q2_sua.xlsx"
    return openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))


def test_each_role_lands_on_its_page_and_reads_every_page_in_vietnamese(demo_server, browser_page, output_dir):
    page = browser_page
    for role, (path, title) in LANDING.items():
        # A new session, signed out, at the root URL with the demo's finished year (2023) chosen.
        page.goto(f"{demo_server.url}/?plan=lang-son-2023", wait_until="networkidle")
        page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
        sign_in(page, role)
        page.get_by_role("heading", name=title).first.wait_for(timeout=SIGN_IN_TIMEOUT_MS)
        wait_idle(page)  # the heading shows before the landing page's run has drawn the rest
        assert page.url.split("?")[0] == demo_server.url + path, role
        page.screenshot(path=str(output_dir / f"{role}.png"))
        if role == "unit_staff":
            summary = _download_correction(page)[form_spec.SUMMARY_SHEET]
            figures = {row[1]: row[4] for row in summary.iter_rows(values_only=True)}
            assert (figures["KT01"], figures["KT02"]) == (75, 12)  # Cao Lộc's second quarter on record
        menu = _menu(page)
        assert "Kế hoạch năm" in menu, role  # the plan's text one click away
        for n, label in enumerate(menu):
            page.get_by_test_id("stSidebarNav").get_by_role("link").nth(n).click()
            wait_idle(page)
            # Placeholders too: an empty multiselect shows Streamlit's own "Choose options" in one.
            placeholders = page.locator("[placeholder]").evaluate_all("els => els.map(e => e.placeholder)")
            body = page.inner_text("body") + "\n" + "\n".join(placeholders)
            assert "Traceback" not in body, (role, label)
            assert not [word for word in ENGLISH if word in body], (role, label)
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []


def test_the_calendar_and_the_uploaders_checks_are_vietnamese_in_an_english_browser(
    demo_server, chromium, output_dir, tmp_path
):
    """Streamlit's calendar takes the browser's language and its uploader checks type and size in English (issue 18,
    item 3): web/ui.vietnamese_widgets renames them."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    page = context.new_page()
    page.goto(demo_server.url, wait_until="networkidle")
    sign_in(page, "secretariat")
    page.goto(f"{demo_server.url}/trinh-chieu?plan=lang-son-2023&period=2023Q4", wait_until="networkidle")
    sign_in(page, "secretariat")
    page.get_by_test_id("stDateInput").first.click()
    calendar = page.get_by_test_id("stDateInputCalendar")
    calendar.wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    page.wait_for_timeout(300)
    assert calendar.locator("thead th").all_inner_texts() == ["CN", "T2", "T3", "T4", "T5", "T6", "T7"]
    assert "Tháng 12" in calendar.inner_text() and "December" not in calendar.inner_text()
    calendar.get_by_role("button", name="month", exact=True).click()
    months = page.get_by_role("listbox").last
    months.wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    page.wait_for_timeout(300)
    page.screenshot(path=str(output_dir / "calendar.png"))
    assert months.get_by_role("option").all_inner_texts() == [f"Tháng {n}" for n in range(1, 13)]
    page.keyboard.press("Escape")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Nộp báo cáo").click()
    wait_idle(page)
    (tmp_path / "ghi-chu.txt").write_text("không phải biểu mẫu")
    (tmp_path / "qua-lon.xlsx").write_bytes(b"0" * (21 * 1024 * 1024))
    page.locator("input[type=file]").set_input_files([tmp_path / "ghi-chu.txt", tmp_path / "qua-lon.xlsx"])
    uploader = page.get_by_test_id("stFileUploader")
    uploader.get_by_text("tệp quá lớn").wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    text = uploader.inner_text()
    assert "Không nhận: chỉ nhận tệp .xlsx, .xlsm, .xls, .ods, hoặc tệp nén .zip." in text
    assert "Không nhận: tệp quá lớn, mỗi tệp tối đa 20 MB." in text
    assert "Error" not in text and "not allowed" not in text and "smaller" not in text
    page.screenshot(path=str(output_dir / "uploader.png"))
    context.close()
