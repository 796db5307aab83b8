"""The highlighted workbook of a rejected file: notes at the problem cells, a list sheet, nothing else changed."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment

from core import texts
from etl import annotate
from etl.annotate import annotated_file_name, annotated_workbook
from etl.checks import check_report
from etl.form import parse_form
from etl.problems import WARNING, Problem
from etl.readers import WorkbookRejected, read_workbook
from etl.template import FONT_NAME
from tests.support.forms import convert, load_bytes, make_form

INJECTION = '=HYPERLINK("http://x")'  # typed as text by the clerk; must never come back as a formula
ERROR_RGB, WARNING_RGB = "FFC7CE", "FFEB9C"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _bad_form(db, folder: Path, variation: str = "plain") -> Path:
    """A form as clerks get it wrong: two bad values, a row deleted, another district's name."""
    path = make_form(db, folder, variation=variation)
    book = load_workbook(path)
    sheet = book["Bieu01"]
    for row in sheet.iter_rows():
        if row[1].value == "KT02":
            row[4].value = "abc"
        elif row[1].value == "TT03":
            row[4].value = INJECTION
            row[4].data_type = "s"  # text, as Excel stores '=... typed after an apostrophe
        elif row[1].value == "HT03":
            row[1].value = row[2].value = None  # the element is missing: a warning about the whole sheet
        elif row[0].value == "Đơn vị báo cáo:":
            row[2].value = "Huyện Văn Lãng"  # the code says Cao Lộc: a warning on this cell
    book.active = book["ChiTietXa"]  # saved while looking at the communes, as Excel records it
    sheet.sheet_view.tabSelected, book.active.sheet_view.tabSelected = False, True
    book.save(path)
    return path


def _problems(db, data: bytes, name: str) -> list[Problem]:
    return check_report(db, parse_form(read_workbook(data, name))).problems


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _cell_of(sheet, code: str, column: int = 4):
    """The cell of an element's row: its value (column E) by default, its label with column=2."""
    return next(row[column] for row in sheet.iter_rows() if row[1].value == code)


def _located(problems: list[Problem]) -> set[tuple[str, str, str, str]]:
    return {(p.sheet, p.cell, p.message, p.severity) for p in problems}


def _list_rows(book) -> list[tuple]:
    return list(book[texts.PROBLEM_LIST_SHEET].iter_rows(min_row=annotate.LIST_FIRST_ROW))


def _notes(sheet) -> dict[str, str]:
    return {cell.coordinate: cell.comment.text for row in sheet.iter_rows() for cell in row if cell.comment}


def test_xlsx_cells_are_highlighted_commented_and_listed(db, tmp_path, output_dir):
    path = _bad_form(db, tmp_path)
    data = path.read_bytes()
    problems = _problems(db, data, path.name)
    errors = [p for p in problems if p.severity != WARNING]
    warnings = [p for p in problems if p.severity == WARNING]
    assert {p.cell for p in errors} == {"E16", "E23"} and {p.cell for p in warnings} == {"C6", ""}

    out = annotated_workbook(data, path.name, problems)
    (output_dir / annotated_file_name(path.name)).write_bytes(out)
    book, original = _book(out), load_workbook(path)
    sheet = book["Bieu01"]

    assert book.sheetnames == [*original.sheetnames, texts.PROBLEM_LIST_SHEET]
    assert book.active.title == "Bieu01"
    assert [ws.sheet_view.tabSelected for ws in book.worksheets] == [True, False, False]
    for error in errors:
        cell = sheet[error.cell]
        assert cell.fill.fgColor.rgb.endswith(ERROR_RGB) and cell.border.left.style == "thick"
        assert cell.comment.text.startswith(f"LỖI: {error.message}\nGiá trị gặp: {error.found}")
        assert cell.comment.author == texts.ANNOTATION_AUTHOR
    assert "\nCần: số nguyên ≥ 0" in sheet["E23"].comment.text
    assert sheet["C6"].fill.fgColor.rgb.endswith(WARNING_RGB)
    assert sheet["C6"].comment.text.startswith("CẢNH BÁO: Tên đơn vị «Huyện Văn Lãng»")
    assert "LỖI" not in sheet["C6"].comment.text
    sheet_warning = next(p for p in warnings if not p.cell)
    assert sheet["A1"].comment.text == f"CẢNH BÁO: {sheet_warning.message}"
    assert set(_notes(sheet)) == {"A1", "C6", "E16", "E23"}
    assert _notes(book["ChiTietXa"]) == {}
    shapes = zipfile.ZipFile(io.BytesIO(out)).read("xl/drawings/commentsDrawing1.vml").decode()
    assert shapes.count(f"width:{annotate.NOTE_WIDTH_PX}px") == 4  # wide enough to read (openpyxl reads no size)

    # The clerk's workbook, not a copy of its values: template styles, protection and validations are kept.
    untouched = _cell_of(sheet, "TT01", column=2)
    assert (untouched.value, untouched.font.name) == ("Tổng số xã, phường, thị trấn trên địa bàn", FONT_NAME)
    assert _cell_of(sheet, "TT01").fill.fgColor.rgb.endswith("FFF2CC")  # the template's input colour
    assert sheet.protection.sheet and book["ChiTietXa"].protection.sheet
    assert len(sheet.data_validations.dataValidation) == len(original["Bieu01"].data_validations.dataValidation)
    assert sheet.merged_cells.ranges == original["Bieu01"].merged_cells.ranges

    listing = book[texts.PROBLEM_LIST_SHEET]
    assert listing["A1"].value == texts.PROBLEM_LIST_TITLE
    assert [c.value for c in listing[2]] == list(texts.PROBLEM_LIST_HEADERS) and listing["E2"].font.bold
    rows = _list_rows(book)
    assert [
        (n, kind, sheet_name, ref, message, found or "", expected or "")
        for n, kind, sheet_name, ref, message, found, expected in (tuple(c.value for c in row) for row in rows)
    ] == [
        (n, "Lỗi" if p.severity != WARNING else "Cảnh báo", p.sheet, p.cell or "A1", p.message, p.found, p.expected)
        for n, p in enumerate(problems, start=1)
    ]
    for row, problem in zip(rows, problems, strict=True):
        target_sheet, target_cell = re.fullmatch(r"'(.+)'!([A-Z]+\d+)", row[3].hyperlink.location).groups()
        assert (target_sheet, target_cell) == (problem.sheet, problem.cell or "A1")
        assert target_sheet in book.sheetnames
    found = next(row[5] for row in rows if row[5].value == INJECTION)
    assert found.data_type != "f"
    assert listing.column_dimensions["E"].width >= 50 and rows[0][4].alignment.wrap_text


