-- Laboratory results, rating-scale results, taper plans with their history, and each
-- patient's next follow-up.

CREATE TABLE lab_results (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    test_id     TEXT NOT NULL,
    value       REAL,            -- NULL for a result in words (e.g. HLA-B*15:02 negative)
    text        TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    taken_on    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users (id)
);
CREATE INDEX lab_results_by_patient ON lab_results (patient_id, test_id, taken_on);

CREATE TABLE scale_results (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    scale_id    TEXT NOT NULL,
    answers     TEXT NOT NULL,   -- JSON: item id -> answer
    total       INTEGER NOT NULL,
    band        TEXT NOT NULL,
    flags       TEXT NOT NULL,   -- JSON list of flag ids
    taken_on    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users (id)
);
CREATE INDEX scale_results_by_patient ON scale_results (patient_id, scale_id, taken_on);

CREATE TABLE taper_plans (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    order_id    INTEGER REFERENCES medication_orders (id),
    drug_id     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('active', 'completed', 'abandoned')),
    plan        TEXT NOT NULL,   -- JSON: the TaperPlan with its (possibly moved) steps
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    updated_at  TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
);
CREATE INDEX taper_plans_by_patient ON taper_plans (patient_id, status);

CREATE TABLE taper_events (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES taper_plans (id),
    kind      TEXT NOT NULL,     -- started, hold, extend, step_back, replan, symptoms, ended
    step      INTEGER,
    data      TEXT NOT NULL,     -- JSON details (symptom entry, days, reason)
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users (id)
);
CREATE INDEX taper_events_by_plan ON taper_events (plan_id, id);

CREATE TABLE follow_ups (
    patient_id INTEGER PRIMARY KEY REFERENCES patients (id),
    due_on     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id)
);
CREATE INDEX follow_ups_by_date ON follow_ups (due_on);
