"""The contacts of a unit (issue 20, item 3): kept by the secretariat, checked, audited; shown beside the units to
chase on Tình hình báo cáo and Việc cần làm, and on page Đơn vị."""

from datetime import date, datetime

import pytest

from core import contacts
from core.contacts import ContactError
from core.db import Database
from screens import todo
from screens.reporting_status import reporting_page
from tests.support.accounts import ensure_account
from tests.support.apptest import all_text, run_page
from tests.support.databases import copy_database

NOW = datetime(2024, 1, 20, 9, 0)
DINH_LAP = "189"  # sends nothing for the last quarter of the demo year


def test_a_contact_needs_a_way_to_reach_it_and_well_formed_details(db):
    secretary = ensure_account(db, "secretariat")
    with pytest.raises(ContactError, match="thư điện tử hoặc số điện thoại"):
        contacts.add_contact(db, secretary, DINH_LAP, "Hoàng Văn Nam", "Chuyên viên", "", "  ", NOW)
    with pytest.raises(ContactError, match="không phải địa chỉ thư điện tử"):
        contacts.add_contact(db, secretary, DINH_LAP, "Hoàng Văn Nam", "Chuyên viên", "nam@", "", NOW)
    with pytest.raises(ContactError, match="không phải số điện thoại"):
        contacts.add_contact(db, secretary, DINH_LAP, "Hoàng Văn Nam", "Chuyên viên", "", "=HYPERLINK(1)", NOW)
    with pytest.raises(ContactError, match="Cần ghi «Họ và tên»"):
        contacts.add_contact(db, secretary, DINH_LAP, " ", "Chuyên viên", "", "0205 3812 345", NOW)
    with pytest.raises(PermissionError):
        contacts.add_contact(db, ensure_account(db, "unit_staff"), DINH_LAP, "A", "B", "", "0205 3812 345", NOW)
    added = contacts.add_contact(
        db, secretary, DINH_LAP, " Hoàng  Văn Nam ", "Chuyên viên", "nam@langson.gov.vn", "+84 912 345 678", NOW
    )
    (person,) = contacts.contacts_of(db, [DINH_LAP])[DINH_LAP]
    assert person.line == "Hoàng Văn Nam (Chuyên viên): +84 912 345 678 · nam@langson.gov.vn"
    contacts.remove_contact(db, secretary, added)
    assert contacts.contacts_of(db, [DINH_LAP]) == {}
    with db.cursor() as cur:
        logged = cur.execute("SELECT action FROM audit_log WHERE entity = 'contact' ORDER BY audit_id").fetchall()
    assert logged == [("create",), ("delete",)]


def test_the_units_to_chase_show_whom_to_call(demo, tmp_path):
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    with db.transaction() as tx:  # without the demo's own contacts
        tx.run_script("DELETE FROM unit_contacts")
    secretary = ensure_account(db, "secretariat")
    contacts.add_contact(db, secretary, DINH_LAP, "Hoàng Văn Nam", "Chuyên viên", "", "0205 3812 345", NOW)
    chase = reporting_page(db, "lang-son-2023", date(2024, 1, 20)).chase
    first = chase[chase["Đơn vị"] == "Huyện Đình Lập"].iloc[0]
    assert first["Liên hệ"] == "Hoàng Văn Nam (Chuyên viên): 0205 3812 345"
    assert set(chase[chase["Đơn vị"] != "Huyện Đình Lập"]["Liên hệ"]) == {""}
    assert todo.todo_page(db, "lang-son-2023", date(2024, 1, 20)).chase["Liên hệ"].iloc[0] == first["Liên hệ"]
    db.close()


def test_the_unit_page_keeps_the_contacts(monkeypatch, db):
    at = run_page(monkeypatch, db.path, "pages/unit.py", plan="lang-son-2023", period="2023Q4", unit=DINH_LAP)
    assert "Chưa có người liên hệ nào của đơn vị." in all_text(at)
    at.text_input(key="contact_name").input("Hoàng Văn Nam")
    at.text_input(key="contact_role").input("Chuyên viên phòng Văn hóa – Xã hội")
    at.text_input(key="contact_phone").input("0205 3812 345")
    next(b for b in at.button if b.label == "Thêm").click().run()
    assert not at.exception
    text = all_text(at)
    assert "Đã thêm một người liên hệ của Huyện Đình Lập." in text
    assert "Hoàng Văn Nam (Chuyên viên phòng Văn hóa – Xã hội): 0205 3812 345" in text
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("contact-remove-"))).click().run()
    assert "Đã xoá một người liên hệ." in all_text(at)
    member = run_page(monkeypatch, db.path, "pages/unit.py", role="committee", plan="lang-son-2023", unit=DINH_LAP)
    assert not [b for b in member.button if b.label == "Thêm"]  # a committee member reads, does not keep
