"""A zip of filled forms (a commune's returns gathered by the secretariat): opened safely, each form inside handed on
as a file of its own. The zip is refused whole only when it cannot be opened safely; each form in it is then
accepted or rejected on its own, as if uploaded alone.

A bomb is refused from the zip's directory before anything is decompressed (too many files, a declared size or a
compression ratio too large), and no member is ever read past the size it declares.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from core import fmt, texts
from etl.readers.limits import MAX_COMPRESSION_RATIO, MAX_FILE_BYTES, RATIO_MIN_BYTES, megabytes
from etl.readers.refusals import Damaged
from etl.readers.zip_guard import open_zip, read_part

BUNDLE_SUFFIX = ".zip"
MAX_BUNDLE_FILES = 400  # the largest province has 168 communes: every one of them twice over, and room
MAX_BUNDLE_BYTES = 500 * 1024 * 1024  # all members unzipped; a filled form is tens of KB
NOISE_PREFIXES = ("__MACOSX/",)  # what macOS adds to a zip
NOISE_NAME_STARTS = (".", "~$")  # hidden files, and the lock files Excel leaves beside an open workbook


class BundleRefused(Exception):
    """The zip cannot be opened safely; the message, in Vietnamese, says why."""


@dataclass(frozen=True)
class BundledFile:
    name: str  # the member's path inside the zip, after the zip's own name: 'tra-ve.zip/Q2/Bieu01_05977_2026Q2.xlsx'
    data: bytes


def is_bundle(file_name: str) -> bool:
    return file_name.lower().endswith(BUNDLE_SUFFIX)


def _is_noise(info: zipfile.ZipInfo) -> bool:
    name = PurePosixPath(info.filename).name
    return info.is_dir() or info.filename.startswith(NOISE_PREFIXES) or name.startswith(NOISE_NAME_STARTS)


def _check(file_name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_BUNDLE_FILES:
        raise BundleRefused(
            texts.BUNDLE_TOO_MANY.format(file=file_name, count=fmt.count(len(infos)), limit=fmt.count(MAX_BUNDLE_FILES))
        )
    for info in infos:
        if info.file_size > MAX_FILE_BYTES:
            raise BundleRefused(
                texts.BUNDLE_MEMBER_TOO_BIG.format(
                    file=file_name,
                    member=info.filename,
                    size=megabytes(info.file_size),
                    limit=megabytes(MAX_FILE_BYTES),
                )
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise BundleRefused(texts.BUNDLE_BOMB.format(file=file_name, member=info.filename))
    total = sum(info.file_size for info in infos)
    if total > MAX_BUNDLE_BYTES:
        raise BundleRefused(
            texts.BUNDLE_TOO_BIG.format(file=file_name, size=megabytes(total), limit=megabytes(MAX_BUNDLE_BYTES))
        )


def unpack(data: bytes, file_name: str) -> list[BundledFile]:
    """Every file of the zip but folders, macOS's extras and Excel's lock files, in the zip's order."""
    try:
        archive = open_zip(data)
        infos = [info for info in archive.infolist() if not _is_noise(info)]
        _check(file_name, infos)
        files = [BundledFile(f"{file_name}/{info.filename}", read_part(archive, info)) for info in infos]
    except Damaged as damaged:
        raise BundleRefused(texts.BUNDLE_DAMAGED.format(file=file_name)) from damaged
    if not files:
        raise BundleRefused(texts.BUNDLE_EMPTY.format(file=file_name))
    return files
