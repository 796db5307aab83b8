"""`python -m etl notify` as cron runs it, in a real process, against a real SMTP server on 127.0.0.1: the day's
messages sent once (a second run the same day sends nothing), a preview that records nothing, a server that
cannot be reached leaving the messages for the next run (exit 75, as cron and systemd understand), e-mail off."""

from __future__ import annotations

from datetime import datetime

from core import contacts, outbox
from core.db import Database
from tests.support.accounts import ensure_account
from tests.support.cli import etl
from tests.support.forms import record_reports
from tests.support.smtp import SmtpServer, free_port

DAY = "2023-06-12"  # three days before lang-son-2023's second quarter is due


def prepared(db: Database) -> str:
    """Three units of lang-son-2023 with an address, one of them reported: two reminders are due on DAY."""
    secretariat = ensure_account(db, "secretariat")
    for code in ("178", "181", "183"):
        contacts.add_contact(
            db, secretariat, code, "Cán bộ", "Văn thư", f"u{code}@langson.example", "", datetime(2023, 1, 2)
        )
    record_reports(db, [("183", "2023Q2", "2023-06-10 09:00", {"TT01": 1})])
    db.close()
    return str(db.path)


def test_the_days_messages_go_once(db, smtp_server):
    path = prepared(db)
    first = etl("notify", "--db", path, "--today", DAY)
    assert first.returncode == 0, first.stderr
    assert "Thư đến hạn ngày 12/06/2023: 2" in first.stdout
    assert "Đã gửi 2 thư, 0 thư chưa gửi được, 0 thư quá hạn không gửi." in first.stdout
    assert sorted(m["To"] for m in smtp_server.inbox.messages) == ["u178@langson.example", "u181@langson.example"]
    second = etl("notify", "--db", path, "--today", DAY)
    assert second.returncode == 0 and "Thư đến hạn ngày 12/06/2023: 0" in second.stdout
    assert len(smtp_server.inbox.messages) == 2


def test_a_dry_run_shows_the_letters_and_records_nothing(db, smtp_server):
    path = prepared(db)
    preview = etl("notify", "--db", path, "--today", DAY, "--dry-run")
    assert preview.returncode == 0
    assert "Nhắc trước hạn: «[BCĐ 138] Nhắc nộp báo cáo Quý II năm 2023 của Thành phố Lạng Sơn" in preview.stdout
    assert "Kính gửi Huyện Bình Gia," in preview.stdout
    assert smtp_server.inbox.messages == [] and outbox.mail_log(Database(path)) == []


def test_a_server_that_cannot_be_reached_leaves_the_messages_for_the_next_run(db, tmp_path, monkeypatch):
    path = prepared(db)
    server = SmtpServer(tmp_path, port=free_port())
    server.configure(monkeypatch)
    down = etl("notify", "--db", path, "--today", DAY)
    assert down.returncode == 75
    assert "Đã gửi 0 thư, 2 thư chưa gửi được" in down.stdout
    assert f"Không kết nối được máy chủ thư 127.0.0.1:{server.port}" in down.stdout
    server.start()
    try:
        up = etl("notify", "--db", path, "--today", "2023-06-13")
    finally:
        server.stop()
    assert up.returncode == 0 and "Đã gửi 2 thư, 0 thư chưa gửi được" in up.stdout
    assert len(server.inbox.messages) == 2
    log = outbox.mail_log(Database(path))
    assert [(row.status, row.attempts) for row in log] == [("sent", 2), ("sent", 2)]


def test_with_e_mail_off_it_says_so_and_records_nothing(db, monkeypatch):
    monkeypatch.delenv("KPI_SMTP_HOST", raising=False)
    path = prepared(db)
    off = etl("notify", "--db", path, "--today", DAY)
    assert off.returncode == 2 and "Chưa cấu hình máy chủ thư (KPI_SMTP_HOST)" in off.stdout
    assert outbox.mail_log(Database(path)) == []
