"""The reporting calendar (DOMAIN.md section 5): which reports a plan asks for, when each is due, and
whether one came on time, late or not at all.

The one home of the on-time rule: the engine's timeliness indicator, the reporting grid, a unit's
profile and the submission desk all ask here.

- A plan states, per kind of report (quarter, half_year, year), the day of the period's last month
  (or of a month after it) the report is due by. Where the plan is silent the file still carries a
  line, marked `default: true`, holding DOMAIN.md's general deadline (DEFAULT_RULES); a kind with no
  line at all is a report the plan does not ask for.
- The half-year report a plan asks for is the first half (6 tháng đầu năm, due by 25 June): the
  second half ends with the year and the annual report covers it, so it has no deadline of its own.
- A report is on time when its first version came in by the end of the deadline day (a corrected
  re-submission keeps that first date; the database stores it as `first_received_at`), late when
  after, missing when none came and the deadline day is over.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import NamedTuple

from core.db import Database
from core.periods import PERIOD_TYPES, Period, periods_of_year

STATES = ("on_time", "late", "missing", "not_due")  # a report's state on a given day


class Rule(NamedTuple):
    """When a plan's report of one kind is due: `day` of the period's last month, or of a month after it."""

    day: int
    months_after_end: int
    is_default: bool = False  # the plan is silent: DOMAIN.md's general deadline applies
    source: str | None = None  # the plan's own sentence (none for a default)


# DOMAIN.md section 5, when a plan is silent: quarterly by the 15th of the quarter's last month,
# 6-month by 25 June, annual by 25 December.
DEFAULT_RULES = {
    "quarter": Rule(15, 0, True),
    "half_year": Rule(25, 0, True),
    "year": Rule(25, 0, True),
}


def _last_day(year: int, month: int) -> int:
    return (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days


def deadline(period: Period, day: int, months_after_end: int) -> date:
    """Due date: `day` of the period's last month, or of a month after it (the month's last day if shorter)."""
    month_index = period.end.month - 1 + months_after_end
    year, month = period.end.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day, _last_day(year, month)))


def plan_rules(db: Database, plan_id: str) -> dict[str, Rule]:
    """period_type -> its rule, for each kind of report the plan asks for, in PERIOD_TYPES order."""
    rows = {row.period_type: row for row in db.rows("plan_deadlines", {"plan_id": plan_id})}
    return {
        ptype: Rule(row.deadline_day, row.months_after_end, bool(row.is_default), row.source_text)
        for ptype in PERIOD_TYPES
        if (row := rows.get(ptype)) is not None
    }


def is_reported(period: Period) -> bool:
    """Whether a report for the period can be asked for: every period but the second half-year."""
    return not (period.period_type == "half_year" and period.number == 2)


def due_date(period: Period, rules: dict[str, Rule]) -> date | None:
    """The deadline of the report for `period` under a plan's rules; None when the plan does not ask for it."""
    rule = rules.get(period.period_type)
    if rule is None or not is_reported(period):
        return None
    return deadline(period, rule.day, rule.months_after_end)


def plan_deadline(db: Database, plan_id: str, period: Period) -> date | None:
    """The plan's deadline for the report of `period`; None when the plan does not ask for it."""
    return due_date(period, plan_rules(db, plan_id))


def expected_periods(year: int, rules: dict[str, Rule]) -> list[Period]:
    """The periods of the year whose report the plan asks for, in calendar order."""
    return [p for p in periods_of_year(year) if due_date(p, rules) is not None]


def last_deadline(year: int, rules: dict[str, Rule]) -> date | None:
    """The latest deadline of the year's reports under a plan's rules: after it, the plan's year is closed."""
    return max((due_date(p, rules) for p in expected_periods(year, rules)), default=None)


def cutoff(due: date) -> datetime:
    """The last moment a report due on `due` is on time: the end of the deadline day."""
    return datetime.combine(due, time.max)


def is_on_time(due: date, first_received_at: datetime) -> bool:
    return first_received_at <= cutoff(due)


def timeliness(due: date, first_received_at: datetime) -> tuple[str, int | None]:
    """A received report: ('on_time', None), or ('late', calendar days after the deadline day it came).

    Pass the first version's arrival: a correction keeps it."""
    if is_on_time(due, first_received_at):
        return "on_time", None
    return "late", (first_received_at.date() - due).days


def judge(due: date, first_received_at: datetime | None, today: date) -> tuple[str, int | None]:
    """State of one report on `today`, and its days late (late) or overdue (missing).

    A report received after `today` is not seen yet. Days are calendar days after the deadline day:
    a report due on 15/03 and received on 21/03 is 6 days late; one still missing on 15/01 of next
    year after a 15/12 deadline is 31 days overdue.
    """
    if first_received_at is not None and first_received_at.date() <= today:
        return timeliness(due, first_received_at)
    if today > due:
        return "missing", (today - due).days
    return "not_due", None
