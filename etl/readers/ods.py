"""ods: a pre-scan of content.xml counting repeated rows and cells, and their text, as calamine will expand them."""

from __future__ import annotations

import zipfile

from etl.readers.limits import MAX_ODS_SPACES, SheetScan
from etl.readers.refusals import Damaged
from etl.readers.zip_guard import parse_part

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
        raise Damaged(f"bad {name} {raw[:20]!r}")
    return int(raw)


class _OdsReader:
    """Follows content.xml as calamine does, counting repeated rows and cells and the text of each copy,
    and keeping error texts."""

    def __init__(self) -> None:
        self.scans: dict[str, SheetScan] = {}
        self.scan: SheetScan | None = None
        self.row = self.col = self.row_repeat = 0
        self.cell_depth = 0  # > 0 inside a cell, where calamine reads no rows
        self.cell_text = self.cell_copies = 0  # the current cell's characters, and how many cells get a copy
        self.spaces = 0
        self.error: tuple[int, int, int] | None = None  # (row, col, columns repeated) of the error cell being read
        self.error_text: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "table:table" and self.scan is None and "table:name" in attrs:
            self.scan = SheetScan(attrs["table:name"])
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
                    raise Damaged("too many repeated spaces")
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
                raise Damaged("two sheets with the same name")
            self.scans[self.scan.name] = self.scan
            self.scan = None

    def _keep_error(self, row: int, col: int, repeat: int) -> None:
        text = "".join(self.error_text).strip()
        if text:
            for r in range(row, row + self.row_repeat):
                for c in range(col, col + repeat):
                    self.scan.errors[(r, c)] = text
        self.error = None


def scan_ods(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Each sheet's scan by name, from content.xml, where an ods keeps every sheet."""
    if "content.xml" not in archive.namelist():
        raise Damaged("no content.xml")
    reader = _OdsReader()
    parse_part(archive, "content.xml", reader.start, reader.end, reader.text)
    return reader.scans
