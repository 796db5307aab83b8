"""Issue 19, item 1, in a real headless Chromium: the secretariat copies the Lạng Sơn 2023 plan (11 districts) to
2026 on page Kế hoạch; the new plan reports from the province's 65 communes and is owned by Sở Y tế."""

from __future__ import annotations

import shutil

import pytest

from core.bootstrap import open_database
from core.plans import PLANS_DIR, PLANS_ENV_VAR
from tests.support.browser import open_deep_link, wait_idle, with_accounts

pytestmark = pytest.mark.browser


def test_a_plan_copied_across_the_reform_through_the_page(tmp_path, monkeypatch, server_for, browser_page, output_dir):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans, ignore=shutil.ignore_patterns("README.md"))
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
