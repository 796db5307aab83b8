-- E-mail (issue 20, item 3): every message the product composes is recorded before it is sent, with its
-- attachments, and keeps its outcome (sent, failed and to be retried, expired); the committee's digest list.

CREATE SEQUENCE mail_message_id_seq START 1;

CREATE TABLE mail_messages (
    message_id      INTEGER PRIMARY KEY DEFAULT nextval('mail_message_id_seq'),
    event_key       TEXT NOT NULL,         -- one message per event: 'reminder/lang-son-2026/2026Q4/08012'
    kind            TEXT NOT NULL,         -- reminder | late | accepted | rejected | returned | digest
    plan_id         TEXT,
    period_code     TEXT,
    unit_code       TEXT,
    recipients      TEXT NOT NULL,         -- addresses, ', '-separated
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP,             -- a reminder is not sent once its deadline has passed
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'expired')),
    attempts        INTEGER NOT NULL,
    last_attempt_at TIMESTAMP,
    sent_at         TIMESTAMP,
    error           TEXT                   -- the last failure, in Vietnamese
);

CREATE TABLE mail_attachments (
    message_id INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    mime_type  TEXT NOT NULL,
    content    BLOB NOT NULL,
    PRIMARY KEY (message_id, position)
);

CREATE SEQUENCE digest_recipient_id_seq START 1;

CREATE TABLE digest_recipients (
    recipient_id INTEGER PRIMARY KEY DEFAULT nextval('digest_recipient_id_seq'),
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     TIMESTAMP NOT NULL
);
