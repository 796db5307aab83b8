"""xlsx and xlsm: the sheet list, and a pre-scan of each worksheet measuring what calamine will build."""

from __future__ import annotations

import posixpath
import zipfile

from etl.readers.limits import MAX_WORKBOOK_CELLS, SheetScan, check_sheet_count
from etl.readers.refusals import Damaged
from etl.readers.zip_guard import parse_part

_SHARED_STRINGS = "xl/sharedStrings.xml"  # calamine reads the shared strings from this part only, whatever the rels say
_COLUMNS: dict[str, int] = {}  # 'E' -> 4, filled as met (at most 18,278 entries: one to three letters)


def _local(name: str) -> str:
    """'x:c' -> 'c': calamine matches xlsx names without their prefix, whatever namespace it stands for."""
    return name.rpartition(":")[2] if ":" in name else name


def _column(letters: str) -> int:
    col = _COLUMNS.get(letters)
    if col is None:
        if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()):
            raise Damaged(f"bad column {letters!r}")
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
        raise Damaged(f"bad cell reference {ref!r}")
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

    parse_part(archive, "xl/_rels/workbook.xml.rels", on_relationship)
    parse_part(archive, "xl/workbook.xml", on_workbook)
    check_sheet_count(len(sheets))
    parts = []
    for name, rel_id in sheets:
        if rel_id not in targets:
            raise Damaged(f"sheet {name!r} has no relationship")
        rel_type, part = targets[rel_id]
        parts.append((name, part if rel_type.endswith("/worksheet") else None))
    return parts


class _XlsxSheetReader:
    """Follows a worksheet part as calamine does: cell positions, error values, formulas with no cached value,
    and the text the cells will hold (`shared`: the length of each shared string, by index).

    Called for every element of what may be a large part, so it keeps to plain attributes and few calls.
    """

    def __init__(self, scan: SheetScan, shared: list[int]):
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
        raise Damaged(f"bad row number {raw!r}")
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
                raise Damaged(f"shared string table declares {digits[:20]} strings")

    def end(tag: str) -> None:
        nonlocal in_string
        if _local(tag) == "si":
            in_string = False

    def text(data: str) -> None:
        if in_string:
            lengths[-1] += len(data)  # phonetic runs too, which calamine drops: an upper bound is enough

    parse_part(archive, _SHARED_STRINGS, start, end, text)
    return lengths


def scan_xlsx(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Each sheet's scan by name; a chart or dialog sheet scans as empty, two sheets on one part share a scan."""
    names = set(archive.namelist())
    shared = _shared_string_lengths(archive)
    by_part: dict[str, SheetScan] = {}
    scans: dict[str, SheetScan] = {}
    for name, part in _xlsx_sheet_parts(archive):
        if part is None:
            scans[name] = SheetScan(name)
            continue
        if part not in names:
            raise Damaged(f"missing worksheet part {part}")
        if part not in by_part:
            reader = _XlsxSheetReader(SheetScan(name), shared)
            parse_part(archive, part, reader.start, reader.end, reader.text)
            by_part[part] = reader.scan
        scans[name] = by_part[part]
    return scans
