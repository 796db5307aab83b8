"""The meeting pack: figures from the engine, sentences written from them, reporting up to the period, laggards."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from pptx import Presentation

from core.engine import EngineError, compute_indicators
from meeting.pack import as_of_bounds, lagging_table, meeting_pack, summary_table
from meeting.pdf import pack_pdf
from meeting.pptx import pack_pptx
from screens.results import unit_names

PLAN = "lang-son-2023"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def q4(demo):
    return meeting_pack(demo, PLAN, "2023Q4", TODAY, today=TODAY)


def test_the_pack_states_plan_period_and_the_date_of_its_data(q4):
    assert q4.title_line == "Kết quả thực hiện kế hoạch — Quý IV năm 2023"
    assert q4.province_name == "Lạng Sơn"
    assert q4.owner == "Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn"  # the programme's owner in 2023
    assert q4.as_of == TODAY and q4.as_of_text == "Tính đến ngày 23/11/2026"
    assert q4.generated_on == "Lập ngày 23/11/2026"
    assert q4.reported == "10/11 đơn vị đã báo cáo quý IV"
    assert q4.file_stem == "hop_BCD138_lang-son-2023_2023Q4"


def test_the_summary_counts_each_verdict_once(q4):
    assert q4.summary == {"met": 2, "on_track": 0, "behind": 0, "missed": 4, "no_data": 0, "monitor": 0}
    assert q4.summary_text == "6 chỉ tiêu đo được: 2 đạt, 4 không đạt"
    table = summary_table(q4)
    assert table.columns.tolist() == ["STT", "Chỉ tiêu", "Kết quả", "Mức chỉ tiêu", "Đánh giá"]
    assert table.iloc[2].tolist() == [3, "Tỷ lệ cơ sở được kiểm tra", "27,7%", "Tối thiểu 30%", "Không đạt"]
    assert len(q4.unmeasured) == 4  # targets the form cannot measure are listed, not dropped


def test_each_target_rests_on_the_engines_figures(demo, q4):
    results = compute_indicators(demo, PLAN, "2023Q4", breakdown=True)
    names = unit_names(demo, PLAN)
    for slide in q4.targets:
        rows = [r for r in results if r.indicator_code == slide.indicator_code]
        province, units = rows[0], rows[1:]
        assert slide.value == province.value
        assert slide.submission_ids == province.submission_ids
        assert {u.unit_name: u.value for u in slide.units} == {names[r.unit_code]: r.value for r in units}
        drawn = [u.value for u in slide.units if u.value is not None]
        assert drawn == sorted(drawn, reverse=True)


def test_a_met_share_still_names_the_units_under_the_level(demo, q4):
    trained = next(t for t in q4.targets if t.indicator_code == "CAN_BO_TAP_HUAN")
    assert trained.headline == "Tỷ lệ cán bộ được tập huấn đạt 35,5%, đã đạt chỉ tiêu 30%; 5/11 đơn vị dưới mức."
    by_hand = sorted(u.unit_name for u in trained.units if u.value is not None and u.value < 0.30)
    assert sorted(trained.units_behind) == by_hand and len(by_hand) == 5
    assert trained.unit_level == pytest.approx(0.30)
    assert trained.unit_level_text == "30%"
    support = next(t for t in q4.targets if t.indicator_code == "HO_TRO_NGUOI_BAN_DAM")
    assert support.headline.endswith("đã đạt chỉ tiêu 100%; cả 11 đơn vị đều đạt mức.")


def test_a_target_not_met_gets_the_overview_sentence(q4):
    communes = q4.targets[0]
    assert communes.headline == ("Tỷ lệ xã có tuyên truyền đạt 90,2%, không đạt chỉ tiêu 100%; 11/11 đơn vị dưới mức.")
    assert communes.status_label == "Không đạt"


def test_reporting_counts_only_the_reports_due_up_to_the_period(demo, q4):
    assert q4.reporting.completeness_text == "Tỷ lệ đầy đủ 97,0%: 64/66 báo cáo đến hạn đã nộp"
    assert q4.reporting.timeliness_text == "Tỷ lệ đúng hạn 93,9%: 62/66 báo cáo nộp đúng hạn"
    assert q4.reporting.chase[0].startswith("Huyện Đình Lập: chưa nộp quý IV")
    q2 = meeting_pack(demo, PLAN, "2023Q2", TODAY)
    assert q2.reporting.rates["Kỳ báo cáo"].tolist() == [
        "Quý I năm 2023",
        "Quý II năm 2023",
        "6 tháng đầu năm 2023",
        "Tất cả các kỳ đã đến hạn",
    ]
    assert [line.split(":")[0] for line in q2.reporting.chase] == ["Huyện Bình Gia"]


def test_lagging_units_come_most_lagging_first(q4):
    first = q4.lagging[0]
    assert first.unit_name == "Huyện Đình Lập"
    assert first.reports == [
        "chưa nộp báo cáo quý IV (quá hạn 1.074 ngày)",
        "chưa nộp báo cáo cả năm (quá hạn 1.064 ngày)",
    ]
    counts = [len(u.targets) + len(u.reports) for u in q4.lagging]
    assert counts == sorted(counts, reverse=True)
    assert [u.unit_name for u in q4.lagging[1:5]] == [
        "Huyện Bắc Sơn",
        "Huyện Bình Gia",
        "Huyện Cao Lộc",
        "Huyện Hữu Lũng",
    ]
    table = lagging_table(q4)
    assert table.columns.tolist() == ["Đơn vị", "Chỉ tiêu dưới mức", "Báo cáo chưa nộp hoặc nộp trễ"]
    assert len(table) == len(q4.lagging)


def test_a_plan_without_reports_gives_a_pack_that_says_so(db):
    pack = meeting_pack(db, PLAN, "2023Q1", date(2023, 1, 5))
    assert pack.as_of_text == "Tính đến ngày 05/01/2023"
    # Every measured target has no data; timeliness is judged at the period's end: no report came by then.
    assert {t.indicator_code for t in pack.targets if t.status != "no_data"} == {"BAO_CAO_DUNG_HAN"}
    assert pack.targets[0].headline == "Tỷ lệ xã có tuyên truyền: chưa có số liệu tính đến quý I."
    assert all(u.value is None for t in pack.targets if t.status == "no_data" for u in t.units)
    # No report was due yet on 5 January: units lag only on the timeliness judged at the period's end.
    assert {tuple(u.targets) + tuple(u.reports) for u in pack.lagging} == {("Tỷ lệ báo cáo đúng hạn",)}


def test_one_day_for_the_whole_pack_by_default_the_day_after_a_closed_years_last_deadline(demo):
    # The newest report of 2023 came on 24/12; the annual report was due on 25/12, the year is closed since.
    assert as_of_bounds(demo, PLAN, "2023Q4", TODAY) == (date(2023, 12, 24), date(2023, 12, 26))
    pack = meeting_pack(demo, PLAN, "2023Q4", today=TODAY)
    assert pack.as_of_text == "Tính đến ngày 26/12/2023"
    assert pack.lagging[0].reports == [
        "chưa nộp báo cáo quý IV (quá hạn 11 ngày)",  # due 15/12
        "chưa nộp báo cáo cả năm (quá hạn 1 ngày)",  # due 25/12
    ]
    # A day before the newest report would leave out figures the pack shows: the pack moves to that report's day.
    assert meeting_pack(demo, PLAN, "2023Q4", date(2023, 12, 1), today=TODAY).as_of == date(2023, 12, 24)
    # While the year is open, today.
    assert as_of_bounds(demo, PLAN, "2023Q2", date(2023, 7, 1))[1] == date(2023, 7, 1)


def test_a_wrong_request_is_a_clear_error(db):
    with pytest.raises(EngineError):
        meeting_pack(db, PLAN, "2024Q1", TODAY)
    with pytest.raises(EngineError):
        meeting_pack(db, "khong-co", "2023Q1", TODAY)


def test_a_provinces_65_communes_keep_the_slides_and_pages_to_a_fixed_number(demo, tmp_path):
    """Issue 19, item 3: each chart draws the 10 worst and the 5 best communes, the list of those that lag stops at
    16 (two slides) and counts the rest, so the pack has as many slides for 65 communes as for 11 districts."""
    pack = meeting_pack(demo, "lang-son-2026", "2026Q3", date(2026, 12, 3), today=date(2026, 12, 3))
    assert all(len([u for u in t.charted if u.value is not None]) == 15 for t in pack.targets)
    assert all(t.left_out == len([u for u in t.units if u.value is not None]) - 15 for t in pack.targets)
    assert len(pack.lagging) == 16 and pack.lagging_more > 0
    slides = Presentation(io.BytesIO(pack_pptx(pack))).slides
    assert len(slides) == 2 + bool(pack.unmeasured) + len(pack.targets) + 1 + 2  # cover, summary, ..., lagging
    (tmp_path / "pack.pdf").write_bytes(pack_pdf(pack))
    info = subprocess.run(["pdfinfo", str(tmp_path / "pack.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 1 + 1 + bool(pack.unmeasured) + len(pack.targets) + 1 + 1  # ..., one page of units that lag
