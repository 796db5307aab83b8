"""Hand a rejected upload back as .xlsx, each problem cell highlighted and explained in a note, plus a list sheet."""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from pathlib import PurePath

from openpyxl import Workbook as XlsxBook
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from core import texts
from etl.problems import WARNING, Problem
from etl.readers import Workbook, WorkbookRejected, read_workbook

log = logging.getLogger(__name__)

OPENPYXL_FORMATS = ("xlsx", "xlsm")  # the clerk's own workbook is reloaded; xls and ods are rebuilt from values
SHEET_PROBLEM_CELL = "A1"  # where a problem about a whole sheet is noted

# Excel's own "bad" and "neutral" cell styles, so the colours read as they do everywhere else in Excel.
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
_THICK_RED, _THIN_AMBER = Side(style="thick", color="C00000"), Side(style="thin", color="9C5700")
# Thick against thin: an error is told from a warning without seeing colours (the note text says it too).
ERROR_BORDER = Border(left=_THICK_RED, right=_THICK_RED, top=_THICK_RED, bottom=_THICK_RED)
WARNING_BORDER = Border(left=_THIN_AMBER, right=_THIN_AMBER, top=_THIN_AMBER, bottom=_THIN_AMBER)

NOTE_WIDTH_PX = 360  # about 50 characters a line in Excel's 9 pt note font
NOTE_CHARS_PER_LINE = 45  # kept below 50: Vietnamese words wrap early, and a spare line beats a clipped one
NOTE_LINE_PX = 16
NOTE_PADDING_PX = 12
NOTE_MAX_HEIGHT_PX = 600  # a note taller than a screen cannot be read; DanhSachLoi has every word anyway

LIST_WIDTHS = (6, 10, 16, 8, 70, 24, 45)  # characters, one per column of texts.PROBLEM_LIST_HEADERS
LIST_TITLE_HEIGHT_PT = 22  # the merged title row: Excel does not fit the height of merged cells itself
LIST_FIRST_ROW = 3  # title, header, then one row per problem
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
LINK_FONT = Font(color="0563C1", underline="single")  # Excel's hyperlink look
WRAPPED_TOP = Alignment(wrap_text=True, vertical="top")


def annotated_file_name(file_name: str) -> str:
    """The download's name: the upload's stem, marked once, always .xlsx ('Bieu01_183.xls' -> '..._can_sua.xlsx')."""
    stem = PurePath(file_name).stem.removesuffix(texts.ANNOTATED_FILE_SUFFIX)
    return f"{stem}{texts.ANNOTATED_FILE_SUFFIX}.xlsx"


def annotated_workbook(data: bytes, file_name: str, problems: list[Problem]) -> bytes | None:
    """The uploaded workbook as .xlsx with each problem cell highlighted and commented, plus a list sheet.

    None when no problem points into the workbook (a refusal of the whole file leaves nothing to highlight).
    """
    if not any(problem.sheet for problem in problems):
        return None
    try:
        # Its limits (size, zip bombs, cell counts) run before openpyxl ever sees the bytes.
        workbook = read_workbook(data, file_name)
    except WorkbookRejected:
        return None
    if workbook.file_format in OPENPYXL_FORMATS:
        try:
            return _annotated_bytes(_load_original(data), problems)
        except Exception:  # openpyxl trips on some valid files: the values alone are still worth handing back
            log.warning("openpyxl could not rewrite %s; rebuilding it from its values", file_name, exc_info=True)
    return _annotated_bytes(_rebuild(workbook), problems)


def _load_original(data: bytes) -> XlsxBook:
    book = load_workbook(io.BytesIO(data), keep_vba=False, rich_text=True)
    book.template = False  # an .xltx saved as .xlsx would otherwise keep a content type Excel refuses in .xlsx
    return book


def _rebuild(workbook: Workbook) -> XlsxBook:
    """A new workbook holding the values read from the file, sheet for sheet."""
    book = XlsxBook()
    book.remove(book.active)
    for sheet in workbook.sheets:
        ws = book.create_sheet(sheet.name)
        if not sheet.visible:
            ws.sheet_state = "hidden"
        for row_index, row in enumerate(sheet.rows, start=1):
            for col_index, value in enumerate(row, start=1):
                if value is not None:
                    _put(ws.cell(row_index, col_index), value)
    return book


