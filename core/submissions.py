"""Recording accepted reports: new submissions, superseding each unit's earlier one for the period.

A batch of reports is written with one statement per table, whatever its size: per-report statements
(a dozen, 1-2 ms each whatever their size) were most of the time of a many-file load."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from core import fmt, texts
from core.db import Database, Transaction


@dataclass(frozen=True)
class NewReport:
    """A checked report and its original file, as the submission tables take it."""

    unit_code: str
    period_code: str
    values: dict[str, float]
    file_sha256: str
    file_name: str
    archive_path: str
    author: str | None = None
    report_date: str | None = None
    warnings: tuple[dict, ...] = ()  # sheet, cell, element_code, message
    communes: tuple[dict, ...] = ()  # the columns of submission_communes but its submission_id
    held: tuple[tuple[str, str], ...] = ()  # (element, problem): figures held for verification (a broken rule)
    sender_reason: str | None = None  # why the sender submitted despite the broken rules


@dataclass(frozen=True)
class Recorded:
    submission_id: int
    status: str  # accepted | unchanged
    superseded_id: int | None


@dataclass(frozen=True)
class RecordedReport:
    """The current report of a unit and period, as its form carries it (a correction starts from it)."""

    submission_id: int
    author: str | None
    values: dict[str, float]  # element code -> value; a figure left blank has none
    communes: dict[str, dict]  # commune code -> its answers (the columns of submission_communes)


def recorded_report(db: Database, unit_code: str, period_code: str) -> RecordedReport | None:
    """What is on record for `unit_code` and `period_code` now; None when nothing is."""
    found = db.one("recorded_report", {"unit_code": unit_code, "period_code": period_code})
    if found is None:
        return None
    submission_id = found.submission_id
    values = db.rows("submission_values_of", {"submission_id": submission_id})
    communes = db.rows("submission_communes_of", {"submission_id": submission_id})
    return RecordedReport(
        submission_id=submission_id,
        author=found.author,
        values={row.element_code: row.value for row in values},
        communes={row.commune_code: row._asdict() for row in communes},
    )


def backfilled(received: datetime, now: datetime) -> datetime:
    """A receipt given for a file received earlier (etl load --received-at, Nộp báo cáo's 'Ngày nhận tệp'):
    never after `now`."""
    if received > now:
        raise ValueError(texts.BACKFILL_FUTURE.format(day=fmt.date(received.date()), today=fmt.date(now.date())))
    return received


def record_submission(tx: Transaction, report: NewReport, sender: str, received_at: datetime) -> Recorded:
    """One report; see `record_submissions`."""
    return record_submissions(tx, [report], sender, received_at)[0]


def record_submissions(tx: Transaction, reports: list[NewReport], sender: str, received_at: datetime) -> list[Recorded]:
    """Write reports inside the caller's transaction, as if one after the other in the list's order.

    The same file again changes nothing ('unchanged', naming the report that holds it). A new file for
    a unit and period replaces the figures of the current one, which stays in history; timeliness keeps
    the first receipt date. Each accepted report gets its values, warnings, communes and audit line.
    """
    hashes = [r.file_sha256 for r in reports]
    held = {row.file_sha256: row.submission_id for row in tx.run("submissions_by_hashes", {"file_sha256": hashes})}
    new: dict[str, NewReport] = {}
    for report in reports:
        if report.file_sha256 not in held:
            new.setdefault(report.file_sha256, report)  # the same file twice in the list: the first counts
    accepted = _insert(tx, list(new.values()), sender, received_at) if new else {}
    held |= {sha: recorded.submission_id for sha, recorded in accepted.items()}
    out = []
    for report in reports:
        first = accepted.pop(report.file_sha256, None)
        out.append(first or Recorded(held[report.file_sha256], "unchanged", None))
    return out


def _insert(tx: Transaction, reports: list[NewReport], sender: str, received_at: datetime) -> dict[str, Recorded]:
    """New submissions in order, their earlier versions superseded (also within the list); by file hash."""
    ids = sorted(row.submission_id for row in tx.run("next_submission_ids", {"count": len(reports)}))
    current = {
        (row.unit_code, row.period_code): (row.submission_id, row.first_received_at)
        for row in tx.run(
            "current_submissions_of",
            {"unit_code": [r.unit_code for r in reports], "period_code": [r.period_code for r in reports]},
        )
    }
    recorded, superseded_by, rows = {}, {}, []
    for sid, report in zip(ids, reports, strict=True):
        earlier = current.get((report.unit_code, report.period_code))
        if earlier:
            superseded_by[earlier[0]] = sid
        first_received = earlier[1] if earlier else received_at
        current[report.unit_code, report.period_code] = (sid, first_received)
        recorded[report.file_sha256] = Recorded(sid, "accepted", earlier[0] if earlier else None)
        rows.append(
            {
                "submission_id": sid,
                "file_sha256": report.file_sha256,
                "file_name": report.file_name,
                "archive_path": report.archive_path,
                "unit_code": report.unit_code,
                "period_code": report.period_code,
                "first_received_at": first_received,
                "author": report.author,
                "report_date": report.report_date,
                "sender_reason": report.sender_reason,
            }
        )
    for row in rows:  # a report replaced by a later one of the same list goes in already superseded
        row["status"] = "superseded" if row["submission_id"] in superseded_by else "current"
        row["superseded_by"] = superseded_by.get(row["submission_id"])
    tx.run_columns("insert_submissions", {"received_at": received_at, "sender": sender}, rows)
    new_ids = set(ids)
    tx.run_columns(
        "supersede_submissions",
        {},
        [{"submission_id": old, "superseded_by": sid} for old, sid in superseded_by.items() if old not in new_ids],
    )
    _insert_details(tx, reports, ids)
    _audit(tx, reports, recorded, sender, received_at)
    return recorded


def _insert_details(tx: Transaction, reports: list[NewReport], ids: list[int]) -> None:
    tx.run_columns(
        "insert_values",
        {},
        [
            {"submission_id": sid, "element_code": code, "value": float(value)}
            for sid, r in zip(ids, reports, strict=True)
            for code, value in r.values.items()
        ],
    )
    tx.run_columns(
        "insert_warnings",
        {},
        [{"submission_id": sid, **w} for sid, r in zip(ids, reports, strict=True) for w in r.warnings],
    )
    tx.run_columns(
        "insert_communes",
        {},
        [{"submission_id": sid, **c} for sid, r in zip(ids, reports, strict=True) for c in r.communes],
    )
    tx.run_columns(
        "insert_held_figures",
        {},
        [
            {"submission_id": sid, "element_code": element, "problem": problem}
            for sid, r in zip(ids, reports, strict=True)
            for element, problem in r.held
        ],
    )


def _audit(
    tx: Transaction, reports: list[NewReport], recorded: dict[str, Recorded], sender: str, received_at: datetime
) -> None:
    """One line per report; `received_at` is the receipt recorded (an earlier day for a back-filled file: the
    line's own time says when it was entered)."""
    tx.run_columns(
        "insert_audit_lines",
        {"actor": sender, "action": "submit", "entity": "submission"},
        [
            {
                "entity_id": str(recorded[r.file_sha256].submission_id),
                "before_json": json.dumps({"submission_id": recorded[r.file_sha256].superseded_id}),
                "after_json": json.dumps(
                    {
                        "unit_code": r.unit_code,
                        "period": r.period_code,
                        "file_sha256": r.file_sha256,
                        "received_at": received_at.isoformat(timespec="minutes"),
                        "values": r.values,
                    },
                    ensure_ascii=False,
                ),
            }
            for r in reports
        ],
    )
