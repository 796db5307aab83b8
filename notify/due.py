"""What is due to be written on a day, for every plan: a reminder to each unit whose report has not come in the
`remind_days` before its deadline (the deadline day included), a late notice to each unit still missing after
it, and the committee's digest after each deadline; the last two within FOLLOW_UP_DAYS of the deadline, so a
first run never writes about old years. Events already recorded (core/outbox.py) are left out: a second run
the same day finds nothing new."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta

from core import texts
from core.db import Database
from core.outbox import Planned, digest_recipients, known_events
from core.periods import parse_period
from notify import letters
from notify.letters import FOLLOW_UP_DAYS, Report
from screens.reporting_status import reporting_status

REMIND_ENV_VAR = "KPI_REMIND_DAYS"
DEFAULT_REMIND_DAYS = 3


def remind_days() -> int:
    """Days before a deadline the reminders start (KPI_REMIND_DAYS, 3)."""
    return int(os.environ.get(REMIND_ENV_VAR) or DEFAULT_REMIND_DAYS)


@dataclass
class DueMail:
    day: date
    planned: list[Planned] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # sentences: who should have been written to, and why not


def _pack(db: Database, plan_id: str, period_code: str, today: date):
    from meeting.pack import meeting_pack  # reportlab is loaded by the digest only
    from meeting.pdf import pack_pdf

    pack = meeting_pack(db, plan_id, period_code, as_of=today, today=today)
    return pack, pack_pdf(pack)


def _by_deadline(status) -> dict[date, list]:
    """The plan's reports grouped by their deadline (a quarter and the half-year or the year may share one),
    the shortest period first."""
    grouped: dict[date, list] = {}
    for column in sorted(status.periods, key=lambda c: parse_period(c.period_code).months):
        grouped.setdefault(column.deadline, []).append(column)
    return dict(sorted(grouped.items()))


def due_mail(db: Database, today: date, days_before: int | None = None) -> DueMail:
    """The messages due on `today` and not yet recorded, composed; and those nobody can receive. A unit gets
    one letter per deadline, naming every report due that day it has not sent."""
    days_before = remind_days() if days_before is None else days_before
    due = DueMail(today)
    committee = [r.email for r in digest_recipients(db)]
    for plan in db.rows("list_plans"):
        status = reporting_status(db, plan.plan_id, today)
        units = dict(status.units)
        emails = letters.unit_emails(db, units)
        for deadline, columns in _by_deadline(status).items():
            if deadline - timedelta(days=days_before) <= today <= deadline:
                kind, states = "reminder", ("not_due",)
            elif deadline < today <= deadline + timedelta(days=FOLLOW_UP_DAYS):
                kind, states = "late", ("missing",)
            else:
                continue
            waiting = {
                unit: [c for c in columns if status.cells[(unit, c.period_code)].state in states] for unit in units
            }
            waiting = {unit: owed for unit, owed in waiting.items() if owed}
            digest_key = letters.event_key("digest", plan.plan_id, deadline)
            keys = {letters.event_key(kind, plan.plan_id, deadline, unit) for unit in waiting} | {digest_key}
            known = known_events(db, keys)
            for unit, owed in waiting.items():
                if letters.event_key(kind, plan.plan_id, deadline, unit) in known:
                    continue
                codes = tuple(c.period_code for c in owed)
                report = Report(plan, unit, units[unit], codes, tuple(c.full_label for c in owed), deadline)
                if not emails.get(unit):
                    what = f"{texts.MAIL_KIND_LABELS[kind].lower()} {report.period_label}"
                    due.unreachable.append(texts.MAIL_NO_ADDRESS.format(unit=units[unit], what=what))
                elif kind == "reminder":
                    due.planned.append(letters.reminder(report, today, emails[unit]))
                else:
                    due.planned.append(letters.late_notice(db, report, today, emails[unit]))
            if kind == "late" and digest_key not in known:
                due.planned += _digest(db, due, plan, deadline, columns, status, units, committee)
    return due


def _digest(db: Database, due: DueMail, plan, deadline: date, columns: list, status, units, committee) -> list[Planned]:
    """The committee's digest after `deadline`, with the meeting pack of the longest report due that day."""
    words = letters.periods_words([c.full_label for c in columns])
    if not committee:
        due.unreachable.append(texts.MAIL_NO_DIGEST_LIST.format(what=f"{texts.MAIL_KIND_LABELS['digest']} {words}"))
        return []
    periods = [
        letters.PeriodStatus(
            c.full_label,
            c.rates,
            [units[unit] for unit in units if status.cells[(unit, c.period_code)].state == "missing"],
        )
        for c in columns
    ]
    pack, pdf = _pack(db, plan.plan_id, columns[-1].period_code, due.day)
    return [letters.digest(plan, deadline, periods, pack, pdf, due.day, committee)]
