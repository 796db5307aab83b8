"""Approved figures only (issue 20, item 1), computed by hand on lang-son-2023's first quarter: four districts
reported the inspected establishments (KT02 of KT01); with the switch on, only the reports whose current version
the secretariat approved count, the others are as if not received; timeliness does not change."""

from datetime import datetime

import pytest

from core import reviews, texts
from core.engine import compute_indicators
from meeting.pack import meeting_pack
from tests.support.accounts import ensure_account
from tests.support.forms import record_reports

PLAN, PERIOD = "lang-son-2023", "2023Q1"
NOW = datetime(2023, 3, 20, 9, 0)
# unit: (establishments KT01, inspected KT02), received before the deadline (15/03)
REPORTS = {"180": (10, 4), "181": (20, 5), "183": (30, 9), "184": (40, 8)}


@pytest.fixture
def quarter(db):
    recorded = record_reports(
        db,
        [(unit, PERIOD, "2023-03-10 09:00", {"KT01": e, "KT02": i}) for unit, (e, i) in REPORTS.items()],
    )
    secretary = ensure_account(db, "secretariat")
    ids = {unit: r.submission_id for unit, r in zip(REPORTS, recorded, strict=True)}
    reviews.approve(db, secretary, "180", PERIOD, ids["180"], NOW)
    reviews.approve(db, secretary, "183", PERIOD, ids["183"], NOW)
    reviews.return_report(db, secretary, "181", PERIOD, ids["181"], "Thiếu biên bản", (), NOW)
    return db, secretary, ids  # 184 waits for review


def inspected(db, **options):
    (province,) = [r for r in compute_indicators(db, PLAN, PERIOD, **options) if r.indicator_code == "CO_SO_KIEM_TRA"]
    return province


def test_every_report_received_by_default(quarter):
    db, _, _ = quarter
    province = inspected(db)
    assert (province.numerator, province.denominator) == (4 + 5 + 9 + 8, 10 + 20 + 30 + 40)
    assert province.units_contributing == 4


def test_only_the_approved_reports_count_with_the_switch(quarter):
    db, _, ids = quarter
    province = inspected(db, approved_only=True)
    assert (province.numerator, province.denominator) == (4 + 9, 10 + 30)  # Tràng Định and Cao Lộc
    assert province.value == pytest.approx(13 / 40)
    assert province.units_contributing == 2 and {"181", "184"} <= set(province.units_missing)
    assert sorted(province.submission_ids) == sorted([ids["180"], ids["183"]])


def test_a_reopened_report_no_longer_counts_until_approved_again(quarter):
    db, secretary, ids = quarter
    reviews.reopen(db, secretary, "183", PERIOD, ids["183"], "Huyện xin sửa", NOW)
    assert (inspected(db, approved_only=True).numerator, inspected(db, approved_only=True).denominator) == (4, 10)
    reviews.approve(db, secretary, "183", PERIOD, ids["183"], NOW)
    assert inspected(db, approved_only=True).denominator == 40


def test_timeliness_is_about_receipt_either_way(quarter):
    db, _, _ = quarter

    def timeliness(**options):
        return [r for r in compute_indicators(db, PLAN, PERIOD, **options) if r.indicator_code == "BAO_CAO_DUNG_HAN"]

    assert [(r.numerator, r.denominator) for r in timeliness()] == [
        (r.numerator, r.denominator) for r in timeliness(approved_only=True)
    ]


def test_the_meeting_pack_says_which_reports_it_rests_on(quarter):
    db, _, _ = quarter
    every = meeting_pack(db, PLAN, PERIOD, today=NOW.date())
    approved = meeting_pack(db, PLAN, PERIOD, today=NOW.date(), approved_only=True)
    assert every.basis == texts.MEETING_BASIS_ALL and approved.basis == texts.MEETING_BASIS_APPROVED
    assert approved.as_of_text.endswith(" · chỉ số liệu đã duyệt") and not every.as_of_text.endswith("duyệt")
