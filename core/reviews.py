"""The review of a report (issue 20, item 1): Đã nộp → Đã duyệt, or Trả lại with a reason.

- Each report of a unit and period (its current version) is *submitted* until the secretariat decides; a new
  version makes it submitted again (a returned report comes back for review).
- *Approved* locks it: no file replaces it, from the page or the command line (etl/loader.py checks it in the
  transaction that would record one), until the secretariat reopens it, with a reason.
- *Returned* says why (and, if wanted, what is wrong in which figure); the unit sees it on its page and in the
  form it downloads to correct.
Every decision is a row of table report_reviews and a line of the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core import audit, texts
from core.auth import User
from core.db import Database

SUBMITTED, APPROVED, RETURNED = "submitted", "approved", "returned"
STATES = (SUBMITTED, APPROVED, RETURNED)


class ReviewError(ValueError):
    """A decision that cannot be taken (the report changed, no reason given); the message is in Vietnamese."""


@dataclass(frozen=True)
class CellNote:
    element_code: str
    note: str


@dataclass(frozen=True)
class Review:
    """The state of a unit's current report for a period."""

    unit_code: str
    period_code: str
    submission_id: int  # the current version
    state: str  # one of STATES
    reason: str = ""  # returned: why; approved after a reopening: empty
    notes: tuple[CellNote, ...] = ()  # returned: what is wrong in which figure
    actor: str = ""
    decided_at: datetime | None = None
    received_at: datetime | None = None  # of the current version
    sender: str = ""
    versions: int = 1
    warnings: int = 0  # the current version's warnings
    held: int = 0  # its figures held for verification, not yet confirmed


def _review(row) -> Review:
    state = {None: SUBMITTED, "reopened": SUBMITTED}.get(row.decision, row.decision)
    notes = tuple(CellNote(**note) for note in json.loads(row.cells_json)) if row.cells_json else ()
    return Review(
        row.unit_code,
        row.period_code,
        row.submission_id,
        state,
        row.reason or "",
        notes,
        row.actor or "",
        row.decided_at,
        row.received_at,
        row.sender,
        row.versions,
        row.warnings,
        row.held,
    )


def reviews(
    run: Callable[[str, dict], list], period_codes: Collection[str], unit_codes: Collection[str] | None = None
) -> dict[tuple[str, str], Review]:
    """(unit, period) -> the review state of its current report, for every report in; `run` is a Database's
    `rows` or a Transaction's `run` (the loader checks locks inside the transaction that would record)."""
    params = {"period_codes": list(period_codes), "unit_codes": None if unit_codes is None else list(unit_codes)}
    return {(row.unit_code, row.period_code): _review(row) for row in run("review_states", params)}


def review_of(db: Database, unit_code: str, period_code: str) -> Review | None:
    """The review state of a unit's report for a period; None when no report came in."""
    return reviews(db.rows, [period_code], [unit_code]).get((unit_code, period_code))


def _decide(
    db: Database,
    user: User,
    unit_code: str,
    period_code: str,
    submission_id: int,
    decision: str,
    allowed_from: tuple[str, ...],
    now: datetime,
    reason: str = "",
    notes: tuple[CellNote, ...] = (),
) -> None:
    if not user.can("review"):
        raise PermissionError(user.username)
    with db.transaction() as tx:
        current = reviews(tx.run, [period_code], [unit_code]).get((unit_code, period_code))
        if current is None or current.submission_id != submission_id:
            raise ReviewError(texts.REVIEW_CHANGED)
        if current.state not in allowed_from:
            raise ReviewError(texts.REVIEW_NOT_NOW[decision].format(state=texts.REVIEW_STATES[current.state]))
        cells = json.dumps([vars(n) for n in notes], ensure_ascii=False) if notes else None
        row = {
            "unit_code": unit_code,
            "period_code": period_code,
            "submission_id": submission_id,
            "decision": decision,
            "reason": reason.strip() or None,
            "cells_json": cells,
            "actor": user.username,
            "decided_at": now,
        }
        tx.run("insert_review", row)
        before = {"state": current.state, "submission_id": submission_id}
        audit.record(
            tx,
            user.username,
            decision,
            "report",
            f"{unit_code}/{period_code}",
            before,
            row | {"decided_at": now.isoformat(timespec="minutes")},
        )


def approve(db: Database, user: User, unit_code: str, period_code: str, submission_id: int, now: datetime) -> None:
    """Accept the version `submission_id` (the one the secretariat looked at): the report is locked. Not while it
    holds figures for verification: they are confirmed first, or the report is returned."""
    current = review_of(db, unit_code, period_code)
    if current is not None and current.submission_id == submission_id and current.held:
        raise ReviewError(texts.REVIEW_HELD_FIRST.format(count=current.held))
    _decide(db, user, unit_code, period_code, submission_id, APPROVED, (SUBMITTED, RETURNED), now)


def return_report(
    db: Database,
    user: User,
    unit_code: str,
    period_code: str,
    submission_id: int,
    reason: str,
    notes: tuple[CellNote, ...],
    now: datetime,
) -> None:
    """Send the version back to its unit with a reason (required) and notes on figures (optional)."""
    if not reason.strip():
        raise ReviewError(texts.REVIEW_REASON_NEEDED)
    _decide(db, user, unit_code, period_code, submission_id, RETURNED, (SUBMITTED,), now, reason, notes)


def reopen(
    db: Database, user: User, unit_code: str, period_code: str, submission_id: int, reason: str, now: datetime
) -> None:
    """Unlock an approved report so that its unit may replace it; the reason is required and audited."""
    if not reason.strip():
        raise ReviewError(texts.REVIEW_REASON_NEEDED)
    _decide(db, user, unit_code, period_code, submission_id, "reopened", (APPROVED,), now, reason)


def locked_reports(run: Callable[[str, dict], list], keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """Of the given (unit, period) pairs, those whose current report is approved, hence locked: each one's row of
    query approved_reports (who approved it, when)."""
    if not keys:
        return {}
    params = {"unit_codes": sorted({unit for unit, _ in keys}), "period_codes": sorted({period for _, period in keys})}
    rows = run("approved_reports", params)
    return {key: row for row in rows if (key := (row.unit_code, row.period_code)) in keys}
