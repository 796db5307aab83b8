"""Read the bytes of an uploaded workbook (xlsx, xlsm, xls, ods) into plain cell grids, or reject the file."""

from __future__ import annotations

import copy
import io
import posixpath
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import python_calamine

from core import fmt
from etl import messages as msg
from etl.problems import Problem, cell_ref, excerpt

MIB = 1024 * 1024

# --- limits: each is checked before the parser it protects runs ---------------------------------------------
MAX_FILE_BYTES = 20 * MIB  # a filled form is tens of KB; 20 MB leaves room for logos and extra sheets
MAX_ZIP_MEMBERS = 1_000  # parts inside an xlsx/ods; a real workbook has a few dozen
MAX_UNCOMPRESSED_BYTES = 200 * MIB  # all parts together once unzipped, as the zip directory declares them
MAX_COMPRESSION_RATIO = 200  # real XML compresses 5 to 50 times; a zip bomb of zeros about 1,000 times
RATIO_MIN_BYTES = 1 * MIB  # smaller parts are exempt from the ratio: they cannot hurt, and short repetitive XML can
MAX_PART_BYTES = 50 * MIB  # one part unzipped; calamine loads sharedStrings.xml or content.xml whole in memory
MAX_SHEETS = 250  # sheets in one workbook
MAX_SHEET_CELLS = 1_000_000  # one sheet: its grid from A1 to the last used cell, and the cells stored in the file
MAX_WORKBOOK_CELLS = 2_000_000  # all sheets together: xls and ods are parsed whole, in one go, by calamine
# Characters of text in all cells, a shared or repeated string counted at every cell that shows it: calamine and
# Python each hold a copy per cell, so a few KB of text used a million times would take gigabytes. A form has a few
# thousand; this leaves room for long notes and stays under 100 MB of memory.
MAX_WORKBOOK_TEXT = 10_000_000
MAX_XML_ELEMENTS = 5_000_000  # elements in one XML part we stream ourselves; bounds our own parsing time
MAX_ODS_SPACES = 1_000_000  # <text:s text:c="n"/> in content.xml: calamine writes the n spaces out one by one
XML_PROLOG_BYTES = 4096  # where a DOCTYPE or ENTITY declaration would sit in a part

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"  # a zip archive with no members at all
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# How Excel stores a password-protected xlsx: an OLE2 container with these streams instead of a zip.
_ENCRYPTION_STREAMS = frozenset({"EncryptionInfo", "EncryptedPackage"})
_CHUNK = 64 * 1024  # bytes read from a zip part at a time
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_DTD_MARKER_OVERLAP = len(b"<!DOCTYPE") - 1


# --- what read_workbook returns -------------------------------------------------------------------------------
@dataclass
class Sheet:
    """One sheet as a grid of plain values."""

    name: str
    rows: list[list[object]]  # rows[r][c] is the cell at 0-based row r, column c counted from A1; None if empty
    visible: bool
    formula_cells_without_value: set[tuple[int, int]]  # 0-based (row, col); xlsx/xlsm only, empty otherwise


@dataclass
class Workbook:
    """Every sheet of one uploaded file."""

    file_format: str  # "xlsx" | "xlsm" | "xls" | "ods"
    sheets: list[Sheet]  # in workbook order, hidden ones included (flagged)


class WorkbookRejected(Exception):
    """The file cannot be read as a workbook; `problem` says why, worded for the clerk."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _Refusal(Exception):
    """Raised deep inside the readers; read_workbook adds the file name and turns it into WorkbookRejected."""

    def __init__(self, template: str, *, found: str = "", expected: str = "", sheet: str = "", **fields: object):
        super().__init__(template)
        self.template, self.found, self.expected, self.sheet, self.fields = template, found, expected, sheet, fields

    def problem(self, file_name: str) -> Problem:
        text = self.template.format(file_name=file_name, found=self.found, sheet=excerpt(self.sheet), **self.fields)
        return Problem(text, sheet=self.sheet, found=self.found, expected=self.expected)


class _Damaged(Exception):
    """The file's structure is inconsistent (truncated, corrupted, or crafted)."""


# What zipfile raises on a broken archive, besides BadZipFile.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,  # bad offsets, bad UTF-8 names in the directory
    OSError,  # bz2 and lzma members
    NotImplementedError,  # a compression method Python does not know
    RuntimeError,  # an encrypted member
)
# Errors that mean "this file is broken", as opposed to a bug here or on the server (which must surface).
_DAMAGED_ERRORS = (_Damaged, expat.ExpatError, struct.error)


def read_workbook(data: bytes, file_name: str) -> Workbook:
    """Every sheet of the workbook in `data` as a grid of plain values; WorkbookRejected if it cannot be read."""
    try:
        return _read(data)
    except _Refusal as refusal:
        raise WorkbookRejected(refusal.problem(file_name)) from None
    except _DAMAGED_ERRORS as exc:
        raise WorkbookRejected(_damaged().problem(file_name)) from exc


def check_file_size(size: int, file_name: str) -> None:
    """Refuse a file by its size alone, before its bytes are read into memory."""
    if size > MAX_FILE_BYTES:
        limit = _megabytes(MAX_FILE_BYTES)
        raise WorkbookRejected(
            _Refusal(msg.WORKBOOK_TOO_BIG, found=_megabytes(size), expected=_at_most(limit), limit=limit).problem(
                file_name
            )
        )


def _read(data: bytes) -> Workbook:
    _check_file_size(data)
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data)
    if data.startswith(_OLE_MAGIC):
        return _read_ole(data)
    raise _not_spreadsheet(_describe_other(data))


# --- refusals ----------------------------------------------------------------------------------------------
def _megabytes(n_bytes: int) -> str:
    return f"{fmt.count(round(n_bytes / MIB, 1))} MB"


def _at_most(limit: str) -> str:
    return msg.WORKBOOK_AT_MOST.format(limit=limit)


def _damaged() -> _Refusal:
    return _Refusal(msg.WORKBOOK_DAMAGED, found=msg.WORKBOOK_FOUND_DAMAGED, expected=msg.WORKBOOK_EXPECTED_OPENS)


