"""Load submitted files: read, parse, check, then archive and record them, each file whole or not at all.

One pipeline for every file: `check_files` checks a batch (an upload is a batch of one) and `record_files`
records it in one transaction, as if one file after the other: the same rows as one at a time, with far fewer
statements. `load_files` runs it over files on disk, a batch at a time."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from core import fmt, reviews, texts
from core.archive import archive_dir_for, archive_path, write_originals
from core.db import Database, Transaction
from core.submissions import NewReport, record_submissions
from etl.checks import CheckedReport, Reference, check_report, warn_against_earlier
from etl.form import FormData
from etl.problems import Problem
from etl.reading import AHEAD_FROM, ReadFile, read_ahead, read_form

log = logging.getLogger(__name__)
TURN_SECONDS = 2.0  # longest stretch a many-file load keeps the database file from other processes
BATCH_FILES = 32  # files recorded together, in one transaction, by a many-file load


@dataclass
class LoadResult:
    """What happened to one file; the shape of `python -m etl load --json`."""

    file: str
    status: str  # accepted | rejected | unchanged; checked before recording; stale if overtaken (see record_files)
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
    reference: Reference,
    allowed_units: Collection[str] | None,
) -> CheckedReport:
    if isinstance(form, Problem):
        return CheckedReport(problems=[form])
    try:
        return check_report(db, form, reference=reference, history=False, allowed_units=allowed_units)
    except Exception:  # a file must never crash the loader: reject it and keep the trace for us
        log.exception("unexpected failure checking %s", file_name)
        return CheckedReport(problems=[Problem(texts.UNEXPECTED_FAILURE)])


@dataclass
class Prepared:
    """A file read and checked, not yet recorded: what `record_files` would write, and what it would replace."""

    result: LoadResult  # rejected or unchanged already; otherwise ready to record
    sha256: str
    data: bytes = field(repr=False)
    report: CheckedReport | None = None
    current_id: int | None = None  # as_seen: the unit's current report for the period when the file was checked
    same_as: Prepared | None = None  # the very same bytes earlier in the batch: recorded once, by that one
    as_seen: bool = False  # checked for a person: recorded only over the report `current_id` (see check_files)
    reason: str = ""  # the sender's reason to submit figures that break a validation rule

    @property
    def needs_reason(self) -> bool:
        """It breaks a validation rule: recorded only with its sender's reason, its figures held."""
        return self.report is not None and bool(self.report.broken_rules)

    @property
    def ready(self) -> bool:
        return self.report is not None and self.result.status not in ("rejected", "unchanged")


def check_files(
    db: Database,
    files: list[ReadFile],
    *,
    allowed_units: Collection[str] | None = None,
    as_seen: bool = False,
    reference: Reference | None = None,
) -> list[Prepared]:
    """Check a batch of files read by `read_path` or `read_bytes`, as if each was recorded before the next is
    checked; write nothing, and never raise for anything in a file.

    A file whose very bytes are recorded is 'unchanged' (and not parsed); the others are checked, then compared
    with their units' earlier reports of the year (a few queries for the whole batch). `allowed_units`: the units
    the sender may report for (None: any); another unit's file is refused before anything of that unit is read
    (`check_report`), even when its very bytes are recorded. `as_seen`: the files are shown to a person, who
    confirms a replacement: each notes the report it would replace (`current_id`) and `record_files` records
    it only over that one. `reference`: one for all the batches of a load (units and plans looked up once)."""
    reference = reference or Reference(db)
    reference.forget_reports()
    hashes = [hashlib.sha256(f.data).hexdigest() for f in files]
    held = _held(db, hashes, allowed_units)
    batch: list[Prepared] = []
    first: dict[str, Prepared] = {}  # each file's first copy in the batch
    checked: list[tuple[Prepared, FormData | Problem]] = []
    for read, sha256 in zip(files, hashes, strict=True):
        result = LoadResult(file=read.file_name, status="rejected")
        if read.problem is not None:
            result.errors = [read.problem]
            batch.append(Prepared(result, sha256, b""))
        elif sha256 in held:
            _mark_unchanged(result, held[sha256])
            batch.append(Prepared(result, sha256, read.data))
        elif sha256 in first:
            batch.append(Prepared(result, sha256, read.data, same_as=first[sha256]))
        else:
            form = read.form if read.form is not None else read_form(read.data, read.file_name)
            report = _check(db, form, read.file_name, reference, allowed_units)
            first[sha256] = Prepared(result, sha256, read.data, report)
            batch.append(first[sha256])
            checked.append((first[sha256], form))
    _compare_with_earlier(reference, checked)
    for prepared, _ in checked:
        _checked(prepared)
    _refuse_locked(db.rows, [p for p, _ in checked if p.ready])
    if as_seen:
        _note_current(db, [p for p, _ in checked if p.ready], allowed_units)
    return batch


