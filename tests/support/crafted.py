"""Workbook files built at test time for the reader tests: xlsx from openpyxl and changed part by part, zips,
hand-written ods, BIFF records in OLE2 containers; and how a refusal or a read is checked and measured."""

from __future__ import annotations

import datetime as dt
import io
import re
import resource
import struct
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from etl.readers import WorkbookRejected, read_workbook

MIB = 1024 * 1024


# --- building files at test time ------------------------------------------------------------------------------------
def xlsx_bytes(tmp_path, fill, name="bieu.xlsx") -> bytes:
    """An xlsx written by openpyxl; `fill(workbook)` puts the content in."""
    workbook = openpyxl.Workbook()
    fill(workbook)
    path = tmp_path / name
    workbook.save(path)
    return path.read_bytes()


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


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
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


# --- checking and measuring a read ----------------------------------------------------------------------------------
def rejected(data: bytes, file_name: str = "bieu.xlsx"):
    with pytest.raises(WorkbookRejected) as info:
        read_workbook(data, file_name)
    assert str(info.value) == info.value.problem.message
    assert f"«{file_name}»" in info.value.problem.message
    assert info.value.problem.severity == "error"
    return info.value.problem


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
