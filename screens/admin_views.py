"""The administration pages' tables: accounts and the audit log, worded for display."""

from __future__ import annotations

from datetime import date

import pandas as pd

from core import auth, fmt, texts
from core.db import Database

AUDIT_LIMIT = 1_000  # rows shown at once; the filters narrow the rest


def _when(value) -> str:
    return fmt.date_time(value) if value is not None else ""


def users_table(db: Database) -> pd.DataFrame:
    rows = [
        (
            user.username,
            user.full_name,
            texts.ROLE_LABELS[user.role],
            user.unit_codes or "",
            texts.USERS_ACTIVE if user.is_active else texts.USERS_INACTIVE,
            _when(user.last_sign_in_at),
        )
        for user in auth.users_table_rows(db)
    ]
    return pd.DataFrame(rows, columns=list(texts.USERS_COLUMNS))


def unit_options(db: Database) -> dict[str, str]:
    """Every unit that reports for some plan: code -> 'Huyện Cao Lộc (183, Lạng Sơn)'."""
    return {
        unit.unit_code: texts.USERS_UNIT_OPTION.format(name=unit.name, code=unit.unit_code, province=unit.province_name)
        for unit in db.rows("all_reporting_units")
    }


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
