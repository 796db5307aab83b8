-- Accounts of the dashboard and the units each one reports for. Passwords are argon2id hashes;
-- nothing here holds a password in clear. Sign-in attempts, good or bad, go to audit_log.

CREATE TABLE users (
    username        TEXT PRIMARY KEY,      -- lower-case ASCII, see core/auth.py
    full_name       TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'secretariat', 'unit_staff', 'committee')),
    password_hash   TEXT NOT NULL,
    is_active       BOOLEAN NOT NULL,
    failed_attempts INTEGER NOT NULL,      -- wrong passwords in a row since the last good one
    locked_until    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    last_sign_in_at TIMESTAMP
);

CREATE TABLE user_units (
    username  TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    PRIMARY KEY (username, unit_code)
);
