"""Period codes, dates and labels (deadlines: tests/core/test_calendar.py)."""

from datetime import date

import pytest

from core.periods import parse_period, parse_period_text, periods_of_year


def test_quarter_code_gives_dates_and_label():
    p = parse_period("2023Q2")
    assert (p.start, p.end, p.period_type, p.months, p.months_elapsed) == (
        date(2023, 4, 1),
        date(2023, 6, 30),
        "quarter",
        3,
        6,
    )
    assert p.label == "Quý II năm 2023"


def test_half_year_and_year():
    s1, year = parse_period("2023s1"), parse_period("2023")
    assert (s1.code, s1.end, s1.label) == ("2023S1", date(2023, 6, 30), "6 tháng đầu năm 2023")
    assert (year.code, year.start, year.end, year.label) == ("2023", date(2023, 1, 1), date(2023, 12, 31), "Năm 2023")


@pytest.mark.parametrize("bad", ["2023Q5", "23Q1", "2023-Q1", "", "Q1 2023", None])
def test_bad_codes_raise_with_vietnamese_message(bad):
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_period(bad)


def test_year_periods_in_calendar_order():
    assert [p.code for p in periods_of_year(2021)] == [
        "2021Q1",
        "2021Q2",
        "2021S1",
        "2021Q3",
        "2021Q4",
        "2021S2",
        "2021",
    ]


def test_label_inside_a_sentence_keeps_roman_numerals():
    assert parse_period("2023Q4").in_sentence == "quý IV"
    assert parse_period("2023S1").in_sentence == "6 tháng đầu năm"
    assert parse_period("2023").in_sentence == "cả năm"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quý II năm 2023", "2023Q2"),
        ("QUÝ IV NĂM 2023", "2023Q4"),
        ("Quy II nam 2023", "2023Q2"),
        ("Quý 2/2023", "2023Q2"),
        ("quý i năm 2023", "2023Q1"),
        ("6 tháng đầu năm 2023", "2023S1"),
        ("6 THANG DAU NAM 2023", "2023S1"),
        ("6 tháng cuối năm 2023", "2023S2"),
        ("Năm 2023", "2023"),
        ("2023Q3", "2023Q3"),
        ("Quý II năm 2023", "2023Q2"),  # NFD, from a Mac
    ],
)
def test_period_as_written_on_forms(text, code):
    assert parse_period_text(text).code == code


@pytest.mark.parametrize("text", ["", None, "Quý V năm 2023", "tháng 5", "2023-05-01"])
def test_unreadable_period_text_is_none(text):
    assert parse_period_text(text) is None
