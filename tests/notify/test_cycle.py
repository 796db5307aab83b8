"""Issue 20, done-means: one period of the plan lang-son-2023 (Quý II, due 15/06/2023) walked end to end with a
real SMTP server on 127.0.0.1. Reminders go before the deadline to exactly the units missing; uploads bring
receipts (a refused file with its marked workbook); a report returned with a reason is re-sent, approved and
locked, a replacement refused, reopened and accepted; after the deadline the units still missing get a late
notice and the committee its digest with the meeting pack. Every message is received and recorded."""

from __future__ import annotations

from datetime import date, datetime

from core import contacts, outbox, reviews
from core.reviews import CellNote
from notify.send import run
from screens import review
from screens import submission_desk as desk
from tests.support.accounts import ensure_account
from tests.support.forms import VALUES, make_form, with_value
from tests.support.smtp import attachments_of, body_of

PLAN, PERIOD = "lang-son-2023", "2023Q2"
NO_EMAIL = "181"  # Huyện Bình Gia: a telephone only
REASON = "Số cơ sở đã kiểm tra chưa khớp với biên bản"


def address(unit_code: str) -> str:
    return f"baocao.{unit_code}@langson.example"


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2023, 6, day, hour, 0)


def new_messages(server, seen: int) -> list:
    return server.inbox.messages[seen:]


