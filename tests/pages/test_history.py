"""The Lịch sử nộp page, run headless with AppTest: every version, the original file, two versions compared."""

from __future__ import annotations

from datetime import datetime

from tests.support.apptest import all_text, run_page, table
from tests.support.forms import UNIT, VALUES, load_bytes, make_form

PLAN = "lang-son-2023"
PAGE = "pages/history.py"


def test_an_empty_history_says_so(monkeypatch, db):
    at = run_page(monkeypatch, db.path, PAGE, plan=PLAN)
    assert not at.exception
    assert "Chưa có lần nộp nào khớp lựa chọn." in all_text(at)


def test_two_versions_are_listed_downloadable_and_compared(monkeypatch, db, tmp_path):
    first = make_form(db, tmp_path)
    second = make_form(db, tmp_path, values=dict(VALUES, KT02=14, KT05=31), name="sua.xlsx")
    load_bytes(db, first.read_bytes(), first.name, sender="Nguyễn Văn An", received_at=datetime(2023, 6, 10, 9))
    load_bytes(db, second.read_bytes(), second.name, sender="Trần Thị Bình", received_at=datetime(2023, 6, 21, 8))

    at = run_page(monkeypatch, db.path, PAGE, plan=PLAN, unit=UNIT)
    assert not at.exception
    listed = at.dataframe[0].value
    assert listed[["Bản", "Tệp", "Người nộp", "So với hạn", "Trạng thái"]].values.tolist() == [
        ["#2", "sua.xlsx", "Trần Thị Bình", "Trễ 6 ngày", "Đang dùng"],
        ["#1", first.name, "Nguyễn Văn An", "Đúng hạn", "Đã được thay bằng bản #2"],
    ]
    assert at.selectbox(key="version").value == 2
    assert at.download_button(key="original").label == "Tải tệp gốc"
    assert "Tệp «sua.xlsx», mã băm SHA-256" in all_text(at)
    assert "2 số liệu khác nhau giữa hai bản." in all_text(at)
    comparison = table(at).set_index("Mã chỉ tiêu")
    assert comparison.loc["KT05", ["Bản #1", "Bản #2", "Thay đổi"]].tolist() == ["30", "31", "+1"]

    at.selectbox(key="version").set_value(1).run()
    assert "Tệp «" + first.name + "», mã băm SHA-256" in all_text(at)
    assert at.selectbox(key="compare-1").value == 2

    clerk = run_page(monkeypatch, db.path, PAGE, role="unit_staff", plan=PLAN, unit=UNIT)
    text = all_text(clerk)
    assert "Tệp «sua.xlsx»: đúng là tệp đã nhận, không thay đổi từ lúc gửi." in text and "SHA-256" not in text


def test_filters_narrow_the_list(monkeypatch, db, tmp_path):
    for period in ("2023Q1", "2023Q2"):
        path = make_form(db, tmp_path, period=period)
        load_bytes(db, path.read_bytes(), path.name, sender="An")
    at = run_page(monkeypatch, db.path, PAGE, plan=PLAN, period="2023Q1")
    assert at.dataframe[0].value["Kỳ báo cáo"].tolist() == ["Quý I năm 2023"]
    assert "Báo cáo này chỉ có một bản nộp, chưa có gì để so sánh." in all_text(at)


def test_a_missing_original_is_reported_not_hidden(monkeypatch, db, tmp_path):
    path = make_form(db, tmp_path)
    load_bytes(db, path.read_bytes(), path.name, sender="An")
    for stored in (db.path.parent / "archive").rglob("*.xlsx"):
        stored.unlink()
    at = run_page(monkeypatch, db.path, PAGE, plan=PLAN)
    assert "Không tìm thấy tệp gốc của bản #1" in all_text(at)


def test_the_demo_history_shows_the_correction(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, plan=PLAN, unit=UNIT, period="2023Q2")
    assert not at.exception
    assert at.dataframe[0].value["Trạng thái"].tolist()[0] == "Đang dùng"
    assert len(at.dataframe[0].value) == 2
