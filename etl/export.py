"""Export the current figures (CSV or Excel), with cells made safe from formula injection."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from core.db import Database
from core.inert import neutralize

EXPORT_COLUMNS = ("unit_code", "period", "element_code", "value")


def current_rows(db: Database) -> list[tuple]:
    return db.rows("current_values")


def write_csv(rows: list[tuple], out) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([neutralize(v) for v in row])


def write_xlsx(rows: list[tuple], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("so_lieu")
    sheet.append(EXPORT_COLUMNS)
    for row in rows:
        sheet.append([neutralize(v) for v in row])
    book.save(path)
