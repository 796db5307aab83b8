"""The one place that opens DuckDB: connection, migrations and named queries.

A query's rows come back as named tuples whose fields are the query's column names (`row.unit_code`), so
a column added to a query breaks no reader; code outside the module that runs a query never reads a row by
position."""

from __future__ import annotations

import atexit
import functools
import operator
import os
import re
import threading
import time
import weakref
from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "kpi.duckdb"
DB_ENV_VAR = "KPI_DB"  # overrides the default database file
WAIT_ENV_VAR = "KPI_DB_WAIT"  # seconds to wait for another process to let the file go (default 60)
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
QUERIES_FILE = Path(__file__).parent / "queries.sql"

_QUERY_HEADER = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


@functools.lru_cache(maxsize=512)
def _row_type(name: str, columns: tuple[str, ...]) -> type:
    """The named tuple of one query's rows; a column name that is no identifier becomes `_<position>`."""
    return namedtuple(f"{name}_row", columns, rename=True)


def _named(name: str, result: duckdb.DuckDBPyConnection, one: bool = False):
    """The rows of an executed query as named tuples (or the first one, or None)."""
    if not result.description:
        return None if one else []
    make = functools.partial(tuple.__new__, _row_type(name, tuple(column[0] for column in result.description)))
    if one:
        row = result.fetchone()
        return None if row is None else make(row)
    return list(map(make, result.fetchall()))  # no Python call per row: a national query returns 30,000


def default_db_path() -> Path:
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH)


def default_wait() -> float:
    return float(os.environ.get(WAIT_ENV_VAR) or 60)


def load_queries(path: Path = QUERIES_FILE) -> dict[str, str]:
    """Split the query file into named statements (`-- name: x` starts each)."""
    text = path.read_text(encoding="utf-8")
    parts = _QUERY_HEADER.split(text)
    queries = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if name in queries:
            raise ValueError(f"query {name} is defined twice in {path.name}")
        queries[name] = body.strip().rstrip(";")
    return queries


QUERIES = load_queries()


class DatabaseBusy(Exception):
    """Another process kept the database file longer than we waited: the action can simply be retried."""


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "could not set lock" in str(exc).lower()


_OPEN: weakref.WeakSet[Database] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """A process ending with its file still leased closes it cleanly (checkpoint, no leaked handles)."""
    for db in list(_OPEN):
        db.close()


