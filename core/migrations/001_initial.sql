-- Initial schema: reference units, periods, catalogue, plans, submissions, audit.
-- No foreign keys: DuckDB refuses to update or replace a row that another
-- table references, even on columns the reference does not use. The loaders
-- check references instead (plan validation, report checks).

CREATE TABLE unit_structures (
    structure   TEXT PRIMARY KEY,          -- 'pre2025' | 'post2025'
    label       TEXT NOT NULL,
    valid_from  DATE,                      -- NULL: since before any data we hold
    valid_to    DATE                       -- NULL: still in force
);

CREATE TABLE units (
    structure   TEXT NOT NULL,
    unit_code   TEXT NOT NULL,             -- GSO code as written officially
    name        TEXT NOT NULL,
    unit_type   TEXT NOT NULL,             -- Vietnamese type word: huyện, quận, xã ...
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent_code TEXT,
    valid_from  DATE,                      -- a unit's own change inside its structure
    valid_to    DATE,
    PRIMARY KEY (structure, unit_code)
);

CREATE TABLE periods (
    period_code TEXT PRIMARY KEY,          -- DHIS2 style: 2023Q2, 2023S1, 2023
    period_type TEXT NOT NULL CHECK (period_type IN ('quarter', 'half_year', 'year')),
    year        INTEGER NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL
);

CREATE TABLE data_elements (
    element_code TEXT PRIMARY KEY,
    section_code TEXT NOT NULL,
    label        TEXT NOT NULL,
    unit_label   TEXT NOT NULL,
    nature       TEXT NOT NULL CHECK (nature IN ('stock', 'cumulative', 'flow')),
    value_type   TEXT NOT NULL CHECK (value_type IN ('integer', 'decimal')),
    sort_order   INTEGER NOT NULL
);

CREATE TABLE indicators (
    indicator_code      TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('ratio', 'total', 'timeliness')),
    numerator_element   TEXT,
    denominator_element TEXT,
    unit_label          TEXT NOT NULL,
    sort_order          INTEGER NOT NULL
);

CREATE TABLE plans (
    plan_id         TEXT PRIMARY KEY,
    province_code   TEXT NOT NULL,
    province_name   TEXT NOT NULL,
    year            INTEGER NOT NULL,
    structure       TEXT NOT NULL,
    title           TEXT NOT NULL,
    document_number TEXT NOT NULL,
    issued_by       TEXT NOT NULL,
    issued_on       TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    file_sha256     TEXT NOT NULL,         -- of the plan file it was loaded from
    loaded_at       TIMESTAMP NOT NULL
);

CREATE TABLE plan_units (
    plan_id   TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    PRIMARY KEY (plan_id, unit_code)
);

CREATE TABLE plan_deadlines (
    plan_id          TEXT NOT NULL,
    period_type      TEXT NOT NULL CHECK (period_type IN ('quarter', 'half_year', 'year')),
    deadline_day     INTEGER NOT NULL,
    months_after_end INTEGER NOT NULL,
    is_default       BOOLEAN NOT NULL,     -- date taken from DOMAIN.md section 5, not the plan
    source_text      TEXT,
    PRIMARY KEY (plan_id, period_type)
);

CREATE TABLE targets (
    plan_id        TEXT NOT NULL,
    target_id      TEXT NOT NULL,
    indicator_code TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('min_percent', 'all', 'min_count', 'range', 'per_month', 'monitor')),
    value_min      DOUBLE,                 -- fraction for percentages, count otherwise
    value_max      DOUBLE,
    label          TEXT NOT NULL,
    source_text    TEXT NOT NULL,
    sort_order     INTEGER NOT NULL,
    PRIMARY KEY (plan_id, target_id)
);

CREATE SEQUENCE submission_id_seq START 1;

CREATE TABLE submissions (
    submission_id     INTEGER PRIMARY KEY DEFAULT nextval('submission_id_seq'),
    file_sha256       TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    archive_path      TEXT NOT NULL,       -- relative to the archive folder
    unit_code         TEXT NOT NULL,
    period_code       TEXT NOT NULL,
    received_at       TIMESTAMP NOT NULL,
    first_received_at TIMESTAMP NOT NULL,  -- of the first version: timeliness keeps it
    sender            TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('current', 'superseded')),
    superseded_by     INTEGER
);

CREATE TABLE submission_values (
    submission_id INTEGER NOT NULL,
    element_code  TEXT NOT NULL,
    value         DOUBLE NOT NULL,         -- a blank or 'x' is no row: missing is not zero
    PRIMARY KEY (submission_id, element_code)
);

CREATE SEQUENCE audit_id_seq START 1;

CREATE TABLE audit_log (
    audit_id    INTEGER PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    logged_at   TIMESTAMP NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
);
