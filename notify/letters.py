"""The letters the product writes, one function per kind, in Vietnamese plain text (never HTML): each is a
`Planned` message for one event, keyed so that it is recorded and sent once."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from core import entry, fmt, texts
from core.contacts import contacts_of
from core.db import Database
from core.mail import Attachment, Letter
from core.outbox import Planned
from screens.results import in_sentence

PUBLIC_URL_ENV_VAR = "KPI_PUBLIC_URL"  # the address staff open the product at, written under each letter
PROBLEMS_LISTED = 20  # a rejected file's problems in the letter; the annotated workbook has every one
DIGEST_MISSING_NAMED = 10
FOLLOW_UP_DAYS = 30  # late notices and digests are written within a month after the deadline, and expire then
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"


@dataclass(frozen=True)
class Report:
    """The reports of a unit a letter speaks of: those due on one day (a quarter and the year may share it)."""

    plan: object  # a row of query list_plans
    unit_code: str
    unit_name: str
    period_codes: tuple[str, ...]  # shortest first: ('2026Q4', '2026')
    period_labels: tuple[str, ...]  # ('Quý IV năm 2026', 'Năm 2026')
    deadline: date

    @property
    def period_label(self) -> str:
        """'Quý IV năm 2026 và năm 2026'."""
        return periods_words(self.period_labels)


def periods_words(labels: Collection[str]) -> str:
    """Periods named in a sentence: 'Quý IV năm 2026', 'Quý II năm 2026 và 6 tháng đầu năm 2026'."""
    first, *rest = labels
    rest = [in_sentence(label) for label in rest]
    return texts.MAIL_AND.join([", ".join([first, *rest[:-1]]), rest[-1]]) if rest else first


def _letter(recipients: Collection[str], subject: str, to: str, body: str, files=()) -> Letter:
    url = os.environ.get(PUBLIC_URL_ENV_VAR, "").strip()
    site = texts.MAIL_SITE.format(url=url) if url else ""
    return Letter(
        tuple(recipients),
        texts.MAIL_SUBJECT.format(subject=subject),
        texts.MAIL_GREETING.format(to=to) + "\n\n" + body + site + texts.MAIL_FOOTER,
        tuple(files),
    )


def unit_emails(db: Database, unit_codes: Collection[str]) -> dict[str, list[str]]:
    """unit -> the e-mail addresses of its contacts, each once, in the order they were added."""
    return {
        unit: list(dict.fromkeys(c.email for c in contacts if c.email))
        for unit, contacts in contacts_of(db, unit_codes).items()
    }


def plan_words(plan) -> str:
    """'kế hoạch năm 2026 (Sở Y tế Lạng Sơn)', from a row of query list_plans."""
    return texts.MAIL_PLAN.format(year=plan.year, owner=plan.owner)


def end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time())


def reminder(report: Report, today: date, emails: Collection[str]) -> Planned:
    """Before the deadline, to a unit whose report has not come; not sent once the deadline has passed."""
    days = (report.deadline - today).days
    body = texts.MAIL_REMINDER_BODY.format(
        today=fmt.date(today),
        period=report.period_label,
        unit=report.unit_name,
        plan=plan_words(report.plan),
        deadline=fmt.date(report.deadline),
        left=texts.MAIL_REMINDER_LEFT.format(days=fmt.count(days)) if days else texts.MAIL_REMINDER_TODAY,
    )
    subject = texts.MAIL_REMINDER_SUBJECT.format(
        period=report.period_label, unit=report.unit_name, deadline=fmt.date(report.deadline)
    )
    return _planned(report, "reminder", _letter(emails, subject, report.unit_name, body), end_of(report.deadline))


def late_notice(db: Database, report: Report, today: date, emails: Collection[str]) -> Planned:
    """After the deadline, to a unit whose report has not come: how late, and until when entry stays open."""
    body = texts.MAIL_LATE_BODY.format(
        period=report.period_label,
        plan=plan_words(report.plan),
        deadline=fmt.date(report.deadline),
        today=fmt.date(today),
        days=fmt.count((today - report.deadline).days),
        unit=report.unit_name,
    )
    closing = entry.closing_day(db, report.unit_code, report.period_codes[0])
    if closing is not None:
        closed = closing[2]
        body += (texts.MAIL_LATE_CLOSES if today <= closed else texts.MAIL_LATE_CLOSED).format(closed=fmt.date(closed))
    subject = texts.MAIL_LATE_SUBJECT.format(period=report.period_label, unit=report.unit_name)
    expires = end_of(report.deadline + timedelta(days=FOLLOW_UP_DAYS))
    return _planned(report, "late", _letter(emails, subject, report.unit_name, body), expires)


def event_key(kind: str, plan_id: str, deadline: date, unit_code: str | None = None) -> str:
    """One reminder and one late notice per unit and deadline, one digest per plan and deadline."""
    return "/".join([kind, plan_id, deadline.isoformat(), *([unit_code] if unit_code else [])])


def _planned(report: Report, kind: str, letter: Letter, expires_at: datetime | None) -> Planned:
    return Planned(
        event_key=event_key(kind, report.plan.plan_id, report.deadline, report.unit_code),
        kind=kind,
        letter=letter,
        plan_id=report.plan.plan_id,
        period_code=report.period_codes[0],
        unit_code=report.unit_code,
        expires_at=expires_at,
    )


@dataclass(frozen=True)
class PeriodStatus:
    """Who reported one period due on the digest's deadline."""

    label: str  # 'Quý IV năm 2026'
    rates: object  # screens.reporting_status.Rates
    missing: list[str]  # the units' names


