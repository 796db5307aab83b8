"""Write the pre-filled report form Biểu 01/PCMD (.xlsx) for one unit and one period; for a correction, with the
figures of the report on record already in it."""

from __future__ import annotations

import io
import math
from copy import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core import fmt, texts
from core.catalog import Element, load_elements, load_sections, section_label
from core.db import Database
from core.periods import Period, parse_period
from core.submissions import RecordedReport
from core.units import STRUCTURES, structure_for_year
from etl import form_spec
from etl.annotate import annotated_workbook
from etl.problems import WARNING, Problem, TemplateError

# --- layout ---------------------------------------------------------------------
FONT_NAME = "Times New Roman"  # the typeface of Vietnamese administrative documents
FONT_SIZE = 12
TITLE_SIZE = 14
SIGNING_YEARS_AFTER = 1  # a report may be signed until the end of the year after its period
VALUE_COLUMN = 5  # E: the figures of the summary sheet
# Column widths in characters, chosen so the summary table fits A4 portrait at ~90% scale.
SUMMARY_WIDTHS = {"A": 5, "B": 10, "C": 50, "D": 11, "E": 11, "F": 14}
COMMUNE_WIDTHS = {"A": 9, "B": 24, "C": 12, "D": 12, "E": 11, "F": 12, "G": 10}
LINE_HEIGHT = 16  # points per wrapped line of 12 pt text, with Excel's leading
# Characters of 12 pt Times per unit of column width (units are Calibri 11 digits). Measured
# about 1.45 in LibreOffice (Liberation Serif has the metrics of Times New Roman); kept lower
# so a slightly wider rendering elsewhere never clips a line, at worst leaves one spare.
CHARS_PER_WIDTH = 1.3
MOTTO_FIRST_COL = 3  # the national name sits over columns C-F, right of the form code
SIGNATURE_LEFT_LAST_COL = 3  # left block A-C, right block D-F
SIGNATURE_RIGHT_FIRST_COL = 4
SIGNATURE_SPACE_ROWS = 4  # blank rows printed under the signature titles, room to sign
CHOICE_COLUMNS = ("held_communication", "is_healthy")  # Có/Không lists on ChiTietXa
MARGINS_INCH = {"left": 1.0, "right": 0.6, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # pale yellow marks where to type
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
UNLOCKED = Protection(locked=False)
MIDDLE = Alignment(vertical="center")
CENTRED = Alignment(horizontal="center", vertical="center")
WRAPPED = Alignment(vertical="center", wrap_text=True)
TEXT_FORMAT = "@"  # keeps codes such as 05971 as text
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
DATE_FORMAT = "dd/mm/yyyy"
CORRECTION_SUFFIX = "_sua"  # the file name of a form pre-filled with the report on record


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str


def _font(bold: bool = False, italic: bool = False, size: int = FONT_SIZE) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _resolve(db: Database, unit_code: str, period_code: str) -> tuple[_Unit, Period, str]:
    try:
        period = parse_period(period_code)
    except ValueError as exc:
        raise TemplateError(texts.MSG_BAD_PERIOD.format(reason=exc)) from exc
    structure = structure_for_year(period.year)
    code = unit_code.strip() if isinstance(unit_code, str) else ""
    row = db.one("unit_by_code", {"structure": structure, "unit_code": code})
    if row is None:
        label = STRUCTURES[structure]["label"]
        label = label[0].lower() + label[1:]  # it continues the sentence
        raise TemplateError(texts.MSG_UNKNOWN_UNIT.format(unit_code=unit_code, structure=label, year=period.year))
    return _Unit(row.unit_code, row.name), period, structure


def _communes(db: Database, unit: _Unit, structure: str) -> list[_Unit]:
    """The unit's communes; a unit with none (a commune after 2025) reports on itself."""
    rows = db.rows("unit_communes", {"structure": structure, "unit_code": unit.code})
    return [_Unit(row.unit_code, row.name) for row in rows] or [unit]


def _validation(kind: str, prompt_title: str, prompt: str, error: str, **kwargs) -> DataValidation:
    return DataValidation(
        type=kind,
        allow_blank=True,  # blank means "not reported", which the reader must see as such
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=texts.ERROR_TITLE,
        error=error,
        promptTitle=prompt_title,
        prompt=prompt,
        **kwargs,
    )


def _style_row(ws: Worksheet, row: int, last_col: int, **styles) -> None:
    for col in range(1, last_col + 1):
        cell = ws.cell(row, col)
        for name, value in styles.items():
            setattr(cell, name, value)


def _copy_row_style(ws: Worksheet, source_row: int, row: int, last_col: int) -> None:
    """Give `row` the styles of `source_row`, cell by cell: many times faster than assigning them again
    (openpyxl hashes a style object at every assignment; that was most of the time a form took to write)."""
    for col in range(1, last_col + 1):
        ws.cell(row, col)._style = copy(ws.cell(source_row, col)._style)


def _lines(text: str, width: int) -> int:
    """How many lines wrapped text takes in a column `width` characters wide (an estimate)."""
    return max(1, math.ceil(len(text) / (width * CHARS_PER_WIDTH)))


def _print_setup(ws: Worksheet, title_rows: str, last_col: str, last_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    ws.print_area = f"A1:{last_col}{last_row}"
    for side, inches in MARGINS_INCH.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.center.text = texts.PAGE_FOOTER
    ws.oddFooter.center.font = FONT_NAME
    ws.oddFooter.center.size = 10


def _protect(ws: Worksheet) -> None:
    """Lock everything but the input cells, without a password: it stops slips, not experts."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column to read it is harmless
    ws.protection.formatRows = False


def _write_heading(ws: Worksheet, last_col: int, owner: str | None) -> int:
    """Form code, national motto, title, and under it the agency the report goes to (the plan's owner); returns
    the title's row."""
    ws.cell(1, 1, texts.FORM_CODE).font = _font(bold=True)
    for row, text in ((1, texts.NATIONAL_NAME), (2, texts.NATIONAL_MOTTO)):
        ws.merge_cells(start_row=row, start_column=MOTTO_FIRST_COL, end_row=row, end_column=last_col)
        cell = ws.cell(row, MOTTO_FIRST_COL, text)
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, underline="single" if row == 2 else None)
        cell.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=last_col)
    title = ws.cell(4, 1, texts.FORM_TITLE)
    title.font = _font(bold=True, size=TITLE_SIZE)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[4].height = 2 * LINE_HEIGHT
    if owner:  # in the row left between the title and the header block: every cell below keeps its place
        ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=last_col)
        recipient = ws.cell(5, 1, texts.FORM_RECIPIENT.format(owner=owner))
        recipient.font = _font(italic=True)
        recipient.alignment = Alignment(horizontal="center")
    return 4


