"""Database files for tests: built once per test session (per worker) and copied for each test, since a copy
takes milliseconds where installing the catalogue, units and plans takes about a second."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def built_once(tmp_path_factory, name: str, build: Callable[[Path], Any]) -> tuple[Path, Any]:
    """A database file built by `build(path)` once for the whole run, copied into this process's own folder,
    and what `build` returned. Under pytest-xdist every worker is a process of its own and a DuckDB file is held
    by one process at a time: the first worker builds (the others wait on a lock), and each works on its copy."""
    own = tmp_path_factory.getbasetemp()
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    folder = shared / f"built-{name}"
    result_file = folder / "result.pickle"
    with open(shared / f"built-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result_file.exists():
            folder.mkdir(exist_ok=True)
            result = build(folder / "kpi.duckdb")
            result_file.write_bytes(pickle.dumps(result))
    copy = copy_database(folder / "kpi.duckdb", tmp_path_factory.mktemp(name) / "kpi.duckdb")
    return copy, pickle.loads(result_file.read_bytes())