def _missing_words(missing: list[str]) -> str:
    if not missing:
        return texts.MAIL_DIGEST_NONE_MISSING
    named = ", ".join(missing[:DIGEST_MISSING_NAMED])
    if len(missing) > DIGEST_MISSING_NAMED:
        named += texts.MAIL_DIGEST_MORE.format(count=fmt.count(len(missing) - DIGEST_MISSING_NAMED))
    return texts.MAIL_DIGEST_MISSING.format(count=fmt.count(len(missing)), names=named)


def digest(plan, deadline: date, periods: list[PeriodStatus], pack, pdf: bytes, today: date, emails) -> Planned:
    """After a deadline, to the committee's digest list: who reported each report due that day, the targets
    behind (of the longest of them, whose meeting pack is attached)."""
    lines = [
        texts.MAIL_DIGEST_PERIOD.format(
            period=p.label,
            received=fmt.count(p.rates.count_received),
            due=fmt.count(p.rates.count_due),
            on_time=fmt.count(p.rates.count_on_time),
            late=fmt.count(p.rates.count_late),
            missing=_missing_words(p.missing),
        )
        for p in periods
    ]
    period_label = periods_words([p.label for p in periods])
    body = texts.MAIL_DIGEST_BODY.format(
        period=period_label,
        plan=plan_words(plan),
        deadline=fmt.date(deadline),
        today=fmt.date(today),
        lines="\n".join(lines),
        pack_period=pack.period_label,
        summary=pack.summary_text,
    )
    behind = [
        texts.MAIL_DIGEST_BEHIND_LINE.format(
            title=t.title, value=t.value_text, target=t.target_text, status=t.status_label.lower()
        )
        for t in pack.targets
        if t.status in ("behind", "missed")
    ]
    if behind:
        body += texts.MAIL_DIGEST_BEHIND.format(lines="\n".join(behind))
    file_name = f"{pack.file_stem}.pdf"
    body += texts.MAIL_DIGEST_PACK.format(file=file_name)
    subject = texts.MAIL_DIGEST_SUBJECT.format(period=period_label, province=plan.province_name)
    to = texts.MAIL_DIGEST_TO.format(province=plan.province_name)
    return Planned(
        event_key=event_key("digest", plan.plan_id, deadline),
        kind="digest",
        letter=_letter(emails, subject, to, body, [Attachment(file_name, PDF_MIME, pdf)]),
        plan_id=plan.plan_id,
        period_code=pack.period_code,
        expires_at=end_of(deadline + timedelta(days=FOLLOW_UP_DAYS)),
    )


