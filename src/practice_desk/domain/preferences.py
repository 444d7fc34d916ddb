"""Practice-wide preferences kept inside the encrypted practice file.

They travel with the practice (a backup restored on a new laptop keeps them) and
hold no patient data. Limits are chosen so that no setting can quietly weaken the
practice: auto-lock cannot be switched off, and a backup reminder comes at least
every three months.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AUTO_LOCK_RANGE = (1, 60)
BACKUP_REMINDER_RANGE = (1, 90)

Paper = Literal["letter", "a4"]
RxLayout = Literal["one", "two"]
HandoutLanguage = Literal["en", "es"]

#: How each choice reads in the Settings dialog and in messages.
PAPER_WORDS: dict[str, str] = {"letter": "US Letter", "a4": "A4"}
RX_LAYOUT_WORDS: dict[str, str] = {
    "one": "One prescription per sheet",
    "two": "Two prescriptions per sheet, with a cut line",
}


class Preferences(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    auto_lock_minutes: int = Field(5, ge=AUTO_LOCK_RANGE[0], le=AUTO_LOCK_RANGE[1])
    backup_reminder_days: int = Field(7, ge=BACKUP_REMINDER_RANGE[0], le=BACKUP_REMINDER_RANGE[1])
    handout_language: HandoutLanguage = "en"
    rx_paper: Paper = "letter"
    rx_layout: RxLayout = "one"
