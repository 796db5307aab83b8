-- Contacts of a reporting unit (issue 20, item 3): the people the secretariat calls or writes to about its
-- reports (name, role, e-mail, telephone), kept by the secretariat.

CREATE SEQUENCE contact_id_seq START 1;

CREATE TABLE unit_contacts (
    contact_id INTEGER PRIMARY KEY DEFAULT nextval('contact_id_seq'),
    unit_code  TEXT NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    added_by   TEXT NOT NULL,
    added_at   TIMESTAMP NOT NULL
);
