"""Closing of entry (issue 20, item 2): a plan may keep uploads open a number of days after each deadline
(`entry_open_days`); after that a unit's staff can upload a report only through a window the secretariat opened
for that unit and report, dated, with a reason, audited. The secretariat itself may always upload (it records
what reached it late by other means)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core import audit, calendar, fmt, texts
from core.auth import User
from core.db import Database
from core.periods import parse_period


def closing_day(db: Database, unit_code: str, period_code: str) -> tuple[date, int, date] | None:
    """(deadline, days open, last day a unit may upload) of a unit's report, or None when entry never closes
    (no plan for the unit that year, a plan without `entry_open_days`, a report the plan does not ask for)."""
    period = parse_period(period_code)
    plan = db.one("unit_plan_entry", {"unit_code": unit_code, "year": period.year})
    if plan is None or plan.entry_open_days is None:
        return None
    deadline = calendar.due_date(period, calendar.plan_rules(db, plan.plan_id))
    if deadline is None:
        return None
    return deadline, plan.entry_open_days, deadline + timedelta(days=plan.entry_open_days)


def refusal(db: Database, user: User, unit_code: str, period_code: str, at: datetime) -> str | None:
    """Why `user` may not upload the report now, or None: closed entry binds a unit's staff, not the
    secretariat; a window the secretariat opened keeps it open to the end of its day."""
    if user.can("open_entry"):
        return None
    closing = closing_day(db, unit_code, period_code)
    if closing is None or at.date() <= closing[2]:
        return None
    window = db.one("entry_window", {"unit_code": unit_code, "period_code": period_code}).open_until
    if window is not None and at.date() <= window:
        return None
    deadline, days, closed = closing
    return texts.ENTRY_CLOSED.format(
        period=parse_period(period_code).label, deadline=fmt.date(deadline), days=days, closed=fmt.date(closed)
    )


def open_window(
    db: Database, user: User, unit_code: str, period_code: str, until: date, reason: str, now: datetime
) -> None:
    """Let a unit upload one report after entry closed, to the end of `until`; the reason is required."""
    if not user.can("open_entry"):
        raise PermissionError(user.username)
    if not reason.strip():
        raise ValueError(texts.REVIEW_REASON_NEEDED)
    if until < now.date():
        raise ValueError(texts.ENTRY_WINDOW_PAST.format(day=fmt.date(until)))
    row = {
        "unit_code": unit_code,
        "period_code": period_code,
        "open_until": until,
        "reason": reason.strip(),
        "actor": user.username,
        "opened_at": now,
    }
    with db.transaction() as tx:
        tx.run("insert_entry_window", row)
        after = row | {"open_until": until.isoformat(), "opened_at": now.isoformat(timespec="minutes")}
        audit.record(tx, user.username, "open_entry", "report", f"{unit_code}/{period_code}", None, after)
