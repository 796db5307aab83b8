"""Database files for tests: built once per test session (per worker) and copied for each test, since a copy
takes milliseconds where installing the catalogue, units and plans takes about a second."""

from __future__ import annotations

import shutil
from pathlib import Path

from core.archive import archive_dir_at
from core.db import Database


def copy_database(source: Path, target: Path) -> Path:
    """The closed database file at `source` copied to `target`, with its write-ahead log and archive of originals."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    wal = source.with_suffix(source.suffix + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_suffix(target.suffix + ".wal"))
    if archive_dir_at(source).exists():
        shutil.copytree(archive_dir_at(source), archive_dir_at(target))
    return target


def fresh_database(template: Path, target: Path) -> Database:
    """An open copy at `target` of a database file built once (the `empty_database` fixture, for one)."""
    return Database(copy_database(template, target))
