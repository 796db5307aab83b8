"""xls: a pre-scan of the BIFF records of the Workbook stream, measuring each sheet where calamine will parse it."""

from __future__ import annotations

import struct
from collections.abc import Iterator

from core import fmt, texts
from etl.readers.limits import MAX_SHEET_CELLS, MAX_WORKBOOK_CELLS, SheetScan, check_sheet_count, sheet_too_large
from etl.readers.ole import u16, u32
from etl.readers.refusals import Damaged, password

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
            raise Damaged("truncated BIFF record header")
        record_type, length = struct.unpack_from("<HH", stream, offset)
        if offset + 4 + length > len(stream):
            raise Damaged("truncated BIFF record")
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


def scan_xls(stream: bytes) -> list[SheetScan]:
    """The sheets listed in the workbook globals, each scanned where calamine will parse it."""
    sheets: list[tuple[int, str]] = []
    shared: list[int] = []
    biff8, walked = True, 0
    for record_type, offset, length in _biff_records(stream, 0):
        walked = offset + length
        if record_type == _BIFF_EOF:
            break
        if record_type == _BIFF_BOF and length >= 2:
            biff8 = u16(stream, offset) in (0x0600, 0)
        elif record_type == _BIFF_FILEPASS and length >= 2 and u16(stream, offset):
            raise password()
        elif record_type == _BIFF_BOUNDSHEET and length >= 6:
            sheets.append((u32(stream, offset), _biff_sheet_name(stream, offset, length, biff8)))
        elif record_type == _BIFF_SST and length >= 8:
            shared = _biff_shared_string_lengths(stream, offset, length)
    check_sheet_count(len(sheets))
    scans = []
    for position, name in sheets:
        scan = SheetScan(name or f"#{len(scans) + 1}")
        walked += _scan_biff_sheet(stream, position, scan, shared)
        if walked > len(stream):
            raise Damaged("sheets overlap in the Workbook stream")  # would make calamine parse bytes many times
        scans.append(scan)
    return scans


class _Continued:
    """A record's data followed by that of the CONTINUE records after it, read across them as calamine does."""

    def __init__(self, stream: bytes, offset: int, length: int):
        self.segments = [(offset, offset + length)]
        position = offset + length
        while len(stream) - position > 4 and u16(stream, position) == _BIFF_CONTINUE:
            end = position + 4 + u16(stream, position + 2)
            if end > len(stream):
                raise Damaged("truncated CONTINUE record")
            self.segments.append((position + 4, end))
            position = end
        self.index = 0
        self.position, self.end = self.segments[0]

    def left(self) -> int:
        return self.end - self.position

    def next_segment(self) -> None:
        self.index += 1
        if self.index == len(self.segments):
            raise Damaged("record shorter than its content")
        self.position, self.end = self.segments[self.index]

    def read(self, size: int) -> int:
        """Where the next `size` bytes start; they must lie in the current record (calamine does not look further)."""
        if self.left() < size:
            raise Damaged("record shorter than its content")
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
        raise Damaged("impossible shared string count")
    data = _Continued(stream, offset, length)
    data.read(8)
    lengths = []
    for _ in range(count):
        if not data.left():
            data.next_segment()
        header = data.read(3)
        n_chars, flags = u16(stream, header), stream[header + 2]
        skipped = 4 * u16(stream, data.read(2)) if flags & 0x08 else 0  # formatting runs
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


def _scan_biff_sheet(stream: bytes, position: int, scan: SheetScan, shared: list[int]) -> int:
    """Record the sheet's cells, their error values and shared text; the number of bytes walked."""
    if position > len(stream):
        raise Damaged("sheet beyond the Workbook stream")
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
                index = u32(stream, offset + 6)
                scan.text += shared[index] if index < len(shared) else 0
        elif record_type == _BIFF_MULRK and length >= 6:
            row, first = struct.unpack_from("<HH", stream, offset)
            last = u16(stream, offset + length - 2)
            scan.use(row, first, 1, max((length - 6) // 6, last - first + 1, 1))
    return end - position


def _check_biff_dimensions(stream: bytes, offset: int, length: int, scan: SheetScan) -> None:
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
        found = texts.WORKBOOK_FOUND_DECLARED.format(cells=fmt.number(n_rows * n_cols))
        raise sheet_too_large(scan.name, found)


def _keep_biff_error(
    stream: bytes, record_type: int, offset: int, length: int, scan: SheetScan, cell: tuple[int, int]
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
