"""The status model (core/status.py), computed by hand for each kind of target at Q1, S1, Q3 and the year's end."""

import pytest

from core.periods import parse_period
from core.status import evaluate, shortfall

Q1, Q2, S1, Q3, Q4, S2, YEAR = (
    parse_period(c) for c in ("2023Q1", "2023Q2", "2023S1", "2023Q3", "2023Q4", "2023S2", "2023")
)


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        # At least 30% of establishments inspected (a cumulative count): 7.5% due by March, 15% by June,
        # 22.5% by September, 30% by December.
        (Q1, 0.08, ("on_track", 0.075)),
        (Q1, 0.05, ("behind", 0.075)),
        (Q1, 0.31, ("met", 0.075)),
        (S1, 0.15, ("on_track", 0.15)),
        (S1, 0.149, ("behind", 0.15)),
        (Q3, 0.20, ("behind", 0.225)),
        (Q3, 0.25, ("on_track", 0.225)),
        (Q4, 0.29, ("missed", 0.30)),
        (Q4, 0.30, ("met", 0.30)),
        (YEAR, 0.10, ("missed", 0.30)),
    ],
)
def test_share_of_a_cumulative_count_is_due_pro_rata(period, value, expected):
    status, due = evaluate("min_percent", 0.30, value, True, period)
    assert (status, round(due, 6)) == expected


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        (Q1, 0.30, ("on_track", 0.25)),
        (S1, 0.40, ("behind", 0.50)),
        (Q3, 0.80, ("on_track", 0.75)),
        (Q4, 0.99, ("missed", 1.0)),
        (YEAR, 1.0, ("met", 1.0)),
    ],
)
def test_all_units_target(period, value, expected):
    assert evaluate("all", 1.0, value, True, period) == expected


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        # At least 16 healthy communes (a stock): the whole level is due all year.
        (Q1, 15, ("behind", 16)),
        (Q1, 16, ("met", 16)),
        (S1, 15, ("behind", 16)),
        (Q3, 17, ("met", 16)),
        (Q4, 15, ("missed", 16)),
        (S2, 16, ("met", 16)),
    ],
)
def test_count_of_a_stock_is_due_whole(period, value, expected):
    assert evaluate("min_count", 16, value, False, period) == expected


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        # At least one article a month: 3 due by March, 6 by June, 9 by September; the year's 12 met early.
        (Q1, 3, ("on_track", 3)),
        (Q1, 2, ("behind", 3)),
        (S1, 6, ("on_track", 6)),
        (S1, 12, ("met", 6)),
        (Q3, 8, ("behind", 9)),
        (YEAR, 11, ("missed", 12)),
        (YEAR, 12, ("met", 12)),
    ],
)
def test_frequency_counts_the_months_elapsed(period, value, expected):
    assert evaluate("per_month", 1, value, True, period) == expected


@pytest.mark.parametrize(
    ("period", "value", "expected"),
    [
        # Six to eight hotspots cleared in the year (a flow): 1.5 due by March, 3 by June, 4.5 by September.
        (Q1, 2, ("on_track", 1.5)),
        (Q1, 1, ("behind", 1.5)),
        (S1, 3, ("on_track", 3)),
        (Q3, 4, ("behind", 4.5)),
        (Q4, 5, ("missed", 6)),
        (YEAR, 6, ("met", 6)),
        (YEAR, 9, ("met", 6)),
    ],
)
def test_range_is_met_from_its_lower_bound(period, value, expected):
    assert evaluate("range", 6, value, True, period) == expected


def test_a_half_year_is_judged_as_its_second_quarter():
    assert evaluate("min_percent", 0.30, 0.12, True, S1) == evaluate("min_percent", 0.30, 0.12, True, Q2)


def test_no_target_is_only_monitored_and_no_value_is_no_data():
    assert evaluate("monitor", None, 5, True, Q2) == ("monitor", None)
    assert evaluate(None, None, 5, True, Q2) == ("monitor", None)
    assert evaluate("all", 1.0, None, True, Q2) == ("no_data", 0.5)
    assert evaluate("all", 1.0, None, True, YEAR) == ("no_data", 1.0)


def test_laggards_are_ordered_by_how_far_behind_what_is_due():
    # 10% against 15% due is a third short; 12% is a fifth short; no figure comes after both.
    assert shortfall(0.10, 0.15) == pytest.approx(1 / 3)
    assert shortfall(0.12, 0.15) == pytest.approx(0.2)
    assert shortfall(None, 0.15) < shortfall(0.15, 0.15) == 0
