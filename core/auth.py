"""Who may do what: accounts with argon2id password hashes, lock-out, roles and their permissions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import texts
from core.db import Database, Transaction

ROLES = ("admin", "secretariat", "unit_staff", "committee")
MAX_FAILED_ATTEMPTS = 5  # wrong passwords in a row before the account is locked
LOCKOUT = timedelta(minutes=15)  # long enough to stop guessing, short enough not to need the administrator
SESSION_IDLE = timedelta(minutes=30)  # a session left alone this long signs out
SESSION_MAX = timedelta(hours=10)  # a working day: sign in again the next morning
MIN_PASSWORD_LENGTH = 10
TIME_FORMAT = "%H:%M %d/%m/%Y"  # when a lock-out ends
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")  # ASCII: typed on any keyboard, safe in logs

# What each role may do. Pages and server-side actions both ask `User.can`.
PERMISSIONS = {
    "view_province": {"admin", "secretariat", "committee"},  # province-wide pages: every unit's figures
    "present": {"admin", "secretariat", "committee"},  # presentation page and meeting exports
    "submit": {"secretariat", "unit_staff"},  # upload reports (unit staff: for their own units only)
    "view_history": {"admin", "secretariat", "unit_staff", "committee"},  # unit staff: their own units only
    "manage_users": {"admin"},
    "manage_plans": {"admin", "secretariat"},
    "view_audit": {"admin", "secretariat"},
    "view_health": {"admin"},  # database, archive and disk checks: the server's administrator
}

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


class AuthError(Exception):
    """Sign-in refused or an account change refused; the message is for the person, in Vietnamese."""


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    role: str
    unit_codes: tuple[str, ...] = ()  # the units a unit staff member reports for

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    @property
    def sees_every_unit(self) -> bool:
        return self.role != "unit_staff"

    def may_submit_for(self, unit_code: str) -> bool:
        return self.can("submit") and (self.sees_every_unit or unit_code in self.unit_codes)

    def visible_units(self, unit_codes: list[str]) -> list[str]:
        """Of the given units, those this user may see."""
        return list(unit_codes) if self.sees_every_unit else [c for c in unit_codes if c in self.unit_codes]

    @property
    def role_label(self) -> str:
        return texts.ROLE_LABELS[self.role]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(texts.AUTH_PASSWORD_TOO_SHORT.format(length=MIN_PASSWORD_LENGTH))
    if username.casefold() in password.casefold():
        raise AuthError(texts.AUTH_PASSWORD_HAS_USERNAME)


def _load(db: Database | Transaction, username: str) -> User | None:
    runner = db.rows if isinstance(db, Database) else db.run
    row = runner("user_by_name", {"username": username})
    if not row:
        return None
    name, full_name, role = row[0][:3]
    units = tuple(code for (code,) in runner("user_unit_codes", {"username": name}))
    return User(name, full_name, role, units)


def get_user(db: Database, username: str) -> User | None:
    return _load(db, username)


def active_user(db: Database, username: str) -> User | None:
    """The account as it is now, or None once deactivated: a session follows changes at once."""
    row = db.one("user_by_name", {"username": username})
    return _load(db, username) if row is not None and row[3] else None


def authenticate(db: Database, username: str, password: str, now: datetime | None = None) -> User:
    """The signed-in user, or AuthError. Every attempt, good or bad, is written to the audit log.

    The same message for an unknown name and a wrong password: it does not tell a guesser which names exist.
    A refusal is recorded (failed count, lock, audit line) before it is raised: raising inside the
    transaction would roll the record back.
    """
    now = now or datetime.now()
    username = username.strip().casefold()
    with db.transaction() as tx:
        refusal = _check_sign_in(tx, username, password, now)
        if refusal is None:
            tx.run("record_sign_in", {"username": username, "signed_in_at": now})
            _audit(tx, username, "sign_in", "user", username, None, None)
            user = _load(tx, username)
    if refusal is not None:
        raise AuthError(refusal)
    return user


def _check_sign_in(tx: Transaction, username: str, password: str, now: datetime) -> str | None:
    """None if the password is right; else the refusal's message, with the attempt recorded."""
    row = tx.run("user_sign_in_state", {"username": username})
    if not row:
        _audit(tx, username or "?", "sign_in_failed", "user", username, None, {"reason": "unknown"})
        return texts.AUTH_WRONG
    password_hash, is_active, failed, locked_until = row[0]
    if not is_active:
        _audit(tx, username, "sign_in_failed", "user", username, None, {"reason": "inactive"})
        return texts.AUTH_INACTIVE
    if locked_until is not None and locked_until > now:
        _audit(tx, username, "sign_in_failed", "user", username, None, {"reason": "locked"})
        return texts.AUTH_LOCKED.format(until=locked_until.strftime(TIME_FORMAT))
    try:
        _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        failed += 1
        locked = now + LOCKOUT if failed >= MAX_FAILED_ATTEMPTS else None
        tx.run(
            "record_failed_sign_in",
            {"username": username, "failed_attempts": 0 if locked else failed, "locked_until": locked},
        )
        _audit(tx, username, "sign_in_failed", "user", username, None, {"reason": "password", "locked": bool(locked)})
        return texts.AUTH_LOCKED.format(until=locked.strftime(TIME_FORMAT)) if locked else texts.AUTH_WRONG
    if _hasher.check_needs_rehash(password_hash):
        tx.run("set_password_hash", {"username": username, "password_hash": hash_password(password)})
    return None


