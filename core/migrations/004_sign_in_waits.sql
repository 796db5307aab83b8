-- Sign-in waits instead of an account lock-out (issue 15, finding 6; the rules are in core/auth.py).
-- A failure is remembered by the client the server saw and by a keyed hash of the name as typed, never the
-- typed text (a password typed in the name box must not be stored). A new password or a deactivation ends
-- the account's sessions signed in before it.

ALTER TABLE users DROP COLUMN failed_attempts;  -- the account-wide lock let anyone lock the owner out
ALTER TABLE users DROP COLUMN locked_until;
ALTER TABLE users ADD COLUMN sessions_valid_from TIMESTAMP;  -- a session signed in before this has ended

CREATE TABLE sign_in_failures (
    failed_at  TIMESTAMP NOT NULL,
    client_key TEXT NOT NULL,  -- the address the server saw (an IPv6 client by its /64), 'local' for the server
    name_key   TEXT NOT NULL   -- HMAC-SHA256 of the name as typed, keyed by sign_in_secret
);

-- Where an account signed in with its password lately: its owner's usual place, not slowed by strangers'
-- failures at its name. One row per name and client (replaced on each sign-in).
CREATE TABLE sign_in_known_clients (
    name_key          TEXT NOT NULL,
    client_key        TEXT NOT NULL,
    last_signed_in_at TIMESTAMP NOT NULL
);

-- The key of the name hashes: random, made by core/auth.py on first use, never shown.
CREATE TABLE sign_in_secret (
    secret_id  INTEGER PRIMARY KEY CHECK (secret_id = 1),
    secret_hex TEXT NOT NULL
);