def _compare_with_earlier(reference: Reference, checked: list[tuple[Prepared, FormData | Problem]]) -> None:
    """Warn where a report without error disagrees with its unit's earlier reports of the year (fetched for the
    whole batch in one query), in the batch's order: each sees the reports of the batch noted before it. A
    report with an error, another unit's among them, never has that unit's reports read."""
    ready = [(p, form) for p, form in checked if not p.report.errors]
    reference.fetch_reports({(p.report.unit_code, p.report.period.year) for p, _ in ready})
    for prepared, form in ready:
        try:
            warn_against_earlier(reference, form, prepared.report)
        except Exception:  # a file must never crash the loader: reject it and keep the trace for us
            log.exception("unexpected failure checking %s", prepared.result.file)
            prepared.report = CheckedReport(problems=[Problem(texts.UNEXPECTED_FAILURE)])
            continue
        reference.note_checked(prepared.report)


def _checked(prepared: Prepared) -> Prepared:
    """What checking found, in the result; ready to record when it found no error."""
    result, report = prepared.result, prepared.report
    result.unit_code = report.unit_code
    result.period = report.period.code if report.period else None
    result.errors = report.errors
    result.warnings = report.warnings
    result.values = dict(report.values)
    result.status = "rejected" if result.errors else "checked"
    return prepared


def _refuse_locked(run: Callable[[str, dict], list], ready: list[Prepared]) -> list[Prepared]:
    """Reject the files that would replace an approved report (core/reviews.py: locked until the secretariat
    reopens it); the ones refused."""
    keys = {(p.report.unit_code, p.report.period.code) for p in ready}
    locked = reviews.locked_reports(run, keys)
    refused = [p for p in ready if (p.report.unit_code, p.report.period.code) in locked]
    for p in refused:
        review = locked[(p.report.unit_code, p.report.period.code)]
        p.result.status = "rejected"
        p.result.errors = [
            Problem(
                texts.REVIEW_LOCKED.format(
                    period=p.report.period.label, approved=fmt.date_time(review.decided_at), actor=review.actor
                ),
                expected=texts.REVIEW_LOCKED_EXPECTED,
            )
        ]
    return refused


def _held(db: Database, hashes: list[str], allowed_units: Collection[str] | None) -> dict[str, tuple]:
    """The report holding the very same bytes (a row of submissions_by_hashes), by hash. Not when it is another
    unit's than the sender may report for: that file is checked, and refused, as any other."""
    return {
        row.file_sha256: row
        for row in db.rows("submissions_by_hashes", {"file_sha256": hashes})
        if allowed_units is None or row.unit_code in allowed_units
    }


def _note_current(db: Database, ready: list[Prepared], allowed_units: Collection[str] | None) -> None:
    """The unit's current report for the period of each file, the one it would replace. A file whose very bytes
    were recorded meanwhile (the same file sent twice at once) is 'unchanged', never a replacement of itself."""
    if not ready:
        return
    current = _current_reports(db.rows, ready)
    for p in ready:
        p.current_id, p.as_seen = current.get((p.report.unit_code, p.report.period.code)), True
    replacing = [p for p in ready if p.current_id is not None]
    held = _held(db, [p.sha256 for p in replacing], allowed_units) if replacing else {}
    for p in replacing:
        if p.sha256 in held:
            p.result, p.report, p.current_id = LoadResult(file=p.result.file, status="rejected"), None, None
            _mark_unchanged(p.result, held[p.sha256])


def _current_reports(run: Callable[[str, dict], list], files: list[Prepared]) -> dict[tuple[str, str], int]:
    """(unit_code, period_code) -> the current report's submission_id, for the units and periods of the files."""
    units_and_periods = {
        "unit_code": [p.report.unit_code for p in files],
        "period_code": [p.report.period.code for p in files],
    }
    return {
        (row.unit_code, row.period_code): row.submission_id for row in run("current_submissions_of", units_and_periods)
    }


def _mark_unchanged(result: LoadResult, held) -> None:
    """The report that holds the very same bytes (a row of the query submissions_by_hashes)."""
    result.status, result.submission_id, result.unit_code, result.period = (
        "unchanged",
        held.submission_id,
        held.unit_code,
        held.period_code,
    )


