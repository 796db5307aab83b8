"""Decisions of the committee (issue 21, item 3): each meeting's conclusions (kết luận) about a target, the units
concerned, who is responsible and by when, recorded by the secretariat with the province's figure the meeting saw;
shown beside the target at the next periods (with how the figure moved since) until closed with a note. Each
record and closing is a line of the audit log."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from core import audit, fmt, texts
from core.auth import User
from core.db import Database

MAX_CHARS = 2000


class DecisionError(ValueError):
    """A decision that cannot be recorded or closed as given; the message is in Vietnamese."""


@dataclass(frozen=True)
class Decision:
    decision_id: int
    plan_id: str
    period_code: str
    indicator_code: str | None
    unit_codes: list[str]
    decision: str
    responsible: str
    due_on: date | None
    value_then: float | None
    recorded_by: str
    recorded_at: datetime
    closed_by: str | None = None
    closed_at: datetime | None = None
    close_note: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def decisions(db: Database, plan_id: str) -> list[Decision]:
    """The plan's decisions, open ones first."""
    return [Decision(**row._asdict()) for row in db.rows("committee_decisions", {"plan_id": plan_id})]


def _text(text: str, label: str, one_line: bool = True) -> str:
    text = " ".join(text.split()) if one_line else text.strip()
    if not text:
        raise DecisionError(texts.DECISION_MISSING.format(field=label))
    if len(text) > MAX_CHARS:
        raise DecisionError(texts.DECISION_TOO_LONG.format(field=label, most=MAX_CHARS))
    return text


def record(
    db: Database,
    user: User,
    plan_id: str,
    period_code: str,
    indicator_code: str | None,
    unit_codes: Collection[str],
    decision: str,
    responsible: str,
    due_on: date | None,
    value_then: float | None,
    now: datetime,
) -> int:
    """Record one conclusion of the meeting on `period_code`; its id."""
    if not user.can("record_decisions"):
        raise PermissionError(user.username)
    if due_on is not None and due_on < now.date():
        raise DecisionError(texts.DECISION_DUE_PAST.format(day=fmt.date(due_on)))
    row = {
        "plan_id": plan_id,
        "period_code": period_code,
        "indicator_code": indicator_code,
        "unit_codes": list(unit_codes),
        "decision": _text(decision, texts.DECISION_TEXT, one_line=False),
        "responsible": _text(responsible, texts.DECISION_RESPONSIBLE),
        "due_on": due_on,
        "value_then": value_then,
    }
    with db.transaction() as tx:
        (added,) = tx.run("insert_committee_decision", row | {"recorded_by": user.username, "recorded_at": now})
        after = row | {"due_on": due_on.isoformat() if due_on else None}
        audit.record(tx, user.username, "create", "decision", str(added.decision_id), None, after)
    return added.decision_id


def close(db: Database, user: User, decision_id: int, note: str, now: datetime) -> None:
    """Close a decision with a note on what was done; once."""
    if not user.can("record_decisions"):
        raise PermissionError(user.username)
    note = _text(note, texts.DECISION_CLOSE_NOTE, one_line=False)
    with db.transaction() as tx:
        closed = tx.run(
            "close_committee_decision",
            {"decision_id": decision_id, "closed_by": user.username, "closed_at": now, "close_note": note},
        )
        if not closed:
            raise DecisionError(texts.DECISION_ALREADY_CLOSED)
        audit.record(tx, user.username, "close", "decision", str(decision_id), None, {"close_note": note})
