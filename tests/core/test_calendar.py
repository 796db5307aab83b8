"""The reporting calendar (core/calendar.py), on DOMAIN.md section 5's cases computed by hand.

When a plan is silent: quarterly by the 15th of the quarter's last month, 6-month by 25 June, annual by
25 December. On time if received by the deadline (the whole deadline day counts), late if after, missing
if not received; a corrected re-submission keeps the first submission's date. The second half-year has
no deadline: the plans' 6-month report is the first half, the annual report covers the second.
"""

from datetime import date, datetime

import pytest

from core import calendar
from core.calendar import DEFAULT_RULES, Rule, deadline, due_date, judge, plan_deadline, plan_rules, timeliness
from core.engine import compute_indicators
from core.periods import parse_period
from core.plans import parse_plan, plan_files
from tests.support.forms import record_reports

LANG_SON = "lang-son-2023"  # quarterly by default; 6-month by 25/6 and annual by 25/12, both in its own words
HCM = "tp-hcm-2018"  # quarterly by the 15th of the quarter's last month, annual by 15 December; no 6-month report


@pytest.mark.parametrize(
    ("period_code", "due"),
    [
        ("2023Q1", date(2023, 3, 15)),
        ("2023Q2", date(2023, 6, 15)),
        ("2023Q3", date(2023, 9, 15)),
        ("2023Q4", date(2023, 12, 15)),
        ("2023S1", date(2023, 6, 25)),
        ("2023", date(2023, 12, 25)),
        ("2023S2", None),  # covered by the annual report: no deadline of its own
    ],
)
def test_default_deadline_of_each_period_type(period_code, due):
    assert due_date(parse_period(period_code), DEFAULT_RULES) == due


def test_every_plan_line_marked_default_holds_the_domain_default():
    for path in plan_files():
        for line in parse_plan(path).deadlines:
            if line.is_default:
                assert (line.day, line.months_after_end) == DEFAULT_RULES[line.period_type][:2], path.name


def test_the_plans_own_deadlines(db):
    hcm = plan_rules(db, HCM)
    assert list(hcm) == ["quarter", "year"]
    assert hcm["year"][:3] == (15, 0, False) and "trước ngày 15 tháng 12" in hcm["year"].source
    assert plan_deadline(db, HCM, parse_period("2018")) == date(2018, 12, 15)  # not the default 25/12
    assert plan_deadline(db, HCM, parse_period("2018Q3")) == date(2018, 9, 15)
    assert plan_deadline(db, HCM, parse_period("2018S1")) is None  # the plan asks for no 6-month report

    lang_son = plan_rules(db, LANG_SON)
    assert lang_son["quarter"] == Rule(15, 0, True, None)  # the plan is silent
    assert lang_son["half_year"][:3] == (25, 0, False)
    assert plan_deadline(db, LANG_SON, parse_period("2023S1")) == date(2023, 6, 25)
    assert plan_deadline(db, LANG_SON, parse_period("2023S2")) is None
    assert plan_deadline(db, LANG_SON, parse_period("2023")) == date(2023, 12, 25)
    assert [p.code for p in calendar.expected_periods(2023, lang_son)] == [
        "2023Q1",
        "2023Q2",
        "2023S1",
        "2023Q3",
        "2023Q4",
        "2023",
    ]


def test_deadline_in_last_month_or_after():
    assert deadline(parse_period("2018Q1"), 15, 0) == date(2018, 3, 15)
    assert deadline(parse_period("2023S1"), 25, 0) == date(2023, 6, 25)
    assert deadline(parse_period("2023Q4"), 10, 1) == date(2024, 1, 10)  # into the next year
    # A day past the month's end falls on its last day.
    assert deadline(parse_period("2023Q1"), 31, 1) == date(2023, 4, 30)
    assert deadline(parse_period("2024Q4"), 31, 2) == date(2025, 2, 28)


def test_on_time_on_the_deadline_day_late_the_day_after():
    due = date(2023, 3, 15)
    assert timeliness(due, datetime(2023, 3, 1, 9, 0)) == ("on_time", None)  # early
    assert timeliness(due, datetime(2023, 3, 15, 23, 59, 59)) == ("on_time", None)  # the whole deadline day
    assert timeliness(due, datetime(2023, 3, 16, 0, 0)) == ("late", 1)
    assert timeliness(due, datetime(2023, 3, 21, 4, 0)) == ("late", 6)  # 21/03 is six days after 15/03


def test_missing_and_not_yet_due_on_a_given_day():
    due = date(2023, 12, 15)
    assert judge(due, None, date(2023, 12, 15)) == ("not_due", None)  # the deadline day is not over
    assert judge(due, None, date(2023, 12, 16)) == ("missing", 1)
    assert judge(due, None, date(2024, 1, 15)) == ("missing", 31)  # 16 days of December, 15 of January
    # A report that came after the day looked at is not seen yet: as of 20/12 it was missing.
    assert judge(due, datetime(2023, 12, 28, 9, 0), date(2023, 12, 20)) == ("missing", 5)
    assert judge(due, datetime(2023, 12, 28, 9, 0), date(2024, 1, 15)) == ("late", 13)
    assert judge(due, datetime(2023, 12, 10, 9, 0), date(2023, 12, 12)) == ("on_time", None)


def test_a_correction_keeps_the_first_submission_date(db):
    # Cao Lộc's Q2 report (due 15/06/2023) came on 14/06; its correction came on 18/06, three days late.
    first, correction = record_reports(
        db,
        [
            ("183", "2023Q2", "2023-06-14 16:00", {"TT01": 10, "TT02": 4}),
            ("183", "2023Q2", "2023-06-18 16:00", {"TT01": 10, "TT02": 5}),
        ],
    )
    due = plan_deadline(db, LANG_SON, parse_period("2023Q2"))
    assert due == date(2023, 6, 15)
    stored = db.rows("plan_year_first_receipts", {"plan_id": LANG_SON, "year": 2023})
    assert [(r.unit_code, r.period_code) for r in stored] == [("183", "2023Q2")]  # the correction is the current one
    assert stored[0].received_at == datetime(2023, 6, 18, 16, 0)
    assert stored[0].first_received_at == datetime(2023, 6, 14, 16, 0)
    assert timeliness(due, stored[0].first_received_at) == ("on_time", None)
    assert timeliness(due, stored[0].received_at) == ("late", 3)  # what the correction alone would be
    q2 = next(r for r in compute_indicators(db, LANG_SON, "2023Q2") if r.indicator_code == "BAO_CAO_DUNG_HAN")
    assert (q2.numerator, q2.denominator) == (1, 11)


def test_the_second_half_year_is_never_judged(db):
    record_reports(db, [("183", "2023S2", "2023-12-20 09:00", {"TT01": 10})])
    s2 = next(r for r in compute_indicators(db, LANG_SON, "2023S2") if r.indicator_code == "BAO_CAO_DUNG_HAN")
    assert (s2.value, s2.target_kind, s2.status) == (None, None, "monitor")
