"""The one place that opens DuckDB: connection, migrations and named queries."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = ROOT / "data" / "kpi.duckdb"
DB_ENV_VAR = "KPI_DB"  # overrides the default database file
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
QUERIES_FILE = Path(__file__).parent / "queries.sql"

_QUERY_HEADER = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


def default_db_path() -> Path:
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH)


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


class Database:
    """One DuckDB file, shared by every thread of the process through cursors.

    A DuckDB connection is not thread-safe, so each call takes its own cursor
    (a cursor is a connection to the same database instance).
    """

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(str(self.path))
        self._lock = threading.Lock()
        migrate(self)

    def close(self) -> None:
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._con.cursor()

    def rows(self, name: str, params: dict[str, Any] | None = None) -> list[tuple]:
        with self.cursor() as cur:
            return cur.execute(QUERIES[name], params or {}).fetchall()

    def one(self, name: str, params: dict[str, Any] | None = None) -> tuple | None:
        with self.cursor() as cur:
            return cur.execute(QUERIES[name], params or {}).fetchone()

    def frame(self, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(QUERIES[name], params or {}).df()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """All or nothing: an exception inside rolls every statement back."""
        with self.cursor() as cur:
            cur.begin()
            try:
                yield Transaction(cur)
            except BaseException:
                cur.rollback()
                raise
            cur.commit()


class Transaction:
    """Named statements run on one cursor inside an open transaction."""

    def __init__(self, cur: duckdb.DuckDBPyConnection):
        self.cur = cur

    def run(self, name: str, params: dict[str, Any] | None = None) -> list[tuple]:
        result = self.cur.execute(QUERIES[name], params or {})
        return result.fetchall() if result.description else []

    def run_many(self, name: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.cur.executemany(QUERIES[name], rows)

    def run_script(self, sql: str) -> None:
        self.cur.execute(sql)


def migrate(db: Database, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply the numbered files of `directory` not yet applied, each in a transaction."""
    with db.cursor() as cur:
        cur.execute(QUERIES["create_schema_migrations"])
        done = {row[0] for row in cur.execute(QUERIES["applied_migrations"]).fetchall()}
    applied = []
    for path in sorted(directory.glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        if version in done:
            continue
        with db.transaction() as tx:
            tx.run_script(path.read_text(encoding="utf-8"))
            tx.run("record_migration", {"version": version, "name": path.name})
        applied.append(version)
    return applied
