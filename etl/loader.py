"""Load submitted files: read, parse, check, then archive and record them, each file whole or not at all.

One file (an upload) is recorded in its own transaction; a many-file load records a batch of files per
transaction, as if one after the other: the same rows as one at a time, with far fewer statements."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from core.archive import archive_dir_for, archive_path, write_originals
from core.db import Database, Transaction
from core.submissions import NewReport, record_submissions
from etl import messages as msg
from etl.checks import CheckedReport, Reference, check_report, warn_against_earlier
from etl.form import FormData
from etl.problems import Problem
from etl.reading import ReadFile, read_ahead, read_form, read_path

log = logging.getLogger(__name__)
TURN_SECONDS = 2.0  # longest stretch a many-file load keeps the database file from other processes
BATCH_FILES = 32  # files recorded together, in one transaction, by a many-file load


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


def _check(
    db: Database,
    form: FormData | Problem,
    file_name: str,
    reference: Reference | None = None,
    history: bool = True,
    allowed_units: Collection[str] | None = None,
) -> CheckedReport:
    if isinstance(form, Problem):
        return CheckedReport(problems=[form])
    try:
        return check_report(db, form, reference=reference, history=history, allowed_units=allowed_units)
    except Exception:  # a file must never crash the loader: reject it and keep the trace for us
        log.exception("unexpected failure checking %s", file_name)
        return CheckedReport(problems=[Problem(msg.UNEXPECTED_FAILURE)])


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
    same_as: Prepared | None = None  # the very same bytes earlier in the batch: recorded once, by that one

    @property
    def ready(self) -> bool:
        return self.report is not None and self.result.status not in ("rejected", "unchanged")


def prepare(
    db: Database,
    data: bytes,
    file_name: str,
    *,
    note_current: bool = True,
    allowed_units: Collection[str] | None = None,
) -> Prepared:
    """Read and check a file without writing anything; never raise for anything in the file.

    `note_current`: remember the report the file would replace, for a person to confirm
    (`commit(..., as_seen=True)`). `allowed_units`: the units the sender may report for (None: any);
    another unit's file is refused before anything of that unit is read (`check_report`)."""
    sha256 = hashlib.sha256(data).hexdigest()
    result = LoadResult(file=file_name, status="rejected")
    if _already_held(db, result, sha256, allowed_units):
        return Prepared(result, sha256, data)
    report = _check(db, read_form(data, file_name), file_name, allowed_units=allowed_units)
    prepared = _checked(Prepared(result, sha256, data, report))
    if not (prepared.ready and note_current):
        return prepared
    current = db.one("current_submission", {"unit_code": prepared.report.unit_code, "period_code": result.period})
    if _already_held(db, result, sha256, allowed_units):  # the same file, sent twice at once, was recorded meanwhile
        return Prepared(result, sha256, data)
    prepared.current_id = current[0] if current else None
    return prepared


def prepare_batch(db: Database, files: list[ReadFile], reference: Reference) -> list[Prepared]:
    """`prepare` each file of a batch read by `read_path`, as if each was recorded before the next is checked,
    with one query for the files held already and one for the units' earlier reports of the year."""
    reference.forget_reports()
    hashes = [hashlib.sha256(f.data).hexdigest() for f in files]
    held = {row[0]: row for row in db.rows("submissions_by_hashes", {"file_sha256": hashes})}
    batch: list[Prepared] = []
    first: dict[str, Prepared] = {}  # each file's first copy in the batch
    checked: list[tuple[Prepared, FormData | Problem]] = []
    for read, sha256 in zip(files, hashes, strict=True):
        result = LoadResult(file=read.file_name, status="rejected")
        if read.problem is not None:
            result.errors = [read.problem]
            batch.append(Prepared(result, sha256, b""))
        elif sha256 in held:
            _mark_unchanged(result, held[sha256][1:])
            batch.append(Prepared(result, sha256, read.data))
        elif sha256 in first:
            batch.append(Prepared(result, sha256, read.data, same_as=first[sha256]))
        else:
            report = _check(db, read.form, read.file_name, reference, history=False)
            first[sha256] = Prepared(result, sha256, read.data, report)
            batch.append(first[sha256])
            checked.append((first[sha256], read.form))
    ready = [(p.report, form) for p, form in checked if not p.report.errors]
    reference.fetch_reports({(report.unit_code, report.period.year) for report, _ in ready})
    for report, form in ready:  # in the batch's order: each sees the reports noted before it
        warn_against_earlier(reference, form, report)
        reference.note_checked(report)
    for prepared, _ in checked:
        _checked(prepared)
    return batch


def _checked(prepared: Prepared) -> Prepared:
    """What checking found, in the result; ready to commit when it found no error."""
    result, report = prepared.result, prepared.report
    result.unit_code = report.unit_code
    result.period = report.period.code if report.period else None
    result.errors = report.errors
    result.warnings = report.warnings
    result.values = dict(report.values)
    result.status = "rejected" if result.errors else "checked"
    return prepared


