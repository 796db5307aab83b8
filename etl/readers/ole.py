"""OLE2 compound files (xls, and Excel's password-protected xlsx): the Workbook stream, walked within bounds."""

from __future__ import annotations

import struct
from collections.abc import Callable

from core import texts
from etl.readers.refusals import Damaged, not_spreadsheet, password

# How Excel stores a password-protected xlsx: an OLE2 container with these streams instead of a zip.
_ENCRYPTION_STREAMS = frozenset({"EncryptionInfo", "EncryptedPackage"})

_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR_ID = 0xFFFFFFFA  # ids from here up are markers, not sectors
_DIFSECT = 0xFFFFFFFC
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096  # streams shorter than this live in the mini stream
# calamine reserves a vector sized from header bytes 62..66, which mixes in the mini FAT length: keep it sane.
_OLE_MAX_MINIFAT_SECTORS = 256


def u16(data: bytes | memoryview, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def u32(data: bytes | memoryview, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


class _Ole:
    """Just enough of MS-CFB to fetch the Workbook stream, checking every place calamine would trust blindly.

    calamine follows sector chains without loop checks and grows its buffer to any sector id it meets,
    so a crafted 8 KB file could make it allocate terabytes; every id and length is bounded here first.
    """

    def __init__(self, data: bytes):
        if len(data) < 512:
            raise Damaged("OLE header truncated")
        shift = u16(data, 30)
        if shift not in (9, 12) or u16(data, 32) != 6:
            raise Damaged("bad OLE sector shift")
        self.size = 1 << shift
        self.body = memoryview(data)[512 if shift == 9 else 4096 :]
        self.version = u16(data, 26)
        dir_sectors, fat_sectors, self.dir_start = u32(data, 40), u32(data, 44), u32(data, 48)
        self.minifat_start, self.minifat_sectors = u32(data, 60), u32(data, 64)
        n_sectors = -(-len(self.body) // self.size)
        if (
            fat_sectors > n_sectors
            or dir_sectors > n_sectors
            or self.minifat_sectors > min(n_sectors, _OLE_MAX_MINIFAT_SECTORS)
        ):
            raise Damaged("OLE header counts beyond the file")
        self.dir_bytes = dir_sectors * self.size
        self.fat = self._load_fat(data)
        self.entries = self._entries()

    def _sector(self, sid: int) -> memoryview:
        if sid * self.size >= len(self.body):
            raise Damaged("sector beyond the end of the file")
        return self.body[sid * self.size : (sid + 1) * self.size]

    def _load_fat(self, data: bytes) -> list[int]:
        difat = list(struct.unpack_from("<109I", data, 76))
        sid, seen = u32(data, 68), set()
        while sid < _MAX_SECTOR_ID:
            if sid in seen:
                raise Damaged("DIFAT loop")
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
                raise Damaged("broken sector chain")
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
            size = u32(raw, offset + 120) if self.size == 512 else struct.unpack_from("<Q", raw, offset + 120)[0]
            entries.append((name, u32(raw, offset + 116), size))
        if not entries or (self.version != 3 and entries[0][1] == _ENDOFCHAIN):
            raise Damaged("empty OLE root")
        return entries

    def stream(self, *names: str) -> bytes | None:
        """The first stream called names[0] (else names[1]...), as calamine picks it; None if there is none."""
        entries = self.entries
        root_start, root_size = entries[0][1], entries[0][2]
        mini_stream, minifat = b"", []
        if self.minifat_sectors:  # calamine loads the mini stream up front whenever there is a mini FAT
            if root_size > len(self.body):
                raise Damaged("mini stream larger than the file")
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
            raise Damaged("stream larger than the file")
        if size >= _MINI_CUTOFF:
            return self._chain(start, self.fat, self._sector, size)

        def mini_sector(sid: int) -> memoryview:
            if sid * _MINI_SECTOR >= len(mini_stream):
                raise Damaged("mini sector beyond the mini stream")
            return memoryview(mini_stream)[sid * _MINI_SECTOR : (sid + 1) * _MINI_SECTOR]

        return self._chain(start, minifat, mini_sector, size)


def workbook_stream(data: bytes) -> bytes:
    """The BIFF Workbook stream of an xls; refused if the file is encrypted or another Office document."""
    try:
        ole = _Ole(data)
    except Damaged:
        # Too broken to walk, or not meant to be walked: the bytes may still name Excel's encryption streams.
        if any(name.encode("utf-16-le") in data for name in _ENCRYPTION_STREAMS):
            raise password() from None
        raise
    if _ENCRYPTION_STREAMS & {entry[0] for entry in ole.entries}:
        raise password()
    stream = ole.stream("Workbook", "Book")
    if stream is None:
        raise not_spreadsheet(texts.WORKBOOK_FOUND_OLD_OFFICE)
    return stream
