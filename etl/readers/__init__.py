"""Read the bytes of an uploaded workbook (xlsx, xlsm, xls, ods) into plain cell grids, or reject the file."""

from __future__ import annotations

import struct
from xml.parsers import expat

from core import texts
from etl.readers.calamine import Sheet, Workbook, convert
from etl.readers.limits import (
    MAX_FILE_BYTES,
    XML_PROLOG_BYTES,
    check_data_size,
    check_file_size,
    check_sheet_count,
    check_workbook_size,
)
from etl.readers.ods import scan_ods
from etl.readers.ole import workbook_stream
from etl.readers.refusals import Damaged, Refusal, WorkbookRejected, not_spreadsheet
from etl.readers.xls import scan_xls
from etl.readers.xlsx import scan_xlsx
from etl.readers.zip_guard import check_parts_honest, check_zip_directory, open_zip, zip_format

# What the rest of the product imports, always from `etl.readers`; only a module's own tests reach behind it.
__all__ = ["MAX_FILE_BYTES", "Sheet", "Workbook", "WorkbookRejected", "check_file_size", "read_workbook"]

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"  # a zip archive with no members at all
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# Errors that mean "this file is broken", as opposed to a bug here or on the server (which must surface).
_DAMAGED_ERRORS = (Damaged, expat.ExpatError, struct.error)


def read_workbook(data: bytes, file_name: str) -> Workbook:
    """Every sheet of the workbook in `data` as a grid of plain values; WorkbookRejected if it cannot be read."""
    try:
        return _read(data)
    except Refusal as refusal:
        raise WorkbookRejected(refusal.problem(file_name)) from None
    except _DAMAGED_ERRORS as exc:
        raise WorkbookRejected(_damaged().problem(file_name)) from exc


def _read(data: bytes) -> Workbook:
    check_data_size(data)
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data)
    if data.startswith(_OLE_MAGIC):
        return _read_ole(data)
    raise not_spreadsheet(_describe_other(data))


def _read_zip(data: bytes) -> Workbook:
    with open_zip(data) as archive:
        infos = archive.infolist()
        check_zip_directory(infos)
        check_parts_honest(archive, infos)
        file_format = zip_format(archive)
        scans = scan_ods(archive) if file_format == "ods" else scan_xlsx(archive)
    check_sheet_count(len(scans))
    check_workbook_size(list(scans.values()))
    return convert(data, file_format, scans)


def _read_ole(data: bytes) -> Workbook:
    scans = scan_xls(workbook_stream(data))
    check_workbook_size(scans)
    return convert(data, "xls", scans)


def _damaged() -> Refusal:
    return Refusal(texts.WORKBOOK_DAMAGED, found=texts.WORKBOOK_FOUND_DAMAGED, expected=texts.WORKBOOK_EXPECTED_OPENS)


def _describe_other(data: bytes) -> str:
    """What a file that is neither zip nor OLE2 looks like, in the clerk's words."""
    head = data[:XML_PROLOG_BYTES]
    if head.startswith(b"%PDF"):
        return texts.WORKBOOK_FOUND_PDF
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return texts.WORKBOOK_FOUND_IMAGE
    if head.startswith(_EMPTY_ZIP_MAGIC):
        return texts.WORKBOOK_FOUND_ZIP
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return texts.WORKBOOK_FOUND_HTML
    if b"\x00" not in head:
        return texts.WORKBOOK_FOUND_TEXT
    return texts.WORKBOOK_FOUND_UNKNOWN
