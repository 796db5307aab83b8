"""The issue's impossible figure: Cao Lộc's fourth-quarter report sent again with 80 establishments inspected out
of 75, through the submission desk as its clerk would, with or without the reason the broken rule needs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from core.db import Database
from screens import submission_desk
from tests.support.accounts import ensure_account
from tests.support.forms import make_form

PLAN, PERIOD, UNIT, INDICATOR = "lang-son-2023", "2023Q4", "183", "CO_SO_KIEM_TRA"
SENT = datetime(2023, 12, 20, 10, 0)
PROBLEM = "Số cơ sở đã được kiểm tra (80) lớn hơn Tổng số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm (75)."


def current_values(db: Database) -> dict[str, float]:
    report = db.rows("current_submissions_of", {"unit_code": [UNIT], "period_code": [PERIOD]})[0]
    return {v.element_code: v.value for v in db.rows("submission_values_of", {"submission_id": report.submission_id})}


def send_80_of_75(db: Database, folder: Path) -> submission_desk.Outcome:
    """The file checked and shown to its sender (status 'confirm'), nothing recorded yet."""
    values = {**current_values(db), "KT01": 75, "KT02": 80}
    path = make_form(db, folder, period=PERIOD, values=values, communes=False, name="cao_loc_q4.xlsx")
    return submission_desk.submit_file(db, path.name, path.read_bytes(), ensure_account(db, "unit_staff"), SENT)


def held_80_of_75(db: Database, folder: Path, reason: str = "Số liệu đúng") -> submission_desk.Outcome:
    """The file sent with a reason: recorded, its two figures held."""
    outcome = send_80_of_75(db, folder)
    return submission_desk.confirm(db, outcome, ensure_account(db, "unit_staff"), reason=reason)
