"""The same period a year earlier (issue 21, item 4), by hand: a district year against the one before it, and a
commune year against the districts' year before the 2025 reform (Lạng Sơn: province 20 before and after)."""

from __future__ import annotations

import pytest

from core.continuity import AFTER, BEFORE, same_period_last_year, year_before
from core.periods import parse_period
from tests.support.forms import record_reports


def inspected_indicator(db):
    return next(row for row in db.rows("indicator_catalogue") if row.indicator_code == "CO_SO_KIEM_TRA")


def test_the_same_period_one_year_earlier():
    assert [year_before(parse_period(c)).code for c in ("2023Q2", "2023S1", "2023", "2026Q3")] == [
        "2022Q2",
        "2022S1",
        "2022",
        "2025Q3",
    ]


def test_a_district_year_against_the_year_before(db):
    record_reports(
        db,
        [
            ("180", "2022Q2", "2022-06-10 09:00", {"KT01": 100, "KT02": 10}),
            ("183", "2022Q2", "2022-06-10 09:00", {"KT01": 50, "KT02": 20}),
        ],
    )
    point = same_period_last_year(db, "20", BEFORE, inspected_indicator(db), parse_period("2023Q2"))
    assert (point.numerator, point.denominator) == (30, 150) and point.value == pytest.approx(0.2)
    assert (point.units_contributing, point.units_expected, point.structure) == (2, 11, BEFORE)
    assert (
        same_period_last_year(db, "20", BEFORE, inspected_indicator(db), parse_period("2024Q2")) is None
    )  # none in 2023


def test_a_commune_year_against_the_districts_before_the_reform(db):
    record_reports(db, [("180", "2025Q2", "2025-06-10 09:00", {"KT01": 40, "KT02": 10})])
    point = same_period_last_year(db, "20", AFTER, inspected_indicator(db), parse_period("2026Q2"))
    assert point.value == pytest.approx(0.25) and point.structure == BEFORE and point.period.code == "2025Q2"
    assert same_period_last_year(db, "20", AFTER, inspected_indicator(db), parse_period("2026Q3")) is None
