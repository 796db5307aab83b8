"""Decisions of the committee (issue 21, item 3) on the demo year: recorded after the second quarter's meeting
with the figure it saw, shown beside the target at the next period with how the figure moved, in the pack and
the draft report; closed with a note; recorded and closed by the secretariat only."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core import decisions, fmt
from core.db import Database
from core.decisions import DecisionError
from core.engine import compute_indicators
from meeting.pack import meeting_pack
from meeting.report import draft_report
from screens import decisions as screens_decisions
from screens.overview import overview
from screens.results import province_rows
from tests.support.accounts import ensure_account
from tests.support.databases import copy_database

PLAN, MEETING, NEXT = "lang-son-2023", "2023Q2", "2023Q3"
NOW = datetime(2026, 12, 3, 9, 0)
TEXT = "Công an tỉnh chủ trì kiểm tra các cơ sở chưa được kiểm tra ở Văn Quan và Hữu Lũng trong quý III."


@pytest.fixture
def decided(demo, tmp_path):
    db = Database(copy_database(demo.path, tmp_path / "kpi.duckdb"))
    secretary = ensure_account(db, "secretariat")
    decision_id = screens_decisions.record(
        db, secretary, PLAN, MEETING, "CO_SO_KIEM_TRA", ["184", "186"], TEXT, "Công an tỉnh", date(2026, 12, 31), NOW
    )
    yield db, secretary, decision_id
    db.close()


def inspected(db, period: str) -> float:
    return province_rows(compute_indicators(db, PLAN, period))["CO_SO_KIEM_TRA"].value


def test_the_decision_keeps_the_figure_the_meeting_saw(decided):
    db, _, _ = decided
    (decision,) = [d for d in decisions.decisions(db, PLAN) if d.is_open]  # the demo's own one is closed
    assert decision.value_then == pytest.approx(inspected(db, MEETING))
    assert (decision.unit_codes, decision.responsible, decision.is_open) == (["184", "186"], "Công an tỉnh", True)


def test_the_next_period_shows_it_with_the_move_since(decided):
    db, _, _ = decided
    then, now = inspected(db, MEETING), inspected(db, NEXT)
    line, demo_line = screens_decisions.decisions_page(db, PLAN, NEXT).lines  # open first
    assert not demo_line.is_open and demo_line.closed.startswith("Đã đóng ngày 05/10/2023 (demo): Đã kiểm tra 14")
    change = f"tăng {fmt.number((now - then) * 100, 1)} điểm phần trăm"
    assert line.moved == f"Từ kỳ họp đó đến Quý III năm 2023: {fmt.percent(then)} → {fmt.percent(now)} ({change})."
    assert "đơn vị: Huyện Văn Quan, Huyện Hữu Lũng" in line.meta and line.title.startswith("Kỳ họp Quý II năm 2023")
    beside = screens_decisions.target_decisions(db, PLAN, NEXT, {"CO_SO_KIEM_TRA": now})["CO_SO_KIEM_TRA"]
    assert beside[0].startswith("Kết luận kỳ họp Quý II năm 2023: Công an tỉnh chủ trì") and change in beside[0]
    assert screens_decisions.target_decisions(db, PLAN, "2023Q1", {}) == {}  # not before the meeting


def test_the_pack_and_the_report_carry_it(decided):
    db, _, _ = decided
    slide = next(t for t in meeting_pack(db, PLAN, NEXT).targets if t.indicator_code == "CO_SO_KIEM_TRA")
    assert len(slide.decisions) == 1 and "Công an tỉnh" in slide.decisions[0]
    report = draft_report(db, PLAN, NEXT)
    assert [d.text for d in report.decisions][0] == TEXT and len(report.decisions) == 2


def test_closed_with_a_note_it_leaves_the_targets_side(decided):
    db, secretary, decision_id = decided
    decisions.close(db, secretary, decision_id, "Đã kiểm tra 12 cơ sở, xử lý 2.", NOW)
    line = next(line for line in screens_decisions.decisions_page(db, PLAN, NEXT).lines if line.text == TEXT)
    assert line.closed.startswith("Đã đóng ngày 03/12/2026 (thuky): Đã kiểm tra 12 cơ sở")
    assert screens_decisions.target_decisions(db, PLAN, NEXT, {}) == {}
    with pytest.raises(DecisionError, match="đã được đóng"):
        decisions.close(db, secretary, decision_id, "lần nữa", NOW)


def test_only_the_secretariat_records_and_closes(decided):
    db, _, decision_id = decided
    member = ensure_account(db, "committee")
    with pytest.raises(PermissionError):
        screens_decisions.record(db, member, PLAN, MEETING, "", [], "x", "y", None, NOW)
    with pytest.raises(PermissionError):
        decisions.close(db, member, decision_id, "x", NOW)


def test_what_is_refused_is_said(decided):
    db, secretary, _ = decided
    with pytest.raises(DecisionError, match="Cần ghi «Nội dung kết luận»"):
        screens_decisions.record(db, secretary, PLAN, MEETING, "", [], "  ", "Sở Y tế", None, NOW)
    with pytest.raises(DecisionError, match="Hạn thực hiện \\(01/12/2026\\) đã qua"):
        screens_decisions.record(db, secretary, PLAN, MEETING, "", [], "x", "Sở Y tế", date(2026, 12, 1), NOW)


def test_the_overview_card_carries_it(decided):
    db, _, _ = decided
    card = next(c for c in overview(db, PLAN, NEXT).cards if c.indicator_code == "CO_SO_KIEM_TRA")
    assert len(card.decisions) == 1 and card.decisions[0].startswith("Kết luận kỳ họp Quý II năm 2023")
    assert all(not c.decisions for c in overview(db, PLAN, MEETING).cards if c.indicator_code != "CO_SO_KIEM_TRA")
