"""The administration pages' models (screens/admin_views.py): accounts with their forms' starting values, the log."""

from __future__ import annotations

import json

import pytest

from core import auth, texts
from screens import admin_views
from screens.admin_views import Account
from tests.support.accounts import ensure_account


def test_an_accounts_state_and_units_come_from_the_account_not_from_the_table(db, monkeypatch):
    admin = ensure_account(db, "admin")
    auth.create_user(db, admin.username, "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", "mat-khau-van-lang", ["187"])
    auth.update_user(db, admin.username, "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", ["187", "183"])
    auth.set_active(db, admin.username, "canbo.vanlang", False)
    # The table's words for the two states made alike: the accounts must not depend on them.
    monkeypatch.setattr(texts, "USERS_ACTIVE", "?")
    monkeypatch.setattr(texts, "USERS_INACTIVE", "?")
    view = admin_views.users_page(db)
    assert view.accounts["canbo.vanlang"] == Account(
        "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", ("183", "187"), False
    )
    assert view.accounts["quantri"] == Account("quantri", admin.full_name, "admin", (), True)
    assert list(view.accounts) == view.table["Tên đăng nhập"].tolist()
    assert view.table.set_index("Tên đăng nhập").loc["canbo.vanlang", "Đơn vị"] == "183, 187"
    as_auth_reads_it = auth.get_user(db, "canbo.vanlang")
    assert as_auth_reads_it.unit_codes == view.accounts["canbo.vanlang"].unit_codes


def test_the_logs_filters_and_count(db):
    admin = ensure_account(db, "admin")
    auth.create_user(db, admin.username, "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", "mat-khau-van-lang", ["187"])
    filters = admin_views.audit_filters(db)
    assert filters.actors == {None: "Tất cả"} | {actor: actor for actor in admin_views.audit_actors(db)}
    assert filters.actors["quantri"] == "quantri"
    assert list(filters.entities) == [None, "submission", "user", "plan", "database"]
    page = admin_views.audit_page(db, "quantri", None, None, None)
    assert page.entries["Việc"].tolist() == ["Tạo mới"] and page.count_text == "1 dòng"


def test_the_log_tells_each_change_in_words_and_keeps_hashes_for_the_administrator(db):
    admin = ensure_account(db, "admin")
    auth.create_user(db, admin.username, "canbo.vanlang", "Hoàng Văn Lãng", "unit_staff", "mat-khau-van-lang", ["187"])
    auth.update_user(db, admin.username, "canbo.vanlang", "Hoàng Văn Lãng", "committee", [])
    with pytest.raises(auth.AuthError):
        auth.authenticate(db, "canbo.vanlang", "sai-mat-khau", client="10.0.0.7")
    update, create = admin_views.audit_page(db, "quantri", None, None, None).entries.to_dict("records")[:2]
    assert create["Trước"] == "" and create["Sau"] == "Họ tên: Hoàng Văn Lãng; Vai trò: Cán bộ đơn vị; Đơn vị: 187"
    assert update["Sau"] == "Họ tên: Hoàng Văn Lãng; Vai trò: Thành viên BCĐ; Đơn vị: —"
    failed = admin_views.audit_page(db, "canbo.vanlang", None, None, None).entries.iloc[0]
    assert failed["Sau"] == "Lý do: sai mật khẩu"  # the client's hash is left out
    raw = admin_views.audit_page(db, "canbo.vanlang", None, None, None, raw=True).entries.iloc[0]
    assert json.loads(raw["Sau"]).keys() == {"reason", "client"}


def test_a_report_and_a_verification_in_words():
    record = {
        "unit_code": "183",
        "period": "2023Q4",
        "file_sha256": "ab" * 32,
        "values": {"TT01": 22} | {f"X{n}": n for n in range(19)},
    }
    assert admin_views.readable(json.dumps(record)) == "Mã đơn vị: 183; Kỳ: 2023Q4; Số liệu: 20 mục"
    before = admin_views.readable(json.dumps({"KT01": "pending", "KT02": "correction"}))
    assert before == "Tổng số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm: chờ xác minh; " + (
        "Số cơ sở đã được kiểm tra: yêu cầu sửa"
    )
    assert admin_views.readable(json.dumps({"state": "confirmed", "reason": "Đúng", "archive_files": 1_250})) == (
        "Tình trạng: đã xác nhận; Lý do: Đúng; Số tệp gốc: 1.250"
    )


UNITS = {
    "182": "Huyện Văn Lãng (182, Lạng Sơn)",
    "183": "Huyện Cao Lộc (183, Lạng Sơn)",
    "189": "Huyện Đình Lập (189, Lạng Sơn)",
}


def test_a_few_units_are_all_offered_and_many_through_a_search(monkeypatch):
    assert admin_views.unit_choices(UNITS, "") == UNITS  # at most UNIT_OPTIONS_MAX: every one, no search
    assert admin_views.units_found_text(UNITS, "", UNITS) is None
    monkeypatch.setattr(admin_views, "UNIT_OPTIONS_MAX", 2)
    assert admin_views.unit_choices(UNITS, "") == {}
    assert admin_views.units_found_text(UNITS, "", {}) == (
        "Có 3 đơn vị báo cáo: gõ tên hoặc mã ở đây, rồi chọn trong ô «Đơn vị báo cáo» bên dưới."
    )
    found = admin_views.unit_choices(UNITS, "dinh lap")  # accents and case aside
    assert found == {"189": UNITS["189"]}
    assert admin_views.units_found_text(UNITS, "dinh lap", found) == (
        "Tìm thấy 1 trong 3 đơn vị: chọn trong ô «Đơn vị báo cáo» bên dưới."
    )
    assert list(admin_views.unit_choices(UNITS, "18")) == ["182", "183"]  # by code too, at most UNIT_OPTIONS_MAX


def test_a_picker_keeps_offering_an_accounts_own_units_in_the_units_order():
    found = {"189": UNITS["189"]}
    assert admin_views.offered_units(UNITS, found, ["183"]) == ["183", "189"]
    assert admin_views.offered_units(UNITS, found, ()) == ["189"]
    assert admin_views.offered_units(UNITS, {}, ["182", "182"]) == ["182"]
