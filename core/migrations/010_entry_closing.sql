-- Closing of entry (issue 20, item 2): a plan may say how many days after a report's deadline its units may still
-- upload it (NULL: entry never closes); after that a unit's staff can upload it only through a window the
-- secretariat opens for that unit and report (dated, with a reason, audited).

ALTER TABLE plans ADD COLUMN entry_open_days INTEGER;
UPDATE plans SET file_sha256 = '';  -- every plan is installed again at the next start

CREATE TABLE entry_windows (
    unit_code   TEXT NOT NULL,
    period_code TEXT NOT NULL,
    open_until  DATE NOT NULL,  -- uploads accepted to the end of this day
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    opened_at   TIMESTAMP NOT NULL
);
