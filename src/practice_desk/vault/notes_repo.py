"""Visit notes, their addenda and the full-text index."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from practice_desk.domain.errors import ConcurrentEdit, NotFound
from practice_desk.domain.notes import Addendum, Note, NoteContent
from practice_desk.vault.db import Connection

_COLUMNS = "id, patient_id, content, author, signed_by, signed_at, row_version"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _index(conn: Connection, note_id: int) -> None:
    note = get(conn, note_id)
    text = "\n".join([note.content.text(), *(a.text for a in note.addenda)])
    conn.execute("DELETE FROM note_search WHERE rowid = ?", (note_id,))
    conn.execute("INSERT INTO note_search (rowid, text) VALUES (?, ?)", (note_id, text))


def add(
    conn: Connection, patient_id: int, content: NoteContent, author_id: int | None, author: str
) -> Note:
    now = _now()
    cursor = conn.execute(
        "INSERT INTO notes (patient_id, content, visit_date, author_id, author, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            patient_id,
            content.model_dump_json(),
            content.visit_date.isoformat(),
            author_id,
            author,
            now,
            now,
        ),
    )
    note_id = int(cursor.lastrowid)
    _index(conn, note_id)
    return get(conn, note_id)


def update(conn: Connection, note_id: int, content: NoteContent, row_version: int) -> Note:
    cursor = conn.execute(
        "UPDATE notes SET content = ?, visit_date = ?, row_version = row_version + 1, "
        "updated_at = ? WHERE id = ? AND row_version = ? AND signed_at IS NULL",
        (content.model_dump_json(), content.visit_date.isoformat(), _now(), note_id, row_version),
    )
    if cursor.rowcount != 1:
        raise ConcurrentEdit("note")
    _index(conn, note_id)
    return get(conn, note_id)


def sign(conn: Connection, note_id: int, row_version: int, signer: str) -> Note:
    cursor = conn.execute(
        "UPDATE notes SET signed_by = ?, signed_at = ?, row_version = row_version + 1 "
        "WHERE id = ? AND row_version = ? AND signed_at IS NULL",
        (signer, _now(), note_id, row_version),
    )
    if cursor.rowcount != 1:
        raise ConcurrentEdit("note")
    return get(conn, note_id)


def add_addendum(conn: Connection, note_id: int, text: str, author: str) -> Note:
    conn.execute(
        "INSERT INTO note_addenda (note_id, text, author, at) VALUES (?, ?, ?, ?)",
        (note_id, text, author, _now()),
    )
    _index(conn, note_id)
    return get(conn, note_id)


def _note(conn: Connection, row: tuple[Any, ...]) -> Note:
    addenda = conn.execute(
        "SELECT text, author, at FROM note_addenda WHERE note_id = ? ORDER BY id", (row[0],)
    ).fetchall()
    return Note(
        id=row[0],
        patient_id=row[1],
        content=NoteContent.model_validate_json(row[2]),
        author=row[3],
        signed_by=row[4],
        signed_at=datetime.fromisoformat(row[5]) if row[5] else None,
        addenda=tuple(
            Addendum(text=a[0], author=a[1], at=datetime.fromisoformat(a[2])) for a in addenda
        ),
        row_version=row[6],
    )


def get(conn: Connection, note_id: int) -> Note:
    row = conn.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no note number {note_id}.")
    return _note(conn, row)


def for_patient(conn: Connection, patient_id: int) -> list[Note]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM notes WHERE patient_id = ? ORDER BY visit_date DESC, id DESC",
        (patient_id,),
    ).fetchall()
    return [_note(conn, r) for r in rows]


def search(
    conn: Connection, query: str, patient_id: int | None = None, limit: int = 100
) -> list[int]:
    """Ids of notes matching an FTS5 query, best match first."""
    sql = (
        "SELECT s.rowid FROM note_search s JOIN notes n ON n.id = s.rowid WHERE note_search MATCH ?"
    )
    params: list[Any] = [query]
    if patient_id is not None:
        sql += " AND n.patient_id = ?"
        params.append(patient_id)
    sql += " ORDER BY rank LIMIT ?"
    params.append(limit)
    return [int(r[0]) for r in conn.execute(sql, params).fetchall()]


def unsigned(conn: Connection) -> list[tuple[int, int]]:
    """(note id, patient id) of every unsigned note, for the Today view."""
    rows = conn.execute(
        "SELECT id, patient_id FROM notes WHERE signed_at IS NULL ORDER BY visit_date"
    ).fetchall()
    return [(int(r[0]), int(r[1])) for r in rows]
