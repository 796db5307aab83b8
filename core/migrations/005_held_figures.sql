-- A figure that breaks a validation rule (a numerator above its denominator, a cumulative figure that fell,
-- a stock that jumped, a summary that disagrees with its commune sheet) never decides a verdict silently
-- (issue 17): its sender must give a reason to submit it, and it stays out of every aggregate until the
-- secretariat confirms it or a corrected report replaces it.

ALTER TABLE submissions ADD COLUMN sender_reason TEXT;  -- why the sender submitted despite the broken rules

CREATE TABLE held_figures (
    submission_id   INTEGER NOT NULL,
    element_code    TEXT NOT NULL,
    problem         TEXT NOT NULL,  -- the broken rule in words, as the sender read it at upload
    state           TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'correction')),
    decided_by      TEXT,           -- the secretariat's account that confirmed it or asked for a correction
    decided_at      TIMESTAMP,
    decision_reason TEXT,
    PRIMARY KEY (submission_id, element_code)
);
