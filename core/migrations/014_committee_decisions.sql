-- Decisions of the committee (issue 21, item 3): a meeting's conclusions (kết luận) about a target that lags, the
-- units concerned, who is responsible and by when; checked at the next meetings until closed with a note.

CREATE SEQUENCE decision_id_seq START 1;

CREATE TABLE committee_decisions (
    decision_id    INTEGER PRIMARY KEY DEFAULT nextval('decision_id_seq'),
    plan_id        TEXT NOT NULL,
    period_code    TEXT NOT NULL,        -- the meeting's period
    indicator_code TEXT,                 -- the target concerned (NULL: the plan as a whole)
    unit_codes     TEXT[] NOT NULL,      -- the units concerned (empty: the province)
    decision       TEXT NOT NULL,
    responsible    TEXT NOT NULL,        -- a department or unit: 'Công an tỉnh', 'UBND xã Cao Lộc'
    due_on         DATE,
    value_then     DOUBLE,               -- the province's figure the meeting saw
    recorded_by    TEXT NOT NULL,
    recorded_at    TIMESTAMP NOT NULL,
    closed_by      TEXT,
    closed_at      TIMESTAMP,
    close_note     TEXT
);
