-- The signed roster: each change to who may sign in, and how, signed by a prescriber.
-- Append-only like the audit trail; check verifies every signature.
CREATE TABLE roster (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    username      TEXT NOT NULL,
    role          TEXT NOT NULL,
    active        INTEGER NOT NULL,
    sign_public   TEXT,
    signer        TEXT NOT NULL,
    signer_public TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    signature     TEXT NOT NULL
);

CREATE TRIGGER roster_is_append_only_update BEFORE UPDATE ON roster
BEGIN
    SELECT RAISE(ABORT, 'roster entries cannot be changed');
END;

CREATE TRIGGER roster_is_append_only_delete BEFORE DELETE ON roster
BEGIN
    SELECT RAISE(ABORT, 'roster entries cannot be deleted');
END;

-- Rows changed since the last seal. At every lock the session's user signs a digest of
-- each (as part of the audit seal), so a record changed later with the data key alone no
-- longer matches what was signed.
CREATE TABLE unsealed (
    tbl    TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

CREATE TRIGGER unsealed_patients_insert AFTER INSERT ON patients
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('patients', NEW.id);
END;

CREATE TRIGGER unsealed_patients_update AFTER UPDATE ON patients
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('patients', NEW.id);
END;

CREATE TRIGGER unsealed_patients_delete AFTER DELETE ON patients
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('patients', OLD.id);
END;

CREATE TRIGGER unsealed_medication_orders_insert AFTER INSERT ON medication_orders
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('medication_orders', NEW.id);
END;

CREATE TRIGGER unsealed_medication_orders_update AFTER UPDATE ON medication_orders
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('medication_orders', NEW.id);
END;

CREATE TRIGGER unsealed_medication_orders_delete AFTER DELETE ON medication_orders
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('medication_orders', OLD.id);
END;

CREATE TRIGGER unsealed_prescriptions_insert AFTER INSERT ON prescriptions
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('prescriptions', NEW.id);
END;

CREATE TRIGGER unsealed_prescriptions_update AFTER UPDATE ON prescriptions
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('prescriptions', NEW.id);
END;

CREATE TRIGGER unsealed_prescriptions_delete AFTER DELETE ON prescriptions
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('prescriptions', OLD.id);
END;

CREATE TRIGGER unsealed_notes_insert AFTER INSERT ON notes
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('notes', NEW.id);
END;

CREATE TRIGGER unsealed_notes_update AFTER UPDATE ON notes
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('notes', NEW.id);
END;

CREATE TRIGGER unsealed_notes_delete AFTER DELETE ON notes
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('notes', OLD.id);
END;

CREATE TRIGGER unsealed_note_addenda_insert AFTER INSERT ON note_addenda
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('note_addenda', NEW.id);
END;

CREATE TRIGGER unsealed_note_addenda_update AFTER UPDATE ON note_addenda
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('note_addenda', NEW.id);
END;

CREATE TRIGGER unsealed_note_addenda_delete AFTER DELETE ON note_addenda
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('note_addenda', OLD.id);
END;

CREATE TRIGGER unsealed_taper_plans_insert AFTER INSERT ON taper_plans
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('taper_plans', NEW.id);
END;

CREATE TRIGGER unsealed_taper_plans_update AFTER UPDATE ON taper_plans
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('taper_plans', NEW.id);
END;

CREATE TRIGGER unsealed_taper_plans_delete AFTER DELETE ON taper_plans
BEGIN
    INSERT OR IGNORE INTO unsealed (tbl, row_id) VALUES ('taper_plans', OLD.id);
END;
