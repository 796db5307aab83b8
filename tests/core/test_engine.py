"""The indicator engine on a real DuckDB file, against hand-computed figures.

The plan and its reports: tests/support/engine_plan.py (the table of figures is there).
"""

from datetime import datetime

import pytest

from core import engine, reviews
from core.engine import EngineError, compute_indicators, shared_indicators
from core.plans import sync_plans
from tests.support.accounts import ensure_account
from tests.support.engine_plan import FIXTURES, PLAN, REPORTS, install, load


@pytest.fixture
def loaded(db):
    return install(db)


def by_code(results):
    return {r.indicator_code: r for r in results}


def test_ratio_is_sum_over_sum_not_mean_of_percentages(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q2"))["XA_TUYEN_TRUYEN"]
    # Σ TT02 / Σ TT01 = (12 + 9 + 4) / (16 + 9 + 5) = 25/30; the mean of the
    # units' shares would be (0.75 + 1 + 0.8) / 3 = 0.85.
    assert (r.numerator, r.denominator) == (25, 30)
    assert r.value == pytest.approx(25 / 30)
    assert r.status == "on_track"  # below 100% but above the 50% due at mid-year
    assert r.expected_to_date == pytest.approx(0.5)


def test_inspection_ratio_and_target_met(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q2"))["CO_SO_KIEM_TRA"]
    assert (r.numerator, r.denominator) == (20 + 1 + 2, 40 + 10 + 2)
    assert r.value == pytest.approx(23 / 52)
    assert (r.target_kind, r.target, r.status) == ("min_percent", 0.30, "met")


def test_missing_units_are_missing_not_zero(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q2"))["XA_TUYEN_TRUYEN"]
    assert (r.units_current, r.units_contributing, r.units_expected) == (2, 3, 7)
    assert r.units_missing == ("586", "587", "588", "589")


def test_late_unit_is_carried_forward_from_its_older_report(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q2"))["XA_TUYEN_TRUYEN"]
    assert r.units_carried == ("584",)
    unit = by_code(compute_indicators(loaded, PLAN, "2023Q2", "584"))["XA_TUYEN_TRUYEN"]
    assert (unit.value, unit.units_current, unit.units_carried, unit.status) == (1.0, 0, ("584",), "met")


def test_flows_add_over_quarters(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q2"))["TIN_BAI"]
    # 582: 2 + 3; 584: 1 (Q1 only); 585: 0 + 1 (the correction's figure).
    assert r.value == 5 + 1 + 1
    assert r.units_contributing == 3
    assert (r.status, r.expected_to_date) == ("on_track", 6)  # at least 1 a month: 6 due by June, 12 for the year


def test_resubmission_replaces_figures_and_keeps_history(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q2", "585"))["XA_TUYEN_TRUYEN"]
    assert r.value == pytest.approx(4 / 5)
    counts = loaded.one("count_submissions").count_submissions
    assert counts == 6  # both versions of 585 Q2 stay in history


def test_figures_name_the_reports_they_rest_on(loaded):
    results = by_code(compute_indicators(loaded, PLAN, "2023Q2"))
    # Submissions are numbered in REPORTS order: 585's first Q2 version (5) is superseded.
    assert results["XA_TUYEN_TRUYEN"].submission_ids == (2, 3, 6)
    assert results["TIN_BAI"].submission_ids == (1, 2, 3, 4, 6)


def test_timeliness_keeps_first_receipt_and_counts_end_of_deadline_day(loaded):
    q1 = by_code(compute_indicators(loaded, PLAN, "2023Q1"))["BAO_CAO_DUNG_HAN"]
    # 582 on 10 March and 585 at 16:00 on 15 March are on time; 584 on 20 March is late.
    assert (q1.numerator, q1.denominator) == (2, 7)
    q2 = by_code(compute_indicators(loaded, PLAN, "2023Q2"))["BAO_CAO_DUNG_HAN"]
    # 585's correction came on 20 June, but its first version on 14 June counts.
    assert (q2.numerator, q2.denominator, q2.status) == (2, 7, "behind")  # every report is due on time


def test_period_without_deadline_has_no_timeliness(loaded):
    s1 = by_code(compute_indicators(loaded, PLAN, "2023S1"))["BAO_CAO_DUNG_HAN"]
    assert (s1.value, s1.status) == (None, "monitor")


def test_half_year_reads_the_quarters_and_year_carries_everything(loaded):
    s1 = by_code(compute_indicators(loaded, PLAN, "2023S1"))["XA_TUYEN_TRUYEN"]
    assert s1.value == pytest.approx(25 / 30) and s1.units_current == 2
    year = by_code(compute_indicators(loaded, PLAN, "2023"))["XA_TUYEN_TRUYEN"]
    assert year.value == pytest.approx(25 / 30)
    assert (year.units_current, year.units_carried, year.status) == (0, ("582", "584", "585"), "missed")


def test_first_quarter(loaded):
    r = by_code(compute_indicators(loaded, PLAN, "2023Q1"))["XA_TUYEN_TRUYEN"]
    assert r.value == pytest.approx((8 + 9 + 1) / (16 + 9 + 5))
    assert r.status == "on_track"  # 60% against 25% due by March


def test_count_target_is_the_provinces_and_no_data_is_said(loaded):
    province = by_code(compute_indicators(loaded, PLAN, "2023Q2"))
    assert (province["XA_LANH_MANH"].value, province["XA_LANH_MANH"].status) == (None, "no_data")
    assert province["CO_SO_VI_PHAM"].status == "monitor"
    unit = by_code(compute_indicators(loaded, PLAN, "2023Q2", "582"))
    assert unit["TIN_BAI"].status == "monitor"  # a frequency target is the province's


def test_breakdown_gives_province_then_each_unit(loaded):
    rows = [
        r for r in compute_indicators(loaded, PLAN, "2023Q2", breakdown=True) if r.indicator_code == "XA_TUYEN_TRUYEN"
    ]
    assert [r.unit_code for r in rows] == ["58", "582", "584", "585", "586", "587", "588", "589"]
    assert rows[1].value == pytest.approx(12 / 16) and rows[4].value is None


def test_empty_database_gives_no_data_everywhere(db):
    sync_plans(db, FIXTURES / "plans")
    results = compute_indicators(db, PLAN, "2023Q4")
    assert all(r.value is None or r.indicator_code == "BAO_CAO_DUNG_HAN" for r in results)
    assert by_code(results)["BAO_CAO_DUNG_HAN"].value == 0
    assert {r.status for r in results if r.indicator_code != "BAO_CAO_DUNG_HAN"} <= {"no_data", "monitor"}


def test_same_file_twice_is_unchanged(loaded):
    again = load(loaded, REPORTS[:1])
    assert again[0].status == "unchanged"
    assert loaded.one("count_submissions").count_submissions == 6


@pytest.mark.parametrize(
    ("plan", "period", "unit", "message"),
    [
        ("nope", "2023Q1", None, "Không có kế hoạch"),
        (PLAN, "2022Q1", None, "không thuộc năm"),
        (PLAN, "2023Q9", None, "không hợp lệ"),
        (PLAN, "2023Q1", "201", "không thuộc phạm vi"),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(loaded, plan, period, unit, message):
    with pytest.raises(EngineError, match=message):
        compute_indicators(loaded, plan, period, unit)


def test_an_edited_plan_is_read_again(loaded, tmp_path):
    before = by_code(compute_indicators(loaded, PLAN, "2023Q2"))
    assert (before["CO_SO_KIEM_TRA"].target, before["XA_TUYEN_TRUYEN"].units_expected) == (0.30, 7)
    text = (FIXTURES / "plans" / f"{PLAN}.yaml").read_text(encoding="utf-8")
    edited = text.replace("value: 30,", "value: 50,").replace("level: district", 'level: district\n  exclude: ["589"]')
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / f"{PLAN}.yaml").write_text(edited, encoding="utf-8")
    assert sync_plans(loaded, tmp_path / "plans") == [PLAN]
    after = by_code(compute_indicators(loaded, PLAN, "2023Q2"))
    assert (after["CO_SO_KIEM_TRA"].target, after["CO_SO_KIEM_TRA"].status) == (0.50, "on_track")
    assert after["XA_TUYEN_TRUYEN"].units_missing == ("586", "587", "588")


def test_shared_results_are_computed_once_for_what_they_rest_on(loaded, monkeypatch):
    computed = []
    compute = engine.compute_indicators
    monkeypatch.setattr(engine, "compute_indicators", lambda *args: computed.append(args[2]) or compute(*args))
    first = shared_indicators(loaded, PLAN, "2023Q2", breakdown=True)
    assert first == compute_indicators(loaded, PLAN, "2023Q2", breakdown=True)
    first.clear()  # the list is the caller's own
    again = shared_indicators(loaded, PLAN, "2023Q2", breakdown=True)
    assert computed == ["2023Q2"] and again == compute_indicators(loaded, PLAN, "2023Q2", breakdown=True)
    q1 = shared_indicators(loaded, PLAN, "2023Q1")
    assert computed == ["2023Q2", "2023Q1"]  # another question

    load(loaded, [("584", "2023Q2", "2023-06-25 09:00", {"TT01": 9, "TT02": 3, "TT04": 0, "KT01": 10, "KT02": 5})])
    assert shared_indicators(loaded, PLAN, "2023Q1") == q1 and computed == ["2023Q2", "2023Q1"]  # ends before
    after = by_code(shared_indicators(loaded, PLAN, "2023Q2"))["XA_TUYEN_TRUYEN"]
    # Σ TT02 / Σ TT01 with district 584's new report: (12 + 3 + 4) / (16 + 9 + 5)
    assert (after.numerator, after.denominator, computed[-1]) == (19, 30, "2023Q2")


def test_shared_approved_results_follow_the_reviews(loaded, monkeypatch):
    secretary = ensure_account(loaded, "secretariat")
    before = by_code(shared_indicators(loaded, PLAN, "2023Q1", approved_only=True))["XA_TUYEN_TRUYEN"]
    assert before.units_contributing == 0  # nothing approved yet
    assert shared_indicators(loaded, PLAN, "2023Q1")  # the figures as received, computed before any review
    current = loaded.one("current_submission", {"unit_code": "582", "period_code": "2023Q1"})
    reviews.approve(loaded, secretary, "582", "2023Q1", current.submission_id, datetime(2023, 3, 20))
    after = by_code(shared_indicators(loaded, PLAN, "2023Q1", approved_only=True))["XA_TUYEN_TRUYEN"]
    assert (after.units_contributing, after.numerator, after.denominator) == (1, 8, 16)


def test_shared_results_keep_a_bounded_number(loaded, monkeypatch):
    monkeypatch.setattr(engine, "_SHARED", {})
    per_period = len(compute_indicators(loaded, PLAN, "2023Q1", breakdown=True))
    monkeypatch.setattr(engine, "_SHARED_KEPT_RESULTS", 2 * per_period)
    for period in ("2023Q1", "2023Q2", "2023Q3"):
        shared_indicators(loaded, PLAN, period, breakdown=True)
    assert [key[3] for key in engine._SHARED] == ["2023Q2", "2023Q3"]  # the oldest asked for let go
