"""The pre-filled form Biểu 01/PCMD: content, validations, protection, print layout, and LibreOffice's view of it."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from core import texts
from core.catalog import load_elements, load_sections
from core.units import REFERENCE_DIR
from etl import form_spec
from etl.checks import check_report
from etl.demo import DemoReport, write_form
from etl.form import parse_form
from etl.readers import read_workbook
from etl.template import TemplateError, write_template

DISTRICT = "178"  # Thành phố Lạng Sơn, a district of Lạng Sơn (20) before the 2025 reform
DISTRICT_NAME = "Thành phố Lạng Sơn"
POST2025_COMMUNE = "05977"  # Phường Đông Kinh, directly under Lạng Sơn after the reform
A4 = 9  # Excel's paper size code
SOFFICE = shutil.which("soffice")
SOFFICE_TIMEOUT_S = 120
# What soffice prints on stderr on every run without a Java runtime; it does not touch Calc.
SOFFICE_BENIGN_STDERR = {
    "Warning: failed to launch javaldx - java may not function correctly",
    "Warning: failed to read path from javaldx",
}
_TROUBLE = re.compile(r"error|warn|fail|exception|fatal|abort|crash|cannot|could not", re.IGNORECASE)
# LibreOffice is part of the test set-up (.ci/run installs it): its absence fails, never skips.
needs_soffice = pytest.mark.usefixtures("require_soffice")


@pytest.fixture
def require_soffice():
    assert SOFFICE, "LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui"


@pytest.fixture
def form(db, tmp_path) -> Path:
    return write_template(db, DISTRICT, "2023Q2", tmp_path / "bieu01.xlsx")


@pytest.fixture
def workbook(form) -> openpyxl.Workbook:
    return openpyxl.load_workbook(form)


def _table_header_row(ws: Worksheet) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == form_spec.TABLE_COLUMNS["row_number"]:
            return row
    raise AssertionError("no table header row")


def _header_rows(ws: Worksheet) -> dict[str, int]:
    labels = {label: key for key, label in form_spec.HEADER_FIELDS.items()}
    return {labels[c.value]: c.row for c in ws["A"] if c.value in labels}


def _table_rows(ws: Worksheet) -> list[tuple]:
    """The rows under the table header up to the first fully blank row, values of A-F."""
    rows = []
    for values in ws.iter_rows(min_row=_table_header_row(ws) + 1, max_col=6, values_only=True):
        if all(v is None for v in values):
            break
        rows.append(values)
    return rows


def _validations_of(ws: Worksheet, coordinate: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


def _reference_communes(parent_code: str, structure: str = "pre2025") -> list[tuple[str, str]]:
    with open(REFERENCE_DIR / f"units_{structure}.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["parent_code"] == parent_code and r["level"] == "commune"]
    return sorted((r["unit_code"], r["name"]) for r in rows)


# --- Bieu01: content ---------------------------------------------------------------


def test_summary_is_the_first_sheet_and_starts_with_form_code_and_title(workbook):
    assert workbook.sheetnames == [form_spec.SUMMARY_SHEET, form_spec.COMMUNE_SHEET]
    ws = workbook[form_spec.SUMMARY_SHEET]
    top = [c.value for row in ws.iter_rows(max_row=_table_header_row(ws) - 1) for c in row if c.value]
    assert top[0] == texts.FORM_CODE
    assert texts.FORM_TITLE in top
    title = next(c for row in ws.iter_rows() for c in row if c.value == texts.FORM_TITLE)
    assert title.alignment.horizontal == "center" and title.font.b
    assert any(title.coordinate in r and r.min_col == 1 and r.max_col == 6 for r in ws.merged_cells.ranges)


def test_header_block_carries_unit_and_period_and_leaves_date_and_author_to_fill(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    rows = _header_rows(ws)
    assert list(rows) == list(form_spec.HEADER_FIELDS)  # every label, in order, in column A
    assert list(rows.values()) == list(range(rows["unit_name"], rows["unit_name"] + 5))  # one item per row
    assert ws.cell(rows["unit_name"], 3).value == DISTRICT_NAME
    code = ws.cell(rows["unit_code"], 3)
    assert code.value == DISTRICT and code.data_type == "s" and code.number_format == "@"
    assert ws.cell(rows["period"], 3).value == "Quý II năm 2023"
    date_cell, author = ws.cell(rows["report_date"], 3), ws.cell(rows["author"], 3)
    assert date_cell.value is None and author.value is None
    assert date_cell.number_format == "dd/mm/yyyy"
    assert _table_header_row(ws) == rows["author"] + 2  # one blank row, then the table


def test_unit_code_keeps_its_leading_zero(db, tmp_path):
    ws = openpyxl.load_workbook(write_template(db, POST2025_COMMUNE, "2025Q3", tmp_path / "x.xlsx"))["Bieu01"]
    rows = _header_rows(ws)
    assert ws.cell(rows["unit_code"], 3).value == POST2025_COMMUNE
    assert ws.cell(rows["unit_name"], 3).value == "Phường Đông Kinh"
    assert ws.cell(rows["period"], 3).value == "Quý III năm 2025"


def test_table_header_has_the_six_columns_in_order(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    row = _table_header_row(ws)
    assert [ws.cell(row, c).value for c in range(1, 7)] == list(form_spec.TABLE_COLUMNS.values())


def test_table_lists_sections_then_their_elements_in_catalogue_order(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    elements = {e.code: e for e in load_elements()}
    expected = []
    for section in load_sections():
        expected.append(("section", section["label"]))
        expected += [("element", e.code) for e in elements.values() if e.section_code == section["code"]]
    found = []
    for number, code, label, unit, value, note in _table_rows(ws):
        assert value is None and note is None  # nothing pre-filled in the inputs
        if code is None:  # a section row: its label, no code, no number
            assert number is None and unit is None
            found.append(("section", label))
        else:
            element = elements[code]
            assert (label, unit) == (element.label, element.unit)
            found.append(("element", code))
    assert found == expected
    element_rows = [r for r in _table_rows(ws) if r[1] is not None]
    assert [r[0] for r in element_rows] == list(range(1, 21))
    assert [r[1] for r in element_rows][:3] == ["TT01", "TT02", "TT03"] and element_rows[-1][1] == "LM01"


def test_codes_are_text_cells(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    codes = [ws.cell(row, 2) for row in range(_table_header_row(ws) + 1, ws.max_row + 1) if ws.cell(row, 2).value]
    assert len(codes) == 20
    assert all(c.data_type == "s" and c.number_format == "@" for c in codes)


def test_section_rows_are_bold(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    labels = {s["label"] for s in load_sections()}
    cells = [c for c in ws["C"] if c.value in labels]
    assert len(cells) == len(labels)
    assert all(c.font.b and ws.cell(c.row, 2).value is None for c in cells)


# --- Bieu01: validation and protection ---------------------------------------------


def _element_rows(ws: Worksheet) -> dict[str, int]:
    """Row number of each element code in the table."""
    start = _table_header_row(ws) + 1
    return {values[1]: row for row, values in enumerate(_table_rows(ws), start=start) if values[1]}


def test_result_cells_accept_whole_numbers_and_money_decimals(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    decimal_codes = {e.code for e in load_elements() if e.value_type == "decimal"}
    assert decimal_codes == {"KT04"}
    for code, row in _element_rows(ws).items():
        [rule] = _validations_of(ws, f"E{row}")
        assert rule.type == ("decimal" if code in decimal_codes else "whole")
        assert (rule.operator, rule.formula1) == ("greaterThanOrEqual", "0")
        assert rule.allow_blank and rule.showErrorMessage and rule.showInputMessage
        assert rule.errorStyle == "stop"
        assert "số" in rule.error and "từ 0 trở lên" in rule.error
        [note_rule] = _validations_of(ws, f"F{row}")
        assert note_rule.type == "textLength"


def test_every_validation_fits_excels_limits(workbook):
    """Excel drops (and then "repairs") a validation whose title or text is too long."""
    rules = [dv for ws in workbook for dv in ws.data_validations.dataValidation]
    assert len(rules) == 7
    for rule in rules:
        assert rule.errorTitle and rule.error and rule.promptTitle and rule.prompt
        assert len(rule.errorTitle) <= 32 and len(rule.promptTitle) <= 32
        assert len(rule.error) <= 255 and len(rule.prompt) <= 255


def test_report_date_is_a_validated_date_cell(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    rows = _header_rows(ws)
    [rule] = _validations_of(ws, f"C{rows['report_date']}")
    assert rule.type == "date" and rule.operator == "between"
    assert int(rule.formula1) < int(rule.formula2)
    assert "ngày/tháng/năm" in rule.prompt and "30/06/2023" in rule.prompt
    assert "01/04/2023" in rule.error  # the first day of the period


def test_no_validation_on_locked_cells(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    for rule in ws.data_validations.dataValidation:
        for r in rule.sqref.ranges:
            for row in ws.iter_rows(min_row=r.min_row, max_row=r.max_row, min_col=r.min_col, max_col=r.max_col):
                assert all(cell.protection.locked is False for cell in row), rule.sqref


def test_sheet_is_protected_without_password_with_only_inputs_unlocked(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    assert ws.protection.sheet is True
    assert ws.protection.password is None  # an expert can still unprotect it
    rows = _header_rows(ws)
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    expected = {f"C{rows['report_date']}", f"C{rows['author']}"}
    for row in _element_rows(ws).values():
        expected |= {f"E{row}", f"F{row}"}
    assert unlocked == expected
    for key in ("unit_name", "unit_code", "period"):
        assert ws.cell(rows[key], 3).protection.locked is True


# --- ChiTietXa -----------------------------------------------------------------------


def test_commune_sheet_lists_exactly_the_districts_communes(workbook):
    ws = workbook[form_spec.COMMUNE_SHEET]
    assert [c.value for c in ws[1]] == list(form_spec.COMMUNE_COLUMNS.values())
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2) if r[0].value is not None]
    reference = _reference_communes(DISTRICT)
    assert len(reference) == 8
    assert rows == reference
    assert all(ws.cell(r, 1).data_type == "s" for r in range(2, len(rows) + 2))
    assert all(ws.cell(r, c).value is None for r in range(2, len(rows) + 2) for c in range(3, 8))


def test_commune_sheet_inputs_are_validated_and_the_only_unlocked_cells(workbook):
    ws = workbook[form_spec.COMMUNE_SHEET]
    assert ws.protection.sheet is True and ws.protection.password is None
    last = ws.max_row
    assert last == 9
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    assert unlocked == {f"{col}{r}" for col in "CDEFG" for r in range(2, last + 1)}
    columns = list(form_spec.COMMUNE_COLUMNS)
    for key in columns[2:]:
        letter = "ABCDEFG"[columns.index(key)]
        for r in range(2, last + 1):
            [rule] = _validations_of(ws, f"{letter}{r}")
            if key in ("held_communication", "is_healthy"):
                assert rule.type == "list"
                assert rule.formula1 == f'"{form_spec.YES},{form_spec.NO}"'
            else:
                assert (rule.type, rule.operator, rule.formula1) == ("whole", "greaterThanOrEqual", "0")
            assert rule.showErrorMessage and rule.error and rule.showInputMessage and rule.prompt


def test_commune_sheet_has_no_total_row(workbook):
    ws = workbook[form_spec.COMMUNE_SHEET]
    names = [c.value for c in ws["B"][1:]]
    assert not any("tổng" in (n or "").lower() for n in names)


def test_unit_without_communes_reports_on_itself(db, tmp_path):
    ws = openpyxl.load_workbook(write_template(db, POST2025_COMMUNE, "2025", tmp_path / "x.xlsx"))["ChiTietXa"]
    assert [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2)] == [(POST2025_COMMUNE, "Phường Đông Kinh")]


def test_post2025_province_lists_its_communes_of_that_structure(db, tmp_path):
    ws = openpyxl.load_workbook(write_template(db, "20", "2025S2", tmp_path / "x.xlsx"))["ChiTietXa"]
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2)]
    assert rows == _reference_communes("20", "post2025")
    assert len(rows) == 65


# --- print layout ----------------------------------------------------------------------


def test_summary_prints_on_a4_portrait_one_page_wide_with_repeated_header(workbook):
    ws = workbook[form_spec.SUMMARY_SHEET]
    header = _table_header_row(ws)
    assert int(ws.page_setup.paperSize) == A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.print_area.startswith("'Bieu01'!$A$1:$F$")
    assert ws.page_margins.left >= 0.7 and ws.page_margins.top >= 0.5
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDEF"}
    assert widths["C"] == max(widths.values()) and widths["C"] >= 40
    first_label = ws.cell(header + 2, 3)
    assert first_label.alignment.wrap_text
    long_label_row = _element_rows(ws)["TT02"]
    assert ws.row_dimensions[long_label_row].height > ws.row_dimensions[_element_rows(ws)["TT01"]].height


def test_commune_sheet_prints_like_the_summary(workbook):
    ws = workbook[form_spec.COMMUNE_SHEET]
    assert int(ws.page_setup.paperSize) == A4 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2"
    assert DISTRICT_NAME in ws.oddHeader.center.text


# --- errors and determinism ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit_code", "period_code", "words"),
    [
        ("99999", "2023Q2", ["99999", "Không có đơn vị"]),
        (DISTRICT, "2025Q3", ["178", "Không có đơn vị", "năm 2025"]),  # districts are gone after the reform
        (DISTRICT, "2023Q5", ["2023Q5", "không hợp lệ"]),
        (DISTRICT, "quý 2", ["quý 2", "không hợp lệ"]),
    ],
)
def test_unknown_unit_or_bad_period_is_refused_in_vietnamese(db, tmp_path, unit_code, period_code, words):
    out = tmp_path / "x.xlsx"
    with pytest.raises(TemplateError) as raised:
        write_template(db, unit_code, period_code, out)
    assert all(w in str(raised.value) for w in words), str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert not out.exists()


def test_same_inputs_write_the_same_file_apart_from_timestamps(db, tmp_path):
    first = write_template(db, DISTRICT, "2023Q2", tmp_path / "a.xlsx")
    second = write_template(db, DISTRICT, "2023Q2", tmp_path / "b.xlsx")

    def members(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # created/modified

    assert members(first) == members(second)


# --- LibreOffice: the file opens, prints and round-trips in a real spreadsheet program -----


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory) -> Path:
    """A throw-away LibreOffice profile: a shared one is locked by any other running soffice."""
    return tmp_path_factory.mktemp("soffice-profile")


def convert_with_soffice(source: Path, target_format: str, outdir: Path, profile: Path) -> Path:
    """Convert with headless LibreOffice and fail on a non-zero exit, an error on stderr or no output."""
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=SOFFICE_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    trouble = [
        line for line in result.stderr.splitlines() if _TROUBLE.search(line) and line not in SOFFICE_BENIGN_STDERR
    ]
    assert not trouble, result.stderr
    target = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert target.is_file() and target.stat().st_size > 0, result.stdout + result.stderr
    return target


@needs_soffice
def test_libreoffice_prints_the_form_to_pdf(form, tmp_path, soffice_profile, output_dir):
    pdf = convert_with_soffice(form, "pdf", tmp_path / "pdf", soffice_profile)
    assert pdf.read_bytes().startswith(b"%PDF")
    shutil.copy(pdf, output_dir / "bieu01-178-2023Q2.pdf")  # for a person to look at
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    # One page for the summary (it fits one page wide and tall), one for the 8 communes.
    assert re.search(r"Pages:\s+2\n", info), info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = "".join(text.split())  # pdftotext splits words where the font kerns
    for expected in (texts.FORM_TITLE, "Quý II năm 2023", "Tổng số xã, phường, thị trấn trên địa bàn", "LM01"):
        assert "".join(expected.split()) in squeezed  # the diacritics came through the fonts intact


@needs_soffice
def test_libreoffice_round_trip_keeps_codes_validations_and_protection(form, tmp_path, soffice_profile):
    saved = convert_with_soffice(form, "xlsx", tmp_path / "roundtrip", soffice_profile)
    workbook = openpyxl.load_workbook(saved)
    ws = workbook[form_spec.SUMMARY_SHEET]
    assert [r[1] for r in _table_rows(ws) if r[1]] == [e.code for e in load_elements()]
    assert ws.cell(_header_rows(ws)["unit_code"], 3).value == DISTRICT
    assert ws.protection.sheet is True
    assert {dv.type for dv in ws.data_validations.dataValidation} >= {"whole", "decimal", "date"}
    communes = workbook[form_spec.COMMUNE_SHEET]
    codes = [r[0].value for r in communes.iter_rows(min_row=2)]
    assert codes == [code for code, _ in _reference_communes(DISTRICT)]  # leading zeros survive
    assert {dv.type for dv in communes.data_validations.dataValidation} == {"list", "whole"}


def test_the_form_is_addressed_to_the_plans_owner(workbook, db, tmp_path):
    """Issue 19: the agency that owns the programme, under the title, without moving any cell below it."""
    summary = workbook[form_spec.SUMMARY_SHEET]
    assert summary["A5"].value == "Kính gửi: Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn"
    assert summary["A5"].font.i
    no_plan = openpyxl.load_workbook(write_template(db, DISTRICT, "2022Q1", tmp_path / "2022.xlsx"))
    assert no_plan[form_spec.SUMMARY_SHEET]["A5"].value is None  # no plan of that year: addressed to nobody


def test_a_commune_after_the_reform_gets_the_new_wording_and_either_wording_is_read(db, tmp_path):
    """Issue 19, item 6: forms after 1 July 2025 say «xã, phường, đặc khu» (no more thị trấn); a form of either
    wording is read by its rows' words alone, whatever its year."""
    new = openpyxl.load_workbook(write_template(db, POST2025_COMMUNE, "2026Q1", tmp_path / "2026.xlsx"))
    old = openpyxl.load_workbook(write_template(db, DISTRICT, "2023Q1", tmp_path / "2023.xlsx"))
    labels = {
        form: {row[1]: row[2] for row in book[form_spec.SUMMARY_SHEET].iter_rows(values_only=True)}
        for form, book in (("new", new), ("old", old))
    }
    assert labels["new"]["TT01"] == "Tổng số xã, phường, đặc khu trên địa bàn"
    assert labels["old"]["TT01"] == "Tổng số xã, phường, thị trấn trên địa bàn"
    assert labels["new"]["LM01"].startswith("Số xã, phường, đặc khu được công nhận lành mạnh")
    sections = [
        row[2] for row in new[form_spec.SUMMARY_SHEET].iter_rows(values_only=True) if row[2] and row[2][:4] == "VII."
    ]
    assert sections == ["VII. Xã, phường, đặc khu lành mạnh"]
    assert not [
        v for row in new[form_spec.SUMMARY_SHEET].iter_rows(values_only=True) for v in row if v and "thị trấn" in str(v)
    ]

    values = {"TT01": 1, "TT02": 1, "LM01": 1, "KT01": 4, "KT02": 2}
    for unit, period in ((POST2025_COMMUNE, "2026Q1"), (DISTRICT, "2023Q1")):
        report = DemoReport(unit, "", period, datetime(2026, 3, 10), values, [], "labels_only")
        path = write_form(db, report, tmp_path / f"{unit}-labels.xlsx")
        for year_words, other in (("đặc khu", "thị trấn"), ("thị trấn", "đặc khu")):  # either wording, any year
            book = openpyxl.load_workbook(path)
            for row in book[form_spec.SUMMARY_SHEET].iter_rows():
                if isinstance(row[2].value, str):
                    row[2].value = row[2].value.replace(other, year_words)
            book.save(path)
            checked = check_report(db, parse_form(read_workbook(path.read_bytes(), path.name)))
            assert {code: checked.values.get(code) for code in values} == values, (unit, year_words)
