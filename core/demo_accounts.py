"""The demo database's accounts, whose passwords the README publishes, and which accounts still sign in with them."""

from __future__ import annotations

import functools
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.db import Database
from core.sample_content import DEMO_FULL_NAMES


class DemoAccount(NamedTuple):
    username: str
    full_name: str
    role: str
    password: str  # published in the README: anyone may sign in with it
    unit_codes: tuple[str, ...]


# One account per role, named in the README. Only `python -m etl demo` creates them, and only in a database with
# no account and no report; the first administrator of a real database comes from `python -m etl users add`.
DEMO_ACCOUNTS = (
    DemoAccount("quantri", DEMO_FULL_NAMES["quantri"], "admin", "bcd138-quan-tri", ()),
    DemoAccount("thuky", DEMO_FULL_NAMES["thuky"], "secretariat", "bcd138-thu-ky", ()),
    # Huyện Cao Lộc's clerk in 2023, Xã Cao Lộc's since the 2025 reform
    DemoAccount("canbo.caoloc", DEMO_FULL_NAMES["canbo.caoloc"], "unit_staff", "bcd138-cao-loc", ("183", "06193")),
    DemoAccount("thanhvien", DEMO_FULL_NAMES["thanhvien"], "committee", "bcd138-thanh-vien", ()),
)
_BY_USERNAME = {account.username: account for account in DEMO_ACCOUNTS}

# Verifying reads the parameters from the stored hash, so this hasher checks whatever hashed the password.
hasher = PasswordHasher()


class PublishedAccount(NamedTuple):
    username: str
    role: str


def published_accounts(db: Database) -> list[PublishedAccount]:
    """The active accounts that still sign in with the password the README gives them, in the README's order.

    Judged by the password, not the name: an account called `quantri` with a password of its own is not
    flagged, and the flag goes as soon as the password changes or the account is locked. One query a call;
    each hash is verified once per process (see `still_published`)."""
    rows = db.rows("active_password_hashes", {"usernames": list(_BY_USERNAME)})
    published = [
        PublishedAccount(row.username, row.role) for row in rows if still_published(row.username, row.password_hash)
    ]
    order = list(_BY_USERNAME)
    return sorted(published, key=lambda account: order.index(account.username))


@functools.lru_cache(maxsize=256)
def still_published(username: str, password_hash: str) -> bool:
    """Whether `password_hash` is the hash of `username`'s published password. argon2 is slow on purpose
    (tens of milliseconds), and the answer for a given hash never changes: kept, so the sign-in page and the
    health check pay for a hash once, and a new password (a new hash) is verified afresh."""
    try:
        return hasher.verify(password_hash, _BY_USERNAME[username].password)
    except (VerificationError, InvalidHashError):
        return False
