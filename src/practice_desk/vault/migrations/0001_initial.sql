-- Users, patients and the audit trail.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL UNIQUE,
    full_name  TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('prescriber', 'nurse')),
    slot_id    TEXT NOT NULL UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    removed_at TEXT
);

-- The full record is the pydantic document in `data`; the other columns are the
-- normalised keys the patient list searches on.
CREATE TABLE patients (
    id            INTEGER PRIMARY KEY,
    chart_number  TEXT NOT NULL UNIQUE,
    family_key    TEXT NOT NULL,
    given_key     TEXT NOT NULL,
    preferred_key TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    phone_rev     TEXT NOT NULL,
    archived      INTEGER NOT NULL DEFAULT 0,
    row_version   INTEGER NOT NULL DEFAULT 1,
    data          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES users (id)
);
CREATE INDEX patients_by_family ON patients (family_key, given_key);
CREATE INDEX patients_by_given ON patients (given_key);
CREATE INDEX patients_by_preferred ON patients (preferred_key);
CREATE INDEX patients_by_birth ON patients (date_of_birth);
CREATE INDEX patients_by_phone ON patients (phone_rev);

CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user_id    INTEGER,
    username   TEXT NOT NULL,
    action     TEXT NOT NULL,
    patient_id INTEGER,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_by_patient ON audit (patient_id, seq);

CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be changed');
END;

CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit events cannot be deleted');
END;
