"""Signing in and out in a real headless Chromium: wrong password, a wait after repeated failures, sign-out."""

from __future__ import annotations

import pytest

from core import auth
from core.bootstrap import open_database
from tests.support.accounts import PASSWORD
from tests.support.browser import SIGN_IN_TIMEOUT_MS, sign_in, with_accounts

pytestmark = pytest.mark.browser

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
WAIT = "Đã đăng nhập sai nhiều lần. Hãy chờ đến"


def test_sign_in_wrong_password_wait_and_sign_out(tmp_path, server_for, browser_page, output_dir):
    db_path = with_accounts(tmp_path / "kpi.duckdb")
    server = server_for(db_path)
    page = browser_page
    page.goto(server.url, wait_until="networkidle")  # see open_deep_link: the first session cannot take a deep link
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    page.goto(f"{server.url}/tong-quan?plan=lang-son-2023", wait_until="networkidle")
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    assert "Chỉ tiêu của kế hoạch" not in page.inner_text("body")  # nothing of any page before signing in

    sign_in(page, "secretariat", password="khong-dung-mat-khau")
    page.get_by_text(WRONG).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    page.screenshot(path=str(output_dir / "1_wrong.png"))

    sign_in(page, "secretariat")
    page.get_by_text("Thư Ký Kiểm Thử · Thư ký").wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    page.get_by_role("heading", name="Tổng quan").first.wait_for(timeout=SIGN_IN_TIMEOUT_MS)  # the link's page
    page.screenshot(path=str(output_dir / "2_signed_in.png"))

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập", exact=True).wait_for(timeout=SIGN_IN_TIMEOUT_MS)

    for attempt in range(auth.FAILURES_BEFORE_WAIT):
        sign_in(page, "unit_staff", password=f"sai-mat-khau-{attempt}")
    page.get_by_text(WAIT).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    sign_in(page, "unit_staff", password=PASSWORD)  # the right password is refused while this browser waits
    page.get_by_text(WAIT).wait_for(timeout=SIGN_IN_TIMEOUT_MS)
    assert "Cán Bộ Cao Lộc" not in page.inner_text("body")
    page.screenshot(path=str(output_dir / "3_locked.png"))
    assert [e for e in page.console_errors if not e.startswith("Failed to load resource")] == []

    server.stop()
    assert server.process.returncode == 0  # SIGTERM: the server stops, quietly
    assert "leaked" not in server.log_path.read_text(), "DuckDB's teardown lines (web/serve.py skips the teardown)"
    db = open_database(db_path)
    with db.cursor() as cur:
        actions = cur.execute("SELECT actor, action FROM audit_log WHERE entity = 'user' ORDER BY audit_id").fetchall()
    db.close()
    assert actions == [
        ("thuky", "sign_in_failed"),
        ("thuky", "sign_in"),
        *[("canbo.caoloc", "sign_in_failed")] * auth.FAILURES_BEFORE_WAIT,  # a refusal to wait is not checked
    ]
