"""etl/readers/limits.py: a file, a sheet or a workbook too large is refused before calamine allocates it."""

from __future__ import annotations

from etl.readers import WorkbookRejected, read_workbook
from etl.readers.limits import MAX_SHEET_CELLS, MAX_SHEETS
from tests.support.crafted import MIB, peak_during, rejected, xlsx_bytes


# --- limits of files ------------------------------------------------------------------------------------------------
def test_too_big_file_is_refused_before_parsing():
    problem = rejected(b"PK\x03\x04" + bytes(20 * MIB), "bieu.xlsx")

    assert "vượt giới hạn 20 MB" in problem.message
    assert problem.found == "20 MB"  # one decimal at most, Vietnamese style: '20' here, '23,5' for more


# --- limits of sheets -----------------------------------------------------------------------------------------------
def test_far_away_cell_is_refused_before_calamine_builds_the_grid(tmp_path):
    def fill(workbook):
        workbook.active.title = "Bieu01"
        workbook.active["A1"] = "Biểu 01"
        workbook.active["XFD1048576"] = 1  # calamine would allocate 17 billion cells

    data = xlsx_bytes(tmp_path, fill)

    problem, seconds, _, rss_growth = peak_during(lambda: read_workbook(data, "bieu.xlsx"))

    assert isinstance(problem, WorkbookRejected)
    assert problem.problem.sheet == "Bieu01"
    assert "từ A1 đến XFD1048576" in problem.problem.message
    assert seconds < 1 and rss_growth < 100


def test_too_many_sheets_is_refused(tmp_path):
    def fill(workbook):
        for i in range(MAX_SHEETS):
            workbook.create_sheet(f"S{i}")

    problem = rejected(xlsx_bytes(tmp_path, fill))

    assert "251 trang tính" in problem.message and "giới hạn 250 trang tính" in problem.message


def test_too_many_cells_in_all_sheets_together_is_refused(tmp_path):
    def fill(workbook):
        for i in range(3):  # 800 x 1,000 cells each: every sheet passes, together they do not
            sheet = workbook.create_sheet(f"S{i}")
            sheet["A1"] = 1
            sheet.cell(row=800, column=1000, value=2)

    problem = rejected(xlsx_bytes(tmp_path, fill))

    assert "2.400.000 ô" in problem.message and "giới hạn 2.000.000 ô" in problem.message
    assert MAX_SHEET_CELLS >= 800 * 1000
