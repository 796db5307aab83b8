"""Figures held for verification: those that break a validation rule, out of every aggregate until the secretariat
confirms them (with a reason) or asks the unit for a corrected report. Each decision is audited."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from core import audit, fmt, texts
from core.auth import User
from core.db import Database
from core.periods import parse_period
from etl.checks import row_label

DECISIONS = ("confirmed", "correction")


class VerificationError(ValueError):
    """A decision that cannot be taken; the message is Vietnamese."""


@dataclass(frozen=True)
class HeldItem:
    """One problem of one report, and the figures it holds."""

    submission_id: int
    unit_code: str
    unit_name: str
    period_code: str
    period_label: str
    figures: str  # 'Số cơ sở đã được kiểm tra: 80; Tổng số cơ sở …: 75'
    problem: str
    sender: str
    received_text: str
    sender_reason: str
    state: str  # pending | correction
    state_text: str  # the state in words, with who asked for the correction

    @property
    def key(self) -> str:
        """A widget key for the item's decision."""
        return f"{self.submission_id}-{zlib.crc32(self.problem.encode())}"


def held_items(db: Database, plan_id: str) -> list[HeldItem]:
    """Every figure of the plan's current reports still held, oldest report first."""
    items = []
    for row in db.rows("plan_held_figures", {"plan_id": plan_id}):
        figures = "; ".join(
            f"{row_label(code)}: {fmt.count(value)}"
            for code, value in zip(row.element_codes, row.element_values, strict=True)
        )
        state_text = (
            texts.VERIFY_STATE_CORRECTION.format(by=row.decided_by, reason=row.decision_reason)
            if row.state == "correction"
            else texts.VERIFY_STATE_PENDING
        )
        items.append(
            HeldItem(
                submission_id=row.submission_id,
                unit_code=row.unit_code,
                unit_name=row.unit_name,
                period_code=row.period_code,
                period_label=parse_period(row.period_code).label,
                figures=figures,
                problem=row.problem,
                sender=row.sender,
                received_text=fmt.date_time(row.received_at),
                sender_reason=row.sender_reason or fmt.MISSING,
                state=row.state,
                state_text=state_text,
            )
        )
    return items


def decide(db: Database, user: User, submission_id: int, problem: str, decision: str, reason: str) -> None:
    """Confirm the figures a report holds for one problem (they count from now on), or ask for a corrected report
    (they stay out until one replaces the report). Only the secretariat may, with a reason; audited."""
    if not user.can("verify_figures"):
        raise PermissionError(user.username)
    if decision not in DECISIONS:
        raise VerificationError(texts.VERIFY_BAD_DECISION)
    if not reason.strip():
        raise VerificationError(texts.VERIFY_REASON_MISSING)
    with db.transaction() as tx:
        before = tx.run("held_figures_of_problem", {"submission_id": submission_id, "problem": problem})
        if not before or all(row.state == "confirmed" for row in before):
            raise VerificationError(texts.VERIFY_NOTHING_HELD)
        params = {"submission_id": submission_id, "problem": problem, "state": decision}
        tx.run("decide_held_figures", {**params, "actor": user.username, "reason": reason.strip()})
        audit.record(
            tx,
            user.username,
            f"verify_{decision}",
            "submission",
            str(submission_id),
            {row.element_code: row.state for row in before},
            {"problem": problem, "state": decision, "reason": reason.strip()},
        )
