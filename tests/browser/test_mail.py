"""Issue 20, item 3 in a real headless Chromium, the server set to a real SMTP server on 127.0.0.1: the secretariat
returns a report on Duyệt báo cáo and the page says the unit was told, the letter arriving; on Thư điện tử it reads
the reminders due on a day before they go, and finds the notice in the record, sent."""

import pytest

from tests.support.browser import copy_with_accounts, open_deep_link, wait_for_texts, wait_idle
from tests.support.smtp import body_of

pytestmark = pytest.mark.browser

REASON = "Thiếu biên bản kiểm tra quý II"


def test_a_returned_report_is_told_by_e_mail_and_the_letters_are_read_on_their_page(
    tmp_path, demo_db_path, smtp_server, server_for, browser_page, output_dir
):
    server = server_for(copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb"))
    page = browser_page
    open_deep_link(page, server, "/duyet-bao-cao?plan=lang-son-2023&period=2023Q2&unit=183", "Báo cáo cần xem")
    page.get_by_label("Lý do trả lại (đơn vị sẽ đọc)").fill(REASON)
    page.get_by_role("button", name="Trả lại").click()
    wait_for_texts(page, "Đã trả lại báo cáo của Huyện Cao Lộc. Đã gửi thư báo tới baocao.183@")
    (letter,) = smtp_server.inbox.messages
    assert letter["To"] == "baocao.183@langson.example"
    assert letter["Subject"] == "[BCĐ 138] Báo cáo Quý II năm 2023 của Huyện Cao Lộc bị trả lại"
    assert f"Lý do: {REASON}" in body_of(letter)

    open_deep_link(page, server, "/thu-dien-tu?ngay=2026-12-12", "Thư đến hạn")  # a new session: signed in again
    wait_for_texts(page, "Máy chủ thư: 127.0.0.1:", "Thư đến hạn", "Kính gửi Phường Đông Kinh,", "còn 3 ngày")
    wait_idle(page)
    page.screenshot(path=str(output_dir / "mail.png"), full_page=True)
    body = page.inner_text("body")
    assert "7 thư không gửi được vì thiếu địa chỉ" in body
    assert "1 đã gửi" in body  # the record (its table is drawn on a canvas), and the letter read from it:
    assert "Tiêu đề: [BCĐ 138] Báo cáo Quý II năm 2023 của Huyện Cao Lộc bị trả lại" in body
    assert page.get_by_role("button", name="Gửi ngay các thư đến hạn hôm nay").count() == 0  # not today
