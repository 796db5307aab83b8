"""Who may do what: accounts with argon2id password hashes, sign-in waits, sessions, roles and permissions."""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import audit, texts
from core.db import Database, Transaction

ROLES = ("admin", "secretariat", "unit_staff", "committee")
# Failed sign-ins make a client wait; no account is ever locked (anyone could lock its owner out).
FAILURES_BEFORE_WAIT = 5  # failures at one name from one client before that client waits
CLIENT_FAILURES_BEFORE_WAIT = 10  # failures from one client, whatever the names, before it waits
NAME_FAILURES_BEFORE_WAIT = 50  # at one name from all clients together (one guesser, many addresses) before
# the clients that never signed in to it wait too; the owner's usual clients do not
FIRST_WAIT = timedelta(minutes=1)  # after the failure that reaches a limit; each further failure doubles it
LONGEST_WAIT = timedelta(minutes=15)  # the cap: a client is never kept out longer than this at a time
FAILURE_MEMORY = timedelta(hours=24)  # a failure counts this long: far beyond the capped wait, or guessing at
# that pace would never reach a limit
KNOWN_CLIENT_MEMORY = timedelta(days=30)  # a client an account signed in from stays its usual one this long
LOCAL_CLIENT = "local"  # the server's own machine: the command line, the tests, a browser on the server
UNKNOWN_NAME_MARKER = "?"  # in the audit log, before the short hash of a name that is no account
NAME_HASH_SHOWN = 8  # hex digits of that hash: repeats of one typed text show, the text does not
SESSION_IDLE = timedelta(minutes=30)  # a session left alone this long signs out
SESSION_MAX = timedelta(hours=10)  # a working day: sign in again the next morning
MIN_PASSWORD_LENGTH = 10
TIME_FORMAT = "%H:%M %d/%m/%Y"  # when a wait ends
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
    "view_raw_audit": {"admin"},  # the audit log's records as stored: JSON, file hashes, client hashes
    "verify_figures": {"secretariat"},  # confirm a figure held for verification, or ask for its correction
    "view_health": {"admin"},  # database, archive and disk checks: the server's administrator
    "follow_up": {"admin", "secretariat"},  # the Việc cần làm page: reports to chase, figures to verify
    "backfill": {"secretariat"},  # record a file received earlier (by e-mail) with the day it came
    "review": {"secretariat"},  # approve a report (it is locked), return it with a reason, reopen it
    "open_entry": {"secretariat"},  # upload after entry closed, and open a window for a unit to
    "ask_about_figures": {"secretariat", "committee"},  # a question on a unit's figure, for the unit to answer
    "answer_questions": {"unit_staff"},  # the unit's answer, for its own units only
    "manage_contacts": {"admin", "secretariat"},  # the people to reach at each unit
    "send_mail": {"admin", "secretariat"},  # page Thư điện tử: preview, send, retry; the committee's digest list
    "record_decisions": {"secretariat"},  # the committee's conclusions: recorded after a meeting, closed when done
}

# argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane). The library's
# default takes 64 MiB for each check: fifty people signing in at the start of a meeting would hold 3 GB, and
# every check raised the server's peak memory by 64 MB. A hash made with other parameters still verifies and is
# made again with these at its owner's next sign-in.
PASSWORD_HASHING = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}  # memory in KiB
_hasher = PasswordHasher(**PASSWORD_HASHING)


class AuthError(Exception):
    """Sign-in refused or an account change refused; the message is for the person, in Vietnamese."""


class SignInDelayed(AuthError):
    """Refused unchecked: this client failed too often lately and must wait until `until`."""

    def __init__(self, until: datetime):
        shown = until.replace(second=0, microsecond=0)
        shown += timedelta(minutes=1) if shown < until else timedelta(0)  # a time to the minute, never too early
        super().__init__(texts.AUTH_WAIT.format(until=shown.strftime(TIME_FORMAT)))
        self.until = until


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
    found = runner("user_by_name", {"username": username})
    if not found:
        return None
    account = found[0]
    units = tuple(row.unit_code for row in runner("user_unit_codes", {"username": account.username}))
    return User(account.username, account.full_name, account.role, units)


def get_user(db: Database, username: str) -> User | None:
    return _load(db, username)


def active_user(db: Database, username: str, signed_in_at: datetime | None = None) -> User | None:
    """The account as it is now, or None once deactivated, or when the session that signed in at `signed_in_at`
    has been ended since (a new password, a deactivation): a session follows changes at once."""
    row = db.one("user_by_name", {"username": username})
    if row is None or not row.is_active:
        return None
    sessions_valid_from = row.sessions_valid_from
    if signed_in_at is not None and sessions_valid_from is not None and signed_in_at < sessions_valid_from:
        return None
    return _load(db, username)


