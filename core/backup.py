"""Backup and restore: a consistent copy of the database file and of the original files it refers to, with a
manifest of SHA-256 hashes signed with a key kept outside the backups, which a restore checks (and the accounts
the backup would bring back shows) before it changes anything."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

import duckdb

from core import audit, texts
from core.archive import archive_dir_at, archive_dir_for, sha256_of
from core.db import Database, Transaction, migration_files, read_only_rows
from core.periods import parse_period

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 2  # changes only if the manifest's shape changes; 2 added the signature
UNSIGNED_FORMAT = 1  # manifests written before backups were signed: restored only as unverifiable
KEY_ENV_VAR = "KPI_BACKUP_KEY_FILE"  # names the key that signs manifests (default: KEY_FILE beside the database)
KEY_FILE = "backup.key"  # the signing key's default name, in the live database's folder, never in a backup
KEY_BYTES = 32  # random bytes of a signing key (HMAC-SHA256), written as 64 hex digits
KEY_PATTERN = re.compile(r"[0-9a-f]{64}")
SIGNATURE = "HMAC-SHA256"  # of the manifest's canonical JSON, every field but the signature itself
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
    return [
        Original(
            path=row.archive_path,
            sha256=row.file_sha256,
            file_name=row.file_name,
            unit_code=row.unit_code,
            unit_name=row.unit_name,
            period_code=row.period_code,
            status=row.status,
        )
        for row in db.rows("archived_originals")
    ]


def database_facts(db: Database) -> tuple[int, dict[str, int]]:
    """The schema version and the row counts (submissions, current ones, users, audit lines)."""
    facts = db.one("database_facts")
    counts = (facts.count_submissions, facts.count_current, facts.count_users, facts.count_audit)
    return facts.schema_version, dict(zip(COUNTS, counts, strict=True))


def _no_follow(path: str, flags: int) -> int:
    """Opener that will not read through a symbolic link (one put in a backup after it was checked)."""
    return os.open(path, flags | os.O_NOFOLLOW)


def _copy(source: Path, out, opener=None) -> str:
    """Copy `source` into the open binary file `out`, flushed to disk; the SHA-256 of the bytes written."""
    digest = hashlib.sha256()
    with open(source, "rb", opener=opener) as src:
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
    problem = None
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".restore-", delete=False) as out:
        try:
            if _copy(source, out, opener=_no_follow) != sha256:  # changed since the backup was verified
                problem = texts.BACKUP_FILE_ALTERED.format(path=source)
        except OSError as error:  # gone, or made a link, since the backup was verified
            problem = texts.BACKUP_UNREADABLE.format(path=source, error=error.strerror)
    if problem:
        os.unlink(out.name)
        raise BackupError(texts.BACKUP_REFUSED.format(folder=folder), [problem])
    return Path(out.name)


def _write_json(path: Path, data: dict) -> None:
    """Written whole or not at all: the manifest is the mark of a finished backup."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as tmp:
        json.dump(data, tmp, ensure_ascii=False, indent=2)
        tmp.write("\n")
        tmp.flush()
        os.fsync(tmp.fileno())
    os.replace(tmp.name, path)


def default_key_file(db_path: Path | str) -> Path:
    """Where the key that signs backups is kept: named by KPI_BACKUP_KEY_FILE, or beside the live database."""
    return Path(os.environ.get(KEY_ENV_VAR) or Path(db_path).parent / KEY_FILE)


def _within(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _read_key(key_file: Path) -> tuple[bytes | None, str | None]:
    """(the key, None), or (None, None) if there is no key file, or (None, why it cannot be used): a key that
    others may read or change could sign a forged backup."""
    try:
        mode = key_file.stat().st_mode
        text = key_file.read_text(encoding="ascii", errors="replace").strip()
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, texts.BACKUP_UNREADABLE.format(path=key_file, error=error.strerror)
    if mode & 0o077:
        return None, texts.BACKUP_KEY_UNSAFE.format(key=key_file, mode=oct(stat.S_IMODE(mode))[2:])
    if not KEY_PATTERN.fullmatch(text):
        return None, texts.BACKUP_KEY_BAD.format(key=key_file)
    return bytes.fromhex(text), None


def _signing_key(key_file: Path) -> tuple[bytes, bool]:
    """The key backups are signed with, made on the first backup (readable by this account only): (key, made)."""
    made = False
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=key_file.parent, prefix=".backup-key-")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_hex(KEY_BYTES) + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.link(tmp, key_file)  # whole, and never over a key another backup has just made
            made = True
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    key, problem = _read_key(key_file)
    if key is None:
        raise BackupError(texts.BACKUP_KEY_UNUSABLE, [problem or texts.BACKUP_KEY_BAD.format(key=key_file)])
    return key, made


