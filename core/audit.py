"""The audit log: one line per action, with what it changed before and after (as JSON, Vietnamese kept as typed)."""

from __future__ import annotations

import json
from typing import Any

from core.db import Transaction


def record(
    tx: Transaction, actor: str, action: str, entity: str, entity_id: str, before: Any = None, after: Any = None
) -> None:
    """One line, inside the caller's transaction: written with the change or not at all."""
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
