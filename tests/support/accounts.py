"""Test accounts, one per role, written straight into a database with one precomputed password hash."""

from __future__ import annotations

import functools
from datetime import datetime

from core import auth
from core.db import Database

PASSWORD = "mat-khau-kiem-thu"
ACCOUNTS = {  # role -> (username, full name, units)
    "admin": ("quantri", "Quản Trị Kiểm Thử", ()),
    "secretariat": ("thuky", "Thư Ký Kiểm Thử", ()),
    "unit_staff": ("canbo.caoloc", "Cán Bộ Cao Lộc", ("183", "06193")),  # as the demo's: Huyện, then Xã Cao Lộc
    "committee": ("thanhvien", "Thành Viên Kiểm Thử", ()),
}


@functools.cache
def _password_hash() -> str:
    return auth.hash_password(PASSWORD)  # argon2 is slow on purpose: once per test session


def ensure_account(db: Database, role: str) -> auth.User:
    """The test account of `role` in `db`, created if absent (without the audit line an admin's action writes)."""
    username, full_name, units = ACCOUNTS[role]
    if auth.get_user(db, username) is None:
        with db.transaction() as tx:
            tx.run(
                "insert_user",
                {
                    "username": username,
                    "full_name": full_name,
                    "role": role,
                    "password_hash": _password_hash(),
                    "created_at": datetime.now(),
                },
            )
            tx.run_many("insert_user_unit", [{"username": username, "unit_code": code} for code in units])
    return auth.get_user(db, username)
