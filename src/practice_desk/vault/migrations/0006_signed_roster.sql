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
-- longer matches what was signed. (Not INSERT OR IGNORE: a trigger takes the conflict
-- policy of the statement that fired it, so an upsert into meta would abort.)
CREATE TABLE unsealed (
    tbl    TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

CREATE TRIGGER unsealed_meta_insert AFTER INSERT ON meta
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'meta', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'meta' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_meta_update AFTER UPDATE ON meta
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'meta', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'meta' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_meta_delete AFTER DELETE ON meta
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'meta', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'meta' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_patients_insert AFTER INSERT ON patients
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'patients', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'patients' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_patients_update AFTER UPDATE ON patients
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'patients', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'patients' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_patients_delete AFTER DELETE ON patients
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'patients', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'patients' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_medication_orders_insert AFTER INSERT ON medication_orders
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'medication_orders', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'medication_orders' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_medication_orders_update AFTER UPDATE ON medication_orders
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'medication_orders', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'medication_orders' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_medication_orders_delete AFTER DELETE ON medication_orders
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'medication_orders', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'medication_orders' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_safety_overrides_insert AFTER INSERT ON safety_overrides
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'safety_overrides', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'safety_overrides' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_safety_overrides_update AFTER UPDATE ON safety_overrides
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'safety_overrides', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'safety_overrides' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_safety_overrides_delete AFTER DELETE ON safety_overrides
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'safety_overrides', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'safety_overrides' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_prescriptions_insert AFTER INSERT ON prescriptions
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'prescriptions', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'prescriptions' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_prescriptions_update AFTER UPDATE ON prescriptions
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'prescriptions', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'prescriptions' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_prescriptions_delete AFTER DELETE ON prescriptions
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'prescriptions', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'prescriptions' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_practice_profile_insert AFTER INSERT ON practice_profile
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'practice_profile', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'practice_profile' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_practice_profile_update AFTER UPDATE ON practice_profile
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'practice_profile', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'practice_profile' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_practice_profile_delete AFTER DELETE ON practice_profile
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'practice_profile', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'practice_profile' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_notes_insert AFTER INSERT ON notes
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'notes', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'notes' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_notes_update AFTER UPDATE ON notes
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'notes', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'notes' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_notes_delete AFTER DELETE ON notes
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'notes', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'notes' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_note_addenda_insert AFTER INSERT ON note_addenda
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'note_addenda', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'note_addenda' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_note_addenda_update AFTER UPDATE ON note_addenda
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'note_addenda', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'note_addenda' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_note_addenda_delete AFTER DELETE ON note_addenda
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'note_addenda', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'note_addenda' AND row_id = OLD.rowid);
END;

CREATE TRIGGER unsealed_taper_plans_insert AFTER INSERT ON taper_plans
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'taper_plans', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'taper_plans' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_taper_plans_update AFTER UPDATE ON taper_plans
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'taper_plans', NEW.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'taper_plans' AND row_id = NEW.rowid);
END;

CREATE TRIGGER unsealed_taper_plans_delete AFTER DELETE ON taper_plans
BEGIN
    INSERT INTO unsealed (tbl, row_id) SELECT 'taper_plans', OLD.rowid
    WHERE NOT EXISTS (SELECT 1 FROM unsealed WHERE tbl = 'taper_plans' AND row_id = OLD.rowid);
END;
