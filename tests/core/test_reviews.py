"""The review of a report (issue 20, item 1): approved and locked, returned with a reason and sent again,
reopened; decided by the secretariat only, every decision audited; the lock holds for the page and the
command line alike."""

from datetime import datetime

import pytest

from core import reviews
from core.db import Database
from core.reviews import CellNote, ReviewError
from etl.loader import load_files
from screens import review as review_screen
from screens import submission_desk as desk
from screens import verification
from tests.support.accounts import ensure_account
from tests.support.databases import copy_database
from tests.support.desk import LATE, locked, submit
from tests.support.forms import UNIT, VALUES, make_form
from tests.support.held import PERIOD as HELD_PERIOD
from tests.support.held import PLAN as HELD_PLAN
from tests.support.held import UNIT as HELD_UNIT
from tests.support.held import held_80_of_75

PERIOD = "2023Q2"
NOW = datetime(2023, 6, 22, 10, 0)


def _state(db) -> reviews.Review:
    return reviews.review_of(db, UNIT, PERIOD)


def test_a_report_waits_for_review_then_is_approved_and_locked(db, tmp_path):
    first = submit(db, make_form(db, tmp_path))
    review = _state(db)
    assert (review.state, review.submission_id, locked(db, UNIT, PERIOD)) == ("submitted", first.submission_id, False)
    secretary = ensure_account(db, "secretariat")
    reviews.approve(db, secretary, UNIT, PERIOD, first.submission_id, NOW)
    review = _state(db)
    assert (review.state, review.actor, review.decided_at) == ("approved", "thuky", NOW) and locked(db, UNIT, PERIOD)

    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="corrected.xlsx")
    refused = submit(db, corrected, now=LATE)  # the unit's clerk, on the page
    assert refused.status == "rejected"
    message = refused.errors.iloc[0].tolist()
    assert any("đã được duyệt lúc 22/06/2023 10:00 (thuky) và đã khoá" in str(cell) for cell in message)
    (loaded,) = load_files(db, [corrected], sender="thuky")  # the command line too
    assert loaded.status == "rejected" and "đã khoá" in loaded.errors[0].message
    assert _state(db).submission_id == first.submission_id

    with pytest.raises(ReviewError, match="ghi lý do"):
        reviews.reopen(db, secretary, UNIT, PERIOD, first.submission_id, "  ", NOW)
    reviews.reopen(db, secretary, UNIT, PERIOD, first.submission_id, "Huyện báo sai số cơ sở", NOW)
    assert _state(db).state == "submitted" and not locked(db, UNIT, PERIOD)
    waiting = submit(db, corrected, now=LATE)
    assert waiting.status == "confirm"  # a replacement asks first, as before any review
    with db.cursor() as cur:
        logged = cur.execute(
            "SELECT action, actor, entity_id FROM audit_log WHERE entity = 'report' ORDER BY audit_id"
        ).fetchall()
    assert logged == [("approved", "thuky", "183/2023Q2"), ("reopened", "thuky", "183/2023Q2")]


def test_a_returned_report_says_why_and_comes_back_for_review_when_sent_again(db, tmp_path):
    first = submit(db, make_form(db, tmp_path))
    secretary = ensure_account(db, "secretariat")
    with pytest.raises(ReviewError, match="ghi lý do"):
        reviews.return_report(db, secretary, UNIT, PERIOD, first.submission_id, "", (), NOW)
    notes = (CellNote("KT02", "Số cơ sở được kiểm tra lớn hơn năm trước nhiều: kiểm tra lại."),)
    reviews.return_report(db, secretary, UNIT, PERIOD, first.submission_id, "Sai số liệu kiểm tra", notes, NOW)
    review = _state(db)
    assert (review.state, review.reason, review.notes) == ("returned", "Sai số liệu kiểm tra", notes)
    with pytest.raises(ReviewError, match="chỉ trả lại được báo cáo đang chờ duyệt"):
        reviews.return_report(db, secretary, UNIT, PERIOD, first.submission_id, "Lần nữa", (), NOW)

    staff = ensure_account(db, "unit_staff")
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="corrected.xlsx")
    waiting = submit(db, corrected, now=LATE)
    second = desk.confirm(db, waiting, staff, now=LATE)
    assert second.status == "accepted"
    assert (_state(db).state, _state(db).reason, _state(db).submission_id) == ("submitted", "", second.submission_id)
    with pytest.raises(ReviewError, match="vừa nộp bản khác"):  # the secretariat looked at the old version
        reviews.approve(db, secretary, UNIT, PERIOD, first.submission_id, NOW)
    reviews.approve(db, secretary, UNIT, PERIOD, second.submission_id, NOW)
    assert _state(db).state == "approved" and locked(db, UNIT, PERIOD)


@pytest.mark.parametrize("role", ["unit_staff", "committee", "admin"])
def test_only_the_secretariat_decides(db, tmp_path, role):
    first = submit(db, make_form(db, tmp_path))
    with pytest.raises(PermissionError):
        reviews.approve(db, ensure_account(db, role), UNIT, PERIOD, first.submission_id, NOW)
    reviews.approve(db, ensure_account(db, "secretariat"), UNIT, PERIOD, first.submission_id, NOW)
    with pytest.raises(PermissionError):
        reviews.reopen(db, ensure_account(db, role), UNIT, PERIOD, first.submission_id, "Lý do", NOW)
    assert _state(db).state == "approved" and locked(db, UNIT, PERIOD)


def test_a_report_holding_figures_is_approved_only_once_they_are_confirmed(demo, tmp_path):
    """Issue 20, item 6: the figures held for verification are decided within the review (confirmed, or the
    report returned for a correction) before the report can be approved and locked."""
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    held = held_80_of_75(db, tmp_path)
    secretary = ensure_account(db, "secretariat")
    review = reviews.review_of(db, HELD_UNIT, HELD_PERIOD)
    assert (review.submission_id, review.held) == (held.submission_id, 2)
    with pytest.raises(ReviewError, match="còn 2 số liệu chờ xác minh"):
        reviews.approve(db, secretary, HELD_UNIT, HELD_PERIOD, held.submission_id, NOW)
    (item,) = [i for i in review_screen.report_review(db, HELD_PLAN, HELD_UNIT, HELD_PERIOD).held]
    verification.decide(db, secretary, item.submission_id, item.problem, "confirmed", "Đã gọi điện xác minh")
    reviews.approve(db, secretary, HELD_UNIT, HELD_PERIOD, held.submission_id, NOW)
    assert reviews.review_of(db, HELD_UNIT, HELD_PERIOD).state == "approved"
    assert locked(db, HELD_UNIT, HELD_PERIOD)
    db.close()
