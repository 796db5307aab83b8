"""Editing plans: a target, a deadline, next year's plan; validated like a plan file, audited, refused to readers."""

from __future__ import annotations

import pytest

from core.bootstrap import open_database
from core.calendar import DEFAULT_RULES
from core.plans import PLANS_ENV_VAR, TARGET_KINDS, PlanError, parse_plan
from screens import plan_admin
from tests.support.accounts import ensure_account
from tests.support.apptest import all_text, run_page, run_script_as
from tests.support.plan_files import copy_seed_plans

PLAN = "lang-son-2023"


@pytest.fixture
def plans(tmp_path, monkeypatch):
    """A copy of the plan files the application reads and writes (never the repository's own)."""
    folder = copy_seed_plans(tmp_path / "plans")
    monkeypatch.setenv(PLANS_ENV_VAR, str(folder))
    return folder


@pytest.fixture
def plan_db(plans, tmp_path):
    db = open_database(tmp_path / "kpi.duckdb")
    yield db
    db.close()


def target_row(db, target_id: str):
    return next(r for r in db.rows("plan_targets", {"plan_id": PLAN}) if r.target_id == target_id)


def deadlines(db) -> list[tuple]:
    """(period_type, deadline_day, months_after_end, is_default) of each of the plan's deadlines."""
    rows = db.rows("plan_deadlines", {"plan_id": PLAN})
    return [(r.period_type, r.deadline_day, r.months_after_end, r.is_default) for r in rows]


def test_the_secretariat_changes_a_target_in_the_file_the_database_and_the_audit(plan_db, plans):
    secretary = ensure_account(plan_db, "secretariat")
    changes = plan_admin.target_changes("min_percent", 40.0, None, None, "Kiểm tra ít nhất 40% cơ sở", "Câu trích")
    plan_admin.edit_target(plan_db, secretary, PLAN, "co-so-kiem-tra", changes)
    target = target_row(plan_db, "co-so-kiem-tra")
    assert (target.kind, target.value_min, target.value_max, target.label) == (
        "min_percent",
        0.4,
        None,
        "Kiểm tra ít nhất 40% cơ sở",
    )
    saved = next(t for t in parse_plan(plans / f"{PLAN}.yaml").targets if t.target_id == "co-so-kiem-tra")
    assert (saved.value_min, saved.source) == (0.4, "Câu trích")
    with plan_db.cursor() as cur:
        actor, before, after = cur.execute(
            "SELECT actor, before_json, after_json FROM audit_log WHERE entity = 'plan' AND before_json IS NOT NULL"
        ).fetchone()
    assert actor == "thuky" and '"value": 30' in before and '"value": 40' in after


def test_an_invalid_change_lists_its_problems_and_changes_nothing(plan_db, plans):
    secretary = ensure_account(plan_db, "secretariat")
    original = (plans / f"{PLAN}.yaml").read_bytes()
    with pytest.raises(PlanError) as refused:
        plan_admin.edit_target(
            plan_db, secretary, PLAN, "co-so-kiem-tra", plan_admin.target_changes("range", None, 8, 6, "X", "")
        )
    assert any("«min» (8) phải nhỏ hơn hoặc bằng «max» (6)" in p for p in refused.value.problems)
    assert (plans / f"{PLAN}.yaml").read_bytes() == original
    assert target_row(plan_db, "co-so-kiem-tra").kind == "min_percent"


def test_a_deadline_needs_the_plans_sentence_or_is_the_default(plan_db, plans):
    secretary = ensure_account(plan_db, "secretariat")
    plan_admin.edit_deadline(plan_db, secretary, PLAN, "quarter", 20, 0, "Báo cáo quý trước ngày 20 tháng cuối quý.")
    assert ("quarter", 20, 0, False) in deadlines(plan_db)
    plan_admin.edit_deadline(plan_db, secretary, PLAN, "quarter", 15, 0, "")
    assert ("quarter", 15, 0, True) in deadlines(plan_db)