def _key_id(key: bytes) -> str:
    """Names a key without giving it away: which key signed a backup."""
    return hashlib.sha256(b"kpi-backup-key-id:" + key).hexdigest()[:16]


def _signature(manifest: dict, key: bytes) -> str:
    """HMAC-SHA256 of the whole manifest but its signature, as canonical JSON (the parsed manifest is what is
    checked, so spacing, key order or a repeated key cannot slip past it)."""
    unsigned = {name: value for name, value in manifest.items() if name != "signature"}
    text = json.dumps(unsigned, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass
class BackupResult:
    folder: Path
    manifest: dict
    problems: list[str]  # originals the database refers to that were missing or altered, so not copied
    key_file: Path  # the key the manifest is signed with
    key_made: bool  # made by this backup: the operator must keep a copy of it, away from the backups


def backup(
    db: Database, folder: Path | str, actor: str, now: datetime | None = None, key_file: Path | str | None = None
) -> BackupResult:
    """Copy the database and its originals into `folder` (new or empty), with a signed manifest written last.

    The copy is consistent because it is taken while this process holds the file with no writer, here
    or in another process (`Database.exclusive`), just after a checkpoint: the file then holds every
    committed change (sequences included) and nothing can change it until we let go. The originals are
    listed inside that hold and copied after it: they are named by their SHA-256 and never rewritten,
    so the web app waits only for the checkpoint and the copy of the database file.

    The manifest is signed with the key at `key_file` (default: `default_key_file`), made if there is none.
    """
    folder = Path(folder)
    key_file = Path(key_file) if key_file else default_key_file(db.path)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(texts.BACKUP_FOLDER_NOT_EMPTY.format(folder=folder))
    if _within(key_file, folder):
        raise BackupError(texts.BACKUP_KEY_UNUSABLE, [texts.BACKUP_KEY_INSIDE.format(key=key_file)])
    key, key_made = _signing_key(key_file)
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
    manifest["signature"] = {"algorithm": SIGNATURE, "key_id": _key_id(key), "value": _signature(manifest, key)}
    _write_json(folder / MANIFEST, manifest)
    with db.transaction() as tx:
        _audit(tx, actor, "backup", db.path, None, {**_summary(folder, manifest), "key_id": _key_id(key)})
    return BackupResult(folder, manifest, [p["problem"] for p in problems], key_file, key_made)


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
    audit.record(tx, actor, action, "database", str(db_path.resolve()), before, after)


def _inside(relative: object, single: bool = False) -> bool:
    """A manifest path that stays inside its folder: relative, without '..' (a tampered manifest must not reach
    elsewhere); with `single`, one name and no folder."""
    if not isinstance(relative, str) or "\x00" in relative:
        return False
    path = PurePosixPath(relative)
    return (
        bool(path.parts) and not path.is_absolute() and ".." not in path.parts and (len(path.parts) == 1 or not single)
    )


def _unsafe_paths(manifest: dict) -> list[str]:
    """The manifest's paths that would lead out of the backup folder (and, on restore, out of the archive)."""
    database = manifest["database"]["file"]
    unsafe = [] if _inside(database, single=True) else [database]
    return unsafe + [entry["path"] for entry in manifest["archive"] if not _inside(entry["path"])]


def _strings(record: object, *fields: str) -> bool:
    return isinstance(record, dict) and all(isinstance(record.get(field), str) for field in fields)


def read_manifest(folder: Path) -> dict:
    """The manifest as written, checked for shape only (neither its paths nor its signature); BackupError if
    there is none or it is unreadable."""
    path = folder / MANIFEST
    refused = texts.BACKUP_REFUSED.format(folder=folder)
    if not path.is_file():
        raise BackupError(refused, [texts.BACKUP_NO_MANIFEST])
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        datetime.fromisoformat(manifest["created_at"])
        well_formed = (
            manifest["format"] in (UNSIGNED_FORMAT, MANIFEST_FORMAT)
            and type(manifest["schema_version"]) is int
            and all(type(manifest["counts"][name]) is int for name in COUNTS)
            and _strings(manifest["database"], "file", "sha256")
            and all(_strings(entry, "path", "sha256") for entry in manifest["archive"])
            and ("signature" not in manifest or _strings(manifest["signature"], "algorithm", "key_id", "value"))
        )
    except OSError as error:
        raise BackupError(refused, [texts.BACKUP_UNREADABLE.format(path=path, error=error.strerror)]) from None
    except (ValueError, KeyError, TypeError):
        well_formed = False
    if not well_formed:
        raise BackupError(refused, [texts.BACKUP_BAD_MANIFEST.format(path=path)])
    return manifest


def _not_plain(folder: Path) -> list[str]:
    """Every symbolic link (a restore that followed one could read, or be made to write, anywhere) and every
    special file in the backup folder, at any depth: a backup this program writes has none."""
    problems = []

    def unreadable(error: OSError) -> None:
        problems.append(texts.BACKUP_UNREADABLE.format(path=error.filename, error=error.strerror))

    for root, folders, files in os.walk(folder, onerror=unreadable):  # a linked folder is listed, not entered
        for name in sorted([*folders, *files]):
            path = Path(root, name)
            try:
                mode = path.lstat().st_mode
            except OSError as error:
                unreadable(error)
                continue
            if stat.S_ISLNK(mode):
                problems.append(texts.BACKUP_LINK.format(path=path))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(texts.BACKUP_SPECIAL_FILE.format(path=path))
    return problems


def _signature_check(manifest: dict, manifest_path: Path, key_file: Path) -> tuple[str | None, str | None]:
    """(what is wrong: the signature does not match, or the key cannot be used; why the signature cannot be
    checked: none, no key, another key), each None if not so."""
    signature = manifest.get("signature") if manifest["format"] == MANIFEST_FORMAT else None
    if signature is None or signature["algorithm"] != SIGNATURE:
        return None, texts.BACKUP_UNSIGNED.format(path=manifest_path)
    if _within(key_file, manifest_path.parent):
        return texts.BACKUP_KEY_INSIDE.format(key=key_file), None
    key, problem = _read_key(key_file)
    if problem:
        return problem, None
    if key is None:
        return None, texts.BACKUP_NO_KEY.format(key=key_file)
    if signature["key_id"] != _key_id(key):
        return None, texts.BACKUP_OTHER_KEY.format(found=signature["key_id"], key=key_file, expected=_key_id(key))
    if not hmac.compare_digest(signature["value"].encode("utf-8"), _signature(manifest, key).encode("ascii")):
        return texts.BACKUP_SIGNATURE_WRONG.format(path=manifest_path), None
    return None, None


@dataclass(frozen=True)
class VerifiedBackup:
    manifest: dict
    unverified: str | None  # why its signature could not be checked; None: signed with the key given


def verify_backup(folder: Path | str, key_file: Path | str) -> VerifiedBackup:
    """A complete backup that this version can read, with its manifest's signature checked against the key at
    `key_file` (or why it could not be: no key, no signature, another key); otherwise BackupError naming every
    problem: a link or special file, a path out of the backup, a wrong signature, a file missing or altered, a
    newer schema."""
    folder, key_file = Path(folder), Path(key_file)
    refused = texts.BACKUP_REFUSED.format(folder=folder)
    links = _not_plain(folder) if folder.is_dir() else []
    if links:
        raise BackupError(refused, links)  # nothing is read through a link
    manifest = read_manifest(folder)
    unsafe = _unsafe_paths(manifest)
    problems = [texts.BACKUP_UNSAFE_PATH.format(manifest=folder / MANIFEST, path=path) for path in unsafe]
    known = max(version for version, _ in migration_files())
    if manifest["schema_version"] > known:  # this code could not read it, and would not notice
        problems.append(texts.BACKUP_NEWER_SCHEMA.format(version=manifest["schema_version"], known=known))
    wrong, unverified = _signature_check(manifest, folder / MANIFEST, key_file)
    problems += [wrong] if wrong else []
    database = manifest["database"]
    expected = {database["file"]: database["sha256"]} if _inside(database["file"], single=True) else {}
    expected |= {f"{ARCHIVE}/{e['path']}": e["sha256"] for e in manifest["archive"] if _inside(e["path"])}
    for relative, sha256 in expected.items():
        path = folder / relative
        try:
            if not path.is_file():
                problems.append(texts.BACKUP_FILE_MISSING.format(path=path))
            elif sha256_of(path) != sha256:
                problems.append(texts.BACKUP_FILE_ALTERED.format(path=path))
        except OSError as error:
            problems.append(texts.BACKUP_UNREADABLE.format(path=path, error=error.strerror))
    if problems:
        raise BackupError(refused, problems)
    return VerifiedBackup(manifest, unverified)


@dataclass(frozen=True)
class Account:
    """What a restore compares of one account (the hash only to see that a password differs)."""

    username: str
    role: str
    password_hash: str
    is_active: bool
    unit_codes: list[str]


@dataclass(frozen=True)
class AccountChange:
    """One way a restore would change an account, from the live database's to the backup's."""

    username: str
    change: str  # added | removed | role | units | password | activated | deactivated
    before: str | list[str] | None = None  # the live database's role (removed, role) or units (units)
    after: str | list[str] | None = None  # the backup's role (added, role) or units (units)

    def describe(self) -> str:
        return texts.RESTORE_ACCOUNT_CHANGES[self.change].format(
            username=self.username, before=_shown(self.before), after=_shown(self.after)
        )


def _shown(value: str | list[str] | None) -> str:
    """A role by its label, units as their codes."""
    if isinstance(value, list):
        return ", ".join(value) or texts.RESTORE_NO_UNITS
    return texts.ROLE_LABELS.get(value, value) if value else ""


def account_changes(live: list[Account], saved: list[Account]) -> list[AccountChange]:
    """What putting the backup's accounts (`saved`) in place of the live ones would change, by account name."""
    before, after = {a.username: a for a in live}, {a.username: a for a in saved}
    changes = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old is None:
            changes.append(AccountChange(name, "added", after=new.role))
        elif new is None:
            changes.append(AccountChange(name, "removed", before=old.role))
        else:
            if old.role != new.role:
                changes.append(AccountChange(name, "role", old.role, new.role))
            if old.unit_codes != new.unit_codes:
                changes.append(AccountChange(name, "units", old.unit_codes, new.unit_codes))
            if old.password_hash != new.password_hash:
                changes.append(AccountChange(name, "password"))
            if old.is_active != new.is_active:
                changes.append(AccountChange(name, "activated" if new.is_active else "deactivated"))
    return changes


def _accounts_in(staged: Path, source: Path, folder: Path) -> list[Account]:
    """The accounts of a backup's database, from its checked copy `staged` (none if it predates accounts);
    BackupError if it is not a database this version can open."""
    try:
        if not read_only_rows(staged, "has_accounts")[0].has_accounts:
            return []
        return [Account(**row._asdict()) for row in read_only_rows(staged, "accounts_compared")]
    except duckdb.Error as error:
        problem = texts.BACKUP_DATABASE_UNREADABLE.format(path=source, error=error)
        raise BackupError(texts.BACKUP_REFUSED.format(folder=folder), [problem]) from None


@dataclass
class RestoreResult:
    manifest: dict
    kept_aside: Path | None  # the database that was replaced, renamed beside it; None if there was none
    archive_files: int  # originals copied into the archive (those already there and intact are kept)
    unverified: str | None  # why the signature could not be checked (restored as accept_unverified allowed)
    account_changes: list[AccountChange]  # accepted by `confirm`


def restore(
    folder: Path | str,
    db_path: Path | str,
    actor: str,
    *,
    key_file: Path | str | None = None,
    accept_unverified: bool = False,
    confirm: Callable[[list[AccountChange]], bool] | None = None,
    wait: float | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Put the database of a verified backup in place of the one at `db_path`, and its originals in the archive.

    Checked in this order, and nothing changes unless every check passes: no link or special file anywhere in
    the backup; a well-formed manifest whose paths stay inside it; its signature with the key at `key_file`
    (default `default_key_file(db_path)`): a backup whose signature cannot be checked (no key, no signature,
    another key) goes on only with `accept_unverified`, a wrong signature never; every file against its
    SHA-256 and a schema this version knows; then, holding the current database (DatabaseBusy after `wait`
    seconds: stop the web app first), the accounts of a checked copy of the backup's database against the
    current ones: any difference goes on only if `confirm(changes)` says yes (no `confirm`: refused). The
    current database is checkpointed so it is whole on its own, and renamed aside, never deleted.
    """
    folder, db_path = Path(folder), Path(db_path)
    verified = verify_backup(folder, key_file or default_key_file(db_path))
    if verified.unverified and not accept_unverified:
        problems = [verified.unverified, texts.BACKUP_UNVERIFIED_HINT]
        raise BackupError(texts.BACKUP_REFUSED.format(folder=folder), problems)
    manifest = verified.manifest
    db_path.parent.mkdir(parents=True, exist_ok=True)
    current = _open_current(db_path, wait)
    try:
        with current.exclusive() if current else nullcontext():
            if current:
                current.rows("checkpoint")
            source = folder / manifest["database"]["file"]
            staged = _staged(source, db_path.parent, manifest["database"]["sha256"], folder)
            try:
                live = [Account(**row._asdict()) for row in current.rows("accounts_compared")] if current else []
                changes = account_changes(live, _accounts_in(staged, source, folder))
                if changes and not (confirm and confirm(changes)):
                    refused = texts.RESTORE_ACCOUNTS_REFUSED.format(folder=folder)
                    raise BackupError(refused, [change.describe() for change in changes])
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
            after = {
                **_summary(folder, manifest),
                "signature_verified": verified.unverified is None,
                "account_changes": [asdict(change) for change in changes],
            }
            _audit(tx, actor, "restore", db_path, before, after)
    finally:
        restored.close()
    return RestoreResult(manifest, kept, copied, verified.unverified, changes)


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
