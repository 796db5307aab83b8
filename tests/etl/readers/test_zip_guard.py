"""etl/readers/zip_guard.py: zip bombs, lying or damaged parts and DTDs refused; the format told by content."""

from __future__ import annotations

import re
import zipfile

import pytest

from etl.readers import WorkbookRejected, read_workbook
from etl.readers.limits import MAX_ZIP_MEMBERS
from tests.support.crafted import (
    MIB,
    fill_form,
    patch_central_directory,
    peak_during,
    rejected,
    rezip,
    xlsx_bytes,
    zip_of,
)


# --- the format, by content -----------------------------------------------------------------------------------------
def test_format_comes_from_content_not_extension(tmp_path):
    assert read_workbook(xlsx_bytes(tmp_path, fill_form), "bieu.xls").file_format == "xlsx"


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


# --- damaged archives -----------------------------------------------------------------------------------------------
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


# --- limits of zip archives -----------------------------------------------------------------------------------------
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


# --- XML with a DTD -------------------------------------------------------------------------------------------------
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
