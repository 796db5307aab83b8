"""read_workbook: plain grids from xlsx, xlsm, xls and ods, and a Vietnamese refusal for everything else."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.readers import Workbook, WorkbookRejected, read_workbook
from tests.support.crafted import fill_form, ole_bytes, rejected, zip_of


# --- files that are not workbooks -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "file_name", "found"),
    [
        ("Mã đơn vị;Kết quả\n178;15\n".encode(), "bieu.csv", "tệp văn bản"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "x.pdf", "tệp PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "anh-chup.png", "tệp ảnh"),
        (b"<html><body><table><tr><td>15</td></tr></table></body></html>", "bieu.xls", "trang web"),
        (zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), "bieu.docx", "Word"),
        (zip_of({"ghi-chu.txt": b"15"}), "bieu.zip", "tệp nén ZIP"),
        (ole_bytes(b"\x00" * 4096, stream_name="WordDocument"), "bieu.doc", "Office dạng cũ"),
    ],
    ids=["csv", "pdf", "png", "html", "docx", "zip", "doc"],
)
def test_not_a_workbook_is_refused_saying_what_it_is(data, file_name, found):
    problem = rejected(data, file_name)

    assert found in problem.found
    assert "không phải là bảng tính Excel hoặc OpenDocument" in problem.message
    assert "Hãy nộp tệp .xlsx, .xls hoặc .ods theo mẫu Biểu 01/PCMD." in problem.message
    assert ".xlsx, .xls hoặc .ods" in problem.expected


def test_empty_file_is_not_a_workbook():
    problem = rejected(b"", "bieu.xlsx")

    assert problem.message.startswith("Tệp «bieu.xlsx» là tệp rỗng (0 byte), không phải là bảng tính Excel")


# --- never a traceback ----------------------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from([b"", b"PK\x03\x04", bytes.fromhex("D0CF11E0A1B11AE1")]),
    body=st.binary(max_size=2000),
)
def test_arbitrary_bytes_are_read_or_refused(prefix, body):
    try:
        assert isinstance(read_workbook(prefix + body, "x.xlsx"), Workbook)
    except WorkbookRejected as exc:
        assert exc.problem.message


# --- files saved by LibreOffice (.xls, .ods and .xlsx as people send them) ------------------------------------------
@pytest.fixture(scope="module")
def libreoffice_copies(tmp_path_factory):
    """The same form saved by LibreOffice as .xls, .ods, and back to .xlsx (with computed formula values)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is needed: apt-get install -y libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("libreoffice")
    workbook = openpyxl.Workbook()
    fill_form(workbook)
    workbook.active["C6"] = "=1/0"
    workbook.active["D6"] = "=D5*2"
    workbook.create_sheet("An")["B2"] = "ẩn"
    workbook["An"].sheet_state = "hidden"
    workbook.save(folder / "bieu.xlsx")
    profile = (folder / "profile").as_uri()  # our own profile: no clash with another soffice running

    def convert(source: str, target: str, out: str) -> bytes:
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
        subprocess.run(
            [*command, "--outdir", folder / out, folder / source], check=True, capture_output=True, timeout=180
        )
        return (folder / out / f"bieu.{target}").read_bytes()

    return {
        "xls": convert("bieu.xlsx", "xls", "lo"),
        "ods": convert("bieu.xlsx", "ods", "lo"),
        "xlsx": convert("lo/bieu.ods", "xlsx", "lo-xlsx"),
    }


@pytest.mark.parametrize("target", ["xls", "ods", "xlsx"])
def test_libreoffice_copy_is_read_like_the_original(libreoffice_copies, target):
    workbook = read_workbook(libreoffice_copies[target], f"bieu.{target}")

    assert workbook.file_format == target
    form, hidden = workbook.sheets
    assert (form.name, form.visible, hidden.name, hidden.visible) == ("Bieu01", True, "An", False)
    assert form.rows[4][2] == "Mã chỉ tiêu"
    assert form.rows[4][3] == 15  # an int from xls, a float from ods and xlsx
    assert form.rows[4][4] == 12.5
    assert form.rows[4][5] == 1  # True from xls; LibreOffice turned the boolean into =TRUE(), 1.0, in ods and xlsx
    assert form.rows[4][6] == dt.date(2023, 6, 30)
    assert form.rows[4][7] == dt.datetime(2023, 6, 30, 8, 30)
    assert form.rows[5][2] == "#DIV/0!"  # the cached error of =1/0
    assert form.rows[5][3] == 30  # the cached value of =D5*2
    assert form.rows[6][3] == "x"
    assert hidden.rows[1][1] == "ẩn"
    assert form.formula_cells_without_value == set()
