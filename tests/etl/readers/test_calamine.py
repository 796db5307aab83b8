"""etl/readers/calamine.py: what calamine would trip on (a Rust panic, two sheets of one name) is a damaged file."""

from __future__ import annotations

from tests.support.crafted import biff_number, biff_record, biff_stream, ole_bytes, rejected, rezip, xlsx_bytes


def test_rust_panic_in_calamine_is_damaged_not_a_crash():
    short_name = biff_record(0x0018, b"\x00\x00")  # a defined name too short: calamine indexes past its end
    data = ole_bytes(biff_stream([("Bieu01", [biff_number(0, 0, 1)])], globals_extra=short_name))

    assert "bị hỏng" in rejected(data, "bieu.xls").message


def test_two_sheets_with_one_name_are_damaged(tmp_path):
    def fill(workbook):
        workbook.active.title = "Bieu01"
        workbook.create_sheet("Hai")["A1"] = 1

    data = rezip(xlsx_bytes(tmp_path, fill), {"xl/workbook.xml": lambda xml: xml.replace(b'"Hai"', b'"Bieu01"')})

    assert "bị hỏng" in rejected(data).message
