"""The administration pages, run headless with AppTest: accounts created and locked, the audit log read."""

from __future__ import annotations

import pytest

from core import auth
from tests.support.accounts import ensure_account
from tests.support.apptest import all_text, run_page


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def create_account(at, username: str, full_name: str, role: str, password: str, units: list[str] | None = None):
    """Fill the new-account form as an administrator does and press «Tạo tài khoản»."""
    at.text_input(key="new_username").set_value(username)
    at.text_input(key="new_full_name").set_value(full_name)
    at.selectbox(key="new_role").set_value(role)
    if units is not None:
        at.multiselect(key="new_units").set_value(units)
    at.text_input(key="new_password").set_value(password)
    at.text_input(key="new_password_again").set_value(password)
    button(at, "Tạo tài khoản").click().run()


def test_the_administrator_creates_an_account_from_the_page(monkeypatch, db):
    at = run_page(monkeypatch, db.path, "pages/users.py", role="admin")
    assert not at.exception
    assert at.dataframe[0].value["Tên đăng nhập"].tolist() == ["quantri"]
    create_account(at, "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", "mat-khau-van-lang", ["187"])
    assert not at.exception
    assert "Đã tạo tài khoản canbo.vanlang." in all_text(at)
    assert auth.get_user(db, "canbo.vanlang") == auth.User("canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", ("187",))


def test_a_refused_account_says_why(monkeypatch, db):
    at = run_page(monkeypatch, db.path, "pages/users.py", role="admin")
    create_account(at, "canbo.x", "X", "unit_staff", "mat-khau-dai-du")
    assert at.error[0].value == "Cán bộ đơn vị phải được gán ít nhất một đơn vị báo cáo."
    assert auth.get_user(db, "canbo.x") is None


def test_the_administrator_locks_an_account(monkeypatch, db):
    ensure_account(db, "committee")
    at = run_page(monkeypatch, db.path, "pages/users.py", role="admin")
    at.selectbox(key="edit_user").set_value("thanhvien").run()
    button(at, "Khóa tài khoản").click().run()
    assert "Đã khóa tài khoản thanhvien." in all_text(at)
    assert auth.active_user(db, "thanhvien") is None


def test_the_audit_page_lists_and_filters(monkeypatch, db):
    admin = ensure_account(db, "admin")
    auth.create_user(db, admin.username, "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", "mat-khau-van-lang", ["187"])
    with pytest.raises(auth.AuthError):
        auth.authenticate(db, "canbo.vanlang", "sai-mat-khau")
    at = run_page(monkeypatch, db.path, "pages/audit.py", role="secretariat")
    assert not at.exception
    assert "tối đa 1.000 dòng mới nhất" in at.caption[0].value  # the limit in Vietnamese format
    entries = at.dataframe[0].value
    assert entries["Việc"].tolist()[:2] == ["Đăng nhập không thành công", "Tạo mới"]
    at.selectbox(key="actor").set_value("quantri").run()
    assert at.dataframe[0].value["Việc"].tolist() == ["Tạo mới"]
    assert not at.text_input and [b.key for b in at.button] == ["sign_out"]  # nothing can change the log
    assert not at.toggle  # the records as stored (JSON, hashes) are the administrator's


def test_the_administrator_can_read_the_records_as_stored(monkeypatch, db):
    ensure_account(db, "admin")
    at = run_page(monkeypatch, db.path, "pages/audit.py", role="admin")
    assert not at.dataframe[0].value["Sau"].str.startswith("{").any()
    at.toggle(key="raw").set_value(True).run()
    assert at.dataframe[0].value["Sau"].str.startswith("{").all()


def test_a_locked_account_is_offered_to_be_unlocked(monkeypatch, db):
    """Whether an account is active comes from the account itself (never from the words of the table)."""
    admin = ensure_account(db, "admin")
    ensure_account(db, "committee")
    auth.set_active(db, admin.username, "thanhvien", False)
    at = run_page(monkeypatch, db.path, "pages/users.py", role="admin")
    at.selectbox(key="edit_user").set_value("thanhvien").run()
    assert [b.key for b in at.button if b.key in ("activate", "deactivate")] == ["activate"]
    at.button(key="activate").click().run()
    assert "Đã mở lại tài khoản thanhvien." in all_text(at)
    assert auth.active_user(db, "thanhvien") is not None


def test_a_new_account_is_listed_at_once(monkeypatch, db):
    at = run_page(monkeypatch, db.path, "pages/users.py", role="admin")
    create_account(at, "canbo.vanlang", "Hoàng Văn Lãng", "committee", "mat-khau-van-lang")
    assert "canbo.vanlang" in at.dataframe[0].value["Tên đăng nhập"].tolist()
    assert "canbo.vanlang" in at.selectbox(key="edit_user").options


def test_among_many_units_the_pickers_offer_those_a_search_finds(monkeypatch, db):
    """Past UNIT_OPTIONS_MAX units (a national deployment has 3,321), the administrator searches for a unit, picks
    it and creates the account; an account's own units stay offered in its edit form whatever the search."""
    monkeypatch.setattr("screens.admin_views.UNIT_OPTIONS_MAX", 3)
    auth.create_user(db, "quantri", "canbo.caoloc", "Cán bộ Cao Lộc", "unit_staff", "mat-khau-cao-loc", ["183"])
    at = run_page(monkeypatch, db.path, "pages/users.py", role="admin")
    assert not at.exception
    assert at.multiselect(key="new_units").options == []
    assert at.multiselect(key="new_units").proto.select_all == 0  # no «Select all»: Streamlit writes it in English
    assert "gõ tên hoặc mã ở đây" in all_text(at)
    at.text_input(key="unit_search").set_value("huyen van lang").run()
    assert [o.split(" (")[0] for o in at.multiselect(key="new_units").options] == ["Huyện Văn Lãng"]
    assert "Tìm thấy 1 trong" in all_text(at)
    create_account(at, "canbo.vanlang2", "Hoàng Văn Lãng", "unit_staff", "mat-khau-van-lang", ["182"])
    assert not at.exception
    assert auth.get_user(db, "canbo.vanlang2").unit_codes == ("182",)
    at.selectbox(key="edit_user").set_value("canbo.caoloc").run()
    assert [o.split(" (")[0] for o in at.multiselect(key="units_canbo.caoloc").options] == [
        "Huyện Văn Lãng",  # by code: 182, then the account's own 183
        "Huyện Cao Lộc",
    ]
    assert at.multiselect(key="units_canbo.caoloc").value == ["183"]
