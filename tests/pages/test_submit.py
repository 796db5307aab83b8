"""The Nộp báo cáo page, run headless with AppTest: nothing uploaded, accepted, rejected, confirm replacement."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timedelta

import pytest

from screens import submission_desk
from tests.support.accounts import PASSWORD, ensure_account
from tests.support.apptest import all_text, run_page, table
from tests.support.forms import UNIT, VALUES, dump, load_bytes, make_form, with_value
from web.ui import SEEN_KEY

PLAN = "lang-son-2023"
PAGE = "pages/submit.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SENDER = "canbo.caoloc"  # the unit staff test account of unit 183


def open_page(monkeypatch, db, role: str = "unit_staff", **params):
    return run_page(monkeypatch, db.path, PAGE, role=role, plan=PLAN, **params)


def upload(at, *paths):
    """Choose the files and press «Kiểm tra và nộp», as a clerk does."""
    at.file_uploader(key="uploads").set_value([(p.name, p.read_bytes(), XLSX) for p in paths])
    at.run()
    at.button(key="submit").click().run()
    assert not at.exception
    return at


def submissions(db) -> list[tuple]:
    with db.cursor() as cur:
        return cur.execute("SELECT unit_code, period_code, status, sender FROM submissions ORDER BY 1, 2, 3").fetchall()


def test_nothing_uploaded_offers_the_form_of_the_period_due(monkeypatch, db):
    at = open_page(monkeypatch, db)
    assert not at.exception
    assert at.title[0].value == "Nộp báo cáo"
    assert at.selectbox(key="unit").value == UNIT
    assert at.selectbox(key="period").value == "2023Q1"  # nothing sent yet: the oldest report is the one due
    assert at.download_button(key="template").label == "Tải biểu mẫu (.xlsx)"
    assert "Biểu mẫu của Huyện Cao Lộc, Quý I năm 2023; hạn nộp 15/03/2023." in all_text(at)
    assert at.button(key="submit").disabled
    assert "Chưa có tệp nào được chọn" in all_text(at)


def test_an_accepted_file_is_recorded_and_its_figures_shown(monkeypatch, db, tmp_path):
    path = make_form(db, tmp_path)
    at = upload(open_page(monkeypatch, db), path)
    text = all_text(at)
    assert "1 tệp: 1 đã ghi nhận." in text
    assert "Báo cáo đã được ghi nhận (bản #1)." in text
    assert "Đơn vị: Huyện Cao Lộc (mã 183) · Kỳ: Quý II năm 2023" in text
    figures = table(at)
    assert figures.shape[0] == len(VALUES)
    assert submissions(db) == [(UNIT, "2023Q2", "current", SENDER)]


def test_a_rejected_file_lists_its_problems_offers_it_marked_and_records_nothing(monkeypatch, db, tmp_path):
    path = make_form(db, tmp_path)
    ref = with_value(path, "KT02", "mười ba")
    before = dump(db)
    at = upload(open_page(monkeypatch, db), path)
    assert at.error[0].value.startswith("Tệp không được ghi nhận vì có 1 lỗi.")
    assert at.download_button(key="annotated-0").label == "Tải tệp có đánh dấu lỗi (.xlsx)"
    problems = table(at)
    assert problems.iloc[0, :2].tolist() == ["Bieu01", ref]
    assert dump(db) == before


def test_a_replacement_asks_first_then_records_on_confirmation(monkeypatch, db, tmp_path):
    first = make_form(db, tmp_path)
    assert load_bytes(db, first.read_bytes(), first.name, sender="Trần Thị Bình").status == "accepted"
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="sua.xlsx")
    before = dump(db)
    at = upload(open_page(monkeypatch, db), corrected)
    assert "Huyện Cao Lộc đã có báo cáo Quý II năm 2023: bản #1" in all_text(at)
    assert "1 số liệu khác với bản đang dùng." in all_text(at)
    assert dump(db) == before

    at.button(key="confirm-0").click().run()
    assert not at.exception
    assert "Báo cáo đã được ghi nhận (bản #2)." in all_text(at)
    assert submissions(db) == [(UNIT, "2023Q2", "current", SENDER), (UNIT, "2023Q2", "superseded", "Trần Thị Bình")]


def test_declining_a_replacement_keeps_the_report_in_use(monkeypatch, db, tmp_path):
    first = make_form(db, tmp_path)
    load_bytes(db, first.read_bytes(), first.name, sender="Trần Thị Bình")
    at = upload(
        open_page(monkeypatch, db),
        make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="sua.xlsx"),
    )
    before = dump(db)
    at.button(key="cancel-0").click().run()
    assert "Đã bỏ qua tệp này: không có gì được ghi nhận, báo cáo đang dùng (nếu có) giữ nguyên." in all_text(at)
    assert dump(db) == before


def test_a_batch_reports_on_each_file(monkeypatch, db, tmp_path):
    good = make_form(db, tmp_path, period="2023Q1")
    bad = make_form(db, tmp_path, period="2023Q3")
    with_value(bad, "TT01", "abc")
    at = upload(open_page(monkeypatch, db), good, bad)
    assert "2 tệp: 1 đã ghi nhận, 1 bị từ chối." in all_text(at)
    assert submissions(db) == [(UNIT, "2023Q1", "current", SENDER)]


def test_a_units_staff_cannot_record_another_units_report(monkeypatch, db, tmp_path):
    other = make_form(db, tmp_path, unit="181", name="181.xlsx", communes=False)
    at = upload(open_page(monkeypatch, db), other)
    assert "Tài khoản này chỉ được nộp báo cáo của Huyện Cao Lộc (mã 183)." in table(at)["Nội dung"][0]
    assert at.selectbox(key="unit").options == ["Huyện Cao Lộc"]  # the template is offered for its unit only
    assert submissions(db) == []


def test_the_secretariat_submits_for_any_unit(monkeypatch, db, tmp_path):
    other = make_form(db, tmp_path, unit="181", name="181.xlsx", communes=False)
    at = upload(open_page(monkeypatch, db, role="secretariat"), other)
    assert "1 tệp: 1 đã ghi nhận." in all_text(at)
    assert submissions(db) == [("181", "2023Q2", "current", "thuky")]


def test_a_batch_over_the_limit_is_refused_whole(monkeypatch, db, tmp_path):
    path = make_form(db, tmp_path)
    at = open_page(monkeypatch, db)
    at.file_uploader(key="uploads").set_value([(f"{n}.xlsx", path.read_bytes(), XLSX) for n in range(401)])
    at.run()
    at.button(key="submit").click().run()
    assert at.error[0].value.startswith("Bạn đã chọn 401 tệp; mỗi lần chỉ nộp được tối đa 400 tệp.")
    assert submissions(db) == []


def _sign_in_through_the_form(at, db, role: str):
    username = ensure_account(db, role).username
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(PASSWORD)
    next(b for b in at.button if b.key.startswith("FormSubmitter:sign_in")).click().run()
    assert not at.exception
    return at


def _held_replacement(monkeypatch, db, tmp_path):
    """canbo.caoloc's corrected form, waiting for confirmation on the page."""
    first = make_form(db, tmp_path)
    assert load_bytes(db, first.read_bytes(), first.name, sender="Trần Thị Bình").status == "accepted"
    at = upload(open_page(monkeypatch, db), make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="sua.xlsx"))
    assert at.button(key="confirm-0")
    return at