def test_the_secretariat_switches_the_plan_to_decree_09_windows_and_a_copy_keeps_them(plan_db, plans):
    secretary = ensure_account(plan_db, "secretariat")
    assert plan_admin.plans_page(plan_db, PLAN).period_basis == "calendar"
    plan_admin.edit_period_basis(plan_db, secretary, PLAN, "decree_09")
    assert parse_plan(plans / f"{PLAN}.yaml").period_basis == "decree_09"
    assert plan_db.one("plan_row", {"plan_id": PLAN}).period_basis == "decree_09"
    with plan_db.cursor() as cur:
        (after,) = cur.execute(
            "SELECT after_json FROM audit_log WHERE entity = 'plan' ORDER BY audit_id DESC"
        ).fetchone()
    assert '"period_basis": "decree_09"' in after
    plan_admin.copy_plan(plan_db, secretary, PLAN, 2024)
    assert parse_plan(plans / "lang-son-2024.yaml").period_basis == "decree_09"
    with pytest.raises(PlanError):
        plan_admin.edit_period_basis(plan_db, secretary, PLAN, "monthly")  # refused before the file is touched
    assert parse_plan(plans / f"{PLAN}.yaml").period_basis == "decree_09"


def test_next_years_plan_starts_from_this_one(plan_db, plans):
    secretary = ensure_account(plan_db, "secretariat")
    copied = plan_admin.copy_plan(plan_db, secretary, PLAN, 2024)
    assert copied == plan_admin.CopiedPlan("lang-son-2024", [])  # same structure: everything carried
    plan = parse_plan(plans / "lang-son-2024.yaml")
    assert (plan.year, plan.document_number, plan.issued_by, plan.title) == (
        2024,
        "",
        "",
        "Kế hoạch thực hiện Chương trình phòng, chống mại dâm năm 2024",
    )
    assert len(plan_db.rows("plan_targets", {"plan_id": "lang-son-2024"})) == len(
        plan_db.rows("plan_targets", {"plan_id": PLAN})
    )
    owner = {row.plan_id: row.owner for row in plan_db.rows("list_plans")}
    assert owner["lang-son-2024"] == "Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn"
    with pytest.raises(PlanError, match="Đã có kế hoạch"):
        plan_admin.copy_plan(plan_db, secretary, PLAN, 2024)


def test_a_plan_copied_across_the_reform_reports_from_every_commune(plan_db, plans):
    """Issue 19, item 1: Lạng Sơn 2023 (11 districts, Sở LĐTBXH) to 2026 (65 communes, Sở Y tế)."""
    secretary = ensure_account(plan_db, "secretariat")
    copied = plan_admin.copy_plan(plan_db, secretary, PLAN, 2026)
    assert copied.plan_id == "lang-son-2026"
    assert copied.notes[0].startswith("Năm 2026 dùng danh mục đơn vị hành chính sau sắp xếp (từ 1/7/2025)")
    assert "toàn bộ các xã, phường, đặc khu của tỉnh" in copied.notes[0]
    plan = parse_plan(plans / "lang-son-2026.yaml")
    old = parse_plan(plans / f"{PLAN}.yaml")
    assert (plan.structure, plan.units_level, plan.province_code) == ("post2025", "commune", "20")
    assert [(t.target_id, t.kind, t.value_min, t.source) for t in plan.targets] == [
        (t.target_id, t.kind, t.value_min, t.source) for t in old.targets
    ]
    assert plan.deadlines == old.deadlines
    units = plan_db.rows("plan_reporting_units", {"plan_id": "lang-son-2026"})
    assert len(units) == 65 and all(len(u.unit_code) == 5 for u in units)  # communes' codes
    row = next(r for r in plan_db.rows("list_plans") if r.plan_id == "lang-son-2026")
    assert row.owner == "Sở Y tế tỉnh Lạng Sơn"
    assert len(copied.notes) == 1 + 4  # four targets name the district offices (phòng LĐTBXH cấp huyện)


def test_a_merged_province_needs_its_successor_chosen(plan_db, plans):
    """Hải Dương (30) joined Hải Phòng (31) on 1 July 2025: its plan goes to Hải Phòng only when asked to."""
    secretary = ensure_account(plan_db, "secretariat")
    with pytest.raises(PlanError, match="Hải Dương không còn là một tỉnh, thành phố trong danh mục năm 2026"):
        plan_admin.copy_plan(plan_db, secretary, "hai-duong-2021", 2026)
    copied = plan_admin.copy_plan(plan_db, secretary, "hai-duong-2021", 2026, province_code="31")
    assert copied.plan_id == "hai-phong-2026"
    plan = parse_plan(plans / "hai-phong-2026.yaml")
    assert (plan.province_code, plan.province_name) == ("31", "Hải Phòng")
    assert len(plan_db.rows("plan_reporting_units", {"plan_id": "hai-phong-2026"})) == 114
    # Its timeliness target's sentence asks "UBND các huyện, thị xã, thành phố" to report: said plainly.
    assert copied.notes[1] == (
        "Chỉ tiêu «100% đơn vị gửi báo cáo 6 tháng, năm đúng hạn» nhắc đến cấp huyện, nay không còn: "
        "hãy xem lại câu chữ."
    )


