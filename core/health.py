"""The health check for the administrator: the database, the archive of original files, free disk space and
the newest backup, as findings each with a level and a Vietnamese sentence."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from core import fmt, texts
from core.archive import archive_dir_for
from core.backup import MANIFEST, database_facts, originals, sha256_of
from core.db import Database, migration_files
from core.demo_accounts import published_accounts

LEVELS = ("ok", "warning", "error")  # from best to worst
BACKUPS_ENV_VAR = "KPI_BACKUPS"  # the folder that holds the backups (one sub-folder each), for their age
BACKUP_MAX_AGE = timedelta(days=7)  # older than a week: a lost week of reports would have to be sent again
MIB = 1024 * 1024
DISK_ERROR_BYTES = 200 * MIB  # below this a load or a backup may fail half-way
DISK_WARNING_BYTES = 1024 * MIB
DISK_WARNING_SHARE = 0.10  # of the file system's size


@dataclass(frozen=True)
class Finding:
    check: str  # database | schema | counts | demo_accounts | originals | orphan | disk | backup
    level: str  # ok | warning | error
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def default_backup_folder() -> Path | None:
    folder = os.environ.get(BACKUPS_ENV_VAR)
    return Path(folder) if folder else None


def check_file(db_path: Path, backups: Path | None = None, now: datetime | None = None) -> list[Finding]:
    """Every check of the database file at `db_path` (the command line); DatabaseBusy if another process keeps it."""
    if not db_path.exists():
        return [Finding("database", "error", texts.HEALTH_NO_DATABASE.format(path=db_path))]
    try:
        db = Database(db_path)
    except duckdb.Error as exc:  # a lock held elsewhere is DatabaseBusy, not this
        return [Finding("database", "error", texts.HEALTH_UNREADABLE.format(path=db_path, error=exc))]
    try:
        return check(db, backups, now)
    finally:
        db.close()


def check(db: Database, backups: Path | None = None, now: datetime | None = None, verify: bool = True) -> list[Finding]:
    """Every check of an open database, in the order a person reads them. Without `verify` the originals are
    looked for, not read: reading and hashing every file takes seconds on a country's archive."""
    archive = archive_dir_for(db)
    recorded, on_disk = _archive_listing(db, archive)
    findings = [_schema(db), _counts(db), *_demo_accounts(db)]
    findings += verify_originals(db) if verify else _originals_present(db, archive, recorded, on_disk)
    findings += [
        Finding("orphan", "warning", texts.HEALTH_ORPHAN.format(path=archive / path))
        for path in sorted(on_disk - set(recorded))
        if (archive / path).is_file()  # not a load's file, removed or renamed since the listing
    ]
    findings += _disk_space(db.path.parent, archive)
    if backups is None:  # nobody would know the backups had never been made
        findings.append(Finding("backup", "warning", texts.HEALTH_BACKUP_NOT_CONFIGURED.format(env=BACKUPS_ENV_VAR)))
    else:
        findings.append(_newest_backup(backups, now or datetime.now()))
    return findings


def verify_originals(db: Database) -> list[Finding]:
    """Every original read and checked against its SHA-256: an error for each one missing or altered."""
    archive = archive_dir_for(db)
    recorded = originals(db)
    problems = []
    for original in recorded:
        path = archive / original.path
        if not path.is_file():
            problems.append(original.problem(archive, altered=False))
        elif sha256_of(path) != original.sha256:
            problems.append(original.problem(archive, altered=True))
    return _originals_findings(problems, texts.HEALTH_ORIGINALS_OK, len(recorded), archive)


def _archive_listing(db: Database, archive: Path) -> tuple[list[str], set[str]]:
    """The original files the database records and the files in the archive, as paths relative to it.

    The archive is listed first, outside the write turn (a load would wait for the listing), then the
    rows are read in one turn: a load that was writing has by then committed its row or removed its
    file. A file written after the listing is not in it, so a recorded file missing from the listing
    and a listed file not recorded are looked at again before being reported."""
    on_disk = set()
    for folder, _subfolders, names in os.walk(archive):
        relative = Path(folder).relative_to(archive).as_posix()
        on_disk.update(names if relative == "." else (f"{relative}/{name}" for name in names))
    with db.exclusive():
        recorded = [row.archive_path for row in db.rows("archived_paths")]
    return recorded, on_disk


def _originals_present(db: Database, archive: Path, recorded: list[str], on_disk: set[str]) -> list[Finding]:
    """An error for each original missing from the archive (listed, or written since)."""
    missing = {path for path in recorded if path not in on_disk and not (archive / path).is_file()}
    problems = [o.problem(archive, altered=False) for o in originals(db) if o.path in missing] if missing else []
    return _originals_findings(problems, texts.HEALTH_ORIGINALS_PRESENT, len(recorded), archive)


