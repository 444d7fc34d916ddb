-- Medication orders: the regimen timeline. A dose change ends one order (status
-- 'changed') and starts the next, which points back to it through previous_id.

CREATE TABLE medication_orders (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients (id),
    drug_id       TEXT,
    status        TEXT NOT NULL CHECK (status IN ('active', 'changed', 'stopped')),
    start_date    TEXT NOT NULL,
    end_date      TEXT,
    previous_id   INTEGER REFERENCES medication_orders (id),
    row_version   INTEGER NOT NULL DEFAULT 1,
    data          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES users (id)
);
CREATE INDEX medication_orders_by_patient ON medication_orders (patient_id, status, start_date);
CREATE INDEX medication_orders_by_drug ON medication_orders (drug_id, status);

-- A contraindicated combination saved anyway: who decided, and why.
CREATE TABLE safety_overrides (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES medication_orders (id),
    rule_ids   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    at         TEXT NOT NULL,
    user_id    INTEGER REFERENCES users (id)
);
