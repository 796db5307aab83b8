"""The administration pages' tables: accounts and the audit log, worded for display."""

from __future__ import annotations

from datetime import date

import pandas as pd

from core import auth, texts
from core.db import Database

DATETIME_FORMAT = "%d/%m/%Y %H:%M"
AUDIT_LIMIT = 1_000  # rows shown at once; the filters narrow the rest


def _when(value) -> str:
    return value.strftime(DATETIME_FORMAT) if value is not None else ""


def users_table(db: Database) -> pd.DataFrame:
    rows = [
        (
            username,
            full_name,
            texts.ROLE_LABELS[role],
            units or "",
            texts.USERS_ACTIVE if is_active else texts.USERS_INACTIVE,
            _when(seen),
        )
        for username, full_name, role, is_active, seen, units in auth.users_table_rows(db)
    ]
    return pd.DataFrame(rows, columns=list(texts.USERS_COLUMNS))


def unit_options(db: Database) -> dict[str, str]:
    """Every unit that reports for some plan: code -> 'Huyện Cao Lộc (183, Lạng Sơn)'."""
    return {
        code: texts.USERS_UNIT_OPTION.format(name=name, code=code, province=province)
        for code, name, province in db.rows("all_reporting_units")
    }


def audit_table(
    db: Database, actor: str | None, entity: str | None, since: date | None, until: date | None
) -> pd.DataFrame:
    """The log, newest first, as a person reads it: what happened is in words, the change as recorded."""
    rows = [
        (
            audit_id,
            _when(logged_at),
            actor_,
            texts.AUDIT_ACTIONS.get(action, action),
            texts.AUDIT_ENTITIES.get(entity_, entity_),
            entity_id,
            before or "",
            after or "",
        )
        for audit_id, logged_at, actor_, action, entity_, entity_id, before, after in db.rows(
            "audit_entries",
            {"actor": actor, "entity": entity, "since": since, "until": until, "limit": AUDIT_LIMIT},
        )
    ]
    return pd.DataFrame(rows, columns=list(texts.AUDIT_COLUMNS))


def audit_actors(db: Database) -> list[str]:
    return [actor for (actor,) in db.rows("audit_actors")]