def test_one_period_from_the_reminders_to_the_committees_digest(db, smtp_server, tmp_path):
    secretariat, clerk = ensure_account(db, "secretariat"), ensure_account(db, "unit_staff")
    units = [row.unit_code for row in db.rows("plan_reporting_units", {"plan_id": PLAN})]
    for code in units:
        email = "" if code == NO_EMAIL else address(code)
        contacts.add_contact(db, secretariat, code, "Cán bộ báo cáo", "Cán bộ", email, "0205 3812 345", at(1))
    outbox.add_digest_recipient(db, secretariat, "Trưởng ban", "truongban@langson.example", at(1))
    outbox.add_digest_recipient(db, secretariat, "Phó trưởng ban", "photruongban@langson.example", at(1))
    inbox = smtp_server.inbox

    # 8 June: Cao Lộc's clerk and the secretariat (for Tràng Định) upload; each unit gets a receipt.
    first = desk.submit_file(db, "caoloc.xlsx", make_form(db, tmp_path / "a").read_bytes(), clerk, at(8))
    assert first.status == "accepted" and first.mail_note == f"Đã gửi thư xác nhận tới {address('183')}."
    form = make_form(db, tmp_path / "b", unit="180", communes=False)
    assert desk.submit_file(db, "trangdinh.xlsx", form.read_bytes(), secretariat, at(8, 15)).status == "accepted"
    receipt, other = inbox.messages
    assert receipt["To"] == address("183") and other["To"] == address("180")
    assert receipt["Subject"] == "[BCĐ 138] Đã nhận báo cáo Quý II năm 2023 của Huyện Cao Lộc"
    assert "lúc 08/06/2023 09:00" in body_of(receipt) and "đúng hạn" in body_of(receipt).lower()

    # 12 June, three days before the deadline: a reminder to each unit missing that has an address.
    seen = len(inbox.messages)
    day = run(db, date(2023, 6, 12), at(12, 7), "notify")
    missing = sorted(set(units) - {"183", "180", NO_EMAIL})
    reminders = new_messages(smtp_server, seen)
    assert sorted(m["To"] for m in reminders) == [address(code) for code in missing]
    assert all(m["Subject"].startswith("[BCĐ 138] Nhắc nộp báo cáo Quý II năm 2023 của ") for m in reminders)
    assert "Hạn nộp là ngày 15/06/2023 (còn 3 ngày)" in body_of(reminders[0])
    assert day.due.unreachable == [
        "Huyện Bình Gia: nhắc trước hạn Quý II năm 2023 — đơn vị chưa có địa chỉ thư điện tử (thêm trên trang Đơn vị)."
    ]
    assert (day.delivery.sent, day.delivery.failed) == (len(missing), 0)
    again = run(db, date(2023, 6, 12), at(12, 18), "notify")  # cron's second run the same day
    assert again.recorded == [] and again.delivery.sent == 0 and len(inbox.messages) == seen + len(missing)

    # 13 June: a replacement with a word where a number goes is refused; the receipt carries the marked workbook.
    broken = make_form(db, tmp_path / "c")
    with_value(broken, "KT02", "mười ba")
    seen = len(inbox.messages)
    refused = desk.submit_file(db, "caoloc_sua.xlsx", broken.read_bytes(), clerk, at(13))
    assert refused.status == "rejected"
    (refusal,) = new_messages(smtp_server, seen)
    assert refusal["Subject"] == "[BCĐ 138] Chưa nhận được báo cáo: tệp «caoloc_sua.xlsx» có lỗi"
    assert "mười ba" in body_of(refusal)
    (marked,) = attachments_of(refusal).values()
    assert marked[:2] == b"PK" and list(attachments_of(refusal)) == [refused.annotated_name]

    # The secretariat returns Cao Lộc's report; the clerk is told why.
    report = review.report_review(db, PLAN, "183", PERIOD)
    notes = (CellNote("KT02", "Xem lại KT02"),)
    told = review.return_report(db, secretariat, report, REASON, notes, at(13, 14))
    assert told == f"Đã gửi thư báo tới {address('183')}."
    returned = inbox.messages[-1]
    assert returned["Subject"] == "[BCĐ 138] Báo cáo Quý II năm 2023 của Huyện Cao Lộc bị trả lại"
    assert f"Lý do: {REASON}" in body_of(returned) and "- KT02 — " in body_of(returned)

    # The clerk re-sends, confirms the replacement, and gets a receipt; the secretariat approves it.
    corrected = make_form(db, tmp_path / "d", values=VALUES | {"KT02": 12}, name="caoloc_v2.xlsx")
    held = desk.submit_file(db, "caoloc_v2.xlsx", corrected.read_bytes(), clerk, at(14))
    assert held.status == "confirm"
    accepted = desk.confirm(db, held, clerk, at(14, 10))
    assert accepted.status == "accepted" and inbox.messages[-1]["Subject"].startswith("[BCĐ 138] Đã nhận báo cáo")
    reviews.approve(db, secretariat, "183", PERIOD, accepted.submission_id, at(14, 11))

    # Approved, hence locked: another replacement is refused (and the refusal told); reopened, it is accepted.
    third = make_form(db, tmp_path / "e", values=VALUES | {"KT02": 11}, name="caoloc_v3.xlsx")
    locked = desk.submit_file(db, "caoloc_v3.xlsx", third.read_bytes(), clerk, at(15))
    assert locked.status == "rejected" and "đã được duyệt" in body_of(inbox.messages[-1])
    reviews.reopen(db, secretariat, "183", PERIOD, accepted.submission_id, "Đơn vị xin sửa KT05", at(15, 10))
    held = desk.submit_file(db, "caoloc_v3.xlsx", third.read_bytes(), clerk, at(15, 11))
    assert desk.confirm(db, held, clerk, at(15, 11)).status == "accepted"
    assert inbox.messages[-1]["Subject"] == "[BCĐ 138] Đã nhận báo cáo Quý II năm 2023 của Huyện Cao Lộc"

    # 17 June: a late notice to each unit still missing; the committee's digest with the meeting pack.
    seen = len(inbox.messages)
    day = run(db, date(2023, 6, 17), at(17, 7), "notify")
    after = new_messages(smtp_server, seen)
    late = [m for m in after if "đã quá hạn" in m["Subject"]]
    assert sorted(m["To"] for m in late) == [address(code) for code in missing]
    assert "quá hạn 2 ngày" in body_of(late[0])
    (digest,) = [m for m in after if "Tổng hợp" in m["Subject"]]
    assert digest["Subject"] == "[BCĐ 138] Tổng hợp sau hạn báo cáo Quý II năm 2023 — Lạng Sơn"
    assert digest["To"] == "truongban@langson.example, photruongban@langson.example"
    assert "- Quý II năm 2023: đã nộp 2/11 đơn vị (2 đúng hạn, 0 trễ hạn); chưa nộp: 9 đơn vị: " in body_of(digest)
    assert "Huyện Bình Gia" in body_of(digest) and "Kết quả các chỉ tiêu (Quý II năm 2023): " in body_of(digest)
    (name, pdf), *_ = attachments_of(digest).items()
    assert name == "hop_BCD138_lang-son-2023_2023Q2.pdf" and pdf.startswith(b"%PDF-")
    assert len(after) == len(missing) + 1 and day.delivery.failed == 0

    # Every message received is recorded, sent, once.
    log = outbox.mail_log(db)
    assert len(log) == len(inbox.messages) and {row.status for row in log} == {"sent"}
    assert sorted(row.subject for row in log) == sorted(m["Subject"] for m in inbox.messages)
    assert {row.kind for row in log} == {"accepted", "rejected", "returned", "reminder", "late", "digest"}
