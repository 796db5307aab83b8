"""Issue 20, item 1 in a real headless Chromium on a copy of the demo: the secretariat returns Cao Lộc's second
quarter on page Duyệt báo cáo with a reason and a note on a figure; the district's clerk reads them on Báo cáo của
đơn vị; the secretariat approves the first quarter, which the clerk then cannot replace."""

import pytest

from tests.support.browser import copy_with_accounts, open_deep_link, sign_in, wait_for_texts, wait_idle

pytestmark = pytest.mark.browser

REASON = "Số cơ sở đã kiểm tra chưa khớp với biên bản"


def test_return_then_approve_through_the_pages(tmp_path, demo_db_path, server_for, browser_page, output_dir):
    server = server_for(copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb"))
    page = browser_page
    open_deep_link(page, server, "/duyet-bao-cao?plan=lang-son-2023&period=2023Q2&unit=183", "Báo cáo cần xem")
    body = page.inner_text("body")
    assert "11 báo cáo đã nộp: 11 chờ duyệt, 0 đã duyệt, 0 trả lại." in body
    page.get_by_label("Lý do trả lại (đơn vị sẽ đọc)").fill(REASON)
    page.get_by_label("Ghi chú cho các chỉ tiêu đã chọn").fill("Xem lại KT02")
    cells = page.get_by_label("Chỉ tiêu cần sửa (nếu có)")
    chosen = page.get_by_test_id("stMultiSelect").filter(has_text="KT02 — Số cơ sở đã được kiểm tra")
    for _ in range(3):  # a click on an option of a list still being drawn is lost now and then (CI, loaded)
        cells.click()
        page.keyboard.type("KT02")  # as a person narrows a long list
        page.get_by_role("option", name="KT02 — Số cơ sở đã được kiểm tra").click()
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        if chosen.count():
            break
    chosen.first.wait_for(timeout=30_000)  # the figure is chosen before the form is sent
    page.get_by_role("button", name="Trả lại").click()
    wait_for_texts(page, "Đã trả lại báo cáo của Huyện Cao Lộc.", "Trả lại lúc", REASON, "KT02: Xem lại KT02")
    wait_idle(page)
    page.screenshot(path=str(output_dir / "returned.png"), full_page=True)

    open_deep_link(page, server, "/duyet-bao-cao?plan=lang-son-2023&period=2023Q1&unit=183", "Báo cáo cần xem")
    page.get_by_role("button", name="Duyệt báo cáo này").click()
    page.get_by_text("Đã duyệt và khoá báo cáo của Huyện Cao Lộc.").wait_for(timeout=30_000)

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=30_000)
    sign_in(page, "unit_staff")
    page.get_by_role("heading", name="Báo cáo của đơn vị").first.wait_for(timeout=30_000)
    wait_idle(page)
    page.screenshot(path=str(output_dir / "clerk.png"), full_page=True)
    wait_for_texts(page, REASON, "KT02: Xem lại KT02", "Đã duyệt lúc")  # drawn by the landing page's last run
    assert not page.get_by_role("link", name="Duyệt báo cáo").count()  # not in a clerk's menu


QUESTION = "Vì sao số cơ sở được kiểm tra quý II tăng nhiều?"
ANSWER = "Đoàn liên ngành kiểm tra thêm trong tháng 5."


def test_a_question_on_a_figure_and_its_answer(tmp_path, demo_db_path, server_for, browser_page, output_dir):
    """Issue 20, item 4: a committee member asks on page Đơn vị; the district's clerk answers on its own page."""
    server = server_for(copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb"))
    page = browser_page
    path = "/don-vi?plan=lang-son-2023&period=2023Q2&unit=183"
    open_deep_link(page, server, path, "Hỏi đơn vị về một số liệu", role="committee")
    page.get_by_label("Câu hỏi (đơn vị sẽ đọc và trả lời)").fill(QUESTION)
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.get_by_text("Đã gửi câu hỏi cho Huyện Cao Lộc.").wait_for(timeout=30_000)
    wait_idle(page)
    assert QUESTION in page.inner_text("body") and "Chưa trả lời." in page.inner_text("body")

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=30_000)
    sign_in(page, "unit_staff")
    page.get_by_text(QUESTION, exact=False).first.wait_for(timeout=30_000)
    page.get_by_label("Câu trả lời").fill(ANSWER)
    page.get_by_role("button", name="Trả lời").click()
    page.get_by_text("Đã gửi câu trả lời.").wait_for(timeout=30_000)
    page.get_by_text(ANSWER, exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(output_dir / "answered.png"), full_page=True)
