"""read_workbook: plain grids from xlsx, xlsm, xls and ods, and a Vietnamese refusal for everything else."""

from __future__ import annotations

import datetime as dt
import io
import re
import resource
import shutil
import struct
import subprocess
import time
import tracemalloc
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.workbook import (
    MAX_SHEET_CELLS,
    MAX_SHEETS,
    MAX_ZIP_MEMBERS,
    Workbook,
    WorkbookRejected,
    read_workbook,
)

MIB = 1024 * 1024


# --- building files at test time -------------------------------------------------------------------------------
def xlsx_bytes(tmp_path, fill, name="bieu.xlsx") -> bytes:
    """An xlsx written by openpyxl; `fill(workbook)` puts the content in."""
    workbook = openpyxl.Workbook()
    fill(workbook)
    path = tmp_path / name
    workbook.save(path)
    return path.read_bytes()


def rezip(data: bytes, replace: dict | None = None, add: dict | None = None) -> bytes:
    """The same zip with some parts changed (bytes, or a function of the old bytes) or added."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            change = replace.get(info.filename)
            if change is not None:
                part = change(part) if callable(change) else change
            target.writestr(info.filename, part)
        for name, part in add.items():
            target.writestr(name, part)
    return out.getvalue()


def set_cell_xml(xml: bytes, ref: str, cell: str) -> bytes:
    """Replace the <c r="ref"> element of a worksheet part by `cell`."""
    pattern = rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)'
    new, count = re.subn(pattern, cell.encode(), xml, count=1)
    assert count == 1, xml
    return new


def patch_central_directory(data: bytes, name: str, file_size: int, compress_size: int) -> bytes:
    """Make the zip's central directory declare other sizes for one member (a hand-crafted archive)."""
    raw = bytearray(data)
    offset = raw.find(b"PK\x01\x02")
    while offset != -1:
        name_length = struct.unpack_from("<H", raw, offset + 28)[0]
        if raw[offset + 46 : offset + 46 + name_length] == name.encode():
            struct.pack_into("<II", raw, offset + 20, compress_size, file_size)
            return bytes(raw)
        offset = raw.find(b"PK\x01\x02", offset + 4)
    raise AssertionError(name)


def rejected(data: bytes, file_name: str = "bieu.xlsx"):
    with pytest.raises(WorkbookRejected) as info:
        read_workbook(data, file_name)
    assert str(info.value) == info.value.problem.message
    assert f"«{file_name}»" in info.value.problem.message
    assert info.value.problem.severity == "error"
    return info.value.problem


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def ods_bytes(tables_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet written by hand: mimetype, manifest and content.xml."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES}>'
        f"<office:body><office:spreadsheet>{tables_xml}</office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


def biff_record(record_type: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", record_type, len(data)) + data


def biff_number(row: int, col: int, value: float) -> bytes:
    return biff_record(0x0203, struct.pack("<HHHd", row, col, 0, value))


def biff_dimensions(first_row: int, row_end: int, first_col: int, col_end: int) -> bytes:
    return biff_record(0x0200, struct.pack("<IIHHH", first_row, row_end, first_col, col_end, 0))


def biff_stream(sheets: list[tuple[str, list[bytes]]], globals_extra: bytes = b"") -> bytes:
    """A BIFF8 Workbook stream: globals (BOF, extra records, one BoundSheet per sheet, EOF), then each sheet."""
    bof = biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))

    def bound_sheet(position: int, name: str) -> bytes:
        raw = name.encode("latin-1")
        return biff_record(0x0085, struct.pack("<IBB", position, 0, 0) + bytes([len(raw), 0]) + raw)

    position = len(bof) + len(globals_extra) + sum(len(bound_sheet(0, n)) for n, _ in sheets) + 4
    bounds, bodies = b"", b""
    for name, records in sheets:
        body = biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0)) + b"".join(records)
        body += biff_record(0x000A)
        bounds += bound_sheet(position, name)
        bodies += body
        position += len(body)
    return bof + globals_extra + bounds + biff_record(0x000A) + bodies