def _already_held(db: Database, result: LoadResult, sha256: str, allowed_units: Collection[str] | None = None) -> bool:
    """The very same bytes are recorded: the result says so ('unchanged') and names that report. Not when
    they are another unit's than the sender may report for: that file is checked, and refused, as any other."""
    same = db.one("submissions_by_hashes", {"file_sha256": [sha256]})
    if same is None or (allowed_units is not None and same[2] not in allowed_units):
        return False
    _mark_unchanged(result, same[1:])
    return True


def _mark_unchanged(result: LoadResult, held: tuple) -> None:
    """(submission_id, unit_code, period_code) of the report that holds the very same bytes."""
    result.status, (result.submission_id, result.unit_code, result.period) = "unchanged", held


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
    if not prepared.ready:
        return prepared.result
    try:
        with _recording(db, [prepared], archive_root) as tx:
            if as_seen and _changed_meanwhile(tx, prepared):
                raise _ChangedMeanwhile
            _record(tx, [prepared], sender, received_at)
    except _ChangedMeanwhile:
        prepared.result.status = "stale"
    return prepared.result


def commit_batch(db: Database, batch: list[Prepared], sender: str) -> list[LoadResult]:
    """Archive and record the ready files of a batch in one transaction: all of them, or none."""
    ready = [p for p in batch if p.ready]
    if ready:
        with _recording(db, ready, None) as tx:
            _record(tx, ready, sender, None)
    for p in batch:
        if p.same_as is not None:
            same = p.same_as.result
            p.result = replace(same, file=p.result.file)  # rejected or stale alike
            if same.status in ("accepted", "unchanged"):
                p.result = LoadResult(p.result.file, "unchanged", same.unit_code, same.period)
                p.result.submission_id = same.submission_id
    return [p.result for p in batch]


@contextmanager
def _recording(db: Database, ready: list[Prepared], archive_root: Path | None) -> Iterator[Transaction]:
    """The write turn and transaction in which originals are archived and reports recorded.

    The archive is written inside the write turn, so no other load can see or remove it half-done; a crash
    before the commit leaves at most unreferenced files, never a report without its file. A failure removes
    the files this archived: the archive is left as it was."""
    root = archive_root or archive_dir_for(db)
    created: list[Path] = []
    try:
        with db.transaction() as tx:
            created = write_originals(root, ((p.sha256, p.result.file, p.data) for p in ready))
            yield tx
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise


def _record(tx: Transaction, ready: list[Prepared], sender: str, received_at: datetime | None) -> None:
    reports = [
        NewReport(
            unit_code=p.report.unit_code,
            period_code=p.report.period.code,
            values=p.report.values,
            file_sha256=p.sha256,
            file_name=p.result.file,
            archive_path=archive_path(p.sha256, p.result.file),
            author=p.report.author,
            report_date=p.report.report_date,
            warnings=tuple(
                {"sheet": w.sheet, "cell": w.cell, "element_code": w.code, "message": w.message}
                for w in p.report.warnings
            ),
            communes=tuple(vars(c) for c in p.report.communes),
        )
        for p in ready
    ]
    for p, recorded in zip(ready, record_submissions(tx, reports, sender, received_at or datetime.now()), strict=True):
        p.result.status, p.result.submission_id = recorded.status, recorded.submission_id
        p.result.superseded_id = recorded.superseded_id


def _changed_meanwhile(tx: Transaction, prepared: Prepared) -> bool:
    """Another file became the unit's report for the period since this one was checked (the very same
    file arriving twice at once is not a change: it is recorded once, the second is 'unchanged')."""
    if tx.run("submissions_by_hashes", {"file_sha256": [prepared.sha256]}):
        return False
    report = prepared.report
    current = tx.run("current_submission", {"unit_code": report.unit_code, "period_code": report.period.code})
    return (current[0][0] if current else None) != prepared.current_id


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
    """Load many files, each accepted or rejected on its own; `progress(done, total)` after each batch.

    Files are read and parsed ahead in another process while this one checks and records them, a batch
    of them at a time (`BATCH_FILES`, fewer if reading them took `TURN_SECONDS`): one transaction and a
    few statements per batch rather than a dozen per file. A crash leaves each batch whole or absent."""
    results: list[LoadResult] = []
    reference, files = Reference(db), read_ahead(paths)
    while batch := _next_batch(files):
        results += commit_batch(db, prepare_batch(db, batch, reference), sender)
        if progress:
            progress(len(results), len(paths))
        db.pause_for_others()  # a long load must not keep the web app waiting
    return results


def _next_batch(files: Iterator[ReadFile]) -> list[ReadFile]:
    batch, started = [], time.monotonic()
    for read in files:
        batch.append(read)
        if len(batch) == BATCH_FILES or time.monotonic() - started > TURN_SECONDS:
            break
    return batch


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
