"""Load one submitted file: read, parse, check, then archive and record it in one transaction."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.db import Database, Transaction
from core.submissions import Recorded, record_submission
from etl import messages as msg
from etl.checks import CheckedReport, Reference, check_report
from etl.form import FormData
from etl.problems import Problem
from etl.reading import read_ahead, read_form, read_path

log = logging.getLogger(__name__)
TURN_SECONDS = 2.0  # longest stretch a many-file load keeps the database file from other processes


@dataclass
class LoadResult:
    """What happened to one file; the shape of `python -m etl load --json`."""

    file: str
    status: str  # accepted | rejected | unchanged; checked before commit; stale if overtaken (see commit)
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
    return archive_dir_at(db.path)


def archive_dir_at(db_path: Path) -> Path:
    """The archive of the database file at `db_path`, whether or not that file exists yet (restore)."""
    return Path(db_path).parent / "archive"


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


def _read_and_check(
    db: Database, data: bytes, file_name: str, reference: Reference | None, form: FormData | Problem | None
) -> CheckedReport:
    form = read_form(data, file_name) if form is None else form
    if isinstance(form, Problem):
        return CheckedReport(problems=[form])
    return check_report(db, form, reference=reference)


class _ChangedMeanwhile(Exception):
    """Another report for the same unit and period arrived between checking a file and recording it."""


@dataclass
class Prepared:
    """A file read and checked, not yet recorded: what `commit` would write, and what it would replace."""

    result: LoadResult  # rejected or unchanged already; otherwise ready to commit
    sha256: str
    data: bytes = field(repr=False)
    report: CheckedReport | None = None
    current_id: int | None = None  # the unit's current report for the period when the file was checked

    @property
    def ready(self) -> bool:
        return self.report is not None and self.result.status not in ("rejected", "unchanged")


def prepare(
    db: Database,
    data: bytes,
    file_name: str,
    reference: Reference | None = None,
    *,
    note_current: bool = True,
    form: FormData | Problem | None = None,
) -> Prepared:
    """Read and check a file without writing anything; never raise for anything in the file.

    `reference`: the units and plans of a batch of files, looked up once for all of them. `note_current`:
    remember the report the file would replace, for a person to confirm (`commit(..., as_seen=True)`).
    `form`: what `read_form` gave for these bytes, when it was read ahead."""
    sha256 = hashlib.sha256(data).hexdigest()
    result = LoadResult(file=file_name, status="rejected")
    if _already_held(db, result, sha256):
        return Prepared(result, sha256, data)
    try:
        report = _read_and_check(db, data, file_name, reference, form)
    except Exception:  # a file must never crash the loader: reject it and keep the trace for us
        log.exception("unexpected failure reading %s", file_name)
        report = CheckedReport(problems=[Problem(msg.UNEXPECTED_FAILURE)])
    result.unit_code = report.unit_code
    result.period = report.period.code if report.period else None
    result.errors = report.errors
    result.warnings = report.warnings
    result.values = dict(report.values)
    if result.errors:
        return Prepared(result, sha256, data, report)
    result.status = "checked"
    if not note_current:
        return Prepared(result, sha256, data, report)
    current = db.one("current_submission", {"unit_code": report.unit_code, "period_code": report.period.code})
    if _already_held(db, result, sha256):  # the same file, sent twice at once, was recorded meanwhile
        return Prepared(result, sha256, data)
    return Prepared(result, sha256, data, report, current[0] if current else None)


def _already_held(db: Database, result: LoadResult, sha256: str) -> bool:
    """The very same bytes are recorded: the result says so ('unchanged') and names that report."""
    same = db.one("submission_by_hash", {"file_sha256": sha256})
    if same is not None:
        result.status, result.submission_id, result.unit_code, result.period = "unchanged", same[0], same[1], same[2]
    return same is not None


def commit(
    db: Database,
    prepared: Prepared,
    sender: str,
    received_at: datetime | None = None,
    archive_root: Path | None = None,
    *,
    as_seen: bool = False,
) -> LoadResult:
    """Archive and record a prepared file in one transaction.

    With `as_seen`, the file is recorded only over what the person saw when it was checked: if the
    unit's current report for the period has changed since (another upload came in), nothing is
    written and the status is 'stale'.
    """
    result = prepared.result
    if not prepared.ready:
        return result
    report, relative = prepared.report, archive_path(prepared.sha256, result.file)
    root = archive_root or archive_dir_for(db)
    created = False
    try:
        # The archive is written inside the write turn, so no other load can see or remove it half-done;
        # a crash before the commit leaves at most an unreferenced file, never a report without its file.
        with db.transaction() as tx:
            created = _write_archive(root, relative, prepared.data)
            if as_seen and _changed_meanwhile(tx, prepared):
                raise _ChangedMeanwhile
            recorded = record_submission(
                tx,
                unit_code=report.unit_code,
                period_code=report.period.code,
                values=report.values,
                file_sha256=prepared.sha256,
                file_name=result.file,
                archive_path=relative,
                sender=sender,
                received_at=received_at or datetime.now(),
                author=report.author,
                report_date=report.report_date,
            )
            result.status, result.submission_id = recorded.status, recorded.submission_id
            result.superseded_id = recorded.superseded_id
            if recorded.status == "accepted":
                _record_details(tx, report, recorded, prepared.sha256, sender)
    except _ChangedMeanwhile:
        result.status = "stale"
        if created:
            (root / relative).unlink(missing_ok=True)
    except BaseException:
        if created:  # a failed load leaves the archive as it was
            (root / relative).unlink(missing_ok=True)
        raise
    return result


def _changed_meanwhile(tx: Transaction, prepared: Prepared) -> bool:
    """Another file became the unit's report for the period since this one was checked (the very same
    file arriving twice at once is not a change: it is recorded once, the second is 'unchanged')."""
    if tx.run("submission_by_hash", {"file_sha256": prepared.sha256}):
        return False
    report = prepared.report
    current = tx.run("current_submission", {"unit_code": report.unit_code, "period_code": report.period.code})
    return (current[0][0] if current else None) != prepared.current_id


def _record_details(tx: Transaction, report: CheckedReport, recorded: Recorded, sha256: str, sender: str) -> None:
    """What an accepted report carries beside its values, and the audit line."""
    sid = recorded.submission_id
    tx.run_columns(
        "insert_warnings",
        {"submission_id": sid},
        [{"sheet": w.sheet, "cell": w.cell, "element_code": w.code, "message": w.message} for w in report.warnings],
    )
    tx.run_columns("insert_communes", {"submission_id": sid}, [vars(c) for c in report.communes])
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


def load_bytes(
    db: Database,
    data: bytes,
    file_name: str,
    sender: str,
    received_at: datetime | None = None,
    archive_root: Path | None = None,
) -> LoadResult:
    """Accept the file whole or reject it whole; never raise for anything in the file."""
    return commit(db, prepare(db, data, file_name, note_current=False), sender, received_at, archive_root)


def load_files(
    db: Database, paths: list[Path], sender: str, progress: Callable[[int, int], None] | None = None
) -> list[LoadResult]:
    """Load many files, each accepted or rejected on its own; `progress(done, total)` after each.

    Files are read and parsed ahead in another process while this one checks and records them."""
    results, turn_started, reference = [], time.monotonic(), Reference(db)
    for n, read in enumerate(read_ahead(paths), start=1):
        if read.problem is not None:
            results.append(LoadResult(file=read.file_name, status="rejected", errors=[read.problem]))
        else:
            prepared = prepare(db, read.data, read.file_name, reference, note_current=False, form=read.form)
            results.append(commit(db, prepared, sender))
        if progress:
            progress(n, len(paths))
        if time.monotonic() - turn_started > TURN_SECONDS:  # a long load must not keep the web app waiting
            db.pause_for_others()
            turn_started = time.monotonic()
    return results


def load_file(
    db: Database,
    path: Path,
    sender: str,
    received_at: datetime | None = None,
    archive_root: Path | None = None,
) -> LoadResult:
    """Load one file from disk; a path that is missing or cannot be read is a rejected result, not an exception."""
    read = read_path(path, parse=False)
    if read.problem is not None:
        return LoadResult(file=read.file_name, status="rejected", errors=[read.problem])
    return load_bytes(db, read.data, read.file_name, sender, received_at, archive_root)
