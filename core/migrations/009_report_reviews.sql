-- The review of a report (issue 20, item 1): the secretariat approves the current version of a unit's report
-- for a period (then it is locked: no replacement until reopened), or returns it with a reason (and notes on
-- cells, if wanted) for the unit to send it again. Each decision is a row; the latest row of a unit and period
-- about its current version is the report's state (core/reviews.py).

CREATE SEQUENCE review_id_seq START 1;

CREATE TABLE report_reviews (
    review_id     INTEGER PRIMARY KEY DEFAULT nextval('review_id_seq'),
    unit_code     TEXT NOT NULL,
    period_code   TEXT NOT NULL,
    submission_id INTEGER NOT NULL,  -- the version decided on
    decision      TEXT NOT NULL CHECK (decision IN ('approved', 'returned', 'reopened')),
    reason        TEXT,              -- required to return or reopen
    cells_json    TEXT,              -- returned: [{"element_code": "KT02", "note": "..."}]
    actor         TEXT NOT NULL,
    decided_at    TIMESTAMP NOT NULL
);