def _originals_findings(problems: list[str], all_well: str, count: int, archive: Path) -> list[Finding]:
    if problems:
        return [Finding("originals", "error", problem) for problem in problems]
    return [Finding("originals", "ok", all_well.format(count=fmt.count(count), path=archive))]


def _schema(db: Database) -> Finding:
    found = sorted(row.version for row in db.rows("applied_migrations"))
    expected = [version for version, _ in migration_files()]
    if found == expected:
        return Finding("schema", "ok", texts.HEALTH_SCHEMA_OK.format(path=db.path, version=found[-1]))
    return Finding(
        "schema",
        "error",
        texts.HEALTH_SCHEMA_MISMATCH.format(
            path=db.path, found=", ".join(map(str, found)), expected=", ".join(map(str, expected))
        ),
    )


def _counts(db: Database) -> Finding:
    _, counts = database_facts(db)
    return Finding(
        "counts",
        "ok",
        texts.HEALTH_COUNTS.format(
            submissions=fmt.count(counts["submissions"]),
            current=fmt.count(counts["current"]),
            users=fmt.count(counts["users"]),
            audit=fmt.count(counts["audit_log"]),
        ),
    )


def _demo_accounts(db: Database) -> list[Finding]:
    """Accounts that still sign in with the README's demo password: a warning, an error when one is an active
    administrator (whoever reads the README could then manage accounts and plans); nothing when there is none."""
    published = published_accounts(db)
    if not published:
        return []
    names = ", ".join(
        texts.HEALTH_DEMO_ACCOUNT.format(username=a.username, role=texts.ROLE_LABELS[a.role]) for a in published
    )
    message = texts.HEALTH_DEMO_ACCOUNTS.format(accounts=names)
    if any(a.role == "admin" for a in published):
        return [Finding("demo_accounts", "error", message + texts.HEALTH_DEMO_ADMIN)]
    return [Finding("demo_accounts", "warning", message)]


def _size(n_bytes: float) -> str:
    if n_bytes >= 1024 * MIB:
        return f"{fmt.number(n_bytes / (1024 * MIB), 1)} GB"
    return f"{fmt.number(n_bytes / MIB)} MB"


def disk_finding(what: str, total: int, free: int) -> Finding:
    """The free space of one file system, judged against the thresholds above."""
    if free < DISK_ERROR_BYTES:
        level, limit = "error", DISK_ERROR_BYTES
    elif free < DISK_WARNING_BYTES or free < DISK_WARNING_SHARE * total:
        level, limit = "warning", max(DISK_WARNING_BYTES, DISK_WARNING_SHARE * total)
    else:
        level, limit = "ok", None
    message = texts.HEALTH_DISK.format(
        what=texts.HEALTH_DISK_WHAT[what], free=_size(free), total=_size(total), percent=fmt.percent(free / total)
    )
    if limit is not None:
        message += texts.HEALTH_DISK_LOW.format(limit=_size(limit))
    return Finding("disk", level, message)


def _disk_space(database_folder: Path, archive: Path) -> list[Finding]:
    """One finding per file system: the archive may be mounted apart from the database."""
    archive_folder = archive if archive.exists() else archive.parent
    if os.stat(database_folder).st_dev == os.stat(archive_folder).st_dev:
        places = [("both", database_folder)]
    else:
        places = [("database", database_folder), ("archive", archive_folder)]
    findings = []
    for what, folder in places:
        usage = shutil.disk_usage(folder)
        findings.append(disk_finding(what, usage.total, usage.free))
    return findings


def _created_at(manifest: Path) -> datetime | None:
    try:
        return datetime.fromisoformat(json.loads(manifest.read_text(encoding="utf-8"))["created_at"])
    except (OSError, ValueError, KeyError, TypeError):  # not a backup's manifest: not counted
        return None


def _newest_backup(folder: Path, now: datetime) -> Finding:
    """How old the newest backup in `folder` (or in one of its sub-folders) is."""
    dated = [(when, m.parent) for m in [folder / MANIFEST, *folder.glob(f"*/{MANIFEST}")] if (when := _created_at(m))]
    if not dated:
        return Finding("backup", "warning", texts.HEALTH_BACKUP_NONE.format(folder=folder))
    when, where = max(dated)
    age = now - when
    if age.days:
        words = texts.HEALTH_AGE_DAYS.format(count=fmt.count(age.days))
    elif age.seconds >= 3600:
        words = texts.HEALTH_AGE_HOURS.format(count=fmt.count(age.seconds // 3600))
    else:
        words = texts.HEALTH_AGE_MINUTES.format(count=fmt.count(age.seconds // 60))
    old = age > BACKUP_MAX_AGE
    return Finding(
        "backup",
        "warning" if old else "ok",
        (texts.HEALTH_BACKUP_OLD if old else texts.HEALTH_BACKUP_RECENT).format(
            when=fmt.date_time(when), folder=where, age=words
        ),
    )


def worst(findings: list[Finding]) -> str:
    return max((f.level for f in findings), key=LEVELS.index, default="ok")
