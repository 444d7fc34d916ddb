"""The chart: one tab per part of the record, each a widget over the Practice facade.

Every tab follows the same small contract so the chart can host it:

- ``__init__(self, practice: Practice, parent: QWidget | None = None)``
- ``show_patient(self, patient_id: int) -> None`` loads (or reloads) that patient;
- ``clear(self) -> None`` forgets the patient (called on lock);
- a ``changed`` signal (no arguments) emitted after the tab saved something, so other
  tabs and the patient list can refresh.

No clinical rule and no SQL in a tab: it reads a form, calls the facade, shows the result
or the error (``str(error)`` of a PracticeError) next to the form.
"""
