"""What a workbook may hold, each limit checked before the parser it protects runs, and the refusals quoting them."""

from __future__ import annotations

from dataclasses import dataclass, field

from core import fmt, texts
from etl.problems import cell_ref
from etl.readers.refusals import Refusal, WorkbookRejected, not_spreadsheet

MIB = 1024 * 1024

MAX_FILE_BYTES = 20 * MIB  # a filled form is tens of KB; 20 MB leaves room for logos and extra sheets
MAX_ZIP_MEMBERS = 1_000  # parts inside an xlsx/ods; a real workbook has a few dozen
MAX_UNCOMPRESSED_BYTES = 200 * MIB  # all parts together once unzipped, as the zip directory declares them
MAX_COMPRESSION_RATIO = 200  # real XML compresses 5 to 50 times; a zip bomb of zeros about 1,000 times
RATIO_MIN_BYTES = 1 * MIB  # smaller parts are exempt from the ratio: they cannot hurt, and short repetitive XML can
MAX_PART_BYTES = 50 * MIB  # one part unzipped; calamine loads sharedStrings.xml or content.xml whole in memory
MAX_SHEETS = 250  # sheets in one workbook
MAX_SHEET_CELLS = 1_000_000  # one sheet: its grid from A1 to the last used cell, and the cells stored in the file
MAX_WORKBOOK_CELLS = 2_000_000  # all sheets together: xls and ods are parsed whole, in one go, by calamine
# Characters of text in all cells, a shared or repeated string counted at every cell that shows it: calamine and
# Python each hold a copy per cell, so a few KB of text used a million times would take gigabytes. A form has a few
# thousand; this leaves room for long notes and stays under 100 MB of memory.
MAX_WORKBOOK_TEXT = 10_000_000
MAX_XML_ELEMENTS = 5_000_000  # elements in one XML part we stream ourselves; bounds our own parsing time
MAX_ODS_SPACES = 1_000_000  # <text:s text:c="n"/> in content.xml: calamine writes the n spaces out one by one
XML_PROLOG_BYTES = 4096  # where a DOCTYPE or ENTITY declaration would sit in a part


def check_file_size(size: int, file_name: str) -> None:
    """Refuse a file by its size alone, before its bytes are read into memory."""
    if size > MAX_FILE_BYTES:
        raise WorkbookRejected(_too_big(size).problem(file_name))


def check_data_size(data: bytes) -> None:
    """Refuse bytes that are empty or too many, before anything looks inside them."""
    if not data:
        raise not_spreadsheet(texts.WORKBOOK_FOUND_EMPTY)
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(len(data))


def _too_big(size: int) -> Refusal:
    limit = megabytes(MAX_FILE_BYTES)
    return Refusal(texts.WORKBOOK_TOO_BIG, found=megabytes(size), expected=at_most(limit), limit=limit)


def megabytes(n_bytes: int) -> str:
    return f"{fmt.count(round(n_bytes / MIB, 1))} MB"


def at_most(limit: str) -> str:
    return texts.WORKBOOK_AT_MOST.format(limit=limit)


def counted(template: str, count: float) -> str:
    return template.format(count=fmt.number(count))


def check_sheet_count(count: int) -> None:
    if count > MAX_SHEETS:
        limit = counted(texts.WORKBOOK_COUNT_SHEETS, MAX_SHEETS)
        found = counted(texts.WORKBOOK_COUNT_SHEETS, count)
        raise Refusal(texts.WORKBOOK_TOO_MANY_SHEETS, found=found, expected=at_most(limit), limit=limit)


# --- the shape of each sheet, found by our own pass before calamine builds it ------------------------------
@dataclass
class SheetScan:
    """Where a sheet's cells are, measured cheaply; calamine allocates a dense grid over that area."""

    name: str
    n_rows: int = 0  # grid height from row 1 to the last used cell
    n_cols: int = 0  # grid width from column A to the last used cell
    stored_cells: int = 0  # cells the file stores (repeats expanded)
    text: int = 0  # characters of text its cells will hold, each copy of a shared or repeated string counted
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> '#DIV/0!'
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)

    @property
    def area(self) -> int:
        return self.n_rows * self.n_cols

    def use(self, row: int, col: int, n_rows: int = 1, n_cols: int = 1) -> None:
        """Record a used block of cells at (row, col); refuse as soon as the sheet is too large."""
        if row + n_rows > self.n_rows:
            self.n_rows = row + n_rows
        if col + n_cols > self.n_cols:
            self.n_cols = col + n_cols
        self.stored_cells += n_rows * n_cols
        if self.n_rows * self.n_cols > MAX_SHEET_CELLS:
            raise sheet_too_large(self.name, area_found(self.n_rows, self.n_cols))
        if self.stored_cells > MAX_SHEET_CELLS:
            raise sheet_too_large(self.name, texts.WORKBOOK_FOUND_CELLS.format(cells=fmt.number(MAX_SHEET_CELLS)))


def area_found(n_rows: int, n_cols: int) -> str:
    return texts.WORKBOOK_FOUND_AREA.format(cell=cell_ref(n_rows - 1, n_cols - 1), cells=fmt.number(n_rows * n_cols))


def sheet_too_large(sheet: str, found: str) -> Refusal:
    limit = counted(texts.WORKBOOK_COUNT_CELLS, MAX_SHEET_CELLS)
    return Refusal(texts.WORKBOOK_SHEET_TOO_LARGE, sheet=sheet, found=found, expected=at_most(limit), limit=limit)


def check_workbook_size(scans: list[SheetScan]) -> None:
    """All sheets together, as calamine and then Python will hold them: cells, and the text in them."""
    total = sum(max(s.area, s.stored_cells) for s in scans)
    if total > MAX_WORKBOOK_CELLS:
        limit = counted(texts.WORKBOOK_COUNT_CELLS, MAX_WORKBOOK_CELLS)
        found = counted(texts.WORKBOOK_COUNT_CELLS, total)
        raise Refusal(texts.WORKBOOK_TOO_MANY_CELLS, found=found, expected=at_most(limit), limit=limit)
    text = sum(s.text for s in scans)
    if text > MAX_WORKBOOK_TEXT:
        limit = counted(texts.WORKBOOK_COUNT_CHARACTERS, MAX_WORKBOOK_TEXT)
        found = counted(texts.WORKBOOK_COUNT_CHARACTERS, text)
        raise Refusal(texts.WORKBOOK_TOO_MUCH_TEXT, found=found, expected=at_most(limit), limit=limit)
