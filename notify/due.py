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


def due_mail(db: Database, today: date, days_before: int | None = None) -> DueMail:
    """The messages due on `today` and not yet recorded, composed; and those nobody can receive."""
    days_before = remind_days() if days_before is None else days_before
    due = DueMail(today)
    committee = [r.email for r in digest_recipients(db)]
    for plan in db.rows("list_plans"):
        status = reporting_status(db, plan.plan_id, today)
        units = dict(status.units)
        emails = letters.unit_emails(db, units)
        for column in status.periods:
            deadline = column.deadline
            if deadline - timedelta(days=days_before) <= today <= deadline:
                kind, states = "reminder", ("not_due",)
            elif deadline < today <= deadline + timedelta(days=FOLLOW_UP_DAYS):
                kind, states = "late", ("missing",)
            else:
                continue
            cells = [status.cells[(unit, column.period_code)] for unit in units]
            waiting = [cell.unit_code for cell in cells if cell.state in states]
            keys = {f"{kind}/{plan.plan_id}/{column.period_code}/{unit}" for unit in waiting}
            keys.add(f"digest/{plan.plan_id}/{column.period_code}")
            known = known_events(db, keys)
            for unit in waiting:
                if f"{kind}/{plan.plan_id}/{column.period_code}/{unit}" in known:
                    continue
                what = texts.MAIL_KIND_LABELS[kind].lower() + " " + column.full_label
                if not emails.get(unit):
                    due.unreachable.append(texts.MAIL_NO_ADDRESS.format(unit=units[unit], what=what))
                    continue
                report = Report(plan, unit, units[unit], column.period_code, column.full_label, deadline)
                if kind == "reminder":
                    due.planned.append(letters.reminder(report, today, emails[unit]))
                else:
                    due.planned.append(letters.late_notice(db, report, today, emails[unit]))
            if kind == "late" and f"digest/{plan.plan_id}/{column.period_code}" not in known:
                what = texts.MAIL_KIND_LABELS["digest"] + " " + column.full_label
                if not committee:
                    due.unreachable.append(texts.MAIL_NO_DIGEST_LIST.format(what=what))
                    continue
                missing = [units[unit] for unit in waiting]
                pack, pdf = _pack(db, plan.plan_id, column.period_code, today)
                due.planned.append(
                    letters.digest(
                        plan,
                        column.period_code,
                        column.full_label,
                        deadline,
                        column.rates,
                        missing,
                        pack,
                        pdf,
                        today,
                        committee,
                    )
                )
    return due