def _write_header_block(ws: Worksheet, first_row: int, unit: _Unit, period: Period) -> int:
    """One item per row, label in A (spilling over the empty B), value in C; returns the last row."""
    values = {"unit_name": unit.name, "unit_code": unit.code, "period": period.label}
    rows = {}
    for row, (key, label) in enumerate(form_spec.HEADER_FIELDS.items(), start=first_row):
        ws.cell(row, 1, label).font = _font(bold=True)
        value = ws.cell(row, 3, values.get(key))
        value.font = _font()
        value.alignment = Alignment(horizontal="left")
        rows[key] = row
    ws.cell(rows["unit_code"], 3).number_format = TEXT_FORMAT
    for key in ("report_date", "author"):
        cell = ws.cell(rows[key], 3)
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        cell.border = BORDER
    date_cell = ws.cell(rows["report_date"], 3)
    date_cell.number_format = DATE_FORMAT

    first_day, last_day = period.start, date(period.year + SIGNING_YEARS_AFTER, 12, 31)
    date_rule = _validation(
        "date",
        texts.DATE_PROMPT_TITLE,
        texts.DATE_PROMPT.format(example=fmt.date(period.end)),
        texts.DATE_ERROR.format(first=fmt.date(first_day), last=fmt.date(last_day)),
        operator="between",
        formula1=str(int(to_excel(first_day))),
        formula2=str(int(to_excel(last_day))),
    )
    date_rule.add(date_cell.coordinate)
    author_rule = _validation(
        "textLength",
        texts.AUTHOR_PROMPT_TITLE,
        texts.AUTHOR_PROMPT,
        texts.AUTHOR_ERROR,
        operator="lessThanOrEqual",
        formula1="100",
    )
    author_rule.add(ws.cell(rows["author"], 3).coordinate)
    ws.add_data_validation(date_rule)
    ws.add_data_validation(author_rule)
    return max(rows.values())


