"""Hostile files (issue 9): random, damaged and crafted workbooks are read with valid values or rejected with a
Vietnamese message; never an exception, within a time bound, and within a memory bound (checked in a child)."""

from __future__ import annotations

import base64
import io
import json
import math
import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import texts
from core.bootstrap import open_database
from core.catalog import load_elements
from core.periods import parse_period
from etl.loader import LoadResult
from etl.problems import cell_ref
from tests.support.crafted import biff_record, biff_stream, ods_bytes, ole_entry, rezip, zip_of
from tests.support.databases import built_once
from tests.support.forms import VALUES, convert, make_form
from tests.support.hostile_child import checked, proc_status

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024

# Examples are deterministic in CI (the same ones on every run) and fresh on a developer's machine; no example
# database, so nothing is written into the work tree. A form is read in tens of milliseconds: the deadline is
# the time bound of each example.
settings.register_profile(
    "hostile-files",
    deadline=timedelta(seconds=5),
    derandomize=bool(os.environ.get("CI")),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
FUZZ = settings.get_profile("hostile-files")

ELEMENTS = {e.code: e for e in load_elements()}
VIETNAMESE = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.IGNORECASE)
MAX_MESSAGE_CHARS = 1_000  # a message quotes what it found, shortened: never a whole cell or part of junk
PEAK_RSS_MB = 500  # the reading process at its largest (Python, DuckDB and calamine included), per hostile file
CHILD_HEADROOM = 1024 * MIB  # address space the child may add once started: beyond it, allocations fail
FUZZ_HEADROOM = 2048 * MIB  # the same guard around the fuzz tests, which run in the test process


# --- what every outcome must satisfy ------------------------------------------------------------------------------
def assert_messages_readable(messages: list[str]) -> None:
    """Vietnamese, of a readable length, and not the loader's last resort (which means an exception escaped)."""
    assert texts.UNEXPECTED_FAILURE not in messages
    for message in messages:
        assert VIETNAMESE.search(message), message
        assert len(message) <= MAX_MESSAGE_CHARS, message[:300]


def assert_sound(db, data: bytes, file_name: str) -> LoadResult:
    """The loader's checks return, and either reject the file with errors or check it with valid values."""
    result = checked(db, data, file_name)
    assert_messages_readable([p.message for p in result.errors + result.warnings])
    if result.status == "rejected":
        assert result.errors
        return result
    assert result.status == "checked" and not result.errors, result
    period = parse_period(result.period)
    assert period.start <= date.today()
    assert result.unit_code in {row.unit_code for row in db.rows("plan_units_of_year", {"year": period.year})}
    assert result.values
    for code, value in result.values.items():
        assert isinstance(value, float) and math.isfinite(value) and value >= 0, (code, value)
        assert ELEMENTS[code].value_type == "decimal" or value.is_integer(), (code, value)
    return result


# --- the real form to start from --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reader_db(tmp_path_factory):
    """Catalogue, units and plans, no report: the loader's checks only read it."""
    database = open_database(tmp_path_factory.mktemp("reader") / "kpi.duckdb")
    yield database
    database.close()


class Forms(dict):
    """The base forms by kind; shown by name only when Hypothesis prints a failing example."""

    def __repr__(self) -> str:
        return f"Forms({', '.join(self)})"


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> Forms:
    """One filled form: as the product writes it (xlsx, inline strings), and as LibreOffice saves it (xlsx with
    shared strings, xls, ods). Made once for the whole run: three LibreOffice conversions take seconds each."""

    def build(path: Path) -> dict[str, bytes]:
        database = open_database(path)  # the units and plans the form is made from
        folder = path.parent / "forms"
        form = make_form(database, folder, name="bieu.xlsx")
        database.close()
        return {
            "xlsx": form.read_bytes(),
            "shared": convert(form, "xlsx:Calc MS Excel 2007 XML", folder / "shared").read_bytes(),
            "xls": convert(form, "xls", folder / "xls").read_bytes(),
            "ods": convert(form, "ods", folder / "ods").read_bytes(),
        }

    return Forms(built_once(tmp_path_factory, "hostile-forms", build)[1])


@pytest.fixture
def address_space_guard():
    """A runaway allocation in the reader fails (MemoryError, or calamine aborts) instead of swapping the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = proc_status("VmSize") + FUZZ_HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def with_cell(sheet_xml: bytes, ref: str, cell: str) -> bytes:
    """The worksheet with its <c r="ref"> element replaced by `cell` (taken literally, backslashes included)."""
    pattern = rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)'
    new, count = re.subn(pattern, lambda _: cell.encode(), sheet_xml, count=1)
    assert count == 1, ref
    return new


def value_refs(sheet_xml: bytes) -> dict[str, str]:
    """Element code -> its 'Kết quả' cell (column E), in the product's form."""
    rows = re.findall(rb'<c r="B(\d+)"[^>]*><is><t>([A-Z]{2}\d{2})</t>', sheet_xml)
    return {code.decode(): f"E{row.decode()}" for row, code in rows}