class Database:
    """One DuckDB file, shared by every thread of the process and, in turn, by other processes.

    DuckDB lets one process at a time open a file, so the connection is leased: opened when a
    call needs it (waiting, up to `wait` seconds, while another process such as the command line
    holds the file) and closed once nobody in this process has used it for `linger` seconds.
    A DuckDB connection is not thread-safe, so each call takes its own cursor; write transactions
    of this process take turns, so two uploads never race for the same rows or the same archive file.
    """

    def __init__(self, path: Path | str | None = None, *, linger: float = 2.0, wait: float | None = None):
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.linger = linger
        self._waiting_flag = self.path.with_name(self.path.name + ".waiting")
        self.wait = default_wait() if wait is None else wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_used = 0.0
        self._closer: threading.Timer | None = None
        self._state = threading.Lock()  # guards the connection, its user count and the closer
        self._writer = threading.RLock()  # one write transaction at a time in this process
        self.writes = 0  # write blocks this object has ended: what was read before one may have changed since
        _OPEN.add(self)
        migrate(self)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline, pause = time.monotonic() + self.wait, 0.02
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.IOException as exc:
                if not _is_lock_conflict(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(str(self.path)) from exc
                self._waiting_flag.touch()  # tells the holder that someone waits (see pause_for_others)
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the leased connection, closed on leaving the block."""
        with self._state:
            if self._con is None:
                self._con = self._connect()
            self._users += 1
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._state:
                self._users -= 1
                self._last_used = time.monotonic()
                if self._users == 0:
                    self._schedule_close()

    def _schedule_close(self) -> None:
        if self.linger <= 0:
            self._close_connection()
        elif self._closer is None:
            self._closer = threading.Timer(self.linger, self._close_if_idle)
            self._closer.daemon = True
            self._closer.start()

    def _close_if_idle(self) -> None:
        with self._state:
            self._closer = None
            if self._users:
                return
            idle = time.monotonic() - self._last_used
            if idle >= self.linger:
                self._close_connection()
            else:
                self._closer = threading.Timer(self.linger - idle, self._close_if_idle)
                self._closer.daemon = True
                self._closer.start()

    def _close_connection(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def close(self) -> None:
        """Let go of the file now (it is opened again by the next call)."""
        with self._state:
            if self._closer is not None:
                self._closer.cancel()
                self._closer = None
            if self._users == 0:
                self._close_connection()

    def pause_for_others(self, seconds: float = 0.25) -> None:
        """If another process (the web app) has been waiting for the file, let go of it for a moment."""
        try:
            waited = time.time() - self._waiting_flag.stat().st_mtime < 1.0
        except FileNotFoundError:
            return
        if waited:
            self.close()
            time.sleep(seconds)

    def rows(self, name: str, params: dict[str, Any] | None = None) -> list[Any]:
        """Every row of the named query, each a named tuple (see the module's docstring)."""
        with self.cursor() as cur:
            return _named(name, cur.execute(QUERIES[name], params or {}))

    def one(self, name: str, params: dict[str, Any] | None = None) -> Any | None:
        """The first row of the named query as a named tuple, or None."""
        with self.cursor() as cur:
            return _named(name, cur.execute(QUERIES[name], params or {}), one=True)

    def select(self, name: str, params: dict[str, Any] | None, columns: tuple[str, ...]) -> list[tuple]:
        """The named query's rows as plain tuples of the named `columns`, in that order: for the queries of tens
        of thousands of rows the engine reads, where an object per row costs time and the garbage collector's
        attention. The columns are chosen by name, so the query may list them in any order."""
        with self.cursor() as cur:
            result = cur.execute(QUERIES[name], params or {})
            names = [column[0] for column in result.description]
            rows = result.fetchall()
        if tuple(names) == columns:
            return rows
        pick = operator.itemgetter(*(names.index(column) for column in columns))
        return list(map(pick, rows)) if len(columns) > 1 else [(pick(row),) for row in rows]

    def frame(self, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(QUERIES[name], params or {}).df()

    @contextmanager
    def exclusive(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file with no other writer, here or in another process (for a consistent copy)."""
        with self._writer, self.cursor() as cur:
            try:
                yield cur
            finally:
                self.writes += 1  # still under the writer's lock

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """All or nothing: an exception inside rolls every statement back."""
        with self.exclusive() as cur:
            cur.begin()
            try:
                yield Transaction(cur)
            except BaseException:
                cur.rollback()
                raise
            cur.commit()


def read_only_rows(path: Path, name: str, params: dict[str, Any] | None = None) -> list[Any]:
    """A named query on a file opened for reading only and as it is (not migrated, not leased): a backup's
    copy, looked at before it is put in place."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _named(name, con.execute(QUERIES[name], params or {}))
    finally:
        con.close()


class Transaction:
    """Named statements run on one cursor inside an open transaction."""

    def __init__(self, cur: duckdb.DuckDBPyConnection):
        self.cur = cur

    def run(self, name: str, params: dict[str, Any] | None = None) -> list[Any]:
        """The named statement's rows as named tuples; [] for a statement that returns none."""
        return _named(name, self.cur.execute(QUERIES[name], params or {}))

    def run_many(self, name: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.cur.executemany(QUERIES[name], rows)

    def run_columns(self, name: str, fixed: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        """Many rows in one statement (far faster than one per row): the query unnests each column, a list."""
        if rows:
            columns = {key: [row[key] for row in rows] for key in rows[0]}
            self.cur.execute(QUERIES[name], {**fixed, **columns})

    def run_script(self, sql: str) -> None:
        self.cur.execute(sql)


def migration_files(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, Path]]:
    """The numbered schema files, in order: `003_users.sql` is version 3."""
    return sorted((int(path.name.split("_", 1)[0]), path) for path in directory.glob("*.sql"))


def migrate(db: Database, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply the numbered files of `directory` not yet applied, each in a transaction."""
    with db.cursor() as cur:
        cur.execute(QUERIES["create_schema_migrations"])
        done = {row[0] for row in cur.execute(QUERIES["applied_migrations"]).fetchall()}
    applied = []
    for version, path in migration_files(directory):
        if version in done:
            continue
        with db.transaction() as tx:
            tx.run_script(path.read_text(encoding="utf-8"))
            tx.run("record_migration", {"version": version, "name": path.name})
        applied.append(version)
    return applied
