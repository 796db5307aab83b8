"""Who reported what and when (screens/reporting_status.py), hand-checked on the demo year.

The demo plan lang-son-2023 asks for quarterly reports (its plan is silent: default, the 15th of
the quarter's last month), a 6-month report by 25/06 and an annual one by 25/12. The demo files:
181 (Bình Gia) sends Q1 on 21/03 04:00; 184 (Văn Quan) sends Q3 on 28/09 08:00; 189 (Đình Lập)
sends neither Q4 nor the annual report; 183 (Cao Lộc) sends Q2 on 14/06 16:00 with a typo and its
correction on 18/06 16:00.
"""

from datetime import date, datetime

import pytest

from core.contacts import contacts_of
from screens.reporting_status import (
    CHASE_SENTENCES_SHOWN,
    STATE_COLOURS,
    chase_sentences,
    chase_table,
    deadlines_note,
    filtered,
    grid_styler,
    grid_table,
    in_grid,
    rates_table,
    reporting_page,
    reporting_status,
    shown_text,
)

DEMO = "lang-son-2023"
AFTER_THE_YEAR = date(2024, 1, 15)  # every deadline of 2023 has passed
MID_YEAR = date(2023, 8, 1)  # Q1, Q2 and S1 due; Q3, Q4 and the year not yet
PERIODS = ["2023Q1", "2023Q2", "2023S1", "2023Q3", "2023Q4", "2023"]


@pytest.fixture(scope="module")
def after_the_year(demo):
    return reporting_status(demo, DEMO, AFTER_THE_YEAR)


def test_the_columns_are_the_periods_the_calendar_expects(after_the_year):
    columns = after_the_year.periods
    assert [p.period_code for p in columns] == PERIODS
    assert [p.deadline for p in columns] == [
        date(2023, 3, 15),
        date(2023, 6, 15),
        date(2023, 6, 25),
        date(2023, 9, 15),
        date(2023, 12, 15),
        date(2023, 12, 25),
    ]
    # The plan states the 6-month and annual deadlines; it is silent on the quarterly one.
    assert [p.is_default for p in columns] == [True, True, False, True, True, False]
    assert columns[0].header == "Quý I · hạn 15/03*"
    assert columns[2].header == "6 tháng đầu năm · hạn 25/06"
    assert columns[5].header == "Cả năm · hạn 25/12"
    assert columns[0].deadline_text == "15/03/2023 (mặc định)"
    assert deadlines_note(after_the_year) == [
        "Hạn nộp năm 2023, tính đến hết ngày ghi ở đầu cột.",
        "(*) Hạn mặc định, vì kế hoạch không nêu hạn cho kỳ này: "
        "Quý I (15/03/2023), Quý II (15/06/2023), Quý III (15/09/2023), Quý IV (15/12/2023).",
    ]
    assert len(after_the_year.units) == 11


def test_hand_checked_states_after_the_year(after_the_year):
    cells = after_the_year.cells
    # 15/03 deadline, received 21/03: six calendar days after the deadline day.
    binh_gia_q1 = cells[("181", "2023Q1")]
    assert (binh_gia_q1.state, binh_gia_q1.days, binh_gia_q1.text) == ("late", 6, "Trễ 6 ngày")
    assert binh_gia_q1.first_received_at == datetime(2023, 3, 21, 4, 0)
    # 15/09 deadline, received 28/09.
    van_quan_q3 = cells[("184", "2023Q3")]
    assert (van_quan_q3.state, van_quan_q3.days, van_quan_q3.text) == ("late", 13, "Trễ 13 ngày")
    # Nothing from Đình Lập for Q4 (15/12) nor the year (25/12): 31 and 21 days overdue on 15/01/2024.
    assert (cells[("189", "2023Q4")].state, cells[("189", "2023Q4")].days) == ("missing", 31)
    assert (cells[("189", "2023")].state, cells[("189", "2023")].days) == ("missing", 21)
    assert cells[("189", "2023Q4")].text == "Chưa nộp"
    # Cao Lộc's Q2: the correction came on 18/06, after the 15/06 deadline, but the first receipt counts.
    cao_loc_q2 = cells[("183", "2023Q2")]
    assert (cao_loc_q2.state, cao_loc_q2.text) == ("on_time", "Đúng hạn")
    assert cao_loc_q2.first_received_at == datetime(2023, 6, 14, 16, 0)
    not_on_time = {key for key, c in cells.items() if c.state != "on_time"}
    assert not_on_time == {("181", "2023Q1"), ("184", "2023Q3"), ("189", "2023Q4"), ("189", "2023")}
    assert len(cells) == 11 * 6