@pytest.mark.parametrize("base", ["xlsx", "shared", "xls", "ods"])
def test_base_forms_are_valid(reader_db, forms, base):
    result = checked(reader_db, forms[base], f"bieu.{base}")
    assert (result.status, result.errors) == ("checked", [])
    assert result.values == pytest.approx(VALUES)


# --- 1a. random files -----------------------------------------------------------------------------------------------
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_ODS = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
)
# Pieces of real workbook parts, so that random archives sometimes get deep into the readers.
FRAGMENTS = [
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_R}><sheets>',
    '<sheet name="Bieu01" sheetId="1" r:id="rId1"/>',
    "</sheets></workbook>",
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_WORKSHEET_TYPE}" Target="worksheets/sheet1.xml"/></Relationships>',
    f'<worksheet {_NS}><dimension ref="A1:E14"/><sheetData><row r="12">',
    '<c r="B12" t="inlineStr"><is><t>Mã chỉ tiêu</t></is></c><c r="E12" t="s"><v>0</v></c></row>',
    '<row r="14"><c r="B14" t="inlineStr"><is><t>TT01</t></is></c><c r="E14"><v>22</v></c>',
    '<c r="E15"><f>SUM(E1:E14)</f></c></row>',
    "</sheetData></worksheet>",
    f'<sst {_NS} uniqueCount="1"><si><t>Kết quả</t></si></sst>',
    "application/vnd.oasis.opendocument.spreadsheet",
    f'{_ODS}<table:table table:name="Bieu01"><table:table-row table:number-rows-repeated="3">',
    '<table:table-cell table:number-columns-repeated="4" office:value-type="string"><text:p>Kết quả</text:p>',
    "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
]
PART_NAMES = [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/vbaProject.bin",
    "mimetype",
    "content.xml",
]
part_content = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map(lambda pieces: "".join(pieces).encode()),
)
PRINTABLE = st.characters(exclude_categories=("Cs", "Cc"))  # zipfile cannot name a part with a NUL
random_zips = st.dictionaries(
    st.sampled_from(PART_NAMES) | st.text(PRINTABLE, min_size=1, max_size=30), part_content, max_size=8
).map(zip_of)
random_bytes = st.tuples(
    st.sampled_from([b"", b"PK\x03\x04", bytes.fromhex("D0CF11E0A1B11AE1"), b"%PDF-1.7", b"<html>"]),
    st.binary(max_size=2000),
).map(b"".join)


@settings(FUZZ, max_examples=300)
@given(data=st.one_of(random_zips, random_bytes), file_name=st.sampled_from(["bieu.xlsx", "bieu.xls", "bieu.ods"]))
def test_random_file_is_checked_or_rejected(reader_db, address_space_guard, data, file_name):
    assert_sound(reader_db, data, file_name)


# --- 1b. the real form, mutated -------------------------------------------------------------------------------------
# Edits are drawn as small tuples and applied afterwards, so that a failing example prints the edits, not the file.
BYTE_EDITS = st.lists(
    st.tuples(st.sampled_from(["flip", "insert", "delete"]), st.integers(0, 2**24), st.binary(min_size=1, max_size=32)),
    min_size=1,
    max_size=6,
)