def accepted(
    unit_code: str,
    unit_name: str,
    period_code: str,
    period_label: str,
    submission_id: int,
    file_name: str,
    sender: str,
    received_at: datetime,
    timing: str,
    held: str,
    emails: Collection[str],
) -> Planned:
    """A receipt for a report recorded: when, which file, on time or late, figures held for verification."""
    body = texts.MAIL_ACCEPTED_BODY.format(
        period=period_label,
        unit=unit_name,
        received=fmt.date_time(received_at),
        file=file_name,
        submission_id=submission_id,
        sender=sender,
        timing=timing,
    )
    if held:
        body += texts.MAIL_ACCEPTED_HELD.format(held=held)
    body += texts.MAIL_ACCEPTED_NEXT
    subject = texts.MAIL_ACCEPTED_SUBJECT.format(period=period_label, unit=unit_name)
    return Planned(
        event_key=f"accepted/{submission_id}",
        kind="accepted",
        letter=_letter(emails, subject, unit_name, body),
        period_code=period_code,
        unit_code=unit_code,
    )


def _problem_line(row) -> str:
    sheet, cell, message, _, expected = row
    where = "!".join(part for part in (sheet, cell) if part and part != fmt.MISSING)
    line = texts.MAIL_REJECTED_PROBLEM.format(where=f"[{where}] " if where else "", message=message)
    return line + (texts.MAIL_REJECTED_EXPECTED.format(expected=expected) if expected else "")


def rejected(
    unit_code: str,
    unit_name: str,
    file_name: str,
    sender: str,
    received_at: datetime,
    problems: pd.DataFrame,
    annotated: bytes | None,
    annotated_name: str,
    emails: Collection[str],
) -> Planned:
    """A receipt for a file refused: its problems (sheet, cell, what was expected), the marked workbook."""
    rows = list(problems.itertuples(index=False, name=None))
    lines = [_problem_line(row) for row in rows[:PROBLEMS_LISTED]]
    if len(rows) > PROBLEMS_LISTED:
        lines.append(texts.MAIL_REJECTED_MORE.format(count=fmt.count(len(rows) - PROBLEMS_LISTED)))
    body = texts.MAIL_REJECTED_BODY.format(
        file=file_name,
        sender=sender,
        received=fmt.date_time(received_at),
        count=fmt.count(len(rows)),
        problems="\n".join(lines),
    )
    files = [Attachment(annotated_name, XLSX_MIME, annotated)] if annotated else []
    body += texts.MAIL_REJECTED_ANNOTATED.format(file=annotated_name) if annotated else ""
    body += texts.MAIL_REJECTED_NEXT
    subject = texts.MAIL_REJECTED_SUBJECT.format(file=file_name)
    return Planned(
        event_key=f"rejected/{unit_code}/{received_at.isoformat()}/{file_name}",
        kind="rejected",
        letter=_letter(emails, subject, unit_name, body, files),
        unit_code=unit_code,
    )


def returned(
    unit_code: str,
    unit_name: str,
    period_code: str,
    period_label: str,
    submission_id: int,
    reason: str,
    notes: list[str],
    decided_at: datetime,
    emails: Collection[str],
) -> Planned:
    """To the unit whose report the secretariat returned: the reason, the figures to correct, what to do."""
    body = texts.MAIL_RETURNED_BODY.format(
        period=period_label,
        unit=unit_name,
        submission_id=submission_id,
        decided=fmt.date_time(decided_at),
        reason=reason,
    )
    if notes:
        body += texts.MAIL_RETURNED_NOTES.format(notes="\n".join(f"- {note}" for note in notes))
    body += texts.MAIL_RETURNED_NEXT
    subject = texts.MAIL_RETURNED_SUBJECT.format(period=period_label, unit=unit_name)
    return Planned(
        event_key=f"returned/{unit_code}/{period_code}/{submission_id}/{decided_at.isoformat()}",
        kind="returned",
        letter=_letter(emails, subject, unit_name, body),
        period_code=period_code,
        unit_code=unit_code,
    )
