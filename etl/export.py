"""Export the current figures (CSV or Excel), with cells made safe from formula injection."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from core.db import Database
from core.inert import neutralize

EXPORT_COLUMNS = ("unit_code", "period", "element_code", "value")  # the file's header: columns of current_values


def current_rows(db: Database) -> list:
    return db.rows("current_values")


def _cells(row) -> list:
    """A row of current_values in the header's order, made safe."""
    return [neutralize(getattr(row, column)) for column in EXPORT_COLUMNS]


def write_csv(rows: list, out) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(_cells(row))


def write_xlsx(rows: list, path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("so_lieu")
    sheet.append(EXPORT_COLUMNS)
    for row in rows:
        sheet.append(_cells(row))
    book.save(path)
