"""The projection to the year's end (issue 21, item 2), on hand-built series: a steady pace, a late start, a unit
missing a quarter; never from fewer than two quarters, nor past the year's end."""

from __future__ import annotations

import pytest

from core.projection import judge, project, projections
from tests.support.forms import record_reports

PLAN = "lang-son-2023"  # Tỷ lệ cơ sở được kiểm tra: at least 30% over the year


def test_a_steady_pace_goes_on():
    assert project([0.10, 0.20]) == pytest.approx((0.40, 0.40, 0.40))


def test_a_late_start_gives_a_wide_range():
    # steps 0 and 0.12; two quarters left: 0.12 + 2 × (0.06 | 0 | 0.12)
    assert project([0.0, 0.12]) == pytest.approx((0.24, 0.12, 0.36))


def test_three_quarters_leave_one_step():
    # steps 0.10, 0.05, 0.15: 0.30 + (0.10 | 0.05 | 0.15)
    assert project([0.10, 0.15, 0.30]) == pytest.approx((0.40, 0.35, 0.45))


def test_a_share_stays_within_a_whole():
    assert project([0.40, 0.80], share=True) == pytest.approx((1.0, 1.0, 1.0))
    assert project([40, 80]) == pytest.approx((160, 160, 160))  # a count does not


def test_nothing_from_one_quarter_a_gap_or_a_full_year():
    assert project([0.10]) is None
    assert project([0.10, None]) is None
    assert project([0.1, 0.2, 0.3, 0.4]) is None


def test_the_verdict_against_the_years_target():
    assert judge(0.31, 0.40, "min_percent", 0.30) == ("met", 0.30)
    assert judge(0.20, 0.29, "min_percent", 0.30) == ("missed", 0.30)
    assert judge(0.25, 0.35, "min_percent", 0.30) == ("range", 0.30)
    assert judge(8, 11, "per_month", 1) == ("missed", 12) and judge(12, 14, "per_month", 1)[0] == "met"
    assert judge(0.2, 0.3, None, None) == (None, None)


def reports(db, quarters: dict[str, dict[str, tuple[int, int]]]):
    """unit -> {quarter: (KT01 establishments, KT02 inspected so far)}, received on time."""
    due = {"2023Q1": "2023-04-10", "2023Q2": "2023-07-10", "2023Q3": "2023-10-10"}
    record_reports(
        db,
        [
            (unit, quarter, f"{due[quarter]} 09:00", {"KT01": total, "KT02": inspected})
            for unit, by_quarter in quarters.items()
            for quarter, (total, inspected) in by_quarter.items()
        ],
    )


def test_the_provinces_projection_from_its_reports(db):
    reports(db, {"180": {"2023Q1": (100, 10), "2023Q2": (100, 20)}, "183": {"2023Q1": (100, 10), "2023Q2": (100, 20)}})
    projected = projections(db, PLAN, "2023Q2")["CO_SO_KIEM_TRA"]
    assert (projected.central, projected.low, projected.high) == pytest.approx((0.40, 0.40, 0.40))
    assert (projected.verdict, projected.goal, projected.quarters) == ("met", 0.30, 2)
    assert "TIN_BAI" not in projections(db, PLAN, "2023Q2")  # no target for it in this plan


def test_a_unit_missing_a_quarter_keeps_its_last_figure(db):
    """Cao Lộc's second quarter is missing: its first quarter's 10 inspected stand (the engine's rule), so the
    province went 20/200 = 10%, then 30/200 = 15%: steps 10 and 5 points, two quarters left."""
    reports(db, {"180": {"2023Q1": (100, 10), "2023Q2": (100, 20)}, "183": {"2023Q1": (100, 10)}})
    projected = projections(db, PLAN, "2023Q2")["CO_SO_KIEM_TRA"]
    assert (projected.central, projected.low, projected.high) == pytest.approx((0.30, 0.25, 0.35))
    assert projected.verdict == "range"


def test_no_projection_too_early_or_at_the_years_end(db):
    reports(db, {"180": {"2023Q1": (100, 10), "2023Q2": (100, 20), "2023Q3": (100, 30)}})
    assert projections(db, PLAN, "2023Q1") == {}
    assert projections(db, PLAN, "2023") == {}
    assert projections(db, PLAN, "2023Q3")["CO_SO_KIEM_TRA"].central == pytest.approx(0.40)