def record_files(
    db: Database,
    batch: list[Prepared],
    sender: str,
    received_at: datetime | None = None,
) -> list[LoadResult]:
    """Archive and record the ready files of a checked batch in one transaction: all of them, or none. A copy of
    a file earlier in the batch gets that file's result ('unchanged' once that one is recorded).

    A file checked `as_seen` is recorded only over what the person saw when it was checked: if the unit's
    current report for the period has changed since (another file came in), it is not written and its status
    is 'stale'. A file that breaks a validation rule is recorded only with its sender's reason (`Prepared.reason`),
    its figures held for verification; without one it is rejected."""
    for p in batch:
        if p.ready and p.needs_reason and not p.reason.strip():
            p.result.status = "rejected"
            p.result.errors = [Problem(texts.RULES_NEED_REASON, expected=texts.RULES_NEED_REASON_EXPECTED)]
    ready = [p for p in batch if p.ready]
    if ready:
        _archive_and_record(db, ready, sender, received_at)
    for p in batch:
        if p.same_as is not None:
            same = p.same_as.result
            p.result = replace(same, file=p.result.file)  # rejected or stale alike
            if same.status in ("accepted", "unchanged"):
                p.result = LoadResult(p.result.file, "unchanged", same.unit_code, same.period)
                p.result.submission_id = same.submission_id
    return [p.result for p in batch]


def _archive_and_record(db: Database, ready: list[Prepared], sender: str, received_at: datetime | None) -> None:
    """The write turn and transaction in which originals are archived and reports recorded.

    The archive is written inside the write turn, so no other load can see or remove it half-done; a crash
    before the commit leaves at most unreferenced files, never a report without its file. A failure removes
    the files this archived: the archive is left as it was."""
    created: list[Path] = []
    try:
        with db.transaction() as tx:
            seen = [p for p in ready if p.as_seen]
            stale = {id(p) for p in _changed_meanwhile(tx, seen)} if seen else set()
            for p in ready:
                if id(p) in stale:
                    p.result.status = "stale"
            ready = [p for p in ready if id(p) not in stale]
            approved_meanwhile = {id(p) for p in _refuse_locked(tx.run, ready)}  # approved since it was checked
            ready = [p for p in ready if id(p) not in approved_meanwhile]
            created = write_originals(archive_dir_for(db), ((p.sha256, p.result.file, p.data) for p in ready))
            if ready:
                _record(tx, ready, sender, received_at)
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
            held=tuple(p.report.held_elements.items()),
            sender_reason=p.reason.strip() or None,
        )
        for p in ready
    ]
    for p, recorded in zip(ready, record_submissions(tx, reports, sender, received_at or datetime.now()), strict=True):
        p.result.status, p.result.submission_id = recorded.status, recorded.submission_id
        p.result.superseded_id = recorded.superseded_id


def _changed_meanwhile(tx: Transaction, ready: list[Prepared]) -> list[Prepared]:
    """The files whose unit's report for the period is another than when they were checked (the very same file
    arriving twice at once is not a change: it is recorded once, the second is 'unchanged')."""
    held = {row.file_sha256 for row in tx.run("submissions_by_hashes", {"file_sha256": [p.sha256 for p in ready]})}
    current = _current_reports(tx.run, ready)
    return [
        p
        for p in ready
        if p.sha256 not in held and current.get((p.report.unit_code, p.report.period.code)) != p.current_id
    ]


def load_files(
    db: Database,
    paths: list[Path],
    sender: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    received_at: datetime | None = None,
    reason: str = "",
) -> list[LoadResult]:
    """Load files from disk, each accepted or rejected on its own (a path that is missing or cannot be read is
    a rejected result, not an exception); `progress(done, total)` after each batch.

    Files are read and parsed ahead in other processes (etl.reading) while this one checks and records them, a batch
    of them at a time (`BATCH_FILES`, fewer if reading them took `TURN_SECONDS`): one transaction and a
    few statements per batch rather than a dozen per file. A crash leaves each batch whole or absent.
    `reason`: the sender's reason to record files that break a validation rule (without it they are rejected)."""
    results: list[LoadResult] = []
    reference, files = Reference(db, all_units=len(paths) >= AHEAD_FROM), read_ahead(paths)
    while batch := _next_batch(files):
        checked = check_files(db, batch, reference=reference)
        for prepared in checked:
            prepared.reason = reason
        results += record_files(db, checked, sender, received_at)
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