def test_the_annotated_file_reads_the_same_and_fixed_it_is_accepted(db, tmp_path):
    path = _bad_form(db, tmp_path)
    problems = _problems(db, path.read_bytes(), path.name)
    out = annotated_workbook(path.read_bytes(), path.name, problems)

    assert _located(_problems(db, out, "Bieu01_can_sua.xlsx")) == _located(problems)

    book = _book(out)
    _cell_of(book["Bieu01"], "KT02").value = 13
    _cell_of(book["Bieu01"], "TT03").value = 9
    fixed = io.BytesIO()
    book.save(fixed)
    result = load_bytes(db, fixed.getvalue(), "Bieu01_can_sua.xlsx", sender="test")
    assert result.status == "accepted", result.errors
    assert {w.cell for w in result.warnings} >= {"C6", ""}


def test_uploaded_again_unfixed_the_list_and_notes_are_replaced_not_repeated(db, tmp_path):
    path = _bad_form(db, tmp_path)
    problems = _problems(db, path.read_bytes(), path.name)
    first = annotated_workbook(path.read_bytes(), path.name, problems)
    again = annotated_workbook(first, "Bieu01_can_sua.xlsx", _problems(db, first, "Bieu01_can_sua.xlsx"))
    book = _book(again)
    assert book.sheetnames == ["Bieu01", "ChiTietXa", texts.PROBLEM_LIST_SHEET]
    assert len(_list_rows(book)) == len(problems)
    assert book["Bieu01"]["E23"].comment.text.count("LỖI") == 1


def test_a_note_of_the_clerk_is_kept_after_ours(db, tmp_path):
    path = _bad_form(db, tmp_path)
    book = load_workbook(path)
    book["Bieu01"]["E23"].comment = Comment("Số liệu chờ xã gửi lại.", "Chị Hoa")
    book.save(path)
    out = annotated_workbook(path.read_bytes(), path.name, _problems(db, path.read_bytes(), path.name))
    text = _book(out)["Bieu01"]["E23"].comment.text
    assert text.startswith("LỖI: Chỉ tiêu KT02") and text.endswith("\n\nSố liệu chờ xã gửi lại.")


@pytest.mark.parametrize("target", ["xls", "ods"])
def test_xls_and_ods_are_rebuilt_with_the_notes_at_the_same_cells(db, tmp_path, target):
    # dash_and_x writes '-' for a zero: it must come back as '-', not as a formula nor with an apostrophe.
    converted = convert(_bad_form(db, tmp_path, variation="dash_and_x"), target, tmp_path / target)
    data = converted.read_bytes()
    problems = _problems(db, data, converted.name)
    out = annotated_workbook(data, converted.name, problems)
    book = _book(out)
    sheet = book["Bieu01"]

    assert book.sheetnames == ["Bieu01", "ChiTietXa", texts.PROBLEM_LIST_SHEET]
    assert set(_notes(sheet)) == {p.cell or "A1" for p in problems} == {"A1", "C6", "E16", "E23"}
    assert sheet["E23"].fill.fgColor.rgb.endswith(ERROR_RGB) and sheet["E23"].comment.text.startswith("LỖI: ")
    assert (_cell_of(sheet, "TT01").value, _cell_of(sheet, "TT01").data_type) == (22, "n")
    assert _cell_of(sheet, "DT03").value == "-"
    assert _located(_problems(db, out, annotated_file_name(converted.name))) == _located(problems)
    assert annotated_file_name(converted.name) == "183_2023Q2_dash_and_x_can_sua.xlsx"