def edited(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    """`data` with bytes flipped, inserted or deleted at the given places (taken modulo its length)."""
    out = bytearray(data)
    for kind, at, payload in edits:
        if not out:
            break
        at %= len(out)
        if kind == "flip":
            out[at] ^= payload[0] or 0xFF
        elif kind == "insert":
            out[at:at] = payload
        else:
            del out[at : at + 2 * len(payload)]
    return bytes(out)


@pytest.mark.parametrize("base", ["xlsx", "xls", "ods"])
@settings(FUZZ, max_examples=100)
@given(edits=BYTE_EDITS)
def test_damaged_form_is_checked_or_rejected(reader_db, forms, address_space_guard, base, edits):
    assert_sound(reader_db, edited(forms[base], edits), f"bieu.{base}")


@pytest.mark.parametrize(
    ("base", "part"),
    [
        ("xlsx", "xl/worksheets/sheet1.xml"),
        ("xlsx", "xl/workbook.xml"),
        ("xlsx", "xl/_rels/workbook.xml.rels"),
        ("shared", "xl/sharedStrings.xml"),
        ("shared", "xl/worksheets/sheet2.xml"),
        ("ods", "content.xml"),
    ],
)
@settings(FUZZ, max_examples=80)
@given(edits=BYTE_EDITS)
def test_form_with_a_damaged_part_is_checked_or_rejected(reader_db, forms, address_space_guard, base, part, edits):
    # The archive is sound and the part's XML is not: what our scan and calamine each make of it must agree.
    data = rezip(forms[base], {part: lambda xml: edited(xml, edits)})
    assert_sound(reader_db, data, f"bieu.{'xlsx' if base == 'shared' else base}")


TEXTS = st.one_of(
    st.sampled_from(
        [
            "15",
            "15 xã",
            "1.234",
            "1 234",
            "12,5",
            "1.250,5",
            "-",
            "x",
            "—",
            "mười lăm",
            "-3",
            "1e5",
            "22,5",
            "1" + " " * 3000 + "x1",
            "9" * 400,
            "Quý II năm 2023",
            "Quy 2/2023",
            "Năm 2031",
            "183",
            "001",
            "TT01",
            "=1+1",
            "#DIV/0!",
        ]
    ),
    st.text(PRINTABLE, max_size=40),
)
NUMBER_TEXTS = st.one_of(
    st.floats().map(repr),  # NaN, infinities, huge, tiny, negative
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(["", " ", "1e309", "-0", "0x1A", "1,5", "12.5.3", "Infinity", "+7", "١٢"]),
)


def cells(ref: str) -> st.SearchStrategy[str]:
    """Any cell an editor, a script or an attacker could put at `ref`."""
    return st.one_of(
        NUMBER_TEXTS.map(lambda v: f'<c r="{ref}"><v>{escape(v)}</v></c>'),
        TEXTS.map(lambda t: f'<c r="{ref}" t="inlineStr"><is><t>{escape(t)}</t></is></c>'),
        TEXTS.map(lambda t: f'<c r="{ref}" t="str"><f>A1</f><v>{escape(t)}</v></c>'),
        TEXTS.map(lambda t: f'<c r="{ref}"><f>{escape(t)}</f></c>'),  # a formula without its value
        st.sampled_from(["0", "1", "2", "true", ""]).map(lambda v: f'<c r="{ref}" t="b"><v>{v}</v></c>'),
        st.sampled_from(["#DIV/0!", "#N/A", "#REF!", "x"]).map(lambda v: f'<c r="{ref}" t="e"><v>{v}</v></c>'),
        st.sampled_from(["2023-06-10T00:00:00", "2023-13-45", "x"]).map(lambda v: f'<c r="{ref}" t="d"><v>{v}</v></c>'),
        st.integers(-1, 10**12).map(lambda i: f'<c r="{ref}" t="s"><v>{i}</v></c>'),  # no shared strings here
        st.just(f'<c r="{ref}"/>'),
    )


HEADER_REFS = ["C6", "C7", "C8", "C9", "C10"]  # unit name, unit code, period, date, author


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_form_with_any_cell_values_is_checked_or_rejected(reader_db, forms, address_space_guard, data):
    sheet = parts_of(forms["xlsx"])["xl/worksheets/sheet1.xml"]
    refs = value_refs(sheet)
    code_refs = [f"B{ref[1:]}" for ref in refs.values()]
    choice = st.sampled_from([*refs.values(), *code_refs, *HEADER_REFS])
    chosen = data.draw(st.lists(choice, min_size=1, max_size=4, unique=True))
    for ref in chosen:
        sheet = with_cell(sheet, ref, data.draw(cells(ref)))

    result = assert_sound(reader_db, rezip(forms["xlsx"], {"xl/worksheets/sheet1.xml": sheet}), "bieu.xlsx")

    if result.status == "checked" and not set(chosen) & set(code_refs):  # every row keeps its code
        untouched = {code: value for code, value in VALUES.items() if refs[code] not in chosen}
        assert {code: result.values.get(code) for code in untouched} == pytest.approx(untouched)


SHEET_ELEMENT = re.compile(rb"<sheet [^>]*/>")
SHEET_NAMES = st.one_of(
    st.sampled_from(["Bieu01", "ChiTietXa", "", "Biểu 01", "x" * 5000]), st.text(PRINTABLE, min_size=1, max_size=40)
)


OPERATIONS = ["drop_sheet", "copy_sheet", "rename", "reverse", "drop_part", "add_part", "cut_part", "move_cell"]
STRING_OPERATIONS = ["string_count", "string_text", "drop_strings"]  # on xl/sharedStrings.xml
RESTRUCTURINGS = st.lists(
    st.tuples(
        st.sampled_from(OPERATIONS + STRING_OPERATIONS),
        st.integers(0, 2**24),  # which sheet, part, string or reference; where to cut
        SHEET_NAMES | TEXTS,  # a new sheet name, a string's new text, an added part's name
        part_content,  # an added part's content
    ),
    min_size=1,
    max_size=3,
)
MOVED_TO = ["A1", "XFD1048576", "A0", "AAAA1", "E99999999", "", "e14", "ALL1000"]
STRING_COUNTS = [0, 1, 135, 2_000_000, 2_000_001, 4_000_000_000, 10**30]


def restructured(data: bytes, operations: list[tuple[str, int, str, bytes]]) -> bytes:
    """The workbook with sheets dropped, duplicated, renamed or reordered, parts dropped, added or cut, a cell
    moved, and its shared strings miscounted, rewritten or cut short."""
    parts = parts_of(data)
    for operation, n, text, content in operations:
        workbook, strings = parts.get("xl/workbook.xml", b""), parts.get("xl/sharedStrings.xml", b"")
        sheets = SHEET_ELEMENT.findall(workbook)
        if operation in ("drop_sheet", "copy_sheet", "rename") and sheets:
            sheet = sheets[n % len(sheets)]
            attribute = b"name=" + quoteattr(text).encode()
            renamed = re.sub(rb'name="[^"]*"', lambda _, new=attribute: new, sheet)
            new = {"drop_sheet": b"", "copy_sheet": sheet + renamed, "rename": renamed}[operation]
            parts["xl/workbook.xml"] = workbook.replace(sheet, new, 1)
        elif operation == "reverse" and sheets:
            backwards = iter(reversed(sheets))
            parts["xl/workbook.xml"] = SHEET_ELEMENT.sub(lambda _, order=backwards: next(order), workbook)
        elif operation == "drop_part" and parts:
            del parts[sorted(parts)[n % len(parts)]]
        elif operation == "cut_part" and parts:
            name = sorted(parts)[n % len(parts)]
            parts[name] = parts[name][: n % (len(parts[name]) + 1)]
        elif operation == "add_part":
            parts[PART_NAMES[n % len(PART_NAMES)] if n % 2 else text or "x"] = content
        elif operation == "move_cell" and "xl/worksheets/sheet1.xml" in parts:
            moved = f"r={quoteattr(MOVED_TO[n % len(MOVED_TO)])}".encode()
            parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b'r="E14"', moved, 1)
        elif operation == "string_count" and strings:
            count = f'uniqueCount="{STRING_COUNTS[n % len(STRING_COUNTS)]}"'.encode()
            parts["xl/sharedStrings.xml"] = re.sub(rb'uniqueCount="\d*"', count, strings)
        elif operation == "string_text" and re.search(rb"<t[^>]*>[^<]*</t>", strings):
            found = list(re.finditer(rb"<t[^>]*>[^<]*</t>", strings))
            start, end = found[n % len(found)].span()
            parts["xl/sharedStrings.xml"] = strings[:start] + f"<t>{escape(text)}</t>".encode() + strings[end:]
        elif operation == "drop_strings" and strings:
            items = strings.replace(b"</sst>", b"").split(b"<si>")
            parts["xl/sharedStrings.xml"] = b"<si>".join(items[: 1 + n % len(items)]) + b"</sst>"
    return zip_of(parts)


