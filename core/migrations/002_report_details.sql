-- What a loaded report carries beside its values: its warnings, its commune
-- detail (sheet ChiTietXa) and who filled it. A rejected file leaves no trace:
-- the database is exactly as it was before.

ALTER TABLE submissions ADD COLUMN author TEXT;
ALTER TABLE submissions ADD COLUMN report_date TEXT;

CREATE TABLE submission_warnings (
    submission_id INTEGER NOT NULL,
    sheet         TEXT NOT NULL,
    cell          TEXT NOT NULL,
    element_code  TEXT NOT NULL,
    message       TEXT NOT NULL
);

CREATE TABLE submission_communes (
    submission_id        INTEGER NOT NULL,
    commune_code         TEXT NOT NULL,
    commune_name         TEXT NOT NULL,
    held_communication   BOOLEAN,
    count_sessions       DOUBLE,
    count_establishments DOUBLE,
    count_inspected      DOUBLE,
    is_healthy           BOOLEAN
);
