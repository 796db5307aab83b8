"""What is due to whom on a day, computed by hand on lang-son-2023's second quarter (due 15/06/2023): reports
received by the day are seen, later ones not; reminders from three days before the deadline to the deadline
day, late notices and the digest for thirty days after it; nothing twice; nobody without an address."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core import contacts, outbox
from core.outbox import record
from notify.due import due_mail
from tests.support.accounts import ensure_account
from tests.support.forms import record_reports

PLAN = "lang-son-2023"
WITH_EMAIL = ("178", "180", "181", "183")  # the others have no contact at all


@pytest.fixture
def quarter(db):
    """Two reports of Quý II: Tràng Định's on 10/06, Cao Lộc's on 13/06; four units with an address."""
    secretariat = ensure_account(db, "secretariat")
    for code in WITH_EMAIL:
        contacts.add_contact(
            db, secretariat, code, "Cán bộ", "Văn thư", f"u{code}@langson.example", "", datetime(2023, 1, 2)
        )
    record_reports(
        db, [("180", "2023Q2", "2023-06-10 09:00", {"TT01": 1}), ("183", "2023Q2", "2023-06-13 09:00", {"TT01": 1})]
    )
    return db


def sent_to(due, kind: str) -> list[str]:
    return sorted(r for p in due.planned if p.kind == kind for r in p.letter.recipients)


def quarter_two(due) -> list:
    return [p for p in due.planned if p.period_code == "2023Q2"]


def test_no_reminder_before_the_window_then_one_to_each_unit_missing_on_the_day(quarter):
    assert due_mail(quarter, date(2023, 6, 11)).planned == []
    on_12 = due_mail(quarter, date(2023, 6, 12))
    assert sent_to(on_12, "reminder") == ["u178@langson.example", "u181@langson.example", "u183@langson.example"]
    assert len(on_12.unreachable) == 7  # 11 units, 1 reported, 3 written to
    on_14 = due_mail(quarter, date(2023, 6, 14))  # Cao Lộc's report came on the 13th
    assert sent_to(on_14, "reminder") == ["u178@langson.example", "u181@langson.example"]


def test_the_deadline_day_reminder_says_it_is_the_last_day(quarter):
    (first, *_) = due_mail(quarter, date(2023, 6, 15)).planned
    assert "Hạn nộp là ngày 15/06/2023 (hôm nay là ngày cuối)." in first.letter.body


def test_a_reminder_already_recorded_is_not_written_again(quarter):
    record(quarter, due_mail(quarter, date(2023, 6, 12)).planned, "notify", datetime(2023, 6, 12, 7))
    assert sent_to(due_mail(quarter, date(2023, 6, 13)), "reminder") == []


def test_after_the_deadline_late_notices_and_the_digest_for_a_month(quarter):
    on_16 = due_mail(quarter, date(2023, 6, 16))
    assert sent_to(on_16, "late") == ["u178@langson.example", "u181@langson.example"]
    assert "Chưa có ai trong danh sách nhận thư tổng hợp" not in " ".join(on_16.unreachable)
    assert (
        on_16.unreachable[-1]
        == "Tổng hợp cho Ban Chỉ đạo Quý II năm 2023 — chưa có ai trong danh sách nhận thư tổng hợp."
    )
    outbox.add_digest_recipient(
        quarter, ensure_account(quarter, "secretariat"), "Trưởng ban", "tb@langson.example", datetime(2023, 6, 1)
    )
    (digest,) = [p for p in due_mail(quarter, date(2023, 6, 16)).planned if p.kind == "digest"]
    assert digest.letter.recipients == ("tb@langson.example",)
    assert "- Quý II năm 2023: đã nộp 2/11 đơn vị (2 đúng hạn, 0 trễ hạn); chưa nộp: 9 đơn vị: " in digest.letter.body
    assert quarter_two(due_mail(quarter, date(2023, 7, 15))) != []  # the thirtieth day after
    assert quarter_two(due_mail(quarter, date(2023, 7, 16))) == []  # (the half-year's, due 25/06, still are)


def test_the_days_before_come_from_the_setting(quarter, monkeypatch):
    monkeypatch.setenv("KPI_REMIND_DAYS", "5")
    assert sent_to(due_mail(quarter, date(2023, 6, 10)), "reminder") == [
        "u178@langson.example",
        "u181@langson.example",
        "u183@langson.example",
    ]


def test_reports_due_the_same_day_share_one_letter(db):
    """A quarter and the half-year due on one day (lang-son-2023 gives them 15/06 and 25/06: moved together here)
    are named in one reminder, and in one digest whose meeting pack is the half-year's."""
    secretariat = ensure_account(db, "secretariat")
    contacts.add_contact(db, secretariat, "178", "Cán bộ", "Văn thư", "u178@langson.example", "", datetime(2023, 1, 2))
    outbox.add_digest_recipient(db, secretariat, "Trưởng ban", "tb@langson.example", datetime(2023, 1, 2))
    with db.transaction() as tx:
        tx.run_script(
            "UPDATE plan_deadlines SET deadline_day = 15 WHERE plan_id = 'lang-son-2023' AND period_type = 'half_year'"
        )
    (reminder,) = [p for p in due_mail(db, date(2023, 6, 13)).planned if p.unit_code == "178"]
    assert "báo cáo Quý II năm 2023 và 6 tháng đầu năm 2023 của Thành phố Lạng Sơn" in reminder.letter.body
    (digest,) = [p for p in due_mail(db, date(2023, 6, 16)).planned if p.kind == "digest"]
    assert (
        digest.letter.subject == "[BCĐ 138] Tổng hợp sau hạn báo cáo Quý II năm 2023 và 6 tháng đầu năm 2023 — Lạng Sơn"
    )
    assert (
        "- Quý II năm 2023: đã nộp 0/11" in digest.letter.body
        and "- 6 tháng đầu năm 2023: đã nộp 0/11" in digest.letter.body
    )
    assert [a.file_name for a in digest.letter.attachments] == ["hop_BCD138_lang-son-2023_2023S1.pdf"]