def ole_entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
    """One 128-byte directory entry: kind 5 is the root, 2 a stream."""
    raw = (name + "\x00").encode("utf-16-le")
    head = raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
    return head + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + bytes(36) + struct.pack("<III", start, size, 0)


def ole_header(fat_sectors: int, directory: int, minifat_start: int, minifat_sectors: int) -> bytes:
    """An OLE2 v3 header (512-byte sectors) whose only FAT sector is sector 0."""
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<9I", 0, fat_sectors, directory, 0, 4096, minifat_start, minifat_sectors, 0xFFFFFFFE, 0)
    return header + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108


def sector_table(entries: list[int]) -> bytes:
    return struct.pack("<128I", *(entries + [0xFFFFFFFF] * (128 - len(entries))))  # the rest free


def ole_bytes(stream: bytes, stream_name: str = "Workbook", loop: bool = False) -> bytes:
    """A minimal OLE2 compound file holding one stream of at least 4 KB, in ordinary sectors."""
    stream += b"\x00" * max(0, 4096 - len(stream))
    stream += b"\x00" * (-len(stream) % 512)
    n = len(stream) // 512  # sector 0 is the FAT, 1..n the stream, n+1 the directory
    fat = [0xFFFFFFFD] + [i + 2 for i in range(n - 1)] + [1 if loop else 0xFFFFFFFE, 0xFFFFFFFE]
    directory = ole_entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + ole_entry(stream_name, 2, 1, len(stream))
    return ole_header(1, n + 1, 0xFFFFFFFE, 0) + sector_table(fat) + stream + directory.ljust(512, b"\0")


