"""The overview (screens/overview.py): cards and sentences agree with the engine, on the demo year and with no data."""

import pytest
import yaml

from core import fmt
from core.bootstrap import open_database
from core.engine import compute_indicators
from core.plans import sync_plans
from screens.overview import overview
from screens.results import carried_text, unit_noun
from screens.trend import trend_periods
from tests.support.engine_plan import FIXTURES, install
from tests.support.engine_plan import PLAN as TEST_PLAN

DEMO = "lang-son-2023"
MEASURED_TARGETS = [  # the demo plan's targets that have an indicator, in plan order
    "XA_TUYEN_TRUYEN",
    "KE_HOACH_LONG_GHEP",
    "CO_SO_KIEM_TRA",
    "HO_TRO_NGUOI_BAN_DAM",
    "CAN_BO_TAP_HUAN",
    "BAO_CAO_DUNG_HAN",
]


def province(db, period, plan=DEMO):
    return {r.indicator_code: r for r in compute_indicators(db, plan, period)}


def units_of(db, period, code, plan=DEMO):
    return [r for r in compute_indicators(db, plan, period, breakdown=True) if r.indicator_code == code][1:]


def test_cards_follow_the_plan_and_equal_the_engine(demo):
    view = overview(demo, DEMO, "2023Q2")
    engine = province(demo, "2023Q2")
    assert [c.indicator_code for c in view.cards] == MEASURED_TARGETS
    for card in view.cards:
        result = engine[card.indicator_code]
        assert card.value == result.value
        assert card.value_text == fmt.percent(result.value)  # every measured target here is a share
        assert card.status == result.status
        assert card.based_on == f"dựa trên {result.units_contributing}/{result.units_expected} đơn vị"
    inspected = next(c for c in view.cards if c.indicator_code == "CO_SO_KIEM_TRA")
    assert inspected.target_text == "Tối thiểu 30%"
    assert inspected.progress == pytest.approx(engine["CO_SO_KIEM_TRA"].value / 0.30)
    assert engine["CO_SO_KIEM_TRA"].value >= 0.15  # 15% due by June
    assert (inspected.status_label, inspected.due_text) == ("Đúng tiến độ", "cần 15% vào thời điểm này")


def test_progress_is_capped_and_absent_without_a_value(demo, db):
    met = next(c for c in overview(demo, DEMO, "2023Q4").cards if c.indicator_code == "CAN_BO_TAP_HUAN")
    assert met.status == "met" and met.progress == 1.0
    empty = next(c for c in overview(db, DEMO, "2023Q4").cards if c.indicator_code == "CAN_BO_TAP_HUAN")
    assert empty.progress is None and empty.progress_text is None


def test_headline_and_carried_forward_units(demo):
    view = overview(demo, DEMO, "2023Q4")
    assert view.headline == "10/11 đơn vị đã báo cáo quý IV"  # Đình Lập sends nothing for Q4
    card = next(c for c in view.cards if c.indicator_code == "XA_TUYEN_TRUYEN")
    assert card.carried_names == ["Huyện Đình Lập"]
    assert card.carried_text == "Dùng số liệu báo cáo kỳ trước của: Huyện Đình Lập"


def test_trend_runs_through_the_quarters_up_to_the_chosen_period(demo):
    card = next(c for c in overview(demo, DEMO, "2023Q3").cards if c.indicator_code == "CO_SO_KIEM_TRA")
    assert [p.label for p in card.trend] == ["Quý I", "Quý II", "Quý III"]
    for point in card.trend:
        assert point.value == province(demo, point.period_code)["CO_SO_KIEM_TRA"].value
    year = next(c for c in overview(demo, DEMO, "2023").cards if c.indicator_code == "CO_SO_KIEM_TRA")
    assert [p.period_code for p in year.trend] == ["2023Q1", "2023Q2", "2023Q3", "2023"]
    chart = card.trend_chart  # each value written on its point, in Vietnamese format; the target dashed at 30 %
    assert [f">{fmt.percent(p.value)}</text>" in chart for p in card.trend] == [True] * 3
    assert all(f">{p.label}</text>" in chart for p in card.trend) and 'data-role="goal"' in chart


def test_sentence_for_a_target_below_its_goal(demo):
    view = overview(demo, DEMO, "2023Q4")
    result = province(demo, "2023Q4")["CO_SO_KIEM_TRA"]
    below = sum(1 for u in units_of(demo, "2023Q4", "CO_SO_KIEM_TRA") if u.value < 0.30)
    value = fmt.percent(result.value)
    expected = f"Tỷ lệ cơ sở được kiểm tra đạt {value}, không đạt chỉ tiêu 30%; {below}/11 đơn vị dưới mức."
    assert expected in view.behind_sentences
    assert expected.startswith("Tỷ lệ cơ sở được kiểm tra đạt 27,7%")


def test_sentence_for_a_target_behind_schedule(demo):
    view = overview(demo, DEMO, "2023Q2")
    result = province(demo, "2023Q2")["KE_HOACH_LONG_GHEP"]
    assert result.status == "behind"
    below = sum(1 for u in units_of(demo, "2023Q2", "KE_HOACH_LONG_GHEP") if u.value < 0.5)
    assert (
        f"Tỷ lệ xây dựng kế hoạch lồng ghép đạt {fmt.percent(result.value)}, "
        f"chậm tiến độ (cần đạt 50% vào thời điểm này); {below}/11 đơn vị dưới mức."
    ) in view.behind_sentences


