"""Backup and restore: a consistent copy of the database file and of the original files it refers to, with a
manifest of SHA-256 hashes that a restore checks before it changes anything."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

import duckdb

from core import texts
from core.db import Database, Transaction, migration_files
from core.periods import parse_period
from etl.loader import archive_dir_at, archive_dir_for

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1  # changes only if the manifest's shape changes
ARCHIVE = "archive"  # the originals inside a backup folder, laid out as in the live archive
CHUNK = 1 << 20  # bytes read at a time when copying and hashing
COUNTS = ("submissions", "current", "users", "audit_log")  # the manifest's counts, in `database_facts` order
ASIDE_STAMP = "%Y%m%d-%H%M%S"  # in the name of a database set aside by a restore


class BackupError(Exception):
    """A backup that cannot be written, or a backup that cannot be trusted; every problem is in Vietnamese."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = problems or []
        super().__init__("\n".join([message, *(f"- {p}" for p in self.problems)]))


@dataclass(frozen=True)
class Original:
    """One report version's original file, as the database records it."""

    path: str  # relative to the archive folder
    sha256: str
    file_name: str
    unit_code: str
    unit_name: str | None
    period_code: str
    status: str

    def problem(self, archive: Path, altered: bool) -> str:
        """The sentence saying this file is missing (or altered), with its report's unit and period."""
        return (texts.ORIGINAL_ALTERED if altered else texts.ORIGINAL_MISSING).format(
            file_name=self.file_name,
            unit=texts.ORIGINAL_UNIT.format(name=self.unit_name or self.unit_code, code=self.unit_code),
            period=parse_period(self.period_code).label,
            status=texts.ORIGINAL_STATUS[self.status],
            path=archive / self.path,
        )


def originals(db: Database) -> list[Original]:
    return [Original(*row) for row in db.rows("archived_originals")]


def database_facts(db: Database) -> tuple[int, dict[str, int]]:
    """The schema version and the row counts (submissions, current ones, users, audit lines)."""
    version, *counts = db.one("database_facts")
    return version, dict(zip(COUNTS, counts, strict=True))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy(source: Path, out) -> str:
    """Copy `source` into the open binary file `out`, flushed to disk; the SHA-256 of the bytes written."""
    digest = hashlib.sha256()
    with open(source, "rb") as src:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    out.flush()
    os.fsync(out.fileno())
    return digest.hexdigest()


def _copy_new(source: Path, target: Path) -> str:
    """Copy to a new file, never over one; the SHA-256 of the bytes written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:
        return _copy(source, out)


def _staged(source: Path, directory: Path, sha256: str, folder: Path) -> Path:
    """A checked copy of a backup's file in a temporary file of `directory`, to be renamed into place (atomic)."""
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".restore-", delete=False) as out:
        written = _copy(source, out)
    if written != sha256:  # changed since the backup was verified
        os.unlink(out.name)
        raise BackupError(texts.BACKUP_REFUSED.format(folder=folder), [texts.BACKUP_FILE_ALTERED.format(path=source)])
    return Path(out.name)


