"""One unit's profile (screens/unit_profile.py): indicators equal the engine's, communes equal the stored
ChiTietXa rows, and the year's reports with their corrections, deadlines and warnings."""

import pytest

from core.engine import compute_indicators
from core.periods import parse_period
from screens.unit_profile import (
    CommuneDetail,
    Note,
    commune_detail,
    communication_note,
    indicators_table,
    inspection_note,
    submissions_table,
    uninspected_table,
    unit_page,
    unit_profile,
)

DEMO = "lang-son-2023"


def stored_detail(db, unit_code: str, period_code: str) -> tuple[int, list[tuple]]:
    """The commune rows straight from the tables: the unit's newest current report with a ChiTietXa sheet."""
    end = parse_period(period_code).end
    with db.cursor() as cur:
        submission_id = cur.execute(
            """SELECT s.submission_id FROM submissions s JOIN periods p USING (period_code)
               WHERE s.unit_code = ? AND s.status = 'current' AND p.year = 2023 AND p.end_date <= ?
                 AND s.submission_id IN (SELECT submission_id FROM submission_communes)
               ORDER BY p.end_date DESC, s.received_at DESC LIMIT 1""",
            [unit_code, end],
        ).fetchone()[0]
        rows = cur.execute(
            """SELECT commune_code, commune_name, held_communication, count_establishments, count_inspected
               FROM submission_communes WHERE submission_id = ? ORDER BY commune_code""",
            [submission_id],
        ).fetchall()
    return submission_id, rows


def test_indicators_equal_the_engine(demo):
    profile = unit_profile(demo, DEMO, "2023Q2", "183")
    engine = {r.indicator_code: r for r in compute_indicators(demo, DEMO, "2023Q2", "183")}
    assert profile.unit_name == "Huyện Cao Lộc" and not profile.is_province and profile.has_data
    assert {line.indicator_code for line in profile.indicators} == set(engine)
    for line in profile.indicators:
        assert (line.value, line.status) == (engine[line.indicator_code].value, engine[line.indicator_code].status)
    inspected = next(line for line in profile.indicators if line.indicator_code == "CO_SO_KIEM_TRA")
    assert inspected.target_text == "Tối thiểu 30%"
    assert inspected.value_text == "16,0%"
    # Stock figures at the end of June come from the half-year report (same end, received later).
    assert inspected.based_on == "dựa trên báo cáo 6 tháng đầu năm 2023"
    news = next(line for line in profile.indicators if line.indicator_code == "TIN_BAI")
    assert news.target_text == "Không có chỉ tiêu" and news.status == "monitor"
    timeliness = next(line for line in profile.indicators if line.indicator_code == "BAO_CAO_DUNG_HAN")
    assert timeliness.based_on == "theo ngày nhận báo cáo quý II"


def test_indicator_table_shows_status_word_icon_and_colour(demo):
    profile = unit_profile(demo, DEMO, "2023Q2", "183")
    styler = indicators_table(profile.indicators)
    first = styler.data.iloc[0].tolist()
    assert first[:4] == ["Tỷ lệ xã có tuyên truyền", "54,5%", "100%", "↗ Đúng tiến độ"]  # 50% due by June
    assert "#0072b2" in styler.to_html().lower()


@pytest.mark.parametrize(("unit_code", "period_code"), [("183", "2023Q2"), ("183", "2023Q4"), ("189", "2023Q4")])
def test_commune_lists_equal_the_stored_detail(demo, unit_code, period_code):
    submission_id, rows = stored_detail(demo, unit_code, period_code)
    detail = commune_detail(demo, 2023, period_code, unit_code)
    assert detail.submission_id == submission_id
    assert detail.count_communes == len(rows)
    assert detail.without_communication == [(code, name) for code, name, held, *_ in rows if held is False]
    expected = [(code, est - done) for code, _name, _held, est, done in rows if est - done > 0]
    assert [(c.commune_code, c.count_remaining) for c in detail.uninspected] == expected
    assert detail.total_remaining == sum(remaining for _code, remaining in expected)
    totals = uninspected_table(detail).iloc[-1].tolist()
    assert totals[1] == "Tổng cộng" and totals[4] == str(int(detail.total_remaining))


def test_corrected_report_uses_the_correction_and_keeps_both_versions(demo):
    detail = commune_detail(demo, 2023, "2023Q2", "183")
    with demo.cursor() as cur:
        current, superseded = cur.execute(
            """SELECT max(submission_id) FILTER (status = 'current'), max(submission_id) FILTER (status = 'superseded')
               FROM submissions WHERE unit_code = '183' AND period_code = '2023Q2'"""
        ).fetchone()
    assert detail.period_label == "6 tháng đầu năm 2023"  # the newest report up to June
    assert commune_detail(demo, 2023, "2023Q1", "183").period_label == "quý I năm 2023"
    profile = unit_profile(demo, DEMO, "2023Q2", "183")
    q2 = [s for s in profile.submissions if s.period_code == "2023Q2"]
    assert [(s.submission_id, s.status_text) for s in q2] == [
        (superseded, "Đã được thay thế"),
        (current, "Hiện hành"),
    ]
    assert q2[0].count_warnings == 2 and q2[1].count_warnings == 0  # the typo raised two warnings
    # The correction came four days after the deadline; it keeps the first version's date, so both are on time.
    assert [s.timeliness_text for s in q2] == ["Đúng hạn", "Đúng hạn"]
    assert q2[1].received_text == q2[1].received_at.strftime("%d/%m/%Y %H:%M")
    assert q2[0].deadline_text == "15/06/2023"
    frame = submissions_table(profile.submissions)
    assert list(frame.columns) == [
        "Kỳ báo cáo",
        "Nhận lúc",
        "Người gửi",
        "Tình trạng",
        "Hạn nộp",
        "Đúng hạn/Trễ hạn",
        "Tệp",
        "Số cảnh báo",
    ]
    assert "Đã được thay thế" in frame["Tình trạng"].tolist()


