"""Load one submitted file: read, parse, check, then archive and record it in one transaction."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.db import Database
from core.submissions import record_submission
from etl import messages as msg
from etl.checks import CheckedReport, check_report
from etl.form import parse_form
from etl.problems import WARNING, Problem
from etl.workbook import WorkbookRejected, check_file_size, read_workbook

log = logging.getLogger(__name__)


@dataclass
class LoadResult:
    """What happened to one file; the shape of `python -m etl load --json`."""

    file: str
    status: str  # accepted | rejected | unchanged
    unit_code: str | None = None
    period: str | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    submission_id: int | None = None
    superseded_id: int | None = None
    values: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "status": self.status,
            "unit_code": self.unit_code,
            "period": self.period,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "submission_id": self.submission_id,
            "superseded_id": self.superseded_id,
        }


def archive_dir_for(db: Database) -> Path:
    """Original files are kept beside the database file."""
    return db.path.parent / "archive"


def archive_path(sha256: str, file_name: str) -> str:
    """Content-addressed: the same bytes always go to the same place."""
    suffix = Path(file_name).suffix.lower()[:6]
    return f"{sha256[:2]}/{sha256}{suffix}"


def _write_archive(root: Path, relative: str, data: bytes) -> bool:
    """Write the original bytes atomically; True if this call created the file."""
    target = root / relative
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, target)
    return True


def _read_and_check(db: Database, data: bytes, file_name: str) -> CheckedReport:
    try:
        workbook = read_workbook(data, file_name)
    except WorkbookRejected as rejected:
        return CheckedReport(problems=[rejected.problem])
    return check_report(db, parse_form(workbook))


def _record(
    db: Database,
    report: CheckedReport,
    result: LoadResult,
    sha256: str,
    data: bytes,
    sender: str,
    received_at: datetime,
    archive_root: Path,
) -> None:
    relative = archive_path(sha256, result.file)
    created = _write_archive(archive_root, relative, data)
    try:
        with db.transaction() as tx:
            recorded = record_submission(
                tx,
                unit_code=report.unit_code,
                period_code=report.period.code,
                values=report.values,
                file_sha256=sha256,
                file_name=result.file,
                archive_path=relative,
                sender=sender,
                received_at=received_at,
            )
            result.status, result.submission_id = recorded.status, recorded.submission_id
            result.superseded_id = recorded.superseded_id
            if recorded.status != "accepted":
                return
            sid = recorded.submission_id
            tx.run(
                "set_submission_author",
                {"submission_id": sid, "author": report.author, "report_date": report.report_date},
            )
            tx.run_many(
                "insert_warning",
                [
                    {
                        "submission_id": sid,
                        "sheet": w.sheet,
                        "cell": w.cell,
                        "element_code": w.code,
                        "message": w.message,
                    }
                    for w in report.warnings
                ],
            )
            tx.run_many("insert_commune", [{"submission_id": sid, **vars(c)} for c in report.communes])
            tx.run(
                "insert_audit",
                {
                    "actor": sender,
                    "action": "submit",
                    "entity": "submission",
                    "entity_id": str(sid),
                    "before_json": json.dumps({"submission_id": recorded.superseded_id}),
                    "after_json": json.dumps(
                        {
                            "unit_code": report.unit_code,
                            "period": report.period.code,
                            "file_sha256": sha256,
                            "values": report.values,
                        },
                        ensure_ascii=False,
                    ),
                },
            )
    except BaseException:
        if created:  # a failed load leaves the archive as it was
            (archive_root / relative).unlink(missing_ok=True)
        raise


def load_bytes(
    db: Database,
    data: bytes,
    file_name: str,
    sender: str,
    received_at: datetime | None = None,
    archive_root: Path | None = None,
) -> LoadResult:
    """Accept the file whole or reject it whole; never raise for anything in the file."""
    received_at = received_at or datetime.now()
    sha256 = hashlib.sha256(data).hexdigest()
    result = LoadResult(file=file_name, status="rejected")
    same = db.one("submission_by_hash", {"file_sha256": sha256})
    if same is not None:
        result.status, result.submission_id, result.unit_code, result.period = "unchanged", same[0], same[1], same[2]
        return result
    try:
        report = _read_and_check(db, data, file_name)
    except Exception:  # a file must never crash the loader: reject it and keep the trace for us
        log.exception("unexpected failure reading %s", file_name)
        report = CheckedReport(problems=[Problem(msg.UNEXPECTED_FAILURE)])
    result.unit_code = report.unit_code
    result.period = report.period.code if report.period else None
    result.errors = report.errors
    result.warnings = [w for w in report.problems if w.severity == WARNING]
    result.values = dict(report.values)
    if not result.errors:
        _record(db, report, result, sha256, data, sender, received_at, archive_root or archive_dir_for(db))
    return result


def load_file(
    db: Database, path: Path, sender: str, received_at: datetime | None = None, archive_root: Path | None = None
) -> LoadResult:
    path = Path(path)
    try:
        check_file_size(path.stat().st_size, path.name)  # a huge file is never read into memory
    except WorkbookRejected as rejected:
        return LoadResult(file=path.name, status="rejected", errors=[rejected.problem])
    return load_bytes(db, path.read_bytes(), path.name, sender, received_at, archive_root)