def _password() -> _Refusal:
    return _Refusal(
        msg.WORKBOOK_PASSWORD, found=msg.WORKBOOK_FOUND_PASSWORD, expected=msg.WORKBOOK_EXPECTED_NO_PASSWORD
    )


def _unsafe_xml(part: str) -> _Refusal:
    return _Refusal(
        msg.WORKBOOK_UNSAFE_XML, found="DOCTYPE/ENTITY", expected=msg.WORKBOOK_EXPECTED_OPENS, part=part[:100]
    )


def _not_spreadsheet(found: str) -> _Refusal:
    return _Refusal(msg.WORKBOOK_NOT_SPREADSHEET, found=found, expected=msg.WORKBOOK_EXPECTED_FORMATS)


def _check_file_size(data: bytes) -> None:
    if not data:
        raise _not_spreadsheet(msg.WORKBOOK_FOUND_EMPTY)
    if len(data) > MAX_FILE_BYTES:
        limit = _megabytes(MAX_FILE_BYTES)
        raise _Refusal(msg.WORKBOOK_TOO_BIG, found=_megabytes(len(data)), expected=_at_most(limit), limit=limit)


def _describe_other(data: bytes) -> str:
    """What a file that is neither zip nor OLE2 looks like, in the clerk's words."""
    head = data[:XML_PROLOG_BYTES]
    if head.startswith(b"%PDF"):
        return msg.WORKBOOK_FOUND_PDF
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return msg.WORKBOOK_FOUND_IMAGE
    if head.startswith(_EMPTY_ZIP_MAGIC):
        return msg.WORKBOOK_FOUND_ZIP
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        return msg.WORKBOOK_FOUND_HTML
    if b"\x00" not in head:
        return msg.WORKBOOK_FOUND_TEXT
    return msg.WORKBOOK_FOUND_UNKNOWN


def _counted(template: str, count: float) -> str:
    return template.format(count=fmt.number(count))


def _check_sheet_count(count: int) -> None:
    if count > MAX_SHEETS:
        limit = _counted(msg.WORKBOOK_COUNT_SHEETS, MAX_SHEETS)
        found = _counted(msg.WORKBOOK_COUNT_SHEETS, count)
        raise _Refusal(msg.WORKBOOK_TOO_MANY_SHEETS, found=found, expected=_at_most(limit), limit=limit)


# --- the shape of each sheet, found by our own pass before calamine builds it ------------------------------
@dataclass
class _SheetScan:
    """Where a sheet's cells are, measured cheaply; calamine allocates a dense grid over that area."""

    name: str
    n_rows: int = 0  # grid height from row 1 to the last used cell
    n_cols: int = 0  # grid width from column A to the last used cell
    stored_cells: int = 0  # cells the file stores (repeats expanded)
    text: int = 0  # characters of text its cells will hold, each copy of a shared or repeated string counted
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> '#DIV/0!'
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)

    @property
    def area(self) -> int:
        return self.n_rows * self.n_cols

    def use(self, row: int, col: int, n_rows: int = 1, n_cols: int = 1) -> None:
        """Record a used block of cells at (row, col); refuse as soon as the sheet is too large."""
        if row + n_rows > self.n_rows:
            self.n_rows = row + n_rows
        if col + n_cols > self.n_cols:
            self.n_cols = col + n_cols
        self.stored_cells += n_rows * n_cols
        if self.n_rows * self.n_cols > MAX_SHEET_CELLS:
            raise _sheet_too_large(self.name, _area_found(self.n_rows, self.n_cols))
        if self.stored_cells > MAX_SHEET_CELLS:
            raise _sheet_too_large(self.name, msg.WORKBOOK_FOUND_CELLS.format(cells=fmt.number(MAX_SHEET_CELLS)))


def _area_found(n_rows: int, n_cols: int) -> str:
    return msg.WORKBOOK_FOUND_AREA.format(cell=cell_ref(n_rows - 1, n_cols - 1), cells=fmt.number(n_rows * n_cols))


def _sheet_too_large(sheet: str, found: str) -> _Refusal:
    limit = _counted(msg.WORKBOOK_COUNT_CELLS, MAX_SHEET_CELLS)
    return _Refusal(msg.WORKBOOK_SHEET_TOO_LARGE, sheet=sheet, found=found, expected=_at_most(limit), limit=limit)


def _check_workbook_size(scans: list[_SheetScan]) -> None:
    """All sheets together, as calamine and then Python will hold them: cells, and the text in them."""
    total = sum(max(s.area, s.stored_cells) for s in scans)
    if total > MAX_WORKBOOK_CELLS:
        limit = _counted(msg.WORKBOOK_COUNT_CELLS, MAX_WORKBOOK_CELLS)
        found = _counted(msg.WORKBOOK_COUNT_CELLS, total)
        raise _Refusal(msg.WORKBOOK_TOO_MANY_CELLS, found=found, expected=_at_most(limit), limit=limit)
    text = sum(s.text for s in scans)
    if text > MAX_WORKBOOK_TEXT:
        limit = _counted(msg.WORKBOOK_COUNT_CHARACTERS, MAX_WORKBOOK_TEXT)
        found = _counted(msg.WORKBOOK_COUNT_CHARACTERS, text)
        raise _Refusal(msg.WORKBOOK_TOO_MUCH_TEXT, found=found, expected=_at_most(limit), limit=limit)


# --- zip containers: xlsx, xlsm, ods --------------------------------------------------------------------------
def _read_zip(data: bytes) -> Workbook:
    with _open_zip(data) as archive:
        infos = archive.infolist()
        _check_zip_directory(infos)
        _check_parts_honest(archive, infos)
        file_format = _zip_format(archive)
        scans = _scan_ods(archive) if file_format == "ods" else _scan_xlsx(archive)
    _check_sheet_count(len(scans))
    _check_workbook_size(list(scans.values()))
    return _convert(data, file_format, scans)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise _Damaged(str(exc)) from exc