def test_rates_computed_by_hand(after_the_year):
    by_period = {p.period_code: p.rates for p in after_the_year.periods}
    q1 = by_period["2023Q1"]  # 11 due, 11 received, 10 on time (Bình Gia late)
    assert (q1.count_due, q1.count_received, q1.count_on_time) == (11, 11, 10)
    assert q1.completeness == 1.0 and q1.timeliness == pytest.approx(10 / 11)
    q4 = by_period["2023Q4"]  # Đình Lập missing
    assert (q4.count_due, q4.count_received, q4.count_on_time) == (11, 10, 10)
    overall = after_the_year.overall  # 66 due; 2 missing; 2 late
    assert (overall.count_due, overall.count_received, overall.count_on_time) == (66, 64, 62)
    assert (overall.count_missing, overall.count_late) == (2, 2)
    table = rates_table(after_the_year)
    assert table.columns.tolist() == [
        "Kỳ báo cáo",
        "Hạn nộp",
        "Số báo cáo đến hạn",
        "Đã nộp",
        "Đúng hạn",
        "Tỷ lệ đầy đủ",
        "Tỷ lệ đúng hạn",
    ]
    assert table.iloc[0].tolist() == ["Quý I năm 2023", "15/03/2023 (mặc định)", "11", "11", "10", "100,0%", "90,9%"]
    assert table.iloc[4].tolist()[-2:] == ["90,9%", "90,9%"]
    assert table.iloc[-1].tolist() == ["Tất cả các kỳ đã đến hạn", "", "66", "64", "62", "97,0%", "93,9%"]


def test_the_chase_list(after_the_year):
    table = chase_table(after_the_year)
    assert table.values.tolist() == [
        ["Huyện Đình Lập", "Quý IV năm 2023", "Chưa nộp", "15/12/2023", "—", "Quá hạn 31 ngày"],
        ["Huyện Đình Lập", "Năm 2023", "Chưa nộp", "25/12/2023", "—", "Quá hạn 21 ngày"],
        ["Huyện Văn Quan", "Quý III năm 2023", "Nộp trễ", "15/09/2023", "28/09/2023", "Trễ 13 ngày"],
        ["Huyện Bình Gia", "Quý I năm 2023", "Nộp trễ", "15/03/2023", "21/03/2023", "Trễ 6 ngày"],
    ]
    assert after_the_year.chase_units == ["189", "184", "181"]
    assert chase_sentences(after_the_year) == [
        "Huyện Đình Lập: chưa nộp quý IV (31 ngày), cả năm (21 ngày)",
        "Huyện Văn Quan: nộp trễ quý III (13 ngày)",
        "Huyện Bình Gia: nộp trễ quý I (6 ngày)",
    ]


def test_mid_year_later_periods_are_not_yet_due(demo):
    status = reporting_status(demo, DEMO, MID_YEAR)
    for period in ("2023Q3", "2023Q4", "2023"):
        assert {status.cells[(u, period)].state for u, _ in status.units} == {"not_due"}
        assert status.cells[("181", period)].text == "Chưa đến hạn"
    assert status.cells[("181", "2023Q1")].state == "late"
    assert status.cells[("183", "2023Q2")].state == "on_time"
    assert (status.overall.count_due, status.overall.count_received, status.overall.count_on_time) == (33, 33, 32)
    rows = rates_table(status).set_index("Kỳ báo cáo")
    assert rows.loc["Quý III năm 2023"].tolist()[1:] == ["0", "0", "0", "—", "—"]  # nothing due: no rate
    assert rows.loc["Tất cả các kỳ đã đến hạn", "Tỷ lệ đúng hạn"] == "97,0%"
    assert chase_table(status)["Đơn vị"].tolist() == ["Huyện Bình Gia"]


def test_a_report_not_yet_received_on_the_day_looked_at_is_missing(demo):
    # On 18/03/2023 Bình Gia's Q1 report (it came on 21/03) was three days overdue.
    status = reporting_status(demo, DEMO, date(2023, 3, 18))
    cell = status.cells[("181", "2023Q1")]
    assert (cell.state, cell.days, cell.first_received_at) == ("missing", 3, None)
    assert status.cells[("181", "2023Q2")].state == "not_due"


def test_grid_words_and_colours(after_the_year):
    table = grid_table(after_the_year)
    assert table.columns[0] == "Đơn vị"
    row = table.set_index("Đơn vị").loc["Huyện Đình Lập"]
    assert row.tolist() == ["Đúng hạn", "Đúng hạn", "Đúng hạn", "Đúng hạn", "Chưa nộp", "Chưa nộp"]
    styles = grid_styler(after_the_year)._compute().ctx
    units = [code for code, _ in after_the_year.units]
    background = {
        (r, c): dict(css)["background-color"] for (r, c), css in styles.items() if "background-color" in dict(css)
    }
    assert background[(units.index("189"), 1 + PERIODS.index("2023Q4"))] == STATE_COLOURS["missing"] == "#B2182B"
    assert background[(units.index("181"), 1 + PERIODS.index("2023Q1"))] == STATE_COLOURS["late"] == "#E69F00"
    assert background[(units.index("178"), 1)] == STATE_COLOURS["on_time"] == "#009E73"
    assert not any(c == 0 for _, c in background)  # the unit names stay uncoloured


