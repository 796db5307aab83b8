"""The bridge to calamine: it reads the values of a file our scans have measured, into the grids we return."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from etl.readers.limits import MAX_SHEET_CELLS, SheetScan, area_found, check_sheet_count, sheet_too_large
from etl.readers.refusals import Damaged, password


# --- what read_workbook returns -------------------------------------------------------------------------------
@dataclass
class Sheet:
    """One sheet as a grid of plain values."""

    name: str
    rows: list[list[object]]  # rows[r][c] is the cell at 0-based row r, column c counted from A1; None if empty
    visible: bool
    formula_cells_without_value: set[tuple[int, int]]  # 0-based (row, col); xlsx/xlsm only, empty otherwise


@dataclass
class Workbook:
    """Every sheet of one uploaded file."""

    file_format: str  # "xlsx" | "xlsm" | "xls" | "ods"
    sheets: list[Sheet]  # in workbook order, hidden ones included (flagged)


def _calamine(call: Callable[[], object]) -> object:
    """Run one calamine call, mapping its failures (and Rust panics) to refusals."""
    try:
        return call()
    except python_calamine.PasswordError:
        raise password() from None
    except python_calamine.CalamineError as exc:
        raise Damaged(str(exc)) from exc
    except BaseException as exc:
        # pyo3 turns a Rust panic on malformed input into PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise Damaged(str(exc)) from exc


_CALAMINE_SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsx", "xls": ".xls", "ods": ".ods"}


def convert(data: bytes, file_format: str, scans: dict[str, SheetScan] | list[SheetScan]) -> Workbook:
    """The values of every sheet, as calamine reads them from a file we have measured sheet by sheet."""
    # From bytes, calamine tries the xls, xlsx, xlsb and ods readers in turn, so a crafted file could fall
    # through to parts we never measured; from a path it uses the one reader its extension names.
    with tempfile.TemporaryDirectory(prefix="workbook-") as folder:
        path = Path(folder) / f"upload{_CALAMINE_SUFFIX[file_format]}"
        path.write_bytes(data)
        book = _calamine(lambda: python_calamine.CalamineWorkbook.from_path(str(path)))
        try:
            return Workbook(file_format=file_format, sheets=_sheets(book, file_format, scans))
        finally:
            book.close()


def _sheets(
    book: python_calamine.CalamineWorkbook, file_format: str, scans: dict[str, SheetScan] | list[SheetScan]
) -> list[Sheet]:
    metadata = book.sheets_metadata
    check_sheet_count(len(metadata))
    names = [meta.name for meta in metadata]
    if len(set(names)) != len(names):
        # calamine finds sheets by name: two sheets of one name would both read one part, measured once.
        raise Damaged("two sheets with the same name")
    if "" in names:
        raise Damaged("a sheet without a name")  # Excel and LibreOffice never write one; nothing could refer to it
    sheets = []
    for index, meta in enumerate(metadata):
        scan = _scan_for(scans, index, meta.name)
        calamine_sheet = _calamine(lambda index=index: book.get_sheet_by_index(index))
        sheets.append(
            Sheet(
                name=meta.name,
                rows=_grid(calamine_sheet, scan),
                visible=meta.visible == python_calamine.SheetVisibleEnum.Visible,
                formula_cells_without_value=(
                    set(scan.formulas_without_value) if file_format in ("xlsx", "xlsm") else set()
                ),
            )
        )
    return sheets


def _scan_for(scans: dict[str, SheetScan] | list[SheetScan], index: int, name: str) -> SheetScan:
    """Our scan of the sheet calamine lists at `index` (by name for zip formats, by position for xls)."""
    scan = scans.get(name) if isinstance(scans, dict) else (scans[index] if index < len(scans) else None)
    if scan is None:
        raise Damaged(f"sheet {name!r} was not scanned")  # never let calamine build a sheet we did not measure
    return scan


def _grid(calamine_sheet: python_calamine.CalamineSheet, scan: SheetScan) -> list[list[object]]:
    """The sheet's values as a rectangular grid from A1, with error cells written as their error text."""
    start, end = calamine_sheet.start, calamine_sheet.end
    if start is None or end is None:
        rows: list[list[object]] = []
    else:
        (first_row, first_col), (last_row, last_col) = start, end
        if (last_row + 1) * (last_col + 1) > MAX_SHEET_CELLS:  # our scan should have caught it; be sure
            raise sheet_too_large(scan.name, area_found(last_row + 1, last_col + 1))
        width = last_col + 1
        rows = [[None] * width for _ in range(first_row)]
        # calamine's to_python() starts at `start`, the first used cell, not at A1: pad back to absolute positions.
        for values in _calamine(calamine_sheet.to_python):
            row = [None] * first_col + [None if value == "" else value for value in values]
            rows.append(row + [None] * (width - len(row)))
    for row_index, col_index in scan.formulas_without_value:
        _reach(rows, row_index, col_index)  # calamine has nothing there, but the cell must exist in the grid
    for (row_index, col_index), text in scan.errors.items():
        _reach(rows, row_index, col_index)
        if rows[row_index][col_index] is None:
            rows[row_index][col_index] = text
    return rows


def _reach(rows: list[list[object]], row_index: int, col_index: int) -> None:
    """Grow the grid, keeping it rectangular, until it has a cell at (row_index, col_index)."""
    width = max(len(rows[0]) if rows else 0, col_index + 1)
    while len(rows) <= row_index:
        rows.append([None] * width)
    if width > len(rows[0]):
        for row in rows:
            row.extend([None] * (width - len(row)))