def _check_zip_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse bombs from the central directory alone, before decompressing a single byte."""
    if len(infos) > MAX_ZIP_MEMBERS:
        limit = _counted(msg.WORKBOOK_COUNT_PARTS, MAX_ZIP_MEMBERS)
        found = _counted(msg.WORKBOOK_COUNT_PARTS, len(infos))
        raise _Refusal(msg.WORKBOOK_TOO_MANY_PARTS, found=found, expected=_at_most(limit), limit=limit)
    if len({info.filename for info in infos}) != len(infos):
        raise _Damaged("two zip members with the same name")  # Python and calamine might not pick the same one
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _Refusal(
                msg.WORKBOOK_ZIP_BOMB,
                found=msg.WORKBOOK_RATIO.format(ratio=fmt.number(ratio)),
                expected=msg.WORKBOOK_RATIO_AT_MOST.format(ratio=MAX_COMPRESSION_RATIO),
                ratio=fmt.number(ratio),
                limit=MAX_COMPRESSION_RATIO,
            )
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            limit = _megabytes(MAX_PART_BYTES)
            raise _Refusal(
                msg.WORKBOOK_PART_TOO_BIG,
                found=_megabytes(info.file_size),
                expected=_at_most(limit),
                part=info.filename[:100],
                limit=limit,
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        limit = _megabytes(MAX_UNCOMPRESSED_BYTES)
        raise _Refusal(msg.WORKBOOK_UNZIPPED_TOO_BIG, found=_megabytes(total), expected=_at_most(limit), limit=limit)


def _part_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, never more than the directory declares (a lying size is a bomb that dodged our checks)."""
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1  # let zipfile hand over one byte too many, so that a lie shows
    produced = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(_CHUNK):
                produced += len(chunk)
                if produced > info.file_size:
                    raise _Damaged(f"{info.filename} is longer than its declared size")
                yield chunk
    except _ZIP_ERRORS as exc:
        raise _Damaged(str(exc)) from exc


