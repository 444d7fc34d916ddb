"""Small helpers the tests share."""

from __future__ import annotations

PASSWORD = "correct horse battery"
NURSE_PASSWORD = "nurse staple horse"


def patient_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "family_name": "Quillwhistle",
        "given_name": "Ada",
        "date_of_birth": "1984-03-21",
        "phone": "(555) 555-0142",
    }
    data.update(overrides)
    return data