@pytest.mark.parametrize("base", ["xlsx", "shared"])
@settings(FUZZ, max_examples=150)
@given(operations=RESTRUCTURINGS)
def test_restructured_form_is_checked_or_rejected(reader_db, forms, address_space_guard, base, operations):
    assert_sound(reader_db, restructured(forms[base], operations), "bieu.xlsx")


ODS_VALUE = re.compile(rb'office:value="[^"]*"|table:number-(?:columns|rows)-repeated="[^"]*"|<text:p>[^<]*</text:p>')


@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_ods_form_with_any_values_is_checked_or_rejected(reader_db, forms, address_space_guard, data):
    content = parts_of(forms["ods"])["content.xml"]
    found = list(ODS_VALUE.finditer(content))
    for match in data.draw(st.lists(st.sampled_from(found), min_size=1, max_size=4, unique_by=lambda m: m.start())):
        old = match.group()
        if old.startswith(b"<text:p>"):
            new = b"<text:p>" + escape(data.draw(TEXTS)).encode() + b"</text:p>"
        else:
            value = data.draw(NUMBER_TEXTS | st.sampled_from(["0", "1048576", "16384", "1" * 5000]))
            new = old.split(b"=")[0] + b"=" + quoteattr(value).encode()
        content = content.replace(old, new, 1)
    assert_sound(reader_db, rezip(forms["ods"], {"content.xml": content}), "bieu.ods")


