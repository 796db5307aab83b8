"""The form's number parser: the formats of DOMAIN.md section 6, and properties on any text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.numbers import format_number, parse_number


@pytest.mark.parametrize(
    ("raw", "unit", "expected"),
    [
        ("15 xã", "xã", 15),
        ("15 XA", "xã", 15),
        ("3 buổi", "buổi", 3),
        ("2 tin, bài", "tin, bài", 2),
        ("2 tin", "tin, bài", 2),
        ("1 234 cơ sở", "cơ sở", 1234),
        ("12,5 triệu đồng", "triệu đồng", 12.5),
    ],
)
def test_a_number_may_carry_its_rows_own_unit(raw, unit, expected):
    parsed = parse_number(raw, unit)
    assert parsed.error == "" and parsed.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "unit"),
    [
        ("12 (ước)", "cơ sở"),
        ("khoảng 20", "cơ sở"),
        ("90%", "xã"),
        ("15 cơ sở", "xã"),
        ("15 xã", None),
        ("7 người?", "người"),
    ],
)
def test_any_other_word_or_mark_beside_a_number_is_no_number(raw, unit):
    parsed = parse_number(raw, unit)
    assert parsed.value is None and parsed.error


def test_the_reason_quotes_what_was_found_and_the_unit_allowed():
    assert (
        parse_number("12 (ước)", "cơ sở").error
        == "bên cạnh số có «(ước)»: chỉ được ghi số, có thể kèm đơn vị tính «cơ sở»"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15", 15),
        ("1.234", 1234),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("12,5", 12.5),
        ("1.250,5", 1250.5),
        ("1.234.567", 1234567),
        ("-", 0),
        ("–", 0),
        (" 7 ", 7),
        (15, 15),
        (12.5, 12.5),
        ("1,234.5", 1234.5),
        ("1.5", 1.5),
        ("0", 0),
    ],
)
def test_formats_people_type(raw, expected):
    parsed = parse_number(raw)
    assert parsed.error == "" and parsed.value == pytest.approx(expected)


@pytest.mark.parametrize("raw", [None, "", "   ", "x", "X"])
def test_blank_and_x_are_not_reported_never_zero(raw):
    assert parse_number(raw).value is None and parse_number(raw).error == ""


@pytest.mark.parametrize("raw", ["abc", "khoảng 15", "1.23.4", "15-20", True, "#DIV/0!", "1,2,3.4,5", "∞"])
def test_not_numbers_are_errors(raw):
    parsed = parse_number(raw)
    assert parsed.value is None and parsed.error


def test_negative_is_read_and_left_to_the_checks():
    assert parse_number("-5").value == -5


@given(st.text())
def test_never_raises_on_any_text(text):
    parsed = parse_number(text)
    assert (parsed.value is None) or parsed.error == ""


@given(
    st.one_of(
        st.integers(min_value=-(10**12), max_value=10**12),
        st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False).map(float),
    )
)
def test_round_trips_every_number_it_formats(value):
    parsed = parse_number(format_number(value))
    assert parsed.error == ""
    assert parsed.value == pytest.approx(value, rel=1e-12, abs=1e-9)
