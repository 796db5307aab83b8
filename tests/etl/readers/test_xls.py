"""etl/readers/xls.py: xls built record by record; values, errors, passwords, sheets too large for calamine."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.readers import WorkbookRejected, read_workbook
from tests.support.crafted import (
    biff_dimensions,
    biff_number,
    biff_record,
    biff_stream,
    ole_bytes,
    ole_mini_bytes,
    peak_during,
    rejected,
)


@pytest.mark.parametrize("container", [ole_bytes, ole_mini_bytes], ids=["stream", "mini-stream"])
def test_xls_is_read_at_absolute_positions(container):
    stream = biff_stream(
        [
            ("Bieu01", [biff_dimensions(4, 6, 2, 4), biff_number(4, 2, 15), biff_number(5, 3, 12.5)]),
            ("Hai", [biff_number(0, 0, 1)]),
        ]
    )

    workbook = read_workbook(container(stream), "bieu.xls")

    assert workbook.file_format == "xls"
    first, second = workbook.sheets
    assert (first.name, second.name) == ("Bieu01", "Hai")
    assert first.rows[4][2] == 15 and first.rows[5][3] == 12.5
    assert len(first.rows) == 6 and {len(row) for row in first.rows} == {4}
    assert second.rows == [[1.0]]
    assert first.formula_cells_without_value == set()


def test_xls_error_cells_read_as_their_text():
    div0 = biff_record(0x0205, struct.pack("<HHHBB", 2, 1, 0, 0x07, 1))  # BoolErr holding #DIV/0!
    stream = biff_stream([("Bieu01", [biff_number(0, 0, 1), div0])])

    assert read_workbook(ole_bytes(stream), "bieu.xls").sheets[0].rows[2][1] == "#DIV/0!"


def test_xls_with_password_is_refused():
    file_pass = biff_record(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(48))  # RC4 encryption header
    stream = biff_stream([("Bieu01", [biff_number(0, 0, 1)])], globals_extra=file_pass)

    assert "mật khẩu" in rejected(ole_bytes(stream), "bieu.xls").message


@pytest.mark.parametrize(
    "records",
    [
        [biff_dimensions(0, 65536, 0, 256), biff_number(0, 0, 1)],  # declares A1:IV65536: calamine reserves it
        [biff_number(0, 0, 1), biff_number(65535, 255, 2)],  # two cells far apart: calamine fills the box between
    ],
    ids=["declared", "cells"],
)
def test_xls_sheet_too_large_is_refused_before_calamine_allocates_it(records):
    # A few hundred bytes that would make calamine allocate over 500 MB per sheet.
    data = ole_bytes(biff_stream([("Bieu01", records)] * 6))

    problem, seconds, _, rss_growth = peak_during(lambda: read_workbook(data, "bieu.xls"))

    assert isinstance(problem, WorkbookRejected)
    assert problem.problem.sheet == "Bieu01"
    assert "quá lớn" in problem.problem.message and "1.000.000 ô" in problem.problem.message
    assert seconds < 1 and rss_growth < 100


# --- never a traceback ----------------------------------------------------------------------------------------------
FORM_FOR_MUTATION = ole_bytes(biff_stream([("Bieu01", [biff_dimensions(0, 2, 0, 2), biff_number(1, 1, 15)])]))


@settings(max_examples=300, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, len(FORM_FOR_MUTATION) - 1), st.integers(0, 255)), max_size=8))
def test_damaged_xls_is_read_or_refused(edits):
    data = bytearray(FORM_FOR_MUTATION)
    for position, value in edits:
        data[position] = value
    try:
        read_workbook(bytes(data), "bieu.xls")
    except WorkbookRejected as exc:
        assert exc.problem.message
