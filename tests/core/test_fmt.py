"""Vietnamese number format."""

from core import fmt


def test_thousands_and_decimals():
    assert fmt.number(1234) == "1.234"
    assert fmt.number(1250.5, 1) == "1.250,5"
    assert fmt.number(1234567.891, 2) == "1.234.567,89"


def test_percent():
    assert fmt.percent(0.232) == "23,2%"
    assert fmt.percent(0.45) == "45,0%"
    assert fmt.percent(1) == "100,0%"


def test_missing_is_a_dash_not_zero():
    assert fmt.number(None) == fmt.percent(None) == fmt.count(float("nan")) == "—"
    assert fmt.count(0) == "0"


def test_count_keeps_decimals_only_when_present():
    assert fmt.count(15.0) == "15"
    assert fmt.count(12.5) == "12,5"