def _shows_nothing_of_the_previous_session(at) -> None:
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "Chưa có tệp nào được chọn" in all_text(at)
    assert "sua.xlsx" not in all_text(at)
    assert not [b for b in at.button if b.key and b.key.startswith(("confirm-", "cancel-"))]


def test_signing_out_leaves_nothing_of_the_upload_for_the_next_person(monkeypatch, db, tmp_path):
    """Issue 15, finding 2: on a shared computer the next person signing in on the same tab saw the held file,
    both versions' figures and the confirm button of the person before."""
    at = _held_replacement(monkeypatch, db, tmp_path)
    at.button(key="sign_out").click().run()
    assert not at.exception
    _sign_in_through_the_form(at, db, "secretariat")
    _shows_nothing_of_the_previous_session(at)
    assert submissions(db) == [(UNIT, "2023Q2", "current", "Trần Thị Bình")]


def test_an_expired_session_leaves_nothing_of_the_upload_for_the_next_person(monkeypatch, db, tmp_path):
    at = _held_replacement(monkeypatch, db, tmp_path)
    at.session_state[SEEN_KEY] = datetime.now() - timedelta(hours=1)
    at.run()
    assert "Phiên làm việc đã hết hạn" in all_text(at)
    _sign_in_through_the_form(at, db, "secretariat")
    _shows_nothing_of_the_previous_session(at)


