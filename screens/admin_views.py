"""The administration pages, Tài khoản and Nhật ký: the accounts with their forms' starting values, and the audit
log, worded for display."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cache

import pandas as pd

from core import auth, fmt, texts
from core.catalog import load_elements
from core.db import Database
from core.textnorm import fold
from etl import form_spec
from etl.checks import row_label

AUDIT_LIMIT = 1_000  # rows shown at once; the filters narrow the rest
# What the log keeps for those who audit the machine, not for a reader of the page: hashes of files and of the
# client a sign-in came from. The administrator sees them in the record as stored (audit_page(raw=True)).
MACHINE_FIELDS = ("file_sha256", "database_sha256", "client")
LISTED_AT_MOST = 5  # a longer list or mapping is told as a count


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


# Tài khoản offers every reporting unit in its two unit pickers; past UNIT_OPTIONS_MAX (a national deployment has
# 3,321 communes) it offers those a search finds instead: thousands of options were sent to the browser at every
# click (130 ms of each redraw of the page in Chromium).
UNIT_OPTIONS_MAX = 200


def needs_search(units: dict[str, str]) -> bool:
    """Whether the pickers offer only what a search finds (more than UNIT_OPTIONS_MAX units)."""
    return len(units) > UNIT_OPTIONS_MAX


def unit_choices(units: dict[str, str], search: str) -> dict[str, str]:
    """The units a search finds: every one when no search is needed, else the first UNIT_OPTIONS_MAX whose label
    holds `search` (accents, case and spacing aside), none before anything is typed."""
    if not needs_search(units):
        return units
    wanted = fold(search)
    found = [code for code, label in units.items() if wanted and wanted in fold(label)][:UNIT_OPTIONS_MAX]
    return {code: units[code] for code in found}


def offered_units(units: dict[str, str], found: dict[str, str], keep: Collection[str]) -> list[str]:
    """A picker's options, in the units' order: what the search found, and the units it must keep offering (an
    account's own, those already picked)."""
    kept = set(keep)
    return [code for code in units if code in found or code in kept]


def units_found_text(units: dict[str, str], search: str, found: dict[str, str]) -> str | None:
    """What the unit search says under it: how to find a unit among many, or how many it found."""
    if not needs_search(units):
        return None
    if not search.strip():
        return texts.USERS_UNIT_SEARCH_EMPTY.format(count=fmt.count(len(units)))
    return texts.USERS_UNIT_SEARCH_FOUND.format(found=fmt.count(len(found)), count=fmt.count(len(units)))


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
    db: Database, actor: str | None, entity: str | None, since: date | None, until: date | None, raw: bool = False
) -> AuditPage:
    """The log as a person reads it; `raw`: each change as the log stores it (JSON), for the administrator."""
    entries = audit_table(db, actor, entity, since, until, raw)
    return AuditPage(entries, texts.AUDIT_COUNT.format(count=fmt.count(len(entries))))


@cache
def _element_codes() -> frozenset[str]:
    return frozenset(element.code for element in load_elements())


def _is_element(key: str) -> bool:
    return key in _element_codes()


def _field(key: str) -> str:
    if key in texts.AUDIT_FIELDS:
        return texts.AUDIT_FIELDS[key]
    return row_label(key) if _is_element(key) else key


def _value(key: str, value: object) -> str:
    if value is None:
        return fmt.MISSING
    if isinstance(value, bool):
        return form_spec.YES if value else form_spec.NO
    if isinstance(value, int | float):
        return fmt.count(value)
    if isinstance(value, list | dict):
        if len(value) > LISTED_AT_MOST or any(isinstance(item, list | dict) for item in _items(value)):
            return texts.AUDIT_ITEMS.format(count=fmt.count(len(value)))
        if isinstance(value, dict):
            return ", ".join(f"{_field(k)} {_value(k, v)}" for k, v in value.items())
        return ", ".join(_value(key, item) for item in value) or fmt.MISSING
    words = texts.AUDIT_VALUES["state"] if _is_element(key) else texts.AUDIT_VALUES.get(key, {})  # a held figure
    return words.get(str(value), str(value))


def _items(value: list | dict) -> list:
    return list(value.values()) if isinstance(value, dict) else value


def readable(record: str | None) -> str:
    """A change as the log stores it (JSON), in words: 'Họ tên: Nguyễn Văn A; Vai trò: Thư ký'. Hashes are left
    out; long lists are counted ('Số liệu: 20 mục')."""
    if not record:
        return ""
    data = json.loads(record)
    if not isinstance(data, dict):
        return _value("", data)
    return "; ".join(f"{_field(k)}: {_value(k, v)}" for k, v in data.items() if k not in MACHINE_FIELDS)


def audit_table(
    db: Database,
    actor: str | None,
    entity: str | None,
    since: date | None,
    until: date | None,
    raw: bool = False,
) -> pd.DataFrame:
    """The log, newest first, as a person reads it: what happened in words, the change in words (or, `raw`, as
    recorded)."""
    shown = (lambda record: record or "") if raw else readable
    rows = [
        (
            line.audit_id,
            _when(line.logged_at),
            line.actor,
            texts.AUDIT_ACTIONS.get(line.action, line.action),
            texts.AUDIT_ENTITIES.get(line.entity, line.entity),
            line.entity_id,
            shown(line.before_json),
            shown(line.after_json),
        )
        for line in db.rows(
            "audit_entries",
            {"actor": actor, "entity": entity, "since": since, "until": until, "limit": AUDIT_LIMIT},
        )
    ]
    return pd.DataFrame(rows, columns=list(texts.AUDIT_COLUMNS))


def audit_actors(db: Database) -> list[str]:
    return [row.actor for row in db.rows("audit_actors")]