def _write_table(ws: Worksheet, header_row: int, structure: str) -> int:
    """Table header, then each section row followed by its elements' rows; returns the last row."""
    last_col = len(form_spec.TABLE_COLUMNS)
    for col, label in enumerate(form_spec.TABLE_COLUMNS.values(), start=1):
        ws.cell(header_row, col, label)
    _style_row(
        ws,
        header_row,
        last_col,
        font=_font(bold=True),
        fill=HEADER_FILL,
        border=BORDER,
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    ws.row_dimensions[header_row].height = 2 * LINE_HEIGHT

    integer_rule = _validation(
        "whole",
        texts.INTEGER_PROMPT_TITLE,
        texts.INTEGER_PROMPT,
        texts.INTEGER_ERROR,
        operator="greaterThanOrEqual",
        formula1="0",
    )
    decimal_rule = _validation(
        "decimal",
        texts.DECIMAL_PROMPT_TITLE,
        texts.DECIMAL_PROMPT,
        texts.DECIMAL_ERROR,
        operator="greaterThanOrEqual",
        formula1="0",
    )
    note_rule = _validation(
        "textLength",
        texts.NOTE_PROMPT_TITLE,
        texts.NOTE_PROMPT,
        texts.NOTE_ERROR,
        operator="lessThanOrEqual",
        formula1="255",
    )
    elements_by_section: dict[str, list[Element]] = {}
    for element in load_elements():
        elements_by_section.setdefault(element.section_code, []).append(element)

    row, number = header_row, 0
    styled: dict[str, int] = {}  # value type -> the first element row of that type, styled
    for section in load_sections():
        row += 1
        ws.cell(row, 3, section_label(section, structure))
        _style_row(ws, row, last_col, font=_font(bold=True), fill=SECTION_FILL, border=BORDER, alignment=MIDDLE)
        ws.row_dimensions[row].height = LINE_HEIGHT + 4
        for element in elements_by_section.get(section["code"], []):
            row += 1
            number += 1
            label = element.label_in(structure)  # xã, phường, đặc khu after the 2025 reform
            for col, value in enumerate((number, element.code, label, element.unit), start=1):
                ws.cell(row, col, value)
            if element.value_type in styled:
                _copy_row_style(ws, styled[element.value_type], row, last_col)
            else:
                _style_element_row(ws, row, last_col, element)
                styled[element.value_type] = row
            value, note = ws.cell(row, 5), ws.cell(row, 6)
            (decimal_rule if element.value_type == "decimal" else integer_rule).add(value.coordinate)
            note_rule.add(note.coordinate)
            lines = max(_lines(label, SUMMARY_WIDTHS["C"]), _lines(element.unit, SUMMARY_WIDTHS["D"]))
            ws.row_dimensions[row].height = lines * LINE_HEIGHT + 6
    for rule in (integer_rule, decimal_rule, note_rule):
        if rule.sqref:
            ws.add_data_validation(rule)
    return row


def _style_element_row(ws: Worksheet, row: int, last_col: int, element: Element) -> None:
    _style_row(ws, row, last_col, font=_font(), border=BORDER, alignment=MIDDLE)
    ws.cell(row, 1).alignment = CENTRED
    ws.cell(row, 2).alignment = CENTRED
    ws.cell(row, 2).number_format = TEXT_FORMAT
    ws.cell(row, 3).alignment = WRAPPED
    ws.cell(row, 4).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    value, note = ws.cell(row, 5), ws.cell(row, 6)
    for cell in (value, note):
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
    value.alignment = Alignment(horizontal="right", vertical="center")
    note.alignment = WRAPPED
    value.number_format = DECIMAL_FORMAT if element.value_type == "decimal" else INTEGER_FORMAT


def _write_signatures(ws: Worksheet, first_row: int, last_col: int) -> int:
    """The usual signature block under a Vietnamese report; returns the last row."""
    left, right = (1, SIGNATURE_LEFT_LAST_COL), (SIGNATURE_RIGHT_FIRST_COL, last_col)
    blocks = [
        (0, right, texts.SIGNATURE_PLACE_DATE, _font(italic=True)),
        (1, left, texts.SIGNATURE_AUTHOR, _font(bold=True)),
        (1, right, texts.SIGNATURE_HEAD, _font(bold=True)),
        (2, left, texts.SIGNATURE_AUTHOR_HINT, _font(italic=True)),
        (2, right, texts.SIGNATURE_HEAD_HINT, _font(italic=True)),
    ]
    for offset, (first_col, end_col), text, font in blocks:
        row = first_row + offset
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=end_col)
        cell = ws.cell(row, first_col, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center")
    return first_row + 2 + SIGNATURE_SPACE_ROWS


def _write_summary(ws: Worksheet, unit: _Unit, period: Period, structure: str, owner: str | None) -> None:
    last_col = len(form_spec.TABLE_COLUMNS)
    for letter, width in SUMMARY_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    heading_end = _write_heading(ws, last_col, owner)
    header_end = _write_header_block(ws, heading_end + 2, unit, period)
    table_header = header_end + 2  # after one blank row
    table_end = _write_table(ws, table_header, structure)
    last_row = _write_signatures(ws, table_end + 2, last_col)
    ws.freeze_panes = ws.cell(table_header + 1, 1).coordinate
    _print_setup(ws, f"{table_header}:{table_header}", get_column_letter(last_col), last_row)
    _protect(ws)


def _style_commune_row(ws: Worksheet, row: int, columns: list[str]) -> None:
    """Code and name locked, the five inputs open."""
    _style_row(ws, row, len(columns), font=_font(), border=BORDER)
    ws.cell(row, 1).number_format = TEXT_FORMAT
    ws.cell(row, 1).alignment = CENTRED
    ws.cell(row, 2).alignment = WRAPPED
    for col, key in enumerate(columns, start=1):
        if key in ("commune_code", "commune_name"):
            continue
        cell = ws.cell(row, col)
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        if key in CHOICE_COLUMNS:
            cell.alignment = CENTRED
        else:
            cell.number_format = INTEGER_FORMAT
            cell.alignment = Alignment(horizontal="right", vertical="center")


def _write_communes(ws: Worksheet, unit: _Unit, period: Period, communes: list[_Unit]) -> None:
    """Header row, then one row per commune: code and name locked, the five inputs open."""
    columns = list(form_spec.COMMUNE_COLUMNS)
    last_col = len(columns)
    for letter, width in COMMUNE_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    for col, label in enumerate(form_spec.COMMUNE_COLUMNS.values(), start=1):
        ws.cell(1, col, label)
    _style_row(
        ws,
        1,
        last_col,
        font=_font(bold=True),
        fill=HEADER_FILL,
        border=BORDER,
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    ws.row_dimensions[1].height = 2 * LINE_HEIGHT + 4

    choice = {"yes": form_spec.YES, "no": form_spec.NO}
    choice_rule = _validation(
        "list",
        texts.CHOICE_PROMPT_TITLE,
        texts.CHOICE_PROMPT.format(**choice),
        texts.CHOICE_ERROR.format(**choice),
        formula1=f'"{form_spec.YES},{form_spec.NO}"',
    )
    count_rule = _validation(
        "whole",
        texts.COUNT_PROMPT_TITLE,
        texts.COUNT_PROMPT,
        texts.COUNT_ERROR,
        operator="greaterThanOrEqual",
        formula1="0",
    )
    for row, commune in enumerate(communes, start=2):
        ws.cell(row, 1, commune.code)
        ws.cell(row, 2, commune.name)
        if row == 2:
            _style_commune_row(ws, row, columns)
        else:
            _copy_row_style(ws, 2, row, last_col)
        for col, key in enumerate(columns, start=1):
            if key not in ("commune_code", "commune_name"):
                (choice_rule if key in CHOICE_COLUMNS else count_rule).add(ws.cell(row, col).coordinate)
        ws.row_dimensions[row].height = _lines(commune.name, COMMUNE_WIDTHS["B"]) * LINE_HEIGHT + 6
    ws.add_data_validation(choice_rule)
    ws.add_data_validation(count_rule)
    ws.freeze_panes = "A2"
    _print_setup(ws, "1:1", get_column_letter(last_col), len(communes) + 1)
    ws.oddHeader.center.text = texts.COMMUNE_PAGE_HEADER.format(
        form_code=texts.FORM_CODE, unit_name=unit.name, period=period.label
    )
    ws.oddHeader.center.font = f"{FONT_NAME},Bold"
    ws.oddHeader.center.size = 11
    _protect(ws)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _fill(workbook: Workbook, report: RecordedReport) -> None:
    """Write the report on record into a blank form: each figure in its element's row, each commune's answers in
    its row, the author; the report date stays blank (a correction is dated when it is made)."""
    summary = workbook[form_spec.SUMMARY_SHEET]
    author_label = form_spec.HEADER_FIELDS["author"]
    for row in summary.iter_rows(min_col=1, max_col=2):
        label, code = row[0], row[1]
        if label.value == author_label and report.author:
            summary.cell(label.row, 3, report.author)
        elif code.value in report.values:
            summary.cell(code.row, VALUE_COLUMN, _number(report.values[code.value]))
    communes = workbook[form_spec.COMMUNE_SHEET]
    columns = list(form_spec.COMMUNE_COLUMNS)
    for row in communes.iter_rows(min_row=2, max_col=1):
        answers = report.communes.get(row[0].value)
        for col, key in enumerate(columns, start=1):
            value = None if answers is None or key not in form_spec.COMMUNE_ANSWERS else answers[key]
            if value is not None:
                shown = (form_spec.YES if value else form_spec.NO) if key in CHOICE_COLUMNS else _number(value)
                communes.cell(row[0].row, col, shown)


def template_workbook(
    db: Database, unit_code: str, period_code: str, recorded: RecordedReport | None = None
) -> Workbook:
    """The form for `unit_code` (in the unit structure of the period's year), not yet saved; with the figures of
    `recorded` in it when given."""
    unit, period, structure = _resolve(db, unit_code, period_code)
    communes = _communes(db, unit, structure)
    workbook = Workbook()
    summary = workbook.active
    summary.title = form_spec.SUMMARY_SHEET
    owner = db.one("unit_plan_owner", {"unit_code": unit.code, "year": period.year})
    _write_summary(summary, unit, period, structure, owner.owner if owner else None)
    _write_communes(workbook.create_sheet(form_spec.COMMUNE_SHEET), unit, period, communes)
    if recorded is not None:
        _fill(workbook, recorded)
    workbook.active = 0
    return workbook


def write_template(
    db: Database, unit_code: str, period_code: str, out_path: Path, recorded: RecordedReport | None = None
) -> Path:
    """Write the form for `unit_code` (in the unit structure of the period's year) to `out_path`."""
    workbook = template_workbook(db, unit_code, period_code, recorded)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out_path)
    return out_path


def template_bytes(db: Database, unit_code: str, period_code: str, recorded: RecordedReport | None = None) -> bytes:
    """The same form as `write_template`, as the bytes of an .xlsx file (for a download button)."""
    buffer = io.BytesIO()
    template_workbook(db, unit_code, period_code, recorded).save(buffer)
    return buffer.getvalue()


def returned_form(
    db: Database, unit_code: str, period_code: str, recorded: RecordedReport, reason: str, notes: dict[str, str]
) -> bytes:
    """The correction form of a report the secretariat returned: pre-filled with the figures on record, each
    figure it named marked with its note, and the reason on the list of what to correct (etl/annotate.py)."""
    workbook = template_workbook(db, unit_code, period_code, recorded)
    summary = workbook[form_spec.SUMMARY_SHEET]
    title = Problem(  # on the form's title, where the clerk starts reading
        texts.RETURNED_FORM_REASON.format(reason=reason), sheet=form_spec.SUMMARY_SHEET, cell="A1", severity=WARNING
    )
    problems = [title]
    for row in summary.iter_rows(min_col=2, max_col=2):
        code = row[0].value
        if code in notes:
            cell = f"{get_column_letter(VALUE_COLUMN)}{row[0].row}"
            note = texts.RETURNED_FORM_NOTE.format(note=notes[code] or reason)
            problems.append(Problem(note, sheet=form_spec.SUMMARY_SHEET, cell=cell, severity=WARNING, code=code))
    buffer = io.BytesIO()
    workbook.save(buffer)
    name = template_file_name(unit_code, period_code, correction=True)
    return annotated_workbook(buffer.getvalue(), name, problems) or buffer.getvalue()


def template_file_name(unit_code: str, period_code: str, correction: bool = False) -> str:
    return f"Bieu01_{unit_code}_{period_code}{CORRECTION_SUFFIX if correction else ''}.xlsx"
