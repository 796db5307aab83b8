"""A plan's periods as calendar periods or as the cut-off windows of Decree 09/2019/NĐ-CP (issue 19, item 7):
the windows by hand, the plan field, and the labels that say which."""

from datetime import date

import pytest
import yaml

from core.periods import data_window, parse_period, window_label
from core.plans import PLANS_DIR, PlanError, parse_plan, sync_plans
from screens.choices import period_choices


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2026Q1", date(2025, 12, 15), date(2026, 3, 14)),  # from the 15th of the month before the quarter
        ("2026Q2", date(2026, 3, 15), date(2026, 6, 14)),
        ("2026Q4", date(2026, 9, 15), date(2026, 12, 14)),
        ("2026S1", date(2025, 12, 15), date(2026, 6, 14)),  # 6 months: 15 December of the year before to 14 June
        ("2026", date(2025, 12, 15), date(2026, 12, 14)),  # the year: 15 December to 14 December
    ],
)
def test_the_cut_off_windows_of_decree_09(code, start, end):
    assert data_window(parse_period(code), "decree_09") == (start, end)
    assert data_window(parse_period(code), "calendar") == (parse_period(code).start, parse_period(code).end)


def test_a_window_is_named_beside_the_period_and_a_calendar_period_is_not():
    period = parse_period("2026Q2")
    assert window_label(period, "decree_09") == "Quý II năm 2026 (số liệu 15/03/2026–14/06/2026)"
    assert window_label(period, "calendar") == "Quý II năm 2026"


def _plan_file(folder, basis: str | None):
    document = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    if basis is not None:
        document["period_basis"] = basis
    path = folder / f"{document['plan_id']}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_a_plan_chooses_its_basis_and_the_period_selector_says_it(db, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "source.yaml").write_text((PLANS_DIR / "lang-son-2026.yaml").read_text(encoding="utf-8"))
    assert parse_plan(_plan_file(folder, None)).period_basis == "calendar"  # by default
    with pytest.raises(PlanError) as refused:
        parse_plan(_plan_file(folder, "monthly"))
    assert "period_basis" in str(refused.value) and "decree_09" in str(refused.value)
    _plan_file(folder, "decree_09")
    (folder / "source.yaml").unlink()
    sync_plans(db, folder)
    periods = period_choices(db, "lang-son-2026")
    assert periods["2026Q1"] == "Quý I năm 2026 (số liệu 15/12/2025–14/03/2026)"
    assert periods["2026"] == "Năm 2026 (số liệu 15/12/2025–14/12/2026)"