def test_only_lagging_targets_get_a_sentence(demo):
    view = overview(demo, DEMO, "2023Q4")
    lagging = [c.indicator_name for c in view.cards if c.status in ("behind", "missed")]
    assert len(view.behind_sentences) == len(lagging)
    assert all(s.startswith(name) for s, name in zip(view.behind_sentences, lagging, strict=True))
    assert not any(s.startswith("Tỷ lệ người bán dâm") for s in view.behind_sentences)  # met at Q4


def test_empty_database_is_honest(db):
    view = overview(db, DEMO, "2023Q2")
    assert view.has_targets and not view.has_data
    assert view.headline == "0/11 đơn vị đã báo cáo quý II"
    measured = [c for c in view.cards if c.indicator_code != "BAO_CAO_DUNG_HAN"]
    assert {c.value_text for c in measured} == {"—"}
    assert {c.status for c in measured} == {"no_data"}
    assert all(c.trend_chart is None for c in measured)
    # No report came in at all, so none came in on time: the engine says so, and so does the sentence.
    assert view.behind_sentences == [
        "Tỷ lệ báo cáo đúng hạn đạt 0,0%, chậm tiến độ (cần đạt 100% vào thời điểm này); 11/11 đơn vị dưới mức."
    ]


@pytest.fixture
def partial(db):
    """The engine tests' plan: 3 of 7 districts report, one of them only for Q1."""
    install(db)
    return db


def test_partial_data_counts_units_without_figures(partial):
    view = overview(partial, TEST_PLAN, "2023Q2")
    assert view.headline == "2/7 đơn vị đã báo cáo quý II"
    # By June 50% is due: 582 (12/16) and 585 (4/5) are on track, so the share is not among the laggards.
    assert not any(s.startswith("Tỷ lệ xã có tuyên truyền") for s in view.behind_sentences)
    # At the year's end 100% is: 582 and 585 are under it, 584 (9/9, carried) is not; 4 districts sent nothing.
    sentence = (
        "Tỷ lệ xã có tuyên truyền đạt 83,3%, không đạt chỉ tiêu 100%; 2/7 đơn vị dưới mức, 4 đơn vị chưa có số liệu."
    )
    assert sentence in overview(partial, TEST_PLAN, "2023").behind_sentences
    card = next(c for c in view.cards if c.indicator_code == "XA_TUYEN_TRUYEN")
    assert card.based_on == "dựa trên 3/7 đơn vị" and len(card.carried_names) == 1
    counted = next(c for c in view.cards if c.indicator_code == "TIN_BAI")  # a frequency: a count, not a share
    assert counted.value_text == fmt.count(province(partial, "2023Q2", TEST_PLAN)["TIN_BAI"].value)
    assert counted.target_text == "Tối thiểu 1 mỗi tháng"


def test_count_targets_name_no_units(partial):
    """A count target is the province's: the sentence does not judge districts against it."""
    view = overview(partial, TEST_PLAN, "2023")
    healthy = [s for s in view.behind_sentences if s.startswith("Số xã lành mạnh")]
    assert all("dưới mức" not in s for s in healthy)


def test_trend_uses_the_finest_period_the_plan_asks_for(tmp_path):
    plan = yaml.safe_load((FIXTURES / "plans" / f"{TEST_PLAN}.yaml").read_text(encoding="utf-8"))
    plan["plan_id"] = "half-years-2023"
    plan["calendar"] = [
        {"period_type": "half_year", "deadline_day": 25, "months_after_end": 0, "default": True},
        {"period_type": "year", "deadline_day": 25, "months_after_end": 0, "default": True},
    ]
    plan["targets"] = [t for t in plan["targets"] if t["indicator"] is None]  # nothing measurable
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "half-years-2023.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    database = open_database(tmp_path / "kpi.duckdb")
    sync_plans(database, folder)
    assert [p.code for p in trend_periods(database, "half-years-2023", "2023")] == ["2023S1", "2023"]
    assert [p.code for p in trend_periods(database, DEMO, "2023S1")] == ["2023Q1", "2023S1"]
    view = overview(database, "half-years-2023", "2023")
    assert not view.has_targets and view.cards == []
    database.close()


def test_units_are_called_huyen_only_when_every_one_is_a_huyen(tmp_path, partial):
    """Ninh Thuận's districts include its city: the sentences count 'đơn vị'; without the city, 'huyện'."""
    assert "2/7 đơn vị dưới mức" in overview(partial, TEST_PLAN, "2023").behind_sentences[0]
    plan = yaml.safe_load((FIXTURES / "plans" / f"{TEST_PLAN}.yaml").read_text(encoding="utf-8"))
    plan["reporting_units"]["exclude"] = ["582"]  # Thành phố Phan Rang - Tháp Chàm
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / f"{TEST_PLAN}.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    sync_plans(partial, folder)
    assert unit_noun(partial, TEST_PLAN) == "huyện"
    assert "/6 huyện dưới mức" in overview(partial, TEST_PLAN, "2023").behind_sentences[0]


def test_a_list_of_units_in_a_sentence_names_five_and_counts_the_rest():
    """At 65–168 communes a sentence stays a line (issue 19, item 3): the overview's cards, Chỉ tiêu, the slides."""
    names = {f"0{n}": f"Xã {n}" for n in range(1, 9)}
    assert carried_text(list(names)[:5], names) == ("Dùng số liệu báo cáo kỳ trước của: Xã 1, Xã 2, Xã 3, Xã 4, Xã 5")
    assert carried_text(list(names), names).endswith("Xã 4, Xã 5 và 3 đơn vị khác")
