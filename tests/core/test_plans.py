"""The five seed plans load, and every target carries a sentence that stands in its seed."""

import re
import unicodedata
from pathlib import Path

import pytest

from core.plans import PLANS_DIR, PlanError, parse_plan, plan_files, sync_plans

SEEDS_DIR = PLANS_DIR.parent / "seeds"
SEED_PLANS = {"hai-duong-2021", "tp-hcm-2018", "ninh-thuan-2020", "lang-son-2023", "lai-chau-2013"}
# The demo's years beside the seeds (issue 19), drafts copied from lang-son-2023: the year before the reform and the
# current year.
DEMO_DRAFT_PLANS = {"lang-son-2024", "lang-son-2026"}


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def test_the_five_seed_plans_and_the_demo_drafts_are_there():
    assert {p.stem for p in plan_files()} == SEED_PLANS | DEMO_DRAFT_PLANS


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.stem)
def test_every_target_quotes_its_seed(path):
    plan = parse_plan(path)
    seed = normalize((SEEDS_DIR / plan.source_file).read_text(encoding="utf-8"))
    assert plan.targets
    for target in plan.targets:
        assert target.source and target.label
        assert normalize(target.source) in seed, f"{target.target_id}: sentence not found in {plan.source_file}"
    for deadline in plan.deadlines:
        assert deadline.is_default or normalize(deadline.source) in seed


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.stem)
def test_every_plan_has_a_quarterly_calendar_and_timeliness_target(path):
    plan = parse_plan(path)
    assert "quarter" in {d.period_type for d in plan.deadlines}
    assert any(t.indicator_code == "BAO_CAO_DUNG_HAN" for t in plan.targets)


def test_plans_install_with_their_reporting_units(db):
    counts = {row.plan_id: (row.count_units, row.count_targets) for row in db.rows("list_plans")}
    assert set(counts) == SEED_PLANS | DEMO_DRAFT_PLANS
    # Districts in the official pre-2025 list (HCM: the post-2021 list of 22); communes after the reform.
    assert {plan: units for plan, (units, _) in counts.items()} == {
        "hai-duong-2021": 12,
        "tp-hcm-2018": 22,
        "ninh-thuan-2020": 7,
        "lang-son-2023": 11,
        "lang-son-2024": 11,
        "lai-chau-2013": 8,
        "lang-son-2026": 65,
    }
    targets = db.rows("plan_targets", {"plan_id": "lang-son-2023"})
    inspection = next(t for t in targets if t.indicator_code == "CO_SO_KIEM_TRA")
    assert (inspection.kind, inspection.value_min) == ("min_percent", pytest.approx(0.30))


def test_sync_is_idempotent_and_reloads_a_changed_file(db, tmp_path):
    assert sync_plans(db) == []
    copy = tmp_path / "plans"
    copy.mkdir()
    text = (PLANS_DIR / "lang-son-2023.yaml").read_text(encoding="utf-8")
    (copy / "lang-son-2023.yaml").write_text(text.replace("value: 30", "value: 35", 1), encoding="utf-8")
    assert sync_plans(db, copy) == ["lang-son-2023"]
    targets = db.rows("plan_targets", {"plan_id": "lang-son-2023"})
    assert next(t for t in targets if t.indicator_code == "CO_SO_KIEM_TRA").value_min == pytest.approx(0.35)


BAD_PLAN = """
plan_id: other-name
province_code: 20
year: "2023"
structure: pre2030
title: "x"
document_number: "x"
issued_by: "x"
issued_on: "x"
source_file: "x"
reporting_units: {level: district}
calendar:
  - {period_type: month, deadline_day: 40, months_after_end: 0}
targets:
  - {target_id: a, indicator: NOPE, kind: min_percent, label: "a", source: "a"}
  - {target_id: a, indicator: TIN_BAI, kind: range, min: 8, max: 6, label: "b", source: "b"}
  - {target_id: c, indicator: TIN_BAI, kind: always, label: "c"}
"""


def test_a_bad_plan_lists_every_problem_in_vietnamese(tmp_path):
    path = tmp_path / "bad-plan.yaml"
    path.write_text(BAD_PLAN, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        parse_plan(path)
    problems = "\n".join(caught.value.problems)
    for expected in [
        "mã kế hoạch «other-name» không khớp tên tệp «bad-plan.yaml»",
        "trường «province_code» phải là chữ",
        "trường «year» phải là số nguyên",
        "trường «structure» phải là một trong pre2025, post2025",
        "trường «calendar[0].period_type» phải là một trong",
        "ngày phải từ 1 đến 31",
        "chỉ tiêu «a»: mã chỉ số «NOPE» không có trong danh mục",
        "thiếu trường «a.value»",
        "«min» (8) phải nhỏ hơn hoặc bằng «max» (6)",
        "mã chỉ tiêu «a» xuất hiện nhiều lần",
        "trường «c.kind» phải là một trong",
        "thiếu trường «c.source»",
    ]:
        assert expected in problems
    assert str(caught.value).startswith("Tệp kế hoạch bad-plan.yaml có")


def test_one_bad_file_stops_the_sync_before_anything_is_written(db, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "lang-son-2023.yaml").write_text(
        (PLANS_DIR / "lang-son-2023.yaml").read_text(encoding="utf-8").replace("value: 30", "value: 40", 1),
        encoding="utf-8",
    )
    (folder / "zz-bad.yaml").write_text("plan_id: [", encoding="utf-8")
    with pytest.raises(PlanError, match="không đọc được YAML"):
        sync_plans(db, folder)
    targets = db.rows("plan_targets", {"plan_id": "lang-son-2023"})
    assert next(t for t in targets if t.indicator_code == "CO_SO_KIEM_TRA").value_min == pytest.approx(0.30)


def test_unknown_unit_in_a_plan_is_refused(db, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    text = (PLANS_DIR / "lai-chau-2013.yaml").read_text(encoding="utf-8")
    (folder / "lai-chau-2013.yaml").write_text(text.replace("include: []", 'include: ["99999"]'), encoding="utf-8")
    with pytest.raises(PlanError, match="99999"):
        sync_plans(db, folder)


def test_seed_copies_are_the_shared_originals():
    shared = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in SEEDS_DIR.glob("*.txt"):
        assert seed.read_bytes() == (shared / seed.name).read_bytes()


def test_the_units_a_plan_lists_by_code_are_installed_once_each(db, tmp_path):
    """`include` adds units beyond the province's own level (a national plan lists thousands, in one statement);
    a unit listed that the level already brings counts once."""
    own = [row.unit_code for row in db.rows("plan_reporting_units", {"plan_id": "lai-chau-2013"})]
    folder = tmp_path / "plans"
    folder.mkdir()
    text = (PLANS_DIR / "lai-chau-2013.yaml").read_text(encoding="utf-8")
    listed = f'include: ["189", "183", "{own[0]}"]'  # two districts of Lạng Sơn, and one of Lai Châu's own
    (folder / "lai-chau-2013.yaml").write_text(text.replace("include: []", listed), encoding="utf-8")
    sync_plans(db, folder)
    units = [row.unit_code for row in db.rows("plan_reporting_units", {"plan_id": "lai-chau-2013"})]
    assert sorted(units) == sorted([*own, "183", "189"])
