"""Three ways to load the same report forms, timed side by side, and the national load with its peak memory.

- the product: `etl.loader.load_files` (read safely, parse, check every figure, archive, record);
- a typical script: pandas `read_excel` (openpyxl engine), the cells picked by position, one INSERT
  per row in one transaction per file, with no checks at all;
- the lower bound: python-calamine reading every sheet of the file into Python lists, and nothing else.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import python_calamine

from bench.timing import status_bytes
from core.bootstrap import open_database
from core.catalog import load_elements
from core.plans import PLANS_ENV_VAR
from etl import form_spec
from etl.loader import load_files

SENDER = "bench"
PROGRESS_EVERY = 1_000  # files between two progress lines of the national load

# The typical script's own tables (it is not the product: its SQL and its connection are its own).
_SCRIPT_TABLES = (
    "CREATE TABLE report_values (unit_code TEXT, period TEXT, element_code TEXT, value DOUBLE)",
    "CREATE TABLE commune_rows (unit_code TEXT, period TEXT, commune_code TEXT, commune_name TEXT,"
    " held TEXT, sessions DOUBLE, establishments DOUBLE, inspected DOUBLE, healthy TEXT)",
)
_SCRIPT_INSERT_VALUE = "INSERT INTO report_values VALUES (?, ?, ?, ?)"
_SCRIPT_INSERT_COMMUNE = "INSERT INTO commune_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


@dataclass
class LoadRun:
    files: int
    seconds: float
    statuses: dict[str, int] = field(default_factory=dict)  # the product's outcome per file: all accepted
    warnings: int = 0
    peak_rss_bytes: int | None = None  # VmHWM of the process that loaded
    start_rss_bytes: int | None = None  # its resident memory once the database was open, before the first file

    @property
    def files_per_second(self) -> float:
        return self.files / self.seconds


def warm(paths: list[Path]) -> None:
    """Read every file once, so no loader pays for the disk and all read from the page cache."""
    for path in paths:
        path.read_bytes()


def product_load(db_path: Path, paths: list[Path]) -> LoadRun:
    db = open_database(db_path)
    started = time.perf_counter()
    results = load_files(db, paths, SENDER)
    seconds = time.perf_counter() - started
    db.close()
    return LoadRun(len(paths), seconds, dict(Counter(r.status for r in results)), sum(len(r.warnings) for r in results))


def pandas_load(db_path: Path, paths: list[Path]) -> LoadRun:
    """How a typical script does it: whole sheets through pandas, then row-by-row inserts."""
    codes = {e.code for e in load_elements()}
    labels = form_spec.HEADER_FIELDS
    con = duckdb.connect(str(db_path))
    for statement in _SCRIPT_TABLES:
        con.execute(statement)
    started = time.perf_counter()
    for path in paths:
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl", header=None)
        summary, communes = sheets[form_spec.SUMMARY_SHEET], sheets[form_spec.COMMUNE_SHEET]
        header = dict(zip(summary[0], summary[2], strict=True))
        unit, period = str(header[labels["unit_code"]]), str(header[labels["period"]])
        rows = summary[summary[1].isin(codes)]
        con.begin()
        for code, value in zip(rows[1], rows[4], strict=True):
            con.execute(_SCRIPT_INSERT_VALUE, [unit, period, code, float(value)])
        for row in communes.iloc[1:].itertuples(index=False):
            con.execute(_SCRIPT_INSERT_COMMUNE, [unit, period, *(None if pd.isna(v) else v for v in row)])
        con.commit()
    seconds = time.perf_counter() - started
    con.close()
    return LoadRun(len(paths), seconds)


def calamine_read(paths: list[Path]) -> LoadRun:
    """The lower bound: every sheet of every file read into Python lists by the Rust reader."""
    started = time.perf_counter()
    for path in paths:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
    seconds = time.perf_counter() - started
    return LoadRun(len(paths), seconds)


# --- the national load, in a process of its own so its peak memory is its own ---------------------------------


def _national_child(db_path: str, plans_dir: str, paths: list[str], answer) -> None:
    os.environ[PLANS_ENV_VAR] = plans_dir
    db = open_database(db_path)
    start_rss = status_bytes("self", "VmRSS")
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            rate = done / (time.perf_counter() - started)
            print(f"    {done:,}/{total:,} files, {rate:.1f} files/s", flush=True)

    results = load_files(db, [Path(p) for p in paths], SENDER, progress)
    seconds = time.perf_counter() - started
    db.close()
    statuses = dict(Counter(r.status for r in results))
    warnings = sum(len(r.warnings) for r in results)
    answer.send(LoadRun(len(paths), seconds, statuses, warnings, status_bytes("self", "VmHWM"), start_rss))


def national_load(db_path: Path, plans_dir: Path, paths: list[Path]) -> LoadRun:
    """Every file through the product's loader into a fresh database, in a child process."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_national_child, args=(str(db_path), str(plans_dir), [str(p) for p in paths], send))
    child.start()
    send.close()
    run = receive.recv()
    child.join()
    return run
