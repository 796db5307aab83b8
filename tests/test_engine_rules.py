"""The engine's per-unit rules and target evaluation, on hand-built reports (no database)."""

from datetime import date, datetime

from core.engine import Report, evaluate, flow_chain, resolve_unit
from core.periods import parse_period

NATURES = {"TT01": "stock", "TT02": "cumulative", "TT03": "flow"}
JAN1 = date(2023, 1, 1)


def report(sid: int, code: str, received: str = "2023-12-31", **values: float) -> Report:
    p = parse_period(code)
    return Report(sid, "U1", p.start, p.end, datetime.fromisoformat(received), values)


def test_flows_add_quarters_and_stocks_take_the_latest():
    reports = [
        report(1, "2023Q1", TT01=10, TT02=3, TT03=4),
        report(2, "2023Q2", TT01=12, TT02=7, TT03=5),
        report(3, "2023Q3", TT01=12, TT02=9, TT03=6),
    ]
    figures = resolve_unit(reports, NATURES, JAN1)
    assert figures["TT03"].value == 4 + 5 + 6
    assert figures["TT03"].submission_ids == (1, 2, 3)
    assert figures["TT01"].value == 12 and figures["TT02"].value == 9  # never 10+12+12
    assert figures["TT02"].submission_ids == (3,)


def test_half_year_report_is_not_added_to_its_quarters():
    reports = [
        report(1, "2023Q1", TT03=4),
        report(2, "2023Q2", TT03=5),
        report(3, "2023S1", TT03=9),
        report(4, "2023Q3", TT03=6),
    ]
    chain = flow_chain(reports, JAN1)
    assert [r.submission_id for r in chain] == [3, 4]  # S1 covers Q1 and Q2
    assert resolve_unit(reports, NATURES, JAN1)["TT03"].value == 9 + 6


def test_gap_in_quarters_adds_what_was_reported():
    reports = [report(1, "2023Q1", TT03=4), report(3, "2023Q3", TT03=6)]
    assert resolve_unit(reports, NATURES, JAN1)["TT03"].value == 10


def test_missing_element_is_absent_not_zero_and_older_value_carries():
    reports = [report(1, "2023Q1", TT01=10, TT02=3), report(2, "2023Q2", TT02=5)]
    figures = resolve_unit(reports, NATURES, JAN1)
    assert figures["TT01"].value == 10 and figures["TT01"].latest_end == date(2023, 3, 31)
    assert "TT03" not in figures


def test_same_end_prefers_the_latest_received():
    reports = [report(1, "2023Q2", "2023-06-10", TT02=5), report(2, "2023S1", "2023-06-20", TT02=6)]
    assert resolve_unit(reports, NATURES, JAN1)["TT02"].value == 6


Q2, Q4, YEAR = parse_period("2023Q2"), parse_period("2023Q4"), parse_period("2023")


def test_share_target_pro_rata_for_cumulative():
    # >= 30% inspected: at mid-year 15% is due.
    assert evaluate("min_percent", 0.30, 0.31, True, Q2) == ("met", 0.15)
    assert evaluate("min_percent", 0.30, 0.20, True, Q2) == ("not_yet", 0.15)
    assert evaluate("min_percent", 0.30, 0.10, True, Q2) == ("behind", 0.15)
    # At the year's end what is below target is simply not met.
    assert evaluate("min_percent", 0.30, 0.10, True, Q4)[0] == "not_yet"


def test_stock_target_is_not_pro_rata():
    assert evaluate("min_count", 16, 15, False, Q2) == ("not_yet", 16)
    assert evaluate("min_count", 16, 16, False, Q2) == ("met", 16)


def test_frequency_target_counts_months_elapsed():
    assert evaluate("per_month", 1, 6, True, Q2) == ("met", 6)
    assert evaluate("per_month", 1, 5, True, Q2) == ("behind", 6)
    assert evaluate("per_month", 1, 11, True, YEAR) == ("not_yet", 12)


def test_range_is_met_from_its_lower_bound():
    assert evaluate("range", 6, 3, True, Q2) == ("not_yet", 3)
    assert evaluate("range", 6, 2, True, Q2) == ("behind", 3)
    assert evaluate("range", 6, 9, True, YEAR)[0] == "met"


def test_no_target_and_no_data():
    assert evaluate("monitor", None, 5, True, Q2) == ("no_target", None)
    assert evaluate(None, None, 5, True, Q2) == ("no_target", None)
    assert evaluate("all", 1.0, None, True, Q2)[0] == "no_data"
    assert evaluate("all", 1.0, 1.0, True, Q2)[0] == "met"
