"""Zip containers (xlsx, xlsm, ods): bombs and lying parts refused, the format told by content, XML streamed."""

from __future__ import annotations

import copy
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from xml.parsers import expat

from core import fmt, texts
from etl.readers.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_PART_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_XML_ELEMENTS,
    MAX_ZIP_MEMBERS,
    RATIO_MIN_BYTES,
    XML_PROLOG_BYTES,
    at_most,
    counted,
    megabytes,
)
from etl.readers.refusals import Damaged, Refusal, not_spreadsheet

_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_CHUNK = 64 * 1024  # bytes read from a zip part at a time
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_DTD_MARKER_OVERLAP = len(b"<!DOCTYPE") - 1

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


def _unsafe_xml(part: str) -> Refusal:
    return Refusal(
        texts.WORKBOOK_UNSAFE_XML, found="DOCTYPE/ENTITY", expected=texts.WORKBOOK_EXPECTED_OPENS, part=part[:100]
    )


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise Damaged(str(exc)) from exc


def check_zip_directory(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse bombs from the central directory alone, before decompressing a single byte."""
    if len(infos) > MAX_ZIP_MEMBERS:
        limit = counted(texts.WORKBOOK_COUNT_PARTS, MAX_ZIP_MEMBERS)
        found = counted(texts.WORKBOOK_COUNT_PARTS, len(infos))
        raise Refusal(texts.WORKBOOK_TOO_MANY_PARTS, found=found, expected=at_most(limit), limit=limit)
    if len({info.filename for info in infos}) != len(infos):
        raise Damaged("two zip members with the same name")  # Python and calamine might not pick the same one
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise Refusal(
                texts.WORKBOOK_ZIP_BOMB,
                found=texts.WORKBOOK_RATIO.format(ratio=fmt.number(ratio)),
                expected=texts.WORKBOOK_RATIO_AT_MOST.format(ratio=MAX_COMPRESSION_RATIO),
                ratio=fmt.number(ratio),
                limit=MAX_COMPRESSION_RATIO,
            )
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            limit = megabytes(MAX_PART_BYTES)
            raise Refusal(
                texts.WORKBOOK_PART_TOO_BIG,
                found=megabytes(info.file_size),
                expected=at_most(limit),
                part=info.filename[:100],
                limit=limit,
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        limit = megabytes(MAX_UNCOMPRESSED_BYTES)
        raise Refusal(texts.WORKBOOK_UNZIPPED_TOO_BIG, found=megabytes(total), expected=at_most(limit), limit=limit)


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
                    raise Damaged(f"{info.filename} is longer than its declared size")
                yield chunk
    except _ZIP_ERRORS as exc:
        raise Damaged(str(exc)) from exc


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than the directory declares (Damaged if it holds more)."""
    return b"".join(_part_chunks(archive, info))


def check_parts_honest(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
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


def zip_format(archive: zipfile.ZipFile) -> str:
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
        raise Refusal(texts.WORKBOOK_XLSB, found=texts.WORKBOOK_FOUND_XLSB, expected=texts.WORKBOOK_EXPECTED_FORMATS)
    if "mimetype" in names:
        mimetype = _read_small_part(archive, "mimetype").strip()
        if mimetype == _ODS_MIMETYPE:
            return "ods"
        raise not_spreadsheet(texts.WORKBOOK_FOUND_OPENDOCUMENT)
    if "word/document.xml" in names:
        raise not_spreadsheet(texts.WORKBOOK_FOUND_WORD)
    if "ppt/presentation.xml" in names:
        raise not_spreadsheet(texts.WORKBOOK_FOUND_POWERPOINT)
    raise not_spreadsheet(texts.WORKBOOK_FOUND_ZIP)


# --- streaming XML, refusing DTDs ------------------------------------------------------------------------------
def parse_part(
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
            found = counted(texts.WORKBOOK_FOUND_ELEMENTS, MAX_XML_ELEMENTS)
            limit = counted(texts.WORKBOOK_COUNT_ELEMENTS, MAX_XML_ELEMENTS)
            raise Refusal(texts.WORKBOOK_PART_TOO_BIG, found=found, expected=at_most(limit), part=name, limit=limit)
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
        raise Damaged(str(exc)) from exc