# --- 2. named hostile files, read in a child process with a memory limit ---------------------------------------
ACCEPTED = "checked"  # read, with the form's own values


@dataclass(frozen=True)
class Hostile:
    build: Callable[[Forms], bytes]  # from the base forms
    file_name: str
    expect: str  # ACCEPTED, or a phrase of the message that rejects the file
    seconds: float = 2.0  # bound on the child's processor time (measured: well under a second, unless noted)


def billion_laughs(root: str) -> str:
    """The classic: ten levels of ten references, a billion 'ha' if a parser expanded them."""
    levels = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    return f'<!DOCTYPE {root} [<!ENTITY l0 "ha">{levels}]>'


XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def declare(prolog: str, xml: bytes, text: bytes, reference: bytes) -> bytes:
    """`xml` with `prolog` before its root element and the first `text` replaced by an entity `reference`."""
    xml = re.sub(rb"^(<\?xml[^>]*\?>\s*)?", lambda m: (m.group(1) or b"") + prolog.encode(), xml, count=1)
    return xml.replace(text, reference, 1)


def in_part(base: str, part: str, change: Callable[[bytes], bytes]) -> Callable[[Forms], bytes]:
    return lambda forms: rezip(forms[base], {part: change})


def with_sheet(data: bytes, name: str, sheet_xml: bytes) -> bytes:
    """The workbook with one more worksheet at the end."""
    rel = f'<Relationship Id="rIdHostile" Type="{_WORKSHEET_TYPE}" Target="worksheets/hostile.xml"/>'
    sheet = f'<sheet {_R} name={quoteattr(name)} sheetId="99" r:id="rIdHostile"/>'
    return rezip(
        data,
        {
            "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
                b"</Relationships>", rel.encode() + b"</Relationships>"
            ),
            "xl/workbook.xml": lambda xml: xml.replace(b"</sheets>", sheet.encode() + b"</sheets>"),
        },
        {"xl/worksheets/hostile.xml": sheet_xml},
    )


def grid_xml(n_rows: int, n_cols: int, cell: Callable[[str, int, int], str]) -> bytes:
    rows = (
        f'<row r="{r + 1}">' + "".join(cell(cell_ref(r, c), r, c) for c in range(n_cols)) + "</row>"
        for r in range(n_rows)
    )
    return f"<worksheet {_NS}><sheetData>{''.join(rows)}</sheetData></worksheet>".encode()


def form_cell(ref: str, cell: str) -> Callable[[Forms], bytes]:
    return in_part("xlsx", "xl/worksheets/sheet1.xml", lambda xml: with_cell(xml, ref, cell))


def many_sheets_xlsx(forms: Forms) -> bytes:
    sheets = "".join(f'<sheet {_R} name="S{i}" sheetId="{i + 1}" r:id="rId2"/>' for i in range(5000))
    listed = b"<sheets>" + sheets.encode() + b"</sheets>"
    return rezip(
        forms["shared"], {"xl/workbook.xml": lambda xml: re.sub(rb"<sheets>.*</sheets>", listed, xml, flags=re.S)}
    )


