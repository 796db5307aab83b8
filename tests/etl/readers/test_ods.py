"""etl/readers/ods.py: ods written by hand; repeated rows, cells and spaces measured before calamine expands them."""

from __future__ import annotations

from etl.readers import WorkbookRejected, read_workbook
from tests.support.crafted import ods_bytes, peak_during


def test_ods_is_read_at_absolute_positions_with_repeats():
    tables = (
        '<table:table table:name="Bieu01">'
        '<table:table-row table:number-rows-repeated="4"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
        '<table:table-cell office:value-type="float" office:value="15"/>'
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
        'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row></table:table>'
    )

    workbook = read_workbook(ods_bytes(tables), "bieu.ods")

    assert workbook.file_format == "ods"
    (sheet,) = workbook.sheets
    assert sheet.rows[4][2] == 15.0
    assert sheet.rows[4][3] == "#DIV/0!"  # calamine alone would give ''
    assert len(sheet.rows) == 5 and {len(row) for row in sheet.rows} == {4}  # trailing empty repeats cost nothing
    assert sheet.formula_cells_without_value == set()


def test_ods_repeated_cells_bomb_is_refused():
    # 2 KB of XML that calamine would expand into a hundred million cells.
    tables = (
        '<table:table table:name="Bieu01"><table:table-row table:number-rows-repeated="100000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        "</table:table-row></table:table>"
    )

    problem, seconds, _, rss_growth = peak_during(lambda: read_workbook(ods_bytes(tables), "bieu.ods"))

    assert isinstance(problem, WorkbookRejected) and "quá lớn" in problem.problem.message
    assert seconds < 1 and rss_growth < 100


def test_ods_repeated_spaces_bomb_is_damaged():
    # calamine writes out <text:s text:c="n"/> one space at a time: a few bytes could ask for gigabytes.
    cell = '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>b</text:p>'
    tables = (
        f'<table:table table:name="Bieu01"><table:table-row>{cell}</table:table-cell></table:table-row></table:table>'
    )

    problem, seconds, _, rss_growth = peak_during(lambda: read_workbook(ods_bytes(tables), "bieu.ods"))

    assert isinstance(problem, WorkbookRejected) and "bị hỏng" in problem.problem.message
    assert seconds < 1 and rss_growth < 100