def _check_parts_honest(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Decompress every part once, in chunks: sizes and CRCs must match what calamine will trust.

    No XML part may declare a DTD (Open Packaging Conventions forbid it), including the parts only calamine
    reads, such as xl/sharedStrings.xml and xl/styles.xml: its parser skips the declaration silently.
    """
    for info in infos:
        is_xml = info.filename.lower().endswith((".xml", ".rels"))
        tail = b""
        for chunk in _part_chunks(archive, info):
            if is_xml:
                window = tail + chunk  # a marker may straddle two chunks
                if any(marker in window for marker in _DTD_MARKERS):
                    raise _unsafe_xml(info.filename)
                tail = window[-_DTD_MARKER_OVERLAP:]


def _read_small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    return b"".join(_part_chunks(archive, archive.getinfo(name)))


def _zip_format(archive: zipfile.ZipFile) -> str:
    """xlsx, xlsm or ods by content, whatever the file's extension says."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        if "xl/vbaProject.bin" in names:
            return "xlsm"
        content_types = "[Content_Types].xml"
        if content_types in names and b"macroenabled" in _read_small_part(archive, content_types).lower():
            return "xlsm"
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise _Refusal(msg.WORKBOOK_XLSB, found=msg.WORKBOOK_FOUND_XLSB, expected=msg.WORKBOOK_EXPECTED_FORMATS)
    if "mimetype" in names:
        mimetype = _read_small_part(archive, "mimetype").strip()
        if mimetype == _ODS_MIMETYPE:
            return "ods"
        raise _not_spreadsheet(msg.WORKBOOK_FOUND_OPENDOCUMENT)
    if "word/document.xml" in names:
        raise _not_spreadsheet(msg.WORKBOOK_FOUND_WORD)
    if "ppt/presentation.xml" in names:
        raise _not_spreadsheet(msg.WORKBOOK_FOUND_POWERPOINT)
    raise _not_spreadsheet(msg.WORKBOOK_FOUND_ZIP)


# --- streaming XML, refusing DTDs ------------------------------------------------------------------------------
def _parse_part(
    archive: zipfile.ZipFile,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Stream one XML part through expat. Names arrive as written, prefix included, as calamine reads them."""
    parser = expat.ParserCreate()
    parser.buffer_text = True  # one text callback per run of text, not one per line
    unsafe = _unsafe_xml(name)

    def refuse(*_args: object) -> None:
        raise unsafe

    elements = 0

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal elements
        elements += 1
        if elements > MAX_XML_ELEMENTS:
            found = _counted(msg.WORKBOOK_FOUND_ELEMENTS, MAX_XML_ELEMENTS)
            limit = _counted(msg.WORKBOOK_COUNT_ELEMENTS, MAX_XML_ELEMENTS)
            raise _Refusal(msg.WORKBOOK_PART_TOO_BIG, found=found, expected=_at_most(limit), part=name, limit=limit)
        start(tag, attrs)

    # Python 3.11's expat already resists entity expansion bombs; a DTD has no business in a workbook anyway.
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = on_start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    head = b""
    try:
        for chunk in _part_chunks(archive, archive.getinfo(name)):
            if len(head) < XML_PROLOG_BYTES:
                head += chunk[:XML_PROLOG_BYTES]
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise unsafe
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except LookupError as exc:  # an XML declaration naming an encoding that does not exist
        raise _Damaged(str(exc)) from exc


def _local(name: str) -> str:
    """'x:c' -> 'c': calamine matches xlsx names without their prefix, whatever namespace it stands for."""
    return name.rpartition(":")[2] if ":" in name else name


# --- xlsx / xlsm ---------------------------------------------------------------------------------------------------
_SHARED_STRINGS = "xl/sharedStrings.xml"  # calamine reads the shared strings from this part only, whatever the rels say
_COLUMNS: dict[str, int] = {}  # 'E' -> 4, filled as met (at most 18,278 entries: one to three letters)


def _column(letters: str) -> int:
    col = _COLUMNS.get(letters)
    if col is None:
        if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()):
            raise _Damaged(f"bad column {letters!r}")
        col = 0
        for letter in letters:
            col = col * 26 + ord(letter) - 64
        col = _COLUMNS[letters] = col - 1
    return col


def _parse_ref(ref: str) -> tuple[int, int]:
    """'E12' -> (11, 4); anything else is a damaged file."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not digits or digits[0] == "0" or len(digits) > 7:
        raise _Damaged(f"bad cell reference {ref!r}")
    return int(digits) - 1, _column(letters)


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(sheet name, worksheet part) in workbook order; the part is None for chart and dialog sheets."""
    targets: dict[str, tuple[str, str]] = {}  # relationship id -> (type, part name)

    def on_relationship(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and "Id" in attrs:
            target = attrs.get("Target", "")
            part = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[attrs["Id"]] = (attrs.get("Type", ""), posixpath.normpath(part))

    sheets: list[tuple[str, str]] = []  # (name, relationship id)

    def on_workbook(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            rel_id = next((v for k, v in attrs.items() if k != "id" and _local(k) == "id"), "")  # r:id
            sheets.append((attrs.get("name", ""), rel_id))

    _parse_part(archive, "xl/_rels/workbook.xml.rels", on_relationship)
    _parse_part(archive, "xl/workbook.xml", on_workbook)
    _check_sheet_count(len(sheets))
    parts = []
    for name, rel_id in sheets:
        if rel_id not in targets:
            raise _Damaged(f"sheet {name!r} has no relationship")
        rel_type, part = targets[rel_id]
        parts.append((name, part if rel_type.endswith("/worksheet") else None))
    return parts


class _XlsxSheetReader:
    """Follows a worksheet part as calamine does: cell positions, error values, formulas with no cached value,
    and the text the cells will hold (`shared`: the length of each shared string, by index).

    Called for every element of what may be a large part, so it keeps to plain attributes and few calls.
    """

    def __init__(self, scan: _SheetScan, shared: list[int]):
        self.scan, self.shared = scan, shared
        self.row = self.col = 0  # where a <c> without r="" sits, as calamine counts it
        self.cell_row = 0  # the current cell's row: its r="" does not move the row count, in calamine
        self.in_cell = self.has_v = self.has_f = self.has_is = self.in_value = self.in_inline = False
        self.cell_type = ""
        self.value: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag == "c":
            self.cell_row, self.col = _parse_ref(attrs["r"]) if "r" in attrs else (self.row, self.col)
            self.in_cell, self.has_v, self.has_f, self.has_is = True, False, False, False
            self.cell_type = attrs.get("t", "n")
        elif not self.in_cell:
            if tag == "row" and "r" in attrs:
                self.row = _row_number(attrs["r"])
        elif tag == "v":
            self.has_v = True
            # Its text matters to tell a computed formula, to keep an error's text, and to measure text
            # (or find the shared string); a plain number's is never needed.
            self.in_value = self.has_f or self.cell_type != "n"
            self.value = []
        elif tag == "f":
            self.has_f = True
        elif tag == "is":
            self.has_is = self.in_inline = True

    def text(self, data: str) -> None:
        if self.in_value:
            self.value.append(data)
        elif self.in_inline:
            self.scan.text += len(data)

    def end(self, tag: str) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag == "c" and self.in_cell:
            if self.has_v or self.has_f or self.has_is:  # else a formatted blank: calamine keeps nothing there
                self._end_cell((self.cell_row, self.col))
            self.in_cell, self.col = False, self.col + 1
        elif tag == "v":
            self.in_value = False
        elif tag == "is":
            self.in_inline = False
        elif tag == "row":
            self.row, self.col = self.row + 1, 0

    def _end_cell(self, cell: tuple[int, int]) -> None:
        self.scan.use(*cell)
        value = "".join(self.value).strip() if self.has_v else ""
        if self.cell_type == "s":
            index = int(value) if value.isascii() and value.isdigit() and len(value) < 10 else -1
            self.scan.text += self.shared[index] if 0 <= index < len(self.shared) else 0
        elif self.cell_type not in ("n", "b", "e"):  # a string computed by a formula, a date written as text
            self.scan.text += len(value)
        if not (self.has_f or self.cell_type == "e"):
            return
        # An empty <v> is a cached empty string only for t="str" (=IF(A1="";"";A1)); else nothing was computed.
        computed = self.has_v and (value or self.cell_type == "str")
        if self.has_f and not self.has_is and not computed:
            self.scan.formulas_without_value.add(cell)
        if self.cell_type == "e" and value:
            self.scan.errors[cell] = value


def _row_number(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit()) or raw[0] == "0" or len(raw) > 7:
        raise _Damaged(f"bad row number {raw!r}")
    return int(raw) - 1


def _shared_string_lengths(archive: zipfile.ZipFile) -> list[int]:
    """The length of each shared string (calamine copies it into every cell that refers to it).

    calamine reserves room for as many strings as the table declares before reading one: a declared count beyond
    what a workbook may hold is a crafted file, refused before calamine tries to allocate it.
    """
    if _SHARED_STRINGS not in archive.namelist():
        return []
    lengths: list[int] = []
    in_string = False

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal in_string
        name = _local(tag)
        if name == "si":
            lengths.append(0)
            in_string = True
        elif name == "sst":
            declared = next((v for k, v in attrs.items() if _local(k) == "uniqueCount"), "")
            digits = declared.strip().lstrip("+").lstrip("0")
            if digits.isascii() and digits.isdigit() and (len(digits) > 9 or int(digits) > MAX_WORKBOOK_CELLS):
                raise _Damaged(f"shared string table declares {digits[:20]} strings")

    def end(tag: str) -> None:
        nonlocal in_string
        if _local(tag) == "si":
            in_string = False

    def text(data: str) -> None:
        if in_string:
            lengths[-1] += len(data)  # phonetic runs too, which calamine drops: an upper bound is enough

    _parse_part(archive, _SHARED_STRINGS, start, end, text)
    return lengths


def _scan_xlsx(archive: zipfile.ZipFile) -> dict[str, _SheetScan]:
    names = set(archive.namelist())
    shared = _shared_string_lengths(archive)
    by_part: dict[str, _SheetScan] = {}
    scans: dict[str, _SheetScan] = {}
    for name, part in _xlsx_sheet_parts(archive):
        if part is None:
            scans[name] = _SheetScan(name)
            continue
        if part not in names:
            raise _Damaged(f"missing worksheet part {part}")
        if part not in by_part:
            reader = _XlsxSheetReader(_SheetScan(name), shared)
            _parse_part(archive, part, reader.start, reader.end, reader.text)
            by_part[part] = reader.scan
        scans[name] = by_part[part]
    return scans


# --- ods ---------------------------------------------------------------------------------------------------------
# calamine matches these qualified names literally (prefix included), so we do too.
_ODS_VALUE_ATTRS = (
    "office:value-type",
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "table:formula",
)
_ODS_CELLS = ("table:table-cell", "table:covered-table-cell")
_ODS_TEXT_ATTRS = ("office:string-value", "office:date-value", "office:time-value")  # kept as text by calamine


def _repeat(attrs: dict[str, str], name: str, default: str = "1") -> int:
    raw = attrs.get(name, default)
    # Ten digits at most: Python refuses to convert thousands of them, and no sheet repeats more than that.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10 or int(raw) < 1:
        raise _Damaged(f"bad {name} {raw[:20]!r}")
    return int(raw)


class _OdsReader:
    """Follows content.xml as calamine does, counting repeated rows and cells and the text of each copy,
    and keeping error texts."""

    def __init__(self) -> None:
        self.scans: dict[str, _SheetScan] = {}
        self.scan: _SheetScan | None = None
        self.row = self.col = self.row_repeat = 0
        self.cell_depth = 0  # > 0 inside a cell, where calamine reads no rows
        self.cell_text = self.cell_copies = 0  # the current cell's characters, and how many cells get a copy
        self.spaces = 0
        self.error: tuple[int, int, int] | None = None  # (row, col, columns repeated) of the error cell being read
        self.error_text: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "table:table" and self.scan is None and "table:name" in attrs:
            self.scan = _SheetScan(attrs["table:name"])
            self.row = 0
        elif self.scan is None:
            return
        elif self.cell_depth:
            self.cell_depth += 1
            if tag == "text:s":
                spaces = _repeat(attrs, "text:c")
                self.spaces += spaces
                self.cell_text += spaces
                if self.spaces > MAX_ODS_SPACES:
                    raise _Damaged("too many repeated spaces")
        elif tag == "table:table-row":
            self.row_repeat, self.col = _repeat(attrs, "table:number-rows-repeated"), 0
        elif tag in _ODS_CELLS:
            self._start_cell(attrs)

    def _start_cell(self, attrs: dict[str, str]) -> None:
        repeat = _repeat(attrs, "table:number-columns-repeated")
        self.cell_depth = 1
        self.cell_text = self.cell_copies = 0
        if any(name in attrs for name in _ODS_VALUE_ATTRS):
            self.scan.use(self.row, self.col, self.row_repeat, repeat)
            self.cell_copies = self.row_repeat * repeat  # calamine copies the value into every repeated cell
            self.cell_text = sum(len(attrs.get(name, "")) for name in _ODS_TEXT_ATTRS)
            if attrs.get("calcext:value-type") == "error":
                self.error, self.error_text = (self.row, self.col, repeat), []
        self.col += repeat

    def text(self, data: str) -> None:
        if self.cell_depth:
            self.cell_text += len(data)
        if self.error:
            self.error_text.append(data)

    def end(self, tag: str) -> None:
        if self.scan is None:
            return
        if self.cell_depth:
            self.cell_depth -= 1
            if not self.cell_depth:
                self.scan.text += self.cell_text * self.cell_copies
                if self.error:
                    self._keep_error(*self.error)
        elif tag == "table:table-row":
            self.row += self.row_repeat
        elif tag == "table:table":
            if self.scan.name in self.scans:
                # calamine would parse every one of them, and keep one: refused before it spends the time.
                raise _Damaged("two sheets with the same name")
            self.scans[self.scan.name] = self.scan
            self.scan = None

    def _keep_error(self, row: int, col: int, repeat: int) -> None:
        text = "".join(self.error_text).strip()
        if text:
            for r in range(row, row + self.row_repeat):
                for c in range(col, col + repeat):
                    self.scan.errors[(r, c)] = text
        self.error = None


def _scan_ods(archive: zipfile.ZipFile) -> dict[str, _SheetScan]:
    if "content.xml" not in archive.namelist():
        raise _Damaged("no content.xml")
    reader = _OdsReader()
    _parse_part(archive, "content.xml", reader.start, reader.end, reader.text)
    return reader.scans


# --- OLE2 containers: xls, and Excel's password-protected xlsx --------------------------------------------------
_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR_ID = 0xFFFFFFFA  # ids from here up are markers, not sectors
_DIFSECT = 0xFFFFFFFC
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096  # streams shorter than this live in the mini stream
# calamine reserves a vector sized from header bytes 62..66, which mixes in the mini FAT length: keep it sane.
_OLE_MAX_MINIFAT_SECTORS = 256


def _u16(data: bytes | memoryview, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes | memoryview, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


class _Ole:
    """Just enough of MS-CFB to fetch the Workbook stream, checking every place calamine would trust blindly.

    calamine follows sector chains without loop checks and grows its buffer to any sector id it meets,
    so a crafted 8 KB file could make it allocate terabytes; every id and length is bounded here first.
    """

    def __init__(self, data: bytes):
        if len(data) < 512:
            raise _Damaged("OLE header truncated")
        shift = _u16(data, 30)
        if shift not in (9, 12) or _u16(data, 32) != 6:
            raise _Damaged("bad OLE sector shift")
        self.size = 1 << shift
        self.body = memoryview(data)[512 if shift == 9 else 4096 :]
        self.version = _u16(data, 26)
        dir_sectors, fat_sectors, self.dir_start = _u32(data, 40), _u32(data, 44), _u32(data, 48)
        self.minifat_start, self.minifat_sectors = _u32(data, 60), _u32(data, 64)
        n_sectors = -(-len(self.body) // self.size)
        if (
            fat_sectors > n_sectors
            or dir_sectors > n_sectors
            or self.minifat_sectors > min(n_sectors, _OLE_MAX_MINIFAT_SECTORS)
        ):
            raise _Damaged("OLE header counts beyond the file")
        self.dir_bytes = dir_sectors * self.size
        self.fat = self._load_fat(data)
        self.entries = self._entries()

    def _sector(self, sid: int) -> memoryview:
        if sid * self.size >= len(self.body):
            raise _Damaged("sector beyond the end of the file")
        return self.body[sid * self.size : (sid + 1) * self.size]

    def _load_fat(self, data: bytes) -> list[int]:
        difat = list(struct.unpack_from("<109I", data, 76))
        sid, seen = _u32(data, 68), set()
        while sid < _MAX_SECTOR_ID:
            if sid in seen:
                raise _Damaged("DIFAT loop")
            seen.add(sid)
            sector = self._sector(sid)
            difat.extend(struct.unpack_from(f"<{len(sector) // 4}I", sector))
            sid = difat.pop()
        fat: list[int] = []
        for sid in difat:
            if sid < _DIFSECT:
                sector = self._sector(sid)
                fat.extend(struct.unpack_from(f"<{len(sector) // 4}I", sector))
        return fat

    def _chain(self, sid: int, fat: list[int], sector: Callable[[int], memoryview], length: int) -> bytes:
        out, seen = bytearray(), set()
        while sid != _ENDOFCHAIN:
            if sid in seen or sid >= len(fat):
                raise _Damaged("broken sector chain")
            seen.add(sid)
            out += sector(sid)
            sid = fat[sid]
        return bytes(out[:length]) if length else bytes(out)

    def _entries(self) -> list[tuple[str, int, int]]:
        """(name, start sector, size) of every directory entry, in directory order."""
        raw = self._chain(self.dir_start, self.fat, self._sector, self.dir_bytes)
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            name = raw[offset : offset + 64].decode("utf-16-le", "replace").split("\x00")[0]  # as calamine does
            size = _u32(raw, offset + 120) if self.size == 512 else struct.unpack_from("<Q", raw, offset + 120)[0]
            entries.append((name, _u32(raw, offset + 116), size))
        if not entries or (self.version != 3 and entries[0][1] == _ENDOFCHAIN):
            raise _Damaged("empty OLE root")
        return entries

    def stream(self, *names: str) -> bytes | None:
        """The first stream called names[0] (else names[1]...), as calamine picks it; None if there is none."""
        entries = self.entries
        root_start, root_size = entries[0][1], entries[0][2]
        mini_stream, minifat = b"", []
        if self.minifat_sectors:  # calamine loads the mini stream up front whenever there is a mini FAT
            if root_size > len(self.body):
                raise _Damaged("mini stream larger than the file")
            mini_stream = self._chain(root_start, self.fat, self._sector, root_size)
            raw_minifat = self._chain(self.minifat_start, self.fat, self._sector, self.minifat_sectors * self.size)
            minifat = list(struct.unpack_from(f"<{len(raw_minifat) // 4}I", raw_minifat))
        for wanted in names:
            found = next((e for e in entries if e[0] == wanted), None)
            if found:
                return self._read_stream(found[1], found[2], mini_stream, minifat)
        return None

    def _read_stream(self, start: int, size: int, mini_stream: bytes, minifat: list[int]) -> bytes:
        if size > len(self.body):
            raise _Damaged("stream larger than the file")
        if size >= _MINI_CUTOFF:
            return self._chain(start, self.fat, self._sector, size)

        def mini_sector(sid: int) -> memoryview:
            if sid * _MINI_SECTOR >= len(mini_stream):
                raise _Damaged("mini sector beyond the mini stream")
            return memoryview(mini_stream)[sid * _MINI_SECTOR : (sid + 1) * _MINI_SECTOR]

        return self._chain(start, minifat, mini_sector, size)


def _read_ole(data: bytes) -> Workbook:
    try:
        ole = _Ole(data)
    except _Damaged:
        # Too broken to walk, or not meant to be walked: the bytes may still name Excel's encryption streams.
        if any(name.encode("utf-16-le") in data for name in _ENCRYPTION_STREAMS):
            raise _password() from None
        raise
    if _ENCRYPTION_STREAMS & {entry[0] for entry in ole.entries}:
        raise _password()
    stream = ole.stream("Workbook", "Book")
    if stream is None:
        raise _not_spreadsheet(msg.WORKBOOK_FOUND_OLD_OFFICE)
    scans = _scan_biff(stream)
    _check_workbook_size(scans)
    return _convert(data, "xls", scans)


# --- BIFF records of the Workbook stream -----------------------------------------------------------------------
_BIFF_EOF, _BIFF_BOF, _BIFF_FILEPASS, _BIFF_BOUNDSHEET, _BIFF_SST = 0x000A, 0x0809, 0x002F, 0x0085, 0x00FC
_BIFF_DIMENSIONS, _BIFF_FORMULA, _BIFF_BOOLERR, _BIFF_MULRK = 0x0200, 0x0006, 0x0205, 0x00BD
_BIFF_CONTINUE, _BIFF_LABELSST = 0x003C, 0x00FD
# One cell each, row then column in their first four bytes: Number, Label, BoolErr, Formula, Rk, LabelSst, RString.
_BIFF_CELLS = {0x0203, 0x0204, _BIFF_BOOLERR, _BIFF_FORMULA, 0x027E, _BIFF_LABELSST, 0x00D6}
_BIFF_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}


def _biff_records(stream: bytes, offset: int) -> Iterator[tuple[int, int, int]]:
    """(type, data offset, data length) of each record from `offset`, the way calamine walks them."""
    while offset < len(stream):
        if offset + 4 > len(stream):
            raise _Damaged("truncated BIFF record header")
        record_type, length = struct.unpack_from("<HH", stream, offset)
        if offset + 4 + length > len(stream):
            raise _Damaged("truncated BIFF record")
        yield record_type, offset + 4, length
        offset += 4 + length


def _biff_sheet_name(stream: bytes, offset: int, length: int, biff8: bool) -> str:
    """Best effort, for messages only: calamine's own decoding names the sheets we return."""
    if length < 8:
        return ""
    count = stream[offset + 6]
    if biff8 and stream[offset + 7] & 1:
        return stream[offset + 8 : offset + 8 + 2 * count].decode("utf-16-le", "replace")
    start = offset + 8 if biff8 else offset + 7
    return stream[start : start + count].decode("latin-1")


def _scan_biff(stream: bytes) -> list[_SheetScan]:
    """The sheets listed in the workbook globals, each scanned where calamine will parse it."""
    sheets: list[tuple[int, str]] = []
    shared: list[int] = []
    biff8, walked = True, 0
    for record_type, offset, length in _biff_records(stream, 0):
        walked = offset + length
        if record_type == _BIFF_EOF:
            break
        if record_type == _BIFF_BOF and length >= 2:
            biff8 = _u16(stream, offset) in (0x0600, 0)
        elif record_type == _BIFF_FILEPASS and length >= 2 and _u16(stream, offset):
            raise _password()
        elif record_type == _BIFF_BOUNDSHEET and length >= 6:
            sheets.append((_u32(stream, offset), _biff_sheet_name(stream, offset, length, biff8)))
        elif record_type == _BIFF_SST and length >= 8:
            shared = _biff_shared_string_lengths(stream, offset, length)
    _check_sheet_count(len(sheets))
    scans = []
    for position, name in sheets:
        scan = _SheetScan(name or f"#{len(scans) + 1}")
        walked += _scan_biff_sheet(stream, position, scan, shared)
        if walked > len(stream):
            raise _Damaged("sheets overlap in the Workbook stream")  # would make calamine parse bytes many times
        scans.append(scan)
    return scans


class _Continued:
    """A record's data followed by that of the CONTINUE records after it, read across them as calamine does."""

    def __init__(self, stream: bytes, offset: int, length: int):
        self.segments = [(offset, offset + length)]
        position = offset + length
        while len(stream) - position > 4 and _u16(stream, position) == _BIFF_CONTINUE:
            end = position + 4 + _u16(stream, position + 2)
            if end > len(stream):
                raise _Damaged("truncated CONTINUE record")
            self.segments.append((position + 4, end))
            position = end
        self.index = 0
        self.position, self.end = self.segments[0]

    def left(self) -> int:
        return self.end - self.position

    def next_segment(self) -> None:
        self.index += 1
        if self.index == len(self.segments):
            raise _Damaged("record shorter than its content")
        self.position, self.end = self.segments[self.index]

    def read(self, size: int) -> int:
        """Where the next `size` bytes start; they must lie in the current record (calamine does not look further)."""
        if self.left() < size:
            raise _Damaged("record shorter than its content")
        self.position += size
        return self.position - size

    def skip(self, size: int) -> None:
        while size:
            if not self.left():
                self.next_segment()
            step = min(size, self.left())
            self.position += step
            size -= step


def _biff_shared_string_lengths(stream: bytes, offset: int, length: int) -> list[int]:
    """The length of each string of the SST record (MS-XLS 2.4.265): calamine copies one into every cell that
    refers to it. Walked as calamine reads it, so that a table it would refuse is refused here first."""
    count = struct.unpack_from("<i", stream, offset + 4)[0]
    # calamine reserves room for the declared count up front; each string takes at least 3 bytes of the stream.
    if not 0 <= count <= min(len(stream) // 3, MAX_WORKBOOK_CELLS):
        raise _Damaged("impossible shared string count")
    data = _Continued(stream, offset, length)
    data.read(8)
    lengths = []
    for _ in range(count):
        if not data.left():
            data.next_segment()
        header = data.read(3)
        n_chars, flags = _u16(stream, header), stream[header + 2]
        skipped = 4 * _u16(stream, data.read(2)) if flags & 0x08 else 0  # formatting runs
        if flags & 0x04:  # phonetic data, its size read as unsigned: a negative one runs past the table
            skipped += struct.unpack_from("<i", stream, data.read(4))[0] % 2**64
        width, left = (2 if flags & 0x01 else 1), n_chars
        while left:
            taken = min(left, data.left() // width)
            data.position += taken * width
            left -= taken
            if left:  # the characters go on in the next CONTINUE record, after a byte giving their width
                data.next_segment()
                width = 2 if stream[data.read(1)] & 0x01 else 1
        data.skip(skipped)
        lengths.append(n_chars)
    return lengths


def _scan_biff_sheet(stream: bytes, position: int, scan: _SheetScan, shared: list[int]) -> int:
    """Record the sheet's cells, their error values and shared text; the number of bytes walked."""
    if position > len(stream):
        raise _Damaged("sheet beyond the Workbook stream")
    end = position
    for record_type, offset, length in _biff_records(stream, position):
        end = offset + length
        if record_type == _BIFF_EOF:
            break
        if record_type == _BIFF_DIMENSIONS:
            _check_biff_dimensions(stream, offset, length, scan)
        elif record_type in _BIFF_CELLS and length >= 4:
            row, col = struct.unpack_from("<HH", stream, offset)
            scan.use(row, col)
            _keep_biff_error(stream, record_type, offset, length, scan, (row, col))
            if record_type == _BIFF_LABELSST and length >= 10:  # text written in the cell is bounded by the file
                index = _u32(stream, offset + 6)
                scan.text += shared[index] if index < len(shared) else 0
        elif record_type == _BIFF_MULRK and length >= 6:
            row, first = struct.unpack_from("<HH", stream, offset)
            last = _u16(stream, offset + length - 2)
            scan.use(row, first, 1, max((length - 6) // 6, last - first + 1, 1))
    return end - position


def _check_biff_dimensions(stream: bytes, offset: int, length: int, scan: _SheetScan) -> None:
    """calamine reserves memory for the area this record declares, before reading any cell."""
    if length == 14:
        first_row, row_end, first_col, col_end = struct.unpack_from("<IIHH", stream, offset)
    elif length == 10:
        first_row, row_end, first_col, col_end = struct.unpack_from("<HHHH", stream, offset)
    else:
        return
    if row_end < 1 or col_end < 1:
        return
    n_rows = ((row_end - 1 - first_row) % 2**32 + 1) % 2**32  # calamine's u32 arithmetic wraps
    n_cols = ((col_end - 1 - first_col) % 2**32 + 1) % 2**32
    if n_rows * n_cols > MAX_SHEET_CELLS:
        found = msg.WORKBOOK_FOUND_DECLARED.format(cells=fmt.number(n_rows * n_cols))
        raise _sheet_too_large(scan.name, found)


def _keep_biff_error(
    stream: bytes, record_type: int, offset: int, length: int, scan: _SheetScan, cell: tuple[int, int]
) -> None:
    code = None
    if record_type == _BIFF_BOOLERR and length >= 8 and stream[offset + 7] == 1:
        code = stream[offset + 6]
    elif record_type == _BIFF_FORMULA and length >= 14:
        result = stream[offset + 6 : offset + 14]
        if result[0] == 2 and result[6:8] == b"\xff\xff":  # a formula whose cached result is an error
            code = result[2]
    if code in _BIFF_ERRORS:
        scan.errors[cell] = _BIFF_ERRORS[code]


# --- calamine: the values themselves ---------------------------------------------------------------------------
def _calamine(call: Callable[[], object]) -> object:
    """Run one calamine call, mapping its failures (and Rust panics) to refusals."""
    try:
        return call()
    except python_calamine.PasswordError:
        raise _password() from None
    except python_calamine.CalamineError as exc:
        raise _Damaged(str(exc)) from exc
    except BaseException as exc:
        # pyo3 turns a Rust panic on malformed input into PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise _Damaged(str(exc)) from exc


_CALAMINE_SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsx", "xls": ".xls", "ods": ".ods"}


def _convert(data: bytes, file_format: str, scans: dict[str, _SheetScan] | list[_SheetScan]) -> Workbook:
    # From bytes, calamine tries the xls, xlsx, xlsb and ods readers in turn, so a crafted file could fall
    # through to parts we never measured; from a path it uses the one reader its extension names.
    with tempfile.TemporaryDirectory(prefix="workbook-") as folder:
        path = Path(folder) / f"upload{_CALAMINE_SUFFIX[file_format]}"
        path.write_bytes(data)
        book = _calamine(lambda: python_calamine.CalamineWorkbook.from_path(str(path)))
        try:
            return Workbook(file_format=file_format, sheets=_sheets(book, file_format, scans))
        finally:
            book.close()


def _sheets(
    book: python_calamine.CalamineWorkbook, file_format: str, scans: dict[str, _SheetScan] | list[_SheetScan]
) -> list[Sheet]:
    metadata = book.sheets_metadata
    _check_sheet_count(len(metadata))
    names = [meta.name for meta in metadata]
    if len(set(names)) != len(names):
        # calamine finds sheets by name: two sheets of one name would both read one part, measured once.
        raise _Damaged("two sheets with the same name")
    if "" in names:
        raise _Damaged("a sheet without a name")  # Excel and LibreOffice never write one; nothing could refer to it
    sheets = []
    for index, meta in enumerate(metadata):
        scan = _scan_for(scans, index, meta.name)
        calamine_sheet = _calamine(lambda index=index: book.get_sheet_by_index(index))
        sheets.append(
            Sheet(
                name=meta.name,
                rows=_grid(calamine_sheet, scan),
                visible=meta.visible == python_calamine.SheetVisibleEnum.Visible,
                formula_cells_without_value=(
                    set(scan.formulas_without_value) if file_format in ("xlsx", "xlsm") else set()
                ),
            )
        )
    return sheets


def _scan_for(scans: dict[str, _SheetScan] | list[_SheetScan], index: int, name: str) -> _SheetScan:
    """Our scan of the sheet calamine lists at `index` (by name for zip formats, by position for xls)."""
    scan = scans.get(name) if isinstance(scans, dict) else (scans[index] if index < len(scans) else None)
    if scan is None:
        raise _Damaged(f"sheet {name!r} was not scanned")  # never let calamine build a sheet we did not measure
    return scan


def _grid(calamine_sheet: python_calamine.CalamineSheet, scan: _SheetScan) -> list[list[object]]:
    """The sheet's values as a rectangular grid from A1, with error cells written as their error text."""
    start, end = calamine_sheet.start, calamine_sheet.end
    if start is None or end is None:
        rows: list[list[object]] = []
    else:
        (first_row, first_col), (last_row, last_col) = start, end
        if (last_row + 1) * (last_col + 1) > MAX_SHEET_CELLS:  # our scan should have caught it; be sure
            raise _sheet_too_large(scan.name, _area_found(last_row + 1, last_col + 1))
        width = last_col + 1
        rows = [[None] * width for _ in range(first_row)]
        # calamine's to_python() starts at `start`, the first used cell, not at A1: pad back to absolute positions.
        for values in _calamine(calamine_sheet.to_python):
            row = [None] * first_col + [None if value == "" else value for value in values]
            rows.append(row + [None] * (width - len(row)))
    for row_index, col_index in scan.formulas_without_value:
        _reach(rows, row_index, col_index)  # calamine has nothing there, but the cell must exist in the grid
    for (row_index, col_index), text in scan.errors.items():
        _reach(rows, row_index, col_index)
        if rows[row_index][col_index] is None:
            rows[row_index][col_index] = text
    return rows


def _reach(rows: list[list[object]], row_index: int, col_index: int) -> None:
    """Grow the grid, keeping it rectangular, until it has a cell at (row_index, col_index)."""
    width = max(len(rows[0]) if rows else 0, col_index + 1)
    while len(rows) <= row_index:
        rows.append([None] * width)
    if width > len(rows[0]):
        for row in rows:
            row.extend([None] * (width - len(row)))
