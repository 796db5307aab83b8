"""Each role's pages and actions: the navigation offers only what the role may use, and each page checks again."""

from __future__ import annotations

import pytest

from tests.support.apptest import all_text, registered_pages, run_page, run_script_as

PROVINCE_PAGES = {"overview", "indicator", "scorecard", "unit", "reporting", "quality", "decisions"}
EVERYONE = {"start", "home"}  # the root URL, which sends each role on, and the plan's text
EXPECTED_PAGES = {
    "admin": {*EVERYONE, "todo", *PROVINCE_PAGES, "present", "history", "plans", "users", "audit", "health", "mail"},
    "secretariat": {
        *EVERYONE,
        "todo",
        "unit_reports",
        *PROVINCE_PAGES,
        "present",
        "submit",
        "review",
        "mail",
        "history",
        "plans",
        "audit",
    },
    "unit_staff": {*EVERYONE, "unit_reports", "submit", "history"},
    "committee": {*EVERYONE, *PROVINCE_PAGES, "present", "history"},
}
LANDING = {  # role -> the title of the page the root URL lands on (issue 18, item 2)
    "admin": "Việc cần làm",
    "secretariat": "Việc cần làm",
    "unit_staff": "Báo cáo của đơn vị",
    "committee": "Tổng quan",
}
REFUSED = "Tài khoản của bạn không có quyền dùng trang này."


@pytest.mark.parametrize("role", EXPECTED_PAGES)
def test_navigation_offers_only_the_roles_pages(monkeypatch, db, role):
    at = run_page(monkeypatch, db.path, role=role)
    assert not at.exception
    assert registered_pages(at) == EXPECTED_PAGES[role]
    assert at.title[0].value == LANDING[role]


@pytest.mark.parametrize(
    ("script", "role"),
    [
        ("pages/submit.py", "committee"),  # a committee member reads, never submits
        ("pages/submit.py", "admin"),
        ("pages/overview.py", "unit_staff"),  # a unit's staff sees its own unit's reports only
        ("pages/present.py", "unit_staff"),
        ("pages/users.py", "secretariat"),
        ("pages/plans.py", "committee"),
        ("pages/plans.py", "unit_staff"),
        ("pages/users.py", "committee"),
        ("pages/audit.py", "committee"),
        ("pages/audit.py", "unit_staff"),
        ("pages/todo.py", "committee"),
        ("pages/todo.py", "unit_staff"),
        ("pages/unit_reports.py", "committee"),
        ("pages/unit_reports.py", "admin"),
    ],
)
def test_a_page_opened_without_the_right_refuses(monkeypatch, db, script, role):
    at = run_script_as(monkeypatch, db.path, script, role)
    assert not at.exception
    assert [e.value for e in at.error] == [REFUSED]
    assert not at.file_uploader and not at.dataframe


def test_signed_out_sees_only_the_sign_in_form(monkeypatch, db):
    at = run_page(monkeypatch, db.path, role=None)
    assert at.title[0].value == "Đăng nhập"
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert "Theo dõi chỉ tiêu" not in all_text(at)
