"""A figure that breaks a validation rule never decides a verdict silently (issue 17): the 80-of-75 form of the demo
year is taken only with a reason, held out of every aggregate while every screen and export says so, and counted
once the secretariat confirms it."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from pptx import Presentation

from core.db import Database
from core.engine import compute_indicators
from etl.cli import write_indicators
from meeting.pack import meeting_pack
from meeting.pdf import pack_pdf
from meeting.pptx import pack_pptx
from screens import indicator_view, overview, scorecard, submission_desk, unit_profile, verification
from screens.verification import VerificationError
from tests.support.accounts import ensure_account
from tests.support.databases import copy_database
from tests.support.forms import make_form
from tests.support.held import (
    INDICATOR,
    PERIOD,
    PLAN,
    PROBLEM,
    SENT,
    UNIT,
    current_values,
    held_80_of_75,
    send_80_of_75,
)


@pytest.fixture
def demo(tmp_path, demo_db_path):
    db = Database(copy_database(demo_db_path, tmp_path / "demo.duckdb"))
    yield db
    db.close()


def province(db) -> object:
    return next(r for r in compute_indicators(db, PLAN, PERIOD) if r.indicator_code == INDICATOR)


def test_the_impossible_figure_is_taken_only_with_a_reason_and_held_until_confirmed(demo, tmp_path):
    before = province(demo)
    cao_loc = next(r for r in compute_indicators(demo, PLAN, PERIOD, UNIT) if r.indicator_code == INDICATOR)
    assert (round(before.value, 3), before.status) == (0.277, "missed")

    outcome = send_80_of_75(demo, tmp_path)
    assert outcome.status == "confirm"
    assert PROBLEM in outcome.rules["Nội dung"].tolist()  # above the confirm button, in words
    count = demo.one("count_submissions").count_submissions
    unanswered = submission_desk.confirm(demo, outcome, ensure_account(demo, "unit_staff"), reason="  ")
    assert unanswered.status == "confirm" and unanswered.reason_missing
    assert demo.one("count_submissions").count_submissions == count, "nothing recorded without a reason"

    reason = "Huyện đã kiểm tra cả cơ sở của huyện bạn theo đoàn liên ngành"
    accepted = submission_desk.confirm(demo, outcome, ensure_account(demo, "unit_staff"), reason=reason)
    assert accepted.status == "accepted"
    assert "Số cơ sở đã được kiểm tra" in accepted.held_note and reason in accepted.held_note

    held = province(demo)
    assert (held.value, held.status) == (before.value, before.status), "the province unchanged while held"
    assert held.held == ((UNIT, PROBLEM),)
    disclosure = "Chưa tính 1 số liệu chờ xác minh: Huyện Cao Lộc, " + PROBLEM  # one sentence, one full stop
    assert_disclosed(demo, disclosure)

    (item,) = [i for i in verification.held_items(demo, PLAN) if i.unit_code == UNIT]
    assert item.problem == PROBLEM and item.sender_reason == reason
    assert "Số cơ sở đã được kiểm tra: 80" in item.figures
    with pytest.raises(PermissionError):
        verification.decide(demo, ensure_account(demo, "committee"), item.submission_id, PROBLEM, "confirmed", "ok")
    with pytest.raises(VerificationError):
        verification.decide(demo, ensure_account(demo, "secretariat"), item.submission_id, PROBLEM, "confirmed", " ")
    verification.decide(
        demo, ensure_account(demo, "secretariat"), item.submission_id, PROBLEM, "confirmed", "Đã gọi điện xác minh"
    )

    confirmed = province(demo)
    by_hand = (before.numerator - cao_loc.numerator + 80) / (before.denominator - cao_loc.denominator + 75)
    assert confirmed.value == pytest.approx(by_hand)
    assert confirmed.held == ()
    assert not [i for i in verification.held_items(demo, PLAN) if i.unit_code == UNIT]
    audit = demo.rows("audit_entries", {"actor": None, "entity": None, "since": None, "until": None, "limit": 1})
    assert audit[0].action == "verify_confirmed" and "Đã gọi điện xác minh" in audit[0].after_json


def assert_disclosed(db, disclosure: str) -> None:
    """Every screen and export that shows the indicator says what it leaves out."""
    card = next(c for c in overview.overview(db, PLAN, PERIOD).cards if c.indicator_code == INDICATOR)
    assert card.held_text == disclosure
    view = indicator_view.indicator_view(db, PLAN, PERIOD, INDICATOR)
    assert view.held_text == disclosure
    notes = indicator_view.table(view).set_index("Đơn vị")["Ghi chú"]
    assert notes["Toàn tỉnh (Lạng Sơn)"] == notes["Huyện Cao Lộc"] == "chưa tính 1 số liệu chờ xác minh"
    assert "chưa tính 1 số liệu chờ xác minh".encode() in indicator_view.table_csv(view)
    card = scorecard.scorecard(db, PLAN, PERIOD)
    assert any(disclosure in text for text in card.held_texts)
    line = next(
        i for i in unit_profile.unit_profile(db, PLAN, PERIOD, UNIT).indicators if i.indicator_code == INDICATOR
    )
    assert line.held_text == disclosure
    pack = meeting_pack(db, PLAN, PERIOD, date(2023, 12, 26))
    slide = next(t for t in pack.targets if t.indicator_code == INDICATOR)
    assert slide.held_text == disclosure
    words = "\n".join(
        shape.text_frame.text
        for page in Presentation(io.BytesIO(pack_pptx(pack))).slides
        for shape in page.shapes
        if shape.has_text_frame
    )
    assert disclosure in words
    exported = io.StringIO()
    write_indicators(compute_indicators(db, PLAN, PERIOD), "csv", exported)  # `python -m etl indicators`
    assert f"{UNIT}: {PROBLEM}" in exported.getvalue()
    pdf = subprocess.run(["pdftotext", "-", "-"], input=pack_pdf(pack), capture_output=True, check=True).stdout
    assert " ".join(disclosure.split()) in " ".join(pdf.decode().split())


def test_a_figure_marked_for_correction_stays_out_until_a_corrected_report_replaces_it(demo, tmp_path):
    before = province(demo)
    held_80_of_75(demo, tmp_path)
    (item,) = [i for i in verification.held_items(demo, PLAN) if i.unit_code == UNIT]
    secretariat = ensure_account(demo, "secretariat")
    verification.decide(demo, secretariat, item.submission_id, PROBLEM, "correction", "Đề nghị huyện rà soát KT01")
    (item,) = [i for i in verification.held_items(demo, PLAN) if i.unit_code == UNIT]
    assert item.state == "correction" and "Đề nghị huyện rà soát KT01" in item.state_text
    assert province(demo).value == before.value

    values = {**current_values(demo), "KT01": 85, "KT02": 80}
    path = make_form(demo, tmp_path, period=PERIOD, values=values, communes=False, name="cao_loc_q4_sua.xlsx")
    staff = ensure_account(demo, "unit_staff")
    corrected = submission_desk.submit_file(demo, path.name, path.read_bytes(), staff, SENT)
    assert corrected.rules is None or PROBLEM not in corrected.rules["Nội dung"].tolist()
    submission_desk.confirm(demo, corrected, staff, reason="Đã sửa tổng số cơ sở")
    assert not [i for i in verification.held_items(demo, PLAN) if i.unit_code == UNIT]
    assert province(demo).held == ()
