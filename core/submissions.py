"""Recording an accepted report: a new submission, superseding the unit's earlier one for the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.db import Transaction


@dataclass(frozen=True)
class Recorded:
    submission_id: int
    status: str  # accepted | unchanged
    superseded_id: int | None


def record_submission(
    tx: Transaction,
    *,
    unit_code: str,
    period_code: str,
    values: dict[str, float],
    file_sha256: str,
    file_name: str,
    archive_path: str,
    sender: str,
    received_at: datetime,
    author: str | None = None,
    report_date: str | None = None,
) -> Recorded:
    """Write one report inside the caller's transaction.

    The same file again changes nothing. A new file for the same unit and
    period replaces the figures of the current one, which stays in history;
    timeliness keeps the first receipt date.
    """
    same = tx.run("submission_by_hash", {"file_sha256": file_sha256})
    if same:
        return Recorded(same[0][0], "unchanged", None)
    previous = tx.run("current_submission", {"unit_code": unit_code, "period_code": period_code})
    first_received_at = previous[0][2] if previous else received_at
    submission_id = tx.run(
        "insert_submission",
        {
            "file_sha256": file_sha256,
            "file_name": file_name,
            "archive_path": archive_path,
            "unit_code": unit_code,
            "period_code": period_code,
            "received_at": received_at,
            "first_received_at": first_received_at,
            "sender": sender,
            "author": author,
            "report_date": report_date,
        },
    )[0][0]
    if previous:
        tx.run("supersede_submission", {"submission_id": previous[0][0], "superseded_by": submission_id})
    tx.run_columns(
        "insert_values",
        {"submission_id": submission_id},
        [{"element_code": code, "value": float(value)} for code, value in values.items()],
    )
    return Recorded(submission_id, "accepted", previous[0][0] if previous else None)