def _write_json(path: Path, data: dict) -> None:
    """Written whole or not at all: the manifest is the mark of a finished backup."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as tmp:
        json.dump(data, tmp, ensure_ascii=False, indent=2)
        tmp.write("\n")
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, path)


@dataclass
class BackupResult:
    folder: Path
    manifest: dict
    problems: list[str]  # originals the database refers to that were missing or altered, so not copied


def backup(db: Database, folder: Path | str, actor: str, now: datetime | None = None) -> BackupResult:
    """Copy the database and its originals into `folder` (new or empty), with a manifest written last.

    The copy is consistent because it is taken while this process holds the file with no writer, here
    or in another process (`Database.exclusive`), just after a checkpoint: the file then holds every
    committed change (sequences included) and nothing can change it until we let go. The originals are
    listed inside that hold and copied after it: they are named by their SHA-256 and never rewritten,
    so the web app waits only for the checkpoint and the copy of the database file.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(texts.BACKUP_FOLDER_NOT_EMPTY.format(folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    with db.exclusive():
        db.rows("checkpoint")
        created_at = now or datetime.now()
        schema_version, counts = database_facts(db)
        listed = originals(db)
        database_sha256 = _copy_new(db.path, folder / db.path.name)
    archive, problems = _copy_originals(archive_dir_for(db), folder / ARCHIVE, listed)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": created_at.isoformat(timespec="seconds"),
        "source_database": str(db.path.resolve()),
        "schema_version": schema_version,
        "counts": counts,
        "database": {"file": db.path.name, "sha256": database_sha256},
        "archive": archive,
        "not_copied": problems,
    }
    _write_json(folder / MANIFEST, manifest)
    with db.transaction() as tx:
        _audit(tx, actor, "backup", db.path, None, _summary(folder, manifest))
    return BackupResult(folder, manifest, [p["problem"] for p in problems])


def _copy_originals(source: Path, target: Path, listed: list[Original]) -> tuple[list[dict], list[dict]]:
    """Copy each original, checking the bytes copied against its SHA-256: (copied, not copied)."""
    copied, problems = [], []
    for original in listed:
        if not (source / original.path).is_file():
            problems.append({"path": original.path, "problem": original.problem(source, altered=False)})
            continue
        written = _copy_new(source / original.path, target / original.path)
        if written != original.sha256:
            (target / original.path).unlink()
            problems.append({"path": original.path, "problem": original.problem(source, altered=True)})
            continue
        copied.append({"path": original.path, "sha256": written})
    return copied, problems


def _summary(folder: Path, manifest: dict) -> dict:
    """What the audit log keeps of a backup."""
    return {
        "folder": str(folder.resolve()),
        "created_at": manifest["created_at"],
        "database_sha256": manifest["database"]["sha256"],
        "archive_files": len(manifest["archive"]),
        "counts": manifest["counts"],
    }


def _audit(tx: Transaction, actor: str, action: str, db_path: Path, before: dict | None, after: dict) -> None:
    tx.run(
        "insert_audit",
        {
            "actor": actor,
            "action": action,
            "entity": "database",
            "entity_id": str(db_path.resolve()),
            "before_json": None if before is None else json.dumps(before, ensure_ascii=False),
            "after_json": json.dumps(after, ensure_ascii=False),
        },
    )


def _inside(relative: str) -> bool:
    """A manifest path that stays inside the backup folder (a tampered manifest must not reach elsewhere)."""
    path = PurePosixPath(relative)
    return bool(path.parts) and not path.is_absolute() and ".." not in path.parts


def read_manifest(folder: Path) -> dict:
    """The manifest as written, checked for shape only; BackupError if there is none or it is unreadable."""
    path = folder / MANIFEST
    refused = texts.BACKUP_REFUSED.format(folder=folder)
    if not path.is_file():
        raise BackupError(refused, [texts.BACKUP_NO_MANIFEST])
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        datetime.fromisoformat(manifest["created_at"])
        names = [manifest["database"]["file"], *(f"{ARCHIVE}/{entry['path']}" for entry in manifest["archive"])]
        well_formed = (
            manifest["format"] == MANIFEST_FORMAT
            and type(manifest["schema_version"]) is int
            and all(_inside(name) for name in names)
        )
    except (ValueError, KeyError, TypeError):
        well_formed = False
    if not well_formed:
        raise BackupError(refused, [texts.BACKUP_BAD_MANIFEST.format(path=path)])
    return manifest


def verify_backup(folder: Path | str) -> dict:
    """The manifest of a complete, unaltered backup that this version can read; otherwise BackupError naming
    every file that is not whole, or the newer schema."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"{ARCHIVE}/{entry['path']}": entry["sha256"] for entry in manifest["archive"]}
    problems = []
    known = max(version for version, _ in migration_files())
    if manifest["schema_version"] > known:  # this code could not read it, and would not notice
        problems.append(texts.BACKUP_NEWER_SCHEMA.format(version=manifest["schema_version"], known=known))
    for relative, sha256 in expected.items():
        path = folder / relative
        if not path.is_file():
            problems.append(texts.BACKUP_FILE_MISSING.format(path=path))
        elif sha256_of(path) != sha256:
            problems.append(texts.BACKUP_FILE_ALTERED.format(path=path))
    if problems:
        raise BackupError(texts.BACKUP_REFUSED.format(folder=folder), problems)
    return manifest


@dataclass
class RestoreResult:
    manifest: dict
    kept_aside: Path | None  # the database that was replaced, renamed beside it; None if there was none
    archive_files: int  # originals copied into the archive (those already there and intact are kept)


def restore(
    folder: Path | str, db_path: Path | str, actor: str, *, wait: float | None = None, now: datetime | None = None
) -> RestoreResult:
    """Put the database of a verified backup in place of the one at `db_path`, and its originals in the archive.

    Nothing changes unless every file of the backup matches its manifest. The current database must not
    be open in another process (DatabaseBusy after `wait` seconds: stop the web app first); it is held
    until the new file is in place, checkpointed so it is whole on its own, and renamed aside, never deleted.
    """
    folder, db_path = Path(folder), Path(db_path)
    manifest = verify_backup(folder)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    current = _open_current(db_path, wait)
    try:
        with current.exclusive() if current else nullcontext():
            if current:
                current.rows("checkpoint")
            database = manifest["database"]
            staged = _staged(folder / database["file"], db_path.parent, database["sha256"], folder)
            try:
                copied = _restore_originals(folder, archive_dir_at(db_path), manifest["archive"])
                kept = _set_aside(db_path, now or datetime.now())
                os.replace(staged, db_path)
            except BaseException:
                staged.unlink(missing_ok=True)
                raise
    finally:
        if current:
            current.close()
    restored = Database(db_path, wait=wait)  # brings a backup of an older schema up to date
    try:
        with restored.transaction() as tx:
            before = {"kept_aside": str(kept.resolve())} if kept else None
            _audit(tx, actor, "restore", db_path, before, _summary(folder, manifest))
    finally:
        restored.close()
    return RestoreResult(manifest, kept, copied)


def _open_current(db_path: Path, wait: float | None) -> Database | None:
    """The database to be replaced, opened so no other process can take it meanwhile; None if there is
    none, or if it is too damaged to open (what a restore is for: it is set aside unopened)."""
    if not db_path.exists():
        return None
    try:
        return Database(db_path, wait=wait)
    except duckdb.Error:  # a lock held elsewhere is DatabaseBusy, not this
        return None


def _restore_originals(folder: Path, archive: Path, entries: list[dict]) -> int:
    """Put in the archive each original it lacks (or holds altered); the count copied."""
    copied = 0
    for entry in entries:
        target = archive / entry["path"]
        if target.is_file() and sha256_of(target) == entry["sha256"]:
            continue
        os.replace(_staged(folder / ARCHIVE / entry["path"], target.parent, entry["sha256"], folder), target)
        copied += 1
    return copied


def _set_aside(db_path: Path, now: datetime) -> Path | None:
    """Rename the current database (and a write-ahead log left beside it, which DuckDB would otherwise
    replay onto the restored file) to `<name>.before-restore-<time>`."""
    base = db_path.with_name(f"{db_path.name}.before-restore-{now.strftime(ASIDE_STAMP)}")
    aside, n = base, 1
    while aside.exists():
        n += 1
        aside = base.with_name(f"{base.name}-{n}")
    wal = db_path.with_name(f"{db_path.name}.wal")
    if wal.exists():
        os.rename(wal, aside.with_name(f"{aside.name}.wal"))
    if not db_path.exists():
        return None
    os.rename(db_path, aside)
    return aside
