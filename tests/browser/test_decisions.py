"""Issue 21, done-means: a decision recorded after one meeting (Quý II) in a real headless Chromium, and shown at
the next period (Quý III) beside its target on Chỉ tiêu and on the presentation's screen for it."""

from datetime import date, timedelta

import pytest

from tests.support.browser import copy_with_accounts, open_deep_link, wait_for_texts, wait_idle

pytestmark = pytest.mark.browser

DUE = date.today() + timedelta(days=300)  # a day to come (Streamlit offers up to ten years ahead)
TEXT = "Công an tỉnh chủ trì kiểm tra các cơ sở chưa được kiểm tra ở Văn Quan trong quý III"


def test_a_decision_of_one_meeting_shown_at_the_next(tmp_path, demo_db_path, server_for, browser_page, output_dir):
    server = server_for(copy_with_accounts(demo_db_path, tmp_path / "kpi.duckdb"))
    page = browser_page
    open_deep_link(page, server, "/ket-luan?plan=lang-son-2023&period=2023Q2", "Ghi kết luận của kỳ họp")
    page.get_by_label("Chỉ tiêu liên quan").click()
    page.get_by_role("option", name="Tỷ lệ cơ sở được kiểm tra").click()
    page.get_by_role("spinbutton", name="day, Hạn thực hiện (nếu có)").click()  # day, month, year: typed in turn
    page.keyboard.type(DUE.strftime("%d%m%Y"))
    page.get_by_label("Nội dung kết luận").fill(TEXT)
    page.get_by_label("Cơ quan, đơn vị chủ trì").fill("Công an tỉnh")
    page.get_by_role("button", name="Ghi kết luận").click()
    wait_for_texts(page, "Đã ghi kết luận.", TEXT, f"hạn {DUE.strftime('%d/%m/%Y')}")
    wait_idle(page)
    page.screenshot(path=str(output_dir / "recorded.png"), full_page=True)

    open_deep_link(page, server, "/chi-tieu?plan=lang-son-2023&period=2023Q3&indicator=CO_SO_KIEM_TRA", "Chỉ tiêu")
    wait_for_texts(page, "Kết luận của Ban Chỉ đạo đang theo dõi", f"Kết luận kỳ họp Quý II năm 2023: {TEXT}")
    wait_for_texts(page, "Từ kỳ họp đó đến Quý III năm 2023: 16,9% → 23,6% (tăng 6,7 điểm phần trăm).")
    page.screenshot(path=str(output_dir / "indicator.png"), full_page=True)

    open_deep_link(page, server, "/trinh-chieu?plan=lang-son-2023&period=2023Q3&slide=4", "Tỷ lệ cơ sở được kiểm tra")
    wait_for_texts(page, f"Kết luận kỳ họp Quý II năm 2023: {TEXT}")
