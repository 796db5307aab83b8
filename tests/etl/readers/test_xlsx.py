"""etl/readers/xlsx.py: xlsx values at absolute positions from A1, hidden and chart sheets, formulas, errors."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.readers import read_workbook
from tests.support.crafted import fill_form, rezip, set_cell_xml, xlsx_bytes


def test_xlsx_values_sit_at_absolute_positions_from_a1(tmp_path):
    workbook = read_workbook(xlsx_bytes(tmp_path, fill_form), "bieu.xlsx")

    assert workbook.file_format == "xlsx"
    (sheet,) = workbook.sheets
    assert sheet.name == "Bieu01" and sheet.visible
    assert sheet.rows[4][2] == "Mã chỉ tiêu"  # C5, although calamine's data starts there
    assert sheet.rows[4][3] == 15 and type(sheet.rows[4][3]) is float  # xlsx stores numbers as floats; kept so
    assert sheet.rows[4][4] == 12.5
    assert sheet.rows[4][5] is True
    assert sheet.rows[4][6] == dt.date(2023, 6, 30) and type(sheet.rows[4][6]) is dt.date
    assert sheet.rows[4][7] == dt.datetime(2023, 6, 30, 8, 30)
    assert sheet.rows[6][3] == "x"
    assert sheet.rows[0] == [None] * 8 and sheet.rows[5] == [None] * 8
    assert len(sheet.rows) == 7 and {len(row) for row in sheet.rows} == {8}  # rectangular, A1 to H7; I5 is ''
    assert sheet.formula_cells_without_value == set()


def test_hidden_sheets_are_kept_and_flagged_in_workbook_order(tmp_path):
    def fill(workbook):
        workbook.active.title = "Bieu01"
        workbook.create_sheet("An").sheet_state = "hidden"
        workbook.create_sheet("RatAn").sheet_state = "veryHidden"
        workbook.create_sheet("ChiTietXa")["A1"] = "Mã xã"

    sheets = read_workbook(xlsx_bytes(tmp_path, fill), "bieu.xlsx").sheets

    assert [(s.name, s.visible) for s in sheets] == [
        ("Bieu01", True),
        ("An", False),
        ("RatAn", False),
        ("ChiTietXa", True),
    ]
    assert sheets[0].rows == [] and sheets[3].rows == [["Mã xã"]]


def formula_form(tmp_path) -> bytes:
    def fill(workbook):
        workbook.active["E11"] = 40
        workbook.active["E12"] = "=SUM(E1:E11)"

    return xlsx_bytes(tmp_path, fill)


def test_formula_without_cached_value_is_listed(tmp_path):
    # openpyxl writes formulas without computing them, like a generator that never opened Excel.
    (sheet,) = read_workbook(formula_form(tmp_path), "bieu.xlsx").sheets

    assert sheet.formula_cells_without_value == {(11, 4)}
    assert sheet.rows[11][4] is None


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ('<c r="E12"><f>SUM(E1:E11)</f><v>40</v></c>', 40.0),
        ('<c r="E12" t="str"><f>IF(E11="","",E11)</f><v></v></c>', None),  # a cached empty string
        ('<c r="E12" t="e"><f>E11/0</f><v>#DIV/0!</v></c>', "#DIV/0!"),  # calamine alone would give ''
    ],
)
def test_formula_with_cached_value_is_read(tmp_path, cell, value):
    data = rezip(formula_form(tmp_path), {"xl/worksheets/sheet1.xml": lambda xml: set_cell_xml(xml, "E12", cell)})

    (sheet,) = read_workbook(data, "bieu.xlsx").sheets

    assert sheet.rows[11][4] == value
    assert sheet.formula_cells_without_value == set()


def test_error_value_without_formula_reads_as_its_text(tmp_path):
    cell = '<c r="E11" t="e"><v>#N/A</v></c>'
    data = rezip(formula_form(tmp_path), {"xl/worksheets/sheet1.xml": lambda xml: set_cell_xml(xml, "E11", cell)})

    assert read_workbook(data, "bieu.xlsx").sheets[0].rows[10][4] == "#N/A"


def test_chart_sheet_is_an_empty_sheet(tmp_path):
    def fill(workbook):
        workbook.active["A1"] = 1
        workbook.create_chartsheet("BieuDo")

    sheets = read_workbook(xlsx_bytes(tmp_path, fill), "bieu.xlsx").sheets

    assert [(s.name, s.rows) for s in sheets] == [("Sheet", [[1.0]]), ("BieuDo", [])]
