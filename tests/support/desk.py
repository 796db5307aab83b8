"""Uploads through the submission desk as the page makes them: a clerk's file on time, or a late one."""

from __future__ import annotations

from datetime import datetime

from core import reviews
from screens import submission_desk as desk
from tests.support.accounts import ensure_account

PLAN = "lang-son-2023"
ON_TIME = datetime(2023, 6, 10, 9, 0)  # Q2 is due on 15/06/2023 (the plan's default quarterly deadline)
LATE = datetime(2023, 6, 21, 16, 30)


def submit(db, path, now=ON_TIME, role="unit_staff"):
    """The file at `path` uploaded by the test account of `role`, at `now`."""
    return desk.submit_file(db, path.name, path.read_bytes(), ensure_account(db, role), now)


def staff(db):
    return ensure_account(db, "unit_staff")


def row_of(table, code: str) -> dict:
    """The row of a figures table for one element code."""
    return table[table["Mã chỉ tiêu"] == code].iloc[0].to_dict()


def locked(db, unit: str, period: str) -> bool:
    """Whether the loader finds the report locked (query approved_reports): the tests check it beside the review's
    state (query review_states), so the two readings of an approval cannot drift apart."""
    return (unit, period) in reviews.locked_reports(db.rows, {(unit, period)})
