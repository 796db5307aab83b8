"""Find Biểu 01 in a workbook as people return it: header block, table rows by code, commune detail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core import texts
from core.catalog import load_elements
from core.textnorm import fold
from etl import form_spec
from etl.problems import WARNING, Problem, cell_ref
from etl.readers import Sheet, Workbook

_CODE = re.compile(r"^[A-Z]{2}\d{2}$")
# Folded header labels -> header field; a label is matched at the start of a cell.
_HEADER_KEYS = {
    "don vi bao cao": "unit_name",
    "ten don vi": "unit_name",
    "ma don vi": "unit_code",
    "ky bao cao": "period",
    "ngay lap": "report_date",
    "nguoi lap": "author",
}
_CODE_HEADERS = {"ma chi tieu", "ma so", "ma"}
_LABEL_HEADERS = {"noi dung", "chi tieu", "ten chi tieu"}
_VALUE_HEADER = "ket qua"
_HEADER_SCAN_ROWS = 200  # the table's header row is looked for in the first rows of a sheet


@dataclass(frozen=True)
class Cell:
    """A value read from the file and where it stands."""

    raw: object
    sheet: str
    row: int
    col: int

    @property
    def ref(self) -> str:
        return cell_ref(self.row, self.col)


@dataclass
class FormData:
    """What the reader found; the checks decide whether it is a valid report."""

    sheet: str
    header: dict[str, Cell] = field(default_factory=dict)
    values: dict[str, list[Cell]] = field(default_factory=dict)  # element code -> every row found for it
    communes: list[dict[str, Cell]] = field(default_factory=list)
    commune_sheet: str | None = None
    formula_cells: set[tuple[str, int, int]] = field(default_factory=set)  # (sheet, row, col) without a value
    problems: list[Problem] = field(default_factory=list)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _find_table_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The row holding 'Mã chỉ tiêu' and 'Kết quả' (or 'Kết quả thực hiện'), with its columns."""
    for r, row in enumerate(sheet.rows[:_HEADER_SCAN_ROWS]):
        keys = [fold(_text(v)).rstrip(" :") for v in row]
        code_col = next((c for c, k in enumerate(keys) if k in _CODE_HEADERS), None)
        exact = [c for c, k in enumerate(keys) if k == _VALUE_HEADER]
        loose = [c for c, k in enumerate(keys) if k.startswith(_VALUE_HEADER)]
        value_cols = exact or loose
        if code_col is None or not value_cols:
            continue
        columns = {"code": code_col, "value": value_cols[0]}
        label_col = next((c for c, k in enumerate(keys) if k in _LABEL_HEADERS), None)
        if label_col is not None:
            columns["label"] = label_col
        return r, columns
    return None


def _header_value(row: list[object], col: int, label: str) -> tuple[object, int] | None:
    """The value after the label: in the same cell after the colon, else the next non-empty cell."""
    text = _text(row[col])
    if ":" in text:
        after = text.split(":", 1)[1].strip()
        if after:
            return after, col
    for c in range(col + 1, len(row)):
        value = row[c]
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return value, c
    return None


def _read_header(sheet: Sheet, until_row: int, form: FormData) -> None:
    for r, row in enumerate(sheet.rows[:until_row]):
        for c, value in enumerate(row):
            key = fold(_text(value))
            field_name = next((f for label, f in _HEADER_KEYS.items() if key.startswith(label)), None)
            if field_name is None or field_name in form.header:
                continue
            found = _header_value(row, c, key)
            if found is not None:
                form.header[field_name] = Cell(found[0], sheet.name, r, found[1])
            break  # one item per row


def _element_for_row(row: list[object], columns: dict[str, int], by_label: dict[str, str]) -> str | None:
    """The element a table row is about: by its code, else by its label; None for other rows."""
    code = fold(_text(row[columns["code"]]) if columns["code"] < len(row) else "").upper()
    if _CODE.match(code):
        return code
    if "label" in columns and columns["label"] < len(row):
        label = fold(_text(row[columns["label"]]))
        label = re.sub(r"^\d+[.)]?\s*", "", label)  # '1. Tổng số ...' typed with its number
        return by_label.get(label)
    return None


def _read_table(sheet: Sheet, header_row: int, columns: dict[str, int], form: FormData) -> None:
    elements = load_elements()
    by_code = {e.code for e in elements}
    by_label = {fold(label): e.code for e in elements for label in e.labels}  # before or after the 2025 reform
    for r in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        code = _element_for_row(row, columns, by_label)
        if code is None:
            continue
        if code not in by_code:
            form.problems.append(
                Problem(
                    texts.UNKNOWN_CODE.format(code=code),
                    sheet.name,
                    cell_ref(r, columns["code"]),
                    found=code,
                    severity=WARNING,
                )
            )
            continue
        col = columns["value"]
        raw = row[col] if col < len(row) else None
        form.values.setdefault(code, []).append(Cell(raw, sheet.name, r, col))


def _commune_sheet(workbook: Workbook, summary: str) -> tuple[Sheet, int, dict[str, int]] | None:
    """The commune detail sheet: named ChiTietXa (any case or accents), or holding 'Mã xã' and 'Tên xã'."""
    wanted = {fold(label): key for key, label in form_spec.COMMUNE_COLUMNS.items()}
    named = fold(form_spec.COMMUNE_SHEET).replace(" ", "")
    sheets = sorted(
        (s for s in workbook.sheets if s.name != summary),
        key=lambda s: fold(s.name).replace(" ", "") != named,
    )
    for sheet in sheets:
        for r, row in enumerate(sheet.rows[:_HEADER_SCAN_ROWS]):
            columns = {}
            for c, value in enumerate(row):
                key = wanted.get(fold(_text(value)).rstrip(" :"))
                if key and key not in columns:
                    columns[key] = c
            if {"commune_code", "commune_name"} <= set(columns):
                return sheet, r, columns
    return None


def _read_communes(workbook: Workbook, form: FormData) -> None:
    found = _commune_sheet(workbook, form.sheet)
    if found is None:
        return
    sheet, header_row, columns = found
    form.commune_sheet = sheet.name
    for r in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        code_col = columns["commune_code"]
        if code_col >= len(row) or row[code_col] is None or not str(row[code_col]).strip():
            continue
        form.communes.append(
            {key: Cell(row[c] if c < len(row) else None, sheet.name, r, c) for key, c in columns.items()}
        )


def parse_form(workbook: Workbook) -> FormData:
    """Locate the form's parts wherever they are; report what cannot be found."""
    for sheet in workbook.sheets:
        found = _find_table_header(sheet)
        if found is None:
            continue
        header_row, columns = found
        form = FormData(sheet=sheet.name)
        _read_header(sheet, header_row, form)
        _read_table(sheet, header_row, columns, form)
        _read_communes(workbook, form)
        form.formula_cells = {(s.name, r, c) for s in workbook.sheets for r, c in s.formula_cells_without_value}
        return form
    form = FormData(sheet="")
    form.problems.append(Problem(texts.NO_TABLE, expected=texts.NO_TABLE_EXPECTED))
    return form