def client_key(address: str | None) -> str:
    """What failures are counted against: the client's address as the server saw it (st.context.ip_address:
    never a form field or a header read by the app). An IPv6 client by its /64, which one subscriber holds."""
    if not address:
        return LOCAL_CLIENT
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "invalid"  # only a misconfigured proxy passes such text: one shared client, not one per text
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return LOCAL_CLIENT
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)


def authenticate(
    db: Database, username: str, password: str, now: datetime | None = None, *, client: str = LOCAL_CLIENT
) -> User:
    """The signed-in user, or AuthError; `client` is `client_key` of the address the server saw.

    Every refusal of a checked attempt reads the same and costs the same: an unknown name is checked against a
    dummy hash, a deactivated account only after its password, and both count as failures like a wrong password.
    A client that failed too often lately is refused unchecked (SignInDelayed) and nothing is written: a flood
    of them would fill the log. Checked attempts go to the audit log, by account name only (see
    `_sign_in_failed`). A failure is recorded before the refusal is raised: raising inside the transaction
    would roll the record back.
    """
    now = now or datetime.now()
    name = username.strip().casefold()
    dummy = _dummy_hash()  # made before any check, so that no attempt pays for it alone
    with db.transaction() as tx:
        tx.run("forget_sign_in_failures", {"before": now - FAILURE_MEMORY})
        tx.run("forget_known_clients", {"before": now - KNOWN_CLIENT_MEMORY})
        name_key = _name_key(tx, name)
        until = _wait_until(tx, name_key, client, now)
        refusal = SignInDelayed(until) if until else _check_password(tx, name, name_key, password, client, now, dummy)
        user = None if refusal else _load(tx, name)
    if refusal is not None:
        raise refusal
    return user


def _check_password(
    tx: Transaction, name: str, name_key: str, password: str, client: str, now: datetime, dummy: str
) -> AuthError | None:
    """None if the account is active and the password right (the sign-in recorded); else the refusal."""
    row = tx.run("user_sign_in_state", {"username": name})
    password_hash, is_active = (row[0].password_hash, row[0].is_active) if row else (dummy, False)
    try:
        right = _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        right = False
    if not (right and is_active):
        reason = "unknown" if not row else "inactive" if right else "password"
        return _sign_in_failed(tx, name if row else None, name_key, client, now, reason)
    if _hasher.check_needs_rehash(password_hash):
        tx.run("set_password_hash", {"username": name, "password_hash": hash_password(password)})
    tx.run("record_sign_in", {"username": name, "signed_in_at": now})
    pair = {"name_key": name_key, "client_key": client}
    tx.run("clear_sign_in_failures_of_pair", pair)  # the owner's own typos no longer count
    tx.run("forget_known_client", pair)
    tx.run("insert_known_client", {**pair, "signed_in_at": now})
    audit.record(tx, name, "sign_in", "user", name, None, {"client": client})
    return None


def _sign_in_failed(
    tx: Transaction, account: str | None, name_key: str, client: str, now: datetime, reason: str
) -> AuthError:
    """Record a failure; the audit line names the account, or for a name that is none (perhaps a password
    typed in the name box) a marker and the first digits of its keyed hash, never the typed text."""
    tx.run("insert_sign_in_failure", {"failed_at": now, "client_key": client, "name_key": name_key})
    who = account or UNKNOWN_NAME_MARKER + name_key[:NAME_HASH_SHOWN]
    audit.record(tx, who, "sign_in_failed", "user", who, None, {"reason": reason, "client": client})
    until = _wait_until(tx, name_key, client, now)
    return SignInDelayed(until) if until else AuthError(texts.AUTH_WRONG)


def wait_after(failures: int, limit: int) -> timedelta:
    """How long a client waits after the `failures`-th remembered failure of a kind with this limit: not at all
    below it, FIRST_WAIT on reaching it, then doubling with each further failure up to LONGEST_WAIT."""
    if failures < limit:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** min(failures - limit, 16), LONGEST_WAIT)