def test_a_committee_member_cannot_edit_a_target(plan_db, plans, monkeypatch):
    member = ensure_account(plan_db, "committee")
    original = (plans / f"{PLAN}.yaml").read_bytes()
    with pytest.raises(PermissionError):
        plan_admin.edit_target(plan_db, member, PLAN, "co-so-kiem-tra", {"value": 10})
    assert (plans / f"{PLAN}.yaml").read_bytes() == original
    at = run_script_as(monkeypatch, plan_db.path, "pages/plans.py", "committee")
    assert [e.value for e in at.error] == ["Tài khoản của bạn không có quyền dùng trang này."]
    assert not at.text_area


def test_the_plans_page_saves_a_target(plan_db, plans, monkeypatch):
    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan=PLAN)
    assert not at.exception
    at.selectbox(key="target").set_value("co-so-kiem-tra").run()
    at.number_input[0].set_value(35.0)
    next(b for b in at.button if b.label == "Lưu chỉ tiêu").click().run()
    assert not at.exception
    assert "Đã lưu chỉ tiêu «co-so-kiem-tra»." in all_text(at)
    assert target_row(plan_db, "co-so-kiem-tra")[4] == pytest.approx(0.35)


def test_reporting_units_are_written_as_exclusions_and_audited(plan_db, plans):
    secretary = ensure_account(plan_db, "secretariat")
    options = plan_admin.unit_choices(plan_db, PLAN)
    assert len(options) == 11 and options["183"] == "Huyện Cao Lộc (183)"
    plan_admin.edit_reporting_units(plan_db, secretary, PLAN, [c for c in options if c != "189"])
    assert "189" not in [row.unit_code for row in plan_db.rows("plan_reporting_units", {"plan_id": PLAN})]
    assert parse_plan(plans / f"{PLAN}.yaml").exclude == ["189"]
    with pytest.raises(PlanError, match="không có đơn vị báo cáo nào"):
        plan_admin.edit_reporting_units(plan_db, secretary, PLAN, [])
    with plan_db.cursor() as cur:
        after = cur.execute("SELECT after_json FROM audit_log WHERE entity = 'plan' ORDER BY audit_id DESC").fetchone()
    assert '"exclude": ["189"]' in after[0]


def test_the_plans_page_starts_each_form_from_the_file(plan_db, plans):
    view = plan_admin.plans_page(plan_db, PLAN)
    target = view.targets["co-so-kiem-tra"]
    assert (target.kind, target.value, target.low, target.high) == ("min_percent", 30.0, None, None)  # as written
    assert view.target_choices["co-so-kiem-tra"] == target.label[:120]
    assert list(view.targets) == view.targets_table["Mã chỉ tiêu"].tolist()
    assert list(view.kind_choices) == list(TARGET_KINDS)
    assert list(view.deadlines) == list(view.period_types) == ["quarter", "half_year", "year"]
    assert view.deadlines["quarter"] == plan_admin.DeadlineForm(15, 0, "")  # the file's default line: no sentence
    assert view.deadlines["half_year"].day == 25 and view.deadlines["half_year"].source.startswith("Các đơn vị")
    assert len(view.unit_choices) == 11 and sorted(view.current_units) == sorted(view.unit_choices)
    assert view.next_year == 2024


def test_a_kind_of_report_the_plan_does_not_ask_for_starts_from_the_general_deadline(plan_db, plans):
    """Hồ Chí Minh City 2018 has no line for the 6-month report: its form offers DOMAIN.md's default, 25 June,
    not the quarterly 15th."""
    view = plan_admin.plans_page(plan_db, "tp-hcm-2018")
    assert view.deadlines["half_year"] == plan_admin.DeadlineForm(25, 0, "")
    assert (view.deadlines["half_year"].day, view.deadlines["half_year"].months_after_end) == (
        DEFAULT_RULES["half_year"].day,
        DEFAULT_RULES["half_year"].months_after_end,
    )
    assert view.deadlines["year"].day == 15 and view.deadlines["year"].source  # the plan's own line


