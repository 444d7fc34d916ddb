-- The practice and prescriber profile (one row), prescriptions with serial numbers, and
-- the prescription log (printed, reprinted, voided: who and when).

CREATE TABLE practice_profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    data        TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
);

CREATE TABLE prescriptions (
    id           INTEGER PRIMARY KEY,   -- the serial number printed as Rx #
    patient_id   INTEGER NOT NULL REFERENCES patients (id),
    order_id     INTEGER REFERENCES medication_orders (id),
    status       TEXT NOT NULL CHECK (status IN ('written', 'printed', 'voided')),
    data         TEXT NOT NULL,         -- JSON: the Prescription as printed
    first_printed_at TEXT,
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id)
);
CREATE INDEX prescriptions_by_patient ON prescriptions (patient_id, id);

CREATE TABLE prescription_events (
    id              INTEGER PRIMARY KEY,
    prescription_id INTEGER NOT NULL REFERENCES prescriptions (id),
    kind            TEXT NOT NULL CHECK (kind IN ('written', 'printed', 'reprinted', 'voided')),
    note            TEXT NOT NULL DEFAULT '',
    at              TEXT NOT NULL,
    user_id         INTEGER REFERENCES users (id)
);
CREATE INDEX prescription_events_by_rx ON prescription_events (prescription_id, id);
