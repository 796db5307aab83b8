"""Issue 20, item 3: e-mail through a real SMTP server started on 127.0.0.1 (aiosmtpd). Every message is recorded
before it is sent, sent once, and kept with its outcome; a server that refuses the connection or the password
leaves a clear message and the messages waiting for the next run, which sends them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from core import outbox
from core.mail import Attachment, Letter, MailError, mail_config
from core.outbox import Planned, deliver, record
from tests.support.smtp import PASSWORD, SmtpServer, attachments_of, body_of, free_port

NOW = datetime(2026, 12, 12, 7, 0)
SUBJECT = "[BCĐ 138] Nhắc nộp báo cáo Quý IV năm 2026 của Xã Cao Lộc, hạn 15/12/2026"
BODY = "Kính gửi Xã Cao Lộc,\n\nĐến ngày 12/12/2026, hệ thống chưa nhận được báo cáo Quý IV năm 2026."
PDF = "%PDF-1.4 tài liệu họp".encode()


def planned(key: str = "reminder/p/2026Q4/06193", to: str = "canbo@caoloc.example", files=()) -> Planned:
    return Planned(key, "reminder", Letter((to,), SUBJECT, BODY, tuple(files)), "p", "2026Q4", "06193")


def statuses(db) -> list[tuple]:
    return [(row.status, row.attempts) for row in reversed(outbox.mail_log(db))]


def test_a_letter_arrives_through_starttls_and_a_password_in_vietnamese_with_its_file(db, secure_smtp_server):
    (message_id,) = record(db, [planned(files=[Attachment("hop.pdf", "application/pdf", PDF)])], "notify", NOW)
    done = deliver(db, mail_config(), NOW)
    assert (done.sent, done.failed, done.errors) == (1, 0, [])
    (message,) = secure_smtp_server.inbox.messages
    assert message["Subject"] == SUBJECT and message["From"] == "bcd138@langson.example"
    assert message["To"] == "canbo@caoloc.example"
    assert body_of(message).strip() == BODY
    assert attachments_of(message) == {"hop.pdf": PDF}
    (row,) = outbox.mail_log(db)
    assert (row.message_id, row.status, row.attempts, row.recipients) == (message_id, "sent", 1, "canbo@caoloc.example")
    assert row.sent_at == NOW and row.attachment_names == "hop.pdf" and row.body == BODY


def test_one_message_per_event_however_often_it_is_recorded_and_sent(db, smtp_server):
    assert len(record(db, [planned()], "notify", NOW)) == 1
    assert record(db, [planned()], "notify", NOW + timedelta(hours=1)) == []  # the same event: skipped
    assert deliver(db, mail_config(), NOW).sent == 1
    assert deliver(db, mail_config(), NOW).sent == 0
    assert len(smtp_server.inbox.messages) == 1
    assert outbox.known_events(db, ["reminder/p/2026Q4/06193", "late/p/2026Q4/06193"]) == {"reminder/p/2026Q4/06193"}


def test_a_refused_connection_keeps_the_message_and_the_next_run_sends_it(db, tmp_path, monkeypatch):
    port = free_port()  # nothing listens there yet
    server = SmtpServer(tmp_path, port=port)
    server.configure(monkeypatch)
    record(db, [planned(), planned("reminder/p/2026Q4/06194", "xa.khac@caoloc.example")], "notify", NOW)
    done = deliver(db, mail_config(), NOW)
    assert (done.sent, done.failed) == (0, 2)
    assert done.errors == [done.errors[0]] and done.errors[0].startswith(
        f"Không kết nối được máy chủ thư 127.0.0.1:{port}"
    )
    assert "sẽ gửi lại ở lần chạy sau" in done.errors[0]
    assert statuses(db) == [("failed", 1), ("failed", 1)]
    assert outbox.mail_log(db)[0].error == done.errors[0]
    server.start()
    try:
        done = deliver(db, mail_config(), NOW + timedelta(days=1))
    finally:
        server.stop()
    assert (done.sent, done.failed) == (2, 0)
    assert statuses(db) == [("sent", 2), ("sent", 2)]
    assert sorted(m["To"] for m in server.inbox.messages) == ["canbo@caoloc.example", "xa.khac@caoloc.example"]


def test_a_wrong_password_says_so_and_the_message_goes_once_it_is_put_right(db, secure_smtp_server, monkeypatch):
    monkeypatch.setenv("KPI_SMTP_PASSWORD", "sai-mat-khau")
    record(db, [planned()], "notify", NOW)
    done = deliver(db, mail_config(), NOW)
    assert done.failed == 1 and "từ chối đăng nhập của tài khoản bcd138" in done.errors[0]
    assert statuses(db) == [("failed", 1)] and secure_smtp_server.inbox.messages == []
    monkeypatch.setenv("KPI_SMTP_PASSWORD", PASSWORD)
    assert deliver(db, mail_config(), NOW).sent == 1
    assert statuses(db) == [("sent", 2)] and len(secure_smtp_server.inbox.messages) == 1


def test_a_server_without_starttls_is_named_as_such(db, smtp_server, monkeypatch):
    monkeypatch.setenv("KPI_SMTP_SECURITY", "starttls")
    record(db, [planned()], "notify", NOW)
    done = deliver(db, mail_config(), NOW)
    assert done.failed == 1 and "không hỗ trợ STARTTLS" in done.errors[0]


def test_a_refused_recipient_fails_its_message_only(db, smtp_server):
    record(db, [planned("a", "refuse@caoloc.example"), planned("b", "canbo@caoloc.example")], "notify", NOW)
    done = deliver(db, mail_config(), NOW)
    assert (done.sent, done.failed) == (1, 1)
    assert "Máy chủ thư không nhận thư này" in done.errors[0]
    assert [m["To"] for m in smtp_server.inbox.messages] == ["canbo@caoloc.example"]


def test_a_reminder_not_sent_before_its_deadline_expires(db, smtp_server):
    reminder = planned()
    record(db, [Planned(**vars(reminder) | {"expires_at": datetime(2026, 12, 16)})], "notify", NOW)
    done = deliver(db, mail_config(), datetime(2026, 12, 16, 7, 0))
    assert (done.sent, done.expired) == (0, 1)
    assert statuses(db) == [("expired", 0)] and smtp_server.inbox.messages == []


def test_a_message_left_half_sent_by_a_stopped_run_is_taken_up_again(db, smtp_server):
    record(db, [planned()], "notify", NOW)
    with db.transaction() as tx:  # a run that stopped after marking it
        tx.run("claim_mail_messages", {"now": NOW, "stale_before": NOW, "message_ids": None})
    assert deliver(db, mail_config(), NOW + timedelta(minutes=5)).sent == 0  # maybe still being sent
    assert deliver(db, mail_config(), NOW + timedelta(minutes=11)).sent == 1


def test_e_mail_is_off_without_a_host_and_wrong_settings_are_named():
    assert mail_config({}) is None
    assert mail_config({"KPI_SMTP_HOST": "mail.langson.gov.vn", "KPI_MAIL_FROM": "a@b.vn"}).port == 587
    with pytest.raises(MailError, match="KPI_SMTP_SECURITY"):
        mail_config({"KPI_SMTP_HOST": "h", "KPI_MAIL_FROM": "a@b.vn", "KPI_SMTP_SECURITY": "tls1"})
    with pytest.raises(MailError, match="KPI_MAIL_FROM"):
        mail_config({"KPI_SMTP_HOST": "h"})
    config = mail_config(
        {
            "KPI_SMTP_HOST": "mail.langson.gov.vn",
            "KPI_MAIL_FROM": "bcd@langson.gov.vn",
            "KPI_SMTP_USER": "bcd",
            "KPI_SMTP_PASSWORD": "x",
        }
    )
    assert config.described == "mail.langson.gov.vn:587 (STARTTLS), gửi từ bcd@langson.gov.vn, tài khoản bcd"
    assert "x" not in repr(config).replace("mail", "")


def test_a_line_break_in_a_name_cannot_add_a_header(db, smtp_server):
    """A file name is the sender's text: its line breaks are folded, so no Bcc sneaks into the message."""
    letter = Letter(
        ("canbo@caoloc.example",),
        "[BCĐ 138] Chưa nhận được báo cáo: tệp «a\r\nBcc: ke.gian@example.com» có lỗi",
        BODY,
        (Attachment("a\r\nb.xlsx", "application/octet-stream", b"x"),),
    )
    record(db, [Planned("rejected/x", "rejected", letter)], "canbo.caoloc", NOW)
    assert deliver(db, mail_config(), NOW).sent == 1
    (message,) = smtp_server.inbox.messages
    assert message["Bcc"] is None and smtp_server.inbox.envelopes == [["canbo@caoloc.example"]]
    assert message["Subject"].endswith("tệp «a Bcc: ke.gian@example.com» có lỗi")
    assert list(attachments_of(message)) == ["a b.xlsx"]


def test_an_address_the_server_cannot_take_fails_its_message_only(db, tmp_path, monkeypatch):
    """A contact's address in Vietnamese letters needs SMTPUTF8, which this server does not offer."""
    server = SmtpServer(tmp_path, utf8=False).start()
    server.configure(monkeypatch)
    record(db, [planned("a", "cán.bộ@caoloc.example"), planned("b", "canbo@caoloc.example")], "notify", NOW)
    try:
        done = deliver(db, mail_config(), NOW)
    finally:
        server.stop()
    assert (done.sent, done.failed) == (1, 1) and "Máy chủ thư không nhận thư này" in done.errors[0]
    assert [m["To"] for m in server.inbox.messages] == ["canbo@caoloc.example"]
