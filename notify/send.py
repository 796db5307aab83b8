"""Recording and sending: the day's run (`python -m etl notify`, page Thư điện tử) and the messages a person's
action writes at once (a receipt on an upload, a notice of a returned report)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core import texts
from core.db import Database
from core.mail import MailError, mail_config
from core.outbox import Delivery, Planned, deliver, record
from notify.due import DueMail, due_mail


@dataclass(frozen=True)
class Run:
    due: DueMail
    recorded: list[int]  # the messages this run wrote down
    delivery: Delivery  # what it sent, of those and of any left waiting before


def run(db: Database, today: date, now: datetime, actor: str) -> Run:
    """Write down the messages due on `today`, then send every message waiting (failed ones again).
    MailError for a wrong setting; with e-mail off, nothing is recorded (the due mail can still be read)."""
    config = mail_config()
    due = due_mail(db, today)
    if config is None:
        return Run(due, [], Delivery(errors=[texts.MAIL_OFF]))
    recorded = record(db, due.planned, actor, now)
    return Run(due, recorded, deliver(db, config, now))


def send_now(db: Database, planned: list[Planned], actor: str, now: datetime, sent: str, not_sent: str) -> str | None:
    """Record and send these messages at once; a sentence for the person (`sent` or `not_sent` filled in), or
    None when e-mail is off or there is nobody to write to. A failure never undoes the action: the message
    stays recorded and the next run sends it."""
    planned = [p for p in planned if p.letter.recipients]
    try:
        config = mail_config()
    except MailError as exc:
        return not_sent.format(error=exc)
    if config is None or not planned:
        return None
    done = deliver(db, config, now, record(db, planned, actor, now))
    if done.failed:
        return not_sent.format(error=" ".join(done.errors))
    return sent.format(recipients=", ".join(dict.fromkeys(r for p in planned for r in p.letter.recipients)))