def _wait_until(tx: Transaction, name_key: str, client: str, now: datetime) -> datetime | None:
    """Until when this client must wait before trying this name, or None: the longest of the three limits'
    waits, each counted from that kind's latest failure."""
    failures = tx.run("sign_in_failure_counts", {"name_key": name_key, "client_key": client})[0]
    counts = [
        (failures.count_pair_failures, failures.last_pair_failure_at, FAILURES_BEFORE_WAIT),
        (failures.count_client_failures, failures.last_client_failure_at, CLIENT_FAILURES_BEFORE_WAIT),
    ]
    if not failures.is_known_client:
        counts.append((failures.count_name_failures, failures.last_name_failure_at, NAME_FAILURES_BEFORE_WAIT))
    ends = [last + wait_after(count, limit) for count, last, limit in counts if count >= limit]
    until = max(ends, default=None)
    return until if until is not None and until > now else None


def _name_key(tx: Transaction, name: str) -> str:
    """The name as typed, hashed with the database's own random key: failures are counted by it, so no typed text
    is stored, and without the key nobody can test a guess against it."""
    return hmac.new(_sign_in_secret(tx), name.encode("utf-8"), hashlib.sha256).hexdigest()


def _sign_in_secret(tx: Transaction) -> bytes:
    row = tx.run("sign_in_secret")
    if not row:  # the first sign-in of a database makes its key
        tx.run("insert_sign_in_secret", {"secret_hex": secrets.token_hex(32)})
        row = tx.run("sign_in_secret")
    return bytes.fromhex(row[0].secret_hex)


@functools.cache
def _dummy_hash() -> str:
    """A hash of nothing anyone knows, with the current parameters: an unknown name is checked against it, so it
    costs what a known one does."""
    return _hasher.hash(secrets.token_urlsafe(32))


def _end_sessions(tx: Transaction, username: str, now: datetime) -> None:
    """Sessions of the account signed in before `now` no longer pass `active_user`."""
    tx.run("end_user_sessions", {"username": username, "ended_at": now})


def session_expired(signed_in_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at > SESSION_IDLE or now - signed_in_at > SESSION_MAX


# --- account administration -------------------------------------------------------------------------


def _described(user: User | None) -> dict | None:
    """What the audit log keeps of an account: never the password or its hash."""
    if user is None:
        return None
    return {"full_name": user.full_name, "role": user.role, "units": list(user.unit_codes)}


def _check_account(db: Database, role: str, unit_codes: list[str]) -> None:
    if role not in ROLES:
        raise AuthError(texts.AUTH_BAD_ROLE.format(role=role, roles=", ".join(ROLES)))
    if role == "unit_staff" and not unit_codes:
        raise AuthError(texts.AUTH_UNITS_NEEDED)
    known = {row.unit_code for row in db.rows("all_unit_codes")}
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
        audit.record(tx, actor, "create", "user", username, None, _described(created))
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
        audit.record(tx, actor, "update", "user", username, _described(before), _described(after))
    return after


def _keep_an_admin(db: Database, username: str) -> None:
    """The last active administrator cannot be demoted or deactivated: nobody could manage accounts."""
    others = [row.username for row in db.rows("active_admins") if row.username != username]
    if not others:
        raise AuthError(texts.AUTH_LAST_ADMIN)


def set_active(db: Database, actor: str, username: str, active: bool, now: datetime | None = None) -> None:
    """Deactivating also ends the account's open sessions: reactivating it later does not revive them."""
    user = get_user(db, username)
    if user is None:
        raise AuthError(texts.AUTH_NO_SUCH_USER.format(username=username))
    if not active and user.role == "admin":
        _keep_an_admin(db, username)
    with db.transaction() as tx:
        tx.run("set_user_active", {"username": username, "is_active": active})
        if not active:
            _end_sessions(tx, username, now or datetime.now())
        audit.record(tx, actor, "activate" if active else "deactivate", "user", username, None, None)


def set_password(db: Database, actor: str, username: str, password: str, now: datetime | None = None) -> None:
    """A new password (by the administrator or the person). It ends the account's open sessions (whoever knew
    the old one is out, the person who set it too), lifts the waits on its name and forgets its usual clients."""
    if get_user(db, username) is None:
        raise AuthError(texts.AUTH_NO_SUCH_USER.format(username=username))
    check_new_password(password, username)
    with db.transaction() as tx:
        tx.run("set_password_hash", {"username": username, "password_hash": hash_password(password)})
        _end_sessions(tx, username, now or datetime.now())
        name_key = _name_key(tx, username)
        tx.run("clear_sign_in_failures_of_name", {"name_key": name_key})
        tx.run("forget_known_clients_of_name", {"name_key": name_key})
        audit.record(tx, actor, "set_password", "user", username, None, None)


def users_table_rows(db: Database) -> list[tuple]:
    return db.rows("list_users")
