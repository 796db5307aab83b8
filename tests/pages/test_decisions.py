"""Kết luận, run headless with AppTest on a copy of the demo (issue 21, item 3): the secretariat records a
meeting's conclusion and closes it; a committee member reads them without the forms."""

from datetime import date, timedelta

from tests.support.apptest import all_text, registered_pages, run_page
from tests.support.databases import copy_database

PAGE = "pages/decisions.py"
DUE = date.today() + timedelta(days=300)  # a day to come (Streamlit offers up to ten years ahead)
TEXT = "Công an tỉnh chủ trì kiểm tra các cơ sở chưa được kiểm tra ở Văn Quan trong quý III."


def test_record_then_close_a_decision(monkeypatch, demo_db_path, tmp_path):
    path = copy_database(demo_db_path, tmp_path / "kpi.duckdb")
    at = run_page(monkeypatch, path, PAGE, plan="lang-son-2023", period="2023Q2")
    assert not at.exception and "0 kết luận đang theo dõi, 1 đã đóng." in all_text(at)  # the demo's, closed
    at.selectbox(key="decision_target").set_value("CO_SO_KIEM_TRA")
    at.multiselect(key="decision_units").set_value(["184"])
    at.text_area(key="decision_text").input(TEXT)
    at.text_input(key="decision_responsible").input("Công an tỉnh")
    at.date_input(key="decision_due").set_value(DUE)
    next(b for b in at.button if b.label == "Ghi kết luận").click().run()
    assert not at.exception
    text = all_text(at)
    assert "Đã ghi kết luận." in text and TEXT in text and "1 kết luận đang theo dõi, 1 đã đóng." in text
    assert f"Chủ trì: Công an tỉnh · hạn {DUE.strftime('%d/%m/%Y')} · đơn vị: Huyện Văn Quan" in text

    note_key = next(t.key for t in at.text_area if t.key.startswith("close-note-"))
    at.text_area(key=note_key).input("Đã kiểm tra 5 cơ sở.")
    next(b for b in at.button if b.label == "Đóng kết luận").click().run()
    assert "Đã đóng kết luận." in all_text(at) and "0 kết luận đang theo dõi, 2 đã đóng." in all_text(at)


def test_a_committee_member_reads_without_the_forms(monkeypatch, demo_db_path):
    at = run_page(monkeypatch, demo_db_path, PAGE, role="committee", plan="lang-son-2023", period="2023Q2")
    assert not at.exception and not [b for b in at.button if b.label == "Ghi kết luận"]
    assert "decisions" in registered_pages(at)
    assert "decisions" not in registered_pages(run_page(monkeypatch, demo_db_path, role="unit_staff"))
