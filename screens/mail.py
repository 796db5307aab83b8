"""Thư điện tử (issue 20, item 3): for the secretariat, the server e-mail goes through, the messages due on a day
(each readable before it goes), every message recorded with its outcome, sending and retrying by hand (cron
does it each day: `python -m etl notify`), and the committee's digest list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from core import fmt, outbox, texts
from core.auth import User
from core.db import Database
from core.mail import Letter, MailError, mail_config
from core.outbox import Recipient, deliver
from notify.due import DueMail, due_mail, remind_days
from notify.send import run

STATUS_FILTERS = (None, "failed", "queued", "sent", "expired")  # None: every message
LOG_SHOWN = 500


@dataclass(frozen=True)
class Server:
    is_on: bool
    text: str  # where e-mail goes, or why it does not


@dataclass(frozen=True)
class DueView:
    day: date
    table: pd.DataFrame  # texts.MAIL_DUE_COLUMNS, one row per message
    letters: list[Letter]  # in the table's order, to read one
    subjects: list[str]  # theirs, to choose one
    unreachable: list[str]


@dataclass(frozen=True)
class LogView:
    counts: str  # '120 thư đã gửi, 2 chưa gửi được, ...'
    table: pd.DataFrame  # texts.MAIL_LOG_COLUMNS
    letters: dict[int, tuple[str, Letter, str]]  # message id -> (its line in a list, the letter, its outcome)
    to_retry: int  # waiting or failed


def server() -> Server:
    try:
        config = mail_config()
    except MailError as exc:
        return Server(False, str(exc))
    if config is None:
        return Server(False, texts.MAIL_OFF)
    return Server(True, texts.MAIL_SERVER.format(server=config.described, days=remind_days()))


def _files(letter: Letter) -> str:
    return ", ".join(a.file_name for a in letter.attachments)


def due_view(db: Database, day: date) -> DueView:
    """The messages due on `day` and not recorded yet, composed (a digest with its meeting pack)."""
    due: DueMail = due_mail(db, day)
    rows = [
        (texts.MAIL_KIND_LABELS[p.kind], ", ".join(p.letter.recipients), p.letter.subject, _files(p.letter))
        for p in due.planned
    ]
    return DueView(
        day=day,
        table=pd.DataFrame(rows, columns=texts.MAIL_DUE_COLUMNS),
        letters=[p.letter for p in due.planned],
        subjects=[p.letter.subject for p in due.planned],
        unreachable=due.unreachable,
    )


def _when(value: datetime | None) -> str:
    return fmt.date_time(value) if value else fmt.MISSING


def log_view(db: Database, status: str | None = None) -> LogView:
    counts = outbox.counts(db)
    rows, letters = [], {}
    for row in outbox.mail_log(db, status, LOG_SHOWN):
        outcome = texts.MAIL_STATUS_LABELS[row.status]
        rows.append(
            (
                _when(row.created_at),
                texts.MAIL_KIND_LABELS[row.kind],
                row.recipients,
                row.subject,
                outcome,
                fmt.count(row.attempts),
                _when(row.sent_at),
                row.error or "",
            )
        )
        files = tuple(name for name in (row.attachment_names or "").split(", ") if name)
        letter = Letter(tuple(row.recipients.split(", ")), row.subject, row.body)
        line = texts.MAIL_LOG_LINE.format(when=_when(row.created_at), subject=row.subject)
        detail = texts.MAIL_LOG_OUTCOME.format(
            status=outcome, attempts=fmt.count(row.attempts), files=", ".join(files) or fmt.MISSING
        )
        letters[row.message_id] = (line, letter, detail + (f" {row.error}" if row.error else ""))
    return LogView(
        counts=", ".join(
            texts.MAIL_COUNT.format(count=fmt.count(counts[s]), status=texts.MAIL_STATUS_LABELS[s].lower())
            for s in ("sent", "failed", "queued", "sending", "expired")
            if counts.get(s)
        )
        or texts.MAIL_NONE_YET,
        table=pd.DataFrame(rows, columns=texts.MAIL_LOG_COLUMNS),
        letters=letters,
        to_retry=counts.get("failed", 0) + counts.get("queued", 0),
    )


def send_due(db: Database, user: User, today: date, now: datetime) -> str:
    """What cron does, by hand: record today's messages and send every message waiting. The words for the page."""
    if not user.can("send_mail"):
        raise PermissionError(user.username)
    try:
        return run(db, today, now, user.username).delivery.text
    except MailError as exc:
        raise ValueError(str(exc)) from None


def retry(db: Database, user: User, now: datetime) -> str:
    """Send again the messages waiting or failed."""
    if not user.can("send_mail"):
        raise PermissionError(user.username)
    try:
        return deliver(db, mail_config(), now).text
    except MailError as exc:
        raise ValueError(str(exc)) from None


def marker(db: Database) -> tuple:
    """Changes with the messages, the contacts and the digest list: the key of a cached preview."""
    return tuple(db.one("mail_marker")._asdict().values())


def recipients(db: Database) -> list[Recipient]:
    return outbox.digest_recipients(db)
