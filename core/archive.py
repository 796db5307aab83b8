"""Where the originals live: every accepted file, byte for byte, in a content-addressed folder beside the
database (`archive/<first two hex digits>/<sha256><suffix>`)."""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from core.db import Database

CHUNK = 1 << 20  # bytes read at a time when hashing a file
# A file being written is `<its name>.<writer's process id>.<random>.partial` beside it, renamed once complete.
PARTIAL = ".partial"
_LIBC = ctypes.CDLL(None)  # the C library the interpreter runs on: syncfs(2) on Linux


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_originals(root: Path, originals: Iterable[tuple[str, str, bytes]]) -> list[Path]:
    """Write each (sha256, file name, bytes) not archived yet, atomically and synced to disk; the files this
    call created (so that a failed transaction can remove them)."""
    written: dict[Path, Path] = {}
    for sha256, file_name, data in originals:
        target = root / archive_path(sha256, file_name)
        if target in written:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(target)
        if target.exists():
            continue
        partial = target.with_name(f"{target.name}.{os.getpid()}.{secrets.token_hex(4)}{PARTIAL}")
        partial.write_bytes(data)
        written[target] = partial
    if written:  # all written first, then synced: the disk takes them in one go
        _sync(root, list(written.values()))
    for target, partial in written.items():
        os.replace(partial, target)
    return list(written)


def _sync(root: Path, paths: list[Path]) -> None:
    """The files at `paths`, under `root`, on disk before any is renamed into place: one syncfs(2) of the archive's
    filesystem where Linux offers it (one journal commit for a batch: 0.8 ms for 32 files against 12-70 ms for an
    fsync of each), else, or if it fails, an fsync of each file."""
    syncfs = getattr(_LIBC, "syncfs", None)
    if syncfs is not None:
        fd = os.open(root, os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_abandoned(target: Path) -> None:
    """Partial copies of `target` whose writer died before renaming them (a load killed mid-way): nobody will
    finish them. A living writer's are left alone."""
    for path in target.parent.glob(f"{glob.escape(target.name)}.*{PARTIAL}"):
        pid = path.name[len(target.name) + 1 :].split(".")[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            path.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