@pytest.mark.parametrize("target", ["xls", "ods"])
def test_text_that_looks_like_a_formula_stays_text(db, tmp_path, target):
    converted = convert(_bad_form(db, tmp_path), target, tmp_path / target)
    data = converted.read_bytes()
    problems = _problems(db, data, converted.name)
    assert any(p.found == INJECTION for p in problems)
    book = _book(annotated_workbook(data, converted.name, problems))
    typed = _cell_of(book["Bieu01"], "TT03")
    assert (typed.value, typed.data_type) == (INJECTION, "s")
    listed = [row[5] for row in _list_rows(book) if row[5].value == INJECTION]
    assert listed and all(cell.data_type != "f" for cell in listed)


def test_libreoffice_shows_every_note(db, tmp_path, output_dir):
    path = _bad_form(db, tmp_path)
    problems = _problems(db, path.read_bytes(), path.name)
    annotated = output_dir / annotated_file_name(path.name)
    annotated.write_bytes(annotated_workbook(path.read_bytes(), path.name, problems))

    ods = convert(annotated, "ods", tmp_path / "ods")
    content = ElementTree.fromstring(zipfile.ZipFile(ods).read("content.xml"))
    notes = [
        " ".join(" ".join(p.itertext()) for p in note.iter(f"{{{TEXT}}}p"))
        for note in content.iter(f"{{{OFFICE}}}annotation")
    ]
    assert len(notes) == 4  # A1, C6, E16, E23
    for problem in problems:
        assert any(" ".join(problem.message.split()) in " ".join(note.split()) for note in notes), problem.message


@pytest.mark.parametrize(
    "data",
    [b"not a workbook", b"%PDF-1.7\n" + b"0" * 100, b""],
    ids=["text", "pdf", "empty"],
)
def test_a_file_that_is_no_workbook_gives_nothing(data):
    with pytest.raises(WorkbookRejected) as refused:
        read_workbook(data, "bao_cao.xlsx")
    assert annotated_workbook(data, "bao_cao.xlsx", [refused.value.problem]) is None
    # Even told of a cell, nothing is made of bytes the reader refuses.
    assert annotated_workbook(data, "bao_cao.xlsx", [Problem("x", "Bieu01", "E23")]) is None


def test_problems_about_the_whole_file_give_nothing(db, tmp_path):
    path = make_form(db, tmp_path)
    assert annotated_workbook(path.read_bytes(), path.name, [Problem(texts.UNEXPECTED_FAILURE)]) is None


def test_a_problem_of_a_missing_sheet_is_only_listed(db, tmp_path):
    path = make_form(db, tmp_path)
    missing = Problem("Không có trang chi tiết xã.", "ChiTietXa2023", "B3", severity=WARNING)
    book = _book(annotated_workbook(path.read_bytes(), path.name, [missing]))
    assert all(_notes(ws) == {} for ws in book.worksheets)
    (row,) = _list_rows(book)
    assert [c.value for c in row[:5]] == [1, "Cảnh báo", "ChiTietXa2023", "B3", missing.message]
    assert row[3].hyperlink is None
    assert book.active.title == texts.PROBLEM_LIST_SHEET and book.sheetnames[0] == "Bieu01"


def test_when_openpyxl_cannot_open_the_xlsx_its_values_are_rebuilt(db, tmp_path, monkeypatch):
    path = _bad_form(db, tmp_path)
    problems = _problems(db, path.read_bytes(), path.name)

    def broken(*args, **kwargs):
        raise KeyError("a part openpyxl does not expect")

    monkeypatch.setattr(annotate, "load_workbook", broken)
    book = _book(annotated_workbook(path.read_bytes(), path.name, problems))
    sheet = book["Bieu01"]
    assert set(_notes(sheet)) == {"A1", "C6", "E16", "E23"}
    assert _cell_of(sheet, "TT01", column=2).font.name != FONT_NAME  # values only: the template's look is gone
    assert (_cell_of(sheet, "TT03").value, _cell_of(sheet, "TT03").data_type) == (INJECTION, "s")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bieu01_183.xls", "Bieu01_183_can_sua.xlsx"),
        ("Báo cáo Q2.ods", "Báo cáo Q2_can_sua.xlsx"),
        ("Bieu01_183_can_sua.xlsx", "Bieu01_183_can_sua.xlsx"),
        ("bieu.xlsm", "bieu_can_sua.xlsx"),
    ],
)
def test_annotated_file_name(name, expected):
    assert annotated_file_name(name) == expected
