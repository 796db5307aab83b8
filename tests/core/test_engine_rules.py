"""The engine's per-unit rules on hand-built reports of one unit (in a real database)."""

from datetime import date

from core.engine import unit_figures
from core.periods import parse_period
from tests.support.forms import record_reports

UNIT = "582"  # TT01 is a stock, TT02 cumulative, TT03 a flow
YEAR_END = parse_period("2023")  # every report of the year counts


def load(db, *reports: tuple[str, str, dict[str, float]]) -> list[int]:
    """Record the unit's reports (period, time received, values); their submission ids, in order."""
    return [r.submission_id for r in record_reports(db, [(UNIT, *report) for report in reports])]


def figures(db, period=YEAR_END):
    """The unit's figures by element: (value, the reports it rests on, the end of the newest of them)."""
    return {element: by_unit[UNIT] for element, by_unit in unit_figures(db, [UNIT], period).items()}


def test_flows_add_quarters_and_stocks_take_the_latest(db):
    q1, q2, q3 = load(
        db,
        ("2023Q1", "2023-12-31", {"TT01": 10, "TT02": 3, "TT03": 4}),
        ("2023Q2", "2023-12-31", {"TT01": 12, "TT02": 7, "TT03": 5}),
        ("2023Q3", "2023-12-31", {"TT01": 12, "TT02": 9, "TT03": 6}),
    )
    result = figures(db)
    assert result["TT03"] == (4 + 5 + 6, (q1, q2, q3), date(2023, 9, 30))
    assert result["TT01"][0] == 12 and result["TT02"][0] == 9  # never 10+12+12
    assert result["TT02"][1] == (q3,)


def test_half_year_report_is_not_added_to_its_quarters(db):
    _q1, _q2, s1, q3 = load(
        db,
        ("2023Q1", "2023-12-31", {"TT03": 4}),
        ("2023Q2", "2023-12-31", {"TT03": 5}),
        ("2023S1", "2023-12-31", {"TT03": 9}),
        ("2023Q3", "2023-12-31", {"TT03": 6}),
    )
    value, reports, _ = figures(db)["TT03"]
    assert reports == (s1, q3)  # S1 covers Q1 and Q2
    assert value == 9 + 6


def test_year_report_covers_every_other_report(db):
    *_, year = load(
        db,
        ("2023Q1", "2023-12-31", {"TT03": 4}),
        ("2023S2", "2023-12-31", {"TT03": 11}),
        ("2023Q4", "2023-12-31", {"TT03": 5}),
        ("2023", "2023-12-31", {"TT03": 20}),
    )
    assert figures(db)["TT03"] == (20, (year,), date(2023, 12, 31))


def test_flow_stated_only_outside_the_chain_is_missing(db):
    load(db, ("2023Q1", "2023-12-31", {"TT03": 4}), ("2023S1", "2023-12-31", {"TT01": 10}))
    assert "TT03" not in figures(db)  # S1 replaces Q1 and does not state it


def test_gap_in_quarters_adds_what_was_reported(db):
    load(db, ("2023Q1", "2023-12-31", {"TT03": 4}), ("2023Q3", "2023-12-31", {"TT03": 6}))
    assert figures(db)["TT03"][0] == 10


def test_missing_element_is_absent_not_zero_and_older_value_carries(db):
    load(db, ("2023Q1", "2023-12-31", {"TT01": 10, "TT02": 3}), ("2023Q2", "2023-12-31", {"TT02": 5}))
    result = figures(db)
    assert result["TT01"][0] == 10 and result["TT01"][2] == date(2023, 3, 31)
    assert "TT03" not in result


def test_same_end_prefers_the_latest_received(db):
    load(db, ("2023Q2", "2023-06-10", {"TT02": 5}), ("2023S1", "2023-06-20", {"TT02": 6}))
    assert figures(db)["TT02"][0] == 6


def test_reports_after_the_period_do_not_count(db):
    load(db, ("2023Q1", "2023-12-31", {"TT01": 10, "TT03": 4}), ("2023Q2", "2023-12-31", {"TT01": 12, "TT03": 5}))
    result = figures(db, parse_period("2023Q1"))
    assert (result["TT01"][0], result["TT03"][0]) == (10, 4)
