-- Visit notes (drafts and signed), their addenda, and a full-text index over them.
-- The index lives inside the encrypted file like every other table.

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients (id),
    content     TEXT NOT NULL,          -- JSON: the NoteContent
    visit_date  TEXT NOT NULL,
    author_id   INTEGER REFERENCES users (id),
    author      TEXT NOT NULL,
    signed_by   TEXT NOT NULL DEFAULT '',
    signed_at   TEXT,
    row_version INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX notes_by_patient ON notes (patient_id, visit_date);

CREATE TABLE note_addenda (
    id       INTEGER PRIMARY KEY,
    note_id  INTEGER NOT NULL REFERENCES notes (id),
    text     TEXT NOT NULL,
    author   TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX note_addenda_by_note ON note_addenda (note_id, id);

CREATE VIRTUAL TABLE note_search USING fts5 (text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