def test_late_report_is_late(demo):
    profile = unit_profile(demo, DEMO, "2023Q1", "181")
    q1 = next(s for s in profile.submissions if s.period_code == "2023Q1")
    assert q1.is_on_time is False and q1.timeliness_text.startswith("Trễ hạn ")
    days = (q1.received_at.date() - parse_period("2023Q1").end.replace(day=15)).days
    assert q1.timeliness_text == f"Trễ hạn {days} ngày"


def test_missing_fourth_quarter_is_said(demo):
    profile = unit_profile(demo, DEMO, "2023Q4", "189")
    assert profile.report_state == "Chưa nhận báo cáo quý IV năm 2023."
    assert not any(s.period_code in ("2023Q4", "2023") for s in profile.submissions)
    assert profile.missing_reports == ["Quý IV năm 2023 (hạn 15/12/2023)", "Năm 2023 (hạn 25/12/2023)"]
    assert profile.communes.period_label == "quý III năm 2023"  # the latest detail it sent
    assert profile.has_data  # its earlier reports still count
    assert unit_profile(demo, DEMO, "2023Q4", "183").missing_reports == []


def test_province_profile_has_indicators_only(demo):
    profile = unit_profile(demo, DEMO, "2023Q4", "20")
    assert profile.is_province and profile.unit_name == "Toàn tỉnh (Lạng Sơn)"
    engine = {r.indicator_code: r.value for r in compute_indicators(demo, DEMO, "2023Q4")}
    assert {line.indicator_code: line.value for line in profile.indicators} == engine
    assert profile.communes is None and profile.submissions == []


def test_a_unit_with_no_report_is_said(db):
    profile = unit_profile(db, DEMO, "2023Q2", "183")
    assert not profile.has_data
    assert profile.communes is None and profile.submissions == []
    assert profile.report_state == "Chưa nhận báo cáo quý II năm 2023."
    assert profile.missing_reports == [
        "Quý I năm 2023 (hạn 15/03/2023)",
        "Quý II năm 2023 (hạn 15/06/2023)",
        "6 tháng đầu năm 2023 (hạn 25/06/2023)",
    ]
    assert all(line.based_on is None for line in profile.indicators if line.indicator_code != "BAO_CAO_DUNG_HAN")


def test_the_page_gets_its_tables_with_the_profile(demo, db):
    page = unit_page(demo, DEMO, "2023Q4", "189")
    assert page.profile == unit_profile(demo, DEMO, "2023Q4", "189")
    assert page.submissions.equals(submissions_table(page.profile.submissions))
    detail = page.profile.communes
    assert page.communication == communication_note(detail) and page.inspection == inspection_note(detail)
    assert (page.not_communicated is None) == (not detail.without_communication)
    assert (page.uninspected is None) == (not detail.uninspected)
    province = unit_page(demo, DEMO, "2023Q4", "20")
    assert (province.not_communicated, province.uninspected, province.submissions) == (None, None, None)
    nothing = unit_page(db, DEMO, "2023Q2", "183")
    assert nothing.submissions is None and nothing.communication is None and nothing.inspection is None


def _detail(**changes) -> CommuneDetail:
    """22 communes, all answered: every one held communication, every establishment inspected."""
    fields = {
        "submission_id": 1,
        "period_label": "quý II năm 2023",
        "received_text": "10/06/2023 09:00",
        "count_communes": 22,
        "without_communication": [],
        "communication_unknown": [],
        "uninspected": [],
        "count_inspection_unknown": 0,
    }
    return CommuneDetail(**{**fields, **changes})


def test_an_empty_commune_sheet_claims_nothing():
    blank = _detail(communication_unknown=[f"Xã {n}" for n in range(22)], count_inspection_unknown=22)
    assert communication_note(blank) == Note(
        "info", "Chưa có số liệu chi tiết theo xã: trang ChiTietXa của báo cáo để trống các cột này."
    )
    assert inspection_note(blank).kind == "info" and "Chưa có số liệu chi tiết theo xã" in inspection_note(blank).text


def test_all_done_is_said_only_when_every_commune_answered():
    assert communication_note(_detail()) == Note("success", "Cả 22 xã đã tổ chức ít nhất một hình thức tuyên truyền.")
    assert inspection_note(_detail()) == Note("success", "Mọi cơ sở kinh doanh dịch vụ trong các xã đã được kiểm tra.")
    partly = _detail(communication_unknown=["Xã A", "Xã B"], count_inspection_unknown=5)
    assert communication_note(partly) == Note(
        "info", "20/22 xã đã tổ chức ít nhất một hình thức tuyên truyền; 2 xã chưa ghi số liệu."
    )
    assert inspection_note(partly) == Note(
        "info", "Ở 17/22 xã có số liệu, mọi cơ sở kinh doanh dịch vụ đã được kiểm tra; 5 xã chưa ghi số liệu."
    )