def ole_mini_bytes(stream: bytes) -> bytes:
    """The same for a Workbook stream under 4 KB: it then lives in 64-byte sectors of the root's mini stream."""
    mini = stream + b"\x00" * (-len(stream) % 64)
    mini_sectors = mini + b"\x00" * (-len(mini) % 512)
    n = len(mini_sectors) // 512  # sector 0 is the FAT, 1 the mini FAT, 2..n+1 the mini stream, n+2 the directory
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(n - 1)] + [0xFFFFFFFE, 0xFFFFFFFE]
    minifat = [i + 1 for i in range(len(mini) // 64 - 1)] + [0xFFFFFFFE]
    directory = ole_entry("Root Entry", 5, 2, len(mini), child=1) + ole_entry("Workbook", 2, 0, len(stream))
    head = ole_header(1, n + 2, 1, 1) + sector_table(fat) + sector_table(minifat)
    return head + mini_sectors + directory.ljust(512, b"\0")


def peak_during(call):
    """(result or exception, seconds, peak Python allocations in MB, growth of the process's peak RSS in MB)."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.monotonic()
    try:
        outcome = call()
    except WorkbookRejected as exc:
        outcome = exc
    seconds = time.monotonic() - started
    python_peak = tracemalloc.get_traced_memory()[1] / MIB
    tracemalloc.stop()
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024  # ru_maxrss is in KB
    return outcome, seconds, python_peak, rss_growth


# --- reading xlsx ---------------------------------------------------------------------------------------------
def fill_form(workbook):
    sheet = workbook.active
    sheet.title = "Bieu01"
    sheet["C5"] = "Mã chỉ tiêu"
    sheet["D5"] = 15
    sheet["E5"] = 12.5
    sheet["F5"] = True
    sheet["G5"] = dt.date(2023, 6, 30)
    sheet["H5"] = dt.datetime(2023, 6, 30, 8, 30)
    sheet["I5"] = ""
    sheet["D7"] = "x"


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


def test_format_comes_from_content_not_extension(tmp_path):
    assert read_workbook(xlsx_bytes(tmp_path, fill_form), "bieu.xls").file_format == "xlsx"


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


@pytest.mark.parametrize(
    "change",
    [
        {"add": {"xl/vbaProject.bin": b"\x00" * 16}},
        {
            "replace": {
                "[Content_Types].xml": lambda xml: xml.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            }
        },
    ],
    ids=["vba-project", "content-type"],
)
def test_xlsm_is_recognised_by_content(tmp_path, change):
    data = rezip(xlsx_bytes(tmp_path, fill_form), **change)

    workbook = read_workbook(data, "bieu.xlsx")

    assert workbook.file_format == "xlsm"
    assert workbook.sheets[0].rows[4][2] == "Mã chỉ tiêu"


def test_chart_sheet_is_an_empty_sheet(tmp_path):
    def fill(workbook):
        workbook.active["A1"] = 1
        workbook.create_chartsheet("BieuDo")

    sheets = read_workbook(xlsx_bytes(tmp_path, fill), "bieu.xlsx").sheets

    assert [(s.name, s.rows) for s in sheets] == [("Sheet", [[1.0]]), ("BieuDo", [])]


def test_two_sheets_with_one_name_are_damaged(tmp_path):
    def fill(workbook):
        workbook.active.title = "Bieu01"
        workbook.create_sheet("Hai")["A1"] = 1

    data = rezip(xlsx_bytes(tmp_path, fill), {"xl/workbook.xml": lambda xml: xml.replace(b'"Hai"', b'"Bieu01"')})

    assert "bị hỏng" in rejected(data).message


# --- files that are not workbooks -----------------------------------------------------------------------------
def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    return out.getvalue()


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


def test_too_big_file_is_refused_before_parsing():
    problem = rejected(b"PK\x03\x04" + bytes(20 * MIB), "bieu.xlsx")

    assert "vượt giới hạn 20 MB" in problem.message
    assert problem.found == "20 MB"  # one decimal at most, Vietnamese style: '20' here, '23,5' for more


@pytest.mark.parametrize("cut", [0.5, 0.9, -1])
def test_truncated_xlsx_is_damaged(tmp_path, cut):
    data = xlsx_bytes(tmp_path, fill_form)
    end = len(data) + cut if cut < 0 else int(len(data) * cut)

    problem = rejected(data[:end])

    assert "bị hỏng hoặc không đầy đủ" in problem.message
    assert "File > Save As" in problem.message


def test_corrupted_part_is_damaged(tmp_path):
    data = bytearray(xlsx_bytes(tmp_path, fill_form))
    start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")  # inside that part's data
    data[start + 10 : start + 30] = b"\xff" * 20

    assert "bị hỏng" in rejected(bytes(data)).message


def test_xml_declaring_an_unknown_encoding_is_damaged(tmp_path):
    # Found by fuzzing: expat asks Python for the codec, and Python answers LookupError.
    declare = {"xl/worksheets/sheet1.xml": lambda xml: b'<?xml version="1.0" encoding="UTF-q"?>' + xml}

    assert "bị hỏng" in rejected(rezip(xlsx_bytes(tmp_path, fill_form), declare)).message


@pytest.mark.parametrize(
    "data",
    [
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(100),
        ole_bytes(bytes(4096), stream_name="EncryptedPackage"),
    ],
    ids=["bytes-only", "directory"],
)
def test_password_protected_xlsx_is_refused(data):
    # Excel keeps an encrypted xlsx in an OLE2 file with EncryptionInfo and EncryptedPackage streams.
    problem = rejected(data, "bieu.xlsx")

    assert "đang được đặt mật khẩu" in problem.message
    assert "File > Info > Protect Workbook" in problem.message


# --- xls, built record by record -------------------------------------------------------------------------------
@pytest.mark.parametrize("container", [ole_bytes, ole_mini_bytes], ids=["stream", "mini-stream"])
def test_xls_is_read_at_absolute_positions(container):
    stream = biff_stream(
        [
            ("Bieu01", [biff_dimensions(4, 6, 2, 4), biff_number(4, 2, 15), biff_number(5, 3, 12.5)]),
            ("Hai", [biff_number(0, 0, 1)]),
        ]
    )

    workbook = read_workbook(container(stream), "bieu.xls")

    assert workbook.file_format == "xls"
    first, second = workbook.sheets
    assert (first.name, second.name) == ("Bieu01", "Hai")
    assert first.rows[4][2] == 15 and first.rows[5][3] == 12.5
    assert len(first.rows) == 6 and {len(row) for row in first.rows} == {4}
    assert second.rows == [[1.0]]
    assert first.formula_cells_without_value == set()


def test_xls_error_cells_read_as_their_text():
    div0 = biff_record(0x0205, struct.pack("<HHHBB", 2, 1, 0, 0x07, 1))  # BoolErr holding #DIV/0!
    stream = biff_stream([("Bieu01", [biff_number(0, 0, 1), div0])])

    assert read_workbook(ole_bytes(stream), "bieu.xls").sheets[0].rows[2][1] == "#DIV/0!"


def test_xls_with_password_is_refused():
    file_pass = biff_record(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(48))  # RC4 encryption header
    stream = biff_stream([("Bieu01", [biff_number(0, 0, 1)])], globals_extra=file_pass)

    assert "mật khẩu" in rejected(ole_bytes(stream), "bieu.xls").message


@pytest.mark.parametrize(
    "records",
    [
        [biff_dimensions(0, 65536, 0, 256), biff_number(0, 0, 1)],  # declares A1:IV65536: calamine reserves it
        [biff_number(0, 0, 1), biff_number(65535, 255, 2)],  # two cells far apart: calamine fills the box between
    ],
    ids=["declared", "cells"],
)
def test_xls_sheet_too_large_is_refused_before_calamine_allocates_it(records):
    # A few hundred bytes that would make calamine allocate over 500 MB per sheet.
    data = ole_bytes(biff_stream([("Bieu01", records)] * 6))

    problem, seconds, _, rss_growth = peak_during(lambda: read_workbook(data, "bieu.xls"))

    assert isinstance(problem, WorkbookRejected)
    assert problem.problem.sheet == "Bieu01"
    assert "quá lớn" in problem.problem.message and "1.000.000 ô" in problem.problem.message
    assert seconds < 1 and rss_growth < 100


def test_ole_sector_loop_is_damaged_not_endless():
    data = ole_bytes(biff_stream([("Bieu01", [biff_number(0, 0, 1)])]), loop=True)

    problem, seconds, _, _ = peak_during(lambda: read_workbook(data, "bieu.xls"))

    assert isinstance(problem, WorkbookRejected) and "bị hỏng" in problem.problem.message
    assert seconds < 1


def test_rust_panic_in_calamine_is_damaged_not_a_crash():
    short_name = biff_record(0x0018, b"\x00\x00")  # a defined name too short: calamine indexes past its end
    data = ole_bytes(biff_stream([("Bieu01", [biff_number(0, 0, 1)])], globals_extra=short_name))

    assert "bị hỏng" in rejected(data, "bieu.xls").message


# --- ods, written by hand ----------------------------------------------------------------------------------------
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


# --- limits of zip archives --------------------------------------------------------------------------------------
def test_zip_bomb_is_refused_quickly_and_in_little_memory(tmp_path):
    # 1 GiB of zeros as a worksheet: 4.7 MB on disk, written in chunks so that the test itself stays small.
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            zeros = bytes(MIB)
            for _ in range(1024):
                part.write(zeros)
    data = path.read_bytes()

    problem, seconds, python_peak, rss_growth = peak_during(lambda: read_workbook(data, "bomb.xlsx"))

    assert isinstance(problem, WorkbookRejected)
    assert "nén bất thường" in problem.problem.message and "giới hạn 200:1" in problem.problem.message
    assert seconds < 5  # measured: about a millisecond, from the zip directory alone
    assert python_peak < 300 and rss_growth < 300  # measured: a few MB


def test_part_longer_than_its_declared_size_is_refused(tmp_path):
    # The directory says 1,000 bytes; the data inflates to 50 MB. calamine's zip reader would not stop.
    data = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    data = rezip(data, add={"xl/worksheets/sheet1.xml": bytes(50 * MIB)})
    data = patch_central_directory(data, "xl/worksheets/sheet1.xml", 1000, len(data) // 2)

    problem, seconds, python_peak, _ = peak_during(lambda: read_workbook(data, "bieu.xlsx"))

    assert isinstance(problem, WorkbookRejected) and "bị hỏng" in problem.problem.message
    assert seconds < 1 and python_peak < 50


def test_too_many_zip_members_is_refused(tmp_path):
    parts = {"xl/workbook.xml": b"<workbook/>"} | {f"xl/media/image{i}.png": b"x" for i in range(MAX_ZIP_MEMBERS)}

    problem = rejected(zip_of(parts))

    assert "1.001 phần dữ liệu" in problem.message and "giới hạn 1.000" in problem.message


def test_declared_uncompressed_size_over_the_limit_is_refused(tmp_path):
    parts = {"xl/workbook.xml": b"<workbook/>"} | {f"xl/media/image{i}.png": b"x" for i in range(5)}
    data = zip_of(parts)
    for i in range(5):  # 5 x 45 MB at a plausible ratio: only the total is wrong
        data = patch_central_directory(data, f"xl/media/image{i}.png", 45 * MIB, MIB)

    problem = rejected(data)

    assert "khi giải nén nặng 225 MB" in problem.message and "giới hạn 200 MB" in problem.message


def test_one_part_over_the_limit_is_refused(tmp_path):
    data = patch_central_directory(zip_of({"xl/workbook.xml": b"<workbook/>"}), "xl/workbook.xml", 60 * MIB, MIB)

    problem = rejected(data)

    assert "«xl/workbook.xml»" in problem.message and "60 MB" in problem.message


# --- limits of sheets -------------------------------------------------------------------------------------------
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


# --- XML with a DTD ----------------------------------------------------------------------------------------------
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)


@pytest.mark.parametrize(
    ("part", "prefix"),
    [
        ("xl/worksheets/sheet1.xml", LAUGHS),
        ("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE workbook SYSTEM "http://example.org/x.dtd">'),
        ("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><!--' + "x" * 5000 + "--><!DOCTYPE worksheet [ ]>"),
    ],
    ids=["entities", "external-dtd", "doctype-after-4kb"],
)
def test_doctype_or_entity_in_a_part_is_refused(tmp_path, part, prefix):
    def add_prefix(xml: bytes) -> bytes:
        return prefix.encode() + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)

    data = rezip(xlsx_bytes(tmp_path, fill_form), {part: add_prefix})

    problem = rejected(data)

    assert "DOCTYPE/ENTITY" in problem.message and f"«{part}»" in problem.message


# --- never a traceback ------------------------------------------------------------------------------------------
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


FORM_FOR_MUTATION = ole_bytes(biff_stream([("Bieu01", [biff_dimensions(0, 2, 0, 2), biff_number(1, 1, 15)])]))


@settings(max_examples=300, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, len(FORM_FOR_MUTATION) - 1), st.integers(0, 255)), max_size=8))
def test_damaged_xls_is_read_or_refused(edits):
    data = bytearray(FORM_FOR_MUTATION)
    for position, value in edits:
        data[position] = value
    try:
        read_workbook(bytes(data), "bieu.xls")
    except WorkbookRejected as exc:
        assert exc.problem.message


# --- files saved by LibreOffice (.xls, .ods and .xlsx as people send them) ----------------------------------------
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