def test_a_held_file_is_recorded_only_for_the_person_who_sent_it(db, tmp_path):
    first = make_form(db, tmp_path)
    load_bytes(db, first.read_bytes(), first.name, sender="Trần Thị Bình")
    corrected = make_form(db, tmp_path, values=dict(VALUES, KT02=14), name="sua.xlsx")
    held = submission_desk.submit_file(db, corrected.name, corrected.read_bytes(), ensure_account(db, "unit_staff"))
    assert held.status == "confirm"
    with pytest.raises(PermissionError):
        submission_desk.confirm(db, held, ensure_account(db, "secretariat"))
    assert submissions(db) == [(UNIT, "2023Q2", "current", "Trần Thị Bình")]


def test_a_broken_rule_is_sent_only_with_a_reason_and_its_figures_held(monkeypatch, db, tmp_path):
    path = make_form(db, tmp_path, values=dict(VALUES, KT01=12, KT02=13), communes=False, name="lech.xlsx")
    at = upload(open_page(monkeypatch, db), path)
    text = all_text(at)
    assert "Số liệu vi phạm quy tắc kiểm tra" in text and "1 tệp: 1 chờ xác nhận." in text
    problem = (
        "Số cơ sở đã được kiểm tra (13) lớn hơn Tổng số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm (12)."
    )
    assert problem in table(at)["Nội dung"].tolist()  # above the button, in words
    assert at.button(key="confirm-0").label == "Gửi kèm lý do" and at.button(key="cancel-0").label == "Không gửi"
    at.button(key="confirm-0").click().run()
    assert "Cần ghi lý do trước khi gửi số liệu vi phạm quy tắc kiểm tra." in all_text(at)
    assert submissions(db) == []
    at.text_area(key="reason-0").set_value("Huyện mới mở thêm cơ sở sau ngày thống kê").run()
    at.button(key="confirm-0").click().run()
    text = all_text(at)
    assert "Báo cáo đã được ghi nhận (bản #1)." in text
    assert "Chưa tính các số liệu sau cho đến khi Ban thư ký xác minh" in text
    assert submissions(db) == [(UNIT, "2023Q2", "current", SENDER)]


def test_the_secretariat_sends_a_provinces_returns_as_one_zip(monkeypatch, db, tmp_path):
    """Issue 19, item 4: the forms of many units in one upload; one table of outcomes, the rejected marked up."""
    forms = {unit: make_form(db, tmp_path, unit=unit, name=f"{unit}.xlsx", communes=False) for unit in ("181", "184")}
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        for unit, path in forms.items():
            archive.writestr(f"Bieu01_{unit}_2023Q2.xlsx", path.read_bytes())
        archive.writestr("ghi-chu.txt", "không phải biểu mẫu")
    at = open_page(monkeypatch, db, role="secretariat")
    assert at.get("download_button")[1].proto.label == "Tải biểu mẫu của tất cả đơn vị (.zip)"
    at.file_uploader(key="uploads").set_value([("tra-ve.zip", bundle.getvalue(), "application/zip")])
    at.run()
    at.button(key="submit").click().run()
    assert not at.exception
    assert "3 tệp: 2 đã ghi nhận, 1 bị từ chối." in all_text(at)
    outcomes = table(at)
    assert outcomes["Tệp"].tolist() == [
        "tra-ve.zip/Bieu01_181_2023Q2.xlsx",
        "tra-ve.zip/Bieu01_184_2023Q2.xlsx",
        "tra-ve.zip/ghi-chu.txt",
    ]
    assert outcomes["Kết quả"].tolist() == ["Đã ghi nhận", "Đã ghi nhận", "Bị từ chối"]
    assert submissions(db) == [("181", "2023Q2", "current", "thuky"), ("184", "2023Q2", "current", "thuky")]


def test_a_units_clerk_gets_no_zip_of_other_units_forms(monkeypatch, db):
    at = open_page(monkeypatch, db)
    assert [b.proto.label for b in at.get("download_button")] == ["Tải biểu mẫu (.xlsx)"]


def test_the_secretariat_may_give_the_day_a_file_was_received_and_a_clerk_may_not(monkeypatch, db, tmp_path):
    assert not [d for d in open_page(monkeypatch, db).date_input if d.key == "received_on"]  # a unit's clerk
    at = open_page(monkeypatch, db, role="secretariat")
    at.date_input(key="received_on").set_value(date(2023, 6, 14)).run()
    assert "Các tệp sẽ được ghi nhận là nhận ngày 14/06/2023." in all_text(at)
    at = upload(at, make_form(db, tmp_path))
    assert "Nộp đúng hạn (hạn nộp 15/06/2023)." in all_text(at)
    with db.cursor() as cur:
        assert cur.execute("SELECT first_received_at FROM submissions").fetchone()[0] == datetime(2023, 6, 14)
