"""Visit notes: drafts (nurses too), signing (prescribers), addenda, full-text search."""

from __future__ import annotations

from practice_desk.domain.changes import Change
from practice_desk.domain.errors import NotPermitted, ValidationError
from practice_desk.domain.notes import Note, NoteContent, search_terms
from practice_desk.domain.users import Permission
from practice_desk.practice.session import Service, use_case


class NotesService(Service):
    """Visit notes: drafts, signing, addenda and full-text search."""

    @use_case(Permission.DRAFT_NOTE, changes=(Change.NOTES,))
    def save_note(
        self,
        patient_id: int,
        content: NoteContent,
        *,
        note_id: int | None = None,
        row_version: int = 0,
    ) -> Note:
        """Create a draft, or update an unsigned one (ConcurrentEdit if it changed meanwhile)."""
        user = self.user
        with self._change():
            if note_id is None:
                note = self._store.notes.add(patient_id, content, user.id or None, user.full_name)
                self._audit("note.drafted", patient_id, {"note_id": note.id})
            else:
                current = self._store.notes.get(note_id)
                if current.signed:
                    raise NotPermitted(
                        "This note is signed; add an addendum instead of editing it."
                    )
                note = self._store.notes.update(note_id, content, row_version)
                self._audit("note.edited", patient_id, {"note_id": note_id})
        return note

    @use_case(Permission.SIGN_NOTE, changes=(Change.NOTES,))
    def sign_note(self, note_id: int, *, row_version: int) -> Note:
        user = self.user
        with self._change():
            note = self._store.notes.sign(note_id, row_version, user.full_name)
            self._audit("note.signed", note.patient_id, {"note_id": note_id})
        return note

    @use_case(Permission.DRAFT_NOTE, changes=(Change.NOTES,))
    def add_addendum(self, note_id: int, text: str) -> Note:
        user = self.user
        if not text.strip():
            raise ValidationError("addendum", "Write the addendum before saving it.")
        with self._change():
            current = self._store.notes.get(note_id)
            if not current.signed:
                raise ValidationError("addendum", "The note is not signed yet; edit it directly.")
            note = self._store.notes.add_addendum(note_id, text.strip(), user.full_name)
            self._audit("note.addendum", note.patient_id, {"note_id": note_id})
        return note

    def __call__(self, patient_id: int) -> list[Note]:
        """``practice.notes(patient_id)``, as before the notes had a service."""
        return self.notes(patient_id)

    @use_case(Permission.VIEW_CHART)
    def notes(self, patient_id: int) -> list[Note]:
        return self._store.notes.for_patient(patient_id)

    @use_case(Permission.VIEW_CHART)
    def search_notes(
        self, text: str, *, patient_id: int | None = None, limit: int = 100
    ) -> list[Note]:
        """Notes containing every word typed (word beginnings match), best first."""
        query = search_terms(text)
        if not query:
            return []
        found = [
            self._store.notes.get(i) for i in self._store.notes.search(query, patient_id, limit)
        ]
        if patient_id is None:
            self._audit_search_hits({n.patient_id for n in found})
        return found

    def _audit_search_hits(self, patient_ids: set[int]) -> None:
        """A search of every chart shows other patients' notes: each chart records it.

        Search runs as the user types, so a chart is recorded once per signed-in session
        rather than at every keystroke; the event never holds the words searched for.
        """
        new = sorted(patient_ids - self.session.search_audited)
        if not new:
            return
        with self._change():
            for pid in new:
                self._audit("note.found_in_search", pid)
        self.session.search_audited.update(new)

    @use_case(Permission.VIEW_CHART)
    def unsigned_notes(self) -> list[tuple[int, int]]:
        return self._store.notes.unsigned()