def ole_file(stream: bytes, stream_name: str = "Workbook") -> bytes:
    """An OLE2 compound file holding one stream of up to 7 MB in ordinary sectors (several FAT sectors)."""
    stream += b"\x00" * max(0, 4096 - len(stream))
    stream += b"\x00" * (-len(stream) % 512)
    n = len(stream) // 512
    n_fat = -(-(n + 1) // 127)  # sectors 0..n_fat-1 hold the FAT, then the stream, then the directory
    free, end = 0xFFFFFFFF, 0xFFFFFFFE
    fat = [0xFFFFFFFD] * n_fat + [n_fat + i + 1 for i in range(n - 1)] + [end, end]
    fat += [free] * (n_fat * 128 - len(fat))
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<9I", 0, n_fat, n_fat + n, 0, 4096, end, 0, end, 0)
    header += struct.pack("<109I", *range(n_fat), *[free] * (109 - n_fat))
    directory = ole_entry("Root Entry", 5, end, 0, child=1) + ole_entry(stream_name, 2, n_fat, len(stream))
    return header + struct.pack(f"<{len(fat)}I", *fat) + stream + directory.ljust(512, b"\0")


def xls_amplified(_forms: Forms) -> bytes:
    text = b"x" * 8000
    sst = biff_record(0x00FC, struct.pack("<ii", 1, 1) + struct.pack("<HB", len(text), 0) + text)
    label_sst = [biff_record(0x00FD, struct.pack("<HHHI", r, c, 0, 0)) for r in range(50) for c in range(100)]
    return ole_file(biff_stream([("Bieu01", label_sst)], globals_extra=sst))


def xls_many_sheets(_forms: Forms) -> bytes:
    number = biff_record(0x0203, struct.pack("<HHHd", 0, 0, 0, 1.0))
    return ole_file(biff_stream([(f"S{i}", [number]) for i in range(5000)]))


def ods_table(name: str, rows: str) -> str:
    return f'<table:table table:name="{name}">{rows}</table:table>'


ODS_FAR_CELL = (  # a value at A1 and one at ALL1000: an area of a million cells
    '<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
    '<table:table-row table:number-rows-repeated="998"><table:table-cell/></table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="999"/>'
    '<table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
)


def ods_text_cell(body: str, columns: int, rows: int = 1) -> str:
    return (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell office:value-type="string" '
        f'table:number-columns-repeated="{columns}"><text:p>{body}</text:p></table:table-cell></table:table-row>'
    )


def overlapping_zip(_forms: Forms) -> bytes:
    """A non-recursive zip bomb: many directory entries share one compressed kernel, each at a plausible ratio."""
    kernel = b"".join(b"%08d Nguyen Van An, Huyen Cao Loc\n" % i for i in range(300_000))  # 10 MB
    data = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", "k": kernel})
    end = data.rindex(b"PK\x05\x06")
    start = struct.unpack_from("<I", data, end + 16)[0]  # where the central directory begins
    record = data[data.rindex(b"PK\x01\x02", start, end) : end]  # the kernel's entry, its name "k" last
    copies = b"".join(record[:-1] + bytes([65 + i]) for i in range(40))  # 40 more names for the same bytes
    tail = bytearray(data[end:])
    struct.pack_into("<HHI", tail, 8, 43, 43, end - start + len(copies))
    return data[:end] + copies + bytes(tail)


def random_text(n_chars: int) -> str:
    """Letters and digits that do not compress much: a large part that is not a zip bomb."""
    return base64.b64encode(os.urandom(n_chars * 3 // 4)).decode()


def with_shared_string(data: bytes, text: bytes) -> tuple[bytes, int]:
    """The workbook with one more shared string, and its index."""
    index = parts_of(data)["xl/sharedStrings.xml"].count(b"<si>")
    return rezip(
        data, {"xl/sharedStrings.xml": lambda xml: xml.replace(b"</sst>", b"<si><t>" + text + b"</t></si></sst>")}
    ), index


def shared_string_everywhere(forms: Forms) -> bytes:
    """A 2 KB string in 100,000 cells: a 300 KB file that calamine would turn into gigabytes."""
    data, index = with_shared_string(forms["shared"], ("Nguyễn Văn An, Huyện Cao Lộc " * 70).encode())
    return with_sheet(data, "Hostile", grid_xml(100, 1000, lambda ref, r, c: f'<c r="{ref}" t="s"><v>{index}</v></c>'))


def huge_shared_string(forms: Forms) -> bytes:
    """Nine million characters in one note cell: within the limit, read."""
    data, index = with_shared_string(forms["shared"], random_text(9_000_000).encode())
    return rezip(
        data, {"xl/worksheets/sheet1.xml": lambda xml: with_cell(xml, "F14", f'<c r="F14" t="s"><v>{index}</v></c>')}
    )


def formula_chain(forms: Forms) -> bytes:
    chain = grid_xml(
        20_000, 1, lambda ref, r, c: f'<c r="{ref}"><f>A{r}+1</f></c>' if r else f'<c r="{ref}"><v>1</v></c>'
    )
    data = with_sheet(forms["xlsx"], "Chuoi", chain)
    return rezip(
        data, {"xl/worksheets/sheet1.xml": lambda xml: with_cell(xml, "E14", '<c r="E14"><f>Chuoi!A20000</f></c>')}
    )


def nested_formula(ref: str, value: int) -> str:
    return f'<c r="{ref}"><f>{"(" * 50_000}{value}{")" * 50_000}</f><v>{value}</v></c>'


CASES: dict[str, Hostile] = {
    "billion-laughs-in-shared-strings": Hostile(
        in_part("shared", "xl/sharedStrings.xml", lambda xml: declare(billion_laughs("sst"), xml, b"Huy", b"&l9;")),
        "bieu.xlsx",
        "DOCTYPE/ENTITY trong phần «xl/sharedStrings.xml»",
    ),
    "billion-laughs-in-ods": Hostile(
        in_part(
            "ods", "content.xml", lambda xml: declare(billion_laughs("office:document-content"), xml, b"Huy", b"&l9;")
        ),
        "bieu.ods",
        "DOCTYPE/ENTITY trong phần «content.xml»",
    ),
    **{
        f"external-entity-in-{label}": Hostile(
            in_part(base, part, lambda xml: declare(XXE, xml, b"Huy", b"&xxe;")),
            file_name,
            f"DOCTYPE/ENTITY trong phần «{part}»",
        )
        for label, base, part, file_name in [
            ("a-sheet", "xlsx", "xl/worksheets/sheet1.xml", "bieu.xlsx"),
            ("shared-strings", "shared", "xl/sharedStrings.xml", "bieu.xlsx"),
            ("styles", "shared", "xl/styles.xml", "bieu.xlsx"),
            ("ods", "ods", "content.xml", "bieu.ods"),
        ]
    },
    "zip-bomb-of-overlapping-entries": Hostile(overlapping_zip, "bieu.xlsx", "khi giải nén nặng"),
    "dimension-claiming-the-whole-sheet": Hostile(
        in_part(
            "xlsx",
            "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
        ),
        "bieu.xlsx",
        ACCEPTED,
    ),
    "950-thousand-cells-beside-the-form": Hostile(
        lambda forms: with_sheet(
            forms["xlsx"], "SoLieu", grid_xml(950, 1000, lambda ref, r, c: f'<c r="{ref}"><v>{r * c}</v></c>')
        ),
        "bieu.xlsx",
        ACCEPTED,
        seconds=15.0,  # measured: about 5 s, reading a million cells twice (our scan, then calamine)
    ),
    "a-million-and-one-cells": Hostile(
        lambda forms: with_sheet(
            forms["xlsx"], "SoLieu", grid_xml(1000, 1001, lambda ref, r, c: f'<c r="{ref}"><v>{r * c}</v></c>')
        ),
        "bieu.xlsx",
        "«SoLieu» trong tệp «bieu.xlsx» quá lớn",
        seconds=10.0,  # measured: about 4 s, the scan stopping at the last row
    ),
    "sheet-without-a-name": Hostile(
        in_part("xlsx", "xl/workbook.xml", lambda xml: xml.replace(b'name="Bieu01"', b'name=""')),
        "bieu.xlsx",
        "bị hỏng",
    ),
    "sheet-named-with-5000-characters": Hostile(
        lambda forms: with_sheet(
            forms["xlsx"], "x" * 5000, grid_xml(1, 1, lambda *_: '<c r="XFD1048576"><v>1</v></c>')
        ),
        "bieu.xlsx",
        "quá lớn: dùng vùng từ A1 đến XFD1048576",
    ),
    "5000-sheets-xlsx": Hostile(many_sheets_xlsx, "bieu.xlsx", "5.000 trang tính"),
    "5000-sheets-xls": Hostile(xls_many_sheets, "bieu.xls", "5.000 trang tính"),
    "5000-sheets-ods": Hostile(
        lambda _: ods_bytes("".join(ods_table(f"S{i}", ods_text_cell("1", 1)) for i in range(5000))),
        "bieu.ods",
        "5.000 trang tính",
    ),
    "formula-chain-without-values": Hostile(formula_chain, "bieu.xlsx", "Ô có công thức nhưng chưa có kết quả tính"),
    "deeply-nested-formula-with-its-value": Hostile(form_cell("E14", nested_formula("E14", 22)), "bieu.xlsx", ACCEPTED),
    "huge-shared-string-in-a-note": Hostile(huge_shared_string, "bieu.xlsx", ACCEPTED, seconds=5.0),
    "huge-text-in-a-value-cell": Hostile(
        lambda forms: form_cell("E14", f'<c r="E14" t="inlineStr"><is><t>{random_text(4_000_000)}</t></is></c>')(forms),
        "bieu.xlsx",
        "Chỉ tiêu TT01",
        seconds=5.0,
    ),
    "number-followed-by-many-spaces": Hostile(
        form_cell("E14", f'<c r="E14" t="inlineStr"><is><t>1{" " * 20_000}x1</t></is></c>'),
        "bieu.xlsx",
        "không phải số",
    ),
    "shared-string-used-by-100000-cells": Hostile(shared_string_everywhere, "bieu.xlsx", "ký tự văn bản trong các ô"),
    "shared-string-count-of-4-billion": Hostile(
        in_part(
            "shared",
            "xl/sharedStrings.xml",
            lambda xml: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4000000000"', xml),
        ),
        "bieu.xlsx",
        "bị hỏng",
    ),
    "xls-shared-string-used-by-5000-cells": Hostile(xls_amplified, "bieu.xls", "ký tự văn bản trong các ô"),
    "ods-text-repeated-in-100000-cells": Hostile(
        lambda _: ods_bytes(ods_table("Bieu01", ods_text_cell("Kết quả " * 1250, 1000, 100))),
        "bieu.ods",
        "ký tự văn bản trong các ô",
    ),
    "ods-spaces-repeated-in-1000-cells": Hostile(
        lambda _: ods_bytes(ods_table("Bieu01", ods_text_cell('a<text:s text:c="900000"/>b', 1000))),
        "bieu.ods",
        "ký tự văn bản trong các ô",
    ),
    "ods-200-tables-of-one-name": Hostile(
        lambda _: ods_bytes(ods_table("Bieu01", ODS_FAR_CELL) * 200), "bieu.ods", "bị hỏng"
    ),
    "ods-repeat-count-of-5000-digits": Hostile(
        lambda _: ods_bytes(
            ods_table(
                "Bieu01", ods_text_cell("x", 1).replace('columns-repeated="1"', f'columns-repeated="{"1" * 5000}"')
            )
        ),
        "bieu.ods",
        "bị hỏng",
    ),
}

CHILD_TIMEOUT = 120  # seconds for the whole corpus; a hang shows as the case that never finished


def run_child(
    manifest: list[list[str]], folder: Path, headroom: int = CHILD_HEADROOM, mode: str = "check"
) -> dict[str, dict]:
    """Each file through the loader's checks in a child process; a case that kills the child or hangs is recorded
    as a crash, and the child is started again for the cases after it."""
    records: dict[str, dict] = {}
    remaining = list(manifest)
    while remaining:
        db_path = folder / f"child-{len(records)}.duckdb"
        command = [
            sys.executable,
            "-m",
            "tests.support.hostile_child",
            json.dumps(remaining),
            str(db_path),
            str(headroom),
            mode,
        ]
        try:
            # Without a backtrace: printing one needs memory, and at the limit that can hang instead of failing.
            environment = {**os.environ, "RUST_BACKTRACE": "0"}
            done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, timeout=CHILD_TIMEOUT)
            output, failure = done.stdout, done.returncode and f"exit {done.returncode}: {done.stderr[-3000:]!r}"
        except subprocess.TimeoutExpired as exc:
            output, failure = exc.stdout or b"", f"no answer in {CHILD_TIMEOUT} s"
        started = None
        for line in output.decode().splitlines():
            record = json.loads(line)
            if "start" in record:
                started = record["start"]
            else:
                records[record["name"]], started = record, None
        if not failure:
            break
        assert started, f"the child failed outside any file: {failure}"
        records[started] = {"name": started, "crash": failure}
        remaining = [entry for entry in remaining if entry[0] not in records]
    return records


@pytest.fixture(scope="module")
def hostile_outcomes(forms, tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("hostile")
    manifest = []
    for name, case in CASES.items():
        path = folder / f"{name}-{case.file_name}"
        path.write_bytes(case.build(forms))
        manifest.append([name, case.file_name, str(path)])
    return run_child(manifest, folder)


@pytest.mark.parametrize("name", CASES)
def test_hostile_file_is_refused_or_read_safely(hostile_outcomes, name):
    case, outcome = CASES[name], hostile_outcomes[name]
    assert "crash" not in outcome, outcome["crash"]
    assert_messages_readable(outcome["messages"])
    assert not any("root:" in m for m in outcome["messages"])  # /etc/passwd never reaches the clerk
    if case.expect == ACCEPTED:
        assert (outcome["status"], outcome["errors"]) == ("checked", [])
        assert outcome["values"] == pytest.approx(VALUES)
    else:
        assert outcome["status"] == "rejected"
        assert any(case.expect in m for m in outcome["errors"]), outcome["errors"]
    assert outcome["seconds"] < case.seconds
    assert outcome["peak_mb"] < PEAK_RSS_MB


def test_the_memory_guard_stops_calamine_alone_on_an_amplified_string(forms, tmp_path):
    # Control: without the reader's checks, calamine copies the 2 KB string into each of 100,000 cells and the
    # child's address-space limit stops it, while the form itself reads within the same limit. The case is a
    # real bomb, and the guard would catch a reader that let it through.
    manifest = []
    for name, data in (("form", forms["shared"]), ("amplified", shared_string_everywhere(forms))):
        (tmp_path / f"{name}.xlsx").write_bytes(data)
        manifest.append([name, f"{name}.xlsx", str(tmp_path / f"{name}.xlsx")])

    outcomes = run_child(manifest, tmp_path, headroom=300 * MIB, mode="calamine")

    assert outcomes["form"]["status"] == "read"
    assert outcomes["amplified"].get("crash", "").startswith("exit "), outcomes["amplified"]  # died, did not hang
