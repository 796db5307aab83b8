"""The home page in a real headless Chromium, served by a real Streamlit process."""

import pytest

from core.bootstrap import open_database

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium(tmp_path, server_for, browser_page, output_dir):
    db_path = tmp_path / "kpi.duckdb"
    open_database(db_path).close()
    server = server_for(db_path)

    page = browser_page
    page.goto(f"{server.url}/?plan=lang-son-2023", wait_until="networkidle")
    page.get_by_text("Chỉ tiêu của kế hoạch").wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "Theo dõi chỉ tiêu phòng, chống mại dâm" in body
    assert "Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2023)" in body
    assert "Tổ chức kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ có điều kiện" in body
    page.screenshot(path=str(output_dir / "home.png"), full_page=True)
    assert (output_dir / "home.png").stat().st_size > 10_000
    assert page.console_errors == []
