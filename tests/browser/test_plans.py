"""Issue 19 in a real headless Chromium: the secretariat copies the Lạng Sơn 2023 plan (11 districts) to 2026 on page
Kế hoạch (item 1); the new plan reports from the province's 65 communes and is owned by Sở Y tế; their 65 forms of
a quarter go out as one zip and come back filled as one zip (item 4), and the overview counts them."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import openpyxl
import pytest
from pptx import Presentation

from core.bootstrap import open_database
from core.plans import PLANS_ENV_VAR
from etl.demo import CODES, DemoReport, fill_form
from tests.support.browser import open_deep_link, wait_idle, with_accounts
from tests.support.plan_files import copy_seed_plans

pytestmark = pytest.mark.browser


def test_a_plan_copied_across_the_reform_through_the_page(tmp_path, monkeypatch, server_for, browser_page, output_dir):
    plans = copy_seed_plans(tmp_path / "plans")  # lang-son-2026 is made here
    monkeypatch.setenv(PLANS_ENV_VAR, str(plans))  # the server reads and writes this copy, never the repository's
    db_path = tmp_path / "kpi.duckdb"
    open_database(db_path).close()
    server = server_for(with_accounts(db_path))
    page = browser_page

    open_deep_link(page, server, "/ke-hoach?plan=lang-son-2023", "Lập kế hoạch năm mới từ kế hoạch này")
    year = page.get_by_label("Năm của kế hoạch mới")
    year.fill("2026")
    page.get_by_role("button", name="Lập kế hoạch", exact=True).click()
    page.get_by_text("Đã lập kế hoạch «lang-son-2026»").wait_for(timeout=30_000)
    wait_idle(page)
    body = page.inner_text("body")
    assert "đơn vị báo cáo được chọn lại là toàn bộ các xã, phường, đặc khu của tỉnh" in body
    assert "nhắc đến cấp huyện, nay không còn" in body
    page.screenshot(path=str(output_dir / "copied.png"), full_page=True)
    assert (plans / "lang-son-2026.yaml").exists()

    open_deep_link(page, server, "/ke-hoach-nam?plan=lang-son-2026", "Chỉ tiêu của kế hoạch")
    body = page.inner_text("body")
    assert "65 đơn vị báo cáo" in body
    assert "Cơ quan thường trực: Sở Y tế tỉnh Lạng Sơn" in body

    # The 65 communes' forms of the second quarter, out as one zip, filled, and back as one zip.
    open_deep_link(page, server, "/nop-bao-cao?plan=lang-son-2026&period=2026Q2", "Tải biểu mẫu của tất cả đơn vị")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Tải biểu mẫu của tất cả đơn vị (.zip)").click()
    assert download.value.suggested_filename == "Bieu01_lang-son-2026_2026Q2.zip"
    returned = _filled(download.value.path(), tmp_path / "tra-ve.zip")
    page.locator("input[type=file]").set_input_files(str(returned))
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stFileChip]').length === 1"
        " && !document.querySelector('[data-testid=stFileChipIconSpinner]')",
        timeout=30_000,
    )
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Kiểm tra và nộp").click()
    page.get_by_text("65 tệp: 65 đã ghi nhận.").wait_for(timeout=180_000)
    page.screenshot(path=str(output_dir / "zip-returned.png"))

    # What the committee sees of the quarter: every commune inspected 2 of its 4 establishments (50 %).
    query = "plan=lang-son-2026&period=2026Q2"
    open_deep_link(page, server, f"/tong-quan?{query}", "65/65 đơn vị đã báo cáo quý II")
    page.screenshot(path=str(output_dir / "overview-2026.png"))
    open_deep_link(page, server, f"/chi-tieu?{query}&indicator=CO_SO_KIEM_TRA", "dựa trên 65/65 đơn vị")
    assert "50,0%" in page.inner_text("body")
    open_deep_link(page, server, f"/bang-diem?{query}", "Bảng điểm")
    assert "65/65 đơn vị đã báo cáo quý II" in page.inner_text("body")
    page.get_by_label("Tìm đơn vị").fill("Cao Lộc")
    page.keyboard.press("Enter")
    page.get_by_text("Đang hiện 1/65 đơn vị.").wait_for(timeout=30_000)  # the grid is drawn on a canvas
    open_deep_link(page, server, f"/tinh-hinh-bao-cao?{query}", "Tình hình báo cáo")
    assert "65/260 báo cáo đến hạn đã nộp" in page.inner_text("body")  # today: Q1, S1 and Q3 are due too
    open_deep_link(page, server, f"/trinh-chieu?{query}", "Trình chiếu")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Tải bản trình chiếu (.pptx)").click()
    slides = Presentation(download.value.path())
    assert "Sở Y tế tỉnh Lạng Sơn" in "\n".join(
        shape.text_frame.text for shape in slides.slides[0].shapes if shape.has_text_frame
    )
    page.screenshot(path=str(output_dir / "present-2026.png"))


COMMUNE_FIGURES = {  # one commune's quarter, its commune sheet agreeing (one row: the commune itself)
    **dict.fromkeys(CODES, 0),
    **{"TT01": 1, "TT02": 1, "TT03": 2, "TT04": 1, "KH01": 1, "KH02": 1, "KT01": 4, "KT02": 2, "KT05": 3},
    **{"TH01": 5, "TH02": 2, "LM01": 1},
}
COMMUNE_ROW = {
    "held_communication": "Có",
    "count_sessions": 2,
    "count_establishments": 4,
    "count_inspected": 2,
    "is_healthy": "Có",
}


def _filled(downloaded: str, target):
    """Each form of the zip filled in as its commune's clerk would, zipped again."""
    with zipfile.ZipFile(downloaded) as forms, zipfile.ZipFile(target, "w") as returned:
        for name in forms.namelist():
            book = openpyxl.load_workbook(io.BytesIO(forms.read(name)))
            unit = name.split("_")[1]
            report = DemoReport(unit, "", "2026Q2", datetime(2026, 7, 1), COMMUNE_FIGURES, [COMMUNE_ROW])
            fill_form(book, report)
            out = io.BytesIO()
            book.save(out)
            returned.writestr(name, out.getvalue())
    return target
