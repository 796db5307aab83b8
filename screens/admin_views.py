"""The administration pages, Tài khoản and Nhật ký: the accounts with their forms' starting values, and the audit
log, worded for display."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from core import auth, fmt, texts
from core.db import Database

AUDIT_LIMIT = 1_000  # rows shown at once; the filters narrow the rest


@dataclass(frozen=True)
class Account:
    """An account as its edit forms start."""

    username: str
    full_name: str
    role: str
    unit_codes: tuple[str, ...]
    is_active: bool


@dataclass(frozen=True)
class UsersPage:
    table: pd.DataFrame  # every account, as the administrator reads it
    accounts: dict[str, Account]  # username -> the account, in the table's order


@dataclass(frozen=True)
class AuditFilters:
    """What the log's filters offer; None is every actor, or every kind of record."""

    actors: dict[str | None, str]
    entities: dict[str | None, str]


@dataclass(frozen=True)
class AuditPage:
    entries: pd.DataFrame  # newest first, at most AUDIT_LIMIT
    count_text: str


def _when(value) -> str:
    return fmt.date_time(value) if value is not None else ""


def unit_options(db: Database) -> dict[str, str]:
    """Every unit that reports for some plan: code -> 'Huyện Cao Lộc (183, Lạng Sơn)'."""
    return {
        unit.unit_code: texts.USERS_UNIT_OPTION.format(name=unit.name, code=unit.unit_code, province=unit.province_name)
        for unit in db.rows("all_reporting_units")
    }


def users_page(db: Database) -> UsersPage:
    """The accounts: the table, and each account's fields and state for its forms."""
    users = auth.users_table_rows(db)
    units: dict[str, list[str]] = {}
    for row in db.rows("all_user_unit_codes"):
        units.setdefault(row.username, []).append(row.unit_code)
    table = pd.DataFrame(
        [
            (
                user.username,
                user.full_name,
                texts.ROLE_LABELS[user.role],
                user.unit_codes or "",
                texts.USERS_ACTIVE if user.is_active else texts.USERS_INACTIVE,
                _when(user.last_sign_in_at),
            )
            for user in users
        ],
        columns=list(texts.USERS_COLUMNS),
    )
    accounts = {
        user.username: Account(
            user.username, user.full_name, user.role, tuple(units.get(user.username, ())), bool(user.is_active)
        )
        for user in users
    }
    return UsersPage(table, accounts)


def audit_filters(db: Database) -> AuditFilters:
    return AuditFilters(
        actors={None: texts.AUDIT_ALL} | {actor: actor for actor in audit_actors(db)},
        entities={None: texts.AUDIT_ALL} | texts.AUDIT_ENTITIES,
    )


def audit_page(
    db: Database, actor: str | None, entity: str | None, since: date | None, until: date | None
) -> AuditPage:
    entries = audit_table(db, actor, entity, since, until)
    return AuditPage(entries, texts.AUDIT_COUNT.format(count=len(entries)))


def audit_table(
    db: Database, actor: str | None, entity: str | None, since: date | None, until: date | None
) -> pd.DataFrame:
    """The log, newest first, as a person reads it: what happened is in words, the change as recorded."""
    rows = [
        (
            line.audit_id,
            _when(line.logged_at),
            line.actor,
            texts.AUDIT_ACTIONS.get(line.action, line.action),
            texts.AUDIT_ENTITIES.get(line.entity, line.entity),
            line.entity_id,
            line.before_json or "",
            line.after_json or "",
        )
        for line in db.rows(
            "audit_entries",
            {"actor": actor, "entity": entity, "since": since, "until": until, "limit": AUDIT_LIMIT},
        )
    ]
    return pd.DataFrame(rows, columns=list(texts.AUDIT_COLUMNS))


def audit_actors(db: Database) -> list[str]:
    return [row.actor for row in db.rows("audit_actors")]
