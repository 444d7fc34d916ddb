-- Visits booked with the practice (a follow-up date becomes a booked 09:00 follow-up).
CREATE TABLE appointments (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    on_day     TEXT NOT NULL,
    at         TEXT NOT NULL,
    minutes    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'booked',
    outcome    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX appointments_by_day ON appointments (on_day, at);
CREATE INDEX appointments_by_patient ON appointments (patient_id, on_day);

INSERT INTO appointments (patient_id, on_day, at, minutes, kind, note, created_at, created_by,
                          updated_at, updated_by)
SELECT patient_id, due_on, '09:00', 30, 'follow_up', substr(note, 1, 200), updated_at,
       updated_by, updated_at, updated_by
FROM follow_ups;

DROP TABLE follow_ups;