def test_the_plans_page_shows_the_general_deadline_of_a_report_without_a_line(plan_db, plans, monkeypatch):
    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan="tp-hcm-2018")
    assert not at.exception
    at.selectbox(key="ptype").set_value("half_year").run()
    day = next(n for n in at.number_input if n.label == "Ngày hạn (trong tháng)")
    assert day.value == 25


def test_the_plans_page_copies_a_plan_across_the_reform_and_says_what_changed(plan_db, plans, monkeypatch):
    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan=PLAN)
    year = next(n for n in at.number_input if n.label == "Năm của kế hoạch mới")
    year.set_value(2026)
    assert at.selectbox(key=f"copy-province-{PLAN}").value == ""  # the plan's own province unless chosen
    next(b for b in at.button if b.label == "Lập kế hoạch").click().run()
    assert not at.exception
    assert "Đã lập kế hoạch «lang-son-2026»: hãy sửa các chỉ tiêu theo văn bản năm mới." in all_text(at)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 5 and "toàn bộ các xã, phường, đặc khu của tỉnh" in warnings[0]
    assert (plans / "lang-son-2026.yaml").exists()


def test_the_plans_page_sets_the_cut_off_windows_and_the_period_selector_names_them(plan_db, plans, monkeypatch):
    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan=PLAN)
    basis = next(r for r in at.radio if r.label == "Cách tính kỳ báo cáo")
    assert basis.value == "calendar"
    basis.set_value("decree_09")
    next(b for b in at.button if b.label == "Lưu cách tính kỳ").click().run()
    assert not at.exception
    assert "Đã lưu cách tính kỳ báo cáo: Kỳ chốt số liệu theo Nghị định 09/2019/NĐ-CP" in all_text(at)
    home = run_page(monkeypatch, plan_db.path, "pages/indicator.py", plan=PLAN, period="2023Q2")
    assert home.selectbox(key="period").value == "2023Q2"
    assert "Quý II năm 2023 (số liệu 15/03/2023–14/06/2023)" in home.selectbox(key="period").options
    plan_text = all_text(run_page(monkeypatch, plan_db.path, "pages/home.py", plan=PLAN))
    assert "Kỳ báo cáo: theo kỳ chốt số liệu của Nghị định 09/2019/NĐ-CP" in plan_text


def test_the_plans_page_sets_the_days_entry_stays_open(plan_db, plans, monkeypatch):
    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan=PLAN)
    days = next(n for n in at.number_input if n.label.startswith("Số ngày cho nộp sau hạn"))
    assert days.value is None  # entry never closes unless the plan says so
    days.set_value(10)
    next(b for b in at.button if b.label == "Lưu thời hạn khoá sổ").click().run()
    assert "Đã lưu: đơn vị nộp được đến 10 ngày sau hạn." in all_text(at)
    assert parse_plan(plans / f"{PLAN}.yaml").entry_open_days == 10


def test_a_plan_of_many_units_is_edited_by_adding_and_taking_out(plan_db, plans, monkeypatch):
    """Above UNIT_CHIPS_MAX units (a plan over the country: 3,321 communes) the form draws no chip per unit."""
    monkeypatch.setattr(plan_admin, "UNIT_CHIPS_MAX", 5)  # Lạng Sơn's 11 districts stand for the country's communes
    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan=PLAN)
    assert not at.exception
    assert "Kế hoạch này có 11 đơn vị báo cáo, quá nhiều để hiện từng đơn vị ở đây" in all_text(at)
    assert at.multiselect(key="units_add").options == []  # every district reports already
    at.multiselect(key="units_remove").set_value(["189"])
    next(b for b in at.button if b.label == "Lưu danh sách đơn vị").click().run()
    assert "Đã lưu: 10 đơn vị báo cáo." in all_text(at)
    assert parse_plan(plans / f"{PLAN}.yaml").exclude == ["189"]

    at = run_page(monkeypatch, plan_db.path, "pages/plans.py", plan=PLAN)
    assert at.multiselect(key="units_add").options == ["Huyện Đình Lập (189)"]
    at.multiselect(key="units_add").set_value(["189"])
    at.multiselect(key="units_remove").set_value(["178", "180"])
    next(b for b in at.button if b.label == "Lưu danh sách đơn vị").click().run()
    units = [row.unit_code for row in plan_db.rows("plan_reporting_units", {"plan_id": PLAN})]
    assert len(units) == 9 and "189" in units and not {"178", "180"} & set(units)