def _clean(text: str) -> str:
    """Text that XML can hold: control characters from the user's file become U+FFFD."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _put(cell: Cell, value: object) -> None:
    """Write a value (the user's or ours): numbers stay numbers, text stays exactly the text, never a formula."""
    if value == "":
        return  # an empty cell rather than a cell of empty text
    if isinstance(value, str):
        cell.value = _clean(value)
        # Typed as text rather than prefixed with an apostrophe: '-' means zero on this form and must read back as '-'.
        cell.data_type = "s"
    else:
        cell.value = value


def _annotated_bytes(book: XlsxBook, problems: list[Problem]) -> bytes:
    _drop_old_list(book)
    sheets = set(book.sheetnames)  # the file's own sheets; a problem about any other is only listed
    notes: dict[tuple[str, str], list[Problem]] = defaultdict(list)  # (sheet, noted area) -> its problems
    for problem in problems:
        if problem.sheet in sheets:
            area = _area(book[problem.sheet], problem.cell or SHEET_PROBLEM_CELL)
            notes[(problem.sheet, area.coord)].append(problem)
    for (sheet, coord), noted in notes.items():
        _mark(book[sheet], CellRange(coord), noted)
    problem_list = _add_list(book, problems, sheets)
    visible = [p.sheet for p in problems if p.sheet in sheets and book[p.sheet].sheet_state == "visible"]
    _open_on(book, book[visible[0]] if visible else problem_list)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _drop_old_list(book: XlsxBook) -> None:
    """The list of an earlier rejection, uploaded again as the instruction allows, is replaced, not repeated."""
    if texts.PROBLEM_LIST_SHEET in book.sheetnames:
        old = book[texts.PROBLEM_LIST_SHEET]
        # ours, not a sheet of the clerk's that happens to share the name
        if old["A1"].value == texts.PROBLEM_LIST_TITLE:
            book.remove(old)


def _area(ws: Worksheet, ref: str) -> CellRange:
    """The cell, or the merged area holding it: only a merged area's first cell can carry a note."""
    return next((merged for merged in ws.merged_cells.ranges if ref in merged), CellRange(ref))


def _mark(ws: Worksheet, area: CellRange, problems: list[Problem]) -> None:
    is_error = any(problem.severity != WARNING for problem in problems)
    for row in ws.iter_rows(min_row=area.min_row, max_row=area.max_row, min_col=area.min_col, max_col=area.max_col):
        for cell in row:  # every cell of a merged area, so the border surrounds all of it
            cell.fill = ERROR_FILL if is_error else WARNING_FILL
            cell.border = ERROR_BORDER if is_error else WARNING_BORDER
    anchor = ws.cell(area.min_row, area.min_col)
    text = "\n\n".join(_note(p) for p in sorted(problems, key=lambda p: p.severity == WARNING))
    old = anchor.comment
    if old is not None and old.author != texts.ANNOTATION_AUTHOR:  # a note of ours is from an earlier, stale check
        text = f"{text}\n\n{old.text}"
    anchor.comment = Comment(text, texts.ANNOTATION_AUTHOR, height=_note_height(text), width=NOTE_WIDTH_PX)


def _note(problem: Problem) -> str:
    template = texts.ANNOTATION_WARNING if problem.severity == WARNING else texts.ANNOTATION_ERROR
    lines = [template.format(message=problem.message)]
    if problem.found:
        lines.append(texts.ANNOTATION_FOUND.format(found=problem.found))
    if problem.expected:
        lines.append(texts.ANNOTATION_EXPECTED.format(expected=problem.expected))
    return _clean("\n".join(lines))


def _note_height(text: str) -> int:
    lines = sum(max(1, -(-len(line) // NOTE_CHARS_PER_LINE)) for line in text.split("\n"))
    return min(NOTE_MAX_HEIGHT_PX, lines * NOTE_LINE_PX + NOTE_PADDING_PX)


def _add_list(book: XlsxBook, problems: list[Problem], sheets: set[str]) -> Worksheet:
    """The last sheet: every problem, those of missing sheets included, each linked to its cell."""
    ws = book.create_sheet(texts.PROBLEM_LIST_SHEET)
    last_col = get_column_letter(len(texts.PROBLEM_LIST_HEADERS))
    _put(ws["A1"], texts.PROBLEM_LIST_TITLE)
    ws["A1"].font = Font(bold=True)
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = LIST_TITLE_HEIGHT_PT
    for col, (header, width) in enumerate(zip(texts.PROBLEM_LIST_HEADERS, LIST_WIDTHS, strict=True), start=1):
        cell = ws.cell(2, col)
        _put(cell, header)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, WRAPPED_TOP
        ws.column_dimensions[get_column_letter(col)].width = width
    for n, problem in enumerate(problems, start=1):
        row = LIST_FIRST_ROW + n - 1
        is_error = problem.severity != WARNING
        in_book = problem.sheet in sheets
        ref = (problem.cell or SHEET_PROBLEM_CELL) if in_book else problem.cell
        kind = texts.PROBLEM_KIND_ERROR if is_error else texts.PROBLEM_KIND_WARNING
        for col, value in enumerate(
            (n, kind, problem.sheet, ref, problem.message, problem.found, problem.expected), start=1
        ):
            cell = ws.cell(row, col)
            _put(cell, value)
            cell.alignment = WRAPPED_TOP
        ws.cell(row, 2).fill = ERROR_FILL if is_error else WARNING_FILL
        if in_book:
            link = ws.cell(row, 4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(problem.sheet)}!{ref}")
            link.font = LINK_FONT
    ws.freeze_panes = f"A{LIST_FIRST_ROW}"
    return ws


def _open_on(book: XlsxBook, sheet: Worksheet) -> None:
    """Open on `sheet` without moving any sheet: the form reader takes the first sheet holding the table."""
    book.active = sheet
    for ws in book.worksheets:
        # A file saved by Excel marks its own active tab as selected; two selected tabs open grouped in Excel,
        # and every edit would then go to both sheets.
        ws.sheet_view.tabSelected = ws is book.active
