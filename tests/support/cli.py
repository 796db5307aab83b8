"""The command line as operators, cron and CI run it: `python -m etl` in a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.backup import KEY_ENV_VAR
from core.db import DB_ENV_VAR, ROOT, WAIT_ENV_VAR, Database


def _environment(wait: str, db_path: Path | None = None) -> dict[str, str]:
    """This process's environment without the database and signing-key settings (commands name them), a wait
    for a busy database of `wait` seconds, and KPI_DB set only when `db_path` is given."""
    env = {k: v for k, v in os.environ.items() if k not in (DB_ENV_VAR, KEY_ENV_VAR)}
    env[WAIT_ENV_VAR] = wait
    if db_path is not None:
        env[DB_ENV_VAR] = str(db_path)
    return env


def etl(*args: str, typed: str | None = None, wait: str = "60", timeout: float = 300) -> subprocess.CompletedProcess:
    """Run a command to its end with no terminal on standard input; `typed` is what a person pipes in."""
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=ROOT,
        env=_environment(wait),
        input=typed,
        stdin=subprocess.DEVNULL if typed is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_etl(db_path: Path, *args: str, wait: str = "120") -> subprocess.Popen:
    """Start a command on the database at `db_path` (KPI_DB) and return at once; the caller collects it."""
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *args],
        cwd=ROOT,
        env=_environment(wait, db_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


HOLDER = """
import sys
from core.db import Database
db = Database(sys.argv[1], linger=3600, wait=60)  # waits for this test's own connections to close, then keeps the file
with db.cursor():
    print("held", flush=True)
    input()
"""


@contextmanager
def held_by_another_process(db: Database) -> Iterator[None]:
    """The database file opened by another process (the way the web app holds it) inside the block."""
    db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db.path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.communicate("\n", timeout=30)
