"""Accounts: argon2id hashes, sign-in, session expiry, validation, audit, the command line (sign-in waits and
the ending of sessions: tests/core/test_sign_in.py)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher

from core import auth
from core.db import ROOT
from etl.demo import DEMO_ACCOUNTS, create_demo_accounts
from tests.support.cli import etl

NOW = datetime(2026, 11, 23, 9, 0)
PASSWORD = "mot-mat-khau-dai"


@pytest.fixture
def admin(db):
    return auth.create_user(db, "cli:root", "quantri", "Nguyễn Quản Trị", "admin", PASSWORD, now=NOW)


def audit(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute(
            "SELECT actor, action, entity_id, before_json, after_json FROM audit_log ORDER BY 1"
        ).fetchall()


def test_passwords_are_stored_as_argon2id_hashes_and_nowhere_in_clear(db, admin):
    with db.cursor() as cur:
        (stored,) = cur.execute("SELECT password_hash FROM users WHERE username = 'quantri'").fetchone()
        everything = repr(cur.execute("SELECT * FROM users").fetchall()) + repr(
            cur.execute("SELECT * FROM audit_log").fetchall()
        )
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in everything
    assert "argon2" not in repr(audit(db))  # the audit log keeps the account, never its hash


def test_passwords_are_hashed_at_owasps_minimum_or_above():
    """OWASP's Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane (the tests' own processes hash
    with cheaper parameters: tests/conftest.py)."""
    made = PasswordHasher(**auth.PASSWORD_HASHING).hash("mật khẩu đủ dài")
    assert made.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_sign_in_with_the_right_password_and_not_otherwise(db, admin):
    assert auth.authenticate(db, " QuanTri ", PASSWORD, NOW) == admin  # names are case-insensitive
    for username, password in (("quantri", "sai-mat-khau"), ("khong-co-ai", PASSWORD)):
        with pytest.raises(auth.AuthError, match="Tên đăng nhập hoặc mật khẩu không đúng"):
            auth.authenticate(db, username, password, NOW)


def test_repeated_failures_make_the_client_wait_a_while(db, admin):
    for _ in range(auth.FAILURES_BEFORE_WAIT - 1):
        with pytest.raises(auth.AuthError, match="không đúng"):
            auth.authenticate(db, "quantri", "sai-mat-khau", NOW)
    with pytest.raises(auth.SignInDelayed, match="Hãy chờ đến 09:01 23/11/2026 rồi thử lại"):
        auth.authenticate(db, "quantri", "sai-mat-khau", NOW)
    with pytest.raises(auth.SignInDelayed):
        auth.authenticate(db, "quantri", PASSWORD, NOW + timedelta(seconds=59))  # right password, still waiting
    assert auth.authenticate(db, "quantri", PASSWORD, NOW + auth.FIRST_WAIT) == admin


def test_a_deactivated_account_cannot_sign_in_and_loses_its_session(db, admin):
    staff = auth.create_user(db, "quantri", "canbo", "Lê Văn Cán", "unit_staff", PASSWORD, ["183"])
    auth.set_active(db, "quantri", "canbo", False)
    with pytest.raises(auth.AuthError, match="Tên đăng nhập hoặc mật khẩu không đúng"):  # as for a wrong password
        auth.authenticate(db, "canbo", PASSWORD, NOW)
    assert auth.active_user(db, "canbo") is None
    auth.set_active(db, "quantri", "canbo", True)
    assert auth.active_user(db, "canbo") == staff


def test_sessions_expire_when_idle_or_too_old():
    assert not auth.session_expired(NOW, NOW + timedelta(minutes=29), NOW + timedelta(minutes=30))
    assert auth.session_expired(NOW, NOW, NOW + auth.SESSION_IDLE + timedelta(seconds=1))
    assert auth.session_expired(NOW, NOW + timedelta(hours=10), NOW + timedelta(hours=10, minutes=1))


@pytest.mark.parametrize(
    ("username", "role", "password", "units", "message"),
    [
        ("Cán bộ", "unit_staff", PASSWORD, ["183"], "chữ thường không dấu"),
        ("canbo", "unit_staff", "ngan", ["183"], "ít nhất 10 ký tự"),
        ("canbo", "unit_staff", "canbo-123456", ["183"], "không được chứa tên đăng nhập"),
        ("canbo", "unit_staff", PASSWORD, [], "ít nhất một đơn vị"),
        ("canbo", "unit_staff", PASSWORD, ["99999"], "Không có đơn vị mã: 99999"),
        ("canbo", "boss", PASSWORD, [], "Vai trò «boss» không hợp lệ"),
        ("quantri", "admin", PASSWORD, [], "đã có người dùng"),
    ],
)
def test_account_rules(db, admin, username, role, password, units, message):
    with pytest.raises(auth.AuthError, match=message):
        auth.create_user(db, "quantri", username, "Tên Người", role, password, units)


def test_the_last_administrator_stays(db, admin):
    with pytest.raises(auth.AuthError, match="quản trị cuối cùng"):
        auth.set_active(db, "quantri", "quantri", False)
    with pytest.raises(auth.AuthError, match="quản trị cuối cùng"):
        auth.update_user(db, "quantri", "quantri", "Nguyễn Quản Trị", "committee", [])


def test_every_account_change_is_audited_with_before_and_after(db, admin):
    auth.create_user(db, "quantri", "canbo", "Lê Văn Cán", "unit_staff", PASSWORD, ["183"])
    auth.update_user(db, "quantri", "canbo", "Lê Văn Cán", "unit_staff", ["183", "184"])
    changes = [row for row in audit(db) if row[2] == "canbo"]
    assert [(actor, action) for actor, action, *_ in changes] == [("quantri", "create"), ("quantri", "update")]
    update = changes[1]
    assert '"units": ["183"]' in update[3] and '"units": ["183", "184"]' in update[4]


def test_roles_and_units_decide_what_a_user_may_do():
    staff = auth.User("canbo", "Lê Văn Cán", "unit_staff", ("183",))
    reader = auth.User("bcd", "Thành viên", "committee")
    secretary = auth.User("thuky", "Thư ký", "secretariat")
    assert staff.may_submit_for("183") and not staff.may_submit_for("181")
    assert not reader.may_submit_for("183") and secretary.may_submit_for("181")
    assert staff.visible_units(["181", "183"]) == ["183"] and reader.visible_units(["181", "183"]) == ["181", "183"]
    assert not reader.can("manage_plans") and not staff.can("view_province") and secretary.can("manage_plans")


def test_the_first_administrator_comes_from_the_command_line(tmp_path):
    db_path = tmp_path / "kpi.duckdb"
    command = ["users", "add", "--db", str(db_path), "--username", "quantri"]
    command += ["--full-name", "Nguyễn Quản Trị", "--role", "admin", "--password-stdin"]
    result = etl(*command, typed=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Đã tạo tài khoản quantri (Quản trị)."
    listed = etl("users", "list", "--db", str(db_path))
    assert listed.stdout.split("\t")[:3] == ["quantri", "Nguyễn Quản Trị", "admin"]
    refused = etl(*command, typed="ngan\n")
    assert refused.returncode == 2 and "ít nhất 10 ký tự" in refused.stderr


def test_the_demo_accounts_sign_in_with_the_passwords_the_readme_names(db):
    assert create_demo_accounts(db) == [username for username, *_ in DEMO_ACCOUNTS]
    assert create_demo_accounts(db) == []  # a second run adds nothing
    readme = (ROOT / "README.md").read_text()
    for username, _name, role, password, _units in DEMO_ACCOUNTS:
        assert re.search(rf"`{re.escape(username)}`.*`{re.escape(password)}`", readme), username
        assert auth.authenticate(db, username, password, NOW).role == role
