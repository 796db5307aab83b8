-- Questions on figures (issue 20, item 4): a secretariat or committee member asks about one figure of a unit's
-- report for a period; the unit's staff answer from their page. Open until answered.

CREATE SEQUENCE question_id_seq START 1;

CREATE TABLE figure_questions (
    question_id  INTEGER PRIMARY KEY DEFAULT nextval('question_id_seq'),
    unit_code    TEXT NOT NULL,
    period_code  TEXT NOT NULL,
    element_code TEXT NOT NULL,
    question     TEXT NOT NULL,
    asked_by     TEXT NOT NULL,
    asked_at     TIMESTAMP NOT NULL,
    answer       TEXT,
    answered_by  TEXT,
    answered_at  TIMESTAMP
);
