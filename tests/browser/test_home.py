"""The home page in a real headless Chromium, served by a real Streamlit process."""

import pytest

from core.bootstrap import open_database
from tests.support.browser import open_deep_link, with_accounts

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium(tmp_path, server_for, browser_page, output_dir):
    db_path = tmp_path / "kpi.duckdb"
    open_database(db_path).close()
    server = server_for(with_accounts(db_path))

    page = browser_page
    open_deep_link(page, server, "/ke-hoach-nam?plan=lang-son-2023", "Chỉ tiêu của kế hoạch", role="committee")
    body = page.inner_text("body")
    assert "Theo dõi chỉ tiêu phòng, chống mại dâm" in body
    assert "Chưa có báo cáo nào được nạp cho kế hoạch này (năm 2023)" in body
    assert "Tổ chức kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ có điều kiện" in body
    page.screenshot(path=str(output_dir / "home.png"), full_page=True)
    assert (output_dir / "home.png").stat().st_size > 10_000
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []  # base-path probes
