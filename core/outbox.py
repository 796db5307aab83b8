"""The record of every e-mail (issue 20, item 3): a message is written down before it is sent, once per event
(a second run the same day finds its events recorded and sends nothing twice), and keeps its outcome: sent,
failed (kept, and tried again by the next run), or expired (a reminder whose deadline passed unsent).

A message is never lost: it is recorded in the same transaction whatever the server does after, and a run that
stops half-way leaves its messages marked 'sending', taken up again after STALE_AFTER.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core import audit, texts
from core.auth import User
from core.contacts import EMAIL, ContactError
from core.db import Database
from core.mail import Attachment, Letter, MailConfig, MailError, MessageRefused, connection

STALE_AFTER = timedelta(minutes=10)  # a message left 'sending' this long by a run that stopped is sent again


@dataclass(frozen=True)
class Planned:
    """A message composed for one event, not yet recorded."""

    event_key: str  # 'reminder/lang-son-2026/2026Q4/08012': one message per event, ever
    kind: str  # reminder | late | accepted | rejected | returned | digest (texts.MAIL_KIND_LABELS)
    letter: Letter
    plan_id: str | None = None
    period_code: str | None = None
    unit_code: str | None = None
    expires_at: datetime | None = None


@dataclass
class Delivery:
    """What one run of sending did."""

    sent: int = 0
    failed: int = 0
    expired: int = 0
    errors: list[str] = field(default_factory=list)  # distinct, in Vietnamese

    @property
    def text(self) -> str:
        words = texts.MAIL_DELIVERY.format(sent=self.sent, failed=self.failed, expired=self.expired)
        return " ".join([words, *self.errors])


def known_events(db: Database, event_keys: Collection[str]) -> set[str]:
    """Of these events, those a message was already recorded for."""
    if not event_keys:
        return set()
    return {row.event_key for row in db.rows("mail_known_events", {"event_keys": list(event_keys)})}


def record(db: Database, planned: list[Planned], created_by: str, now: datetime) -> list[int]:
    """Write the messages down, waiting to be sent; an event already recorded is skipped. Their ids."""
    ids = []
    with db.transaction() as tx:
        for message in planned:
            letter = message.letter
            added = tx.run(
                "insert_mail_message",
                {
                    "event_key": message.event_key,
                    "kind": message.kind,
                    "plan_id": message.plan_id,
                    "period_code": message.period_code,
                    "unit_code": message.unit_code,
                    "recipients": ", ".join(letter.recipients),
                    "subject": letter.subject,
                    "body": letter.body,
                    "created_by": created_by,
                    "created_at": now,
                    "expires_at": message.expires_at,
                },
            )
            if not added:
                continue
            message_id = added[0].message_id
            ids.append(message_id)
            for position, attachment in enumerate(letter.attachments):
                tx.run(
                    "insert_mail_attachment",
                    {
                        "message_id": message_id,
                        "position": position,
                        "file_name": attachment.file_name,
                        "mime_type": attachment.mime_type,
                        "content": attachment.content,
                    },
                )
    return ids


def _claim(db: Database, now: datetime, message_ids: list[int] | None) -> tuple[int, list[tuple[int, Letter]]]:
    """Expire what is too late, then mark the messages this run sends; (expired, [(id, letter)])."""
    with db.transaction() as tx:
        expired = len(tx.run("expire_mail_messages", {"now": now}))
        claimed = tx.run(
            "claim_mail_messages", {"now": now, "stale_before": now - STALE_AFTER, "message_ids": message_ids}
        )
        files: dict[int, list[Attachment]] = {}
        if claimed:
            for row in tx.run("mail_attachments", {"message_ids": [row.message_id for row in claimed]}):
                files.setdefault(row.message_id, []).append(
                    Attachment(row.file_name, row.mime_type, bytes(row.content))
                )
    letters = [
        (
            row.message_id,
            Letter(tuple(row.recipients.split(", ")), row.subject, row.body, tuple(files.get(row.message_id, ()))),
        )
        for row in sorted(claimed, key=lambda row: row.message_id)
    ]
    return expired, letters


def deliver(db: Database, config: MailConfig | None, now: datetime, message_ids: list[int] | None = None) -> Delivery:
    """Send the messages waiting (or only `message_ids`), those that failed before included, over one connection.
    Each outcome is written as it comes: a server that fails half-way leaves the rest marked failed, to retry."""
    if config is None:
        return Delivery(errors=[texts.MAIL_OFF])
    expired, letters = _claim(db, now, message_ids)
    done = Delivery(expired=expired)
    if not letters:
        return done
    pending = list(letters)
    try:
        with connection(config) as server:
            while pending:
                message_id, letter = pending[0]
                try:
                    server.send(letter)
                except MessageRefused as exc:  # this one only; a MailError stops the run for all those left
                    _failed(db, message_id, str(exc), done)
                else:
                    with db.transaction() as tx:
                        tx.run("mark_mail_sent", {"message_id": message_id, "now": now})
                    done.sent += 1
                pending.pop(0)
    except MailError as exc:
        for message_id, _ in pending:
            _failed(db, message_id, str(exc), done)
    return done


def _failed(db: Database, message_id: int, error: str, done: Delivery) -> None:
    with db.transaction() as tx:
        tx.run("mark_mail_failed", {"message_id": message_id, "error": error})
    done.failed += 1
    if error not in done.errors:
        done.errors.append(error)


def mail_log(db: Database, status: str | None = None, limit: int = 500) -> list:
    """The messages recorded, newest first (rows of query mail_log)."""
    return db.rows("mail_log", {"status": status, "limit": limit})


def counts(db: Database) -> dict[str, int]:
    """status -> messages."""
    return {row.status: row.count_messages for row in db.rows("mail_counts")}


# --- the committee's digest list ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    recipient_id: int
    name: str
    email: str


def digest_recipients(db: Database) -> list[Recipient]:
    return [Recipient(**row._asdict()) for row in db.rows("digest_recipients")]


def add_digest_recipient(db: Database, user: User, name: str, email: str, now: datetime) -> int:
    """Someone who receives the digest after each deadline (a committee member, with or without an account)."""
    if not user.can("send_mail"):
        raise PermissionError(user.username)
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise ContactError(texts.CONTACT_MISSING.format(field=texts.CONTACT_NAME))
    if not EMAIL.match(email):
        raise ContactError(texts.CONTACT_BAD_EMAIL.format(found=email))
    row = {"name": name, "email": email}
    with db.transaction() as tx:
        (added,) = tx.run("insert_digest_recipient", row | {"added_by": user.username, "added_at": now})
        audit.record(tx, user.username, "create", "digest_recipient", str(added.recipient_id), None, row)
    return added.recipient_id


def remove_digest_recipient(db: Database, user: User, recipient_id: int) -> None:
    if not user.can("send_mail"):
        raise PermissionError(user.username)
    with db.transaction() as tx:
        removed = tx.run("delete_digest_recipient", {"recipient_id": recipient_id})
        if removed:
            audit.record(tx, user.username, "delete", "digest_recipient", str(recipient_id), removed[0]._asdict(), None)