def session_expired(signed_in_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at > SESSION_IDLE or now - signed_in_at > SESSION_MAX


# --- account administration -------------------------------------------------------------------------


def _described(user: User | None) -> dict | None:
    """What the audit log keeps of an account: never the password or its hash."""
    if user is None:
        return None
    return {"full_name": user.full_name, "role": user.role, "units": list(user.unit_codes)}


def _audit(tx: Transaction, actor: str, action: str, entity: str, entity_id: str, before, after) -> None:
    tx.run(
        "insert_audit",
        {
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "before_json": None if before is None else json.dumps(before, ensure_ascii=False),
            "after_json": None if after is None else json.dumps(after, ensure_ascii=False),
        },
    )


def _check_account(db: Database, role: str, unit_codes: list[str]) -> None:
    if role not in ROLES:
        raise AuthError(texts.AUTH_BAD_ROLE.format(role=role, roles=", ".join(ROLES)))
    if role == "unit_staff" and not unit_codes:
        raise AuthError(texts.AUTH_UNITS_NEEDED)
    known = {code for (code,) in db.rows("all_unit_codes")}
    unknown = [c for c in unit_codes if c not in known]
    if unknown:
        raise AuthError(texts.AUTH_UNKNOWN_UNITS.format(codes=", ".join(unknown)))


def create_user(
    db: Database,
    actor: str,
    username: str,
    full_name: str,
    role: str,
    password: str,
    unit_codes: list[str] | tuple = (),
    now: datetime | None = None,
) -> User:
    username = username.strip().casefold()
    if not USERNAME_PATTERN.match(username):
        raise AuthError(texts.AUTH_BAD_USERNAME)
    if not full_name.strip():
        raise AuthError(texts.AUTH_NAME_NEEDED)
    _check_account(db, role, list(unit_codes))
    check_new_password(password, username)
    if get_user(db, username) is not None:
        raise AuthError(texts.AUTH_USERNAME_TAKEN.format(username=username))
    with db.transaction() as tx:
        tx.run(
            "insert_user",
            {
                "username": username,
                "full_name": full_name.strip(),
                "role": role,
                "password_hash": hash_password(password),
                "created_at": now or datetime.now(),
            },
        )
        tx.run_many("insert_user_unit", [{"username": username, "unit_code": c} for c in unit_codes])
        created = _load(tx, username)
        _audit(tx, actor, "create", "user", username, None, _described(created))
    return created


def update_user(db: Database, actor: str, username: str, full_name: str, role: str, unit_codes: list[str]) -> User:
    before = get_user(db, username)
    if before is None:
        raise AuthError(texts.AUTH_NO_SUCH_USER.format(username=username))
    if not full_name.strip():
        raise AuthError(texts.AUTH_NAME_NEEDED)
    _check_account(db, role, unit_codes)
    if before.role == "admin" and role != "admin":
        _keep_an_admin(db, username)
    with db.transaction() as tx:
        tx.run("update_user", {"username": username, "full_name": full_name.strip(), "role": role})
        tx.run("delete_user_units", {"username": username})
        tx.run_many("insert_user_unit", [{"username": username, "unit_code": c} for c in unit_codes])
        after = _load(tx, username)
        _audit(tx, actor, "update", "user", username, _described(before), _described(after))
    return after


def _keep_an_admin(db: Database, username: str) -> None:
    """The last active administrator cannot be demoted or deactivated: nobody could manage accounts."""
    others = [name for (name,) in db.rows("active_admins") if name != username]
    if not others:
        raise AuthError(texts.AUTH_LAST_ADMIN)


def set_active(db: Database, actor: str, username: str, active: bool) -> None:
    user = get_user(db, username)
    if user is None:
        raise AuthError(texts.AUTH_NO_SUCH_USER.format(username=username))
    if not active and user.role == "admin":
        _keep_an_admin(db, username)
    with db.transaction() as tx:
        tx.run("set_user_active", {"username": username, "is_active": active})
        _audit(tx, actor, "activate" if active else "deactivate", "user", username, None, None)


def set_password(db: Database, actor: str, username: str, password: str) -> None:
    """A new password (by the administrator or the person); also lifts a lock-out."""
    if get_user(db, username) is None:
        raise AuthError(texts.AUTH_NO_SUCH_USER.format(username=username))
    check_new_password(password, username)
    with db.transaction() as tx:
        tx.run("set_password_hash", {"username": username, "password_hash": hash_password(password)})
        tx.run("record_failed_sign_in", {"username": username, "failed_attempts": 0, "locked_until": None})
        _audit(tx, actor, "set_password", "user", username, None, None)


def users_table_rows(db: Database) -> list[tuple]:
    return db.rows("list_users")
