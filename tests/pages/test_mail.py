"""Thư điện tử, run headless with AppTest on a copy of the demo (issue 20, item 3): the server or why e-mail is off,
the messages due on a day read before they go, the record with its outcomes and a retry once the server answers,
the committee's digest list; the page is the secretariat's and the administrator's only."""

from datetime import datetime

from core import outbox
from core.mail import Letter, mail_config
from core.outbox import Planned, deliver, record
from core.texts import NOT_ALLOWED
from tests.support.apptest import all_text, registered_pages, run_page, run_script_as
from tests.support.databases import copy_database
from tests.support.smtp import SmtpServer, free_port
from web.ui import database

PAGE = "pages/mail.py"


def test_e_mail_off_the_days_letters_can_still_be_read(monkeypatch, demo_db_path, tmp_path):
    monkeypatch.delenv("KPI_SMTP_HOST", raising=False)
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    at = run_page(monkeypatch, path, PAGE, ngay="2026-12-12")
    assert not at.exception
    text = all_text(at).replace("\u2060", "")  # the word joiner that keeps an address from becoming a link
    assert "Chưa cấu hình máy chủ thư (KPI_SMTP_HOST)" in text
    due = at.dataframe[0].value
    assert len(due) == 58 and set(due["Loại thư"]) == {"Nhắc trước hạn"}  # 65 communes, 7 without an address
    assert "7 thư không gửi được vì thiếu địa chỉ" in [e.label for e in at.expander]
    assert at.code[0].value.startswith("Kính gửi ") and "còn 3 ngày" in at.code[0].value
    assert not [b for b in at.button if b.label.startswith("Gửi")]  # nothing can be sent
    assert "Chưa có thư nào." in text and "Nguyễn Văn Thắng · truongban@langson.example" in text


def test_a_digest_is_read_with_its_meeting_pack(monkeypatch, demo_db_path, tmp_path):
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    at = run_page(monkeypatch, path, PAGE, ngay="2026-09-17")
    subjects = at.dataframe[0].value["Tiêu đề"].tolist()
    digest = next(n for n, s in enumerate(subjects) if "Tổng hợp sau hạn báo cáo Quý III năm 2026" in s)
    at.selectbox(key="due_read").set_value(digest).run()
    assert "Bộ tài liệu họp kèm theo thư này" in at.code[0].value
    assert [b.label for b in at.get("download_button")] == ["Tải tệp kèm «hop_BCD138_lang-son-2026_2026Q3.pdf»"]


def test_failed_messages_are_listed_and_sent_again_once_the_server_answers(monkeypatch, demo_db_path, tmp_path):
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    server = SmtpServer(tmp_path, port=free_port())
    server.configure(monkeypatch)
    at = run_page(monkeypatch, path, PAGE)
    db = database(str(path))
    letter = Letter(("baocao.06193@langson.example",), "[BCĐ 138] Thử", "Kính gửi Xã Cao Lộc,")
    record(db, [Planned("test/1", "reminder", letter, unit_code="06193")], "thuky", datetime(2026, 12, 12, 7))
    assert deliver(db, mail_config(), datetime(2026, 12, 12, 7)).failed == 1
    at.run()
    assert "1 chưa gửi được, sẽ gửi lại" in all_text(at)
    assert at.dataframe[-1].value["Lỗi"].iloc[0].startswith("Không kết nối được máy chủ thư 127.0.0.1:")
    server.start()
    try:
        next(b for b in at.button if b.label == "Gửi lại 1 thư chưa gửi").click().run()
    finally:
        server.stop()
    assert "Đã chạy gửi thư. Đã gửi 1 thư, 0 thư chưa gửi được" in all_text(at)
    assert [m["Subject"] for m in server.inbox.messages] == ["[BCĐ 138] Thử"]
    assert "1 đã gửi" in all_text(at)


def test_the_digest_list_is_kept_on_the_page(monkeypatch, demo_db_path, tmp_path):
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    at = run_page(monkeypatch, path, PAGE)
    at.text_input(key="digest_name").input("Lộc Văn Bình")
    at.text_input(key="digest_email").input("khong-phai-thu")
    next(b for b in at.button if b.label == "Thêm người nhận").click().run()
    assert "«khong-phai-thu» không phải địa chỉ thư điện tử" in all_text(at)
    at.text_input(key="digest_name").input("Lộc Văn Bình")
    at.text_input(key="digest_email").input("binh@langson.example")
    next(b for b in at.button if b.label == "Thêm người nhận").click().run()
    assert "Đã thêm Lộc Văn Bình vào danh sách nhận thư tổng hợp." in all_text(at)
    assert [r.email for r in outbox.digest_recipients(database(str(path)))][-1] == "binh@langson.example"
    at.button(key=f"remove-{outbox.digest_recipients(database(str(path)))[0].recipient_id}").click().run()
    assert len(outbox.digest_recipients(database(str(path)))) == 3


def test_only_the_secretariat_and_the_administrator_have_the_page(monkeypatch, demo_db_path, tmp_path):
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    for role, has in (("secretariat", True), ("admin", True), ("committee", False), ("unit_staff", False)):
        assert ("mail" in registered_pages(run_page(monkeypatch, path, role=role))) is has
    assert NOT_ALLOWED in all_text(run_script_as(monkeypatch, path, PAGE, "committee"))