def test_an_empty_database_expects_every_report(db):
    status = reporting_status(db, DEMO, AFTER_THE_YEAR)
    assert not status.has_submissions
    assert {c.state for c in status.cells.values()} == {"missing"}
    assert (status.overall.count_due, status.overall.count_received) == (66, 0)
    assert rates_table(status).iloc[-1].tolist()[-2:] == ["0,0%", "0,0%"]
    early = reporting_status(db, DEMO, date(2023, 1, 10))
    assert {c.state for c in early.cells.values()} == {"not_due"}
    assert early.overall.completeness is None and chase_table(early).empty


def test_a_plan_without_half_year_reports(db):
    # Hồ Chí Minh City 2018 asks for quarterly and annual reports only, both dated by the plan.
    status = reporting_status(db, "tp-hcm-2018", AFTER_THE_YEAR)
    assert [p.period_code for p in status.periods] == ["2018Q1", "2018Q2", "2018Q3", "2018Q4", "2018"]
    assert not any(p.is_default for p in status.periods)
    assert status.periods[-1].deadline == date(2018, 12, 15)
    assert deadlines_note(status) == ["Hạn nộp năm 2018, tính đến hết ngày ghi ở đầu cột."]


def test_the_pages_figures_in_words(demo):
    """The three figures at the top of the page, hand-checked after the year (66 due, 64 in, 62 on time; Đình Lập,
    Văn Quan and Bình Gia to call) and before anything is due (no rate, no count of the reports due)."""
    page = reporting_page(demo, DEMO, AFTER_THE_YEAR)
    assert page.caption.startswith(
        "Báo cáo của các đơn vị năm 2023 theo lịch báo cáo của kế hoạch, tính đến hết ngày 15/01/2024."
    )
    assert (page.completeness.value, page.completeness.detail) == ("97,0%", "64/66 báo cáo đến hạn đã nộp")
    assert (page.timeliness.value, page.timeliness.detail) == ("93,9%", "62/66 báo cáo đến hạn nộp đúng hạn")
    assert (page.chase_count.value, page.chase_count.detail) == ("3", "2 báo cáo chưa nộp, 2 báo cáo nộp trễ")
    assert page.chase_sentences == chase_sentences(page.status, CHASE_SENTENCES_SHOWN)
    contacts = contacts_of(demo, page.status.chase_units)  # the demo's clerks, most with an e-mail address
    assert page.chase.equals(chase_table(page.status, contacts)) and page.rates.equals(rates_table(page.status))
    assert page.deadlines == deadlines_note(page.status)
    early = reporting_page(demo, DEMO, date(2023, 1, 10))
    assert (early.completeness.value, early.completeness.detail) == ("—", "Chưa có báo cáo nào đến hạn")
    assert (early.timeliness.value, early.timeliness.detail) == ("—", None)
    assert early.chase_count.value == "0" and early.chase.empty


def test_the_grid_narrows_to_the_units_to_call_or_to_a_name(after_the_year):
    """Issue 19, item 3: at 65-168 communes the grid shows the units to chase, or one found by name."""
    to_call = filtered(after_the_year, chase_only=True)
    assert [code for code, _ in to_call.units] == ["181", "184", "189"]  # Bình Gia, Văn Quan late; Đình Lập missing
    assert shown_text(after_the_year, to_call) == "Đang hiện 3/11 đơn vị."
    assert filtered(after_the_year, search="van quan").units == [("184", "Huyện Văn Quan")]
    assert filtered(after_the_year, chase_only=True, search="cao loc").units == []  # Cao Lộc sent all on time
    assert shown_text(after_the_year, filtered(after_the_year)) is None
    assert after_the_year.overall == to_call.overall  # the rates stay the plan's


def test_a_long_chase_list_names_the_ten_most_overdue_and_counts_the_rest(demo):
    """65 communes that have not sent the year's last reports (issue 19, item 3): ten lines and a count, not 65."""
    status = reporting_status(demo, "lang-son-2026", date(2027, 3, 1))
    assert len(status.chase_units) == 65
    lines = chase_sentences(status, CHASE_SENTENCES_SHOWN)
    assert len(lines) == 11
    assert lines[-1] == "Và 55 đơn vị khác: xem bảng dưới đây (tìm hoặc sắp xếp theo cột)."
    assert lines[0].startswith("Xã Mẫu Sơn: chưa nộp quý II (259 ngày)")  # silent since the first quarter: first
    assert set(chase_table(status)["Đơn vị"]) == {name for _, name in status.units}


def test_a_countrys_grid_stops_at_its_first_units_and_says_how_to_see_the_others(monkeypatch, after_the_year):
    monkeypatch.setattr("screens.reporting_status.MAX_GRID_ROWS", 4)
    everyone = filtered(after_the_year)
    assert in_grid(everyone).units == after_the_year.units[:4]
    assert shown_text(after_the_year, everyone) == (
        "Đang hiện 4/11 đơn vị: 4 đơn vị đầu danh sách. "
        "Bật «Chỉ đơn vị cần đôn đốc» hoặc tìm theo tên để xem các đơn vị khác."
    )
    found = filtered(after_the_year, search="van quan")
    assert in_grid(found).units == found.units == [("184", "Huyện Văn Quan")]
